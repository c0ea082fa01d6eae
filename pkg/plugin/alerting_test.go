package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
)

func installRequest(role string, cfg map[string]string) *backend.CallResourceRequest {
	pc := backend.PluginContext{PluginID: PluginID}
	if role != "" {
		pc.User = &backend.User{Login: "u", Role: role}
	}
	if cfg != nil {
		pc.GrafanaConfig = backend.NewGrafanaCfg(cfg)
	}
	return &backend.CallResourceRequest{PluginContext: pc, Method: http.MethodPost, Path: "alerting/install", URL: "alerting/install"}
}

func send(t *testing.T, a *App, req *backend.CallResourceRequest) (int, map[string]any) {
	t.Helper()
	var got *backend.CallResourceResponse
	if err := a.CallResource(context.Background(), req, backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error {
		got = r
		return nil
	})); err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.Unmarshal(got.Body, &body); err != nil {
		t.Fatalf("body %s: %v", got.Body, err)
	}
	return got.Status, body
}

func appWithSecrets(t *testing.T, jsonData string, secrets map[string]string) *App {
	t.Helper()
	inst, err := NewApp(context.Background(), backend.AppInstanceSettings{JSONData: json.RawMessage(jsonData), DecryptedSecureJSONData: secrets})
	if err != nil {
		t.Fatal(err)
	}
	return inst.(*App)
}

func TestInstallAlertingNeedsAnAdmin(t *testing.T) {
	a := newTestApp(t, `{}`)
	for _, role := range []string{"", "Viewer", "Editor"} {
		status, body := send(t, a, installRequest(role, nil))
		if status != http.StatusForbidden || body["error"] != "only an Admin can install the app's alerting" {
			t.Errorf("role %q: %d %v", role, status, body)
		}
	}
}

func TestInstallAlertingWithoutAServiceAccountSaysHowToGetOne(t *testing.T) {
	status, body := send(t, newTestApp(t, `{}`), installRequest("Admin", map[string]string{"GF_APP_URL": "http://127.0.0.1:3000"}))
	if status != http.StatusServiceUnavailable || !strings.Contains(body["error"].(string), "externalServiceAccounts") {
		t.Fatalf("%d %v", status, body)
	}
}

func TestInstallAlertingRefusesInvalidSettings(t *testing.T) {
	a := appWithSecrets(t, `{}`, map[string]string{"webhookUrl": "not a url"})
	status, body := send(t, a, installRequest("Admin", nil))
	if status != http.StatusBadRequest || !strings.Contains(body["error"].(string), "secureJsonData.webhookUrl: must be an absolute http or https URL") {
		t.Fatalf("%d %v", status, body)
	}
	if strings.Contains(body["error"].(string), "not a url") {
		t.Fatal("the error repeats a secret value")
	}
}

func TestInstallAlertingThroughGrafanaWithTheServiceAccount(t *testing.T) {
	g := hosted(t, `{"notifications":{"opsEmail":"ops@example.test"}}`, map[string]string{"webhookUrl": "http://127.0.0.1:9/hook", "slackBotToken": ""})
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus"})
	status, body := request(t, g, g.UserToken(1, "Admin"), http.MethodPost, appAPI+"/resources/alerting/install", nil)
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, body)
	}
	changes := body["result"].(map[string]any)["changes"].([]any)
	if len(changes) == 0 || changes[0].(map[string]any)["action"] != "created" {
		t.Fatalf("changes = %v", changes)
	}
	for _, r := range g.Requests() {
		if strings.HasPrefix(r.Path, "/api/v1/provisioning") || strings.HasPrefix(r.Path, "/api/folders") {
			if r.Caller != "extsvc-"+PluginID || r.Status >= 400 && r.Status != http.StatusNotFound {
				t.Errorf("%s %s by %s: %d", r.Method, r.Path, r.Caller, r.Status)
			}
		}
	}
	// A Slack token reset on the configuration page reaches the backend as "": left out, not sent.
	notes := fmt.Sprint(body["result"].(map[string]any)["notes"])
	if !strings.Contains(notes, "the Slack bot token is not configured") {
		t.Fatalf("notes = %s", notes)
	}
	if folders := g.Folders(1); len(folders) != 1 || folders[0].UID != "hexabase-alerts" {
		t.Fatalf("folders = %+v", folders)
	}
}

func TestHealthNamesAnInvalidSecretWithoutItsValue(t *testing.T) {
	res, err := appWithSecrets(t, `{}`, map[string]string{"webhookUrl": "ftp://secret-host"}).CheckHealth(context.Background(), &backend.CheckHealthRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != backend.HealthStatusError || res.Message != "invalid settings: secureJsonData.webhookUrl: must be an absolute http or https URL" {
		t.Fatalf("%v %q", res.Status, res.Message)
	}
	if strings.Contains(string(res.JSONDetails), "secret-host") {
		t.Fatal("health details repeat a secret")
	}
}

// Grafana may quote what it refused; a contact point's body carries the secrets, and neither
// the install result nor its error may carry them back.
func TestInstallResultsNeverQuoteASecretGrafanaEchoed(t *testing.T) {
	const hook = "https://hooks.example.test/services/T000/B000/s3cr3t"
	g := hosted(t, `{"notifications":{"opsEmail":"ops@example.test"}}`, map[string]string{"webhookUrl": hook})
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus"})
	g.Fail(http.MethodPost, "/api/v1/provisioning/contact-points", http.StatusBadRequest, `invalid integration: url "`+hook+`" is not reachable`)
	status, body := request(t, g, g.UserToken(1, "Admin"), http.MethodPost, appAPI+"/resources/alerting/install", nil)
	raw, _ := json.Marshal(body)
	if status != http.StatusBadGateway || strings.Contains(string(raw), "s3cr3t") || !strings.Contains(string(raw), "invalid integration: url \\\"[redacted]\\\" is not reachable") {
		t.Fatalf("%d %s", status, raw)
	}
}
