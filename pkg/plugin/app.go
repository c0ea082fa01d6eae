// Package plugin is the app's backend as Grafana sees it: instance lifecycle, health and the
// resource router. Domain logic lives in sibling packages.
package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"

	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// PluginID is the id in src/plugin.json.
const PluginID = "hexabase-monitoring-app"

var (
	_ backend.CallResourceHandler   = (*App)(nil)
	_ backend.CheckHealthHandler    = (*App)(nil)
	_ instancemgmt.InstanceDisposer = (*App)(nil)
)

// App is one instance of the app for one Grafana org; Grafana rebuilds it when settings change.
type App struct {
	backend.CallResourceHandler
	settings    settings.Settings
	settingsErr error
	secrets     map[string]string
	discovery   discoveryCache
	fleetHealth healthCache
	manual      *workspaces.Index // the workspaces added by hand, known without discovery
	configs     *renderedConfigs
	lifetime    context.Context // ends when Grafana disposes of the instance
	dispose     context.CancelFunc
	saOrg       serviceAccountOrg
}

// NewApp builds an App from its saved settings. Invalid settings do not fail the instance: the
// health check and the resources report them instead, so the user can see and fix them.
func NewApp(_ context.Context, s backend.AppInstanceSettings) (instancemgmt.Instance, error) {
	parsed, err := settings.Parse(s.JSONData)
	err = settings.Join(err, settings.ValidateSecrets(s.DecryptedSecureJSONData))
	a := &App{settings: parsed, settingsErr: err, secrets: s.DecryptedSecureJSONData}
	a.manual = workspaces.NewIndex(nil, parsed.Workspaces)
	a.configs = newRenderedConfigs(maxRenderedBytes)
	a.lifetime, a.dispose = context.WithCancel(context.Background())
	a.CallResourceHandler = a.resourceHandler()
	return a, nil
}

// Dispose stops a running workspace discovery.
func (a *App) Dispose() { a.dispose() }
