package agentconfig_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"sigs.k8s.io/yaml"

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

// A bounded sample of plans the backend accepts, drawn from every field's edge values, passes
// the real promtool: the ConfigMap mounted as the kubelet does, prometheus.yml through
// check config (syntax only: the service-account files it names exist only in a pod) and the
// workspace rules through check rules.
func TestPromtoolAcceptsASampleOfAcceptedPlans(t *testing.T) {
	promtool := os.Getenv("PROMTOOL")
	if promtool == "" {
		t.Fatal("PROMTOOL must name a promtool with Kubernetes service discovery (the test command sets it)")
	}
	rng := rand.New(rand.NewPCG(12, 1))
	fields := slices.Sorted(maps.Keys(edges))
	var configs, ruleFiles []string
	for i := 0; len(configs) < 60 && i < 2000; i++ {
		p := agentconfig.DefaultPlans()[[]string{agentconfig.Shared, agentconfig.Dedicated}[rng.IntN(2)]]
		w := agentconfig.Workspace{ID: fmt.Sprintf("ws-%04d", i), ClusterID: "cluster-a", Plan: p.Name}
		// Several fields at once, each from its edge values.
		for _, field := range fields {
			if rng.IntN(3) > 0 {
				continue
			}
			v := edges[field][rng.IntN(len(edges[field]))]
			if field == "workspace" {
				w.ID = v
				continue
			}
			setEdge(&p, field, v)
		}
		cm, err := agentconfig.ConfigMapYAML(p, w)
		if err != nil {
			continue
		}
		var data struct {
			Data map[string]string `json:"data"`
		}
		if err := yaml.Unmarshal(cm, &data); err != nil {
			t.Fatal(err)
		}
		file := mount(t, t.TempDir(), data.Data)
		configs = append(configs, file)
		if _, ok := data.Data[agentconfig.RulesFile]; ok {
			ruleFiles = append(ruleFiles, filepath.Join(filepath.Dir(file), agentconfig.RulesFile))
		}
	}
	if len(configs) < 60 || len(ruleFiles) == 0 {
		t.Fatalf("the sample has %d configs and %d rule files: too few accepted plans", len(configs), len(ruleFiles))
	}
	if out, err := exec.Command(promtool, append([]string{"check", "config", "--syntax-only"}, configs...)...).CombinedOutput(); err != nil {
		t.Fatalf("promtool check config: %v\n%s", err, out)
	}
	if out, err := exec.Command(promtool, append([]string{"check", "rules"}, ruleFiles...)...).CombinedOutput(); err != nil {
		t.Fatalf("promtool check rules: %v\n%s", err, out)
	}
}
