package agentconfig

import (
	"fmt"
	"net"

	"gopkg.in/yaml.v3"
)

// For running an agent outside Kubernetes: the dev instance and the tests, where the simulator
// (pkg/simulator) serves what a workspace's pods and the platform's hosts expose.

// WithSimulatorTargets turns an agent configuration that PrometheusYAML rendered for a workspace
// into one that runs outside Kubernetes, changing nothing else: each job's Kubernetes service
// discovery becomes a static list. The pods job finds one pod, the simulator serving that
// workspace (GET /metrics/workspaces/{id}), with the labels Kubernetes discovery would give a pod
// annotated prometheus.io/scrape; the other jobs (nodes and API servers reached through the
// in-cluster proxy) find nothing. Jobs with static targets already (JobAgentSelf) are kept.
func WithSimulatorTargets(rendered []byte, workspaceID, simulatorHostPort string) ([]byte, error) {
	host, port, err := net.SplitHostPort(simulatorHostPort)
	if err != nil {
		return nil, err
	}
	doc, jobs, err := scrapeJobs(rendered)
	if err != nil {
		return nil, err
	}
	for _, job := range jobs.Content {
		if mappingValue(job, "static_configs") != nil {
			continue // no discovery to replace: the agent's own job (JobAgentSelf)
		}
		static := []any{}
		if name := mappingValue(job, "job_name"); name != nil && name.Value == JobPods {
			static = append(static, map[string]any{
				"targets": []string{net.JoinHostPort(host, "80")},
				"labels": map[string]string{
					"__meta_kubernetes_pod_annotation_prometheus_io_scrape": "true",
					"__meta_kubernetes_pod_annotation_prometheus_io_path":   "/metrics/workspaces/" + workspaceID,
					"__meta_kubernetes_pod_annotation_prometheus_io_port":   port,
					"__meta_kubernetes_namespace":                           "default",
					"__meta_kubernetes_pod_name":                            "hexabase-api-0",
				},
			})
		}
		var value yaml.Node
		if err := value.Encode(static); err != nil {
			return nil, err
		}
		if !replaceKey(job, "kubernetes_sd_configs", "static_configs", &value) {
			job.Content = append(job.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: "static_configs"}, &value)
		}
	}
	return marshal(doc)
}

// WithSelfAddress points the agent's own job (JobAgentSelf) at hostPort, for an agent that does not
// listen on AgentSelfAddress: the tests run many on 127.0.0.1, each on its own port.
func WithSelfAddress(config []byte, hostPort string) ([]byte, error) {
	if _, _, err := net.SplitHostPort(hostPort); err != nil {
		return nil, err
	}
	doc, jobs, err := scrapeJobs(config)
	if err != nil {
		return nil, err
	}
	for _, job := range jobs.Content {
		if name := mappingValue(job, "job_name"); name == nil || name.Value != JobAgentSelf {
			continue
		}
		var value yaml.Node
		if err := value.Encode([]staticConfig{{Targets: []string{hostPort}}}); err != nil {
			return nil, err
		}
		if !replaceKey(job, "static_configs", "static_configs", &value) {
			return nil, fmt.Errorf("job %s has no static_configs to point at %s", JobAgentSelf, hostPort)
		}
		return marshal(doc)
	}
	return nil, fmt.Errorf("no job %s: the configuration writes nowhere, so it has no remote-write health to scrape", JobAgentSelf)
}

// PlatformAgentYAML renders the configuration of the platform's own agent: it scrapes the hosts
// and the control plane's inventory from the simulator (GET /metrics/platform), keeping the
// labels the simulator sets, and writes them to p's platform tenant, where the workspaces' agents
// write what the app reads (PlatformMetrics).
func PlatformAgentYAML(p Plan, simulatorHostPort string) ([]byte, error) {
	if p.RemoteWriteURL == "" || p.TenantHeader == "" || p.PlatformTenant == "" {
		return nil, &ValidationError{Fields: []FieldError{{"plans." + p.Name + ".platformTenant", "is needed, with a remote-write URL and a tenant header, for the platform agent"}}}
	}
	if _, _, err := net.SplitHostPort(simulatorHostPort); err != nil {
		return nil, err
	}
	type job struct {
		JobName       string `yaml:"job_name"`
		HonorLabels   bool   `yaml:"honor_labels"`
		MetricsPath   string `yaml:"metrics_path"`
		StaticConfigs []struct {
			Targets []string `yaml:"targets"`
		} `yaml:"static_configs"`
	}
	j := job{JobName: "hexabase-platform", HonorLabels: true, MetricsPath: "/metrics/platform"}
	j.StaticConfigs = append(j.StaticConfigs, struct {
		Targets []string `yaml:"targets"`
	}{Targets: []string{simulatorHostPort}})
	var c struct {
		Global struct {
			ScrapeInterval string `yaml:"scrape_interval"`
		} `yaml:"global"`
		ScrapeConfigs []job         `yaml:"scrape_configs"`
		RemoteWrite   []remoteWrite `yaml:"remote_write"`
	}
	c.Global.ScrapeInterval = "15s"
	c.ScrapeConfigs = []job{j}
	rw := remoteWrite{URL: p.RemoteWriteURL, Headers: map[string]string{p.TenantHeader: p.PlatformTenant}}
	rw.QueueConfig.MaxSamplesPerSend, rw.QueueConfig.MaxShards, rw.QueueConfig.Capacity = p.Queue.MaxSamplesPerSend, p.Queue.MaxShards, p.Queue.Capacity
	c.RemoteWrite = []remoteWrite{rw}
	return marshal(c)
}

// scrapeJobs parses a Prometheus configuration and returns it with its scrape_configs list.
func scrapeJobs(config []byte) (*yaml.Node, *yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(config, &doc); err != nil {
		return nil, nil, err
	}
	if doc.Kind != yaml.DocumentNode || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("not a Prometheus configuration: the document is not a mapping")
	}
	jobs := mappingValue(doc.Content[0], "scrape_configs")
	if jobs == nil || jobs.Kind != yaml.SequenceNode {
		return nil, nil, fmt.Errorf("not a Prometheus configuration: no scrape_configs list")
	}
	return &doc, jobs, nil
}

// mappingValue returns the value of key in a mapping node, or nil.
func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// replaceKey puts key and value where old was in a mapping node, reporting whether old was there.
func replaceKey(m *yaml.Node, old, key string, value *yaml.Node) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == old {
			m.Content[i] = &yaml.Node{Kind: yaml.ScalarNode, Value: key}
			m.Content[i+1] = value
			return true
		}
	}
	return false
}
