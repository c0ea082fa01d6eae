package agentconfig

import (
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestWithSimulatorTargetsReplacesOnlyDiscovery(t *testing.T) {
	in := `global:
  scrape_interval: 30s
scrape_configs:
  - job_name: kubernetes-pods
    kubernetes_sd_configs:
      - role: pod
    relabel_configs:
      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
        action: keep
        regex: "true"
  - job_name: kubernetes-nodes
    scheme: https
    kubernetes_sd_configs:
      - role: node
  - job_name: prometheus-agent
    static_configs:
      - targets:
          - localhost:9090
`
	want := `global:
  scrape_interval: 30s
scrape_configs:
  - job_name: kubernetes-pods
    static_configs:
      - labels:
          __meta_kubernetes_namespace: default
          __meta_kubernetes_pod_annotation_prometheus_io_path: /metrics/workspaces/ws-0007
          __meta_kubernetes_pod_annotation_prometheus_io_port: "9300"
          __meta_kubernetes_pod_annotation_prometheus_io_scrape: "true"
          __meta_kubernetes_pod_name: hexabase-api-0
        targets:
          - simulator:80
    relabel_configs:
      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
        action: keep
        regex: "true"
  - job_name: kubernetes-nodes
    scheme: https
    static_configs: []
  - job_name: prometheus-agent
    static_configs:
      - targets:
          - localhost:9090
`
	got, err := WithSimulatorTargets([]byte(in), "ws-0007", "simulator:9300")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestWithSimulatorTargetsKeepsTheRenderedConfiguration(t *testing.T) {
	rendered, err := PrometheusYAML(DefaultPlans()[Dedicated], Workspace{ID: "ws-0007", ClusterID: "cluster-a", Plan: Dedicated})
	if err != nil {
		t.Fatal(err)
	}
	out, err := WithSimulatorTargets(rendered, "ws-0007", "simulator:9300")
	if err != nil {
		t.Fatal(err)
	}
	var before, after map[string]any
	if err := yaml.Unmarshal(rendered, &before); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(out, &after); err != nil {
		t.Fatal(err)
	}
	for _, doc := range []map[string]any{before, after} {
		for _, j := range doc["scrape_configs"].([]any) {
			job := j.(map[string]any)
			delete(job, "kubernetes_sd_configs")
			delete(job, "static_configs")
		}
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("more than discovery changed:\n%s", out)
	}
}

func TestWithSimulatorTargetsRefuses(t *testing.T) {
	for _, c := range []struct{ config, addr, want string }{
		{"scrape_configs: []\n", "simulator", "address simulator: missing port in address"},
		{"- a\n", "simulator:9300", "not a Prometheus configuration: the document is not a mapping"},
		{"global: {}\n", "simulator:9300", "not a Prometheus configuration: no scrape_configs list"},
	} {
		if _, err := WithSimulatorTargets([]byte(c.config), "ws-0001", c.addr); err == nil || err.Error() != c.want {
			t.Errorf("%q at %s: %v, want %s", c.config, c.addr, err, c.want)
		}
	}
}

func TestPlatformAgentYAML(t *testing.T) {
	p := DefaultPlans()[Shared]
	p.RemoteWriteURL, p.PlatformTenant = "http://gateway/api/v1/push", "hexabase-platform"
	got, err := PlatformAgentYAML(p, "simulator:9300")
	if err != nil {
		t.Fatal(err)
	}
	want := `global:
  scrape_interval: 15s
scrape_configs:
  - job_name: hexabase-platform
    honor_labels: true
    metrics_path: /metrics/platform
    static_configs:
      - targets:
          - simulator:9300
remote_write:
  - url: http://gateway/api/v1/push
    headers:
      X-Scope-OrgID: hexabase-platform
    queue_config:
      max_samples_per_send: 1000
      max_shards: 10
      capacity: 500
`
	if string(got) != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	if _, err := PlatformAgentYAML(DefaultPlans()[Shared], "simulator:9300"); err == nil ||
		err.Error() != "invalid: plans.shared.platformTenant: is needed, with a remote-write URL and a tenant header, for the platform agent" {
		t.Errorf("without a platform tenant: %v", err)
	}
}

func TestWithSelfAddress(t *testing.T) {
	rendered, err := PrometheusYAML(DefaultPlans()[Shared], Workspace{ID: "ws-0007", ClusterID: "cluster-a", Plan: Shared})
	if err != nil {
		t.Fatal(err)
	}
	got, err := WithSelfAddress(rendered, "127.0.0.1:41234")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(string(rendered), "          - "+AgentSelfAddress+"\n", "          - 127.0.0.1:41234\n", 1)
	if string(got) != want || want == string(rendered) {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	for _, c := range []struct{ config, addr, want string }{
		{"scrape_configs: []\n", "127.0.0.1", "address 127.0.0.1: missing port in address"},
		{"scrape_configs: []\n", "127.0.0.1:9090", "no job prometheus-agent: the configuration writes nowhere, so it has no remote-write health to scrape"},
		{"scrape_configs:\n  - job_name: prometheus-agent\n", "127.0.0.1:9090", "job prometheus-agent has no static_configs to point at 127.0.0.1:9090"},
		{"global: {}\n", "127.0.0.1:9090", "not a Prometheus configuration: no scrape_configs list"},
	} {
		if _, err := WithSelfAddress([]byte(c.config), c.addr); err == nil || err.Error() != c.want {
			t.Errorf("%q at %s: %v, want %s", c.config, c.addr, err, c.want)
		}
	}
}
