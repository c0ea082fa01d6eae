package alerting

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Groups of the fleet-level rules: alerts and recordings that read recorded series only, so they
// run in the central Prometheus (or a store's ruler) and never in a workspace's own Prometheus.
const (
	GroupFleet       = "hexabase-fleet"
	GroupSLO         = "hexabase-slo"
	GroupLongWindows = "hexabase-long-windows"
)

// SLOWindows are the windows of workspace:hexabase_slo_errors:ratio_rate<W>, shortest first.
var SLOWindows = []string{"5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d"}

// Interval of the long-window group: under Prometheus' 5m lookback with a minute to spare, so that
// an instant query still finds the previous sample while a slow evaluation writes the next one.
const longWindowsInterval = 4 * time.Minute

const (
	agentLabels    = "cluster_id, plan_type, workspace_id, remote_name"
	lastSample     = "workspace:hexabase_agent_last_sample:timestamp"
	usageMax       = "workspace_resource:hexabase_resource_usage_ratio:max"
	secondsToFull  = "workspace_resource:hexabase_resource_usage_ratio:seconds_to_full"
	requestsRate5m = "workspace:hexabase_http_requests:rate5m"
	errorsRate5m   = "workspace:hexabase_http_requests_errors:rate5m"
	requestsRate1h = "workspace:hexabase_http_requests:rate1h"
	errorsRate1h   = "workspace:hexabase_http_requests_errors:rate1h"
)

func sloRatio(w string) string { return "workspace:hexabase_slo_errors:ratio_rate" + w }

// ratioOf divides errors by requests where there were requests: absent, not 0 or NaN, without
// traffic; a workspace with requests and no 5xx series at all has a ratio of 0.
func ratioOf(errors, requests string) string {
	return fmt.Sprintf("(%[1]s or 0 * %[2]s) / (%[2]s > 0)", errors, requests)
}

// coverageRecordings run in the 30s recording group: the data age and the agents' remote-write
// health that the coverage views and WorkspaceSilent read.
func coverageRecordings(cfg Config) []Recording {
	return []Recording{
		{Record: sloRatio("5m"), Expr: ratioOf(errorsRate5m, requestsRate5m)},
		// The newest sample's time, kept by reading its own previous value while the workspace is
		// silent, for at most KnownFor; `or on (workspace_id)` drops the old series when the
		// workspace reports again under other labels (a plan change).
		{Record: lastSample, Expr: fmt.Sprintf("max by (%[1]s) (timestamp(hexabase_vcluster_status)) or on (workspace_id) (%[2]s > time() - %[3]s)",
			workspaceLabels, lastSample, formatNumber(cfg.KnownFor.Seconds()))},
		// prometheus-mixin's PrometheusRemoteStorageFailures (prometheus/prometheus,
		// documentation/prometheus-mixin/alerts.libsonnet): failed / (failed + sent).
		{Record: "workspace_remote:prometheus_remote_storage_samples_failed:ratio_rate5m", Expr: fmt.Sprintf(
			"sum by (%[1]s) (rate(prometheus_remote_storage_samples_failed_total[5m]))"+
				" / (sum by (%[1]s) (rate(prometheus_remote_storage_samples_failed_total[5m]) + rate(prometheus_remote_storage_samples_total[5m])) > 0)",
			agentLabels)},
		// prometheus-mixin's PrometheusRemoteWriteBehind (same file): the newest appended sample
		// minus the newest sent one, per queue; the appended one has no remote_name.
		{Record: "workspace_remote:prometheus_remote_storage_lag:seconds", Expr: fmt.Sprintf(
			"max by (%s) (max_over_time(prometheus_remote_storage_highest_timestamp_in_seconds[5m])"+
				" - ignoring (remote_name, url) group_right () max_over_time(prometheus_remote_storage_queue_highest_sent_timestamp_seconds[5m]))",
			agentLabels)},
	}
}

// sloRecordings run every minute: the 30m and 1h windows of the paging pairs.
func sloRecordings() []Recording {
	var out []Recording
	for _, w := range []string{"30m", "1h"} {
		// Sums of the recorded 5m rates: the window's ratio with its edges smoothed over 5m, each
		// request weighted by how many 5m windows saw it (exact for a steady rate).
		out = append(out, Recording{Record: sloRatio(w), Expr: ratioOf(
			"sum_over_time("+errorsRate5m+"["+w+"])", "sum_over_time("+requestsRate5m+"["+w+"])")})
	}
	return out
}

