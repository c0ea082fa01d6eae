//go:build integration

package alerts

import (
	"fmt"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
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
		&cfg.ErrorFor, &cfg.LatencyFor, &cfg.DeployFor, &cfg.QuotaFor, &cfg.SilentFor, &cfg.ForecastFor,
		&cfg.FastBurnFor, &cfg.SlowBurnFor} {
		*d = 5 * time.Second
	}
	cfg.SilentAfter = 10 * time.Second
	// A fit over 30s; quota-filling adds a quota an hour, so any workspace it fills is forecast
	// full within the hour, while a baseline (at most 1.2e-5/s from 0.74) is over 5 hours away.
	cfg.ForecastWindow, cfg.ForecastHorizon = 30*time.Second, time.Hour
	// The burn pairs keep their windows (recorded series of fixed names): over a history of a few
	// minutes every window's ratio is the ratio of the whole history.
	cfg.Objectives = settings.Settings{}.Objectives()
	return cfg
}

type expectation struct {
	fault simulator.Fault
	// alerts the fault raises: first the catalogue's Raises, then those it raises by design.
	alerts []raised
}

type raised struct {
	alert  string
	labels map[string]string
	// condition is how long the fault takes to make the rule's query cross its threshold: a rate
	// over a window moves only as the window fills with faulty samples.
	condition time.Duration
	// lingers: the alert outlives the fault by design, longer than this test waits.
	lingers bool
}

