package fleethealth

import (
	"fmt"
	"strconv"
)

// Query is the instant query that reads one signal of every workspace.
type Query struct {
	Signal Signal
	PromQL string
}

// Recorded series the queries read, as pkg/alerting records them.
const (
	vclusterCount   = "workspace:hexabase_vcluster_status:count"
	vclusterHealthy = "workspace:hexabase_vcluster_status:healthy"
	requests        = "workspace:hexabase_http_requests:rate5m"
	durationBuckets = "workspace_le:hexabase_http_request_duration_seconds_bucket:rate5m"
	usageRatio      = "workspace_resource:hexabase_resource_usage_ratio:max"
	sloErrors       = "workspace:hexabase_slo_errors:ratio_rate"
	lastSample      = "workspace:hexabase_agent_last_sample:timestamp"
	remoteFailed    = "workspace_remote:prometheus_remote_storage_samples_failed:ratio_rate5m"
	remoteLag       = "workspace_remote:prometheus_remote_storage_lag:seconds"
)

// Queries returns one instant query per signal, each answering at most one series per workspace
// (per plan for the budget, whose objective is the plan's; quota usage keeps the label of its
// worst resource, topk picking one of equals). minRequestRate is alerting Config.MinRequestRate: as in the
// HighErrorRate and SlowResponseTime alerts, a ratio or a quantile of fewer requests is no data.
func Queries(minRequestRate float64) []Query {
	busy := requests + " >= " + strconv.FormatFloat(minRequestRate, 'f', -1, 64)
	byWorkspace := func(expr string) string { return "max by (workspace_id) (" + expr + ")" }
	slo := func(window string) string { return "max by (workspace_id, plan_type) (" + sloErrors + window + ")" }
	return []Query{
		{VClustersDown, byWorkspace(vclusterCount + " - " + vclusterHealthy)},
		{VClustersTotal, byWorkspace(vclusterCount)},
		// The recorded 5-minute error ratio: 0 for a workspace with requests and no 5xx series, none without requests.
		{ErrorRatio, byWorkspace(sloErrors + "5m and " + busy)},
		{LatencyP95, byWorkspace(fmt.Sprintf("histogram_quantile(0.95, %s) and %s", durationBuckets, busy))},
		{QuotaUsage, "topk by (workspace_id) (1, " + usageRatio + ")"},
		{BurnRate1h, slo("1h")},
		{BudgetRemaining, slo("30d")},
		{DataAge, "time() - " + byWorkspace(lastSample)},
		{RemoteWriteFailedRatio, byWorkspace(remoteFailed)},
		{RemoteWriteLag, byWorkspace(remoteLag)},
	}
}

// burnRate is how fast a workspace spends its error budget: 1 spends it exactly over the
// objective's 30 days.
func burnRate(errorRatio, objective float64) float64 { return errorRatio / (1 - objective) }

// budgetLeft is the share of the 30 days' error budget not spent; below 0 when overspent.
func budgetLeft(errorRatio30d, objective float64) float64 { return 1 - errorRatio30d/(1-objective) }
