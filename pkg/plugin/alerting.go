package plugin

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting/install"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

// installTimeout bounds one installation; it makes a few dozen small API calls.
const installTimeout = 60 * time.Second

// handleInstallAlerting installs or updates the app's rules, templates and contact points in
// this Grafana and answers what was created, updated or left alone.
func (a *App) handleInstallAlerting(w http.ResponseWriter, req *http.Request) {
	pc := backend.PluginConfigFromContext(req.Context())
	if !isAdmin(req) {
		writeError(w, http.StatusForbidden, "only an Admin can install the app's alerting")
		return
	}
	if a.refuseInvalidSettings(w) {
		return
	}
	grafanaURL, token, err := grafanaAPI(pc)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(req.Context(), installTimeout)
	defer cancel()
	client := &grafanaapi.Client{BaseURL: grafanaURL, Token: token, HTTP: &http.Client{Timeout: 20 * time.Second}}
	res, err := install.Install(ctx, client, alerting.Defaults(), a.settings.Datasources.Prometheus, a.destinations(),
		install.Options{RotateSecrets: req.URL.Query().Get("rotateSecrets") == "true"})
	switch {
	case err != nil && len(res.Changes) == 0:
		writeError(w, http.StatusBadRequest, err.Error())
	case err != nil:
		writeJSON(w, http.StatusBadGateway, map[string]any{"error": err.Error(), "result": res})
	default:
		writeJSON(w, http.StatusOK, map[string]any{"result": res})
	}
}

func (a *App) destinations() install.Destinations {
	return install.Destinations{
		OpsEmail:      a.settings.Notifications.OpsEmail,
		CriticalEmail: a.settings.Notifications.CriticalEmail,
		SlackToken:    a.secrets[settings.SecretSlackBotToken],
		PagerDutyKey:  a.secrets[settings.SecretPagerDutyKey],
		WebhookURL:    a.secrets[settings.SecretWebhookURL],
		SlackChannels: a.settings.Notifications.SlackChannels.ByIntegration(),
	}
}

// grafanaAPI returns the URL and the app's service-account token that Grafana hands to the
// plugin (plugin.json "iam"; needs the externalServiceAccounts feature toggle).
func grafanaAPI(pc backend.PluginContext) (string, string, error) {
	const how = "enable Grafana's externalServiceAccounts feature toggle so that the app gets its service account, then restart Grafana"
	if pc.GrafanaConfig == nil {
		return "", "", errors.New("Grafana did not pass its configuration to the app: " + how)
	}
	appURL, err := pc.GrafanaConfig.AppURL()
	if err != nil {
		return "", "", errors.New("Grafana did not pass its URL to the app: " + how)
	}
	token, err := pc.GrafanaConfig.PluginAppClientSecret()
	if err != nil || token == "" {
		return "", "", errors.New("the app has no service account token: " + how)
	}
	return appURL, token, nil
}
