package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/fleethealth"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
	"github.com/hexabase/hexabase-monitoring-app/tools/prometheustest"
)

// Every rejected parameter names itself and its rule, before any workspace is read.
func TestWorkspacesHealthRefusesBadParameters(t *testing.T) {
	a := newTestApp(t, `{`+manualWorkspaces+`}`)
	cases := map[string][]string{
		"workspaces/health?page=0":                                    {"page", workspaces.PageRule},
		"workspaces/health?perPage=501":                               {"perPage", workspaces.PerPageRule},
		"workspaces/health?sort=worst":                                {"sort", fleethealth.SortRule},
		"workspaces/health?sort=id&sort=age":                          {"sort", workspaces.RepeatedRule},
		"workspaces/health?search=" + strings.Repeat("x", 101):        {"search", workspaces.SearchRule},
		"workspaces/health?" + strings.Repeat("cluster=c&", 101):      {"cluster", workspaces.FilterCountRule},
		"workspaces/health?page=2&page=3":                             {"page", workspaces.RepeatedRule},
		"workspaces/health?plan=" + strings.Repeat("p", 129) + "&x=1": {"plan", workspaces.FilterValueRule},
	}
	for path, want := range cases {
		res := callResource(t, a, http.MethodGet, path, "")
		var body struct {
			Error  string
			Errors []struct{ Field, Rule string }
		}
		if res.Status != http.StatusBadRequest || json.Unmarshal(res.Body, &body) != nil || len(body.Errors) != 1 ||
			body.Errors[0].Field != want[0] || body.Errors[0].Rule != want[1] || body.Error != want[0]+": "+want[1] {
			t.Errorf("%.50s: %d %s", path, res.Status, res.Body)
		}
	}
	if res := callResource(t, a, http.MethodPost, "workspaces/health", ""); res.Status != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d %s", res.Status, res.Body)
	}
}

