package simulator

import (
	"math"
	"time"
)

// rhythm is the daily traffic curve: quiet at night (UTC+9, the platform's main market),
// busiest in the afternoon, between 0.3 and 1.
func rhythm(t time.Time) float64 {
	hour := float64(t.UTC().Add(9*time.Hour).Hour()) + float64(t.Minute())/60
	return 0.65 + 0.35*math.Sin((hour-9)/24*2*math.Pi)
}

// wave is a slow deterministic variation in [-1,1] with a per-key phase and a period.
func wave(seed int64, key string, t time.Time, period time.Duration) float64 {
	phase := unit(seed, key, "phase") * 2 * math.Pi
	return math.Sin(float64(t.UnixNano())/float64(period)*2*math.Pi + phase)
}

// Request mix of an endpoint: shares of each status code, summing to 1.
type statusMix struct{ ok, notFound, internal, unavailable float64 }

var statusCodes = []string{"200", "404", "500", "503"}

func (m statusMix) shares() []float64 { return []float64{m.ok, m.notFound, m.internal, m.unavailable} }

// baselineMix: a background of client errors and a trace of server errors: 0.01% 5xx burns a
// fifth of the dedicated plan's 99.95% budget, so a healthy platform raises no burn-rate alert.
var baselineMix = statusMix{ok: 0.9799, notFound: 0.02, internal: 0.00006, unavailable: 0.00004}

// errorSpikeMix: what a broken release of one endpoint looks like.
var errorSpikeMix = statusMix{ok: 0.66, notFound: 0.02, internal: 0.3, unavailable: 0.02}

// Histogram buckets of hexabase_http_request_duration_seconds, as the design declares them.
var latencyBuckets = []float64{0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// latency shares per bucket (the last entry is above 10s); healthy endpoints answer mostly
// under 250ms with a tail, slow ones between 2.5s and 5s.
var (
	healthyLatency = []float64{0.55, 0.3, 0.1, 0.035, 0.01, 0.004, 0.001, 0}
	slowLatency    = []float64{0, 0, 0.01, 0.02, 0.07, 0.85, 0.04, 0.01}
)

// bucketMid is the typical latency of requests falling in bucket i, for the _sum series.
func bucketMid(i int) float64 {
	lower := 0.0
	if i > 0 {
		lower = latencyBuckets[i-1]
	}
	if i >= len(latencyBuckets) {
		return 15
	}
	return (lower + latencyBuckets[i]) / 2
}

// Deployment, AIOps and resource catalogues.
var (
	deploymentTypes = []string{"helm", "kustomize", "manifest"}
	deploymentShare = []float64{0.5, 0.3, 0.2}
	aiopsAgents     = []string{"autoscaler", "healer", "optimizer"}
	aiopsOperations = []string{"scale", "restart", "tune"}
	resourceTypes   = []string{"cpu", "memory", "storage"}
	databaseNames   = []string{"app-db", "metadata-db"}
)
