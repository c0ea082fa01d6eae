package grafanadouble

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// ProvisioningFile is one file of the provisioning formats of Grafana 12.x
// pkg/services/provisioning/alerting (rules_types.go, contact_point_types.go,
// text_templates_types.go, notification_policy_types.go), datasources and plugins. Grafana drops
// fields it does not know without a word; ParseProvisioningFile refuses them, so that a misspelt
// field cannot go unnoticed.
type ProvisioningFile struct {
	APIVersion    int                `yaml:"apiVersion"`
	Groups        []FileGroup        `yaml:"groups"`
	ContactPoints []FileContactPoint `yaml:"contactPoints"`
	Templates     []FileTemplate     `yaml:"templates"`
	Policies      []map[string]any   `yaml:"policies"`
	DeleteRules   []map[string]any   `yaml:"deleteRules"`
	ResetPolicies []int64            `yaml:"resetPolicies"`
	MuteTimes     []map[string]any   `yaml:"muteTimes"`
	Datasources   []FileDatasource   `yaml:"datasources"`
	Apps          []FileApp          `yaml:"apps"`
	DeleteDS      []map[string]any   `yaml:"deleteDatasources"`
}

// FileGroup is a rule group of a provisioning file.
type FileGroup struct {
	OrgID    int64      `yaml:"orgId"`
	Name     string     `yaml:"name"`
	Folder   string     `yaml:"folder"`
	Interval string     `yaml:"interval"`
	Rules    []FileRule `yaml:"rules"`
}

// FileRule is a rule of a provisioning file.
type FileRule struct {
	UID                         string            `yaml:"uid"`
	Title                       string            `yaml:"title"`
	Condition                   string            `yaml:"condition"`
	Data                        []map[string]any  `yaml:"data"`
	DashboardUID                string            `yaml:"dashboardUid"`
	PanelID                     int64             `yaml:"panelId"`
	NoDataState                 string            `yaml:"noDataState"`
	ExecErrState                string            `yaml:"execErrState"`
	For                         string            `yaml:"for"`
	KeepFiringFor               string            `yaml:"keepFiringFor"`
	Annotations                 map[string]string `yaml:"annotations"`
	Labels                      map[string]string `yaml:"labels"`
	IsPaused                    bool              `yaml:"isPaused"`
	Record                      map[string]any    `yaml:"record"`
	NotificationSettings        *FileNotification `yaml:"notification_settings"`
	MissingSeriesEvalsToResolve *int              `yaml:"missing_series_evals_to_resolve"`
}

// FileNotification is a rule's notification settings in a provisioning file.
type FileNotification struct {
	Receiver       string   `yaml:"receiver"`
	GroupBy        []string `yaml:"group_by"`
	GroupWait      string   `yaml:"group_wait"`
	GroupInterval  string   `yaml:"group_interval"`
	RepeatInterval string   `yaml:"repeat_interval"`
	MuteTimes      []string `yaml:"mute_time_intervals"`
	ActiveTimes    []string `yaml:"active_time_intervals"`
}

// FileContactPoint is a contact point of a provisioning file.
type FileContactPoint struct {
	OrgID     int64  `yaml:"orgId"`
	Name      string `yaml:"name"`
	Receivers []struct {
		UID                   string         `yaml:"uid"`
		Type                  string         `yaml:"type"`
		Settings              map[string]any `yaml:"settings"`
		DisableResolveMessage bool           `yaml:"disableResolveMessage"`
	} `yaml:"receivers"`
}

// FileTemplate is a notification template of a provisioning file.
type FileTemplate struct {
	OrgID    int64  `yaml:"orgId"`
	Name     string `yaml:"name"`
	Template string `yaml:"template"`
}

// FileDatasource is a datasource of a provisioning file.
type FileDatasource struct {
	Name            string         `yaml:"name"`
	UID             string         `yaml:"uid"`
	Type            string         `yaml:"type"`
	Access          string         `yaml:"access"`
	URL             string         `yaml:"url"`
	IsDefault       bool           `yaml:"isDefault"`
	Editable        bool           `yaml:"editable"`
	OrgID           int64          `yaml:"orgId"`
	User            string         `yaml:"user"`
	JSONData        map[string]any `yaml:"jsonData"`
	SecureJSONData  map[string]any `yaml:"secureJsonData"`
	BasicAuth       bool           `yaml:"basicAuth"`
	BasicAuthUser   string         `yaml:"basicAuthUser"`
	WithCredentials bool           `yaml:"withCredentials"`
	Database        string         `yaml:"database"`
	ReadOnly        bool           `yaml:"readOnly"`
	Version         int            `yaml:"version"`
	OrgName         string         `yaml:"orgName"`
}

