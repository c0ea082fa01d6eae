// Package shortwindows is the app's rule configuration for a store started by a test: every
// group evaluated every few seconds and a forecast fitted over a minute, so that every recorded
// series exists within minutes (the production rules need 6 h of history for a forecast and
// evaluate their long windows every 4 minutes).
package shortwindows

import (
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

// Config returns alerting.Defaults() with short evaluation and forecast windows and the plans'
// default objectives.
func Config() alerting.Config {
	cfg := alerting.Defaults()
	cfg.EvaluationInterval = 5 * time.Second
	cfg.ForecastWindow = time.Minute
	// A baseline is forecast full a few hours away over a fit of a minute: an hour keeps
	// QuotaForecastFull to the workspaces a quota-filling fault fills.
	cfg.ForecastHorizon = time.Hour
	cfg.Objectives = settings.Settings{}.Objectives()
	return cfg
}
