package main

import (
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/fleethealth"
)

func TestSingleQueryIsTheRankingInOnePromQLExpression(t *testing.T) {
	got := singleQuery(0.1, fleethealth.ThresholdsOf(alerting.Defaults(), 10*time.Minute), map[string]float64{"shared": 0.999, "dedicated": 0.9995})
	want := `sort_desc(max by (workspace_id) (` +
		`label_replace((max by (workspace_id) (workspace:hexabase_vcluster_status:count - workspace:hexabase_vcluster_status:healthy)) / 1, "signal", "vclustersDown", "", "")` +
		` or label_replace((max by (workspace_id) (workspace:hexabase_slo_errors:ratio_rate5m` +
		` and workspace:hexabase_http_requests:rate5m >= 0.1)) / 0.05, "signal", "errorRatio", "", "")` +
		` or label_replace((max by (workspace_id) (histogram_quantile(0.95, workspace_le:hexabase_http_request_duration_seconds_bucket:rate5m)` +
		` and workspace:hexabase_http_requests:rate5m >= 0.1)) / 2, "signal", "latencyP95", "", "")` +
		` or label_replace((max by (workspace_id) (workspace_resource:hexabase_resource_usage_ratio:max)) / 0.95, "signal", "quotaUsage", "", "")` +
		` or label_replace((max by (workspace_id) (workspace:hexabase_slo_errors:ratio_rate1h{plan_type="dedicated"} / (1 - 0.9995)` +
		` or workspace:hexabase_slo_errors:ratio_rate1h{plan_type="shared"} / (1 - 0.999))) / 14.4, "signal", "budgetBurn", "", "")` +
		` or label_replace((time() - max by (workspace_id) (workspace:hexabase_agent_last_sample:timestamp)) / 600, "signal", "dataAge", "", "")))`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
