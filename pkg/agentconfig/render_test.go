package agentconfig

import (
	"reflect"
	"strings"
	"testing"
)

func TestDefaultPlansAreValid(t *testing.T) {
	for name, p := range DefaultPlans() {
		if f := p.Validate(); len(f) > 0 {
			t.Errorf("plan %s: %v", name, f)
		}
	}
}

func TestRenderFillsIdentifiersAndTenant(t *testing.T) {
	out, err := ConfigMapYAML(DefaultPlans()[Shared], Workspace{ID: "ws-0042", ClusterID: "cluster-a", Plan: Shared})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{"workspace_id: ws-0042", "plan_type: shared", "cluster_id: cluster-a", "X-Scope-OrgID: ws-0042", "namespace: vcluster-shared", "kind: ConfigMap"} {
		if !strings.Contains(s, want) {
			t.Errorf("config lacks %q", want)
		}
	}
	if strings.Contains(s, "${") {
		t.Error("config leaves ${...} for someone to substitute")
	}
}

func TestRenderRefusesBadInput(t *testing.T) {
	p := DefaultPlans()[Shared]
	p.ScrapeInterval = "1s"
	p.TenantHeader = "X Scope"
	_, err := PrometheusYAML(p, Workspace{ID: "WS_1", ClusterID: "c", Plan: Dedicated})
	want := `invalid: plans.shared.scrapeInterval: must be a duration between 5s and 10m, such as 30s; plans.shared.tenantHeader: must be an HTTP header name of letters, digits and '-'; workspace.id: ` + idRule + `; workspace.plan: is "dedicated", not the plan "shared" being rendered`
	if err == nil || err.Error() != want {
		t.Fatalf("error =\n%v\nwant\n%s", err, want)
	}
}

func TestDedicatedConfigMapCarriesItsRulesWithThresholdOverrides(t *testing.T) {
	p := DefaultPlans()[Dedicated]
	ratio := 0.02
	p.Thresholds.ErrorRatio = &ratio
	out, err := ConfigMapYAML(p, Workspace{ID: "ws-0042", ClusterID: "cluster-a", Plan: Dedicated})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{"- " + RulesFile, RulesFile + ": |", "alert: HighErrorRate", ") > 0.02", "alert: ResourceQuotaExceeded", ") > 0.95"} {
		if !strings.Contains(s, want) {
			t.Errorf("config map lacks %q", want)
		}
	}
	if strings.Contains(s, "HighCPUUsage") || strings.Contains(s, "record:") {
		t.Error("host alerts and recording rules belong to the central Prometheus, not a workspace's")
	}
	shared, err := ConfigMapYAML(DefaultPlans()[Shared], Workspace{ID: "ws-0042", ClusterID: "cluster-a", Plan: Shared})
	if err != nil || strings.Contains(string(shared), RulesFile) {
		t.Errorf("a shared agent evaluates no rules: %v", err)
	}
}

// Values that the rules once let through and that Prometheus refuses (found by FuzzRender and
// the edge values of tests/agentconfig): each is refused naming its field and why.
func TestValidateRefusesWhatPrometheusRefuses(t *testing.T) {
	tests := []struct {
		field, value, rule string
	}{
		{"tenantHeader", "Authorization", ReservedHeaderRule},
		{"tenantHeader", "content-type", ReservedHeaderRule},
		{"tenantHeader", "Proxy-Authenticate", ReservedHeaderRule},
		{"tenantHeader", "X-Prometheus-Remote-Write-Version", ReservedHeaderRule},
		{"tenantHeader", "X-Scope-OrgID", ""},
		{"tenantHeader", "Transfer-Encoding", ""},
		{"remoteWriteUrl", "http://central/%zz/write", URLRule},
		{"remoteWriteUrl", "http://central/write%", URLRule},
		{"remoteWriteUrl", "http://central/write?tenant=%4", URLRule},
		{"remoteWriteUrl", "http://central/a%2Fb/write?q=%41", ""},
		{"remoteWriteUrl", "http://central:65536/write", URLRule},
		{"remoteWriteUrl", "http://central:0/write", URLRule},
		{"remoteWriteUrl", "http://central:65535/write", ""},
		{"remoteWriteUrl", "http://a..b/write", URLRule},
		{"remoteWriteUrl", "http://-central/write", URLRule},
		{"remoteWriteUrl", "http://10.0.0.1:9090", ""},
		{"alertmanagerTarget", "alertmanager:99999", TargetRule},
		{"alertmanagerTarget", "alertmanager.:9093", TargetRule},
		{"alertmanagerTarget", "alertmanager-0.alertmanager:9093", ""},
		{"ruleFiles", "rules/*.yml", ""},
		{"ruleFiles", "/etc/prometheus/rules/*.yml", ""},
		{"ruleFiles", "/srv/rules/a-*.rules.yaml", ""},
		{"ruleFiles", "*.yml", RuleFileRule},
		{"ruleFiles", "prometheus.yml", RuleFileRule},
		{"ruleFiles", "./*.yml", RuleFileRule},
		{"ruleFiles", "x/../*.yml", RuleFileRule},
		{"ruleFiles", "../*", RuleFileRule},
		{"ruleFiles", "..data/*", RuleFileRule},
		{"ruleFiles", ".*", RuleFileRule},
		{"ruleFiles", "/etc/prometheus/.hidden/*.yml", RuleFileRule},
		{"ruleFiles", "/", RuleFileRule},
		{"ruleFiles", "rules/", RuleFileRule},
		{"ruleFiles", "a//b.yml", RuleFileRule},
	}
	for _, tt := range tests {
		p := DefaultPlans()[Dedicated]
		switch tt.field {
		case "tenantHeader":
			p.TenantHeader = tt.value
		case "remoteWriteUrl":
			p.RemoteWriteURL = tt.value
		case "alertmanagerTarget":
			p.AlertmanagerTarget = tt.value
		case "ruleFiles":
			p.RuleFiles = []string{tt.value}
		default:
			t.Fatalf("no field %s", tt.field)
		}
		var want []FieldError
		if tt.rule != "" {
			want = []FieldError{{strings.Replace("plans.dedicated."+tt.field, "ruleFiles", "ruleFiles[0]", 1), tt.rule}}
		}
		if got := p.Validate(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s %q: %v, want %v", tt.field, tt.value, got, want)
		}
	}
}

