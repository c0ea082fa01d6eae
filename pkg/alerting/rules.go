package alerting

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Severity has a written meaning: critical pages someone now, warning goes to a team's queue.
type Severity string

const (
	Critical Severity = "critical"
	Warning  Severity = "warning"
)

// Op is the comparison of a rule's query value against its threshold.
type Op string

const (
	Above Op = ">"
	Below Op = "<"
)

// NoDataState and ExecErrState are Grafana's states for an empty result and a failed query.
type (
	NoDataState  string
	ExecErrState string
)

const (
	NoDataOK       NoDataState  = "OK"
	NoDataAlerting NoDataState  = "NoData"
	ExecErrError   ExecErrState = "Error"
)

// Alert is one alert rule: a query whose value per series is compared with a threshold. In
// Prometheus the expression is `(query) op threshold`; in Grafana the query is A and the
// comparison a threshold expression B, which filters series exactly as the PromQL comparison.
type Alert struct {
	Name        string
	UID         string
	Query       string
	Op          Op
	Threshold   float64
	For         time.Duration
	Severity    Severity
	Component   string
	Summary     string
	Description string // may use {{ $labels.x }} and the %VALUE_*% placeholders of annotations.go
	NoData      NoDataState
	NoDataWhy   string
	RunbookURL  string
	// MissingSeriesEvalsToResolve, when set, is how many evaluations Grafana waits before it
	// resolves an instance whose series has gone.
	MissingSeriesEvalsToResolve *int
}

// Recording is a recording rule that the app's pages read at fleet scale.
type Recording struct {
	Record string
	Expr   string
	Labels map[string]string
}

// Group is a rule group, evaluated as a unit every Interval.
type Group struct {
	Name       string
	Interval   time.Duration
	Alerts     []Alert
	Recordings []Recording
}

const (
	GroupInfrastructure = "hexabase-infrastructure"
	GroupApplications   = "hexabase-applications"
	GroupBusiness       = "hexabase-business"
	GroupRecording      = "hexabase-recording"
)

// Label sets the rules aggregate to; plan_type and cluster_id are the agents' external labels.
const (
	workspaceLabels = "cluster_id, plan_type, workspace_id"
	endpointLabels  = "cluster_id, workspace_id, endpoint"
	vclusterLabels  = "cluster_id, plan_type, workspace_id, vcluster_name"
)

// vClusterIsDown inhibits workspace-level warnings while one of the workspace's vClusters is down:
// Grafana's Alertmanager has no inhibition rules, so the suppression lives in the queries.
const vClusterIsDown = "unless on (workspace_id) (hexabase_vcluster_status == 0)"

// Expr is the rule's Prometheus expression.
func (a Alert) Expr() string {
	q := a.Query
	if strings.Contains(q, " and ") || strings.Contains(q, " or ") || strings.Contains(q, " unless ") {
		// Comparisons bind tighter than and/or/unless: without parentheses the threshold would
		// apply to the last operand only.
		q = "(" + q + ")"
	}
	return fmt.Sprintf("%s %s %s", q, a.Op, formatNumber(a.Threshold))
}

// Groups returns every rule group of the app, built from cfg.
func Groups(cfg Config) []Group {
	groups := []Group{
		{Name: GroupInfrastructure, Interval: time.Minute, Alerts: infrastructureAlerts(cfg)},
		{Name: GroupApplications, Interval: 30 * time.Second, Alerts: applicationAlerts(cfg)},
		{Name: GroupBusiness, Interval: time.Minute, Alerts: businessAlerts(cfg)},
		// Rules of a group run in order: the plan and cluster level reads the workspace level of the same evaluation.
		{Name: GroupRecording, Interval: 30 * time.Second, Recordings: append(append(recordings(), planClusterRecordings()...), coverageRecordings(cfg)...)},
		{Name: GroupSLO, Interval: time.Minute, Recordings: sloRecordings()},
		{Name: GroupLongWindows, Interval: longWindowsInterval, Recordings: longWindowRecordings(cfg)},
		// Fleet alerts read only recorded series, so WorkspaceRules leaves them out; after the
		// recordings, so that promtool (which runs groups in file order) reads the same evaluation.
		{Name: GroupFleet, Interval: time.Minute, Alerts: fleetAlerts(cfg)},
	}
	for gi, g := range groups {
		if cfg.EvaluationInterval > 0 {
			groups[gi].Interval = cfg.EvaluationInterval
		}
		for i := range g.Alerts {
			g.Alerts[i].RunbookURL = cfg.RunbookBaseURL + "#" + strings.ToLower(g.Alerts[i].Name)
		}
	}
	return groups
}

