package fleethealth

import (
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// fleet: a workspace per case of the health order, two plans and two clusters, one added by hand
// and never reported.
func fleet() (*workspaces.Index, *Readings) {
	index := workspaces.NewIndex([]agentconfig.Workspace{
		{ID: "ws-down", ClusterID: "c1", Plan: "shared"},
		{ID: "ws-fine", ClusterID: "c1", Plan: "shared"},
		{ID: "ws-burn", ClusterID: "c2", Plan: "dedicated"},
		{ID: "ws-silent", ClusterID: "c2", Plan: "shared"},
		{ID: "ws-slow", ClusterID: "c1", Plan: "dedicated"},
		{ID: "ws-tie", ClusterID: "c2", Plan: "shared"},
	}, []agentconfig.Workspace{{ID: "ws-manual", ClusterID: "c1", Plan: "shared"}})
	queries := Queries(0.1)
	samples := make([][]Sample, len(queries))
	add := func(s Signal, id string, v float64, resource string) {
		samples[s] = append(samples[s], Sample{WorkspaceID: id, Value: v, Resource: resource})
	}
	for _, id := range []string{"ws-down", "ws-fine", "ws-burn", "ws-slow", "ws-tie"} {
		add(DataAge, id, 30, "")
		add(VClustersTotal, id, 2, "")
		add(VClustersDown, id, 0, "")
		add(BudgetRemaining, id, 0.9, "")
	}
	add(VClustersDown, "ws-down", 1, "")
	add(ErrorRatio, "ws-fine", 0.01, "")
	add(QuotaUsage, "ws-fine", 0.5, "memory")
	add(QuotaUsage, "ws-fine", 0.5, "cpu") // a tie names the first resource by name
	add(QuotaUsage, "ws-fine", 0.2, "storage")
	add(BurnRate1h, "ws-burn", 28.8, "")
	add(BudgetRemaining, "ws-burn", -0.5, "")
	add(DataAge, "ws-silent", 1200, "")
	add(LatencyP95, "ws-slow", 3, "")
	add(RemoteWriteLag, "ws-slow", 200, "")
	add(ErrorRatio, "ws-tie", 0.05, "")
	add(RemoteWriteFailedRatio, "ws-tie", 0, "")
	add(DataAge, "ws-unlisted", 5, "") // not in the index: not ranked
	return index, Merge(time.Unix(1700000000, 0), queries, samples)
}

func ids(p Page) string {
	var out []string
	for _, e := range p.Items {
		out = append(out, e.ID)
	}
	return strings.Join(out, " ")
}

func TestRankOrdersEachSortAndBreaksTiesByID(t *testing.T) {
	index, readings := fleet()
	r := Rank(index, readings, testThresholds)
	cases := map[Sort]string{
		// 2 (silent 1200 s / 600 s), 2 (burn 28.8 / 14.4), 1.5, 1 (down), 1 (5xx at the threshold), 0.53 (quota), 0 (manual)
		ByHealth: "ws-burn ws-silent ws-slow ws-down ws-tie ws-fine ws-manual",
		ByBudget: "ws-burn ws-down ws-fine ws-slow ws-tie ws-manual ws-silent",
		ByAge:    "ws-manual ws-silent ws-burn ws-down ws-fine ws-slow ws-tie",
		ByID:     "ws-burn ws-down ws-fine ws-manual ws-silent ws-slow ws-tie",
	}
	for sort, want := range cases {
		p, _ := r.Page(Request{Sort: sort})
		if got := ids(p); got != want || p.Total != 7 {
			t.Errorf("%s: %s (total %d)\nwant %s", sortNames[sort], got, p.Total, want)
		}
	}
	if r.At != time.Unix(1700000000, 0) {
		t.Errorf("At = %v", r.At)
	}
}

func TestPageAnswersTheContractsRows(t *testing.T) {
	index, readings := fleet()
	p, c := Rank(index, readings, testThresholds).Page(Request{Query: workspaces.Query{Plans: []string{"shared"}, Clusters: []string{"c1"}}})
	raw, _ := json.Marshal(p)
	want := `{"items":[` +
		`{"id":"ws-down","clusterId":"c1","plan":"shared","source":"metrics","score":1,"worst":"vclustersDown","coverage":"reporting","signals":{"vclustersDown":1,"vclustersTotal":2,"budgetRemaining":0.9,"dataAgeSeconds":30}},` +
		`{"id":"ws-fine","clusterId":"c1","plan":"shared","source":"metrics","score":0.5263157894736842,"worst":"quotaUsage","coverage":"reporting","signals":{"vclustersDown":0,"vclustersTotal":2,"errorRatio":0.01,"quotaUsage":0.5,"quotaResource":"cpu","budgetRemaining":0.9,"dataAgeSeconds":30}},` +
		`{"id":"ws-manual","clusterId":"c1","plan":"shared","source":"manual","score":0,"worst":"","coverage":"never","signals":{}}` +
		`],"total":3,"page":1,"perPage":50}`
	if string(raw) != want {
		t.Errorf("page:\n%s\nwant\n%s", raw, want)
	}
	if c != (Coverage{Known: 3, Reporting: 2, Never: 1}) {
		t.Errorf("coverage %+v", c)
	}
}

func TestCoverageCountsTheSelectedWorkspaces(t *testing.T) {
	index, readings := fleet()
	r := Rank(index, readings, testThresholds)
	cases := []struct {
		q    workspaces.Query
		want Coverage
	}{
		{workspaces.Query{}, Coverage{Known: 7, Reporting: 4, Lagging: 1, Silent: 1, Never: 1}},
		{workspaces.Query{Clusters: []string{"c2"}}, Coverage{Known: 3, Reporting: 2, Silent: 1}},
		{workspaces.Query{Search: "ws-s"}, Coverage{Known: 2, Lagging: 1, Silent: 1}},
		{workspaces.Query{Search: "nothing"}, Coverage{}},
		{workspaces.Query{PerPage: 1, Page: 3}, Coverage{Known: 7, Reporting: 4, Lagging: 1, Silent: 1, Never: 1}},
	}
	for _, c := range cases {
		if _, got := r.Page(Request{Query: c.q}); got != c.want {
			t.Errorf("%+v: %+v, want %+v", c.q, got, c.want)
		}
	}
	if _, got := Rank(index, nil, testThresholds).Page(Request{}); got != (Coverage{Known: 7, Never: 7}) {
		t.Errorf("before the first reading: %+v", got)
	}
}

// However many workspaces, a page holds perPage rows, and paging walks the order without gaps.
func TestPageHoldsPerPageRows(t *testing.T) {
	index, readings := synthetic(10000)
	r := Rank(index, readings, testThresholds)
	seen := map[string]bool{}
	for page := 1; page <= 21; page++ {
		p, c := r.Page(Request{Query: workspaces.Query{Page: page, PerPage: 500}})
		want := 500
		if page == 21 {
			want = 0
		}
		if len(p.Items) != want || p.Total != 10000 || c.Known != 10000 {
			t.Fatalf("page %d: %d rows, total %d", page, len(p.Items), p.Total)
		}
		for i, e := range p.Items {
			if seen[e.ID] || (i > 0 && e.Score > p.Items[i-1].Score) {
				t.Fatalf("page %d row %d: %s out of order or repeated", page, i, e.ID)
			}
			seen[e.ID] = true
		}
	}
	if p, _ := r.Page(Request{Query: workspaces.Query{PerPage: 100000}}); len(p.Items) != workspaces.MaxPerPage {
		t.Errorf("a page larger than allowed: %d rows", len(p.Items))
	}
}

func TestMergeKeepsTheWorseOfTwoAnswers(t *testing.T) {
	queries := []Query{{Signal: BudgetRemaining}, {Signal: BurnRate1h}, {Signal: QuotaUsage}}
	r := Merge(time.Time{}, queries, [][]Sample{
		{{"a", 0.5, ""}, {"a", 0.2, ""}, {"a", 0.7, ""}},
		{{"a", 1, ""}, {"a", 3, ""}, {"a", 2, ""}},
		{{"a", 0.3, "memory"}, {"a", 0.9, "storage"}, {"a", 0.9, "cpu"}, {"a", 0.9, "pods"}},
	})
	got := r.byID["a"]
	if r.Len() != 1 || got.v[BudgetRemaining] != 0.2 || got.v[BurnRate1h] != 3 || got.v[QuotaUsage] != 0.9 || got.quotaResource != "cpu" {
		t.Errorf("%+v", got)
	}
}

func TestParseRequestNamesTheBrokenParameter(t *testing.T) {
	cases := []struct {
		raw  string
		sort Sort
		errs []agentconfig.FieldError
	}{
		{"", ByHealth, nil},
		{"sort=budget&page=2", ByBudget, nil},
		{"sort=age", ByAge, nil},
		{"sort=id", ByID, nil},
		{"sort=health", ByHealth, nil},
		{"sort=score", ByHealth, []agentconfig.FieldError{{Field: "sort", Rule: SortRule}}},
		{"sort=", ByHealth, []agentconfig.FieldError{{Field: "sort", Rule: SortRule}}},
		{"sort=id&sort=age", ByHealth, []agentconfig.FieldError{{Field: "sort", Rule: workspaces.RepeatedRule}}},
		{"perPage=501&sort=Health", ByHealth, []agentconfig.FieldError{{Field: "perPage", Rule: workspaces.PerPageRule}, {Field: "sort", Rule: SortRule}}},
		{"search=" + strings.Repeat("x", 101), ByHealth, []agentconfig.FieldError{{Field: "search", Rule: workspaces.SearchRule}}},
	}
	for _, c := range cases {
		v, _ := url.ParseQuery(c.raw)
		got, errs := ParseRequest(v)
		if got.Sort != c.sort || !reflect.DeepEqual(errs, c.errs) {
			t.Errorf("%.30s: %v %v", c.raw, got.Sort, errs)
		}
	}
}

// synthetic is n workspaces over 7 clusters and two plans with every signal, a few past their
// thresholds, a tenth silent and a hundredth never reported.
func synthetic(n int) (*workspaces.Index, *Readings) {
	var ws []agentconfig.Workspace
	queries := Queries(0.1)
	samples := make([][]Sample, len(queries))
	for i := range n {
		id := fmt.Sprintf("ws-%06d", i)
		plan := "shared"
		if i%5 == 0 {
			plan = "dedicated"
		}
		ws = append(ws, agentconfig.Workspace{ID: id, ClusterID: fmt.Sprintf("cluster-%d", i%7), Plan: plan})
		if i%100 == 0 {
			continue
		}
		x := float64(i%97) / 97
		for s, v := range map[Signal]float64{VClustersDown: float64(i % 31 / 30), VClustersTotal: 2, ErrorRatio: x * 0.06, LatencyP95: x * 2.1,
			BurnRate1h: x * 15, BudgetRemaining: 1 - x, DataAge: float64(30 + i%10*100), RemoteWriteFailedRatio: 0, RemoteWriteLag: 2} {
			samples[s] = append(samples[s], Sample{WorkspaceID: id, Value: v})
		}
		samples[QuotaUsage] = append(samples[QuotaUsage], Sample{id, x, "cpu"}, Sample{id, x / 2, "memory"})
	}
	return workspaces.NewIndex(ws, nil), Merge(time.Now(), queries, samples)
}
