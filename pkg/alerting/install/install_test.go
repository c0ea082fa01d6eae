package install

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
)

var allDestinations = Destinations{
	OpsEmail: "ops@example.test", CriticalEmail: "critical@example.test",
	SlackToken: "xoxb-secret-slack", PagerDutyKey: "pd-secret-key", WebhookURL: "http://127.0.0.1:1/hook",
}

// grafana starts the Grafana double with the app's plugin.json: the installer acts with exactly
// the permissions the app's service account holds in a real Grafana.
func grafana(t *testing.T) *grafanadouble.Grafana {
	t.Helper()
	g, err := grafanadouble.Start(grafanadouble.Options{PluginJSON: "../../../src/plugin.json", ExternalServiceAccounts: true, ManagedServiceAccounts: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus"})
	return g
}

func run(t *testing.T, g *grafanadouble.Grafana, cfg alerting.Config, dest Destinations, opts Options) (Result, error) {
	t.Helper()
	opts.OrgID = 1
	c := &grafanaapi.Client{BaseURL: g.URL, Token: g.ServiceAccountToken()}
	return Install(context.Background(), c, cfg, "hexabase-prometheus", dest, opts)
}

func install(t *testing.T, g *grafanadouble.Grafana, dest Destinations, opts Options) (Result, error) {
	t.Helper()
	return run(t, g, alerting.Defaults(), dest, opts)
}

func writes(g *grafanadouble.Grafana) []string {
	var out []string
	for _, r := range g.Requests() {
		if r.Method != http.MethodGet {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

func mustInstall(t *testing.T, g *grafanadouble.Grafana, dest Destinations, opts Options) Result {
	t.Helper()
	res, err := install(t, g, dest, opts)
	if err != nil {
		t.Fatalf("Install() error = %v; changes %+v", err, res.Changes)
	}
	return res
}

func TestFirstInstallCreatesEverythingAndSecondChangesNothing(t *testing.T) {
	g := grafana(t)
	res := mustInstall(t, g, allDestinations, Options{})
	if res.Count(Created) != len(res.Changes) || res.Count(Created) == 0 {
		t.Fatalf("first run: %+v, want everything created", res.Changes)
	}
	folders := g.Folders(1)
	if len(folders) != 1 || folders[0].UID != alerting.FolderUID {
		t.Fatalf("folders = %+v", folders)
	}
	types := map[string][]string{}
	for _, c := range g.StoredContactPoints(1) {
		types[c.Name] = append(types[c.Name], c.Type+":"+fmt.Sprint(c.Settings["recipient"]))
	}
	// vClusterDown pages (PagerDuty, Slack #critical-alerts, email) and reaches #vcluster-ops and the webhook.
	if got := types["Hexabase: webhook, critical, vCluster ops"]; len(got) != 5 {
		t.Errorf("vClusterDown contact point integrations = %v, want webhook, 2 slack, email, pagerduty", got)
	}
	g.ResetRequests()
	res = mustInstall(t, g, allDestinations, Options{})
	if res.Count(Unchanged) != len(res.Changes) {
		t.Fatalf("second run: %+v, want everything unchanged", res.Changes)
	}
	if w := writes(g); len(w) != 0 {
		t.Fatalf("second run wrote %v", w)
	}
}

func TestTheTemplateIsComparedAsGrafanaStoresIt(t *testing.T) {
	g := grafana(t)
	mustInstall(t, g, allDestinations, Options{})
	if stored := g.Templates(1)[alerting.TemplateGroupName]; stored != strings.TrimSpace(alerting.MessageTemplates) {
		t.Fatalf("stored template differs from the trimmed source:\n%q", stored)
	}
	for _, c := range mustInstall(t, g, allDestinations, Options{}).Changes {
		if c.Kind == "template" && c.Action != Unchanged {
			t.Fatalf("template %s on a second run: Grafana trims templates, so trimmed content must be compared", c.Action)
		}
	}
}

func TestAChangedEmailAddressIsApplied(t *testing.T) {
	g := grafana(t)
	mustInstall(t, g, allDestinations, Options{})
	changed := allDestinations
	changed.OpsEmail = "ops-team@example.test"
	res := mustInstall(t, g, changed, Options{})
	if res.Count(Updated) == 0 {
		t.Fatalf("changes = %+v: an email address is a plain setting Grafana returns, so a new one must be written", res.Changes)
	}
	found := false
	for _, c := range g.StoredContactPoints(1) {
		found = found || c.Settings["addresses"] == "ops-team@example.test"
	}
	if !found {
		t.Fatal("the new address was not stored")
	}
}

func TestChangedThresholdUpdatesOnlyItsGroup(t *testing.T) {
	g := grafana(t)
	mustInstall(t, g, allDestinations, Options{})
	g.ResetRequests()
	cfg := alerting.Defaults()
	cfg.DeployFailureRatio = 0.4
	res, err := run(t, g, cfg, allDestinations, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"PUT /api/v1/provisioning/folder/hexabase-alerts/rule-groups/hexabase-business"}
	if got := writes(g); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("writes = %v, want %v", got, want)
	}
	if res.Count(Updated) != 1 {
		t.Fatalf("changes = %+v", res.Changes)
	}
}

func TestRotateSecretsRewritesIntegrationsWithSecrets(t *testing.T) {
	g := grafana(t)
	mustInstall(t, g, allDestinations, Options{})
	g.ResetRequests()
	rotated := allDestinations
	rotated.PagerDutyKey = "pd-new-key"
	mustInstall(t, g, rotated, Options{RotateSecrets: true})
	found := false
	for _, cp := range g.StoredContactPoints(1) {
		found = found || cp.Settings["integrationKey"] == "pd-new-key"
	}
	if !found {
		t.Fatal("the new PagerDuty key was not written")
	}
	for _, w := range writes(g) {
		if !strings.HasPrefix(w, "PUT /api/v1/provisioning/contact-points/") {
			t.Errorf("rotation wrote %s", w)
		}
	}
}

func TestMissingDestinationsAreLeftOutAndReported(t *testing.T) {
	g := grafana(t)
	dest := allDestinations
	dest.PagerDutyKey = ""
	res := mustInstall(t, g, dest, Options{})
	if len(res.Notes) != 1 || res.Notes[0] != `left out: pagerduty of "Hexabase critical": the PagerDuty integration key is not configured` {
		t.Fatalf("notes = %q", res.Notes)
	}
	for _, cp := range g.StoredContactPoints(1) {
		if cp.Type == "pagerduty" {
			t.Fatal("a PagerDuty integration without a key was created")
		}
	}
}

func TestNoDestinationAtAllWritesNothing(t *testing.T) {
	g := grafana(t)
	_, err := install(t, g, Destinations{}, Options{})
	if err == nil || !strings.Contains(err.Error(), "would notify nobody") {
		t.Fatalf("Install() error = %v, want a refusal naming the unconfigured destinations", err)
	}
	if r := g.Requests(); len(r) != 0 {
		t.Fatalf("requests = %v, want none", r)
	}
}

func TestGrafanaUnreachable(t *testing.T) {
	g := grafana(t)
	g.Close()
	res, err := install(t, g, allDestinations, Options{})
	if err == nil || !strings.Contains(err.Error(), "Grafana is unreachable") {
		t.Fatalf("Install() error = %v", err)
	}
	if res.Count(Failed) != 1 || res.Count(Skipped) != alertGroups() {
		t.Fatalf("changes = %+v, want the lookup failed and the %d rule groups skipped", res.Changes, alertGroups())
	}
}

func TestRefusedContactPointSkipsTheGroupsThatRouteToIt(t *testing.T) {
	g := grafana(t)
	g.Fail(http.MethodPost, "/api/v1/provisioning/contact-points", http.StatusBadRequest, "refused by test")
	res, err := install(t, g, allDestinations, Options{})
	if err == nil || !strings.Contains(err.Error(), "Grafana answered 400: refused by test") {
		t.Fatalf("Install() error = %v", err)
	}
	if res.Count(Skipped) != alertGroups() {
		t.Fatalf("changes = %+v", res.Changes)
	}
	for _, c := range res.Changes {
		if c.Kind == "rule group" && !strings.HasPrefix(c.Detail, "its contact point Hexabase: ") {
			t.Errorf("%s skipped without naming the failed contact point: %q", c.Name, c.Detail)
		}
	}
}

func TestRefusedRuleGroupIsReportedAndTheOthersInstalled(t *testing.T) {
	g := grafana(t)
	g.Fail(http.MethodPut, "/api/v1/provisioning/folder/hexabase-alerts/rule-groups/hexabase-business", http.StatusForbidden, "refused by test")
	res, err := install(t, g, allDestinations, Options{})
	if err == nil || !strings.Contains(err.Error(), "rule group hexabase-business: PUT /api/v1/provisioning/folder/hexabase-alerts/rule-groups/hexabase-business: Grafana answered 403") {
		t.Fatalf("Install() error = %v", err)
	}
	if res.Count(Failed) != 1 || res.Count(Created) == 0 {
		t.Fatalf("changes %+v", res.Changes)
	}
}

func TestResultNeverCarriesASecret(t *testing.T) {
	g := grafana(t)
	res, _ := install(t, g, allDestinations, Options{})
	raw, _ := json.Marshal(res)
	for _, secret := range []string{allDestinations.SlackToken, allDestinations.PagerDutyKey, allDestinations.WebhookURL} {
		if strings.Contains(string(raw), secret) {
			t.Errorf("result %s holds a secret", raw)
		}
	}
}

func TestConfiguredSlackChannelReplacesTheDesignsAndUpdatesOnlyItsIntegrations(t *testing.T) {
	g := grafana(t)
	mustInstall(t, g, allDestinations, Options{})
	g.ResetRequests()
	dest := allDestinations
	dest.SlackChannels = map[string]string{alerting.SlackVCluster: "#vc-oncall", alerting.SlackCritical: ""}
	mustInstall(t, g, dest, Options{})
	recipients := map[string]bool{}
	for _, c := range g.StoredContactPoints(1) {
		if c.Type == "slack" {
			recipients[fmt.Sprint(c.Settings["recipient"])] = true
		}
	}
	if !recipients["#vc-oncall"] || recipients["#vcluster-ops"] || !recipients["#critical-alerts"] || !recipients["#infrastructure"] {
		t.Fatalf("slack recipients = %v", recipients)
	}
	for _, w := range writes(g) {
		if !strings.Contains(w, "contact-points") {
			t.Errorf("a channel change wrote %s", w)
		}
	}
}

func TestTheInstallerNeverTouchesTheNotificationPolicyTree(t *testing.T) {
	g := grafana(t)
	mustInstall(t, g, allDestinations, Options{})
	for _, r := range g.Requests() {
		if strings.Contains(r.Path, "/policies") {
			t.Errorf("%s %s", r.Method, r.Path)
		}
	}
	if _, replaced := g.PolicyProvenance(1); replaced {
		t.Error("the policy tree was replaced")
	}
}

// On the dev instance, which provisions the same alerting from provisioning/, nothing can be
// changed through the API: the installer says so instead of failing.
func TestAlertingProvisionedFromFilesIsLeftAlone(t *testing.T) {
	g, err := grafanadouble.Start(grafanadouble.Options{PluginJSON: "../../../src/plugin.json", ExternalServiceAccounts: true,
		ManagedServiceAccounts: true, Env: devInstanceEnv(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	if err := g.LoadProvisioning("../../../provisioning"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		g.ResetRequests()
		res := mustInstall(t, g, allDestinations, Options{})
		if res.Count(Provisioned) != alertGroups() || res.Count(Failed) != 0 {
			t.Fatalf("run %d: changes %+v", i+1, res.Changes)
		}
		if w := writes(g); len(w) != 0 {
			t.Fatalf("run %d wrote %v", i+1, w)
		}
	}
	if len(g.Folders(1)) != 1 {
		t.Fatalf("folders = %+v: no second Hexabase folder may be created next to the provisioned one", g.Folders(1))
	}
}

// devInstanceEnv is the environment docker-compose.yaml gives the dev instance's Grafana, with
// the defaults it falls back to.
func devInstanceEnv(t *testing.T) map[string]string {
	t.Helper()
	raw, err := os.ReadFile("../../../docker-compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]struct {
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	if err := yaml.Unmarshal(raw, &compose); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	fallback := regexp.MustCompile(`^\$\{\w+:-(.*)\}$`)
	for k, v := range compose.Services["grafana"].Environment {
		if m := fallback.FindStringSubmatch(v); m != nil {
			v = m[1]
		}
		env[k] = v
	}
	return env
}

func storedRule(t *testing.T, g *grafanadouble.Grafana, group, uid string) map[string]any {
	t.Helper()
	_, rules := g.RuleGroup(1, alerting.FolderUID, group)
	for _, r := range rules {
		if r["uid"] == uid {
			return r
		}
	}
	t.Fatalf("no rule %s in %s", uid, group)
	return nil
}

func setThreshold(rule map[string]any, v float64) {
	model := rule["data"].([]any)[1].(map[string]any)["model"].(map[string]any)
	model["conditions"].([]any)[0].(map[string]any)["evaluator"].(map[string]any)["params"] = []any{v}
}

func thresholdOf(rule map[string]any) any {
	model := rule["data"].([]any)[1].(map[string]any)["model"].(map[string]any)
	return model["conditions"].([]any)[0].(map[string]any)["evaluator"].(map[string]any)["params"].([]any)[0]
}

func TestAThresholdEditedInGrafanaIsKeptUnlessOverwritten(t *testing.T) {
	g := grafana(t)
	mustInstall(t, g, allDestinations, Options{})
	if err := g.EditRule(1, "hexabase-high-error-rate", func(r map[string]any) { setThreshold(r, 0.08) }); err != nil {
		t.Fatal(err)
	}
	res := mustInstall(t, g, allDestinations, Options{})
	var group Change
	for _, c := range res.Changes {
		if c.Name == alerting.GroupApplications {
			group = c
		}
	}
	if group.Action != Kept || !strings.Contains(group.Detail, "HighErrorRate (threshold 0.08 (the app's 0.05))") {
		t.Fatalf("group change = %+v", group)
	}
	if v := thresholdOf(storedRule(t, g, alerting.GroupApplications, "hexabase-high-error-rate")); v != 0.08 {
		t.Fatalf("threshold after reinstall = %v, want the operator's 0.08", v)
	}
	// A new app version still updates the rules nobody edited in the same group.
	cfg := alerting.Defaults()
	cfg.LatencyP95Seconds = 3
	if _, err := run(t, g, cfg, allDestinations, Options{}); err != nil {
		t.Fatal(err)
	}
	if v := thresholdOf(storedRule(t, g, alerting.GroupApplications, "hexabase-slow-response-time")); v != float64(3) {
		t.Fatalf("unedited SlowResponseTime threshold = %v, want 3", v)
	}
	if v := thresholdOf(storedRule(t, g, alerting.GroupApplications, "hexabase-high-error-rate")); v != 0.08 {
		t.Fatalf("edited HighErrorRate threshold = %v after an update of its group", v)
	}
	mustInstall(t, g, allDestinations, Options{Overwrite: true})
	if v := thresholdOf(storedRule(t, g, alerting.GroupApplications, "hexabase-high-error-rate")); v != 0.05 {
		t.Fatalf("threshold after an overwrite = %v, want 0.05", v)
	}
}

func TestARuleAnOperatorAddedToAnAppGroupIsKept(t *testing.T) {
	g := grafana(t)
	mustInstall(t, g, allDestinations, Options{})
	_, rules := g.RuleGroup(1, alerting.FolderUID, alerting.GroupBusiness)
	extra := map[string]any{}
	raw, _ := json.Marshal(rules[0])
	_ = json.Unmarshal(raw, &extra)
	extra["uid"], extra["title"] = "operator-own-rule", "OperatorOwnRule"
	delete(extra["annotations"].(map[string]any), FingerprintAnnotation)
	body := map[string]any{"interval": 60, "rules": append(append([]map[string]any{}, rules...), extra)}
	admin := &grafanaapi.Client{BaseURL: g.URL, Token: g.UserToken(1, "Admin")}
	if err := admin.Do(context.Background(), http.MethodPut, "/api/v1/provisioning/folder/hexabase-alerts/rule-groups/"+alerting.GroupBusiness, body, nil); err != nil {
		t.Fatal(err)
	}
	cfg := alerting.Defaults()
	cfg.QuotaRatio = 0.9
	if _, err := run(t, g, cfg, allDestinations, Options{}); err != nil {
		t.Fatal(err)
	}
	storedRule(t, g, alerting.GroupBusiness, "operator-own-rule")
	if v := thresholdOf(storedRule(t, g, alerting.GroupBusiness, "hexabase-resource-quota-exceeded")); v != 0.9 {
		t.Fatalf("the app's rule was not updated next to the operator's: %v", v)
	}
}

func groupChange(res Result, group string) Change {
	for _, c := range res.Changes {
		if c.Kind == "rule group" && c.Name == group {
			return c
		}
	}
	return Change{}
}

func TestANewIntervalOfTheAppIsAppliedAndAnOperatorsIsKept(t *testing.T) {
	g := grafana(t)
	mustInstall(t, g, allDestinations, Options{})
	cfg := alerting.Defaults()
	cfg.EvaluationInterval = 2 * time.Minute
	if _, err := run(t, g, cfg, allDestinations, Options{}); err != nil {
		t.Fatal(err)
	}
	if interval, _ := g.RuleGroup(1, alerting.FolderUID, alerting.GroupApplications); interval != 120 {
		t.Fatalf("interval = %d: the app changed it and nobody else had", interval)
	}
	admin := &grafanaapi.Client{BaseURL: g.URL, Token: g.UserToken(1, "Admin")}
	if err := admin.Do(context.Background(), http.MethodPut, "/api/v1/provisioning/folder/hexabase-alerts/rule-groups/"+alerting.GroupApplications, map[string]any{"interval": 300}, nil); err != nil {
		t.Fatal(err)
	}
	cfg.EvaluationInterval = time.Minute
	res, err := run(t, g, cfg, allDestinations, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c := groupChange(res, alerting.GroupApplications); !strings.Contains(c.Detail, "evaluation interval 300s (the app's is 60s)") {
		t.Fatalf("change = %+v", c)
	}
	if interval, _ := g.RuleGroup(1, alerting.FolderUID, alerting.GroupApplications); interval != 300 {
		t.Fatalf("interval = %d, want the operator's 300", interval)
	}
	if interval, _ := g.RuleGroup(1, alerting.FolderUID, alerting.GroupBusiness); interval != 60 {
		t.Fatalf("business interval = %d, want the app's new 60", interval)
	}
}

func TestMuteTimingsSetInGrafanaAreKept(t *testing.T) {
	g := grafana(t)
	mustInstall(t, g, allDestinations, Options{})
	if err := g.EditRule(1, "hexabase-quota-exceeded-placeholder", func(map[string]any) {}); err == nil {
		t.Fatal("EditRule of an unknown rule must fail")
	}
	if err := g.EditRule(1, "hexabase-resource-quota-exceeded", func(r map[string]any) {
		r["notification_settings"].(map[string]any)["mute_time_intervals"] = []any{"weekends"}
	}); err != nil {
		t.Fatal(err)
	}
	cfg := alerting.Defaults()
	cfg.QuotaRatio = 0.9
	res, err := run(t, g, cfg, allDestinations, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c := groupChange(res, alerting.GroupBusiness); c.Action != Kept || !strings.Contains(c.Detail, "ResourceQuotaExceeded (threshold 0.95 (the app's 0.9), annotations, notification settings)") {
		t.Fatalf("change = %+v", c)
	}
	ns := storedRule(t, g, alerting.GroupBusiness, "hexabase-resource-quota-exceeded")["notification_settings"].(map[string]any)
	if fmt.Sprint(ns["mute_time_intervals"]) != "[weekends]" {
		t.Fatalf("notification settings = %v", ns)
	}
}

func TestARuleTheAppNoLongerHasIsRemovedUnlessChangedInGrafana(t *testing.T) {
	g := grafana(t)
	mustInstall(t, g, allDestinations, Options{})
	_, rules := g.RuleGroup(1, alerting.FolderUID, alerting.GroupBusiness)
	var stale rule
	raw, _ := json.Marshal(rules[0])
	_ = json.Unmarshal(raw, &stale)
	stale.UID, stale.Title = "hexabase-retired-rule", "RetiredRule"
	stale = withFingerprint(stale, 60) // as an earlier version of the app installed it
	admin := &grafanaapi.Client{BaseURL: g.URL, Token: g.UserToken(1, "Admin")}
	body := map[string]any{"interval": 60, "rules": append(append([]any{}, anySlice(rules)...), stale)}
	if err := admin.Do(context.Background(), http.MethodPut, "/api/v1/provisioning/folder/hexabase-alerts/rule-groups/"+alerting.GroupBusiness, body, nil); err != nil {
		t.Fatal(err)
	}
	res := mustInstall(t, g, allDestinations, Options{})
	if c := groupChange(res, alerting.GroupBusiness); c.Action != Updated || !strings.Contains(c.Detail, "no longer part of the app, removed: RetiredRule") {
		t.Fatalf("change = %+v", c)
	}
	if _, ok := g.RuleProvenance(1, "hexabase-retired-rule"); ok {
		t.Fatal("the retired rule is still there")
	}
}

func anySlice(rules []map[string]any) []any {
	out := make([]any, len(rules))
	for i, r := range rules {
		out[i] = r
	}
	return out
}

func TestAlertingManagedByAnotherAPIClientIsLeftAlone(t *testing.T) {
	g := grafana(t)
	// Without X-Disable-Provenance, as Terraform writes: provenance api.
	req, _ := http.NewRequest(http.MethodPut, g.URL+"/api/v1/provisioning/templates/"+alerting.TemplateGroupName,
		strings.NewReader(`{"template":"{{ define \"hexabase.other\" }}x{{ end }}"}`))
	req.Header.Set("Authorization", "Bearer "+g.UserToken(1, "Admin"))
	req.Header.Set("Content-Type", "application/json")
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusAccepted {
		t.Fatalf("template by another tool: %v %v", res, err)
	}
	res := mustInstall(t, g, allDestinations, Options{})
	var tmpl Change
	for _, c := range res.Changes {
		if c.Kind == "template" {
			tmpl = c
		}
	}
	if tmpl.Action != Provisioned || !strings.Contains(tmpl.Detail, "provenance api") || res.Count(Created) == 0 {
		t.Fatalf("changes = %+v", res.Changes)
	}
}

// alertGroups counts the groups of the app that hold alerts: each is one Grafana rule group.
func alertGroups() int {
	n := 0
	for _, g := range alerting.Groups(alerting.Defaults()) {
		if len(g.Alerts) > 0 {
			n++
		}
	}
	return n
}
