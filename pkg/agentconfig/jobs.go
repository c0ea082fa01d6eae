package agentconfig

import "strings"

// Scrape jobs an agent can run; a plan enables a subset.
const (
	JobPods         = "kubernetes-pods"
	JobNodes        = "kubernetes-nodes"
	JobServices     = "kubernetes-services"
	JobAPIServers   = "kubernetes-apiservers"
	JobCadvisor     = "kubernetes-nodes-cadvisor"
	JobHexabaseApps = "hexabase-applications"
)

type relabel struct {
	SourceLabels []string `yaml:"source_labels,omitempty,flow"`
	Separator    string   `yaml:"separator,omitempty"`
	Regex        string   `yaml:"regex,omitempty"`
	TargetLabel  string   `yaml:"target_label,omitempty"`
	Replacement  string   `yaml:"replacement,omitempty"`
	Action       string   `yaml:"action,omitempty"`
}

type sdConfig struct {
	Role       string      `yaml:"role"`
	Namespaces *namespaces `yaml:"namespaces,omitempty"`
}

type namespaces struct {
	Names []string `yaml:"names"`
}

type tlsConfig struct {
	CAFile string `yaml:"ca_file"`
}

type authorization struct {
	CredentialsFile string `yaml:"credentials_file"`
}

type staticConfig struct {
	Targets []string `yaml:"targets"`
}

type scrapeConfig struct {
	JobName       string         `yaml:"job_name"`
	Scheme        string         `yaml:"scheme,omitempty"`
	TLSConfig     *tlsConfig     `yaml:"tls_config,omitempty"`
	Authorization *authorization `yaml:"authorization,omitempty"`
	KubernetesSD  []sdConfig     `yaml:"kubernetes_sd_configs,omitempty"`
	StaticConfigs []staticConfig `yaml:"static_configs,omitempty"`
	Relabel       []relabel      `yaml:"relabel_configs,omitempty"`
	MetricRelabel []relabel      `yaml:"metric_relabel_configs,omitempty"`
}

const (
	serviceAccountCA    = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt"
	serviceAccountToken = "/var/run/secrets/kubernetes.io/serviceaccount/token"
	apiServer           = "kubernetes.default.svc:443"
)

// The API server is reached with the pod's service account, verified against the cluster CA;
// the design also set insecure_skip_verify, which would accept any certificate.
func inCluster(job string, sd sdConfig, rules ...relabel) scrapeConfig {
	return scrapeConfig{JobName: job, Scheme: "https", TLSConfig: &tlsConfig{CAFile: serviceAccountCA},
		Authorization: &authorization{CredentialsFile: serviceAccountToken}, KubernetesSD: []sdConfig{sd}, Relabel: rules}
}

// addressFromPort keeps the discovered host and swaps in the annotated port. The design replaced
// __address__ with the port alone ("8080"), which is no scrape target at all.
func addressFromPort(portLabel string) relabel {
	return relabel{SourceLabels: []string{"__address__", portLabel}, Action: "replace", TargetLabel: "__address__",
		Regex: `([^:]+)(?::\d+)?;(\d+)`, Replacement: "$1:$2"}
}

func labelmap(kind string) relabel {
	return relabel{Action: "labelmap", Regex: "__meta_kubernetes_" + kind + "_label_(.+)"}
}

func copyTo(source, target string) relabel {
	return relabel{SourceLabels: []string{source}, Action: "replace", TargetLabel: target}
}

// nodeProxy scrapes a node through the API server proxy, the way that works from inside a vCluster.
func nodeProxy(job, path string) scrapeConfig {
	return inCluster(job, sdConfig{Role: "node"},
		labelmap("node"),
		relabel{TargetLabel: "__address__", Replacement: apiServer},
		relabel{SourceLabels: []string{"__meta_kubernetes_node_name"}, Regex: "(.+)", TargetLabel: "__metrics_path__", Replacement: "/api/v1/nodes/$1/proxy" + path},
	)
}

