package workspaces

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"

	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
	"github.com/hexabase/hexabase-monitoring-app/tools/prometheustest"
)

// prometheusServing starts a real Prometheus scraping exposition until it holds n discovery
// series, and a Grafana double whose Prometheus datasource proxies to it; it returns a client
// acting as the app's service account.
func prometheusServing(t *testing.T, exposition string, n int) *grafanaapi.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, exposition) }))
	t.Cleanup(srv.Close)
	prom, err := prometheustest.Start([]string{strings.TrimPrefix(srv.URL, "http://")}, 3*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(prom.Close)
	if err := prom.WaitFor(discoveryQuery, n, time.Minute); err != nil {
		t.Fatal(err, prom.Log())
	}
	g, err := grafanadouble.Start(grafanadouble.Options{PluginJSON: "../../src/plugin.json", ExternalServiceAccounts: true, ManagedServiceAccounts: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: prom.URL})
	return &grafanaapi.Client{BaseURL: g.URL, Token: g.ServiceAccountToken()}
}

func TestDiscoverReadsTheRecordedSeriesThroughGrafana(t *testing.T) {
	c := prometheusServing(t, "workspace:hexabase_vcluster_status:count{workspace_id=\"ws-0002\",cluster_id=\"cluster-b\",plan_type=\"dedicated\"} 2\n"+
		"workspace:hexabase_vcluster_status:count{workspace_id=\"ws-0001\",cluster_id=\"cluster-a\",plan_type=\"shared\"} 2\n", 2)
	got, err := Discover(context.Background(), c, "hexabase-prometheus")
	sort.Slice(got, func(i, j int) bool { return got[i].ID < got[j].ID })
	want := []agentconfig.Workspace{{ID: "ws-0001", ClusterID: "cluster-a", Plan: "shared"}, {ID: "ws-0002", ClusterID: "cluster-b", Plan: "dedicated"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Discover() = %v, %v", got, err)
	}
	if _, err := Discover(context.Background(), c, "no-such-uid"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("an unknown datasource = %v", err)
	}
}

// A workspace that reported earlier and is silent now stays listed: the rules keep its newest
// sample's timestamp while its other series are gone; one reporting both is listed once.
func TestDiscoverKeepsWorkspacesThatReportedEarlier(t *testing.T) {
	c := prometheusServing(t, "workspace:hexabase_vcluster_status:count{workspace_id=\"ws-0001\",cluster_id=\"cluster-a\",plan_type=\"shared\"} 2\n"+
		"workspace:hexabase_agent_last_sample:timestamp{workspace_id=\"ws-0001\",cluster_id=\"cluster-a\",plan_type=\"shared\"} 1.7e9\n"+
		"workspace:hexabase_agent_last_sample:timestamp{workspace_id=\"ws-0003\",cluster_id=\"cluster-c\",plan_type=\"dedicated\"} 1.6e9\n", 2)
	got, err := Discover(context.Background(), c, "hexabase-prometheus")
	sort.Slice(got, func(i, j int) bool { return got[i].ID < got[j].ID })
	want := []agentconfig.Workspace{{ID: "ws-0001", ClusterID: "cluster-a", Plan: "shared"}, {ID: "ws-0003", ClusterID: "cluster-c", Plan: "dedicated"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Discover() = %v, %v", got, err)
	}
}

// 50,000 workspaces answer about 5.5 MB through Grafana's proxy: five times the platform's
// target scale, and more than any one buffer the client keeps.
func TestDiscoverListsFiftyThousandWorkspacesFromARealPrometheus(t *testing.T) {
	const n = 50000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "workspace:hexabase_vcluster_status:count{workspace_id=\"ws-%05d\",cluster_id=\"cluster-%d\",plan_type=\"shared\"} 1\n", i, i%7)
	}
	got, err := Discover(context.Background(), prometheusServing(t, b.String(), n), "hexabase-prometheus")
	if err != nil || len(got) != n {
		t.Fatalf("Discover() = %d workspaces, %v", len(got), err)
	}
	if e, ok := NewIndex(got, nil).Find("ws-49999"); !ok || e.ClusterID != "cluster-5" || e.Plan != "shared" {
		t.Fatalf("ws-49999 = %+v, %v", e, ok)
	}
}

