package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

func validateRequest(role, body string) *backend.CallResourceRequest {
	pc := backend.PluginContext{PluginID: PluginID}
	if role != "" {
		pc.User = &backend.User{Login: "u", Role: role}
	}
	return &backend.CallResourceRequest{PluginContext: pc, Method: http.MethodPost, Path: "settings/validate", URL: "settings/validate", Body: []byte(body)}
}

func TestValidateSettingsNeedsAnAdmin(t *testing.T) {
	for _, role := range []string{"", "Viewer", "Editor"} {
		status, body := send(t, newTestApp(t, `{}`), validateRequest(role, `{"jsonData":{}}`))
		if status != http.StatusForbidden || body["error"] != "only an Admin can change the app's settings" {
			t.Errorf("role %q: %d %v", role, status, body)
		}
	}
}

func TestValidateSettingsAcceptsValidSettings(t *testing.T) {
	body := `{"jsonData":{"plans":{"dedicated":{"scrapeInterval":"20s","thresholds":{"errorRatio":0.02,"latencyP95Seconds":1.5}}},
		"workspaces":[{"id":"ws-0001","clusterId":"cluster-a","plan":"dedicated"}]},"secureJsonData":{"webhookUrl":"https://hooks.example.test/x?token=1"}}`
	if status, got := send(t, newTestApp(t, `{}`), validateRequest("Admin", body)); status != http.StatusOK || got["valid"] != true {
		t.Fatalf("%d %v", status, got)
	}
}

