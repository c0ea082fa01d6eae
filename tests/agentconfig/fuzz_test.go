package agentconfig_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// httpHeaders are header names a user may type as the tenant header, which byte mutations alone
// would hardly reach: the standard ones, those remote-write clients send, and tenant headers.
var httpHeaders = []string{
	"Accept", "Accept-Encoding", "Accept-Language", "Authorization", "Cache-Control", "Connection", "Content-Encoding",
	"Content-Length", "Content-Type", "Cookie", "Date", "Expect", "Forwarded", "Host", "Keep-Alive", "Origin", "Pragma",
	"Proxy-Authenticate", "Proxy-Authorization", "Range", "Referer", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
	"User-Agent", "Via", "WWW-Authenticate", "X-Forwarded-For", "X-Request-ID", "X-Amz-Date", "X-Amz-Security-Token",
	"X-Amz-Content-Sha256", "X-Prometheus-Remote-Write-Version", "X-Prometheus-Remote-Read-Version", "X-Scope-OrgID",
	"X-Grafana-Org-Id", "Tenant-ID",
}

// fuzzPlan builds a plan and workspace from every field a user can type; jobs and rule files
// are comma-separated lists, a non-zero headerPick picks the tenant header from httpHeaders
// (in any case), each of the low four bits of set says whether a threshold is overridden, and
// the fifth names the namespace as the platform tenant too.
func fuzzPlan(id, cluster, wsPlan, name, scrape, eval, writeURL, header string, headerPick uint8, samples, shards, capacity int,
	jobs, alertmanager, ruleFiles, namespace string, set uint8, errorRatio, latency, deployRatio, quotaRatio float64,
) (agentconfig.Plan, agentconfig.Workspace) {
	p := agentconfig.Plan{
		Name: name, ScrapeInterval: scrape, EvaluationInterval: eval, RemoteWriteURL: writeURL, TenantHeader: header,
		Queue:              agentconfig.Queue{MaxSamplesPerSend: samples, MaxShards: shards, Capacity: capacity},
		AlertmanagerTarget: alertmanager, Namespace: namespace,
	}
	if headerPick != 0 {
		p.TenantHeader = httpHeaders[int(headerPick-1)%len(httpHeaders)]
		if headerPick > 128 {
			p.TenantHeader = strings.ToLower(p.TenantHeader)
		}
	}
	if set&(1<<4) != 0 {
		p.PlatformTenant = namespace
	}
	if jobs != "" {
		p.Jobs = strings.Split(jobs, ",")
	}
	if ruleFiles != "" {
		p.RuleFiles = strings.Split(ruleFiles, ",")
	}
	for i, v := range []*float64{&errorRatio, &latency, &deployRatio, &quotaRatio} {
		if set&(1<<i) == 0 {
			continue
		}
		switch i {
		case 0:
			p.Thresholds.ErrorRatio = v
		case 1:
			p.Thresholds.LatencyP95Seconds = v
		case 2:
			p.Thresholds.DeployFailureRatio = v
		case 3:
			p.Thresholds.QuotaRatio = v
		}
	}
	return p, agentconfig.Workspace{ID: id, ClusterID: cluster, Plan: wsPlan}
}

// FuzzRender: whatever a user types into a plan or a workspace, the renderer does not panic, and
// either refuses it naming a field or renders a ConfigMap that Kubernetes and Prometheus accept
// (checkConfigMap). Each class it found is a file under testdata/fuzz/FuzzRender, which plain
// go test runs too.
func FuzzRender(f *testing.F) {
	all := strings.Join(agentconfig.JobNames, ",")
	const url = "http://prometheus.hexabase-system.svc.cluster.local:9090/api/v1/write"
	f.Add("ws-0001", "cluster-a", "shared", "shared", "30s", "30s", url, "X-Scope-OrgID", uint8(0), 1000, 10, 500,
		"kubernetes-pods,kubernetes-nodes,kubernetes-services", "", "", "vcluster-shared", uint8(0), 0.0, 0.0, 0.0, 0.0)
	f.Add("ws-0002", "cluster-b", "dedicated", "dedicated", "15s", "1m", url, "X-Scope-OrgID", uint8(36), 2000, 20, 2500,
		all, "alertmanager:9093", "/etc/prometheus/rules/*.yml,rules/*.yml", "vcluster-dedicated", uint8(15), 0.05, 2.0, 0.1, 0.95)
	// With a platform tenant: the agent's own health series go to both writes.
	f.Add("ws-0003", "cluster-c", "shared", "shared", "30s", "30s", url, "X-Scope-OrgID", uint8(0), 1000, 10, 500,
		"kubernetes-pods", "", "", "hexabase-platform", uint8(16), 0.0, 0.0, 0.0, 0.0)
	f.Add("a", "b", "dedicated", "dedicated", "600000ms", "5s", "", "", uint8(0), 100000, 1, 1, "hexabase-applications", "am:1", "", "n", uint8(2), 0.0, 600.0, 0.0, 0.0)
	f.Add("ws\"0001", "cluster:a", "shared", "dedicated", "1s", "1h", "ftp://x", "X Scope", uint8(0), 0, -1, 100001, "etcd,", "am", "a\n- b", "A", uint8(1), 2.0, -1.0, 0.0, 0.0)
	f.Fuzz(func(t *testing.T, id, cluster, wsPlan, name, scrape, eval, writeURL, header string, headerPick uint8, samples, shards, capacity int,
		jobs, alertmanager, ruleFiles, namespace string, set uint8, errorRatio, latency, deployRatio, quotaRatio float64,
	) {
		p, ws := fuzzPlan(id, cluster, wsPlan, name, scrape, eval, writeURL, header, headerPick, samples, shards, capacity,
			jobs, alertmanager, ruleFiles, namespace, set, errorRatio, latency, deployRatio, quotaRatio)
		cm, cmErr := agentconfig.ConfigMapYAML(p, ws)
		out, err := agentconfig.PrometheusYAML(p, ws)
		if (cmErr == nil) != (err == nil) {
			t.Fatalf("ConfigMapYAML (%v) and PrometheusYAML (%v) disagree", cmErr, err)
		}
		if err != nil {
			var verr *agentconfig.ValidationError
			if !errors.As(err, &verr) || len(verr.Fields) == 0 {
				t.Fatalf("refused without naming a field: %v", err)
			}
			return
		}
		checkConfigMap(t, p, ws, cm, out)
	})
}
