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
	ctx, cancel := context.WithTimeout(req.Context(), installTimeout)
	defer cancel()
	client, err := a.grafanaClient(ctx, pc, 20*time.Second)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	res, err := install.Install(ctx, client, alerting.Defaults(), a.settings.Datasources.Prometheus, a.destinations(),
		install.Options{
			RotateSecrets: req.URL.Query().Get("rotateSecrets") == "true",
			Overwrite:     req.URL.Query().Get("overwrite") == "true",
			OrgID:         pc.OrgID,
		})
	switch {
	case err != nil && len(res.Changes) == 0:
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
