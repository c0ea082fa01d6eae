package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/buildversion"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
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

func checkHealth(t *testing.T, a *App, cfg map[string]string) (*backend.CheckHealthResult, healthDetails) {
	t.Helper()
	req := &backend.CheckHealthRequest{}
	if cfg != nil {
		req.PluginContext.GrafanaConfig = backend.NewGrafanaCfg(cfg)
	}
	res, err := a.CheckHealth(context.Background(), req)
	if err != nil {
		t.Fatalf("CheckHealth() error = %v", err)
	}
	var details healthDetails
	if err := json.Unmarshal(res.JSONDetails, &details); err != nil {
		t.Fatal(err)
	}
	return res, details
}

func TestCheckHealthNamesBrokenSettings(t *testing.T) {
	for jsonData, want := range map[string]string{
		`{"datasources":{"lokiUid":"bad uid"}}`: "invalid settings: datasources.lokiUid: must be 1 to 40 characters of letters, digits, '-' or '_'",
		`{"prometheus":"x"}`:                    "invalid settings: prometheus: is not a setting of this app",
	} {
		res, details := checkHealth(t, newTestApp(t, jsonData), nil)
		if res.Status != backend.HealthStatusError || res.Message != want || details.SettingsValid || len(details.Errors) != 1 {
			t.Errorf("%s: %v %q %+v", jsonData, res.Status, res.Message, details)
		}
	}
}

func TestCheckHealthWithoutAServiceAccountSaysReachabilityWasNotChecked(t *testing.T) {
	res, details := checkHealth(t, newTestApp(t, `{"datasources":{"prometheusUid":"central"}}`), nil)
	if res.Status != backend.HealthStatusOk || !strings.HasPrefix(res.Message, "Settings are valid; datasource reachability not checked: ") {
		t.Fatalf("%v %q", res.Status, res.Message)
	}
	if details.Datasources["prometheus"] != (grafanaapi.DatasourceHealth{UID: "central", Status: "UNKNOWN"}) || details.Datasources["loki"].UID != "hexabase-loki" {
		t.Fatalf("datasources = %+v", details.Datasources)
	}
}

func TestCheckHealthAsksGrafanaForEachDatasource(t *testing.T) {
	grafana := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer sa-token" {
			t.Errorf("Authorization %q", r.Header.Get("Authorization"))
		}
		switch r.URL.Path {
		case "/api/datasources/uid/hexabase-loki/health":
			http.NotFound(w, r)
		case "/api/datasources/uid/hexabase-jaeger/health":
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"status":"ERROR","message":"dial tcp 10.0.0.9:16686: connection refused"}`))
		default:
			_, _ = w.Write([]byte(`{"status":"OK","message":"Data source is working"}`))
		}
	}))
	defer grafana.Close()
	cfg := map[string]string{"GF_APP_URL": grafana.URL, "GF_PLUGIN_APP_CLIENT_SECRET": "sa-token"}
	res, details := checkHealth(t, newTestApp(t, `{}`), cfg)
	want := "Settings are valid, but some datasources fail: loki (hexabase-loki): missing no datasource with this UID; jaeger (hexabase-jaeger): error dial tcp 10.0.0.9:16686: connection refused"
	if res.Status != backend.HealthStatusError || res.Message != want {
		t.Fatalf("%v %q\nwant %q", res.Status, res.Message, want)
	}
	if details.Datasources["prometheus"].Status != "OK" || details.Datasources["clickhouse"].Message != "Data source is working" {
		t.Fatalf("datasources = %+v", details.Datasources)
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