func TestDecodeVectorReadsPrometheusAnswersAndRefusesOthers(t *testing.T) {
	cases := []struct {
		name, body string
		ids        string
		err        string
	}{
		{"two series and members it skips", `{"status":"success","warnings":["w",{"x":[1]}],"data":{"resultType":"vector","result":[` +
			`{"metric":{"workspace_id":"ws-1","cluster_id":"c","plan_type":"shared","extra":"x"},"value":[1,"1"]},{"metric":{"workspace_id":"ws-2"},"value":[1,"2.5"]}]}}`, "ws-1=1,ws-2=2.5", ""},
		{"special values", `{"status":"success","data":{"result":[{"metric":{"workspace_id":"a"},"value":[1,"NaN"]},{"metric":{"workspace_id":"b"},"value":[1.5,"+Inf"]},{"metric":{"workspace_id":"c"},"value":[1,"-1e-3"]}]}}`, "a=NaN,b=+Inf,c=-0.001", ""},
		{"no value", `{"status":"success","data":{"result":[{"metric":{"workspace_id":"ws-1"}}]}}`, "", "a sample without a value"},
		{"a value not a number", `{"status":"success","data":{"result":[{"metric":{"workspace_id":"ws-1"},"value":[1,"x"]}]}}`, "", `value is not a number: "x"`},
		{"no workspaces", `{"status":"success","data":{"resultType":"vector","result":[]}}`, "", ""},
		{"a query error", `{"status":"error","errorType":"bad_data","error":"parse error"}`, "", "not a successful Prometheus query result"},
		{"no result", `{"status":"success","data":{}}`, "", "not a successful Prometheus query result"},
		{"HTML", `<html>`, "", "unreadable answer"},
		{"cut short", `{"status":"success","data":{"result":[{"metric":{"workspace_id":"ws-1"}}`, "", "unreadable answer"},
		{"result not a list", `{"status":"success","data":{"result":{"a":1}}}`, "", "unreadable answer"},
	}
	for _, c := range cases {
		var ids []string
		err := DecodeVector(strings.NewReader(c.body), func(m SeriesLabels, v float64) error {
			ids = append(ids, m.WorkspaceID+"="+strconv.FormatFloat(v, 'g', -1, 64))
			return nil
		})
		if c.err == "" && (err != nil || strings.Join(ids, ",") != c.ids) {
			t.Errorf("%s: %v, %v", c.name, ids, err)
		}
		if c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.err)
		}
	}
}

// More workspaces than the app keeps is said, never cut silently.
func TestDiscoverRefusesMoreThanItKeeps(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, `{"status":"success","data":{"resultType":"vector","result":[`)
		for i := range MaxDiscovered + 1 {
			if i > 0 {
				_, _ = io.WriteString(w, ",")
			}
			fmt.Fprintf(w, `{"metric":{"workspace_id":"w%d"},"value":[1,"1"]}`, i)
		}
		_, _ = io.WriteString(w, `]}}`)
	}))
	defer srv.Close()
	_, err := Discover(context.Background(), &grafanaapi.Client{BaseURL: srv.URL}, "p")
	if err == nil || !strings.Contains(err.Error(), "more than 200000 workspaces") {
		t.Fatalf("%v", err)
	}
}

func TestQueryPathGoesThroughGrafanasProxyOrToPrometheus(t *testing.T) {
	if got := QueryPath("hexabase-prometheus", "max by (a) (b)"); got != "/api/datasources/proxy/uid/hexabase-prometheus/api/v1/query?query=max+by+%28a%29+%28b%29" {
		t.Errorf("through Grafana: %s", got)
	}
	if got := QueryPath("", "up"); got != "/api/v1/query?query=up" {
		t.Errorf("on Prometheus: %s", got)
	}
	if got := QueryPath("a/b", "up"); got != "/api/datasources/proxy/uid/a%2Fb/api/v1/query?query=up" {
		t.Errorf("an odd uid: %s", got)
	}
}

func TestDiscoveryQuery(t *testing.T) {
	want := "max by (workspace_id, cluster_id, plan_type) (workspace:hexabase_vcluster_status:count)" +
		" or max by (workspace_id, cluster_id, plan_type) (workspace:hexabase_agent_last_sample:timestamp)"
	if discoveryQuery != want {
		t.Errorf("discoveryQuery = %s", discoveryQuery)
	}
}
