package plugin

import (
	"net/http"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// handleWorkspaces answers one page of the workspaces: GET /workspaces?search=&page=&perPage=
func (a *App) handleWorkspaces(w http.ResponseWriter, req *http.Request) {
	if a.refuseInvalidSettings(w) {
		return
	}
	q, errs := workspaces.ParseQuery(req.URL.Query())
	if len(errs) > 0 {
		fields := make([]settings.FieldError, len(errs))
		for i, e := range errs {
			fields[i] = settings.FieldError{Field: e.Field, Rule: e.Rule}
		}
		writeInvalid(w, &settings.ValidationError{Fields: fields})
		return
	}
	index, st := a.workspaceIndex(req.Context(), backend.PluginConfigFromContext(req.Context()))
	writeJSON(w, http.StatusOK, map[string]any{"page": index.List(q), "note": st.Note, "discoveredAt": st.DiscoveredAt, "refreshing": st.Refreshing})
}