// AllAlerts lists every alert of every group, in group order.
func AllAlerts(cfg Config) []Alert {
	var out []Alert
	for _, g := range Groups(cfg) {
		out = append(out, g.Alerts...)
	}
	return out
}

func infrastructureAlerts(cfg Config) []Alert {
	hostsBlind := "no node_* series means the hosts are not monitored at all"
	return []Alert{
		{
			Name: "HighCPUUsage", UID: "hexabase-high-cpu-usage",
			// rate instead of the design's irate, whose last-two-samples view makes the 5m `for`
			// hinge on single scrapes; and the idle share of all CPU time rather than 1 - idle
			// rate, so that a window still filling after a restart or a scrape gap reads as it is
			// instead of as a fully busy host.
			Query: fmt.Sprintf(`100 * (1 - sum by (cluster_id, instance) (rate(node_cpu_seconds_total{mode="idle"}[%[1]s]))`+
				` / sum by (cluster_id, instance) (rate(node_cpu_seconds_total[%[1]s])))`, PromDuration(cfg.RateWindow)),
			Op: Above, Threshold: cfg.HostCPUPercent, For: cfg.HostCPUFor,
			Severity: Warning, Component: "infrastructure",
			Summary: "High CPU usage on {{ $labels.instance }}",
			Description: fmt.Sprintf("CPU usage on {{ $labels.instance }} has been above %s%% for %s (now %%VALUE_PERCENT%%).",
				formatNumber(cfg.HostCPUPercent), humanDuration(cfg.HostCPUFor)),
			NoData: NoDataAlerting, NoDataWhy: hostsBlind,
		},
		{
			Name: "HighMemoryUsage", UID: "hexabase-high-memory-usage",
			Query: `100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)`,
			Op:    Above, Threshold: cfg.HostMemoryPercent, For: cfg.HostMemoryFor,
			Severity: Warning, Component: "infrastructure",
			Summary: "High memory usage on {{ $labels.instance }}",
			Description: fmt.Sprintf("Memory usage on {{ $labels.instance }} has been above %s%% for %s (now %%VALUE_PERCENT%%).",
				formatNumber(cfg.HostMemoryPercent), humanDuration(cfg.HostMemoryFor)),
			NoData: NoDataAlerting, NoDataWhy: hostsBlind,
		},
		{
			Name: "DiskSpaceRunningOut", UID: "hexabase-disk-space-running-out",
			// The design's expression also matched tmpfs, overlay and read-only filesystems, which
			// are full by design or cannot be cleaned; the mountpoint tells which disk it is.
			Query: `100 * node_filesystem_avail_bytes{fstype!~"tmpfs|ramfs|overlay|squashfs|nsfs|fuse.lxcfs"}` +
				` / node_filesystem_size_bytes{fstype!~"tmpfs|ramfs|overlay|squashfs|nsfs|fuse.lxcfs"}` +
				` unless on (instance, device, mountpoint) node_filesystem_readonly == 1`,
			Op: Below, Threshold: cfg.DiskFreePercent, For: cfg.DiskFor,
			Severity: Critical, Component: "infrastructure",
			Summary: "Disk space running out on {{ $labels.instance }}",
			Description: fmt.Sprintf("Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} has less than %s%% free space (now %%VALUE_PERCENT%%).",
				formatNumber(cfg.DiskFreePercent)),
			NoData: NoDataAlerting, NoDataWhy: hostsBlind,
		},
	}
}

var twoEvaluations = 2

