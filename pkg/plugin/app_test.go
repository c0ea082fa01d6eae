package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/buildversion"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

func newTestApp(t *testing.T, jsonData string) *App {
	t.Helper()
	inst, err := NewApp(context.Background(), backend.AppInstanceSettings{JSONData: json.RawMessage(jsonData)})
	if err != nil {
		t.Fatalf("NewApp() error = %v", err)
	}
	return inst.(*App)
}

// callResource sends one request through the SDK's resource path, as Grafana does.
func callResource(t *testing.T, a *App, method, path string, pluginVersion string) *backend.CallResourceResponse {
	t.Helper()
	var got *backend.CallResourceResponse
	// As Grafana sends it: Path without the query, URL with it.
	route, _, _ := strings.Cut(path, "?")
	req := &backend.CallResourceRequest{
		PluginContext: backend.PluginContext{PluginID: PluginID, PluginVersion: pluginVersion},
		Method:        method,
		Path:          route,
		URL:           path,
	}
	err := a.CallResource(context.Background(), req, backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error {
		got = r
		return nil
	}))
	if err != nil {
		t.Fatalf("CallResource(%s %s) error = %v", method, path, err)
	}
	if got == nil {
		t.Fatalf("CallResource(%s %s) sent no response", method, path)
	}
	return got
}

func TestPluginIDMatchesPluginJSON(t *testing.T) {
	raw, err := os.ReadFile("../../src/plugin.json")
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatal(err)
	}
	if meta.ID != PluginID {
		t.Fatalf("src/plugin.json id = %q, backend PluginID = %q", meta.ID, PluginID)
	}
}

func TestCheckHealth(t *testing.T) {
	tests := []struct {
		name        string
		jsonData    string
		wantStatus  backend.HealthStatus
		wantMessage string
		wantDetails healthDetails
	}{
		{
			name:        "unconfigured app uses the provisioned datasources",
			jsonData:    `{}`,
			wantStatus:  backend.HealthStatusOk,
			wantMessage: "Settings are valid; datasources: prometheus=hexabase-prometheus, loki=hexabase-loki, jaeger=hexabase-jaeger, clickhouse=hexabase-clickhouse",
			wantDetails: healthDetails{SettingsValid: true, Datasources: map[string]string{
				"prometheus": "hexabase-prometheus", "loki": "hexabase-loki", "jaeger": "hexabase-jaeger", "clickhouse": "hexabase-clickhouse",
			}},
		},
		{
			name:        "configured datasource is reported",
			jsonData:    `{"datasources":{"prometheusUid":"central"}}`,
			wantStatus:  backend.HealthStatusOk,
			wantMessage: "Settings are valid; datasources: prometheus=central, loki=hexabase-loki, jaeger=hexabase-jaeger, clickhouse=hexabase-clickhouse",
			wantDetails: healthDetails{SettingsValid: true, Datasources: map[string]string{
				"prometheus": "central", "loki": "hexabase-loki", "jaeger": "hexabase-jaeger", "clickhouse": "hexabase-clickhouse",
			}},
		},
		{
			name:        "invalid uid is named with its rule",
			jsonData:    `{"datasources":{"lokiUid":"bad uid"}}`,
			wantStatus:  backend.HealthStatusError,
			wantMessage: "invalid settings: datasources.lokiUid: must be 1 to 40 characters of letters, digits, '-' or '_'",
			wantDetails: healthDetails{SettingsValid: false, Errors: []settings.FieldError{
				{Field: "datasources.lokiUid", Rule: "must be 1 to 40 characters of letters, digits, '-' or '_'"},
			}},
		},
		{
			name:        "unknown setting is named",
			jsonData:    `{"prometheus":"x"}`,
			wantStatus:  backend.HealthStatusError,
			wantMessage: "invalid settings: prometheus: is not a setting of this app",
			wantDetails: healthDetails{SettingsValid: false, Errors: []settings.FieldError{
				{Field: "prometheus", Rule: "is not a setting of this app"},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := newTestApp(t, tt.jsonData).CheckHealth(context.Background(), &backend.CheckHealthRequest{})
			if err != nil {
				t.Fatalf("CheckHealth() error = %v", err)
			}
			if res.Status != tt.wantStatus || res.Message != tt.wantMessage {
				t.Fatalf("CheckHealth() = %v %q, want %v %q", res.Status, res.Message, tt.wantStatus, tt.wantMessage)
			}
			want, _ := json.Marshal(tt.wantDetails)
			if string(res.JSONDetails) != string(want) {
				t.Fatalf("JSONDetails = %s, want %s", res.JSONDetails, want)
			}
		})
	}
}

func TestVersionResource(t *testing.T) {
	res := callResource(t, newTestApp(t, `{}`), http.MethodGet, "version", "1.2.3")
	if res.Status != http.StatusOK {
		t.Fatalf("status = %d, body %s", res.Status, res.Body)
	}
	var got buildversion.Info
	if err := json.Unmarshal(res.Body, &got); err != nil {
		t.Fatalf("body %s: %v", res.Body, err)
	}
	if got.PluginID != PluginID {
		t.Errorf("pluginId = %q, want %q", got.PluginID, PluginID)
	}
	// A test binary carries no mage build info, so the version Grafana loaded is reported.
	if got.PluginVersion != "1.2.3" {
		t.Errorf("pluginVersion = %q, want 1.2.3", got.PluginVersion)
	}
	if want := buildversion.Get(PluginID, "1.2.3"); got.SDKVersion != want.SDKVersion || got.GoVersion != want.GoVersion {
		t.Errorf("sdkVersion, goVersion = %q, %q; want %q, %q", got.SDKVersion, got.GoVersion, want.SDKVersion, want.GoVersion)
	}
}

func TestUnknownRoutesAndMethods(t *testing.T) {
	a := newTestApp(t, `{}`)
	if res := callResource(t, a, http.MethodGet, "nope", ""); res.Status != http.StatusNotFound {
		t.Errorf("GET /nope status = %d, want 404", res.Status)
	}
	if res := callResource(t, a, http.MethodPost, "version", ""); res.Status != http.StatusMethodNotAllowed {
		t.Errorf("POST /version status = %d, want 405", res.Status)
	}
}
