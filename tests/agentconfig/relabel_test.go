// Package agentconfig_test proves the agent configurations with Prometheus' own code: its config
// loader, and its relabel package on the labels Kubernetes service discovery produces. It is a
// module of its own so that the plugin does not depend on Prometheus.
package agentconfig_test

import (
	"net"
	"slices"
	"testing"

	"github.com/prometheus/prometheus/config"
	_ "github.com/prometheus/prometheus/discovery/install" // registers kubernetes_sd_configs
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/model/relabel"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

func load(t *testing.T, plan string) *config.Config {
	t.Helper()
	raw, err := agentconfig.PrometheusYAML(agentconfig.DefaultPlans()[plan], agentconfig.Workspace{ID: "ws-0001", ClusterID: "cluster-a", Plan: plan})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(string(raw), nil)
	if err != nil {
		t.Fatalf("Prometheus refuses the %s config: %v\n%s", plan, err, raw)
	}
	return cfg
}

func job(t *testing.T, cfg *config.Config, name string) *config.ScrapeConfig {
	t.Helper()
	for _, sc := range cfg.ScrapeConfigs {
		if sc.JobName == name {
			return sc
		}
	}
	t.Fatalf("no job %s", name)
	return nil
}

type target struct {
	address, path, scheme string
	kept                  bool
}

func relabelTarget(t *testing.T, sc *config.ScrapeConfig, discovered map[string]string) target {
	t.Helper()
	base := map[string]string{"__address__": discovered["__address__"], "__metrics_path__": "/metrics", "__scheme__": sc.Scheme, "job": sc.JobName}
	for k, v := range discovered {
		base[k] = v
	}
	lb := labels.NewBuilder(labels.FromMap(base))
	if !relabel.ProcessBuilder(lb, sc.RelabelConfigs...) {
		return target{}
	}
	out := lb.Labels()
	return target{address: out.Get("__address__"), path: out.Get("__metrics_path__"), scheme: out.Get("__scheme__"), kept: true}
}

func TestScrapeAddressesAreReachableHostPorts(t *testing.T) {
	tests := []struct {
		plan, job  string
		discovered map[string]string
		want       target
	}{
		{agentconfig.Shared, agentconfig.JobPods, map[string]string{
			"__address__": "10.1.2.3:8080", "__meta_kubernetes_pod_annotation_prometheus_io_scrape": "true",
			"__meta_kubernetes_pod_annotation_prometheus_io_port": "9102", "__meta_kubernetes_pod_annotation_prometheus_io_path": "/custom/metrics",
			"__meta_kubernetes_namespace": "default", "__meta_kubernetes_pod_name": "api-0",
		}, target{"10.1.2.3:9102", "/custom/metrics", "http", true}},
		{agentconfig.Shared, agentconfig.JobPods, map[string]string{
			"__address__": "10.1.2.3", "__meta_kubernetes_pod_annotation_prometheus_io_scrape": "true", "__meta_kubernetes_pod_annotation_prometheus_io_port": "9102",
		}, target{"10.1.2.3:9102", "/metrics", "http", true}},
		{agentconfig.Shared, agentconfig.JobPods, map[string]string{
			"__address__": "10.1.2.3:8080", "__meta_kubernetes_pod_annotation_prometheus_io_scrape": "false",
		}, target{}},
		{agentconfig.Shared, agentconfig.JobNodes, map[string]string{"__address__": "10.0.0.5:10250", "__meta_kubernetes_node_name": "node-a"},
			target{"kubernetes.default.svc:443", "/api/v1/nodes/node-a/proxy/metrics", "https", true}},
		{agentconfig.Shared, agentconfig.JobServices, map[string]string{
			"__address__": "10.1.9.9:80", "__meta_kubernetes_service_annotation_prometheus_io_scrape": "true",
			"__meta_kubernetes_service_annotation_prometheus_io_port": "8443", "__meta_kubernetes_service_annotation_prometheus_io_scheme": "https",
			"__meta_kubernetes_namespace": "default", "__meta_kubernetes_service_name": "web",
		}, target{"10.1.9.9:8443", "/metrics", "https", true}},
		{agentconfig.Dedicated, agentconfig.JobAPIServers, map[string]string{
			"__address__": "172.18.0.2:6443", "__meta_kubernetes_namespace": "default", "__meta_kubernetes_service_name": "kubernetes", "__meta_kubernetes_endpoint_port_name": "https",
		}, target{"172.18.0.2:6443", "/metrics", "https", true}},
		{agentconfig.Dedicated, agentconfig.JobCadvisor, map[string]string{"__address__": "10.0.0.5:10250", "__meta_kubernetes_node_name": "node-b"},
			target{"kubernetes.default.svc:443", "/api/v1/nodes/node-b/proxy/metrics/cadvisor", "https", true}},
		{agentconfig.Dedicated, agentconfig.JobHexabaseApps, map[string]string{
			"__address__": "10.1.4.4:3000", "__meta_kubernetes_pod_annotation_hexabase_monitoring": "enabled",
			"__meta_kubernetes_pod_annotation_hexabase_metrics_port": "9464", "__meta_kubernetes_pod_annotation_hexabase_metrics_path": "/internal/metrics",
		}, target{"10.1.4.4:9464", "/internal/metrics", "http", true}},
		{agentconfig.Dedicated, agentconfig.JobHexabaseApps, map[string]string{
			"__address__": "10.1.4.4:3000", "__meta_kubernetes_pod_annotation_hexabase_monitoring": "disabled",
		}, target{}},
	}
	configs := map[string]*config.Config{agentconfig.Shared: load(t, agentconfig.Shared), agentconfig.Dedicated: load(t, agentconfig.Dedicated)}
	for _, tt := range tests {
		got := relabelTarget(t, job(t, configs[tt.plan], tt.job), tt.discovered)
		if got != tt.want {
			t.Errorf("%s %s %v: got %+v, want %+v", tt.plan, tt.job, tt.discovered, got, tt.want)
		}
		if got.kept {
			if _, _, err := net.SplitHostPort(got.address); err != nil {
				t.Errorf("%s %s: __address__ %q is no host:port: %v", tt.plan, tt.job, got.address, err)
			}
		}
	}
}

func TestExternalLabelsAndTenant(t *testing.T) {
	cfg := load(t, agentconfig.Dedicated)
	if got := cfg.GlobalConfig.ExternalLabels.Get("workspace_id"); got != "ws-0001" {
		t.Errorf("workspace_id = %q", got)
	}
	if got := cfg.RemoteWriteConfigs[0].Headers["X-Scope-OrgID"]; got != "ws-0001" {
		t.Errorf("tenant header = %q", got)
	}
	if len(cfg.AlertingConfig.AlertmanagerConfigs) != 1 {
		t.Error("the dedicated plan has no Alertmanager")
	}
}

// The platform tenant's write keeps exactly the metrics the app reads and drops every other
// series the agent scrapes, as Prometheus' own relabeling applies write_relabel_configs.
func TestPlatformTenantWriteKeepsWhatTheAppReads(t *testing.T) {
	p := agentconfig.DefaultPlans()[agentconfig.Shared]
	p.PlatformTenant = "hexabase-platform"
	raw, err := agentconfig.PrometheusYAML(p, agentconfig.Workspace{ID: "ws-0001", ClusterID: "cluster-a", Plan: agentconfig.Shared})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(string(raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.RemoteWriteConfigs) != 2 {
		t.Fatalf("%d remote writes, want the workspace's and the platform's", len(cfg.RemoteWriteConfigs))
	}
	ws, platform := cfg.RemoteWriteConfigs[0], cfg.RemoteWriteConfigs[1]
	if ws.Headers["X-Scope-OrgID"] != "ws-0001" || len(ws.WriteRelabelConfigs) != 0 || platform.Headers["X-Scope-OrgID"] != "hexabase-platform" {
		t.Fatalf("workspace write %v %v, platform write %v", ws.Headers, ws.WriteRelabelConfigs, platform.Headers)
	}
	for _, name := range append([]string{"hexabase_http_request_duration_seconds_sum", "hexabase_vcluster_info", "node_cpu_seconds_total",
		"container_cpu_usage_seconds_total", "up", "hexabase_http_requests_total_x", "x_hexabase_http_requests_total"}, agentconfig.PlatformMetrics...) {
		kept := relabel.ProcessBuilder(labels.NewBuilder(labels.FromStrings("__name__", name, "workspace_id", "ws-0001")), platform.WriteRelabelConfigs...)
		if want := slices.Contains(agentconfig.PlatformMetrics, name); kept != want {
			t.Errorf("%s: kept %v, want %v", name, kept, want)
		}
	}
}
