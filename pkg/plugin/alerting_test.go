package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
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

func TestInstallAlertingReachesGrafanaWithTheServiceAccountToken(t *testing.T) {
	var mu sync.Mutex
	var auth []string
	grafana := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auth = append(auth, r.Header.Get("Authorization"))
		mu.Unlock()
		switch {
		case r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/contact-points"):
			_, _ = w.Write([]byte(`[]`))
		case r.Method == http.MethodGet:
			http.NotFound(w, r)
		default:
			w.WriteHeader(http.StatusAccepted)
			_, _ = w.Write([]byte(`{}`))
		}
	}))
	defer grafana.Close()
	a := appWithSecrets(t, `{"notifications":{"opsEmail":"ops@example.test"}}`, map[string]string{"webhookUrl": "http://127.0.0.1:9/hook"})
	status, body := send(t, a, installRequest("Admin", map[string]string{"GF_APP_URL": grafana.URL, "GF_PLUGIN_APP_CLIENT_SECRET": "sa-token"}))
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, body)
	}
	changes := body["result"].(map[string]any)["changes"].([]any)
	if len(changes) == 0 || changes[0].(map[string]any)["action"] != "created" {
		t.Fatalf("changes = %v", changes)
	}
	for _, h := range auth {
		if h != "Bearer sa-token" {
			t.Fatalf("Authorization %q", h)
		}
	}
	notes := body["result"].(map[string]any)["notes"].([]any)
	if len(notes) == 0 {
		t.Fatal("the Slack, PagerDuty and critical email integrations should be reported as left out")
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
