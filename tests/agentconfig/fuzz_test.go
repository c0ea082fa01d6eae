package agentconfig_test

import (
	"errors"
	"testing"

	"github.com/prometheus/prometheus/config"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// FuzzRender: whatever a user types into a plan or a workspace, the renderer does not panic, and
// its output either loads as Prometheus configuration or was refused with a validation error.
func FuzzRender(f *testing.F) {
	f.Add("ws-0001", "cluster-a", "shared", "30s", "http://prometheus:9090/api/v1/write", "X-Scope-OrgID", 10, "alertmanager:9093", 0.05, "rules/*.yml")
	f.Add("ws\"0001", "cluster:a", "dedicated", "15s", "ftp://x", "X Scope", 0, "am", 2.0, "a\n- b")
	f.Add("a", "b", "dedicated", "1h", "", "", 100000, "", 0.0, "")
	f.Fuzz(func(t *testing.T, id, cluster, plan, interval, writeURL, header string, shards int, alertmanager string, ratio float64, ruleFile string) {
		p, ok := agentconfig.DefaultPlans()[plan]
		if !ok {
			p = agentconfig.DefaultPlans()[agentconfig.Shared]
			p.Name = plan
		}
		p.ScrapeInterval, p.RemoteWriteURL, p.TenantHeader, p.Queue.MaxShards, p.AlertmanagerTarget = interval, writeURL, header, shards, alertmanager
		if ratio != 0 {
			p.Thresholds.ErrorRatio, p.Thresholds.LatencyP95Seconds = &ratio, &ratio
		}
		if ruleFile != "" {
			p.RuleFiles = []string{ruleFile}
		}
		ws := agentconfig.Workspace{ID: id, ClusterID: cluster, Plan: plan}
		// The ConfigMap, with the rules of a plan that evaluates them, is refused exactly when
		// prometheus.yml is.
		_, cmErr := agentconfig.ConfigMapYAML(p, ws)
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
		if _, err := config.Load(string(out), nil); err != nil {
			t.Fatalf("accepted input renders a config Prometheus refuses: %v\n%s", err, out)
		}
	})
}
