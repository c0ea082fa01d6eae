package agentconfig_test

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prometheus/common/model"
	"github.com/prometheus/prometheus/config"
	"github.com/prometheus/prometheus/discovery"
	"github.com/prometheus/prometheus/promql/parser"
	"github.com/prometheus/prometheus/rules"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/yaml"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// kubeletVersionDir is where the kubelet writes a ConfigMap volume's files; ..data links to it
// and each key links through ..data, so a rule-file glob in that directory also meets these.
const kubeletVersionDir = "..2025_01_01_00_00_00.000000001"

// mount lays the ConfigMap's data out as the kubelet mounts its volume, at root/etc/prometheus
// (the directory the README suggests), and returns the path of prometheus.yml in it.
func mount(t testing.TB, root string, data map[string]string) string {
	t.Helper()
	dir := filepath.Join(root, "etc", "prometheus")
	if err := os.MkdirAll(filepath.Join(dir, kubeletVersionDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(kubeletVersionDir, filepath.Join(dir, "..data")); err != nil {
		t.Fatal(err)
	}
	for k, v := range data {
		if err := os.WriteFile(filepath.Join(dir, kubeletVersionDir, k), []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join("..data", k), filepath.Join(dir, k)); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "prometheus.yml")
}

// checkConfigMap is the oracle for a plan and workspace the backend accepted: the ConfigMap is
// one Kubernetes accepts, and a Prometheus server started on the mounted volume with
// --config.file=<volume>/prometheus.yml starts: cmd/prometheus/main.go (v0.316.0) runs
// config.LoadFile (server mode: the dedicated plan evaluates rules and alerts, which agent mode
// refuses) and then rules.ParseFiles on every rule file pattern. What was typed reads back as typed.
func checkConfigMap(t testing.TB, p agentconfig.Plan, w agentconfig.Workspace, cmYAML, promYAML []byte) {
	t.Helper()
	var cm corev1.ConfigMap
	if err := yaml.UnmarshalStrict(cmYAML, &cm); err != nil {
		t.Fatalf("the ConfigMap is no ConfigMap: %v\n%s", err, cmYAML)
	}
	if cm.APIVersion != "v1" || cm.Kind != "ConfigMap" || cm.Namespace != p.Namespace {
		t.Fatalf("ConfigMap is %s/%s in %q, want v1/ConfigMap in %q", cm.APIVersion, cm.Kind, cm.Namespace, p.Namespace)
	}
	problems := append(validation.IsDNS1123Subdomain(cm.Name), validation.IsDNS1123Label(cm.Namespace)...)
	for k, v := range cm.Labels {
		problems = append(append(problems, validation.IsQualifiedName(k)...), validation.IsValidLabelValue(v)...)
	}
	for k := range cm.Data {
		problems = append(problems, validation.IsConfigMapKey(k)...)
	}
	if len(problems) > 0 {
		t.Fatalf("Kubernetes refuses the ConfigMap: %v\n%s", problems, cmYAML)
	}
	if cm.Data["prometheus.yml"] != string(promYAML) {
		t.Fatalf("the ConfigMap's prometheus.yml differs from PrometheusYAML")
	}
	if _, ok := cm.Data[agentconfig.RulesFile]; ok != (p.AlertmanagerTarget != "") {
		t.Fatalf("rules file present = %v, want it exactly with an Alertmanager", ok)
	}

	root := t.TempDir()
	file := mount(t, root, cm.Data)
	cfg, err := config.LoadFile(file, false, quiet)
	if err != nil {
		t.Fatalf("accepted input renders a config Prometheus refuses: %v\n%s", err, promYAML)
	}
	// Relative patterns resolve in the ConfigMap's volume, which the app lays out; absolute ones
	// name the workspace's own files, which this test cannot see: for those only the glob syntax.
	var local []string
	for _, rf := range cfg.RuleFiles {
		if strings.HasPrefix(rf, root+string(filepath.Separator)) {
			local = append(local, rf)
		} else if _, err := filepath.Match(rf, ""); err != nil {
			t.Fatalf("rule file %q is no glob Prometheus can expand: %v", rf, err)
		}
	}
	if err := rules.ParseFiles(local, cfg.GlobalConfig.MetricNameValidationScheme, parser.NewParser(parser.Options{}), quiet); err != nil {
		t.Fatalf("Prometheus refuses the rule files of an accepted plan: %v\n%s", err, promYAML)
	}

	// Read back as YAML 1.1 (Prometheus' parser): the values typed, not others.
	var diffs []string
	check := func(what string, got, want any) {
		if fmt.Sprint(got) != fmt.Sprint(want) {
			diffs = append(diffs, fmt.Sprintf("%s = %v, want %v", what, got, want))
		}
	}
	for name, want := range map[string]string{"workspace_id": w.ID, "cluster_id": w.ClusterID, "plan_type": p.Name} {
		check("external label "+name, cfg.GlobalConfig.ExternalLabels.Get(name), want)
	}
	for what, d := range map[string]struct {
		got   model.Duration
		typed string
	}{"scrape_interval": {cfg.GlobalConfig.ScrapeInterval, p.ScrapeInterval}, "evaluation_interval": {cfg.GlobalConfig.EvaluationInterval, p.EvaluationInterval}} {
		want, err := model.ParseDuration(d.typed)
		check(what, d.got, want)
		check(what+" error", err, nil)
	}
	if p.RemoteWriteURL == "" {
		check("remote_write", len(cfg.RemoteWriteConfigs), 0)
	} else if writes := 1 + min(len(p.PlatformTenant), 1); len(cfg.RemoteWriteConfigs) != writes {
		check("remote_write", len(cfg.RemoteWriteConfigs), writes)
	} else {
		for i, rw := range cfg.RemoteWriteConfigs {
			check("remote_write url", rw.URL.String(), p.RemoteWriteURL)
			if tenant := []string{w.ID, p.PlatformTenant}[i]; p.TenantHeader != "" {
				check("tenant header", rw.Headers[p.TenantHeader], tenant)
			}
			check("write relabeling", len(rw.WriteRelabelConfigs), i)
			check("queue", []int{rw.QueueConfig.MaxSamplesPerSend, rw.QueueConfig.MaxShards, rw.QueueConfig.Capacity},
				[]int{p.Queue.MaxSamplesPerSend, p.Queue.MaxShards, p.Queue.Capacity})
		}
	}
	var jobs []string
	for _, sc := range cfg.ScrapeConfigs {
		jobs = append(jobs, sc.JobName)
	}
	want := slices.Clone(p.Jobs)
	if p.RemoteWriteURL != "" {
		want = append(want, agentconfig.JobAgentSelf) // its remote-write health, whatever the plan's jobs
	}
	slices.Sort(want)
	slices.Sort(jobs)
	check("jobs", jobs, slices.Compact(want))
	if p.AlertmanagerTarget != "" {
		var targets []string
		for _, am := range cfg.AlertingConfig.AlertmanagerConfigs {
			for _, sd := range am.ServiceDiscoveryConfigs {
				if static, ok := sd.(discovery.StaticConfig); ok {
					for _, g := range static {
						for _, tg := range g.Targets {
							targets = append(targets, string(tg[model.AddressLabel]))
						}
					}
				}
			}
		}
		check("alertmanager targets", targets, []string{p.AlertmanagerTarget})
	}
	if len(diffs) > 0 {
		t.Fatalf("Prometheus reads other values than were typed: %s\n%s", strings.Join(diffs, "; "), promYAML)
	}
}