// longWindowRecordings run every longWindowsInterval: hourly rates, the long SLO windows chained
// from them, and the quota forecasts; at 10,000 workspaces each reads a few hundred samples per
// series where a rate() over the raw counters would read every scrape of 30 days.
func longWindowRecordings(cfg Config) []Recording {
	out := []Recording{
		// Average of the 5m rates over the hour: the 1h rate with 5m-smoothed edges.
		{Record: requestsRate1h, Expr: "avg_over_time(" + requestsRate5m + "[1h])"},
		{Record: errorsRate1h, Expr: "avg_over_time(" + errorsRate5m + "[1h])"},
	}
	for _, w := range []string{"2h", "6h", "1d", "3d", "30d"} {
		// Sums of hourly rates sampled every few minutes: the window's ratio with 1h-smoothed edges
		// (the oldest requests count less); the error over 30 days is a few hours' worth at most.
		out = append(out, Recording{Record: sloRatio(w), Expr: ratioOf(
			"sum_over_time("+errorsRate1h+"["+w+"])", "sum_over_time("+requestsRate1h+"["+w+"])")})
	}
	window := PromDuration(cfg.ForecastWindow)
	fit := usageMax + "[" + window + "]"
	out = append(out,
		// The least-squares line over ForecastWindow, read at now, against the quota: a one-off spike
		// moves the line little; a flat or falling trend, a history shorter than the window (no
		// sample a window ago) or a quota already full gives no forecast.
		Recording{Record: secondsToFull, Expr: fmt.Sprintf(
			"clamp_min((1 - predict_linear(%[1]s, 0)) / (deriv(%[1]s) > 0), 0) and %[2]s < 1 and %[2]s offset %[3]s",
			fit, usageMax, window)},
		Recording{Record: "plan_cluster_bottom10:hexabase_resource_usage_ratio:seconds_to_full",
			Expr: "bottomk by (cluster_id, plan_type, resource_type) (10, " + secondsToFull + ")"},
	)
	return out
}

