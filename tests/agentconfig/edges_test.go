package agentconfig_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/prometheus/config"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// edges are values at the borders of each field's rule and of what Prometheus accepts: every
// one either is refused naming a field or renders a ConfigMap Prometheus loads (checkConfigMap).
var edges = map[string][]string{
	"scrapeInterval":     {"5s", "4999ms", "5000ms", "10m", "600s", "600001ms", "0005s", "1h", "5s ", "99999999999999999999s", "60m"},
	"evaluationInterval": {"5s", "4999ms", "5000ms", "10m", "600s", "600001ms", "0005s", "1h", "5s ", "99999999999999999999s", "60m"},
	"remoteWriteUrl": {"http://a", "https://a:65535/x", "http://a:65536/x", "http://a:99999", "http://a:0", "http://a:00080/", "http://a..b/w",
		"http://-a/", "http://a./", "http://.", "http://a/%zz", "http://a/%2F", "http://a/?q=%zz", "http://a/?%", "http://a/%", "http://a/x?y#z",
		"http://a/@b", "http://a/::", "http://a:/", "HTTP://a/", "http://a/$x", "http://a/${HOME}", "http://a/x;y=1"},
	"tenantHeader": {"X-Scope-OrgID", "Authorization", "authorization", "Content-Type", "content-type", "User-Agent", "Host", "Content-Encoding",
		"Content-Length", "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "WWW-Authenticate", "Accept-Encoding",
		"X-Prometheus-Remote-Write-Version", "X-Prometheus-Remote-Read-Version", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256",
		"Transfer-Encoding", "Te", "-", "0", "true", "yes", "null", "~", "1e3", "0x10", "Y", "n", "on", "OFF"},
	"alertmanagerTarget": {"am:1", "am:65535", "am:65536", "am:99999", "am:0", "a..b:9093", "-:1", ".:1", "a:09093", "1.2.3.4:9093", "0:0"},
	"ruleFiles": {"rules/*.yml", "/etc/prometheus/rules/*.yml", "*.yml", "*", "prometheus.yml", "./*.yml", "x/../*.yml", "../*",
		"../prometheus/prometheus.yml", "..data/*", "..data/prometheus.yml", ".*", "..*", "/", ".", "..", "rules/", "a//b.yml",
		agentconfig.RulesFile, "*.rules.yml", "/etc/*", "a-*", "-"},
	"namespace": {"a", "kube-system", strings.Repeat("a", 63), "0", "true", "null", "y"},
	"jobs":      {"kubernetes-pods,kubernetes-pods", "kubernetes-nodes,kubernetes-nodes-cadvisor,kubernetes-nodes"},
	"queue":     {"1,1,1", "100000,100000,100000", "100000,1,1", "1,100000,1", "1,1,100000"},
	"threshold": {"1e-300", "5e-324", "1", "0.999999999999999999", "600", "1e-7", "0.1"},
	"workspace": {"0", "1e3", "true", "null", "y", "no", "0x1f", "1-2", "inf", "nan", "a-b", strings.Repeat("9", 63)},
}

// setEdge sets the field of p (as edges names it) to v; a workspace edge changes no plan field.
func setEdge(p *agentconfig.Plan, field, v string) {
	switch field {
	case "scrapeInterval":
		p.ScrapeInterval = v
	case "evaluationInterval":
		p.EvaluationInterval = v
	case "remoteWriteUrl":
		p.RemoteWriteURL = v
	case "tenantHeader":
		p.TenantHeader = v
	case "alertmanagerTarget":
		p.AlertmanagerTarget = v
	case "ruleFiles":
		p.RuleFiles = []string{v}
	case "namespace":
		p.Namespace = v
	case "jobs":
		p.Jobs = strings.Split(v, ",")
	case "queue":
		fmt.Sscanf(v, "%d,%d,%d", &p.Queue.MaxSamplesPerSend, &p.Queue.MaxShards, &p.Queue.Capacity)
	case "threshold":
		var f float64
		fmt.Sscan(v, &f)
		p.Thresholds = agentconfig.Thresholds{ErrorRatio: &f, LatencyP95Seconds: &f, DeployFailureRatio: &f, QuotaRatio: &f}
	}
}

func edgePlans(field, v string) []agentconfig.Plan {
	var plans []agentconfig.Plan
	for _, name := range []string{agentconfig.Shared, agentconfig.Dedicated} {
		p := agentconfig.DefaultPlans()[name]
		setEdge(&p, field, v)
		plans = append(plans, p)
	}
	return plans
}

func TestEdgeValuesRenderWhatPrometheusLoads(t *testing.T) {
	for field, values := range edges {
		for _, v := range values {
			for _, p := range edgePlans(field, v) {
				w := agentconfig.Workspace{ID: "ws-0001", ClusterID: "cluster-a", Plan: p.Name}
				if field == "workspace" {
					w.ID, w.ClusterID = v, v
				}
				t.Run(fmt.Sprintf("%s=%q/%s", field, v, p.Name), func(t *testing.T) {
					cm, err := agentconfig.ConfigMapYAML(p, w)
					if err != nil {
						return
					}
					prom, err := agentconfig.PrometheusYAML(p, w)
					if err != nil {
						t.Fatal(err)
					}
					checkConfigMap(t, p, w, cm, prom)
				})
			}
		}
	}
}

// The plan refuses as tenant header exactly the names Prometheus' remote write refuses, so
// that a Prometheus upgrade that reserves another is noticed here.
func TestReservedHeadersAreThoseRemoteWriteRefuses(t *testing.T) {
	for _, h := range append(slices.Clone(httpHeaders), agentconfig.ReservedHeaders...) {
		cfg := fmt.Sprintf("remote_write:\n  - url: http://central/write\n    headers:\n      %s: ws-0001\n", h)
		_, err := config.Load(cfg, quiet)
		if reserved := slices.Contains(agentconfig.ReservedHeaders, strings.ToLower(h)); reserved != (err != nil) {
			t.Errorf("header %s: reserved by the plan = %v, Prometheus says %v", h, reserved, err)
		}
	}
}