func applicationAlerts(cfg Config) []Alert {
	minRate, window := formatNumber(cfg.MinRequestRate), PromDuration(cfg.RateWindow)
	idle := "an idle endpoint returns no series: that is normal, not an incident"
	return []Alert{
		{
			Name: "vClusterDown", UID: "hexabase-vcluster-down",
			// The design's `hexabase_vcluster_status == 0` went silent when a vCluster stopped
			// reporting altogether, the usual shape of a real outage, and a "seen lately" window
			// only delays that: the alert resolved once the window passed while the vCluster was
			// still silent. The control plane's inventory (hexabase_vcluster_info, one series per
			// vCluster it runs) says which vClusters must report: one that is in the inventory and
			// reports no status counts as down (0) until it reports again or is removed on purpose.
			Query: fmt.Sprintf("min by (%[1]s) (hexabase_vcluster_status) or on (%[1]s) 0 * group by (%[1]s) (hexabase_vcluster_info)", vclusterLabels),
			Op:    Below, Threshold: 1, For: cfg.VClusterDownFor,
			Severity: Critical, Component: "vcluster",
			Summary:     "vCluster {{ $labels.vcluster_name }} is down",
			Description: "vCluster {{ $labels.vcluster_name }} in workspace {{ $labels.workspace_id }} is unhealthy or has stopped reporting.",
			NoData:      NoDataAlerting, NoDataWhy: "no hexabase_vcluster_status and no inventory at all means no vCluster is monitored",
			// The instance of a silent vCluster lives on through its inventory series; once the
			// vCluster leaves the inventory, Grafana resolves it after two evaluations.
			MissingSeriesEvalsToResolve: &twoEvaluations,
		},
		{
			Name: "HighErrorRate", UID: "hexabase-high-error-rate",
			// The design divided each 5xx series by the series of the same status code, which is
			// always 100%; the ratio must be taken per endpoint over all status codes, and only for
			// endpoints with enough traffic for a share to mean something.
			Query: fmt.Sprintf(`(sum by (%[1]s) (rate(hexabase_http_requests_total{status_code=~"5.."}[%[4]s])) or 0 * sum by (%[1]s) (rate(hexabase_http_requests_total[%[4]s])))`+
				` / sum by (%[1]s) (rate(hexabase_http_requests_total[%[4]s]))`+
				` and sum by (%[1]s) (rate(hexabase_http_requests_total[%[4]s])) >= %[2]s %[3]s`,
				endpointLabels, minRate, vClusterIsDown, window),
			Op: Above, Threshold: cfg.ErrorRatio, For: cfg.ErrorFor,
			Severity: Warning, Component: "application",
			Summary: "High error rate on {{ $labels.endpoint }}",
			Description: fmt.Sprintf("More than %s of the requests to {{ $labels.endpoint }} in workspace {{ $labels.workspace_id }} fail with 5xx (now %%VALUE_RATIO%%).",
				formatPercent(cfg.ErrorRatio)),
			NoData: NoDataOK, NoDataWhy: idle,
		},
		{
			Name: "SlowResponseTime", UID: "hexabase-slow-response-time",
			// The design took quantiles per scraped series; buckets must be summed per endpoint
			// (keeping le) first, or each pod and status yields its own, meaningless, p95.
			Query: fmt.Sprintf(`histogram_quantile(0.95, sum by (%[1]s, le) (rate(hexabase_http_request_duration_seconds_bucket[%[4]s])))`+
				` and sum by (%[1]s) (rate(hexabase_http_request_duration_seconds_count[%[4]s])) >= %[2]s %[3]s`,
				endpointLabels, minRate, vClusterIsDown, window),
			Op: Above, Threshold: cfg.LatencyP95Seconds, For: cfg.LatencyFor,
			Severity: Warning, Component: "application",
			Summary: "Slow responses on {{ $labels.endpoint }}",
			Description: fmt.Sprintf("The 95th percentile response time of {{ $labels.endpoint }} in workspace {{ $labels.workspace_id }} is above %ss (now %%VALUE_SECONDS%%).",
				formatNumber(cfg.LatencyP95Seconds)),
			NoData: NoDataOK, NoDataWhy: idle,
		},
	}
}

