//go:build integration

package alerts

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/simulator"
)

// A workspace whose agent is gone keeps alerting after its series went stale, in the Prometheus
// rule and in the Grafana rule, and stops alerting once the control plane removes its vClusters
// from the inventory on purpose.
func TestASilentWorkspaceAlertsUntilItLeavesTheInventory(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	rules, err := alerting.PrometheusRules(cfg)
	if err != nil {
		t.Fatal(err)
	}
	platform, err := simulator.NewPlatform(simulator.Config{Seed: 5, Workspaces: 3, VClustersPerWorkspace: 2, Endpoints: 2, Users: 10, Hosts: 1, Clusters: 1})
	if err != nil {
		t.Fatal(err)
	}
	faults := simulator.NewFaults()
	target := httptest.NewServer(simulator.Handler(simulator.New(platform, faults, nil, time.Now()), time.Now))
	defer target.Close()
	prom := startPrometheus(t, strings.TrimPrefix(target.URL, "http://"), rules, 3*time.Minute)
	grafana := newGrafanaForm(t, cfg, prom.URL, "WorkspaceSilent", "workspace_id")
	ws := platform.Workspaces[1].ID
	// A workspace never seen has no data age: wait until its last sample is recorded.
	known := `workspace:hexabase_agent_last_sample:timestamp{workspace_id="` + ws + `"}`
	for start := time.Now(); len(prom.query(t, known)) == 0; time.Sleep(cfg.EvaluationInterval) {
		if time.Since(start) > 30*time.Second {
			t.Fatalf("no last sample of %s is recorded", ws)
		}
	}

	if _, err := faults.Add(simulator.Fault{Name: "workspace-silent", Workspace: ws}); err != nil {
		t.Fatal(err)
	}
	silent := time.Now()
	for !(promFiring(t, prom, "WorkspaceSilent", "workspace_id", ws) && grafana.firing(ws)) {
		if time.Since(silent) > cfg.SilentAfter+cfg.SilentFor+10*time.Second {
			t.Fatalf("a silent workspace did not raise WorkspaceSilent within %s: Grafana %v, last sample %v, alerts %v",
				time.Since(silent).Round(time.Second), grafana.firing(ws), prom.query(t, known), prom.alerts(t))
		}
		grafana.step(t)
		time.Sleep(cfg.EvaluationInterval)
	}
	t.Logf("WorkspaceSilent fires in both forms %s after the workspace went silent", time.Since(silent).Round(time.Millisecond))

	// Staleness markers ended the workspace's series at its first empty scrape: what keeps it
	// firing is the recorded last-sample time reading itself.
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(cfg.EvaluationInterval) {
		grafana.step(t)
		if !promFiring(t, prom, "WorkspaceSilent", "workspace_id", ws) || !grafana.firing(ws) {
			t.Fatalf("%s after going silent the workspace no longer alerts: Grafana %v, Prometheus %v",
				time.Since(silent).Round(time.Second), grafana.firing(ws), promFiring(t, prom, "WorkspaceSilent", "workspace_id", ws))
		}
	}

	if _, err := faults.Add(simulator.Fault{Name: "vcluster-removed", Workspace: ws}); err != nil {
		t.Fatal(err)
	}
	removed := time.Now()
	resolvedInGrafana := false
	for len(prom.firing(t)) > 0 || grafana.firing(ws) || !resolvedInGrafana {
		if time.Since(removed) > 15*time.Second {
			t.Fatalf("removed from the inventory, the silent workspace still alerts: Prometheus %v, Grafana %v (resolved %v)",
				prom.firing(t), grafana.firing(ws), resolvedInGrafana)
		}
		grafana.step(t)
		resolvedInGrafana = resolvedInGrafana || grafana.resolvedAsMissing(ws)
		time.Sleep(cfg.EvaluationInterval)
	}
	t.Logf("removed on purpose, every alert of the workspace resolved within %s", time.Since(removed).Round(time.Millisecond))
}
