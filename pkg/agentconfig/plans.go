// Package agentconfig holds the monitoring plans of Hexabase.AI workspaces and renders the
// Prometheus configuration that runs inside a workspace's vCluster for its plan.
package agentconfig

import (
	"fmt"
	"net/url"
	"regexp"
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
	Name               string   `json:"name"`
	ScrapeInterval     string   `json:"scrapeInterval"`
	EvaluationInterval string   `json:"evaluationInterval"`
	RemoteWriteURL     string   `json:"remoteWriteUrl"`
	TenantHeader       string   `json:"tenantHeader"`
	Queue              Queue    `json:"queue"`
	Jobs               []string `json:"jobs"`
	AlertmanagerTarget string   `json:"alertmanagerTarget,omitempty"`
	RuleFiles          []string `json:"ruleFiles,omitempty"`
	Namespace          string   `json:"namespace"`
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

var (
	// Workspace and cluster ids become label values, header values and Kubernetes names.
	idPattern        = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	headerPattern    = regexp.MustCompile(`^[A-Za-z0-9-]{1,64}$`)
	targetPattern    = regexp.MustCompile(`^[a-zA-Z0-9.-]+:[0-9]{1,5}$`)
	durationPattern  = regexp.MustCompile(`^[0-9]+(ms|s|m|h)$`)
	namespacePattern = idPattern
)

const idRule = "must be 1 to 63 lower-case letters, digits or '-', starting and ending with a letter or digit"

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
		f = append(f, FieldError{"workspace.plan", "must be shared or dedicated"})
	}
	return f
}

// Validate checks a plan; the error names every broken field.
func (p Plan) Validate() []FieldError {
	var f []FieldError
	prefix := "plans." + p.Name + "."
	if p.Name != Shared && p.Name != Dedicated {
		f = append(f, FieldError{"plans.name", "must be shared or dedicated"})
	}
	for name, v := range map[string]string{"scrapeInterval": p.ScrapeInterval, "evaluationInterval": p.EvaluationInterval} {
		d, err := time.ParseDuration(v)
		if !durationPattern.MatchString(v) || err != nil || d < 5*time.Second || d > 10*time.Minute {
			f = append(f, FieldError{prefix + name, "must be a duration between 5s and 10m, such as 30s"})
		}
	}
	if u, err := url.Parse(p.RemoteWriteURL); p.RemoteWriteURL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		f = append(f, FieldError{prefix + "remoteWriteUrl", "must be an absolute http or https URL"})
	}
	if p.TenantHeader != "" && !headerPattern.MatchString(p.TenantHeader) {
		f = append(f, FieldError{prefix + "tenantHeader", "must be an HTTP header name of letters, digits and '-'"})
	}
	for name, v := range map[string]int{"queue.maxSamplesPerSend": p.Queue.MaxSamplesPerSend, "queue.maxShards": p.Queue.MaxShards, "queue.capacity": p.Queue.Capacity} {
		if v < 1 || v > 100000 {
			f = append(f, FieldError{prefix + name, "must be between 1 and 100000"})
		}
	}
	if len(p.Jobs) == 0 {
		f = append(f, FieldError{prefix + "jobs", "must enable at least one job"})
	}
	for _, j := range p.Jobs {
		if _, ok := jobCatalog[j]; !ok {
			f = append(f, FieldError{prefix + "jobs", fmt.Sprintf("unknown job %q", j)})
		}
	}
	if p.AlertmanagerTarget != "" && !targetPattern.MatchString(p.AlertmanagerTarget) {
		f = append(f, FieldError{prefix + "alertmanagerTarget", "must be host:port"})
	}
	if !namespacePattern.MatchString(p.Namespace) {
		f = append(f, FieldError{prefix + "namespace", idRule})
	}
	return sortFields(f)
}

func sortFields(f []FieldError) []FieldError {
	for i := 1; i < len(f); i++ {
		for j := i; j > 0 && f[j].Field < f[j-1].Field; j-- {
			f[j], f[j-1] = f[j-1], f[j]
		}
	}
	return f
}
