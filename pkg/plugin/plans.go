package plugin

import (
	"net/http"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// handlePlans answers GET /plans: each plan as the agents get it, the saved overrides applied
// over the defaults.
func (a *App) handlePlans(w http.ResponseWriter, _ *http.Request) {
	if a.refuseInvalidSettings(w) {
		return
	}
	plans := map[string]agentconfig.Plan{}
	for _, name := range []string{agentconfig.Shared, agentconfig.Dedicated} {
		plans[name], _ = a.settings.Plan(name)
	}
	writeJSON(w, http.StatusOK, map[string]any{"plans": plans, "jobs": agentconfig.JobNames})
}
