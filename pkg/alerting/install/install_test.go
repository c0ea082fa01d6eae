package install

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
)

const token = "glsa_test_token"

var allDestinations = Destinations{
	OpsEmail: "ops@example.test", CriticalEmail: "critical@example.test",
	SlackToken: "xoxb-secret-slack", PagerDutyKey: "pd-secret-key", WebhookURL: "http://127.0.0.1:1/hook",
}

// fakeGrafana keeps alerting resources the way Grafana's provisioning API does and checks every
// request it gets; failOn makes one "METHOD path" answer with a status.
type fakeGrafana struct {
	t             *testing.T
	mu            sync.Mutex
	requests      []string
	folders       map[string]string
	templates     map[string]string
	contactPoints map[string]contactPoint
	groups        map[string]json.RawMessage
	failOn        map[string]int
}

func newFakeGrafana(t *testing.T) (*fakeGrafana, *httptest.Server) {
	f := &fakeGrafana{t: t, folders: map[string]string{}, templates: map[string]string{},
		contactPoints: map[string]contactPoint{}, groups: map[string]json.RawMessage{}, failOn: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeGrafana) writes() []string {
	var out []string
	for _, r := range f.requests {
		if !strings.HasPrefix(r, "GET ") {
			out = append(out, r)
		}
	}
	return out
}

func (f *fakeGrafana) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := r.Method + " " + r.URL.RequestURI()
	f.requests = append(f.requests, key)
	if got := r.Header.Get("Authorization"); got != "Bearer "+token {
		f.t.Errorf("%s: Authorization %q", key, got)
	}
	if r.Method != http.MethodGet {
		if r.Header.Get("X-Disable-Provenance") != "true" {
			f.t.Errorf("%s: without X-Disable-Provenance the resource would be read-only in the UI", key)
		}
		if r.Header.Get("Content-Type") != "application/json" {
			f.t.Errorf("%s: Content-Type %q", key, r.Header.Get("Content-Type"))
		}
	}
	if strings.Contains(r.URL.Path, "/policies") {
		f.t.Errorf("%s: the installer must never touch the notification policy tree", key)
	}
	if status, ok := f.failOn[key]; ok {
		w.WriteHeader(status)
		_, _ = fmt.Fprintf(w, `{"message":"refused by test"}`)
		return
	}
	body, _ := io.ReadAll(r.Body)
	path := r.URL.Path
	switch {
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/api/folders/"):
		if _, ok := f.folders[strings.TrimPrefix(path, "/api/folders/")]; !ok {
			http.NotFound(w, r)
		}
	case r.Method == http.MethodPost && path == "/api/folders":
		var b struct{ UID, Title string }
		f.decode(key, body, &b)
		if b.UID != alerting.FolderUID || b.Title != alerting.FolderTitle {
			f.t.Errorf("%s: folder %+v", key, b)
		}
		f.folders[b.UID] = b.Title
	case strings.HasPrefix(path, "/api/v1/provisioning/templates/"):
		f.serveTemplate(w, r, key, body)
	case path == "/api/v1/provisioning/contact-points" || strings.HasPrefix(path, "/api/v1/provisioning/contact-points/"):
		f.serveContactPoint(w, r, key, body)
	case strings.HasPrefix(path, "/api/v1/provisioning/folder/"+alerting.FolderUID+"/rule-groups/"):
		f.serveRuleGroup(w, r, key, body)
	default:
		f.t.Errorf("unexpected request %s", key)
		w.WriteHeader(http.StatusTeapot)
	}
}

func (f *fakeGrafana) decode(key string, body []byte, into any) {
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		f.t.Errorf("%s: body %s: %v", key, body, err)
	}
}

func (f *fakeGrafana) serveTemplate(w http.ResponseWriter, r *http.Request, key string, body []byte) {
	name := strings.TrimPrefix(r.URL.Path, "/api/v1/provisioning/templates/")
	if r.Method == http.MethodGet {
		t, ok := f.templates[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"name": name, "template": t, "version": "v1"})
		return
	}
	var b struct{ Template, Version string }
	f.decode(key, body, &b)
	f.templates[name] = b.Template
}

func (f *fakeGrafana) serveContactPoint(w http.ResponseWriter, r *http.Request, key string, body []byte) {
	if r.Method == http.MethodGet {
		name := r.URL.Query().Get("name")
		out := []contactPoint{}
		for _, cp := range f.contactPoints {
			if cp.Name == name {
				redacted := map[string]any{}
				for k, v := range cp.Settings {
					redacted[k] = v
				}
				for _, k := range []string{"token", "integrationKey", "url"} {
					if _, ok := redacted[k]; ok {
						redacted[k] = "[REDACTED]"
					}
				}
				out = append(out, contactPoint{UID: cp.UID, Name: cp.Name, Type: cp.Type, Settings: redacted})
			}
		}
		_ = json.NewEncoder(w).Encode(out)
		return
	}
	var cp contactPoint
	f.decode(key, body, &cp)
	if r.Method == http.MethodPut && cp.UID != strings.TrimPrefix(r.URL.Path, "/api/v1/provisioning/contact-points/") {
		f.t.Errorf("%s: uid %q in the body", key, cp.UID)
	}
	if len(cp.UID) > 40 {
		f.t.Errorf("%s: uid %q over 40 characters", key, cp.UID)
	}
	f.contactPoints[cp.UID] = cp
	w.WriteHeader(http.StatusAccepted)
	_, _ = w.Write(body)
}