func one(alert string, labels map[string]string, condition time.Duration) []raised {
	return []raised{{alert: alert, labels: labels, condition: condition}}
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
	vClusterDown := func(w simulator.Workspace, vc string) raised {
		return raised{alert: "vClusterDown", labels: map[string]string{"workspace_id": w.ID, "vcluster_name": vc, "severity": "critical"}}
	}
	// Every burn window (5m and longer) reaches back to Prometheus' start, so its ratio averages
	// the fault with the whole baseline: it crosses after about as long as the baseline lasted,
	// and outlives a cleared spike by minutes.
	baseline := cfg.DeployWindow + 10*time.Second
	burn := func(alert string) raised {
		return raised{alert: alert, labels: map[string]string{"workspace_id": ws[0].ID}, condition: baseline, lingers: true}
	}
	expected := []expectation{
		{simulator.Fault{Name: "vcluster-down", Workspace: ws[5].ID, VCluster: ws[5].VClusters[0]}, []raised{vClusterDown(ws[5], ws[5].VClusters[0])}},
		{simulator.Fault{Name: "vcluster-silent", Workspace: ws[6].ID, VCluster: ws[6].VClusters[1]}, []raised{vClusterDown(ws[6], ws[6].VClusters[1])}},
		// Its agent gone, the workspace's vClusters stop reporting too.
		{simulator.Fault{Name: "workspace-silent", Workspace: ws[7].ID}, []raised{
			{alert: "WorkspaceSilent", labels: map[string]string{"workspace_id": ws[7].ID, "severity": "critical"}, condition: cfg.SilentAfter},
			vClusterDown(ws[7], ws[7].VClusters[0]), vClusterDown(ws[7], ws[7].VClusters[1])}},
		// 30% of one endpoint's requests is well past every burn pair's factor of any plan's budget.
		{simulator.Fault{Name: "error-spike", Workspace: ws[0].ID, Endpoint: "/api/v1/apps"}, []raised{
			{alert: "HighErrorRate", labels: map[string]string{"workspace_id": ws[0].ID, "endpoint": "/api/v1/apps", "severity": "warning"}, condition: window},
			burn("ErrorBudgetFastBurn"), burn("ErrorBudgetSlowBurn")}},
		{simulator.Fault{Name: "slow-endpoint", Workspace: ws[1].ID, Endpoint: "/api/v1/logs"},
			one("SlowResponseTime", map[string]string{"workspace_id": ws[1].ID, "endpoint": "/api/v1/logs"}, window)},
		{simulator.Fault{Name: "deployment-failures", Workspace: ws[2].ID},
			one("DeploymentFailureSpike", map[string]string{"workspace_id": ws[2].ID}, cfg.DeployWindow)},
		{simulator.Fault{Name: "quota-exhausted", Workspace: ws[3].ID, Resource: "memory"},
			one("ResourceQuotaExceeded", map[string]string{"workspace_id": ws[3].ID, "resource_type": "memory"}, 0)},
		{simulator.Fault{Name: "quota-filling", Workspace: ws[8].ID, Resource: "storage"},
			one("QuotaForecastFull", map[string]string{"workspace_id": ws[8].ID, "resource_type": "storage", "severity": "warning"}, cfg.ForecastWindow)},
		{simulator.Fault{Name: "host-cpu", Host: "node-01"}, one("HighCPUUsage", map[string]string{"instance": "node-01"}, window)},
		{simulator.Fault{Name: "host-memory", Host: "node-02"}, one("HighMemoryUsage", map[string]string{"instance": "node-02"}, 0)},
		{simulator.Fault{Name: "host-disk", Host: "node-03"}, one("DiskSpaceRunningOut", map[string]string{"instance": "node-03", "mountpoint": "/"}, 0)},
		// Raise nothing: the coverage views show them; injected so that the check below proves it.
		{simulator.Fault{Name: "remote-write-lagging", Workspace: ws[9].ID}, nil},
		{simulator.Fault{Name: "remote-write-rejected", Workspace: ws[10].ID}, nil},
	}
	raises := map[string]string{}
	for _, k := range simulator.FaultKinds {
		raises[k.Name] = k.Raises
	}
	tested := 0
	for _, e := range expected {
		if len(e.alerts) > 0 {
			tested++
			if e.alerts[0].alert != raises[e.fault.Name] {
				t.Fatalf("fault %s is expected to raise %s first, the catalogue says %q", e.fault.Name, e.alerts[0].alert, raises[e.fault.Name])
			}
		} else if raises[e.fault.Name] != "" {
			t.Fatalf("fault %s raises %s in the catalogue", e.fault.Name, raises[e.fault.Name])
		}
	}
	raising := 0
	for _, k := range simulator.FaultKinds {
		if k.Raises != "" {
			raising++
		}
	}
	if tested != raising {
		t.Fatalf("%d faults tested, %d in the catalogue raise an alert", tested, raising)
	}

	// Healthy baseline: long enough for every rate window, every `for` and the forecast's window
	// to have elapsed.
	baselineEnd := time.Now().Add(baseline)
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
	type key struct{ fault, alert string }
	var want []key
	firedAt := map[key]time.Duration{}
	budgetOf := func(r raised) time.Duration {
		return r.condition + 5*time.Second + 2*cfg.EvaluationInterval + time.Second + time.Second
	}
	deadline := injected
	for _, e := range expected {
		for i, r := range e.alerts {
			want = append(want, key{e.fault.Name, fmt.Sprint(i)})
			if end := injected.Add(budgetOf(r)); end.After(deadline) {
				deadline = end
			}
		}
	}
	for len(firedAt) < len(want) && time.Now().Before(deadline) {
		for _, a := range prom.firing(t) {
			for _, e := range expected {
				for i, r := range e.alerts {
					k := key{e.fault.Name, fmt.Sprint(i)}
					if _, done := firedAt[k]; !done && a.Labels["alertname"] == r.alert && hasLabels(a.Labels, r.labels) {
						firedAt[k] = time.Since(injected)
					}
				}
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
	for _, e := range expected {
		for i, r := range e.alerts {
			got, ok := firedAt[key{e.fault.Name, fmt.Sprint(i)}]
			budget := budgetOf(r)
			switch {
			case !ok:
				t.Errorf("fault %s did not raise %s with labels %v", e.fault.Name, r.alert, r.labels)
			case got > budget:
				t.Errorf("fault %s raised %s after %s, over its budget of %s", e.fault.Name, r.alert, got.Round(time.Millisecond), budget)
			default:
				t.Logf("fault %-21s raised %-22s after %s (budget %s)", e.fault.Name, r.alert, got.Round(time.Millisecond), budget)
			}
		}
	}
	if t.Failed() {
		return
	}
	for _, a := range prom.firing(t) {
		if _, ok := expectedAlert(a, expected); !ok {
			t.Errorf("an alert no fault explains fires: %v", a.Labels)
		}
	}

	faults.Clear()
	cleared := time.Now()
	resolving := func() []activeAlert {
		var out []activeAlert
		for _, a := range prom.firing(t) {
			if r, _ := expectedAlert(a, expected); !r.lingers {
				out = append(out, a)
			}
		}
		return out
	}
	for len(resolving()) > 0 && time.Since(cleared) < cfg.DeployWindow+10*time.Second {
		time.Sleep(500 * time.Millisecond)
	}
	if f := resolving(); len(f) > 0 {
		t.Fatalf("%d alerts still fire %s after the faults were cleared, first %v", len(f), time.Since(cleared).Round(time.Second), f[0].Labels)
	}
	t.Logf("all alerts but the burn rates resolved %s after the faults were cleared", time.Since(cleared).Round(time.Millisecond))
}

func hasLabels(labels, want map[string]string) bool {
	for k, v := range want {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// expectedAlert is the expectation a firing alert meets, if any.
func expectedAlert(a activeAlert, expected []expectation) (raised, bool) {
	for _, e := range expected {
		for _, r := range e.alerts {
			if a.Labels["alertname"] == r.alert && hasLabels(a.Labels, r.labels) {
				return r, true
			}
		}
	}
	return raised{}, false
}
