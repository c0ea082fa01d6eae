package plugin

import (
	"net/http"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// handleWorkspaces answers one page of the workspaces:
// GET /workspaces?search=&plan=&cluster=&page=&perPage=, where plan and cluster may repeat.
func (a *App) handleWorkspaces(w http.ResponseWriter, req *http.Request) {
	if a.refuseInvalidSettings(w) {
		return
	}
	q, errs := workspaces.ParseQuery(req.URL.Query())
	if len(errs) > 0 {
		parts := make([]string, len(errs))
		for i, e := range errs {
			parts[i] = e.Field + ": " + e.Rule
		}
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": strings.Join(parts, "; "), "errors": errs})
		return
	}
	index, st := a.workspaceIndex(req.Context(), backend.PluginConfigFromContext(req.Context()))
	writeJSON(w, http.StatusOK, map[string]any{"page": index.List(q), "note": st.Note, "discoveredAt": st.DiscoveredAt, "refreshing": st.Refreshing})
}
