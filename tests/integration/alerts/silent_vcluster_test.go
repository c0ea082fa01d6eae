//go:build integration

package alerts

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/simulator"
	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
)

// grafanaForm evaluates one Grafana-managed rule of the app, exactly as the installer writes it,
// every evaluation interval against the same Prometheus, as Grafana's scheduler would.
type grafanaForm struct {
	eval  *grafanadouble.RuleEvaluator
	last  []grafanadouble.Instance
	label string // the label that tells its instances apart in a test
}

func newGrafanaForm(t *testing.T, cfg alerting.Config, prometheusURL, name, label string) *grafanaForm {
	t.Helper()
	var rule alerting.Alert
	for _, a := range alerting.AllAlerts(cfg) {
		if a.Name == name {
			rule = a
		}
	}
	raw, err := json.Marshal(alerting.GrafanaRuleFor(rule, "hexabase-prometheus"))
	if err != nil {
		t.Fatal(err)
	}
	eval, err := grafanadouble.NewRuleEvaluator(raw, cfg.EvaluationInterval, prometheusURL)
	if err != nil {
		t.Fatal(err)
	}
	return &grafanaForm{eval: eval, label: label}
}

func (g *grafanaForm) step(t *testing.T) {
	t.Helper()
	out, err := g.eval.Evaluate(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	g.last = out
}

func (g *grafanaForm) firing(value string) bool {
	for _, i := range grafanadouble.Firing(g.last) {
		if i.Labels[g.label] == value {
			return true
		}
	}
	return false
}

func (g *grafanaForm) resolvedAsMissing(value string) bool {
	for _, i := range g.last {
		if i.Labels[g.label] == value && i.Reason == grafanadouble.ReasonMissingSeries && !i.ResolvedAt.IsZero() {
			return true
		}
	}
	return false
}

// promFiring tells whether Prometheus fires alert for an instance whose label has this value.
func promFiring(t *testing.T, p *prometheus, alert, label, value string) bool {
	for _, a := range p.firing(t) {
		if a.Labels["alertname"] == alert && a.Labels[label] == value {
			return true
		}
	}
	return false
}

// A vCluster that stops reporting stays down, in the Prometheus rule and in the Grafana rule,
// far longer than any lookback window, until the control plane removes it on purpose; then
// Prometheus resolves it and Grafana resolves it as a missing series after two evaluations.
func TestASilentVClusterStaysDownUntilItIsRemoved(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	rules, err := alerting.PrometheusRules(cfg)
	if err != nil {
		t.Fatal(err)
	}
	platform, err := simulator.NewPlatform(simulator.Config{Seed: 3, Workspaces: 4, VClustersPerWorkspace: 2, Endpoints: 2, Users: 10, Hosts: 1, Clusters: 1})
	if err != nil {
		t.Fatal(err)
	}
	faults := simulator.NewFaults()
	target := httptest.NewServer(simulator.Handler(simulator.New(platform, faults, nil, time.Now()), time.Now))
	defer target.Close()
	prom := startPrometheus(t, strings.TrimPrefix(target.URL, "http://"), rules, 4*time.Minute)
	grafana := newGrafanaForm(t, cfg, prom.URL, "vClusterDown", "vcluster_name")
	ws := platform.Workspaces[1]
	vc := ws.VClusters[0]

	// Until the first scrape has landed nothing can be judged; then nothing is down.
	time.Sleep(3 * time.Second)
	for end := time.Now().Add(8 * time.Second); time.Now().Before(end); time.Sleep(cfg.EvaluationInterval) {
		grafana.step(t)
		if len(grafanadouble.Firing(grafana.last)) > 0 || len(prom.firing(t)) > 0 {
			t.Fatalf("healthy platform: Grafana %v, Prometheus %v", grafanadouble.Firing(grafana.last), prom.firing(t))
		}
	}

	if _, err := faults.Add(simulator.Fault{Name: "vcluster-silent", Workspace: ws.ID, VCluster: vc}); err != nil {
		t.Fatal(err)
	}
	silent := time.Now()
	for !(grafana.firing(vc) && promFiring(t, prom, "vClusterDown", "vcluster_name", vc)) {
		if time.Since(silent) > cfg.VClusterDownFor+15*time.Second {
			t.Fatalf("a silent vCluster did not fire: Grafana %v, Prometheus %v", grafana.firing(vc), promFiring(t, prom, "vClusterDown", "vcluster_name", vc))
		}
		grafana.step(t)
		time.Sleep(cfg.EvaluationInterval)
	}
	t.Logf("vClusterDown fires in both forms %s after the vCluster went silent", time.Since(silent).Round(time.Millisecond))

	// 45 s of silence: past Prometheus' staleness and past the 30 s "seen lately" window the
	// rule used to have, after which it reported the vCluster resolved.
	for end := time.Now().Add(45 * time.Second); time.Now().Before(end); time.Sleep(cfg.EvaluationInterval) {
		grafana.step(t)
		if !grafana.firing(vc) || !promFiring(t, prom, "vClusterDown", "vcluster_name", vc) {
			t.Fatalf("%s after going silent the vCluster is no longer down: Grafana %v, Prometheus %v",
				time.Since(silent).Round(time.Second), grafana.firing(vc), promFiring(t, prom, "vClusterDown", "vcluster_name", vc))
		}
	}

	if _, err := faults.Add(simulator.Fault{Name: "vcluster-removed", Workspace: ws.ID, VCluster: vc}); err != nil {
		t.Fatal(err)
	}
	removed := time.Now()
	resolvedInGrafana := false
	for grafana.firing(vc) || promFiring(t, prom, "vClusterDown", "vcluster_name", vc) || !resolvedInGrafana {
		if time.Since(removed) > 15*time.Second {
			t.Fatalf("removed from the inventory, the vCluster is still down: Grafana %v (resolved %v), Prometheus %v",
				grafana.firing(vc), resolvedInGrafana, promFiring(t, prom, "vClusterDown", "vcluster_name", vc))
		}
		grafana.step(t)
		resolvedInGrafana = resolvedInGrafana || grafana.resolvedAsMissing(vc)
		time.Sleep(cfg.EvaluationInterval)
	}
	t.Logf("removed on purpose, vClusterDown resolved in both forms within %s", time.Since(removed).Round(time.Millisecond))

	faults.Clear()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(cfg.EvaluationInterval) {
		grafana.step(t)
	}
	if f := grafanadouble.Firing(grafana.last); len(f) > 0 || promFiring(t, prom, "vClusterDown", "vcluster_name", vc) {
		t.Fatalf("the vCluster reports again but still fires: %v", f)
	}
}