func businessAlerts(cfg Config) []Alert {
	window := PromDuration(cfg.DeployWindow)
	return []Alert{
		{
			Name: "DeploymentFailureSpike", UID: "hexabase-deployment-failure-spike",
			// The design's `rate(failures[10m]) > 0.1` needs 60 failures in 10 minutes per
			// deployment type, which no workspace reaches; the failed share of the workspace's
			// deployments, over a minimum count, is what tells a broken pipeline from bad luck.
			Query: fmt.Sprintf(`sum by (%[1]s) (increase(hexabase_workspace_deployments_total{status="failure"}[%[2]s]))`+
				` / sum by (%[1]s) (increase(hexabase_workspace_deployments_total[%[2]s]))`+
				` and sum by (%[1]s) (increase(hexabase_workspace_deployments_total[%[2]s])) >= %[3]s %[4]s`,
				workspaceLabels, window, formatNumber(cfg.DeployMinCount), vClusterIsDown),
			Op: Above, Threshold: cfg.DeployFailureRatio, For: cfg.DeployFor,
			Severity: Warning, Component: "deployment",
			Summary: "Deployments failing in workspace {{ $labels.workspace_id }}",
			Description: fmt.Sprintf("More than %s of the deployments in workspace {{ $labels.workspace_id }} failed in the last %s (now %%VALUE_RATIO%%).",
				formatPercent(cfg.DeployFailureRatio), humanDuration(cfg.DeployWindow)),
			NoData: NoDataOK, NoDataWhy: "a workspace without deployments returns no series",
		},
		{
			Name: "ResourceQuotaExceeded", UID: "hexabase-resource-quota-exceeded",
			Query: "max by (cluster_id, plan_type, workspace_id, resource_type) (hexabase_resource_usage_ratio)",
			Op:    Above, Threshold: cfg.QuotaRatio, For: cfg.QuotaFor,
			Severity: Critical, Component: "resource_management",
			Summary: "{{ $labels.resource_type }} quota nearly exhausted in workspace {{ $labels.workspace_id }}",
			Description: fmt.Sprintf("{{ $labels.resource_type }} usage is above %s of the quota in workspace {{ $labels.workspace_id }} (now %%VALUE_RATIO%%).",
				formatPercent(cfg.QuotaRatio)),
			NoData: NoDataAlerting, NoDataWhy: "no usage series at all means quota usage is not reported",
		},
	}
}

func recordings() []Recording {
	by := func(labels string) string { return "sum by (" + labels + ") " }
	w := workspaceLabels
	return []Recording{
		{Record: "workspace:hexabase_http_requests:rate5m", Expr: by(w) + "(rate(hexabase_http_requests_total[5m]))"},
		{Record: "workspace:hexabase_http_requests_errors:rate5m", Expr: by(w) + `(rate(hexabase_http_requests_total{status_code=~"5.."}[5m]))`},
		{Record: "workspace_le:hexabase_http_request_duration_seconds_bucket:rate5m", Expr: by(w+", le") + "(rate(hexabase_http_request_duration_seconds_bucket[5m]))"},
		{Record: "workspace:hexabase_vcluster_status:healthy", Expr: by(w) + "(hexabase_vcluster_status)"},
		{Record: "workspace:hexabase_vcluster_status:count", Expr: "count by (" + w + ") (hexabase_vcluster_status)"},
		{Record: "workspace:hexabase_active_connections:sum", Expr: by(w) + "(hexabase_active_connections)"},
		{Record: "workspace:hexabase_active_user_sessions:sum", Expr: by(w) + "(hexabase_active_user_sessions)"},
		{Record: "workspace_connection_type:hexabase_database_connections:sum", Expr: by(w+", connection_type") + "(hexabase_database_connections)"},
		{Record: "workspace_resource:hexabase_resource_usage_ratio:max", Expr: "max by (" + w + ", resource_type) (hexabase_resource_usage_ratio)"},
		{Record: "workspace_type_status:hexabase_workspace_deployments:rate5m", Expr: by(w+", deployment_type, status") + "(rate(hexabase_workspace_deployments_total[5m]))"},
		{Record: "workspace_agent_status:hexabase_aiops_operations:rate5m", Expr: by(w+", agent_name, operation_type, status") + "(rate(hexabase_aiops_operations_total[5m]))"},
	}
}

