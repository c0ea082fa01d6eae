package workspaces

import (
	"fmt"
	"math"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

func TestIndexLetsManualAssignmentsWin(t *testing.T) {
	got := NewIndex(
		[]agentconfig.Workspace{{ID: "ws-2", ClusterID: "c1", Plan: "shared"}, {ID: "ws-1", ClusterID: "c1", Plan: "shared"}, {ID: "ws-1", ClusterID: "c9", Plan: "shared"}, {ID: ""}},
		[]agentconfig.Workspace{{ID: "ws-2", ClusterID: "c2", Plan: "dedicated"}, {ID: "ws-3", ClusterID: "c1", Plan: "shared"}},
	).List(Query{})
	want := []Entry{
		{agentconfig.Workspace{ID: "ws-1", ClusterID: "c1", Plan: "shared"}, "metrics"},
		{agentconfig.Workspace{ID: "ws-2", ClusterID: "c2", Plan: "dedicated"}, "manual,metrics"},
		{agentconfig.Workspace{ID: "ws-3", ClusterID: "c1", Plan: "shared"}, "manual"},
	}
	if !reflect.DeepEqual(got.Items, want) || got.Total != 3 {
		t.Fatalf("NewIndex() = %+v", got)
	}
}

func tenThousand() *Index {
	var discovered []agentconfig.Workspace
	for i := 1; i <= 10000; i++ {
		plan := "shared"
		if i%5 == 0 {
			plan = "dedicated"
		}
		discovered = append(discovered, agentconfig.Workspace{ID: fmt.Sprintf("ws-%05d", i), ClusterID: fmt.Sprintf("cluster-%d", i%3), Plan: plan})
	}
	return NewIndex(discovered, nil)
}

func TestListSearchesAndPagesTenThousandWorkspaces(t *testing.T) {
	all := tenThousand()
	p := all.List(Query{Page: 3, PerPage: 100})
	if p.Total != 10000 || len(p.Items) != 100 || p.Items[0].ID != "ws-00201" {
		t.Fatalf("page 3: total %d, %d items, first %s", p.Total, len(p.Items), p.Items[0].ID)
	}
	p = all.List(Query{Search: "DEDICATED", Page: 1, PerPage: 5000}) // a page larger than allowed is cut to the maximum
	if p.Total != 2000 || p.PerPage != MaxPerPage || len(p.Items) != MaxPerPage {
		t.Fatalf("search: total %d, perPage %d, items %d", p.Total, p.PerPage, len(p.Items))
	}
	if p := all.List(Query{Search: "ws-0999", Page: 9, PerPage: 50}); p.Total != 10 || len(p.Items) != 0 {
		t.Fatalf("a page past the end: %+v", p)
	}
	if e, ok := all.Find("ws-04242"); !ok || e.ClusterID != "cluster-0" {
		t.Fatalf("Find() = %+v, %v", e, ok)
	}
	if _, ok := all.Find("ws-99999"); ok {
		t.Fatal("found a workspace that does not exist")
	}
}

// Page numbers far past the end, up to the largest integer, answer an empty page: no overflow.
func TestListNeverOverflows(t *testing.T) {
	all := tenThousand()
	for _, q := range []Query{{Page: math.MaxInt, PerPage: math.MaxInt}, {Page: MaxPage, PerPage: MaxPerPage}, {Page: math.MinInt, PerPage: math.MinInt}} {
		p := all.List(q)
		if p.Total != 10000 || p.PerPage < 1 || p.PerPage > MaxPerPage || p.Page < 1 || p.Page > MaxPage {
			t.Errorf("%+v: %+v", q, p)
		}
	}
}

func TestParseQueryNamesEachBrokenParameter(t *testing.T) {
	cases := []struct {
		raw  string
		want Query
		errs []agentconfig.FieldError
	}{
		{"", Query{Page: 1, PerPage: DefaultPerPage}, nil},
		{"search=ws-1&page=2&perPage=500&other=x", Query{Search: "ws-1", Page: 2, PerPage: 500}, nil},
		{"page=9223372036854775807", Query{Page: 1, PerPage: DefaultPerPage}, []agentconfig.FieldError{{Field: "page", Rule: PageRule}}},
		{"page=99999999999999999999999", Query{Page: 1, PerPage: DefaultPerPage}, []agentconfig.FieldError{{Field: "page", Rule: PageRule}}},
		{"page=0&perPage=-1", Query{Page: 1, PerPage: DefaultPerPage}, []agentconfig.FieldError{{Field: "page", Rule: PageRule}, {Field: "perPage", Rule: PerPageRule}}},
		{"page=1.5&perPage=501", Query{Page: 1, PerPage: DefaultPerPage}, []agentconfig.FieldError{{Field: "page", Rule: PageRule}, {Field: "perPage", Rule: PerPageRule}}},
		{"page=&perPage=abc", Query{Page: 1, PerPage: DefaultPerPage}, []agentconfig.FieldError{{Field: "page", Rule: PageRule}, {Field: "perPage", Rule: PerPageRule}}},
		{"page=1&page=2", Query{Page: 1, PerPage: DefaultPerPage}, []agentconfig.FieldError{{Field: "page", Rule: RepeatedRule}}},
		{"search=" + strings.Repeat("x", MaxSearch+1), Query{Page: 1, PerPage: DefaultPerPage}, []agentconfig.FieldError{{Field: "search", Rule: SearchRule}}},
		{"plan=shared&cluster=c-1&plan=dedicated&cluster=", Query{Plans: []string{"shared", "dedicated"}, Clusters: []string{"c-1", ""}, Page: 1, PerPage: DefaultPerPage}, nil},
		{manyValues("plan", MaxFilterValues, "p") + "&" + manyValues("cluster", 1, strings.Repeat("あ", MaxFilterValue)),
			Query{Plans: strings.Split(strings.Repeat("p ", MaxFilterValues-1)+"p", " "), Clusters: []string{strings.Repeat("あ", MaxFilterValue)}, Page: 1, PerPage: DefaultPerPage}, nil},
		{manyValues("plan", MaxFilterValues+1, "p") + "&" + manyValues("cluster", 2, strings.Repeat("x", MaxFilterValue+1)) + "&page=0",
			Query{Page: 1, PerPage: DefaultPerPage}, []agentconfig.FieldError{{Field: "plan", Rule: FilterCountRule}, {Field: "cluster", Rule: FilterValueRule}, {Field: "page", Rule: PageRule}}},
		{"cluster=c-1&cluster=" + strings.Repeat("x", MaxFilterValue+1) + "&search=a&search=b", Query{Search: "a", Page: 1, PerPage: DefaultPerPage},
			[]agentconfig.FieldError{{Field: "search", Rule: RepeatedRule}, {Field: "cluster", Rule: FilterValueRule}}},
	}
	for _, c := range cases {
		v, _ := url.ParseQuery(c.raw)
		got, errs := ParseQuery(v)
		if !reflect.DeepEqual(got, c.want) || !reflect.DeepEqual(errs, c.errs) {
			t.Errorf("%.40s: %+v %v", c.raw, got, errs)
		}
	}
}

func manyValues(name string, n int, value string) string {
	v := url.Values{}
	for range n {
		v.Add(name, value)
	}
	return v.Encode()
}
