// Command testrules prints the app's Prometheus rules with every group evaluated every few
// seconds and a forecast fitted over a minute, so that a Prometheus started for a test has every
// recorded series within minutes (the production file needs 6h of history for a forecast and
// evaluates its long windows every 4 minutes). The query integration suite loads its output.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/tools/testrules/shortwindows"
)

func main() {
	cfg := shortwindows.Config()
	flag.DurationVar(&cfg.EvaluationInterval, "evaluation-interval", cfg.EvaluationInterval, "interval of every rule group")
	flag.DurationVar(&cfg.ForecastWindow, "forecast-window", cfg.ForecastWindow, "history the quota forecasts fit")
	flag.DurationVar(&cfg.ForecastHorizon, "forecast-horizon", cfg.ForecastHorizon, "QuotaForecastFull's horizon")
	flag.Parse()
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