func TestPlatformTenantIsASecondWriteOfWhatTheAppReads(t *testing.T) {
	p := DefaultPlans()[Shared]
	p.PlatformTenant = "hexabase-platform"
	out, err := PrometheusYAML(p, Workspace{ID: "ws-0001", ClusterID: "cluster-a", Plan: Shared})
	if err != nil {
		t.Fatal(err)
	}
	want := `remote_write:
  - url: http://prometheus.hexabase-system.svc.cluster.local:9090/api/v1/write
    name: workspace
    headers:
      X-Scope-OrgID: ws-0001
    queue_config:
      max_samples_per_send: 1000
      max_shards: 10
      capacity: 500
  - url: http://prometheus.hexabase-system.svc.cluster.local:9090/api/v1/write
    name: platform
    headers:
      X-Scope-OrgID: hexabase-platform
    write_relabel_configs:
      - source_labels: [__name__]
        regex: hexabase_active_connections|hexabase_active_user_sessions|hexabase_aiops_operations_total|hexabase_database_connections|hexabase_http_request_duration_seconds_bucket|hexabase_http_request_duration_seconds_count|hexabase_http_requests_total|hexabase_resource_usage_ratio|hexabase_vcluster_status|hexabase_workspace_deployments_total|prometheus_remote_storage_highest_timestamp_in_seconds|prometheus_remote_storage_queue_highest_sent_timestamp_seconds|prometheus_remote_storage_samples_failed_total|prometheus_remote_storage_samples_total
        action: keep
    queue_config:
      max_samples_per_send: 1000
      max_shards: 10
      capacity: 500
`
	if !strings.Contains(string(out), want) {
		t.Fatalf("got:\n%s", out)
	}
}

func TestPlatformTenantRules(t *testing.T) {
	for _, c := range []struct {
		tenant, url, header, rule string
	}{
		{"hexabase-platform", "http://cortex:8080/api/v1/push", "X-Scope-OrgID", ""},
		{"a|b", "http://cortex:8080/api/v1/push", "X-Scope-OrgID", TenantRule},
		{"..", "http://cortex:8080/api/v1/push", "X-Scope-OrgID", TenantRule},
		{strings.Repeat("a", 151), "http://cortex:8080/api/v1/push", "X-Scope-OrgID", TenantRule},
		{"hexabase-platform", "", "X-Scope-OrgID", PlatformTenantRule},
		{"hexabase-platform", "http://cortex:8080/api/v1/push", "", PlatformTenantRule},
	} {
		p := DefaultPlans()[Shared]
		p.PlatformTenant, p.RemoteWriteURL, p.TenantHeader = c.tenant, c.url, c.header
		var got string
		for _, f := range p.Validate() {
			if f.Field == "plans.shared.platformTenant" {
				got = f.Rule
			}
		}
		if got != c.rule {
			t.Errorf("%.20q with url %q and header %q: %q, want %q", c.tenant, c.url, c.header, got, c.rule)
		}
	}
}

// Both plans' agents scrape themselves, last, keeping only their remote-write health and no url.
func TestAgentScrapesItsOwnRemoteWriteHealth(t *testing.T) {
	want := `  - job_name: prometheus-agent
    static_configs:
      - targets:
          - localhost:9090
    metric_relabel_configs:
      - source_labels: [__name__]
        regex: prometheus_remote_storage_highest_timestamp_in_seconds|prometheus_remote_storage_queue_highest_sent_timestamp_seconds|prometheus_remote_storage_samples_failed_total|prometheus_remote_storage_samples_total
        action: keep
      - regex: url
        action: labeldrop
`
	for _, plan := range []string{Shared, Dedicated} {
		out, err := PrometheusYAML(DefaultPlans()[plan], Workspace{ID: "ws-0001", ClusterID: "cluster-a", Plan: plan})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(string(out), "\n"+want) {
			t.Errorf("%s: the last job is not the agent's own:\n%s", plan, out)
		}
	}
	p := DefaultPlans()[Dedicated]
	p.RemoteWriteURL = ""
	out, err := PrometheusYAML(p, Workspace{ID: "ws-0001", ClusterID: "cluster-a", Plan: Dedicated})
	if err != nil || strings.Contains(string(out), JobAgentSelf) {
		t.Errorf("an agent that writes nowhere has no remote-write health to scrape: %v\n%s", err, out)
	}
}

func TestPlatformMetricsEndWithTheAgentHealth(t *testing.T) {
	if got := PlatformMetrics[len(PlatformMetrics)-len(AgentHealthMetrics):]; !reflect.DeepEqual(got, AgentHealthMetrics) {
		t.Errorf("PlatformMetrics end with %v, want AgentHealthMetrics", got)
	}
}
