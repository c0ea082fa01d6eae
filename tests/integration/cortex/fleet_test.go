//go:build integration

// Package cortex runs the app's scale-out shape on loopback: a real Cortex cluster (distributor,
// three ingesters replicating every series three times, querier, store-gateway, ruler), fed by
// Debian's Prometheus running, per simulated workspace, the configuration the app generates.
package cortex

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting/ruler"
	"github.com/hexabase/hexabase-monitoring-app/pkg/simulator"
	"github.com/hexabase/hexabase-monitoring-app/tools/apphost"
	"github.com/hexabase/hexabase-monitoring-app/tools/cortextest"
	"github.com/hexabase/hexabase-monitoring-app/tools/testrules/shortwindows"
)

var fleet *cortextest.Fleet

// downWorkspace has a vCluster down from the start.
const downWorkspace = "ws-0002"

func TestMain(m *testing.M) {
	// The platform and fault of scripts/lib/with-prometheus.sh, so that the page queries find the same data.
	cfg := simulator.Config{Seed: 3, Workspaces: 12, VClustersPerWorkspace: 2, Endpoints: 4, Users: 50, Hosts: 3, Clusters: 2}
	var err error
	fleet, err = cortextest.StartFleet(cortextest.FleetOptions{Simulator: cfg, Limit: 15 * time.Minute,
		Faults: []simulator.Fault{{Name: "vcluster-down", Workspace: downWorkspace, VCluster: "vc-0002-1"},
			{Name: "quota-filling", Workspace: "ws-0001", Resource: "cpu"}}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	if code != 0 {
		fmt.Fprintln(os.Stderr, fleet.Logs())
	}
	fleet.Close()
	os.Exit(code)
}

func workspaceIDs() []string {
	var ids []string
	for _, ws := range fleet.Platform.Workspaces {
		ids = append(ids, ws.ID)
	}
	return ids
}

func hasSeries(n int) func([]cortextest.Sample) bool {
	return func(s []cortextest.Sample) bool { return len(s) >= n }
}

// Each workspace's tenant holds everything its agent scrapes, and only its own series; the
// platform tenant holds only the metrics the app reads, of every workspace, and the hosts.
func TestTenantIsolation(t *testing.T) {
	for _, id := range workspaceIDs() {
		// Series named by every metric of the workspace, each with the workspace's label.
		byWorkspace, err := fleet.WaitFor(id, `count by (workspace_id) ({__name__=~".+"})`, 2*time.Minute, hasSeries(1))
		if err != nil {
			t.Fatal(err)
		}
		if len(byWorkspace) != 1 || byWorkspace[0].Metric["workspace_id"] != id {
			t.Errorf("tenant %s holds series of %v", id, byWorkspace)
		}
		other, err := fleet.Query(id, `count({__name__=~".+", workspace_id!="`+id+`"})`)
		if err != nil || len(other) != 0 {
			t.Errorf("tenant %s holds %v series without its workspace label (%v)", id, other, err)
		}
		// What the app does not read stays in the workspace's tenant only (waited for: the agent's
		// scrape of itself may land before its scrape of the pods).
		sums, err := fleet.WaitFor(id, `count(hexabase_http_request_duration_seconds_sum)`, 2*time.Minute, hasSeries(1))
		if err != nil || len(sums) != 1 {
			t.Errorf("tenant %s lacks the series the platform tenant does not take: %v %v", id, sums, err)
		}
	}
	names, err := fleet.WaitFor(cortextest.PlatformTenant, `count by (__name__) ({workspace_id!=""})`, 2*time.Minute, hasSeries(len(agentconfig.PlatformMetrics)))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range names {
		name := s.Metric["__name__"]
		if !slices.Contains(agentconfig.PlatformMetrics, name) && name != "hexabase_vcluster_info" && !strings.Contains(name, ":") {
			t.Errorf("the platform tenant holds %s, which the app does not read", name)
		}
	}
	perWorkspace, err := fleet.Query(cortextest.PlatformTenant, `count by (workspace_id) (hexabase_http_requests_total)`)
	if err != nil || len(perWorkspace) != len(workspaceIDs()) {
		t.Errorf("the platform tenant holds requests of %d workspaces, want %d (%v)", len(perWorkspace), len(workspaceIDs()), err)
	}
	hosts, err := fleet.Query(cortextest.PlatformTenant, `count(node_memory_MemTotal_bytes{workspace_id=""})`)
	if err != nil || len(hosts) != 1 || hosts[0].Float() != 3 {
		t.Errorf("the platform tenant's hosts: %v %v", hosts, err)
	}
	nobody, err := fleet.Query("ws-9999", `count({__name__=~".+"})`)
	if err != nil || len(nobody) != 0 {
		t.Errorf("a tenant nobody wrote to holds %v (%v)", nobody, err)
	}
}

// Every workspace's agent forwards its own remote-write health to the platform tenant: the four
// series of agentconfig.AgentHealthMetrics, one per write where Prometheus names the write, with
// the workspace's external labels and without url; nothing else of the agent's own job.
func TestAgentHealthOnThePlatformTenant(t *testing.T) {
	self := `{job="` + agentconfig.JobAgentSelf + `"}`
	n := len(fleet.Platform.Workspaces)
	// highest_timestamp_in_seconds once, the other three for each of the two writes.
	perAgent := 1 + 3*2
	got, err := fleet.WaitFor(cortextest.PlatformTenant, self, 2*time.Minute, hasSeries(n*perAgent))
	if err != nil {
		t.Fatal(err)
	}
	workspaces := map[string]simulator.Workspace{}
	for _, ws := range fleet.Platform.Workspaces {
		workspaces[ws.ID] = ws
	}
	series := map[string][]string{}
	for _, s := range got {
		m := s.Metric
		ws, ok := workspaces[m["workspace_id"]]
		if !ok || m["cluster_id"] != ws.ClusterID || m["plan_type"] != ws.Plan {
			t.Errorf("%v: not labelled as one workspace's agent", m)
		}
		keys := slices.Sorted(maps.Keys(m))
		want := []string{"__name__", "cluster_id", "instance", "job", "plan_type", "remote_name", "workspace_id"}
		if m["__name__"] == "prometheus_remote_storage_highest_timestamp_in_seconds" {
			want = slices.DeleteFunc(want, func(k string) bool { return k == "remote_name" })
		}
		if !slices.Equal(keys, want) {
			t.Errorf("%v: labels %v, want %v", m, keys, want)
		}
		if !slices.Contains(agentconfig.AgentHealthMetrics, m["__name__"]) {
			t.Errorf("the platform tenant holds %v of the agent's own job, which the app does not read", m)
		}
		series[m["workspace_id"]] = append(series[m["workspace_id"]], m["__name__"]+"/"+m["remote_name"])
	}
	var want []string
	for _, name := range agentconfig.AgentHealthMetrics {
		if name == "prometheus_remote_storage_highest_timestamp_in_seconds" {
			want = append(want, name+"/")
		} else {
			want = append(want, name+"/platform", name+"/workspace")
		}
	}
	slices.Sort(want)
	for id := range workspaces {
		slices.Sort(series[id])
		if !slices.Equal(series[id], want) {
			t.Errorf("%s's agent health on the platform tenant: %v, want %v", id, series[id], want)
		}
	}
	if len(series) != n {
		t.Errorf("agent health of %d workspaces, want %d", len(series), n)
	}
}

// groupsOf keeps the groups of a Prometheus rule file whose names pass keep.
func groupsOf(t *testing.T, file []byte, keep func(string) bool) []byte {
	t.Helper()
	var rules struct {
		Groups []map[string]any `yaml:"groups"`
	}
	if err := yaml.Unmarshal(file, &rules); err != nil {
		t.Fatal(err)
	}
	rules.Groups = slices.DeleteFunc(rules.Groups, func(g map[string]any) bool { return !keep(g["name"].(string)) })
	out, err := yaml.Marshal(rules)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The recording rules, installed by the app's backend through Grafana's data-source ruler API
// into the cluster's ruler for the platform tenant (the datasource's X-Scope-OrgID), produce the
// recorded series the fleet pages read, at both levels.
func TestRecordingRulesInTheRuler(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// The datasource URL a Cortex ruler takes: Grafana appends /rules (lotex_ruler.go).
	if _, err := apphost.InstallRecordingRules(ctx, fleet.Cluster.Components["ruler"].URL()+"/api/prom", cortextest.PlatformTenant); err != nil {
		t.Fatal(err)
	}
	n := len(workspaceIDs())
	for query, want := range map[string]int{
		"workspace:hexabase_http_requests:rate5m":              n,
		"workspace:hexabase_vcluster_status:count":             n,
		"plan_cluster:hexabase_vcluster_status:count":          1,
		`plan_cluster_top50:hexabase_vcluster_status:down > 0`: 1,
	} {
		if _, err := fleet.WaitFor(cortextest.PlatformTenant, query, 3*time.Minute, hasSeries(want)); err != nil {
			t.Error(err)
		}
	}
}

// Every PromQL query of every page (enumerated from the query modules by the same jest suite
// that runs them on a plain Prometheus) returns data from the platform tenant, read as the app's
// datasource reads a Cortex: the /api/prom prefix and the X-Scope-OrgID custom header.
func TestPageQueriesOnThePlatformTenant(t *testing.T) {
	if _, err := fleet.WaitFor(cortextest.PlatformTenant, "workspace_type_status:hexabase_workspace_deployments:rate5m", 3*time.Minute, hasSeries(1)); err != nil {
		t.Fatal(err)
	}
	// As on the plain Prometheus (scripts/lib/with-prometheus.sh): the app's recording groups at short
	// windows, in place of those it installed, so that the forecasts and long windows exist within minutes.
	short, err := yaml.Marshal(map[string]any{"groups": alerting.RecordingGroups(shortwindows.Config())})
	if err != nil {
		t.Fatal(err)
	}
	if err := fleet.PostRuleGroups(cortextest.PlatformTenant, ruler.Namespace, short); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{`workspace_resource:hexabase_resource_usage_ratio:seconds_to_full{workspace_id="ws-0001"}`, "workspace:hexabase_slo_errors:ratio_rate30d"} {
		if _, err := fleet.WaitFor(cortextest.PlatformTenant, query, 3*time.Minute, hasSeries(1)); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"jest", "-c", "jest.integration.config.js", "--ci", "tests/integration/prometheus.test.ts"}
	if out := os.Getenv("CORTEX_JEST_JSON"); out != "" {
		args = append(args, "--json", "--outputFile", out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npx", args...)
	cmd.Dir = "../../.."
	cmd.Env = append(os.Environ(), "SIMULATOR_WORKSPACE=ws-0001", "PROMETHEUS_URL="+fleet.Cluster.Components["querier"].URL()+"/api/prom",
		"PROMETHEUS_TENANT="+cortextest.PlatformTenant)
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatal(err)
	}
}

// The app's alert rules, evaluated on the platform tenant, raise vClusterDown for the vCluster
// the simulator has down, and for no other.
func TestVClusterDownOnCortex(t *testing.T) {
	cfg := alerting.Defaults()
	cfg.EvaluationInterval, cfg.VClusterDownFor = 5*time.Second, 10*time.Second
	file, err := alerting.PrometheusRules(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := fleet.PostRuleGroups(cortextest.PlatformTenant, "alerts-under-test", groupsOf(t, file, func(n string) bool { return n == alerting.GroupApplications })); err != nil {
		t.Fatal(err)
	}
	var firing []string
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(2 * time.Second) {
		alerts, err := fleet.RulerAlerts(cortextest.PlatformTenant)
		if err != nil {
			t.Fatal(err)
		}
		firing = firing[:0]
		for _, a := range alerts {
			if a.State == "firing" && a.Labels["alertname"] == "vClusterDown" {
				firing = append(firing, a.Labels["workspace_id"]+"/"+a.Labels["vcluster_name"])
			}
		}
		if len(firing) > 0 {
			break
		}
	}
	if !slices.Equal(firing, []string{downWorkspace + "/vc-0002-1"}) {
		var rules any
		err := fleet.RulerGet(cortextest.PlatformTenant, "/prometheus/api/v1/rules", &rules)
		t.Fatalf("vClusterDown fires for %v, want only %s/vc-0002-1; the ruler's rules: %v %v", firing, downWorkspace, rules, err)
	}
}
