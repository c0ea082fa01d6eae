package fleethealth

import (
	"testing"
)

func TestQueriesReadOneSeriesPerWorkspaceAndSignal(t *testing.T) {
	want := map[Signal]string{
		VClustersDown:  "max by (workspace_id) (workspace:hexabase_vcluster_status:count - workspace:hexabase_vcluster_status:healthy)",
		VClustersTotal: "max by (workspace_id) (workspace:hexabase_vcluster_status:count)",
		ErrorRatio:     "max by (workspace_id) (workspace:hexabase_slo_errors:ratio_rate5m and workspace:hexabase_http_requests:rate5m >= 0.1)",
		LatencyP95: "max by (workspace_id) (histogram_quantile(0.95, workspace_le:hexabase_http_request_duration_seconds_bucket:rate5m)" +
			" and workspace:hexabase_http_requests:rate5m >= 0.1)",
		QuotaUsage:             "topk by (workspace_id) (1, workspace_resource:hexabase_resource_usage_ratio:max)",
		BurnRate1h:             "max by (workspace_id, plan_type) (workspace:hexabase_slo_errors:ratio_rate1h)",
		BudgetRemaining:        "max by (workspace_id, plan_type) (workspace:hexabase_slo_errors:ratio_rate30d)",
		DataAge:                "time() - max by (workspace_id) (workspace:hexabase_agent_last_sample:timestamp)",
		RemoteWriteFailedRatio: "max by (workspace_id) (workspace_remote:prometheus_remote_storage_samples_failed:ratio_rate5m)",
		RemoteWriteLag:         "max by (workspace_id) (workspace_remote:prometheus_remote_storage_lag:seconds)",
	}
	got := Queries(0.1)
	if len(got) != int(numSignals) {
		t.Fatalf("%d queries, want one per signal (%d)", len(got), numSignals)
	}
	for i, q := range got {
		if q.Signal != Signal(i) || q.PromQL != want[q.Signal] {
			t.Errorf("%v:\n got %s\nwant %s", q.Signal, q.PromQL, want[q.Signal])
		}
	}
}

func TestBurnRateAndBudgetFollowTheObjective(t *testing.T) {
	cases := []struct{ ratio, objective, burn, budget float64 }{
		{0, 0.999, 0, 1},
		{0.001, 0.999, 1, 0},
		{0.0144, 0.999, 14.4, -13.4},
		{0.00025, 0.9995, 0.5, 0.5},
	}
	for _, c := range cases {
		if b := burnRate(c.ratio, c.objective); !near(b, c.burn) {
			t.Errorf("burnRate(%v, %v) = %v, want %v", c.ratio, c.objective, b, c.burn)
		}
		if b := budgetLeft(c.ratio, c.objective); !near(b, c.budget) {
			t.Errorf("budgetLeft(%v, %v) = %v, want %v", c.ratio, c.objective, b, c.budget)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
