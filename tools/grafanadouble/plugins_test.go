package grafanadouble

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
)

// echoApp answers every resource call with what Grafana passed it.
type echoApp struct {
	settings backend.AppInstanceSettings
}

func (a *echoApp) CallResource(_ context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
	cfg := req.PluginContext.GrafanaConfig
	secret, _ := cfg.PluginAppClientSecret()
	body, _ := json.Marshal(map[string]any{
		"org": req.PluginContext.OrgID, "role": req.PluginContext.User.Role, "path": req.Path, "url": req.URL,
		"secret": secret != "", "jsonData": json.RawMessage(a.settings.JSONData), "secrets": a.settings.DecryptedSecureJSONData,
	})
	return sender.Send(&backend.CallResourceResponse{Status: http.StatusOK, Body: body})
}

func (a *echoApp) CheckHealth(context.Context, *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: "broken", JSONDetails: []byte(`{"why":"test"}`)}, nil
}

func hostingDouble(t *testing.T, builds *int) *Grafana {
	var mu sync.Mutex
	return start(t, func(o *Options) {
		o.Session = Session{OrgID: 1, Role: "Admin"}
		o.App = func(_ context.Context, s backend.AppInstanceSettings) (instancemgmt.Instance, error) {
			mu.Lock()
			*builds++
			mu.Unlock()
			return &echoApp{settings: s}, nil
		}
	})
}

const settingsPath = "/api/plugins/hexabase-monitoring-app/settings"

func TestPluginSettingsNeverReturnSecretsAndMergeThemKeyByKey(t *testing.T) {
	builds := 0
	g := hostingDouble(t, &builds)
	post := func(body map[string]any) {
		if a := call(t, g, "", http.MethodPost, settingsPath, body); a.status != http.StatusOK {
			t.Fatalf("POST = %d %s", a.status, a.raw)
		}
	}
	post(map[string]any{"enabled": true, "jsonData": map[string]any{"a": 1}, "secureJsonData": map[string]string{"slackBotToken": "xoxb-1", "webhookUrl": "http://h"}})
	post(map[string]any{"enabled": true, "jsonData": map[string]any{"b": 2}, "secureJsonData": map[string]string{"webhookUrl": ""}})
	a := call(t, g, "", http.MethodGet, settingsPath, nil)
	fields := a.body["secureJsonFields"].(map[string]any)
	if fields["slackBotToken"] != true || fields["webhookUrl"] != nil || a.body["jsonData"].(map[string]any)["a"] != nil {
		t.Fatalf("GET = %s; jsonData is replaced whole, an omitted secret kept, an empty one reset", a.raw)
	}
	if secrets := g.PluginSecrets(1); secrets["webhookUrl"] != "" || secrets["slackBotToken"] != "xoxb-1" {
		t.Fatalf("stored secrets = %v", secrets)
	}
	if v, ok := g.PluginSecrets(1)["webhookUrl"]; !ok || v != "" {
		t.Fatal("a secret reset through the API stays as an empty value: Grafana cannot delete the key")
	}
	res := call(t, g, "", http.MethodGet, "/api/plugins/hexabase-monitoring-app/resources/echo?x=1", nil)
	if res.body["url"] != "echo?x=1" || res.body["secret"] != true || res.body["role"] != "Admin" {
		t.Fatalf("resource call = %s", res.raw)
	}
	if secrets := res.body["secrets"].(map[string]any); secrets["webhookUrl"] != "" {
		t.Fatalf("the backend receives the reset secret as an empty value: %v", secrets)
	}
}

func TestOnlyAnAdminWritesPluginSettings(t *testing.T) {
	builds := 0
	g := hostingDouble(t, &builds)
	for _, role := range []string{"Viewer", "Editor"} {
		if a := call(t, g, g.UserToken(1, role), http.MethodPost, settingsPath, map[string]any{"enabled": true}); a.status != http.StatusForbidden {
			t.Errorf("%s POST = %d %s", role, a.status, a.raw)
		}
	}
}

func TestTheBackendAnswersOnlyWhenTheAppIsEnabledAndIsRebuiltOnSave(t *testing.T) {
	builds := 0
	g := hostingDouble(t, &builds)
	if a := call(t, g, "", http.MethodGet, "/api/plugins/hexabase-monitoring-app/resources/x", nil); a.status != http.StatusNotFound {
		t.Fatalf("resources before the first save = %d %s", a.status, a.raw)
	}
	call(t, g, "", http.MethodPost, settingsPath, map[string]any{"enabled": false, "jsonData": map[string]any{}})
	if a := call(t, g, "", http.MethodGet, "/api/plugins/hexabase-monitoring-app/health", nil); a.status != http.StatusNotFound || a.body["message"] != "Plugin is not enabled" {
		t.Fatalf("health of a disabled app = %d %s", a.status, a.raw)
	}
	call(t, g, "", http.MethodPost, settingsPath, map[string]any{"enabled": true, "jsonData": map[string]any{}})
	h := call(t, g, "", http.MethodGet, "/api/plugins/hexabase-monitoring-app/health", nil)
	if h.status != http.StatusServiceUnavailable || h.body["details"].(map[string]any)["why"] != "test" {
		t.Fatalf("health = %d %s", h.status, h.raw)
	}
	call(t, g, "", http.MethodGet, "/api/plugins/hexabase-monitoring-app/resources/x", nil)
	call(t, g, "", http.MethodPost, settingsPath, map[string]any{"enabled": true, "jsonData": map[string]any{"c": 3}})
	if a := call(t, g, "", http.MethodGet, "/api/plugins/hexabase-monitoring-app/resources/x", nil); a.body["jsonData"].(map[string]any)["c"] != float64(3) || builds != 2 {
		t.Fatalf("after a save: %s, %d builds", a.raw, builds)
	}
}

func TestTheSecondOrganisationGetsTheSameServiceAccountSecret(t *testing.T) {
	builds := 0
	g := hostingDouble(t, &builds)
	admin2 := g.UserToken(2, "Admin")
	call(t, g, admin2, http.MethodPost, settingsPath, map[string]any{"enabled": true, "jsonData": map[string]any{}})
	a := call(t, g, admin2, http.MethodGet, "/api/plugins/hexabase-monitoring-app/resources/x", nil)
	if a.body["org"] != float64(2) || a.body["secret"] != true {
		t.Fatalf("org 2 call = %s; Grafana passes the one service-account secret whatever the organisation", a.raw)
	}
}
