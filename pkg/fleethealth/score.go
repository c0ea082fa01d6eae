package fleethealth

import (
	"math"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
)

// Order is the page's one sentence on the health order.
const Order = "Worst first: each workspace is ranked by its worst signal measured against the threshold of the alert that watches it (1 = at the threshold), so every workspace past an alert threshold comes before any that is not."

// FastBurnRate is the 1 h burn rate at which ErrorBudgetFastBurn pages (the SRE workbook's 14.4:
// 2 % of a 30-day budget in an hour).
const FastBurnRate = 14.4

// LaggingAfter: a workspace whose newest sample, or whose agent's remote write queue, is older
// than this, or whose agent drops samples, is lagging: twice the oldest a reporting workspace
// shows (a 30 s scrape of the shared plan plus a 30 s evaluation of the rules).
const LaggingAfter = 2 * time.Minute

// Thresholds are the thresholds of the alerts that watch each scored signal.
type Thresholds struct {
	ErrorRatio        float64       // HighErrorRate
	LatencyP95Seconds float64       // SlowResponseTime
	QuotaRatio        float64       // ResourceQuotaExceeded
	SilentAfter       time.Duration // WorkspaceSilent
}

// ThresholdsOf takes the thresholds from the alerts' own configuration, the one source of both.
func ThresholdsOf(cfg alerting.Config, silentAfter time.Duration) Thresholds {
	return Thresholds{ErrorRatio: cfg.ErrorRatio, LatencyP95Seconds: cfg.LatencyP95Seconds, QuotaRatio: cfg.QuotaRatio, SilentAfter: silentAfter}
}

// noSignal is the worst signal of a workspace with no score above 0.
const noSignal Signal = -1

// score is the highest of the signal scores (value / threshold) and the signal that gives it; a
// tie names the first in the order of Signal, and no data or nothing above 0 gives (0, noSignal).
func score(v *values, t Thresholds) (float64, Signal) {
	per := [...]struct {
		s         Signal
		threshold float64
	}{
		{VClustersDown, 1}, {ErrorRatio, t.ErrorRatio}, {LatencyP95, t.LatencyP95Seconds},
		{QuotaUsage, t.QuotaRatio}, {BurnRate1h, FastBurnRate}, {DataAge, t.SilentAfter.Seconds()},
	}
	best, worst := 0.0, noSignal
	for _, p := range per {
		if x := v[p.s]; !math.IsNaN(x) && p.threshold > 0 && x/p.threshold > best {
			best, worst = x/p.threshold, p.s
		}
	}
	return best, worst
}

// coverageClass is how a workspace reports.
type coverageClass uint8

const (
	reporting coverageClass = iota
	lagging
	silent
	never
)

// coverageNames are the classes as the API names them, in coverageClass order.
var coverageNames = [...]string{"reporting", "lagging", "silent", "never"}

// classify: never when it has no data age (never reported, or not within the rules' KnownFor),
// silent past SilentAfter (as WorkspaceSilent), lagging when its data or its agent's queue is
// older than LaggingAfter or its agent fails to send samples, else reporting.
func classify(v *values, t Thresholds) coverageClass {
	age, lag, failed := v[DataAge], v[RemoteWriteLag], v[RemoteWriteFailedRatio]
	switch {
	case math.IsNaN(age):
		return never
	case age > t.SilentAfter.Seconds():
		return silent
	case age > LaggingAfter.Seconds() || lag > LaggingAfter.Seconds() || failed > 0:
		return lagging
	}
	return reporting
}
