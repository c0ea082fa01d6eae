package plugin

import (
	"net/http"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting/ruler"
)

// handleInstallRecordingRules installs or updates the app's recording rules in the ruler of the
// store behind the app's Prometheus datasource (Cortex or Mimir), through Grafana, and answers
// what was created, updated or left alone; with a plain Prometheus it answers why the rule file
// stays a manual step. It is a route of its own, not a part of /alerting/install: the alerts live
// in Grafana and do not read the recorded series, and a store without a ruler must not make the
// alerting look failed.
func (a *App) handleInstallRecordingRules(w http.ResponseWriter, req *http.Request) {
	ctx, cancel, client, ok := a.installer(w, req, "recording rules")
	if !ok {
		return
	}
	defer cancel()
	res, err := ruler.Install(ctx, client, a.settings.Datasources.Prometheus, a.rulesConfig())
	a.writeInstallAnswer(w, res, len(res.Changes), err)
}
