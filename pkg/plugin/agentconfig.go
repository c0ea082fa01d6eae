package plugin

import (
	"errors"
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// handleAgentConfig answers the ConfigMap of a workspace's Prometheus agent for its plan:
// GET /workspaces/{id}/agent-config, for a workspace reported by metrics or added by hand.
func (a *App) handleAgentConfig(w http.ResponseWriter, req *http.Request) {
	if a.refuseInvalidSettings(w) {
		return
	}
	// A workspace added by hand needs no discovery, so a slow Prometheus never delays it.
	entry, found := a.manual.Find(req.PathValue("id"))
	if !found {
		index, _ := a.workspaceIndex(req.Context(), backend.PluginConfigFromContext(req.Context()))
		entry, found = index.Find(req.PathValue("id"))
	}
	if !found {
		writeJSON(w, http.StatusNotFound, map[string]any{"error": "workspace: no workspace " + req.PathValue("id") + " is reported by metrics or added in the settings"})
		return
	}
	out, ok := a.configs.get(entry.Workspace)
	if !ok {
		if out, ok = a.renderAgentConfig(w, entry.Workspace); !ok {
			return
		}
	}
	w.Header().Set("Content-Type", "application/yaml")
	w.Header().Set("Content-Disposition", `attachment; filename="prometheus-agent-`+entry.ID+`.yaml"`)
	_, _ = w.Write(out)
}

// renderAgentConfig renders and keeps the configuration of ws, or answers why it cannot.
func (a *App) renderAgentConfig(w http.ResponseWriter, ws agentconfig.Workspace) ([]byte, bool) {
	plan, ok := a.settings.Plan(ws.Plan)
	if !ok {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "plan: must be shared or dedicated", "errors": []agentconfig.FieldError{{Field: "workspace.plan", Rule: "must be shared or dedicated"}}})
		return nil, false
	}
	out, err := agentconfig.ConfigMapYAML(plan, ws)
	var verr *agentconfig.ValidationError
	switch {
	case errors.As(err, &verr):
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": verr.Error(), "errors": verr.Fields})
		return nil, false
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
		return nil, false
	}
	a.configs.put(ws, out)
	return out, true
}
