// Package alerting is the single source of the app's alert and recording rules, their
// notification routing and message templates. Everything else (the Prometheus rule file that
// promtool tests, Grafana's provisioning files, the installer's API payloads, the README's alert
// table) is rendered from it.
package alerting

import "time"

// Config holds every tunable of the rules; Defaults() carries the platform design's values.
type Config struct {
	HostCPUPercent     float64       // HighCPUUsage: busy CPU share of a host, in percent
	HostCPUFor         time.Duration //
	HostMemoryPercent  float64       // HighMemoryUsage: used memory share of a host, in percent
	HostMemoryFor      time.Duration //
	DiskFreePercent    float64       // DiskSpaceRunningOut: free space of a filesystem, in percent
	DiskFor            time.Duration //
	VClusterDownFor    time.Duration // vClusterDown
	ErrorRatio         float64       // HighErrorRate: 5xx share of an endpoint's requests
	ErrorFor           time.Duration //
	MinRequestRate     float64       // requests/s an endpoint needs before its ratios and quantiles count
	LatencyP95Seconds  float64       // SlowResponseTime: p95 latency of an endpoint
	LatencyFor         time.Duration //
	DeployFailureRatio float64       // DeploymentFailureSpike: failed share of a workspace's deployments
	DeployMinCount     float64       // deployments in the window before the share counts
	DeployWindow       time.Duration //
	DeployFor          time.Duration //
	QuotaRatio         float64       // ResourceQuotaExceeded: usage against quota
	QuotaFor           time.Duration //
	RunbookBaseURL     string        // runbook_url = RunbookBaseURL + "#" + lower-case alert name
	RateWindow         time.Duration // range of the rate() of the CPU, error and latency alerts
	EvaluationInterval time.Duration // when set, replaces every group's interval (tests only)
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
		RunbookBaseURL:     "https://github.com/hexabase/hexabase-monitoring-app/blob/main/docs/runbooks.md",
		RateWindow:         5 * time.Minute,
	}
}
