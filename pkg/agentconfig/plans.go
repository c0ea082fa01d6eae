// Package agentconfig holds the monitoring plans of Hexabase.AI workspaces and renders the
// Prometheus configuration that runs inside a workspace's vCluster for its plan.
package agentconfig

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Plan names.
const (
	Shared    = "shared"
	Dedicated = "dedicated"
)

// Queue bounds the remote-write queue of an agent.
type Queue struct {
	MaxSamplesPerSend int `json:"maxSamplesPerSend"`
	MaxShards         int `json:"maxShards"`
	Capacity          int `json:"capacity"`
}

// Plan is what a monitoring plan configures in each of its workspaces.
type Plan struct {
	Name               string     `json:"name"`
	ScrapeInterval     string     `json:"scrapeInterval"`
	EvaluationInterval string     `json:"evaluationInterval"`
	RemoteWriteURL     string     `json:"remoteWriteUrl"`
	TenantHeader       string     `json:"tenantHeader"`
	PlatformTenant     string     `json:"platformTenant"`
	Queue              Queue      `json:"queue"`
	Jobs               []string   `json:"jobs"`
	AlertmanagerTarget string     `json:"alertmanagerTarget,omitempty"`
	RuleFiles          []string   `json:"ruleFiles,omitempty"`
	Namespace          string     `json:"namespace"`
	Thresholds         Thresholds `json:"thresholds,omitzero"`
	// AvailabilityObjective is the share of a workspace's requests that must not be answered 5xx over 30 days; its error budget is 1 minus it.
	AvailabilityObjective float64 `json:"availabilityObjective"`
}

// Thresholds override the app's defaults in the workspace alert rules that a plan's own
// Prometheus evaluates; unset fields keep the defaults of pkg/alerting.
type Thresholds struct {
	ErrorRatio         *float64 `json:"errorRatio,omitempty"`
	LatencyP95Seconds  *float64 `json:"latencyP95Seconds,omitempty"`
	DeployFailureRatio *float64 `json:"deployFailureRatio,omitempty"`
	QuotaRatio         *float64 `json:"quotaRatio,omitempty"`
}

// IsZero reports whether no threshold is overridden.
func (t Thresholds) IsZero() bool {
	return t.ErrorRatio == nil && t.LatencyP95Seconds == nil && t.DeployFailureRatio == nil && t.QuotaRatio == nil
}

// Workspace is a workspace's identity as its agent labels every series.
type Workspace struct {
	ID        string `json:"id"`
	ClusterID string `json:"clusterId"`
	Plan      string `json:"plan"`
}

const centralWriteURL = "http://prometheus.hexabase-system.svc.cluster.local:9090/api/v1/write"

// DefaultPlans are the design's plans; the one place their defaults live.
func DefaultPlans() map[string]Plan {
	return map[string]Plan{
		Shared: {
			Name: Shared, ScrapeInterval: "30s", EvaluationInterval: "30s",
			RemoteWriteURL: centralWriteURL, TenantHeader: "X-Scope-OrgID",
			Queue: Queue{MaxSamplesPerSend: 1000, MaxShards: 10, Capacity: 500},
			Jobs:  []string{JobPods, JobNodes, JobServices}, Namespace: "vcluster-shared",
			AvailabilityObjective: 0.999,
		},
		Dedicated: {
			Name: Dedicated, ScrapeInterval: "15s", EvaluationInterval: "15s",
			// The design's dedicated Prometheus wrote nowhere central, which left dedicated
			// workspaces off the fleet pages; it keeps its own rules and Alertmanager and also
			// remote-writes to the central Prometheus.
			RemoteWriteURL: centralWriteURL, TenantHeader: "X-Scope-OrgID",
			Queue:              Queue{MaxSamplesPerSend: 2000, MaxShards: 20, Capacity: 2500},
			Jobs:               []string{JobPods, JobNodes, JobServices, JobAPIServers, JobCadvisor, JobHexabaseApps},
			AlertmanagerTarget: "alertmanager:9093", RuleFiles: []string{"/etc/prometheus/rules/*.yml"},
			Namespace: "vcluster-dedicated",
			// Dedicated workspaces are promised more: a budget of half the shared plan's.
			AvailabilityObjective: 0.9995,
		},
	}
}

// FieldError names a field of a plan or workspace and the rule it breaks.
type FieldError struct {
	Field string `json:"field"`
	Rule  string `json:"rule"`
}

// ValidationError lists every broken rule.
type ValidationError struct {
	Fields []FieldError `json:"errors"`
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Rule
	}
	return "invalid: " + strings.Join(parts, "; ")
}