// Without Grafana's service account the manual workspaces still answer, unread, with a note.
func TestWorkspacesHealthWithoutGrafanaListsManualWorkspaces(t *testing.T) {
	a := newTestApp(t, `{`+manualWorkspaces+`}`)
	t.Cleanup(a.Dispose)
	res := callResource(t, a, http.MethodGet, "workspaces/health?sort=id", "")
	var body struct {
		Page        json.RawMessage
		Note        string
		EvaluatedAt *time.Time
		Coverage    fleethealth.Coverage
	}
	if err := json.Unmarshal(res.Body, &body); err != nil || res.Status != http.StatusOK {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	want := `{"items":[{"id":"ws-0007","clusterId":"cluster-b","plan":"shared","source":"manual","score":0,"worst":"","coverage":"never","signals":{}},` +
		`{"id":"ws-0008","clusterId":"cluster-b","plan":"dedicated","source":"manual","score":0,"worst":"","coverage":"never","signals":{}}],"total":2,"page":1,"perPage":50}`
	if string(body.Page) != want || body.EvaluatedAt != nil || body.Coverage != (fleethealth.Coverage{Known: 2, Never: 2}) ||
		!strings.Contains(body.Note, "some workspace signals are not read") {
		t.Errorf("%s", res.Body)
	}
}

// healthFleet is the exposition of the recorded series of six reporting workspaces, one per case
// of the health order, rendered at each scrape so that data ages stay what they say.
func healthFleet(now time.Time) string {
	var b strings.Builder
	ws := func(id, cluster, plan string) string {
		return fmt.Sprintf(`workspace_id=%q,cluster_id=%q,plan_type=%q`, id, cluster, plan)
	}
	series := func(name, labels string, v float64) { fmt.Fprintf(&b, "%s{%s} %g\n", name, labels, v) }
	ago := func(s int) float64 { return float64(now.Unix() - int64(s)) }
	fine := func(l string, requests, healthy float64) {
		series("workspace:hexabase_vcluster_status:count", l, 2)
		series("workspace:hexabase_vcluster_status:healthy", l, healthy)
		series("workspace:hexabase_http_requests:rate5m", l, requests)
		for _, le := range []string{"0.5", "1", "+Inf"} {
			series(`workspace_le:hexabase_http_request_duration_seconds_bucket:rate5m`, l+`,le="`+le+`"`, requests)
		}
	}
	w1 := ws("ws-0001", "cluster-a", "shared") // one vCluster of two down
	fine(w1, 10, 1)
	series("workspace:hexabase_slo_errors:ratio_rate5m", w1, 0) // requests, no 5xx: as the rules record it
	series("workspace:hexabase_agent_last_sample:timestamp", w1, ago(20))
	w2 := ws("ws-0002", "cluster-a", "shared") // 10 % 5xx
	fine(w2, 10, 2)
	series("workspace:hexabase_http_requests_errors:rate5m", w2, 1)
	series("workspace:hexabase_slo_errors:ratio_rate5m", w2, 0.1)
	series("workspace:hexabase_agent_last_sample:timestamp", w2, ago(20))
	series("workspace_remote:prometheus_remote_storage_lag:seconds", w2+`,remote_name="central"`, 3)
	series("workspace_remote:prometheus_remote_storage_samples_failed:ratio_rate5m", w2+`,remote_name="central"`, 0)
	w3 := ws("ws-0003", "cluster-b", "dedicated") // burning its budget 40 times too fast, and its agent drops samples
	fine(w3, 10, 2)
	series("workspace:hexabase_slo_errors:ratio_rate1h", w3, 0.02)
	series("workspace:hexabase_slo_errors:ratio_rate30d", w3, 0.0001)
	series("workspace:hexabase_agent_last_sample:timestamp", w3, ago(20))
	series("workspace_remote:prometheus_remote_storage_samples_failed:ratio_rate5m", w3+`,remote_name="central"`, 0.05)
	series("workspace_remote:prometheus_remote_storage_samples_failed:ratio_rate5m", w3+`,remote_name="backup"`, 0)
	series("workspace:hexabase_agent_last_sample:timestamp", ws("ws-0004", "cluster-b", "shared"), ago(1500)) // silent for 25 minutes
	w5 := ws("ws-0005", "cluster-a", "shared")                                                                // slow: p95 of 3.9 s
	series("workspace:hexabase_vcluster_status:count", w5, 1)
	series("workspace:hexabase_vcluster_status:healthy", w5, 1)
	series("workspace:hexabase_http_requests:rate5m", w5, 10)
	for le, v := range map[string]float64{"1": 0, "2": 0, "4": 10, "+Inf": 10} {
		series(`workspace_le:hexabase_http_request_duration_seconds_bucket:rate5m`, w5+`,le="`+le+`"`, v)
	}
	series("workspace_resource:hexabase_resource_usage_ratio:max", w5+`,resource_type="cpu"`, 0.5)
	series("workspace_resource:hexabase_resource_usage_ratio:max", w5+`,resource_type="memory"`, 0.9)
	series("workspace:hexabase_slo_errors:ratio_rate30d", w5, 0.0005)
	series("workspace:hexabase_agent_last_sample:timestamp", w5, ago(20))
	w6 := ws("ws-0006", "cluster-a", "shared") // quota a fifth used, its queue 200 s behind
	fine(w6, 0.05, 2)
	series("workspace_resource:hexabase_resource_usage_ratio:max", w6+`,resource_type="memory"`, 0.19)
	series("workspace:hexabase_agent_last_sample:timestamp", w6, ago(30))
	series("workspace_remote:prometheus_remote_storage_lag:seconds", w6+`,remote_name="central"`, 200)
	return b.String()
}

// healthApp serves exposition (rendered per scrape) from a real Prometheus behind the Grafana
// double's datasource proxy, to an app with these settings; it waits for n workspaces.
func healthApp(t *testing.T, jsonData string, exposition func(time.Time) string, n int) (*App, backend.PluginContext) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, exposition(time.Now())) }))
	t.Cleanup(srv.Close)
	prom, err := prometheustest.Start([]string{strings.TrimPrefix(srv.URL, "http://")}, 3*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(prom.Close)
	if err := prom.WaitFor("workspace:hexabase_agent_last_sample:timestamp", n, time.Minute); err != nil {
		t.Fatal(err, prom.Log())
	}
	g, err := grafanadouble.Start(grafanadouble.Options{PluginJSON: "../../src/plugin.json", ExternalServiceAccounts: true, ManagedServiceAccounts: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: prom.URL})
	a := newTestApp(t, jsonData)
	t.Cleanup(a.Dispose)
	pc := backend.PluginContext{PluginID: PluginID, OrgID: 1, User: &backend.User{Login: "viewer", Role: "Viewer"},
		GrafanaConfig: backend.NewGrafanaCfg(map[string]string{backend.AppURL: g.URL, backend.AppClientSecret: g.ServiceAccountToken()})}
	return a, pc
}