// Every kind of bad input is refused with 400, naming the field and the rule.
func TestValidateSettingsRefusesBadInput(t *testing.T) {
	ws := func(id, cluster, plan string) string {
		return fmt.Sprintf(`{"jsonData":{"workspaces":[{"id":%q,"clusterId":%q,"plan":%q}]}}`, id, cluster, plan)
	}
	plan := func(name, fields string) string { return `{"jsonData":{"plans":{"` + name + `":{` + fields + `}}}}` }
	oversized := `{"jsonData":{"workspaces":[` + strings.Repeat(`{"id":"ws-0001","clusterId":"cluster-a","plan":"shared"},`, 50000) + `{}]}}`
	tooMany := make([]string, settings.MaxManualWorkspaces+1)
	for i := range tooMany {
		tooMany[i] = fmt.Sprintf(`{"id":"w%d","clusterId":"c","plan":"shared"}`, i)
	}
	cases := []struct {
		name, body, field, rule string
	}{
		{"upper-case id", ws("WS-1", "cluster-a", "shared"), "workspaces[0].id", agentconfig.IDRule},
		{"id with a quote", ws(`ws"1`, "cluster-a", "shared"), "workspaces[0].id", agentconfig.IDRule},
		{"id with a newline", ws("ws-1\nkind: Secret", "cluster-a", "shared"), "workspaces[0].id", agentconfig.IDRule},
		{"id of 64 characters", ws(strings.Repeat("a", 64), "cluster-a", "shared"), "workspaces[0].id", agentconfig.IDRule},
		{"cluster id with YAML", ws("ws-1", "{a: b}", "shared"), "workspaces[0].clusterId", agentconfig.IDRule},
		{"unknown plan of a workspace", ws("ws-1", "cluster-a", "gold"), "workspaces[0].plan", agentconfig.PlanRule},
		{"duplicate workspaces", `{"jsonData":{"workspaces":[{"id":"ws-1","clusterId":"c","plan":"shared"},{"id":"ws-1","clusterId":"d","plan":"dedicated"}]}}`, "workspaces[1].id", "is already the id of another workspace"},
		{"unknown plan", plan("gold", ""), "plans.gold", "is not a plan (shared or dedicated)"},
		{"interval that is no duration", plan("shared", `"scrapeInterval":"30 seconds"`), "plans.shared.scrapeInterval", agentconfig.DurationRule},
		{"interval out of range", plan("dedicated", `"evaluationInterval":"1h"`), "plans.dedicated.evaluationInterval", agentconfig.DurationRule},
		{"URL that is not http", plan("shared", `"remoteWriteUrl":"ftp://central/write"`), "plans.shared.remoteWriteUrl", agentconfig.URLRule},
		{"URL with a quote", plan("shared", `"remoteWriteUrl":"http://central/\"write"`), "plans.shared.remoteWriteUrl", agentconfig.URLRule},
		{"URL with a newline", plan("shared", `"remoteWriteUrl":"http://central/write\nheaders: {}"`), "plans.shared.remoteWriteUrl", agentconfig.URLRule},
		{"header with a colon", plan("shared", `"tenantHeader":"X-Org: evil"`), "plans.shared.tenantHeader", agentconfig.HeaderRule},
		{"queue out of range", plan("shared", `"queue":{"maxSamplesPerSend":1000,"maxShards":0,"capacity":500}`), "plans.shared.queue.maxShards", agentconfig.QueueRule},
		{"queue that is no number", plan("shared", `"queue":{"maxShards":"ten"}`), "plans.shared.queue.maxShards", "must be a whole number"},
		{"no job", plan("shared", `"jobs":[]`), "plans.shared.jobs", agentconfig.JobsRule},
		{"unknown job", plan("shared", `"jobs":["kubernetes-pods","etcd"]`), "plans.shared.jobs[1]", "must be one of " + strings.Join(agentconfig.JobNames, ", ")},
		{"alertmanager that is no host:port", plan("dedicated", `"alertmanagerTarget":"http://am:9093"`), "plans.dedicated.alertmanagerTarget", agentconfig.TargetRule},
		{"rule file with YAML", plan("dedicated", `"ruleFiles":["a.yml\n- b"]`), "plans.dedicated.ruleFiles[0]", agentconfig.RuleFileRule},
		{"ratio above 1", plan("dedicated", `"thresholds":{"errorRatio":5}`), "plans.dedicated.thresholds.errorRatio", agentconfig.RatioRule},
		{"latency of 0", plan("dedicated", `"thresholds":{"latencyP95Seconds":0}`), "plans.dedicated.thresholds.latencyP95Seconds", agentconfig.SecondsRule},
		{"thresholds without rules", plan("shared", `"thresholds":{"quotaRatio":0.9}`), "plans.shared.thresholds", agentconfig.ThresholdsRule},
		{"unknown plan setting", plan("shared", `"scrapeIntervall":"30s"`), "plans.shared.scrapeIntervall", "is not a setting of this app"},
		{"namespace with a slash", plan("shared", `"namespace":"a/b"`), "plans.shared.namespace", agentconfig.IDRule},
		{"webhook that is not http", `{"jsonData":{},"secureJsonData":{"webhookUrl":"javascript:alert(1)"}}`, "secureJsonData.webhookUrl", "must be an absolute http or https URL"},
		{"oversized payload", oversized, "jsonData", "must be at most 2 MiB of JSON"},
		{"too many workspaces", `{"jsonData":{"workspaces":[` + strings.Join(tooMany, ",") + `]}}`, "workspaces", "must list at most 2000 workspaces"},
		{"not JSON", `{"jsonData":`, "body", "must be valid JSON (it ends too early)"},
		{"empty body", ``, "body", settings.BodyRule},
		{"body of only spaces", "  \n", "body", settings.BodyRule},
		{"body that is a list", `[]`, "body", settings.BodyRule},
		{"body that is a number", `5`, "body", settings.BodyRule},
		{"body that is null", `null`, "body", settings.BodyRule},
		{"data after the body", `{"jsonData":{}} {"jsonData":{"x":1}}`, "body", settings.OneValueRule},
		{"jsonData that is a number", `{"jsonData":5}`, "jsonData", "must be an object"},
		{"jsonData that is a string", `{"jsonData":"{}"}`, "jsonData", "must be an object"},
		{"jsonData that is a list", `{"jsonData":[]}`, "jsonData", "must be an object"},
		{"jsonData key in another case", `{"JSONData":{"datasource":1}}`, "JSONData", settings.UnknownSettingRule},
		{"jsonData twice", `{"jsonData":{"datasource":1},"jsonData":{}}`, "jsonData", settings.DuplicateKeyRule},
		{"secureJsonData that is a list", `{"jsonData":{},"secureJsonData":["a"]}`, "secureJsonData", "must be an object"},
		{"secret that is a number", `{"jsonData":{},"secureJsonData":{"webhookUrl":5}}`, "secureJsonData.webhookUrl", "must be a string"},
		{"unknown secret", `{"jsonData":{},"secureJsonData":{"slackToken":"x"}}`, "secureJsonData.slackToken", settings.SecretKeyRule},
		{"secret with a newline", `{"jsonData":{},"secureJsonData":{"slackBotToken":"xoxb-1\nX-Evil: 1"}}`, "secureJsonData.slackBotToken", settings.SecretCharsRule},
		{"secret over 4 KiB", `{"jsonData":{},"secureJsonData":{"pagerDutyIntegrationKey":"` + strings.Repeat("k", settings.MaxSecretBytes+1) + `"}}`, "secureJsonData.pagerDutyIntegrationKey", settings.SecretSizeRule},
		{"secrets over the body limit", `{"jsonData":{},"secureJsonData":{"slackBotToken":"` + strings.Repeat("k", settings.MaxProposalBytes) + `"}}`, "secureJsonData", settings.SecureJSONDataSizeRule},
		{"jsonData over 2 MiB within the body limit", `{"jsonData":{"workspaces":[` + strings.Repeat(" ", settings.MaxJSONDataBytes) + `]}}`, "jsonData", settings.JSONDataSizeRule},
		{"unknown part over the body limit", `{"other":"` + strings.Repeat("k", settings.MaxProposalBytes) + `"}`, "body", settings.BodySizeRule},
	}
	a := newTestApp(t, `{}`)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := send(t, a, validateRequest("Admin", c.body))
			if status != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %v", status, body)
			}
			errs, _ := body["errors"].([]any)
			for _, e := range errs {
				if m := e.(map[string]any); m["field"] == c.field && strings.HasPrefix(m["rule"].(string), c.rule) {
					return
				}
			}
			t.Errorf("no error {%s: %s} in %v", c.field, c.rule, errs)
		})
	}
}

