package plugin

import (
	"encoding/json"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/hexabase/hexabase-monitoring-app/pkg/buildversion"
)

func (a *App) registerRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /version", a.handleVersion)
	mux.HandleFunc("POST /alerting/install", a.handleInstallAlerting)
	mux.HandleFunc("GET /plans", a.handlePlans)
	mux.HandleFunc("POST /settings/validate", a.handleValidateSettings)
	mux.HandleFunc("GET /workspaces", a.handleWorkspaces)
	mux.HandleFunc("GET /workspaces/{id}/agent-config", a.handleAgentConfig)
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}

// handleVersion answers which plugin and SDK versions are running.
func (a *App) handleVersion(w http.ResponseWriter, req *http.Request) {
	loaded := backend.PluginConfigFromContext(req.Context()).PluginVersion
	writeJSON(w, http.StatusOK, buildversion.Get(PluginID, loaded))
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(body); err != nil {
		log.DefaultLogger.Warn("writing response failed", "error", err.Error())
	}
}