var jobCatalog = map[string]func() scrapeConfig{
	JobPods: func() scrapeConfig {
		return scrapeConfig{JobName: JobPods, KubernetesSD: []sdConfig{{Role: "pod", Namespaces: &namespaces{Names: []string{"default", "kube-system"}}}},
			Relabel: []relabel{
				{SourceLabels: []string{"__meta_kubernetes_pod_annotation_prometheus_io_scrape"}, Action: "keep", Regex: "true"},
				{SourceLabels: []string{"__meta_kubernetes_pod_annotation_prometheus_io_path"}, Action: "replace", TargetLabel: "__metrics_path__", Regex: "(.+)"},
				addressFromPort("__meta_kubernetes_pod_annotation_prometheus_io_port"),
				labelmap("pod"),
				copyTo("__meta_kubernetes_namespace", "kubernetes_namespace"),
				copyTo("__meta_kubernetes_pod_name", "kubernetes_pod_name"),
			}}
	},
	JobNodes: func() scrapeConfig { return nodeProxy(JobNodes, "/metrics") },
	JobServices: func() scrapeConfig {
		return scrapeConfig{JobName: JobServices, KubernetesSD: []sdConfig{{Role: "endpoints"}},
			Relabel: []relabel{
				{SourceLabels: []string{"__meta_kubernetes_service_annotation_prometheus_io_scrape"}, Action: "keep", Regex: "true"},
				{SourceLabels: []string{"__meta_kubernetes_service_annotation_prometheus_io_scheme"}, Action: "replace", TargetLabel: "__scheme__", Regex: "(https?)"},
				{SourceLabels: []string{"__meta_kubernetes_service_annotation_prometheus_io_path"}, Action: "replace", TargetLabel: "__metrics_path__", Regex: "(.+)"},
				addressFromPort("__meta_kubernetes_service_annotation_prometheus_io_port"),
				labelmap("service"),
				copyTo("__meta_kubernetes_namespace", "kubernetes_namespace"),
				copyTo("__meta_kubernetes_service_name", "kubernetes_name"),
			}}
	},
	JobAPIServers: func() scrapeConfig {
		return inCluster(JobAPIServers, sdConfig{Role: "endpoints", Namespaces: &namespaces{Names: []string{"default"}}},
			relabel{SourceLabels: []string{"__meta_kubernetes_namespace", "__meta_kubernetes_service_name", "__meta_kubernetes_endpoint_port_name"}, Action: "keep", Regex: "default;kubernetes;https"})
	},
	JobCadvisor: func() scrapeConfig { return nodeProxy(JobCadvisor, "/metrics/cadvisor") },
	JobHexabaseApps: func() scrapeConfig {
		return scrapeConfig{JobName: JobHexabaseApps, KubernetesSD: []sdConfig{{Role: "pod"}},
			Relabel: []relabel{
				{SourceLabels: []string{"__meta_kubernetes_pod_annotation_hexabase_monitoring"}, Action: "keep", Regex: "enabled"},
				addressFromPort("__meta_kubernetes_pod_annotation_hexabase_metrics_port"),
				{SourceLabels: []string{"__meta_kubernetes_pod_annotation_hexabase_metrics_path"}, Action: "replace", TargetLabel: "__metrics_path__", Regex: "(.+)"},
				labelmap("pod"),
				copyTo("__meta_kubernetes_namespace", "kubernetes_namespace"),
				copyTo("__meta_kubernetes_pod_name", "kubernetes_pod_name"),
			}}
	},
}

// JobNames lists every job a plan may enable, in a stable order.
var JobNames = []string{JobPods, JobNodes, JobServices, JobAPIServers, JobCadvisor, JobHexabaseApps}

// JobAgentSelf scrapes the agent's own /metrics for its remote-write health; every agent that
// remote-writes runs it, whatever its plan's jobs.
const JobAgentSelf = "prometheus-agent"

// AgentSelfAddress is where the agent's Prometheus listens in its pod (its default
// --web.listen-address, which the dev compose agents keep too).
const AgentSelfAddress = "localhost:9090"

// AgentHealthMetrics are the agent's own series that leave it: what the app needs to tell whether
// the agent's remote write fails or lags. Their names and labels were read off Prometheus v3.x
// and 2.42 agents: samples_total, samples_failed_total and queue_highest_sent_timestamp_seconds
// carry remote_name and url; highest_timestamp_in_seconds carries no label.
var AgentHealthMetrics = []string{
	"prometheus_remote_storage_highest_timestamp_in_seconds",
	"prometheus_remote_storage_queue_highest_sent_timestamp_seconds",
	"prometheus_remote_storage_samples_failed_total",
	"prometheus_remote_storage_samples_total",
}

func agentSelf() scrapeConfig {
	return scrapeConfig{JobName: JobAgentSelf, StaticConfigs: []staticConfig{{Targets: []string{AgentSelfAddress}}},
		MetricRelabel: []relabel{
			{SourceLabels: []string{"__name__"}, Regex: strings.Join(AgentHealthMetrics, "|"), Action: "keep"},
			// url repeats the remote-write URL on every series; remote_name already tells the writes apart.
			{Regex: "url", Action: "labeldrop"},
		}}
}