// FileApp is an app plugin's settings in a provisioning file.
type FileApp struct {
	Type           string            `yaml:"type"`
	OrgID          int64             `yaml:"org_id"`
	OrgName        string            `yaml:"org_name"`
	Disabled       bool              `yaml:"disabled"`
	JSONData       map[string]any    `yaml:"jsonData"`
	SecureJSONData map[string]string `yaml:"secureJsonData"`
}

// ParseProvisioningFile reads one provisioning file, refusing fields Grafana does not know.
func ParseProvisioningFile(raw []byte) (ProvisioningFile, error) {
	var f ProvisioningFile
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return f, fmt.Errorf("%w (Grafana would drop unknown fields silently)", err)
	}
	if f.APIVersion != 1 {
		return f, fmt.Errorf("apiVersion must be 1")
	}
	return f, nil
}

var envReference = regexp.MustCompile(`\$\$|\$\{(\w+)\}|\$(\w+)`)

// expand interpolates $VAR and ${VAR} the way Grafana's provisioning values do; $$ is a $.
func (g *Grafana) expand(s string) string {
	return envReference.ReplaceAllStringFunc(s, func(m string) string {
		if m == "$$" {
			return "$"
		}
		name := strings.Trim(m, "${}")
		return g.opts.Env[name]
	})
}

func orgOrDefault(id int64) int64 {
	if id == 0 {
		return DefaultOrgID
	}
	return id
}

