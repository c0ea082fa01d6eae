package agentconfig_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// Every rendered configuration passes the real promtool, for both plans and many workspaces.
func TestPromtoolAcceptsEveryRenderedConfig(t *testing.T) {
	// Debian's promtool is built without Kubernetes service discovery; the test command builds
	// promtool from Prometheus' module and passes it here.
	promtool := os.Getenv("PROMTOOL")
	if promtool == "" {
		t.Fatal("PROMTOOL must name a promtool with Kubernetes service discovery (the test command sets it)")
	}
	dir := t.TempDir()
	var files []string
	for i := 0; i < 50; i++ {
		for _, plan := range []string{agentconfig.Shared, agentconfig.Dedicated} {
			w := agentconfig.Workspace{ID: fmt.Sprintf("ws-%04d", i), ClusterID: fmt.Sprintf("cluster-%c", 'a'+i%3), Plan: plan}
			out, err := agentconfig.PrometheusYAML(agentconfig.DefaultPlans()[plan], w)
			if err != nil {
				t.Fatal(err)
			}
			f := filepath.Join(dir, plan+"-"+w.ID+".yml")
			if err := os.WriteFile(f, out, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
	}
	// Rule files of the dedicated plan live in the workspace; promtool needs the glob to resolve.
	cmd := exec.Command(promtool, append([]string{"check", "config", "--syntax-only"}, files...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("promtool check config: %v\n%s", err, out)
	}
}

// The rules a dedicated Prometheus evaluates, with and without threshold overrides, pass promtool.
func TestPromtoolAcceptsTheWorkspaceRules(t *testing.T) {
	promtool := os.Getenv("PROMTOOL")
	if promtool == "" {
		t.Fatal("PROMTOOL must name a promtool (the test command sets it)")
	}
	p := agentconfig.DefaultPlans()[agentconfig.Dedicated]
	var files []string
	for i, ratio := range []float64{0, 0.01, 1} {
		if ratio > 0 {
			p.Thresholds = agentconfig.Thresholds{ErrorRatio: &ratio, QuotaRatio: &ratio, DeployFailureRatio: &ratio, LatencyP95Seconds: &ratio}
		}
		out, err := agentconfig.RulesYAML(p)
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(t.TempDir(), fmt.Sprintf("rules-%d.yml", i))
		if err := os.WriteFile(f, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if out, err := exec.Command(promtool, append([]string{"check", "rules"}, files...)...).CombinedOutput(); err != nil {
		t.Fatalf("promtool check rules: %v\n%s", err, out)
	}
}
