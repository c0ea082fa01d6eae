package agentconfig

import "strings"

// PlatformMetrics are the metrics of a workspace that the app reads (its pages, its alert rules
// and its recording rules), its agent's health (AgentHealthMetrics) last. With a platform tenant
// set, an agent writes these, and nothing else, to that tenant as well as everything to the
// workspace's own; the hosts (node_*) and the control plane's inventory (hexabase_vcluster_info)
// reach the platform tenant from the platform's own agent, never from a workspace.
var PlatformMetrics = append([]string{
	"hexabase_active_connections",
	"hexabase_active_user_sessions",
	"hexabase_aiops_operations_total",
	"hexabase_database_connections",
	"hexabase_http_request_duration_seconds_bucket",
	"hexabase_http_request_duration_seconds_count",
	"hexabase_http_requests_total",
	"hexabase_resource_usage_ratio",
	"hexabase_vcluster_status",
	"hexabase_workspace_deployments_total",
}, AgentHealthMetrics...)

// platformAllowList keeps the series of PlatformMetrics; Prometheus anchors the regex.
func platformAllowList() relabel {
	return relabel{SourceLabels: []string{"__name__"}, Regex: strings.Join(PlatformMetrics, "|"), Action: "keep"}
}

const (
	// TenantPattern: a subset of what Cortex accepts as a tenant id (pkg/util/users/tenant.go, v1.21.1:
	// at most 150 characters, not . or ..) that names one tenant: no '|', which federates tenants.
	TenantPattern = `^[A-Za-z0-9_.-]{1,150}$`
	TenantRule    = "must be a tenant id of 1 to 150 letters, digits, '_', '.' or '-', other than . and .."
	// PlatformTenantRule: the platform tenant is named in the tenant header of a second write.
	PlatformTenantRule = "needs a remote-write URL and a tenant header: the platform tenant is a second write to the same store"
)
