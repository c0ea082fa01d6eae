// Package apphost runs the app's backend behind the Grafana double, as Grafana runs it, with its
// Prometheus datasource on a store of the caller's: what the integration tests against real
// stores (a Cortex ruler, a Cortex cluster) need to drive the app's installers end to end.
package apphost

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"runtime"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting/ruler"
	"github.com/hexabase/hexabase-monitoring-app/pkg/plugin"
	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
)

// Options describe the app's Prometheus datasource and settings.
type Options struct {
	// PrometheusURL is the datasource's URL: for Cortex its legacy prefix,
	// http://host:port/api/prom, where it serves both queries and its ruler's config API.
	PrometheusURL string
	// Tenant, when set, is sent as X-Scope-OrgID with every request Grafana proxies to the
	// datasource (its custom header httpHeaderName1, the value a secret), as an operator sets it.
	Tenant string
	// PrometheusType is the datasource's jsonData.prometheusType (Cortex, Mimir, Prometheus); ""
	// leaves it unset, and the installer looks for a ruler.
	PrometheusType string
	// Settings is the app's jsonData; "" is {}. Its datasources.prometheusUid, when set, must be
	// DatasourceUID.
	Settings string
}

// DatasourceUID is the uid the app's Prometheus datasource gets: the app's default.
const DatasourceUID = "hexabase-prometheus"

// App is the app's backend served behind a running Grafana double, in organisation 1.
type App struct {
	Grafana *grafanadouble.Grafana
	admin   string
}

// Start runs the double with the app's plugin.json and backend, enabled with opts.Settings, and
// the Prometheus datasource; Close stops it.
func Start(opts Options) (*App, error) {
	_, here, _, _ := runtime.Caller(0)
	g, err := grafanadouble.Start(grafanadouble.Options{
		PluginJSON:              filepath.Join(filepath.Dir(here), "..", "..", "src", "plugin.json"),
		ExternalServiceAccounts: true, ManagedServiceAccounts: true, App: plugin.NewApp,
	})
	if err != nil {
		return nil, err
	}
	ds := grafanadouble.Datasource{UID: DatasourceUID, Name: "Prometheus", Type: "prometheus", URL: opts.PrometheusURL,
		JSONData: map[string]any{}, SecureJSONData: map[string]string{}}
	if opts.Tenant != "" {
		ds.JSONData["httpHeaderName1"] = "X-Scope-OrgID"
		ds.SecureJSONData["httpHeaderValue1"] = opts.Tenant
	}
	if opts.PrometheusType != "" {
		ds.JSONData["prometheusType"] = opts.PrometheusType
	}
	g.AddDatasource(grafanadouble.DefaultOrgID, ds)
	settings := opts.Settings
	if settings == "" {
		settings = "{}"
	}
	g.SetPluginSettings(grafanadouble.DefaultOrgID, true, json.RawMessage(settings), nil)
	return &App{Grafana: g, admin: g.UserToken(grafanadouble.DefaultOrgID, "Admin")}, nil
}

// Close stops the double and the app's backend.
func (a *App) Close() { a.Grafana.Close() }

// RecordingRulesAnswer is the answer of POST /alerting/recording-rules/install.
type RecordingRulesAnswer struct {
	Status int          `json:"-"`
	Error  string       `json:"error,omitempty"`
	Result ruler.Result `json:"result"`
}

// InstallRecordingRules calls the app's recording-rule installer as an Admin on the
// configuration page does, through Grafana's resource route.
func (a *App) InstallRecordingRules(ctx context.Context) (RecordingRulesAnswer, error) {
	var answer RecordingRulesAnswer
	url := a.Grafana.URL + "/api/plugins/" + plugin.PluginID + "/resources/alerting/recording-rules/install"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(nil))
	if err != nil {
		return answer, err
	}
	req.Header.Set("Authorization", "Bearer "+a.admin)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return answer, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return answer, err
	}
	if err := json.Unmarshal(raw, &answer); err != nil {
		return answer, fmt.Errorf("the installer answered %d %.300s: %w", res.StatusCode, raw, err)
	}
	answer.Status = res.StatusCode
	return answer, nil
}

// InstallRecordingRules is the one-call form: the app behind Grafana with its Prometheus
// datasource on prometheusURL sending X-Scope-OrgID: tenant installs its recording rules. An
// answer other than 200, or one that names no ruler, is an error.
func InstallRecordingRules(ctx context.Context, prometheusURL, tenant string) (ruler.Result, error) {
	app, err := Start(Options{PrometheusURL: prometheusURL, Tenant: tenant})
	if err != nil {
		return ruler.Result{}, err
	}
	defer app.Close()
	answer, err := app.InstallRecordingRules(ctx)
	switch {
	case err != nil:
		return answer.Result, err
	case answer.Status != http.StatusOK:
		return answer.Result, fmt.Errorf("the installer answered %d: %s", answer.Status, answer.Error)
	case answer.Result.NoRuler != "":
		return answer.Result, fmt.Errorf("no ruler: %s", answer.Result.NoRuler)
	}
	return answer.Result, nil
}
