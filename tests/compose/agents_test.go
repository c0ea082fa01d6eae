package compose

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/codegen"
	"github.com/hexabase/hexabase-monitoring-app/pkg/simulator"
)

// agentConfig is what this test reads of an agent's prometheus.yml.
type agentConfig struct {
	Global struct {
		ExternalLabels map[string]string `yaml:"external_labels"`
	} `yaml:"global"`
	RuleFiles     []string       `yaml:"rule_files"`
	Alerting      map[string]any `yaml:"alerting"`
	ScrapeConfigs []struct {
		JobName       string `yaml:"job_name"`
		HonorLabels   bool   `yaml:"honor_labels"`
		MetricsPath   string `yaml:"metrics_path"`
		StaticConfigs []struct {
			Targets []string          `yaml:"targets"`
			Labels  map[string]string `yaml:"labels"`
		} `yaml:"static_configs"`
	} `yaml:"scrape_configs"`
	RemoteWrite []struct {
		URL          string            `yaml:"url"`
		Name         string            `yaml:"name"`
		Headers      map[string]string `yaml:"headers"`
		WriteRelabel []struct {
			SourceLabels []string `yaml:"source_labels"`
			Regex        string   `yaml:"regex"`
			Action       string   `yaml:"action"`
		} `yaml:"write_relabel_configs"`
	} `yaml:"remote_write"`
}

// agent is a service of the scale-out profile that runs Prometheus on a generated configuration.
type agent struct {
	name   string
	svc    map[string]any
	file   string
	config agentConfig
}

func loadAgents(t *testing.T, p *project) []agent {
	t.Helper()
	var out []agent
	for _, name := range sortedKeys(p.main.services()) {
		svc, err := p.service(name)
		if err != nil {
			t.Fatal(err)
		}
		file, ok := mountedFile(svc, commandFlag(svc, "--config.file"))
		if !ok || !strings.HasPrefix(file, codegen.DevAgentsDir+"/") {
			continue
		}
		where := fmt.Sprintf("%s: services.%s", mainFile, name)
		if !slices.Contains(profilesOf(svc), scaleOut) {
			t.Errorf("%s: not in the %s profile", where, scaleOut)
		}
		data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		a := agent{name: name, svc: svc, file: file}
		if err := yaml.Unmarshal(data, &a.config); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		out = append(out, a)
	}
	return out
}

// Every generated agent configuration runs in a service, as generated, in the mode it needs, with
// the files it names mounted next to it.
func TestAgentsRunTheGeneratedConfigurations(t *testing.T) {
	p := loadProject(t)
	agents := loadAgents(t, p)
	running := map[string]string{}
	for _, a := range agents {
		where := fmt.Sprintf("%s: services.%s", mainFile, a.name)
		if prev, dup := running[a.file]; dup {
			t.Errorf("%s: runs %s, as services.%s does", where, a.file, prev)
		}
		running[a.file] = a.name
		evaluates := len(a.config.RuleFiles) > 0 || a.config.Alerting != nil
		if agentMode := commandFlag(a.svc, "--agent") == "true"; agentMode == evaluates {
			t.Errorf("%s.command: --agent is %v, but %s evaluates rules: %v (agent mode refuses rule_files and alerting)", where, agentMode, a.file, evaluates)
		}
		for _, rule := range a.config.RuleFiles {
			if strings.ContainsAny(rule, "*?[") {
				continue // a glob that matches nothing is no error
			}
			if !path.IsAbs(rule) {
				rule = path.Join(path.Dir(commandFlag(a.svc, "--config.file")), rule)
			}
			if _, ok := mountedFile(a.svc, rule); !ok {
				t.Errorf("%s: %s names %s, which no bind mount of services.%s provides", where, a.file, rule, a.name)
			}
		}
		if asMap(asMap(a.svc["depends_on"])["gateway"])["condition"] != "service_healthy" {
			t.Errorf("%s.depends_on: needs gateway: {condition: service_healthy}", where)
		}
	}
	files, err := codegen.DevAgentFiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".rules.yml") {
			continue
		}
		if _, ok := running[f.Path]; !ok {
			t.Errorf("%s: no service runs %s (go run ./pkg/cmd/codegen generates it)", mainFile, f.Path)
		}
	}
}