type healthAnswer struct {
	Page struct {
		Items []fleethealth.Entry
		Total int
	}
	Note         string
	DiscoveredAt *time.Time
	Refreshing   bool
	EvaluatedAt  *time.Time
	Coverage     fleethealth.Coverage
}

func readHealth(t *testing.T, a *App, pc backend.PluginContext, path string) healthAnswer {
	t.Helper()
	var h healthAnswer
	if r := callSoon(t, a, context.Background(), pc, path); r.Status != http.StatusOK || json.Unmarshal(r.Body, &h) != nil {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	return h
}

// The ranking and the coverage of a fleet in a real Prometheus, read through Grafana's proxy.
func TestWorkspacesHealthRanksARealPrometheusFleet(t *testing.T) {
	a, pc := healthApp(t, `{"workspaces":[{"id":"ws-0007","clusterId":"cluster-b","plan":"shared"},{"id":"ws-0008","clusterId":"cluster-b","plan":"dedicated"}]}`, healthFleet, 6)
	h := readHealth(t, a, pc, "workspaces/health")
	type row struct{ id, worst string }
	var got []row
	for _, e := range h.Page.Items {
		got = append(got, row{e.ID, e.Worst})
	}
	want := []row{{"ws-0003", "budgetBurn"}, {"ws-0004", "dataAge"}, {"ws-0002", "errorRatio"}, {"ws-0005", "latencyP95"},
		{"ws-0001", "vclustersDown"}, {"ws-0006", "quotaUsage"}, {"ws-0007", ""}, {"ws-0008", ""}}
	if fmt.Sprint(got) != fmt.Sprint(want) || h.Page.Total != 8 || h.Note != "" || h.EvaluatedAt == nil || h.DiscoveredAt == nil {
		t.Fatalf("ranking %v, total %d, note %q", got, h.Page.Total, h.Note)
	}
	if h.Coverage != (fleethealth.Coverage{Known: 8, Reporting: 3, Lagging: 2, Silent: 1, Never: 2}) {
		t.Errorf("coverage %+v", h.Coverage)
	}
	by := map[string]fleethealth.Entry{}
	for _, e := range h.Page.Items {
		by[e.ID] = e
	}
	is := func(p *float64, want, tolerance float64) bool { return p != nil && math.Abs(*p-want) <= tolerance }
	s := by["ws-0003"].Signals
	if !is(s.BurnRate1h, 40, 1e-9) || !is(s.BudgetRemaining, 0.8, 1e-9) || !is(s.RemoteWriteFailedRatio, 0.05, 0) || math.Abs(by["ws-0003"].Score-40/14.4) > 1e-9 {
		t.Errorf("ws-0003: %+v", by["ws-0003"])
	}
	if s := by["ws-0004"].Signals; !is(s.DataAgeSeconds, 1510, 10) || s.VClustersTotal != nil || s.ErrorRatio != nil {
		t.Errorf("ws-0004: %+v", s)
	}
	if s := by["ws-0002"].Signals; !is(s.ErrorRatio, 0.1, 1e-12) || !is(s.VClustersDown, 0, 0) || !is(s.VClustersTotal, 2, 0) || !is(s.LatencyP95Seconds, 0.475, 1e-9) {
		t.Errorf("ws-0002: %+v", s)
	}
	if s := by["ws-0005"].Signals; !is(s.LatencyP95Seconds, 3.9, 1e-9) || !is(s.QuotaUsage, 0.9, 0) || s.QuotaResource != "memory" || !is(s.BudgetRemaining, 0.5, 1e-9) || s.BurnRate1h != nil {
		t.Errorf("ws-0005: %+v", s)
	}
	// Too few requests for a share or a quantile to count, as in the alerts.
	if s := by["ws-0006"].Signals; s.ErrorRatio != nil || s.LatencyP95Seconds != nil || !is(s.RemoteWriteLagSeconds, 200, 0) || s.QuotaResource != "memory" {
		t.Errorf("ws-0006: %+v", s)
	}
	if s := by["ws-0001"].Signals; !is(s.VClustersDown, 1, 0) || !is(s.ErrorRatio, 0, 0) {
		t.Errorf("ws-0001: %+v", s)
	}
	orders := map[string]string{
		"workspaces/health?sort=budget":                                           "ws-0005 ws-0003 ws-0001 ws-0002 ws-0004 ws-0006 ws-0007 ws-0008",
		"workspaces/health?sort=age":                                              "ws-0007 ws-0008 ws-0004 ws-0006 ws-0001 ws-0002 ws-0003 ws-0005",
		"workspaces/health?sort=id&perPage=3&page=2":                              "ws-0004 ws-0005 ws-0006",
		"workspaces/health?cluster=cluster-b&plan=shared":                         "ws-0004 ws-0007",
		"workspaces/health?search=ws-000&cluster=cluster-a&sort=health&perPage=2": "ws-0002 ws-0005",
	}
	for path, want := range orders {
		var ids []string
		for _, e := range readHealth(t, a, pc, path).Page.Items {
			ids = append(ids, e.ID)
		}
		if strings.Join(ids, " ") != want {
			t.Errorf("%s: %v, want %s", path, ids, want)
		}
	}
	if h := readHealth(t, a, pc, "workspaces/health?cluster=cluster-b"); h.Coverage != (fleethealth.Coverage{Known: 4, Lagging: 1, Silent: 1, Never: 2}) {
		t.Errorf("cluster-b coverage %+v", h.Coverage)
	}
}

// Whatever the fleet's size, an answer holds perPage rows; the signals are read once per TTL.
func TestWorkspacesHealthAnswersOnePageOfAThousandWorkspaces(t *testing.T) {
	const n = 1200
	exposition := func(now time.Time) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "workspace:hexabase_agent_last_sample:timestamp{workspace_id=\"ws-%05d\",cluster_id=\"cluster-%d\",plan_type=\"shared\"} %d\n", i, i%3, now.Unix()-int64(i))
		}
		return b.String()
	}
	a, pc := healthApp(t, `{}`, exposition, n)
	for _, c := range []struct {
		path        string
		rows, first int
	}{{"workspaces/health", 50, n - 1}, {"workspaces/health?perPage=500&page=3", 200, 199}, {"workspaces/health?perPage=500&sort=id", 500, 0}} {
		h := readHealth(t, a, pc, c.path)
		if len(h.Page.Items) != c.rows || h.Page.Total != n || h.Page.Items[0].ID != fmt.Sprintf("ws-%05d", c.first) || h.Coverage.Known != n {
			t.Errorf("%s: %d rows of %d, first %s", c.path, len(h.Page.Items), h.Page.Total, h.Page.Items[0].ID)
		}
	}
	a.fleetHealth.mu.Lock()
	first := a.fleetHealth.readings
	a.fleetHealth.mu.Unlock()
	readHealth(t, a, pc, "workspaces/health")
	a.fleetHealth.mu.Lock()
	defer a.fleetHealth.mu.Unlock()
	if a.fleetHealth.readings != first || a.fleetHealth.running != nil {
		t.Error("the signals were read again within the TTL")
	}
}