// hostPort is a host of dot-separated names ('-' only inside one) and a port from 1 to 65535, which a following '?' makes optional.
const hostPort = `[A-Za-z0-9]+(-+[A-Za-z0-9]+)*(\.[A-Za-z0-9]+(-+[A-Za-z0-9]+)*)*` +
	`(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))`

// Patterns and rules are shared with the configuration page through pkg/codegen, so that the
// page and the API refuse the same input with the same words. Patterns use the syntax common to
// Go's regexp and JavaScript's RegExp.
const (
	// Workspace and cluster ids become label values, header values and Kubernetes names
	// (DNS-1123 labels).
	IDPattern = `^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`
	IDRule    = "must be a DNS-1123 label: 1 to 63 lower-case letters, digits or '-', starting and ending with a letter or digit"
	// A plain URL that cannot break out of YAML; Prometheus config/config.go (v0.316.0) parses it with net/url, which refuses '%' without two hex digits.
	URLPattern    = `^https?://` + hostPort + `?(/([A-Za-z0-9._~!$&()*+,;=:@/-]|%[0-9A-Fa-f]{2})*)?(\?([A-Za-z0-9._~!$&()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?$`
	URLRule       = "must be an absolute http or https URL without spaces, quotes or braces, with a host name, a port from 1 to 65535 and % only in %XX escapes"
	HeaderPattern = `^[A-Za-z0-9-]{1,64}$`
	HeaderRule    = "must be an HTTP header name of letters, digits and '-'"
	// Prometheus config/config.go (v0.316.0) refuses, in any case, a remote-write header it sets itself.
	ReservedHeaderRule = "must not be a header that Prometheus' remote write sets itself, such as Authorization, Content-Type or User-Agent"
	TargetPattern      = `^` + hostPort + `$`
	TargetRule         = "must be host:port, with a host name and a port from 1 to 65535"
	DurationPattern    = `^[0-9]+(ms|s|m|h)$`
	DurationRule       = "must be a duration between 5s and 10m, such as 30s"
	// Prometheus config/config.go (v0.316.0) allows no '/' after '*' and resolves a relative path in the ConfigMap's directory, where a glob loads prometheus.yml or the kubelet's ..data as rules.
	RuleFilePattern = `^(/([A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}/)*|([A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}/)+)[A-Za-z0-9_*-][A-Za-z0-9_.*-]{0,254}$`
	RuleFileRule    = "must be a file path or glob of letters, digits and _ . / * -, absolute or inside a directory (a bare name resolves next to prometheus.yml), with no part starting with '.' and * only in the file name"
	PlanRule        = "must be shared or dedicated"
	QueueRule       = "must be a whole number between 1 and 100000"
	JobsRule        = "must enable at least one job"
	RatioRule       = "must be a ratio above 0 and at most 1, such as 0.05"
	SecondsRule     = "must be a number of seconds above 0 and at most 600"
	MaxLatency      = 600.0
	ThresholdsRule  = "apply only to a plan whose Prometheus evaluates rules: set alertmanagerTarget"
	// 1 leaves no error budget to burn; at 1-1/14.4 (about 0.93) or lower the 14.4x fast burn would need more than every request to fail.
	ObjectiveRule = "must be a ratio above 0.9 and below 1, such as 0.999"
	MinObjective  = 0.9

	MinInterval = 5 * time.Second
	MaxInterval = 10 * time.Minute
	MaxQueue    = 100000
)

// ReservedHeaders are the lower-cased header names of ReservedHeaderRule.
var ReservedHeaders = []string{
	"authorization", "host", "content-encoding", "content-length", "content-type", "user-agent", "connection", "keep-alive",
	"proxy-authenticate", "proxy-authorization", "www-authenticate", "accept-encoding", "x-prometheus-remote-write-version",
	"x-prometheus-remote-read-version", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256",
}

var (
	idPattern       = regexp.MustCompile(IDPattern)
	urlPattern      = regexp.MustCompile(URLPattern)
	headerPattern   = regexp.MustCompile(HeaderPattern)
	targetPattern   = regexp.MustCompile(TargetPattern)
	durationPattern = regexp.MustCompile(DurationPattern)
	ruleFilePattern = regexp.MustCompile(RuleFilePattern)
	tenantPattern   = regexp.MustCompile(TenantPattern)
)

const idRule = IDRule

