//go:build integration

package alerts

import (
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/simulator"
)

// testConfig shortens every window and duration so that a fault raises its alert in seconds;
// the expressions are the same ones the promtool tests and Grafana use.
func testConfig() alerting.Config {
	cfg := alerting.Defaults()
	cfg.EvaluationInterval = time.Second
	cfg.RateWindow = 20 * time.Second
	cfg.DeployWindow = 30 * time.Second
	for _, d := range []*time.Duration{&cfg.HostCPUFor, &cfg.HostMemoryFor, &cfg.DiskFor, &cfg.VClusterDownFor,
		&cfg.ErrorFor, &cfg.LatencyFor, &cfg.DeployFor, &cfg.QuotaFor} {
		*d = 5 * time.Second
	}
	return cfg
}

type expectation struct {
	fault  simulator.Fault
	alert  string
	labels map[string]string
	// condition is how long the fault takes to make the rule's query cross its threshold: a rate
	// over a window moves only as the window fills with faulty samples.
	condition time.Duration
}

func TestEveryFaultRaisesItsAlertAndABaselineRaisesNone(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	rules, err := alerting.PrometheusRules(cfg)
	if err != nil {
		t.Fatal(err)
	}
	platform, err := simulator.NewPlatform(simulator.Config{Seed: 7, Workspaces: 12, VClustersPerWorkspace: 2, Endpoints: 4, Users: 40, Hosts: 3, Clusters: 2})
	if err != nil {
		t.Fatal(err)
	}
	faults := simulator.NewFaults()
	sim := simulator.New(platform, faults, nil, time.Now())
	target := httptest.NewServer(simulator.Handler(sim, time.Now))
	defer target.Close()
	prom := startPrometheus(t, strings.TrimPrefix(target.URL, "http://"), rules, 4*time.Minute)

	// Busiest workspaces first: traffic faults need an endpoint above MinRequestRate.
	ws := append([]simulator.Workspace(nil), platform.Workspaces...)
	sort.Slice(ws, func(i, j int) bool { return ws[i].Weight > ws[j].Weight })
	window := cfg.RateWindow
	expected := []expectation{
		{simulator.Fault{Name: "vcluster-down", Workspace: ws[5].ID, VCluster: ws[5].VClusters[0]}, "vClusterDown",
			map[string]string{"workspace_id": ws[5].ID, "vcluster_name": ws[5].VClusters[0], "severity": "critical"}, 0},
		{simulator.Fault{Name: "vcluster-silent", Workspace: ws[6].ID, VCluster: ws[6].VClusters[1]}, "vClusterDown",
			map[string]string{"workspace_id": ws[6].ID, "vcluster_name": ws[6].VClusters[1], "severity": "critical"}, 0},
		{simulator.Fault{Name: "error-spike", Workspace: ws[0].ID, Endpoint: "/api/v1/apps"}, "HighErrorRate",
			map[string]string{"workspace_id": ws[0].ID, "endpoint": "/api/v1/apps", "severity": "warning"}, window},
		{simulator.Fault{Name: "slow-endpoint", Workspace: ws[1].ID, Endpoint: "/api/v1/logs"}, "SlowResponseTime",
			map[string]string{"workspace_id": ws[1].ID, "endpoint": "/api/v1/logs"}, window},
		{simulator.Fault{Name: "deployment-failures", Workspace: ws[2].ID}, "DeploymentFailureSpike",
			map[string]string{"workspace_id": ws[2].ID}, cfg.DeployWindow},
		{simulator.Fault{Name: "quota-exhausted", Workspace: ws[3].ID, Resource: "memory"}, "ResourceQuotaExceeded",
			map[string]string{"workspace_id": ws[3].ID, "resource_type": "memory"}, 0},
		{simulator.Fault{Name: "host-cpu", Host: "node-01"}, "HighCPUUsage", map[string]string{"instance": "node-01"}, window},
		{simulator.Fault{Name: "host-memory", Host: "node-02"}, "HighMemoryUsage", map[string]string{"instance": "node-02"}, 0},
		{simulator.Fault{Name: "host-disk", Host: "node-03"}, "DiskSpaceRunningOut", map[string]string{"instance": "node-03", "mountpoint": "/"}, 0},
	}
	raising := 0
	for _, k := range simulator.FaultKinds {
		if k.Raises != "" {
			raising++
		}
	}
	if len(expected) != raising {
		t.Fatalf("%d faults tested, %d in the catalogue raise an alert", len(expected), raising)
	}

	// Healthy baseline: long enough for every rate window and every `for` to have elapsed.
	baselineEnd := time.Now().Add(cfg.DeployWindow + 10*time.Second)
	for time.Now().Before(baselineEnd) {
		if f := prom.firing(t); len(f) > 0 {
			t.Fatalf("healthy baseline: %d alerts fire, first %v", len(f), f[0].Labels)
		}
		time.Sleep(time.Second)
	}

	injected := time.Now()
	for _, e := range expected {
		if err := platform.Validate(e.fault); err != nil {
			t.Fatal(err)
		}
		if _, err := faults.Add(e.fault); err != nil {
			t.Fatal(err)
		}
	}
	// An alert fires within the time its query needs to cross the threshold, plus `for`, plus
	// two evaluation intervals, plus one scrape for the first faulty sample.
	firedAt := map[string]time.Duration{}
	deadline := injected.Add(cfg.DeployWindow + 5*time.Second + 4*time.Second)
	for len(firedAt) < len(expected) && time.Now().Before(deadline) {
		for _, a := range prom.firing(t) {
			for _, e := range expected {
				if _, done := firedAt[e.fault.Name]; !done && a.Labels["alertname"] == e.alert && hasLabels(a.Labels, e.labels) {
					firedAt[e.fault.Name] = time.Since(injected)
				}
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
	for _, e := range expected {
		got, ok := firedAt[e.fault.Name]
		budget := e.condition + 5*time.Second + 2*cfg.EvaluationInterval + time.Second + time.Second
		switch {
		case !ok:
			t.Errorf("fault %s did not raise %s with labels %v", e.fault.Name, e.alert, e.labels)
		case got > budget:
			t.Errorf("fault %s raised %s after %s, over its budget of %s", e.fault.Name, e.alert, got.Round(time.Millisecond), budget)
		default:
			t.Logf("fault %-20s raised %-22s after %s (budget %s)", e.fault.Name, e.alert, got.Round(time.Millisecond), budget)
		}
	}
	if t.Failed() {
		return
	}
	for _, a := range prom.firing(t) {
		if !expectedAlert(a, expected) {
			t.Errorf("an alert no fault explains fires: %v", a.Labels)
		}
	}

	faults.Clear()
	cleared := time.Now()
	for len(prom.firing(t)) > 0 && time.Since(cleared) < cfg.DeployWindow+10*time.Second {
		time.Sleep(500 * time.Millisecond)
	}
	if f := prom.firing(t); len(f) > 0 {
		t.Fatalf("%d alerts still fire %s after the faults were cleared, first %v", len(f), time.Since(cleared).Round(time.Second), f[0].Labels)
	}
	t.Logf("all alerts resolved %s after the faults were cleared", time.Since(cleared).Round(time.Millisecond))
}

func hasLabels(labels, want map[string]string) bool {
	for k, v := range want {
		if labels[k] != v {
			return false
		}
	}
	return true
}

func expectedAlert(a activeAlert, expected []expectation) bool {
	for _, e := range expected {
		if a.Labels["alertname"] == e.alert && hasLabels(a.Labels, e.labels) {
			return true
		}
	}
	return false
}
