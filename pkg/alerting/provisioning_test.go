package alerting

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
)

func renderedFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := ProvisioningFiles(Defaults(), "hexabase-prometheus")
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// parse reads a rendered file as the Grafana double's provisioning reader does: a field Grafana
// does not know, which it would drop without a word, fails the test.
func parse(t *testing.T, raw []byte) grafanadouble.ProvisioningFile {
	t.Helper()
	f, err := grafanadouble.ParseProvisioningFile(raw)
	if err != nil {
		t.Fatalf("Grafana would not read every field: %v", err)
	}
	return f
}

var grafanaUID = regexp.MustCompile(`^[a-zA-Z0-9\-_]{1,40}$`)

func TestRuleFileIsWhatGrafanaAccepts(t *testing.T) {
	f := parse(t, renderedFiles(t)["provisioning/alerting/rules.yaml"])
	if f.APIVersion != 1 || len(f.Groups) != 4 {
		t.Fatalf("apiVersion %d, %d groups; want 1 and 4", f.APIVersion, len(f.Groups))
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
			if len(r.Data) != 2 || r.Data[0]["datasourceUid"] != "hexabase-prometheus" || r.Data[1]["datasourceUid"] != "__expr__" || r.Condition != "B" {
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
	f := parse(t, renderedFiles(t)["provisioning/alerting/contact-points.yaml"])
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
	provisioned := map[string]bool{}
	for _, cp := range f.ContactPoints {
		provisioned[cp.Name] = true
	}
	reached := map[string]bool{}
	for _, d := range Deliveries(Defaults()) {
		if !provisioned[d.Name] {
			t.Errorf("delivery %q is not provisioned", d.Name)
		}
		for _, r := range d.Receivers {
			reached[r] = true
		}
	}
	for _, name := range []string{ReceiverOperations, ReceiverCritical, ReceiverVCluster, ReceiverInfrastructure, ReceiverWebhook} {
		if !reached[name] {
			t.Errorf("no rule reaches the receiver %q", name)
		}
	}
}

func TestNoSecretIsWrittenIntoAFile(t *testing.T) {
	for path, raw := range renderedFiles(t) {
		for _, cp := range ContactPoints() {
			for _, in := range cp.Integrations {
				for key, env := range in.Values {
					if !bytes.Contains(raw, []byte(key+": ${"+env+"}")) && strings.Contains(path, "contact-points") {
						t.Errorf("%s: %s.%s is not read from $%s", path, in.Type, key, env)
					}
				}
			}
		}
	}
}

func TestTemplateFileIsWhatGrafanaAcceptsAndNoPolicyTreeIsProvisioned(t *testing.T) {
	files := renderedFiles(t)
	if _, ok := files["provisioning/alerting/policies.yaml"]; ok {
		t.Fatal("a provisioned policy tree replaces and locks the user's whole tree: rules route by their own notification settings")
	}
	tf := parse(t, files["provisioning/alerting/templates.yaml"])
	if len(tf.Templates) != 1 || tf.Templates[0].Template != MessageTemplates {
		t.Fatalf("templates = %+v", tf.Templates)
	}
	if strings.Contains(MessageTemplates, "$") {
		t.Error("message templates hold a $")
	}
}

func TestEveryProvisionedRuleRoutesToAProvisionedDelivery(t *testing.T) {
	files := renderedFiles(t)
	rf := parse(t, files["provisioning/alerting/rules.yaml"])
	cf := parse(t, files["provisioning/alerting/contact-points.yaml"])
	delivered := map[string][]string{}
	for _, cp := range cf.ContactPoints {
		for _, r := range cp.Receivers {
			delivered[cp.Name] = append(delivered[cp.Name], r.Type)
		}
	}
	for _, g := range rf.Groups {
		for _, r := range g.Rules {
			if r.NotificationSettings == nil || len(delivered[r.NotificationSettings.Receiver]) == 0 {
				t.Errorf("rule %s routes to %+v, which no contact point provides", r.Title, r.NotificationSettings)
				continue
			}
			if gb := fmt.Sprint(r.NotificationSettings.GroupBy); !strings.Contains(gb, "alertname") || !strings.Contains(gb, "grafana_folder") {
				t.Errorf("rule %s groups by %s: Grafana requires alertname and grafana_folder", r.Title, gb)
			}
		}
	}
	if got := delivered["Hexabase: webhook, critical, vCluster ops"]; strings.Join(got, ",") != "webhook,slack,email,pagerduty,slack" {
		t.Errorf("vClusterDown's delivery = %v, want the webhook, the critical Slack, email and PagerDuty, and #vcluster-ops", got)
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