// The agents scrape the simulator serving their workspace and write through the gateway's push
// path: everything to the workspace's tenant, what the app reads to the platform tenant.
func TestAgentsWriteThroughTheGatewayToTheirTenants(t *testing.T) {
	p := loadProject(t)
	_, gateway := loadGateway(t, p)
	platform := simulatedPlatform(t, p)
	for _, a := range loadAgents(t, p) {
		for i, rw := range a.config.RemoteWrite {
			field := fmt.Sprintf("%s: remote_write[%d]", a.file, i)
			checkPushURL(t, p, gateway, field, rw.URL)
			if len(rw.Headers) != 1 || rw.Headers["X-Scope-OrgID"] == "" {
				t.Errorf("%s: headers %v, want exactly the tenant header X-Scope-OrgID", field, rw.Headers)
			}
		}
		checkTargets(t, p, a)
		ws := a.config.Global.ExternalLabels["workspace_id"]
		if ws == "" {
			checkPlatformAgent(t, a)
			continue
		}
		simulated, ok := platform.Workspace(ws)
		if !ok {
			t.Errorf("%s: workspace %s is not one the simulator service simulates", a.file, ws)
		} else if got := a.config.Global.ExternalLabels; got["plan_type"] != simulated.Plan || got["cluster_id"] != simulated.ClusterID {
			t.Errorf("%s: labels %v, but the simulator has %s on the plan %s in %s", a.file, got, ws, simulated.Plan, simulated.ClusterID)
		}
		checkWorkspaceWrites(t, a, ws)
	}
}

// simulatedPlatform is the platform the simulator service's flags build; the generator assumes it.
func simulatedPlatform(t *testing.T, p *project) *simulator.Platform {
	t.Helper()
	svc, err := p.service("simulator")
	if err != nil {
		t.Fatal(err)
	}
	cfg := simulator.DefaultConfig()
	for flag, dst := range map[string]*int{"-workspaces": &cfg.Workspaces, "-clusters": &cfg.Clusters, "-vclusters": &cfg.VClustersPerWorkspace} {
		if v := commandFlag(svc, flag); v != "" {
			*dst, _ = strconv.Atoi(v)
		}
	}
	if v := commandFlag(svc, "-seed"); v != "" {
		cfg.Seed, _ = strconv.ParseInt(v, 10, 64)
	}
	if want := codegen.DevSimulator(); cfg.Seed != want.Seed || cfg.Workspaces != want.Workspaces || cfg.Clusters != want.Clusters {
		t.Errorf("%s: services.simulator runs -seed=%d -workspaces=%d -clusters=%d; codegen.DevSimulator generates agents for %d, %d, %d",
			mainFile, cfg.Seed, cfg.Workspaces, cfg.Clusters, want.Seed, want.Workspaces, want.Clusters)
	}
	platform, err := simulator.NewPlatform(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return platform
}

// checkPushURL requires a remote-write URL to reach the gateway, which routes its path to the distributor.
func checkPushURL(t *testing.T, p *project, gateway *nginxServer, field, raw string) {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		t.Errorf("%s: url %q is not absolute", field, raw)
		return
	}
	port := 80
	if u.Port() != "" {
		port, _ = strconv.Atoi(u.Port())
	}
	svc, err := p.service(u.Hostname())
	switch {
	case u.Hostname() != "gateway" || err != nil:
		t.Errorf("%s: url %s does not go through the gateway service", field, raw)
	case !containerPorts(svc)[port] || port != gateway.listen:
		t.Errorf("%s: url %s: the gateway listens on %d", field, raw, gateway.listen)
	case gatewayRoutes[u.Path] != "distributor":
		t.Errorf("%s: url %s: the gateway's push path is the one it routes to the distributor", field, raw)
	}
}

