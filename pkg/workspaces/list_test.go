package workspaces

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// In tenThousand, ws-N is dedicated when 5 divides N and in cluster-(N mod 3).
func TestListFiltersByPlanAndCluster(t *testing.T) {
	all := tenThousand()
	cases := []struct {
		q     Query
		total int
		first []string
	}{
		{Query{Plans: []string{"dedicated"}, PerPage: 3}, 2000, []string{"ws-00005", "ws-00010", "ws-00015"}},
		{Query{Clusters: []string{"cluster-0"}, PerPage: 3}, 3333, []string{"ws-00003", "ws-00006", "ws-00009"}},
		{Query{Clusters: []string{"cluster-0", "cluster-2", "cluster-0"}, PerPage: 3}, 6666, []string{"ws-00002", "ws-00003", "ws-00005"}},
		{Query{Plans: []string{"dedicated"}, Clusters: []string{"cluster-0"}, PerPage: 3}, 666, []string{"ws-00015", "ws-00030", "ws-00045"}},
		{Query{Plans: []string{"dedicated"}, Clusters: []string{"cluster-0"}, Page: 167, PerPage: 4}, 666, []string{"ws-09975", "ws-09990"}},
		{Query{Plans: []string{"shared", "dedicated"}, Page: 2, PerPage: 2}, 10000, []string{"ws-00003", "ws-00004"}},
		{Query{Search: "ws-001", Plans: []string{"dedicated"}, PerPage: 3}, 20, []string{"ws-00100", "ws-00105", "ws-00110"}},
		{Query{Search: " WS-01 ", Plans: []string{"dedicated"}, Clusters: []string{"cluster-1"}}, 67, []string{
			"ws-01000", "ws-01015", "ws-01030", "ws-01045", "ws-01060", "ws-01075", "ws-01090", "ws-01105", "ws-01120", "ws-01135",
			"ws-01150", "ws-01165", "ws-01180", "ws-01195", "ws-01210", "ws-01225", "ws-01240", "ws-01255", "ws-01270", "ws-01285",
			"ws-01300", "ws-01315", "ws-01330", "ws-01345", "ws-01360", "ws-01375", "ws-01390", "ws-01405", "ws-01420", "ws-01435",
			"ws-01450", "ws-01465", "ws-01480", "ws-01495", "ws-01510", "ws-01525", "ws-01540", "ws-01555", "ws-01570", "ws-01585",
			"ws-01600", "ws-01615", "ws-01630", "ws-01645", "ws-01660", "ws-01675", "ws-01690", "ws-01705", "ws-01720", "ws-01735",
		}},
		{Query{Plans: []string{"Dedicated", "gold"}}, 0, []string{}},
		{Query{Clusters: []string{""}}, 0, []string{}},
		{Query{Plans: []string{"dedicated"}, Page: 41, PerPage: 50}, 2000, []string{}},
	}
	for _, c := range cases {
		p := all.List(c.q)
		ids := []string{}
		for _, e := range p.Items {
			ids = append(ids, e.ID)
		}
		if p.Total != c.total || !reflect.DeepEqual(ids, c.first) {
			t.Errorf("%+v: total %d, items %v; want %d, %v", c.q, p.Total, ids, c.total, c.first)
		}
	}
}

// A workspace without a cluster or plan label is found by asking for the empty value.
func TestListFiltersTheEmptyValue(t *testing.T) {
	x := NewIndex([]agentconfig.Workspace{{ID: "a"}, {ID: "b", ClusterID: "c", Plan: "shared"}}, nil)
	if p := x.List(Query{Clusters: []string{""}, Plans: []string{""}}); p.Total != 1 || len(p.Items) != 1 || p.Items[0].ID != "a" {
		t.Fatalf("%+v", p)
	}
}

// A search reads "id cluster plan" in any case, so it may span the three.
func TestSearchMatchesIDClusterAndPlan(t *testing.T) {
	x := NewIndex([]agentconfig.Workspace{
		{ID: "ab", ClusterID: "c1", Plan: "shared"},
		{ID: "ba", ClusterID: "c2", Plan: "dedicated"},
		{ID: "bb", ClusterID: "c1", Plan: "shared"},
	}, nil)
	cases := map[string][]string{
		"b":            {"ab", "ba", "bb"},
		"B C1":         {"ab", "bb"},
		"ab c1 shared": {"ab"},
		"ated":         {"ba"},
		"a c":          {"ba"},
		"shared\nba":   {},
		"red\nb":       {},
		"d\nbb":        {},
		"x":            {},
	}
	for search, want := range cases {
		p := x.List(Query{Search: search})
		got := []string{}
		for _, e := range p.Items {
			got = append(got, e.ID)
		}
		if p.Total != len(want) || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: total %d, %v; want %v", search, p.Total, got, want)
		}
	}
	if p := NewIndex(nil, nil).List(Query{Search: "a", Plans: []string{"shared"}}); p.Total != 0 || p.Items == nil {
		t.Errorf("an empty index: %+v", p)
	}
}

// A selective search uses the suffix array, a broad one reads every key: both answer what the
// definition does, each entry once, in the index's order.
func TestSearchAnswersAsReadingEveryKey(t *testing.T) {
	all := tenThousand()
	for _, search := range []string{"ws-0", "ws-00", "ws-012", "ws-0999", "9 c", "0 cluster-1 d", "ded", "ared", "s-04242 cluster-1", "ws-1", "d\nws"} {
		var want []string
		for _, e := range all.entries {
			if strings.Contains(strings.ToLower(e.ID+" "+e.ClusterID+" "+e.Plan), search) {
				want = append(want, e.ID)
			}
		}
		p := all.List(Query{Search: search, PerPage: MaxPerPage, Page: 2})
		got := []string{}
		for _, e := range p.Items {
			got = append(got, e.ID)
		}
		wantPage := []string{}
		if len(want) > MaxPerPage {
			wantPage = want[MaxPerPage:min(len(want), 2*MaxPerPage)]
		}
		if p.Total != len(want) || !reflect.DeepEqual(got, wantPage) {
			t.Errorf("%q: total %d, want %d", search, p.Total, len(want))
		}
	}
	few := []agentconfig.Workspace{{ID: "bbbb", ClusterID: "c", Plan: "shared"}}
	for _, e := range all.entries[:20] {
		few = append(few, e.Workspace)
	}
	if p := NewIndex(few, nil).List(Query{Search: "bb"}); p.Total != 1 || p.Items[0].ID != "bbbb" {
		t.Errorf("a key holding the search three times: %+v", p)
	}
}