// LoadProvisioning reads a Grafana provisioning directory (alerting/, datasources/, plugins/)
// as Grafana does at start-up: alerting resources get provenance file, a rule group's folder is
// found by title or created with a generated uid (Grafana 12.x
// pkg/services/provisioning/alerting/rules_provisioner.go getOrCreateFolderByTitle), empty
// noDataState and execErrState default to NoData and Alerting, and settings, labels and
// datasource and plugin values are env-expanded. Datasources get no URL: add a server with
// AddDatasource.
func (g *Grafana) LoadProvisioning(dir string) error {
	var files []ProvisioningFile
	for _, sub := range []string{"datasources", "plugins", "alerting"} {
		paths, _ := filepath.Glob(filepath.Join(dir, sub, "*.yaml"))
		sort.Strings(paths)
		for _, p := range paths {
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			f, err := ParseProvisioningFile(raw)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			files = append(files, f)
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	// Grafana provisions datasources and plugins first, then templates, contact points, rules
	// and policies (pkg/services/provisioning/alerting/provisioner.go).
	for _, f := range files {
		for _, ds := range f.Datasources {
			g.org(orgOrDefault(ds.OrgID)).datasources[ds.UID] = &Datasource{UID: ds.UID, Name: ds.Name, Type: ds.Type}
		}
		for _, app := range f.Apps {
			if app.Type != g.pluginID {
				continue
			}
			secure := map[string]string{}
			for k, v := range app.SecureJSONData {
				secure[k] = g.expand(v)
			}
			g.updateSettings(g.org(orgOrDefault(app.OrgID)), settingsUpdate{Enabled: !app.Disabled, JSONData: mustJSON(orEmpty(app.JSONData)), SecureJSONData: secure})
		}
	}
	for _, f := range files {
		for _, t := range f.Templates {
			content, err := normaliseTemplate(t.Name, t.Template)
			if err != nil {
				return fmt.Errorf("template %s: %w", t.Name, err)
			}
			g.org(orgOrDefault(t.OrgID)).templates[t.Name] = &storedTemplate{content: content, provenance: ProvenanceFile}
		}
	}
	for _, f := range files {
		if err := g.loadContactPoints(f.ContactPoints); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := g.loadRuleGroups(f.Groups); err != nil {
			return err
		}
		for _, p := range f.Policies {
			// Each entry replaces the organisation's whole policy tree (notification_policy_provisioner.go).
			id, _ := p["orgId"].(int)
			delete(p, "orgId")
			g.org(orgOrDefault(int64(id))).policy = &storedPolicy{tree: mustJSON(p), provenance: ProvenanceFile}
		}
	}
	return nil
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func (g *Grafana) loadContactPoints(cps []FileContactPoint) error {
	for _, cp := range cps {
		o := g.org(orgOrDefault(cp.OrgID))
		for _, rcv := range cp.Receivers {
			settings := map[string]any{}
			for k, v := range rcv.Settings {
				if s, ok := v.(string); ok {
					v = g.expand(s)
				}
				settings[k] = v
			}
			plain, secure, err := splitSecure(rcv.Type, settings)
			if err != nil {
				return fmt.Errorf("contact point %s: %w", cp.Name, err)
			}
			if msg := validateIntegration(ContactPoint{UID: rcv.UID, Name: cp.Name, Type: rcv.Type}, plain, secure); msg != "" {
				return fmt.Errorf("contact point %s / %s: %s", cp.Name, rcv.UID, msg)
			}
			o.receivers[rcv.UID] = &storedIntegration{uid: rcv.UID, name: cp.Name, typ: rcv.Type, settings: plain, secure: secure,
				disableResolveMessage: rcv.DisableResolveMessage, provenance: ProvenanceFile}
		}
	}
	return nil
}

func (g *Grafana) loadRuleGroups(groups []FileGroup) error {
	for _, fg := range groups {
		o := g.org(orgOrDefault(fg.OrgID))
		folder := o.folderByTitle(fg.Folder, "")
		if folder == nil {
			folder = g.addFolder(o, "", fg.Folder, "")
		}
		interval, err := parseDuration(fg.Interval)
		if err != nil || interval <= 0 {
			return fmt.Errorf("group %s: interval %q", fg.Name, fg.Interval)
		}
		for i, fr := range fg.Rules {
			// rules_types.go: a file rule must carry its uid.
			if fr.UID == "" {
				return fmt.Errorf("rule %q of group %s: no UID set", fr.Title, fg.Name)
			}
			if fr.NoDataState == "" {
				fr.NoDataState = "NoData"
			}
			if fr.ExecErrState == "" {
				fr.ExecErrState = "Alerting"
			}
			labels := map[string]string{}
			for k, v := range fr.Labels {
				labels[k] = g.expand(v)
			}
			apiRule := map[string]any{
				"uid": fr.UID, "title": fr.Title, "condition": fr.Condition, "data": fr.Data,
				"noDataState": fr.NoDataState, "execErrState": fr.ExecErrState, "for": fr.For,
				"keep_firing_for": fr.KeepFiringFor, "labels": labels, "annotations": fr.Annotations, "isPaused": fr.IsPaused,
			}
			if fr.MissingSeriesEvalsToResolve != nil {
				apiRule["missingSeriesEvalsToResolve"] = *fr.MissingSeriesEvalsToResolve
			}
			if ns := fr.NotificationSettings; ns != nil {
				settings := map[string]any{"receiver": ns.Receiver}
				for k, v := range map[string]any{"group_by": ns.GroupBy, "mute_time_intervals": ns.MuteTimes, "active_time_intervals": ns.ActiveTimes} {
					if l, _ := v.([]string); len(l) > 0 {
						settings[k] = l
					}
				}
				for k, v := range map[string]string{"group_wait": ns.GroupWait, "group_interval": ns.GroupInterval, "repeat_interval": ns.RepeatInterval} {
					if v != "" {
						settings[k] = v
					}
				}
				apiRule["notification_settings"] = settings
			}
			var raw map[string]json.RawMessage
			var view ruleView
			_ = json.Unmarshal(mustJSON(apiRule), &raw)
			_ = json.Unmarshal(mustJSON(apiRule), &view)
			if msg := validateRule(o, view); msg != "" {
				return fmt.Errorf("rule %s of group %s: %s", fr.UID, fg.Name, msg)
			}
			o.rules[fr.UID] = &storedRule{fields: g.storedForm(raw, view, o.id, folder.UID, fg.Name), folderUID: folder.UID, group: fg.Name, index: i, provenance: ProvenanceFile}
		}
		o.intervals[groupKey{folder.UID, fg.Name}] = int64(interval.Seconds())
	}
	return nil
}