// UsageBuckets bound the buckets of the plan and cluster level's count of workspaces by quota
// usage: 0.95 is the quota alert's threshold, and quantiles interpolate within 0.1.
var UsageBuckets = []string{"0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "0.95", "1", "+Inf"}

// planClusterRecordings aggregate the workspace level per plan and cluster (kubernetes-mixin's
// second level): what the fleet pages read when no workspace is selected, tens of series
// instead of one per workspace. The spread of quota usage is kept as a histogram of workspaces
// per usage bucket, so that quantiles stay right when plans and clusters are combined.
func planClusterRecordings() []Recording {
	pc := "cluster_id, plan_type"
	sum := func(record, from, extra string) Recording {
		return Recording{Record: record, Expr: "sum by (" + pc + extra + ") (" + from + ")"}
	}
	out := []Recording{
		sum("plan_cluster:hexabase_http_requests:rate5m", "workspace:hexabase_http_requests:rate5m", ""),
		sum("plan_cluster:hexabase_http_requests_errors:rate5m", "workspace:hexabase_http_requests_errors:rate5m", ""),
		sum("plan_cluster_le:hexabase_http_request_duration_seconds_bucket:rate5m", "workspace_le:hexabase_http_request_duration_seconds_bucket:rate5m", ", le"),
		sum("plan_cluster:hexabase_vcluster_status:healthy", "workspace:hexabase_vcluster_status:healthy", ""),
		sum("plan_cluster:hexabase_vcluster_status:count", "workspace:hexabase_vcluster_status:count", ""),
		sum("plan_cluster:hexabase_active_connections:sum", "workspace:hexabase_active_connections:sum", ""),
		sum("plan_cluster_connection_type:hexabase_database_connections:sum", "workspace_connection_type:hexabase_database_connections:sum", ", connection_type"),
		sum("plan_cluster:hexabase_active_user_sessions:sum", "workspace:hexabase_active_user_sessions:sum", ""),
		sum("plan_cluster_type_status:hexabase_workspace_deployments:rate5m", "workspace_type_status:hexabase_workspace_deployments:rate5m", ", deployment_type, status"),
		sum("plan_cluster_agent_status:hexabase_aiops_operations:rate5m", "workspace_agent_status:hexabase_aiops_operations:rate5m", ", agent_name, operation_type, status"),
		// With the +Inf bucket below (the number of workspaces), the average usage per resource.
		sum("plan_cluster_resource:hexabase_resource_usage_ratio:sum", "workspace_resource:hexabase_resource_usage_ratio:max", ", resource_type"),
	}
	// The fleet's top lists: the top n of each plan and cluster hold the top n of any union of
	// them, so that the Overview's tables read tens of series instead of one per workspace.
	top := func(record string, n int, from string) Recording {
		return Recording{Record: record, Expr: fmt.Sprintf("topk by (%s) (%d, %s)", pc, n, from)}
	}
	out = append(out,
		top("plan_cluster_top10:hexabase_http_requests:rate5m", 10, "workspace:hexabase_http_requests:rate5m"),
		top("plan_cluster_top10:hexabase_resource_usage_ratio:max", 10, "workspace_resource:hexabase_resource_usage_ratio:max"),
		top("plan_cluster_top50:hexabase_vcluster_status:down", 50,
			"workspace:hexabase_vcluster_status:count - workspace:hexabase_vcluster_status:healthy > 0"),
	)
	usage := "workspace_resource:hexabase_resource_usage_ratio:max"
	all := "count by (" + pc + ", resource_type) (" + usage + ")"
	for _, le := range UsageBuckets {
		expr := all
		if le != "+Inf" {
			// An empty bucket is 0, not absent, since histogram_quantile needs every bucket: `bool`
			// gives that in one read of the 10,000 workspaces' series, where `or 0 * count` took two.
			expr = "sum by (" + pc + ", resource_type) (" + usage + " <= bool " + le + ")"
		}
		out = append(out, Recording{Record: "plan_cluster_resource_le:hexabase_resource_usage_ratio:workspaces", Expr: expr, Labels: map[string]string{"le": le}})
	}
	return out
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func formatPercent(ratio float64) string { return formatNumber(ratio*100) + "%" }

// PromDuration renders a duration the way Prometheus and Grafana write them: 30s, 5m, 1h.
func PromDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	default:
		return fmt.Sprintf("%ds", d/time.Second)
	}
}

func humanDuration(d time.Duration) string {
	if d%time.Hour == 0 {
		if d == time.Hour {
			return "1 hour"
		}
		return fmt.Sprintf("%d hours", d/time.Hour)
	}
	if d%time.Minute == 0 {
		n := int(d / time.Minute)
		if n == 1 {
			return "1 minute"
		}
		return fmt.Sprintf("%d minutes", n)
	}
	return fmt.Sprintf("%d seconds", int(d/time.Second))
}
