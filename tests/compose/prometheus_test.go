package compose

import (
	"fmt"
	"net"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The dev Prometheus scrapes compose services and loads rule files mounted from the repository.
func TestPrometheusConfigPointsAtServicesAndMountedRules(t *testing.T) {
	p := loadProject(t)
	svc, err := p.service("prometheus")
	if err != nil {
		t.Fatal(err)
	}
	where := mainFile + ": services.prometheus"
	configPath := ""
	command, _ := svc["command"].([]any)
	for _, arg := range command {
		if v, ok := strings.CutPrefix(fmt.Sprint(arg), "--config.file="); ok {
			configPath = v
		}
	}
	configFile, ok := mountedFile(svc, configPath)
	if !ok {
		t.Fatalf("%s.command: --config.file=%q is not a file bind-mounted from the repository", where, configPath)
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(configFile)))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		RuleFiles     []string `yaml:"rule_files"`
		ScrapeConfigs []struct {
			JobName       string `yaml:"job_name"`
			StaticConfigs []struct {
				Targets []string `yaml:"targets"`
			} `yaml:"static_configs"`
		} `yaml:"scrape_configs"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf("%s: %v", configFile, err)
	}
	for _, rule := range cfg.RuleFiles {
		if _, ok := mountedFile(svc, rule); !ok {
			t.Errorf("%s: rule_files: %s is not a file bind-mounted from the repository into services.prometheus", configFile, rule)
		}
	}
	for _, sc := range cfg.ScrapeConfigs {
		for _, st := range sc.StaticConfigs {
			for _, target := range st.Targets {
				host, portText, err := net.SplitHostPort(target)
				port, _ := strconv.Atoi(portText)
				if err != nil || host == "localhost" {
					continue
				}
				field := fmt.Sprintf("%s: scrape_configs %s: target %s", configFile, sc.JobName, target)
				if target, err := p.service(host); err != nil {
					t.Errorf("%s: %q is not a service of %s", field, host, mainFile)
				} else if !containerPorts(target)[port] {
					t.Errorf("%s: service %s does not listen on %d", field, host, port)
				}
			}
		}
	}
}

// mountedFile maps a container path to the repository file a bind mount of the service puts there.
func mountedFile(svc map[string]any, containerPath string) (string, bool) {
	volumes, _ := svc["volumes"].([]any)
	for _, v := range volumes {
		kind, source := volumeSource(v)
		if kind != "bind" || containerPath == "" {
			continue
		}
		target := ""
		if m, ok := v.(map[string]any); ok {
			target = fmt.Sprint(m["target"])
		} else if parts := strings.Split(fmt.Sprint(v), ":"); len(parts) > 1 {
			target = parts[1]
		}
		rel, ok := strings.CutPrefix(containerPath, target)
		if !ok || (rel != "" && !strings.HasPrefix(rel, "/")) {
			continue
		}
		file := path.Join(source, rel)
		if info, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(file))); err == nil && !info.IsDir() {
			return file, true
		}
	}
	return "", false
}