func checkWorkspaceWrites(t *testing.T, a agent, ws string) {
	t.Helper()
	tenants := map[string]string{}
	for _, rw := range a.config.RemoteWrite {
		tenants[rw.Name] = rw.Headers["X-Scope-OrgID"]
		if rw.Name == "platform" {
			allow := strings.Join(agentconfig.PlatformMetrics, "|")
			if len(rw.WriteRelabel) != 1 || rw.WriteRelabel[0].Action != "keep" || rw.WriteRelabel[0].Regex != allow {
				t.Errorf("%s: the platform write must keep exactly agentconfig.PlatformMetrics", a.file)
			}
		}
	}
	if want := map[string]string{"workspace": ws, "platform": codegen.DevPlatformTenant}; fmt.Sprint(tenants) != fmt.Sprint(want) {
		t.Errorf("%s: writes to the tenants %v, want %v", a.file, tenants, want)
	}
}

func checkPlatformAgent(t *testing.T, a agent) {
	t.Helper()
	if len(a.config.RemoteWrite) != 1 || a.config.RemoteWrite[0].Headers["X-Scope-OrgID"] != codegen.DevPlatformTenant {
		t.Errorf("%s: without a workspace_id it is the platform agent, which writes once, to %s", a.file, codegen.DevPlatformTenant)
	}
	for _, job := range a.config.ScrapeConfigs {
		if !job.HonorLabels || job.MetricsPath != "/metrics/platform" {
			t.Errorf("%s: job %s must scrape /metrics/platform keeping the simulator's labels (honor_labels)", a.file, job.JobName)
		}
	}
}

// checkTargets requires every static target to be a service listening there; a pod target is
// scraped at its annotated port and path, the simulator's page of the agent's workspace.
func checkTargets(t *testing.T, p *project, a agent) {
	t.Helper()
	for _, job := range a.config.ScrapeConfigs {
		for _, st := range job.StaticConfigs {
			for _, target := range st.Targets {
				field := fmt.Sprintf("%s: job %s: target %s", a.file, job.JobName, target)
				if job.JobName == agentconfig.JobAgentSelf {
					// The agent's own /metrics: localhost in its container, on Prometheus' default listen address.
					if target != agentconfig.AgentSelfAddress || commandFlag(a.svc, "--web.listen-address") != "" {
						t.Errorf("%s: want %s, where the agent listens", field, agentconfig.AgentSelfAddress)
					}
					continue
				}
				host, port, err := net.SplitHostPort(target)
				if err != nil {
					t.Errorf("%s: not host:port", field)
					continue
				}
				if annotated := st.Labels["__meta_kubernetes_pod_annotation_prometheus_io_port"]; annotated != "" {
					port = annotated
					want := "/metrics/workspaces/" + a.config.Global.ExternalLabels["workspace_id"]
					if got := st.Labels["__meta_kubernetes_pod_annotation_prometheus_io_path"]; got != want {
						t.Errorf("%s: scrapes %s, not %s", field, got, want)
					}
				}
				n, _ := strconv.Atoi(port)
				if svc, err := p.service(host); err != nil {
					t.Errorf("%s: %s is not a service of %s", field, host, mainFile)
				} else if !containerPorts(svc)[n] {
					t.Errorf("%s: services.%s does not listen on %d", field, host, n)
				}
			}
		}
	}
}

// The real promtool accepts each agent's configuration in the mode its service runs it, when the
// test command has built it (Debian's promtool lacks Kubernetes discovery and agent mode checks).
func TestPromtoolAcceptsTheAgents(t *testing.T) {
	promtool := cachedTool("PROMTOOL", "promtool")
	if promtool == "" {
		t.Skip("promtool is not built (the test command's install-prometheus step)")
	}
	for _, a := range loadAgents(t, loadProject(t)) {
		args := []string{"check", "config", "--syntax-only"}
		if commandFlag(a.svc, "--agent") == "true" {
			args = append(args, "--agent")
		}
		out, err := exec.Command(promtool, append(args, filepath.Join(repoRoot, filepath.FromSlash(a.file)))...).CombinedOutput()
		if err != nil {
			t.Errorf("%s: services.%s: promtool %s: %v\n%s", mainFile, a.name, strings.Join(args, " "), err, out)
		}
	}
	rules, _ := filepath.Glob(filepath.Join(repoRoot, filepath.FromSlash(codegen.DevAgentsDir), "*.rules.yml"))
	for _, r := range rules {
		if out, err := exec.Command(promtool, "check", "rules", r).CombinedOutput(); err != nil {
			t.Errorf("%s: promtool check rules: %v\n%s", r, err, out)
		}
	}
}
