package alerting

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"
)

// The file format as Grafana's provisioning reader declares it (pkg/services/provisioning/alerting),
// written independently of the renderer's types: decoding with KnownFields catches a field the
// renderer misspells, which Grafana would drop without a word.
type grafanaRulesFile struct {
	APIVersion int `yaml:"apiVersion"`
	Groups     []struct {
		OrgID    int    `yaml:"orgId"`
		Name     string `yaml:"name"`
		Folder   string `yaml:"folder"`
		Interval string `yaml:"interval"`
		Rules    []struct {
			UID       string `yaml:"uid"`
			Title     string `yaml:"title"`
			Condition string `yaml:"condition"`
			Data      []struct {
				RefID             string `yaml:"refId"`
				QueryType         string `yaml:"queryType"`
				RelativeTimeRange struct {
					From int `yaml:"from"`
					To   int `yaml:"to"`
				} `yaml:"relativeTimeRange"`
				DatasourceUID string         `yaml:"datasourceUid"`
				Model         map[string]any `yaml:"model"`
			} `yaml:"data"`
			DashboardUID                string            `yaml:"dashboardUid"`
			PanelID                     int               `yaml:"panelId"`
			NoDataState                 string            `yaml:"noDataState"`
			ExecErrState                string            `yaml:"execErrState"`
			For                         string            `yaml:"for"`
			KeepFiringFor               string            `yaml:"keepFiringFor"`
			MissingSeriesEvalsToResolve int               `yaml:"missing_series_evals_to_resolve"`
			Annotations                 map[string]string `yaml:"annotations"`
			Labels                      map[string]string `yaml:"labels"`
			IsPaused                    bool              `yaml:"isPaused"`
			NotificationSettings        map[string]any    `yaml:"notification_settings"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

type grafanaContactPointsFile struct {
	APIVersion    int `yaml:"apiVersion"`
	ContactPoints []struct {
		OrgID     int    `yaml:"orgId"`
		Name      string `yaml:"name"`
		Receivers []struct {
			UID                   string            `yaml:"uid"`
			Type                  string            `yaml:"type"`
			Settings              map[string]any    `yaml:"settings"`
			DisableResolveMessage bool              `yaml:"disableResolveMessage"`
			SecureSettings        map[string]string `yaml:"secureSettings"`
		} `yaml:"receivers"`
	} `yaml:"contactPoints"`
}

type grafanaTemplatesFile struct {
	APIVersion int `yaml:"apiVersion"`
	Templates  []struct {
		OrgID    int    `yaml:"orgId"`
		Name     string `yaml:"name"`
		Template string `yaml:"template"`
	} `yaml:"templates"`
}

type grafanaRoute struct {
	Receiver            string         `yaml:"receiver"`
	GroupBy             []string       `yaml:"group_by"`
	ObjectMatchers      [][]string     `yaml:"object_matchers"`
	Continue            bool           `yaml:"continue"`
	GroupWait           string         `yaml:"group_wait"`
	GroupInterval       string         `yaml:"group_interval"`
	RepeatInterval      string         `yaml:"repeat_interval"`
	MuteTimeIntervals   []string       `yaml:"mute_time_intervals"`
	ActiveTimeIntervals []string       `yaml:"active_time_intervals"`
	Routes              []grafanaRoute `yaml:"routes"`
}

type grafanaPoliciesFile struct {
	APIVersion int `yaml:"apiVersion"`
	Policies   []struct {
		OrgID        int `yaml:"orgId"`
		grafanaRoute `yaml:",inline"`
	} `yaml:"policies"`
}

func renderedFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := ProvisioningFiles(Defaults(), "hexabase-prometheus")
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func decodeStrict(t *testing.T, raw []byte, into any) {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(into); err != nil {
		t.Fatalf("Grafana would not read every field: %v", err)
	}
}

var grafanaUID = regexp.MustCompile(`^[a-zA-Z0-9\-_]{1,40}$`)

func TestRuleFileIsWhatGrafanaAccepts(t *testing.T) {
	var f grafanaRulesFile
	decodeStrict(t, renderedFiles(t)["provisioning/alerting/rules.yaml"], &f)
	if f.APIVersion != 1 || len(f.Groups) != 3 {
		t.Fatalf("apiVersion %d, %d groups; want 1 and 3", f.APIVersion, len(f.Groups))
	}
	seen := map[string]bool{}
	for _, g := range f.Groups {
		d, err := time.ParseDuration(g.Interval)
		if err != nil || d%(10*time.Second) != 0 || d <= 0 {
			t.Errorf("group %s: interval %q must be a positive multiple of 10s", g.Name, g.Interval)
		}
		if g.Folder != FolderTitle {
			t.Errorf("group %s: folder %q", g.Name, g.Folder)
		}
		for _, r := range g.Rules {
			if !grafanaUID.MatchString(r.UID) {
				t.Errorf("rule %s: uid %q must be 1-40 letters, digits, - or _", r.Title, r.UID)
			}
			if seen[r.UID] {
				t.Errorf("rule %s: duplicate uid %q", r.Title, r.UID)
			}
			seen[r.UID] = true
			// Grafana expands $VAR in titles and labels (not in annotations or query models).
			for _, v := range append([]string{r.Title, r.UID, r.Condition, g.Name, g.Folder}, valuesOf(r.Labels)...) {
				if strings.Contains(v, "$") {
					t.Errorf("rule %s: %q holds a $ that provisioning would expand", r.Title, v)
				}
			}
			if r.NoDataState != "OK" && r.NoDataState != "NoData" && r.NoDataState != "Alerting" {
				t.Errorf("rule %s: noDataState %q", r.Title, r.NoDataState)
			}
			if r.ExecErrState != "Error" {
				t.Errorf("rule %s: execErrState %q, want Error", r.Title, r.ExecErrState)
			}
			for _, k := range []string{"summary", "description", "runbook_url"} {
				if r.Annotations[k] == "" {
					t.Errorf("rule %s: no %s annotation", r.Title, k)
				}
			}
			if r.Labels["severity"] == "" || r.Labels["component"] == "" {
				t.Errorf("rule %s: labels %v need severity and component", r.Title, r.Labels)
			}
			if len(r.Data) != 2 || r.Data[0].DatasourceUID != "hexabase-prometheus" || r.Data[1].DatasourceUID != "__expr__" || r.Condition != "B" {
				t.Errorf("rule %s: want query A on hexabase-prometheus and threshold B as condition", r.Title)
			}
		}
	}
	if len(seen) != len(AllAlerts(Defaults())) {
		t.Errorf("%d rules provisioned, %d defined", len(seen), len(AllAlerts(Defaults())))
	}
}

func valuesOf(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

var envReference = regexp.MustCompile(`^\$\{HEXABASE_[A-Z_]+\}$`)

func TestContactPointFileIsWhatGrafanaAccepts(t *testing.T) {
	var f grafanaContactPointsFile
	decodeStrict(t, renderedFiles(t)["provisioning/alerting/contact-points.yaml"], &f)
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`{{ define "([^"]+)" }}`).FindAllStringSubmatch(MessageTemplates, -1) {
		defined[m[1]] = true
	}
	seen := map[string]bool{}
	for _, cp := range f.ContactPoints {
		for _, r := range cp.Receivers {
			if !grafanaUID.MatchString(r.UID) || seen[r.UID] {
				t.Errorf("%s: uid %q is invalid or duplicate", cp.Name, r.UID)
			}
			seen[r.UID] = true
			for k, v := range r.Settings {
				s := fmt.Sprint(v)
				if strings.Contains(s, "$") && !envReference.MatchString(s) {
					t.Errorf("%s %s.%s = %q: a $ other than one ${HEXABASE_*} reference would be expanded", cp.Name, r.Type, k, s)
				}
				for _, m := range regexp.MustCompile(`{{ template "([^"]+)" \. }}`).FindAllStringSubmatch(s, -1) {
					if !defined[m[1]] {
						t.Errorf("%s %s.%s uses undefined template %q", cp.Name, r.Type, k, m[1])
					}
				}
			}
		}
	}
	for _, name := range []string{ReceiverOperations, ReceiverCritical, ReceiverVCluster, ReceiverInfrastructure, ReceiverWebhook} {
		found := false
		for _, cp := range f.ContactPoints {
			found = found || cp.Name == name
		}
		if !found {
			t.Errorf("contact point %q is not provisioned", name)
		}
	}
}

func TestNoSecretIsWrittenIntoAFile(t *testing.T) {
	for path, raw := range renderedFiles(t) {
		for _, cp := range ContactPoints() {
			for _, in := range cp.Integrations {
				for key, env := range in.Secrets {
					if !bytes.Contains(raw, []byte(key+": ${"+env+"}")) && strings.Contains(path, "contact-points") {
						t.Errorf("%s: %s.%s is not read from $%s", path, in.Type, key, env)
					}
				}
			}
		}
	}
}

func TestPolicyAndTemplateFilesAreWhatGrafanaAccepts(t *testing.T) {
	files := renderedFiles(t)
	var p grafanaPoliciesFile
	decodeStrict(t, files["provisioning/alerting/policies.yaml"], &p)
	if len(p.Policies) != 1 || p.Policies[0].Receiver != ReceiverOperations || len(p.Policies[0].Routes) != 5 {
		t.Fatalf("policies = %+v", p.Policies)
	}
	for _, label := range p.Policies[0].GroupBy {
		if label != "alertname" && label != "cluster_id" && label != "workspace_id" {
			t.Errorf("group_by %q is not a label the rules carry", label)
		}
	}
	var tf grafanaTemplatesFile
	decodeStrict(t, files["provisioning/alerting/templates.yaml"], &tf)
	if len(tf.Templates) != 1 || tf.Templates[0].Template != MessageTemplates {
		t.Fatalf("templates = %+v", tf.Templates)
	}
	if strings.Contains(MessageTemplates, "$") {
		t.Error("message templates hold a $")
	}
}

// Grafana's notification data, as far as the templates use it.
type kv map[string]string

type pair struct{ Name, Value string }

func (m kv) SortedPairs() []pair {
	out := []pair{}
	for _, k := range sortedKeys(m) {
		out = append(out, pair{k, m[k]})
	}
	return out
}

type tmplAlert struct {
	Status      string
	Labels      kv
	Annotations kv
}

type tmplData struct {
	Status      string
	GroupLabels kv
	Alerts      []tmplAlert
}

func TestMessageTemplatesRenderTheDesignsMessages(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(MessageTemplates))
	data := tmplData{
		Status:      "firing",
		GroupLabels: kv{"alertname": "vClusterDown", "workspace_id": "ws-1"},
		Alerts: []tmplAlert{{
			Status:      "firing",
			Labels:      kv{"alertname": "vClusterDown", "severity": "critical", "workspace_id": "ws-1", "vcluster_name": "vc-a"},
			Annotations: kv{"summary": "vCluster vc-a is down", "description": "vCluster vc-a in workspace ws-1 is unhealthy or has stopped reporting.", "runbook_url": "https://example.test/runbooks#vclusterdown"},
		}},
	}
	render := func(name string, d tmplData) string {
		var b strings.Builder
		if err := tmpl.ExecuteTemplate(&b, name, d); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return b.String()
	}
	cases := map[string]string{
		"hexabase.email.subject":          "Hexabase Alert: vClusterDown",
		"hexabase.email.critical_subject": "CRITICAL: vClusterDown",
		"hexabase.slack.vcluster_title":   "vCluster Alert: vClusterDown",
		"hexabase.slack.vcluster_text":    "\n*vCluster:* vc-a\n*Workspace:* ws-1\n*Issue:* vCluster vc-a in workspace ws-1 is unhealthy or has stopped reporting.\n",
		"hexabase.email.message": "\nAlert: vCluster vc-a is down\nDescription: vCluster vc-a in workspace ws-1 is unhealthy or has stopped reporting.\n" +
			"Workspace: ws-1\nvCluster: vc-a\nStatus: firing\nRunbook: https://example.test/runbooks#vclusterdown\n" +
			"Labels: alertname=vClusterDown severity=critical vcluster_name=vc-a workspace_id=ws-1 \n",
		"hexabase.pagerduty.summary": "vClusterDown: vCluster vc-a is down",
	}
	for name, want := range cases {
		if got := render(name, data); got != want {
			t.Errorf("%s =\n%q\nwant\n%q", name, got, want)
		}
	}
	data.Status = "resolved"
	if got := render("hexabase.slack.critical_title", data); got != "[RESOLVED] Critical Alert: vClusterDown" {
		t.Errorf("resolved title = %q", got)
	}
}