func fleetAlerts(cfg Config) []Alert {
	out := []Alert{
		{
			Name: "WorkspaceSilent", UID: "hexabase-workspace-silent",
			// Only workspaces in the control plane's inventory: one removed on purpose stops
			// alerting; its last-sample time outlives the lookback, so a silent one keeps firing.
			Query: fmt.Sprintf("time() - max by (%s) (%s) and on (workspace_id) group by (workspace_id) (hexabase_vcluster_info)",
				workspaceLabels, lastSample),
			Op: Above, Threshold: cfg.SilentAfter.Seconds(),
			// SilentFor: one evaluation that reads the last-sample time before its group has run
			// must not page; the threshold itself already waits SilentAfter.
			For:      cfg.SilentFor,
			Severity: Critical, Component: "monitoring",
			Summary: "Workspace {{ $labels.workspace_id }} has stopped sending metrics",
			Description: fmt.Sprintf("The agent of workspace {{ $labels.workspace_id }} has sent no samples for %%VALUE_SECONDS%% (more than %s); its pages and alerts are blind.",
				humanDuration(cfg.SilentAfter)),
			NoData: NoDataOK, NoDataWhy: "no silent workspace in the inventory returns no series",
			// The instance lives on while the workspace stays silent; once it leaves the inventory,
			// Grafana resolves it after two evaluations.
			MissingSeriesEvalsToResolve: &twoEvaluations,
		},
		{
			Name: "QuotaForecastFull", UID: "hexabase-quota-forecast-full",
			// ResourceQuotaExceeded takes over once usage passes its threshold.
			Query: fmt.Sprintf("min by (%[1]s, resource_type) (%[2]s) unless on (workspace_id, resource_type) %[3]s > %[4]s",
				workspaceLabels, secondsToFull, usageMax, formatNumber(cfg.QuotaRatio)),
			Op: Below, Threshold: cfg.ForecastHorizon.Seconds(),
			// ForecastFor: several evaluations of the long-window group agree; a warning goes to a
			// queue, so half an hour costs nothing against a day's horizon.
			For:      cfg.ForecastFor,
			Severity: Warning, Component: "resource_management",
			Summary: "{{ $labels.resource_type }} quota forecast to be full in workspace {{ $labels.workspace_id }}",
			Description: fmt.Sprintf("At the trend of the last %s, {{ $labels.resource_type }} usage in workspace {{ $labels.workspace_id }} reaches its quota in %%VALUE_SECONDS%%.",
				humanDuration(cfg.ForecastWindow)),
			NoData: NoDataOK, NoDataWhy: "no quota is forecast to be full when no usage is rising",
		},
	}
	if len(cfg.Objectives) == 0 {
		return out
	}
	idle := "a workspace within its error budget returns no series"
	return append(out,
		Alert{
			Name: "ErrorBudgetFastBurn", UID: "hexabase-error-budget-fast-burn",
			Query: burnQuery(cfg, cfg.FastBurn), Op: Above, Threshold: 1, For: cfg.FastBurnFor,
			Severity: Critical, Component: "slo",
			Summary:     "Workspace {{ $labels.workspace_id }} is burning its error budget fast",
			Description: "Workspace {{ $labels.workspace_id }} spends its 30-day error budget at " + pairsText(cfg.FastBurn) + " (now %VALUE_TIMES% the paging rate).",
			NoData:      NoDataOK, NoDataWhy: idle,
		},
		Alert{
			Name: "ErrorBudgetSlowBurn", UID: "hexabase-error-budget-slow-burn",
			Query: burnQuery(cfg, cfg.SlowBurn), Op: Above, Threshold: 1, For: cfg.SlowBurnFor,
			Severity: Warning, Component: "slo",
			Summary:     "Workspace {{ $labels.workspace_id }} is burning its error budget",
			Description: "Workspace {{ $labels.workspace_id }} spends its 30-day error budget at " + pairsText(cfg.SlowBurn) + " (now %VALUE_TIMES% the ticket rate).",
			NoData:      NoDataOK, NoDataWhy: idle,
		},
	)
}

// pairsText says what the pairs mean: "more than 14.4x the sustainable rate over 1h and 5m or ...".
func pairsText(pairs []BurnPair) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = fmt.Sprintf("more than %sx the sustainable rate over %s and %s", formatNumber(p.Factor), p.Long, p.Short)
	}
	return strings.Join(parts, ", or ")
}

// burnQuery is, per workspace, the largest over the pairs of min(long, short) error ratio divided
// by factor x the plan's budget: above 1 exactly when some pair burns past its factor in both
// windows. Workspaces under MinRequestRate over the last hour are left out: a few failed
// requests of a quiet workspace are no outage.
func burnQuery(cfg Config, pairs []BurnPair) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		long, short := sloRatio(p.Long), sloRatio(p.Short)
		// min(long, short), absent unless both are present.
		min := fmt.Sprintf("(%[1]s < %[2]s or %[2]s and %[1]s)", long, short)
		parts[i] = fmt.Sprintf(`label_replace(%s / on (plan_type) group_left () (%s), "burn_window", "%s", "", "")`,
			min, budgetVector(cfg.Objectives, p.Factor), p.Long)
	}
	return fmt.Sprintf("max by (%s) (%s) and on (workspace_id) %s >= %s",
		workspaceLabels, strings.Join(parts, " or "), requestsRate1h, formatNumber(cfg.MinRequestRate))
}

// budgetVector is the error ratio at factor x each plan's budget (1 - objective), one series
// per plan_type, sorted by plan for a deterministic rule file.
func budgetVector(objectives map[string]float64, factor float64) string {
	plans := make([]string, 0, len(objectives))
	for p := range objectives {
		plans = append(plans, p)
	}
	sort.Strings(plans)
	parts := make([]string, len(plans))
	for i, p := range plans {
		// Rounded to 12 digits: 1 - 0.9995 is 0.0004999999999999449 in binary.
		v := math.Round(factor*(1-objectives[p])*1e12) / 1e12
		parts[i] = fmt.Sprintf(`label_replace(vector(%s), "plan_type", "%s", "", "")`, formatNumber(v), p)
	}
	return strings.Join(parts, " or ")
}
