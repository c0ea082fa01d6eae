package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/buildversion"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
)

func newTestApp(t testing.TB, jsonData string) *App {
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

// The health details list at most settings.MaxErrors errors and say how many more there are.
func TestHealthDetailsCountTheErrorsLeftOut(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"workspaces":[`)
	for i := range 1000 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id":"W%d","clusterId":"C","plan":"x"}`, i)
	}
	b.WriteString(`]}`)
	res, details := checkHealth(t, newTestApp(t, b.String()), nil)
	if res.Status != backend.HealthStatusError || len(details.Errors) != settings.MaxErrors || details.More != 3000-settings.MaxErrors {
		t.Fatalf("%d errors, %d more", len(details.Errors), details.More)
	}
}

func TestCheckHealthWithoutAServiceAccountFailsAndSaysWhatGrafanaNeeds(t *testing.T) {
	for _, toggles := range []struct{ feature, managed bool }{{false, false}, {true, false}, {false, true}} {
		g := hosted(t, `{"datasources":{"prometheusUid":"central"}}`, nil, func(o *grafanadouble.Options) {
			o.ExternalServiceAccounts, o.ManagedServiceAccounts = toggles.feature, toggles.managed
		})
		status, message, details := health(t, g, g.UserToken(1, "Admin"))
		if status != http.StatusServiceUnavailable || !strings.Contains(message, "externalServiceAccounts") || !strings.Contains(message, "managed_service_accounts_enabled = true") {
			t.Errorf("feature %v, managed %v: %d %q", toggles.feature, toggles.managed, status, message)
		}
		if prom := details["datasources"].(map[string]any)["prometheus"].(map[string]any); prom["uid"] != "central" || prom["status"] != "UNKNOWN" {
			t.Errorf("datasources = %v", details["datasources"])
		}
	}
}

func TestCheckHealthAsksGrafanaForEachDatasource(t *testing.T) {
	g := hosted(t, `{}`, nil)
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: realPrometheus(t)})
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-jaeger", Type: "jaeger", URL: "http://127.0.0.1:9"})
	status, message, details := health(t, g, g.UserToken(1, "Viewer"))
	want := "Settings are valid, but some datasources fail: loki (hexabase-loki): missing no datasource with this UID; jaeger (hexabase-jaeger): error no server answers for this datasource; clickhouse (hexabase-clickhouse): missing no datasource with this UID"
	if status != http.StatusServiceUnavailable || message != want {
		t.Fatalf("%d %q\nwant %q", status, message, want)
	}
	// The service account holds datasources:query: Prometheus answers through Grafana.
	if prom := details["datasources"].(map[string]any)["prometheus"].(map[string]any); prom["status"] != "OK" {
		t.Fatalf("prometheus = %v", prom)
	}
}

func TestUsedFromAnotherOrganisationTheAppRefusesToActOnTheDefaultOne(t *testing.T) {
	g := hosted(t, `{"notifications":{"opsEmail":"ops@example.test"}}`, nil)
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: realPrometheus(t)})
	g.SetPluginSettings(2, true, json.RawMessage(`{"notifications":{"opsEmail":"ops@example.test"}}`), nil)
	admin2 := g.UserToken(2, "Admin")
	g.ResetRequests()
	const why = `the app's service account belongs to organisation "Main Org." (id 1), not to this one (id 2)`
	if status, message, _ := health(t, g, admin2); status != http.StatusServiceUnavailable || !strings.Contains(message, why) {
		t.Errorf("health = %d %q", status, message)
	}
	if status, body := request(t, g, admin2, http.MethodPost, appAPI+"/resources/alerting/install", nil); status != http.StatusServiceUnavailable || !strings.Contains(fmt.Sprint(body["error"]), why) {
		t.Errorf("install = %d %v", status, body)
	}
	if _, body := request(t, g, admin2, http.MethodGet, appAPI+"/resources/workspaces", nil); !strings.Contains(fmt.Sprint(body["note"]), why) {
		t.Errorf("workspaces = %v", body)
	}
	for _, r := range g.Requests() {
		if r.Caller == "extsvc-"+PluginID && r.Path != "/api/org/" {
			t.Errorf("the service account called %s %s for organisation 2", r.Method, r.Path)
		}
	}
	if len(g.Folders(1)) != 0 {
		t.Error("the installer wrote into the default organisation")
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
