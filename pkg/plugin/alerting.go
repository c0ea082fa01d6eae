package plugin

import (
	"bytes"
	"context"
	"encoding/json"
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

// rulesConfig is the app's rule configuration with the plans' objectives from the settings.
func (a *App) rulesConfig() alerting.Config {
	cfg := alerting.Defaults()
	cfg.Objectives = a.settings.Objectives()
	return cfg
}

// handleInstallAlerting installs or updates the app's rules, templates and contact points in this
// Grafana and answers what was created, updated or left alone.
func (a *App) handleInstallAlerting(w http.ResponseWriter, req *http.Request) {
	ctx, cancel, client, ok := a.installer(w, req, "alerting")
	if !ok {
		return
	}
	defer cancel()
	res, err := install.Install(ctx, client, a.rulesConfig(), a.settings.Datasources.Prometheus, a.destinations(),
		install.Options{
			RotateSecrets: req.URL.Query().Get("rotateSecrets") == "true",
			Overwrite:     req.URL.Query().Get("overwrite") == "true",
			OrgID:         backend.PluginConfigFromContext(req.Context()).OrgID,
		})
	a.writeInstallAnswer(w, res, len(res.Changes), err)
}

// installer makes the checks every installer route makes (an Admin, valid settings, the app's
// service account) and answers a refusal itself; ok says whether to go on, within cancel's time.
func (a *App) installer(w http.ResponseWriter, req *http.Request, what string) (context.Context, context.CancelFunc, *grafanaapi.Client, bool) {
	if !isAdmin(req) {
		writeError(w, http.StatusForbidden, "only an Admin can install the app's "+what)
		return nil, nil, nil, false
	}
	if a.refuseInvalidSettings(w) {
		return nil, nil, nil, false
	}
	ctx, cancel := context.WithTimeout(req.Context(), installTimeout)
	client, err := a.grafanaClient(ctx, backend.PluginConfigFromContext(req.Context()), 20*time.Second)
	if err != nil {
		cancel()
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return nil, nil, nil, false
	}
	return ctx, cancel, client, true
}

// writeInstallAnswer answers an installer's result: 400 when it failed before doing anything, 502
// with what was done when a part failed, 200 otherwise.
func (a *App) writeInstallAnswer(w http.ResponseWriter, res any, changes int, err error) {
	switch {
	case err != nil && changes == 0:
		a.writeWithoutSecrets(w, http.StatusBadRequest, map[string]any{"error": err.Error()})
	case err != nil:
		a.writeWithoutSecrets(w, http.StatusBadGateway, map[string]any{"error": err.Error(), "result": res})
	default:
		a.writeWithoutSecrets(w, http.StatusOK, map[string]any{"result": res})
	}
}

// writeWithoutSecrets answers body with every configured secret taken out: Grafana's refusals
// are passed on, and Grafana may quote a secret the app sent it in another request.
func (a *App) writeWithoutSecrets(w http.ResponseWriter, status int, body any) {
	raw, err := json.Marshal(body)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "encoding the answer failed")
		return
	}
	for _, secret := range a.secrets {
		if len(secret) < 4 {
			continue
		}
		quoted, _ := json.Marshal(secret)
		raw = bytes.ReplaceAll(raw, quoted[1:len(quoted)-1], []byte("[redacted]"))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(raw, '\n'))
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
