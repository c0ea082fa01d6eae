// Command testrules prints the app's Prometheus rules with every group evaluated every few
// seconds and a forecast fitted over a minute, so that a Prometheus started for a test has every
// recorded series within minutes (the production file needs 6h of history for a forecast and
// evaluates its long windows every 4 minutes). The query integration suite loads its output.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

func main() {
	cfg := alerting.Defaults()
	flag.DurationVar(&cfg.EvaluationInterval, "evaluation-interval", 5*time.Second, "interval of every rule group")
	flag.DurationVar(&cfg.ForecastWindow, "forecast-window", time.Minute, "history the quota forecasts fit")
	// A baseline is forecast full a few hours away over a fit of a minute: an hour keeps
	// QuotaForecastFull to the workspaces a quota-filling fault fills.
	flag.DurationVar(&cfg.ForecastHorizon, "forecast-horizon", time.Hour, "QuotaForecastFull's horizon")
	flag.Parse()
	cfg.Objectives = settings.Settings{}.Objectives()
	rules, err := alerting.PrometheusRules(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testrules:", err)
		os.Exit(1)
	}
	if _, err := os.Stdout.Write(rules); err != nil {
		fmt.Fprintln(os.Stderr, "testrules:", err)
		os.Exit(1)
	}
}
