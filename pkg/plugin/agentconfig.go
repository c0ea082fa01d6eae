package plugin

import (
	"errors"
	"net/http"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// handleAgentConfig answers the ConfigMap of a workspace's Prometheus agent for its plan:
// GET /workspaces/{id}/agent-config?cluster=<cluster id>&plan=shared|dedicated
func (a *App) handleAgentConfig(w http.ResponseWriter, req *http.Request) {
	if a.settingsErr != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": a.settingsErr.Error(), "errors": fieldErrors(a.settingsErr)})
		return
	}
	q := req.URL.Query()
	ws := agentconfig.Workspace{ID: req.PathValue("id"), ClusterID: q.Get("cluster"), Plan: q.Get("plan")}
	plan, ok := a.settings.Plan(ws.Plan)
	if !ok {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "plan: must be shared or dedicated", "errors": []agentconfig.FieldError{{Field: "workspace.plan", Rule: "must be shared or dedicated"}}})
		return
	}
	out, err := agentconfig.ConfigMapYAML(plan, ws)
	var verr *agentconfig.ValidationError
	switch {
	case errors.As(err, &verr):
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": verr.Error(), "errors": verr.Fields})
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
	default:
		w.Header().Set("Content-Type", "application/yaml")
		w.Header().Set("Content-Disposition", `attachment; filename="prometheus-agent-`+ws.ID+`.yaml"`)
		_, _ = w.Write(out)
	}
}