func (f *fakeGrafana) serveRuleGroup(w http.ResponseWriter, r *http.Request, key string, body []byte) {
	name := strings.TrimPrefix(r.URL.Path, "/api/v1/provisioning/folder/"+alerting.FolderUID+"/rule-groups/")
	if r.Method == http.MethodGet {
		g, ok := f.groups[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(g)
		return
	}
	var g ruleGroup
	f.decode(key, body, &g)
	if g.Title != name || g.FolderUID != alerting.FolderUID || g.Interval%10 != 0 {
		f.t.Errorf("%s: group %q folder %q interval %d", key, g.Title, g.FolderUID, g.Interval)
	}
	for _, rule := range g.Rules {
		if _, ok := f.contactPointNamed(rule.NotificationSettings.Receiver); !ok {
			f.t.Errorf("%s: rule %s routes to missing contact point %q", key, rule.Title, rule.NotificationSettings.Receiver)
		}
	}
	f.groups[name] = body
}

func (f *fakeGrafana) contactPointNamed(name string) (contactPoint, bool) {
	for _, cp := range f.contactPoints {
		if cp.Name == name {
			return cp, true
		}
	}
	return contactPoint{}, false
}

func install(t *testing.T, srv *httptest.Server, dest Destinations, opts Options) (Result, error) {
	t.Helper()
	return Install(context.Background(), &grafanaapi.Client{BaseURL: srv.URL, Token: token}, alerting.Defaults(), "hexabase-prometheus", dest, opts)
}

func TestFirstInstallCreatesEverythingAndSecondChangesNothing(t *testing.T) {
	f, srv := newFakeGrafana(t)
	res, err := install(t, srv, allDestinations, Options{})
	if err != nil {
		t.Fatalf("Install() error = %v", err)
	}
	if res.Count(Created) != len(res.Changes) || res.Count(Created) == 0 {
		t.Fatalf("first run: %+v, want everything created", res.Changes)
	}
	if len(f.groups) != 3 || len(f.folders) != 1 || len(f.templates) != 1 {
		t.Fatalf("groups %d, folders %d, templates %d", len(f.groups), len(f.folders), len(f.templates))
	}
	// vClusterDown pages (PagerDuty, Slack #critical-alerts, email) and reaches #vcluster-ops and the webhook.
	if _, ok := f.contactPointNamed("Hexabase: webhook, critical, vCluster ops"); !ok {
		t.Fatal("no contact point for the vClusterDown route")
	}
	var types []string
	for _, c := range f.contactPoints {
		if c.Name == "Hexabase: webhook, critical, vCluster ops" {
			types = append(types, c.Type+":"+fmt.Sprint(c.Settings["recipient"]))
		}
	}
	if len(types) != 5 {
		t.Errorf("vClusterDown contact point integrations = %v, want webhook, 2 slack, email, pagerduty", types)
	}
	f.requests = nil
	res, err = install(t, srv, allDestinations, Options{})
	if err != nil {
		t.Fatalf("second Install() error = %v", err)
	}
	if res.Count(Unchanged) != len(res.Changes) {
		t.Fatalf("second run: %+v, want everything unchanged", res.Changes)
	}
	if w := f.writes(); len(w) != 0 {
		t.Fatalf("second run wrote %v", w)
	}
}

func TestChangedThresholdUpdatesOnlyItsGroup(t *testing.T) {
	f, srv := newFakeGrafana(t)
	if _, err := install(t, srv, allDestinations, Options{}); err != nil {
		t.Fatal(err)
	}
	f.requests = nil
	cfg := alerting.Defaults()
	cfg.QuotaRatio = 0.9
	res, err := Install(context.Background(), &grafanaapi.Client{BaseURL: srv.URL, Token: token}, cfg, "hexabase-prometheus", allDestinations, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"PUT /api/v1/provisioning/folder/hexabase-alerts/rule-groups/hexabase-business"}
	if got := f.writes(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("writes = %v, want %v", got, want)
	}
	if res.Count(Updated) != 1 {
		t.Fatalf("changes = %+v", res.Changes)
	}
}

func TestRotateSecretsRewritesIntegrationsWithSecrets(t *testing.T) {
	f, srv := newFakeGrafana(t)
	if _, err := install(t, srv, allDestinations, Options{}); err != nil {
		t.Fatal(err)
	}
	f.requests = nil
	rotated := allDestinations
	rotated.PagerDutyKey = "pd-new-key"
	if _, err := install(t, srv, rotated, Options{RotateSecrets: true}); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, cp := range f.contactPoints {
		found = found || cp.Settings["integrationKey"] == "pd-new-key"
	}
	if !found {
		t.Fatal("the new PagerDuty key was not written")
	}
	for _, w := range f.writes() {
		if !strings.HasPrefix(w, "PUT /api/v1/provisioning/contact-points/") {
			t.Errorf("rotation wrote %s", w)
		}
	}
}

func TestMissingDestinationsAreLeftOutAndReported(t *testing.T) {
	f, srv := newFakeGrafana(t)
	dest := allDestinations
	dest.PagerDutyKey = ""
	res, err := install(t, srv, dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || res.Notes[0] != `left out: pagerduty of "Hexabase critical": the PagerDuty integration key is not configured` {
		t.Fatalf("notes = %q", res.Notes)
	}
	for _, cp := range f.contactPoints {
		if cp.Type == "pagerduty" {
			t.Fatal("a PagerDuty integration without a key was created")
		}
	}
}

func TestNoDestinationAtAllWritesNothing(t *testing.T) {
	f, srv := newFakeGrafana(t)
	_, err := install(t, srv, Destinations{}, Options{})
	if err == nil || !strings.Contains(err.Error(), "would notify nobody") {
		t.Fatalf("Install() error = %v, want a refusal naming the unconfigured destinations", err)
	}
	if len(f.requests) != 0 {
		t.Fatalf("requests = %v, want none", f.requests)
	}
}

func TestGrafanaUnreachable(t *testing.T) {
	_, srv := newFakeGrafana(t)
	srv.Close()
	res, err := install(t, srv, allDestinations, Options{})
	if err == nil || !strings.Contains(err.Error(), "Grafana is unreachable") {
		t.Fatalf("Install() error = %v", err)
	}
	if res.Count(Failed) != 1 || res.Count(Skipped) != 3 || res.Changes[0].Kind != "folder" {
		t.Fatalf("changes = %+v, want the folder failed and the 3 rule groups skipped", res.Changes)
	}
}

func TestRefusedContactPointSkipsTheGroupsThatRouteToIt(t *testing.T) {
	f, srv := newFakeGrafana(t)
	f.failOn["POST /api/v1/provisioning/contact-points"] = http.StatusBadRequest
	res, err := install(t, srv, allDestinations, Options{})
	if err == nil || !strings.Contains(err.Error(), "Grafana answered 400: refused by test") {
		t.Fatalf("Install() error = %v", err)
	}
	if res.Count(Skipped) != 3 || len(f.groups) != 0 {
		t.Fatalf("changes = %+v; groups written %d", res.Changes, len(f.groups))
	}
	for _, c := range res.Changes {
		if c.Kind == "rule group" && !strings.HasPrefix(c.Detail, "its contact point Hexabase: ") {
			t.Errorf("%s skipped without naming the failed contact point: %q", c.Name, c.Detail)
		}
	}
}

func TestRefusedRuleGroupIsReportedAndTheOthersInstalled(t *testing.T) {
	f, srv := newFakeGrafana(t)
	f.failOn["PUT /api/v1/provisioning/folder/hexabase-alerts/rule-groups/hexabase-business"] = http.StatusForbidden
	res, err := install(t, srv, allDestinations, Options{})
	if err == nil || !strings.Contains(err.Error(), "rule group hexabase-business: PUT /api/v1/provisioning/folder/hexabase-alerts/rule-groups/hexabase-business: Grafana answered 403") {
		t.Fatalf("Install() error = %v", err)
	}
	if len(f.groups) != 2 || res.Count(Failed) != 1 {
		t.Fatalf("groups %d, changes %+v", len(f.groups), res.Changes)
	}
}

func TestResultNeverCarriesASecret(t *testing.T) {
	_, srv := newFakeGrafana(t)
	res, _ := install(t, srv, allDestinations, Options{})
	raw, _ := json.Marshal(res)
	for _, secret := range []string{allDestinations.SlackToken, allDestinations.PagerDutyKey, allDestinations.WebhookURL} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("result %s holds a secret", raw)
		}
	}
}

func TestConfiguredSlackChannelReplacesTheDesignsAndUpdatesOnlyItsIntegrations(t *testing.T) {
	f, srv := newFakeGrafana(t)
	if _, err := install(t, srv, allDestinations, Options{}); err != nil {
		t.Fatal(err)
	}
	f.requests = nil
	dest := allDestinations
	dest.SlackChannels = map[string]string{alerting.SlackVCluster: "#vc-oncall", alerting.SlackCritical: ""}
	if _, err := install(t, srv, dest, Options{}); err != nil {
		t.Fatal(err)
	}
	recipients := map[string]bool{}
	for _, c := range f.contactPoints {
		if c.Type == "slack" {
			recipients[fmt.Sprint(c.Settings["recipient"])] = true
		}
	}
	if !recipients["#vc-oncall"] || recipients["#vcluster-ops"] || !recipients["#critical-alerts"] || !recipients["#infrastructure"] {
		t.Fatalf("slack recipients = %v", recipients)
	}
	for _, w := range f.writes() {
		if !strings.Contains(w, "contact-points") {
			t.Errorf("a channel change wrote %s", w)
		}
	}
}
