// Package alerting is the single source of the app's alert and recording rules, their
// notification routing and message templates. Everything else (the Prometheus rule file that
// promtool tests, Grafana's provisioning files, the installer's API payloads, the README's alert
// table) is rendered from it.
package alerting

import "time"

// Config holds every tunable of the rules; Defaults() carries the platform design's values.
type Config struct {
	HostCPUPercent     float64            // HighCPUUsage: busy CPU share of a host, in percent
	HostCPUFor         time.Duration      //
	HostMemoryPercent  float64            // HighMemoryUsage: used memory share of a host, in percent
	HostMemoryFor      time.Duration      //
	DiskFreePercent    float64            // DiskSpaceRunningOut: free space of a filesystem, in percent
	DiskFor            time.Duration      //
	VClusterDownFor    time.Duration      // vClusterDown
	ErrorRatio         float64            // HighErrorRate: 5xx share of an endpoint's requests
	ErrorFor           time.Duration      //
	MinRequestRate     float64            // requests/s an endpoint needs before its ratios and quantiles count
	LatencyP95Seconds  float64            // SlowResponseTime: p95 latency of an endpoint
	LatencyFor         time.Duration      //
	DeployFailureRatio float64            // DeploymentFailureSpike: failed share of a workspace's deployments
	DeployMinCount     float64            // deployments in the window before the share counts
	DeployWindow       time.Duration      //
	DeployFor          time.Duration      //
	QuotaRatio         float64            // ResourceQuotaExceeded: usage against quota
	QuotaFor           time.Duration      //
	SilentAfter        time.Duration      // WorkspaceSilent: data age of a workspace in the inventory
	SilentFor          time.Duration      //
	KnownFor           time.Duration      // how long a silent workspace's last-sample time is kept (Prometheus' default retention)
	ForecastWindow     time.Duration      // QuotaForecastFull: the trend is fitted over this much usage history
	ForecastHorizon    time.Duration      // alert when a quota is forecast to be full within this
	ForecastFor        time.Duration      //
	Objectives         map[string]float64 // plan -> availability objective; no SLO alerts when empty (filled by callers)
	FastBurn           []BurnPair         // ErrorBudgetFastBurn (pages): any pair burning past its factor
	FastBurnFor        time.Duration      //
	SlowBurn           []BurnPair         // ErrorBudgetSlowBurn (ticket)
	SlowBurnFor        time.Duration      //
	RunbookBaseURL     string             // runbook_url = RunbookBaseURL + "#" + lower-case alert name
	RateWindow         time.Duration      // range of the rate() of the CPU, error and latency alerts
	EvaluationInterval time.Duration      // when set, replaces every group's interval (tests only)
}

// Defaults returns the design's thresholds and durations (changed values say why in rules.go).
func Defaults() Config {
	return Config{
		HostCPUPercent:     80,
		HostCPUFor:         5 * time.Minute,
		HostMemoryPercent:  85,
		HostMemoryFor:      5 * time.Minute,
		DiskFreePercent:    10,
		DiskFor:            2 * time.Minute,
		VClusterDownFor:    time.Minute,
		ErrorRatio:         0.05,
		ErrorFor:           3 * time.Minute,
		MinRequestRate:     0.1,
		LatencyP95Seconds:  2,
		LatencyFor:         5 * time.Minute,
		DeployFailureRatio: 0.5,
		DeployMinCount:     3,
		DeployWindow:       10 * time.Minute,
		DeployFor:          2 * time.Minute,
		QuotaRatio:         0.95,
		QuotaFor:           time.Minute,
		SilentAfter:        10 * time.Minute,
		SilentFor:          time.Minute,
		KnownFor:           15 * 24 * time.Hour,
		ForecastWindow:     6 * time.Hour,
		ForecastHorizon:    24 * time.Hour,
		ForecastFor:        30 * time.Minute,
		FastBurn:           []BurnPair{{"1h", "5m", 14.4}, {"6h", "30m", 6}},
		FastBurnFor:        2 * time.Minute,
		SlowBurn:           []BurnPair{{"1d", "2h", 3}, {"3d", "6h", 1}},
		SlowBurnFor:        15 * time.Minute,
		RunbookBaseURL:     "https://github.com/hexabase/hexabase-monitoring-app/blob/main/docs/runbooks.md",
		RateWindow:         5 * time.Minute,
	}
}

// BurnPair is one multi-window pair of the SRE workbook's burn-rate alerts: both windows' error
// ratios must exceed Factor times the plan's error budget. Windows are SLOWindows.
type BurnPair struct {
	Long, Short string
	Factor      float64
}
