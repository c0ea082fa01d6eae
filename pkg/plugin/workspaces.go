package plugin

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// discoveryTTL keeps the page and the agent-config route from querying Prometheus on every call.
const discoveryTTL = time.Minute

type discoveryCache struct {
	mu      sync.Mutex
	at      time.Time
	entries []workspaces.Entry
	note    string
}

// workspaceEntries merges the workspaces Prometheus reports with those added by hand; without a
// service account it lists the manual ones and says why the others are missing.
func (a *App) workspaceEntries(ctx context.Context, pc backend.PluginContext) ([]workspaces.Entry, string) {
	a.discovery.mu.Lock()
	defer a.discovery.mu.Unlock()
	if time.Since(a.discovery.at) < discoveryTTL && a.discovery.entries != nil {
		return a.discovery.entries, a.discovery.note
	}
	note := ""
	var discovered []agentconfig.Workspace
	client, err := a.grafanaClient(ctx, pc, 15*time.Second)
	if err != nil {
		note = "workspaces reported by metrics are not listed: " + err.Error()
	} else if discovered, err = workspaces.Discover(ctx, client, a.settings.Datasources.Prometheus); err != nil {
		note = err.Error()
	}
	a.discovery.entries = workspaces.Merge(discovered, a.settings.Workspaces)
	a.discovery.at, a.discovery.note = time.Now(), note
	return a.discovery.entries, note
}

// handleWorkspaces answers one page of the workspaces: GET /workspaces?search=&page=&perPage=
func (a *App) handleWorkspaces(w http.ResponseWriter, req *http.Request) {
	if a.refuseInvalidSettings(w) {
		return
	}
	q := req.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	perPage, _ := strconv.Atoi(q.Get("perPage"))
	entries, note := a.workspaceEntries(req.Context(), backend.PluginConfigFromContext(req.Context()))
	writeJSON(w, http.StatusOK, map[string]any{"page": workspaces.List(entries, q.Get("search"), page, perPage), "note": note})
}