// Validate checks a workspace; the error names every broken field.
func (w Workspace) Validate() []FieldError {
	var f []FieldError
	if !idPattern.MatchString(w.ID) {
		f = append(f, FieldError{"workspace.id", idRule})
	}
	if !idPattern.MatchString(w.ClusterID) {
		f = append(f, FieldError{"workspace.clusterId", idRule})
	}
	if w.Plan != Shared && w.Plan != Dedicated {
		f = append(f, FieldError{"workspace.plan", PlanRule})
	}
	return f
}

// Validate checks a plan; the error names every broken field.
func (p Plan) Validate() []FieldError {
	var f []FieldError
	prefix := "plans." + p.Name + "."
	if p.Name != Shared && p.Name != Dedicated {
		f = append(f, FieldError{"plans.name", PlanRule})
	}
	for name, v := range map[string]string{"scrapeInterval": p.ScrapeInterval, "evaluationInterval": p.EvaluationInterval} {
		d, err := time.ParseDuration(v)
		if !durationPattern.MatchString(v) || err != nil || d < MinInterval || d > MaxInterval {
			f = append(f, FieldError{prefix + name, DurationRule})
		}
	}
	if p.RemoteWriteURL != "" && !urlPattern.MatchString(p.RemoteWriteURL) {
		f = append(f, FieldError{prefix + "remoteWriteUrl", URLRule})
	}
	if p.TenantHeader != "" && !headerPattern.MatchString(p.TenantHeader) {
		f = append(f, FieldError{prefix + "tenantHeader", HeaderRule})
	} else if slices.Contains(ReservedHeaders, strings.ToLower(p.TenantHeader)) {
		f = append(f, FieldError{prefix + "tenantHeader", ReservedHeaderRule})
	}
	switch {
	case p.PlatformTenant == "":
	case !tenantPattern.MatchString(p.PlatformTenant) || p.PlatformTenant == "." || p.PlatformTenant == "..":
		f = append(f, FieldError{prefix + "platformTenant", TenantRule})
	case p.RemoteWriteURL == "" || p.TenantHeader == "":
		f = append(f, FieldError{prefix + "platformTenant", PlatformTenantRule})
	}
	for name, v := range map[string]int{"queue.maxSamplesPerSend": p.Queue.MaxSamplesPerSend, "queue.maxShards": p.Queue.MaxShards, "queue.capacity": p.Queue.Capacity} {
		if v < 1 || v > MaxQueue {
			f = append(f, FieldError{prefix + name, QueueRule})
		}
	}
	if len(p.Jobs) == 0 {
		f = append(f, FieldError{prefix + "jobs", JobsRule})
	}
	for i, j := range p.Jobs {
		if _, ok := jobCatalog[j]; !ok {
			f = append(f, FieldError{fmt.Sprintf("%sjobs[%d]", prefix, i), "must be one of " + strings.Join(JobNames, ", ")})
		}
	}
	if p.AlertmanagerTarget != "" && !targetPattern.MatchString(p.AlertmanagerTarget) {
		f = append(f, FieldError{prefix + "alertmanagerTarget", TargetRule})
	}
	for i, r := range p.RuleFiles {
		if !ruleFilePattern.MatchString(r) {
			f = append(f, FieldError{fmt.Sprintf("%sruleFiles[%d]", prefix, i), RuleFileRule})
		}
	}
	if !idPattern.MatchString(p.Namespace) {
		f = append(f, FieldError{prefix + "namespace", IDRule})
	}
	if !(p.AvailabilityObjective > MinObjective && p.AvailabilityObjective < 1) {
		f = append(f, FieldError{prefix + "availabilityObjective", ObjectiveRule})
	}
	f = append(f, p.Thresholds.validate(prefix+"thresholds.")...)
	if !p.Thresholds.IsZero() && p.AlertmanagerTarget == "" {
		f = append(f, FieldError{prefix + "thresholds", ThresholdsRule})
	}
	return sortFields(f)
}

func (t Thresholds) validate(prefix string) []FieldError {
	var f []FieldError
	for name, v := range map[string]*float64{"errorRatio": t.ErrorRatio, "deployFailureRatio": t.DeployFailureRatio, "quotaRatio": t.QuotaRatio} {
		if v != nil && !(*v > 0 && *v <= 1) {
			f = append(f, FieldError{prefix + name, RatioRule})
		}
	}
	if v := t.LatencyP95Seconds; v != nil && !(*v > 0 && *v <= MaxLatency) {
		f = append(f, FieldError{prefix + "latencyP95Seconds", SecondsRule})
	}
	return f
}

func sortFields(f []FieldError) []FieldError {
	for i := 1; i < len(f); i++ {
		for j := i; j > 0 && f[j].Field < f[j-1].Field; j-- {
			f[j], f[j-1] = f[j-1], f[j]
		}
	}
	return f
}
