package plugin

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
)

// recordingLogger keeps every line the plugin logs, to look for secrets in them.
type recordingLogger struct {
	mu    *sync.Mutex
	lines *[]string
	args  []any
}

func (l recordingLogger) add(level, msg string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	*l.lines = append(*l.lines, fmt.Sprint(level, msg, l.args, args))
}
func (l recordingLogger) Debug(msg string, args ...any) { l.add("debug", msg, args...) }
func (l recordingLogger) Info(msg string, args ...any)  { l.add("info", msg, args...) }
func (l recordingLogger) Warn(msg string, args ...any)  { l.add("warn", msg, args...) }
func (l recordingLogger) Error(msg string, args ...any) { l.add("error", msg, args...) }
func (l recordingLogger) With(args ...any) log.Logger {
	return recordingLogger{mu: l.mu, lines: l.lines, args: append(append([]any{}, l.args...), args...)}
}
func (l recordingLogger) Level() log.Level                         { return log.Debug }
func (l recordingLogger) FromContext(_ context.Context) log.Logger { return l }

// No answer of any resource, no health result and no log line carries a secret's value,
// whether the secrets are valid or not.
func TestNoSecretLeavesThePlugin(t *testing.T) {
	var lines []string
	previous := log.DefaultLogger
	log.DefaultLogger = recordingLogger{mu: &sync.Mutex{}, lines: &lines}
	defer func() { log.DefaultLogger = previous }()

	secrets := map[string]string{
		"slackBotToken":           "xoxb-leak-slack-4711",
		"pagerDutyIntegrationKey": "leak-pagerduty-4711",
		"webhookUrl":              "https://hooks.example.test/leak-webhook-4711",
	}
	badSecrets := map[string]string{
		"webhookUrl":              "ftp://leak-webhook-4711",
		"slackBotToken":           "xoxb-leak-4711\nX-Injected: 1",
		"pagerDutyIntegrationKey": strings.Repeat("leak-4711-", 500),
	}
	jsonData := `{"workspaces":[{"id":"ws-0007","clusterId":"cluster-b","plan":"dedicated"}]}`
	var answers []string
	for _, s := range []map[string]string{secrets, badSecrets} {
		a := appWithSecrets(t, jsonData, s)
		for _, r := range []struct{ role, method, path, body string }{
			{"Viewer", http.MethodGet, "version", ""},
			{"Viewer", http.MethodGet, "workspaces", ""},
			{"Viewer", http.MethodGet, "workspaces/ws-0007/agent-config", ""},
			{"Admin", http.MethodPost, "settings/validate", `{"jsonData":{},"secureJsonData":{"webhookUrl":"ftp://leak-webhook-4711","slackBotToken":"a\tleak-4711","pagerDutyIntegrationKey":"` + strings.Repeat("leak-4711", 500) + `"}}`},
			{"Admin", http.MethodPost, "alerting/install", ""},
			{"Viewer", http.MethodPost, "alerting/install", ""},
		} {
			req := &backend.CallResourceRequest{
				PluginContext: backend.PluginContext{PluginID: PluginID, User: &backend.User{Login: "u", Role: r.role}},
				Method:        r.method, Path: r.path, URL: r.path, Body: []byte(r.body),
			}
			err := a.CallResource(context.Background(), req, backend.CallResourceResponseSenderFunc(func(res *backend.CallResourceResponse) error {
				answers = append(answers, fmt.Sprint(res.Status, res.Headers, string(res.Body)))
				return nil
			}))
			if err != nil {
				t.Fatal(err)
			}
		}
		health, err := a.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
		if err != nil {
			t.Fatal(err)
		}
		answers = append(answers, health.Message, string(health.JSONDetails))
	}
	if len(answers) != 16 { // 6 resources and 2 health texts, twice
		t.Fatalf("%d answers", len(answers))
	}
	for _, text := range append(answers, lines...) {
		if strings.Contains(text, "4711") {
			t.Errorf("a secret left the plugin: %.300s", text)
		}
	}
}