// An empty secret resets it, as the page sends it when the user clicks Reset.
func TestValidateSettingsAcceptsAResetSecret(t *testing.T) {
	body := `{"jsonData":{},"secureJsonData":{"slackBotToken":"","pagerDutyIntegrationKey":"","webhookUrl":""}}`
	if status, got := send(t, newTestApp(t, `{}`), validateRequest("Admin", body)); status != http.StatusOK || got["valid"] != true {
		t.Fatalf("%d %v", status, got)
	}
}

// Thousands of broken entries give an answer of a few kilobytes that counts the rest.
func TestValidateSettingsAnswerIsBounded(t *testing.T) {
	n := settings.MaxManualWorkspaces
	var b strings.Builder
	b.WriteString(`{"jsonData":{"workspaces":[`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"id":"W","clusterId":"C","plan":"x"}`)
	}
	b.WriteString(`]}}`)
	var res *backend.CallResourceResponse
	err := newTestApp(t, `{}`).CallResource(context.Background(), validateRequest("Admin", b.String()), backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error {
		res = r
		return nil
	}))
	if err != nil || res.Status != http.StatusBadRequest {
		t.Fatalf("%v %v", err, res)
	}
	if len(res.Body) > 32<<10 {
		t.Fatalf("answer of %d bytes", len(res.Body))
	}
	var body struct {
		Error  string                `json:"error"`
		Errors []settings.FieldError `json:"errors"`
		More   int                   `json:"more"`
	}
	if err := json.Unmarshal(res.Body, &body); err != nil {
		t.Fatal(err)
	}
	total := 4*n - 1 // id, clusterId and plan of each, and the duplicate id of all but the first
	if len(body.Errors) != settings.MaxErrors || body.More != total-settings.MaxErrors {
		t.Fatalf("%d errors and %d more, want %d and %d", len(body.Errors), body.More, settings.MaxErrors, total-settings.MaxErrors)
	}
	if want := fmt.Sprintf("; ... and %d more", total-settings.MaxMessageErrors); !strings.HasSuffix(body.Error, want) {
		t.Fatalf("error %q does not end in %q", body.Error, want)
	}
}

// Stored settings that are broken everywhere make every reading route answer a bounded 400.
func TestBrokenStoredSettingsGiveBoundedAnswers(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"workspaces":[`)
	for i := range settings.MaxManualWorkspaces {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"id":"W","clusterId":"C","plan":"x"}`)
	}
	b.WriteString(`]}`)
	a := appWithSecrets(t, b.String(), map[string]string{"webhookUrl": "ftp://x"})
	for _, path := range []string{"plans", "workspaces", "workspaces/ws-1/agent-config"} {
		res := callResource(t, a, http.MethodGet, path, "")
		if res.Status != http.StatusBadRequest || len(res.Body) > 32<<10 {
			t.Errorf("GET %s: %d, %d bytes", path, res.Status, len(res.Body))
		}
	}
	health, err := a.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
	if err != nil || len(health.Message) > 4<<10 || len(health.JSONDetails) > 32<<10 {
		t.Fatalf("health: %v, message of %d bytes, details of %d", err, len(health.Message), len(health.JSONDetails))
	}
	if !strings.Contains(health.Message, "... and ") {
		t.Errorf("health message does not count the errors left out: %s", health.Message)
	}
}

// A secret never comes back in an answer, whatever is wrong with it.
func TestValidateSettingsNeverEchoesSecrets(t *testing.T) {
	secret := "not a url hunter2-secret-token"
	_, body := send(t, newTestApp(t, `{}`), validateRequest("Admin", `{"jsonData":{},"secureJsonData":{"webhookUrl":"`+secret+`","slackBotToken":"xoxb-hunter2"}}`))
	if s := fmt.Sprint(body); strings.Contains(s, "hunter2") {
		t.Fatalf("answer carries a secret: %s", s)
	}
}
