package agentconfig

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
)

// RulesFile is the ConfigMap key, and the path relative to prometheus.yml, of the workspace
// alert rules of a plan whose Prometheus evaluates rules.
const RulesFile = "hexabase-workspace.rules.yml"

type prometheusConfig struct {
	Global struct {
		ScrapeInterval     string            `yaml:"scrape_interval"`
		EvaluationInterval string            `yaml:"evaluation_interval"`
		ExternalLabels     map[string]string `yaml:"external_labels"`
	} `yaml:"global"`
	RuleFiles     []string        `yaml:"rule_files,omitempty"`
	Alerting      *alertingConfig `yaml:"alerting,omitempty"`
	RemoteWrite   []remoteWrite   `yaml:"remote_write,omitempty"`
	ScrapeConfigs []scrapeConfig  `yaml:"scrape_configs"`
}

type alertingConfig struct {
	Alertmanagers []struct {
		StaticConfigs []struct {
			Targets []string `yaml:"targets"`
		} `yaml:"static_configs"`
	} `yaml:"alertmanagers"`
}

type remoteWrite struct {
	URL          string            `yaml:"url"`
	Name         string            `yaml:"name,omitempty"`
	Headers      map[string]string `yaml:"headers,omitempty"`
	WriteRelabel []relabel         `yaml:"write_relabel_configs,omitempty"`
	QueueConfig  struct {
		MaxSamplesPerSend int `yaml:"max_samples_per_send"`
		MaxShards         int `yaml:"max_shards"`
		Capacity          int `yaml:"capacity"`
	} `yaml:"queue_config"`
}

// PrometheusYAML renders the agent's prometheus.yml for one workspace of plan p, with the
// workspace's identifiers filled in: nothing is left for an operator to substitute by hand.
func PrometheusYAML(p Plan, w Workspace) ([]byte, error) {
	fields := append(p.Validate(), w.Validate()...)
	if w.Plan != "" && w.Plan != p.Name {
		fields = append(fields, FieldError{"workspace.plan", fmt.Sprintf("is %q, not the plan %q being rendered", w.Plan, p.Name)})
	}
	if len(fields) > 0 {
		return nil, &ValidationError{Fields: fields}
	}
	var c prometheusConfig
	c.Global.ScrapeInterval, c.Global.EvaluationInterval = p.ScrapeInterval, p.EvaluationInterval
	c.Global.ExternalLabels = map[string]string{"workspace_id": w.ID, "plan_type": p.Name, "cluster_id": w.ClusterID}
	c.RuleFiles = append([]string{}, p.RuleFiles...)
	if p.AlertmanagerTarget != "" {
		c.RuleFiles = append(c.RuleFiles, RulesFile)
		c.Alerting = &alertingConfig{}
		c.Alerting.Alertmanagers = make([]struct {
			StaticConfigs []struct {
				Targets []string `yaml:"targets"`
			} `yaml:"static_configs"`
		}, 1)
		c.Alerting.Alertmanagers[0].StaticConfigs = []struct {
			Targets []string `yaml:"targets"`
		}{{Targets: []string{p.AlertmanagerTarget}}}
	}
	if p.RemoteWriteURL != "" {
		rw := remoteWrite{URL: p.RemoteWriteURL}
		if p.TenantHeader != "" {
			rw.Headers = map[string]string{p.TenantHeader: w.ID}
		}
		rw.QueueConfig.MaxSamplesPerSend, rw.QueueConfig.MaxShards, rw.QueueConfig.Capacity = p.Queue.MaxSamplesPerSend, p.Queue.MaxShards, p.Queue.Capacity
		c.RemoteWrite = []remoteWrite{rw}
		if p.PlatformTenant != "" {
			// The workspace's tenant gets everything; the platform tenant, which the app's pages and
			// rules read across every workspace, only what they read (PlatformMetrics).
			c.RemoteWrite[0].Name = "workspace"
			platform := rw
			platform.Name = "platform"
			platform.Headers = map[string]string{p.TenantHeader: p.PlatformTenant}
			platform.WriteRelabel = []relabel{platformAllowList()}
			c.RemoteWrite = append(c.RemoteWrite, platform)
		}
	}
	for _, job := range JobNames {
		if contains(p.Jobs, job) {
			c.ScrapeConfigs = append(c.ScrapeConfigs, jobCatalog[job]())
		}
	}
	if p.RemoteWriteURL != "" {
		c.ScrapeConfigs = append(c.ScrapeConfigs, agentSelf())
	}
	return marshal(c)
}

// RulesYAML renders the workspace alert rules with the plan's threshold overrides.
func RulesYAML(p Plan) ([]byte, error) {
	cfg := alerting.Defaults()
	set := func(dst *float64, v *float64) {
		if v != nil {
			*dst = *v
		}
	}
	set(&cfg.ErrorRatio, p.Thresholds.ErrorRatio)
	set(&cfg.LatencyP95Seconds, p.Thresholds.LatencyP95Seconds)
	set(&cfg.DeployFailureRatio, p.Thresholds.DeployFailureRatio)
	set(&cfg.QuotaRatio, p.Thresholds.QuotaRatio)
	return alerting.WorkspaceRules(cfg)
}

// ConfigMapYAML wraps prometheus.yml, and the rules of a plan that evaluates them, in the
// ConfigMap that the workspace's Prometheus mounts next to each other.
func ConfigMapYAML(p Plan, w Workspace) ([]byte, error) {
	prom, err := PrometheusYAML(p, w)
	if err != nil {
		return nil, err
	}
	data := map[string]string{"prometheus.yml": string(prom)}
	if p.AlertmanagerTarget != "" {
		rules, err := RulesYAML(p)
		if err != nil {
			return nil, err
		}
		data[RulesFile] = string(rules)
	}
	cm := map[string]any{
		"apiVersion": "v1",
		"kind":       "ConfigMap",
		"metadata": map[string]any{
			"name":      "prometheus-agent-config",
			"namespace": p.Namespace,
			"labels":    map[string]string{"app.kubernetes.io/managed-by": "hexabase-monitoring-app", "hexabase.ai/workspace-id": w.ID, "hexabase.ai/plan": p.Name},
		},
		"data": data,
	}
	return marshal(cm)
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), enc.Close()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
