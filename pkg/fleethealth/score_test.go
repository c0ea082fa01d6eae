package fleethealth

import (
	"math"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
)

var testThresholds = ThresholdsOf(alerting.Defaults(), 10*time.Minute)

// with is a workspace's values with the given signals set, the others no data.
func with(set map[Signal]float64) values {
	v := noData()
	for s, x := range set {
		v[s] = x
	}
	return v
}

func TestThresholdsComeFromTheAlerts(t *testing.T) {
	if testThresholds != (Thresholds{ErrorRatio: 0.05, LatencyP95Seconds: 2, QuotaRatio: 0.95, SilentAfter: 10 * time.Minute}) {
		t.Fatalf("%+v", testThresholds)
	}
}

func TestScoreIsTheWorstSignalAgainstItsAlertThreshold(t *testing.T) {
	cases := []struct {
		name  string
		v     values
		score float64
		worst Signal
	}{
		{"no data", noData(), 0, noSignal},
		{"all zero", with(map[Signal]float64{VClustersDown: 0, ErrorRatio: 0, DataAge: 0}), 0, noSignal},
		{"one vCluster down", with(map[Signal]float64{VClustersDown: 1, VClustersTotal: 2, DataAge: 30}), 1, VClustersDown},
		{"5xx at twice the threshold", with(map[Signal]float64{ErrorRatio: 0.1, LatencyP95: 1}), 2, ErrorRatio},
		{"slow", with(map[Signal]float64{ErrorRatio: 0.01, LatencyP95: 3}), 1.5, LatencyP95},
		{"quota", with(map[Signal]float64{QuotaUsage: 0.475}), 0.5, QuotaUsage},
		{"fast burn", with(map[Signal]float64{BurnRate1h: 28.8, BudgetRemaining: -5}), 2, BurnRate1h},
		{"silent for an hour", with(map[Signal]float64{DataAge: 3600}), 6, DataAge},
		{"a tie names the first", with(map[Signal]float64{VClustersDown: 1, ErrorRatio: 0.05}), 1, VClustersDown},
		{"unscored signals count for nothing", with(map[Signal]float64{VClustersTotal: 50, BudgetRemaining: -100, RemoteWriteLag: 1e6, RemoteWriteFailedRatio: 1}), 0, noSignal},
	}
	for _, c := range cases {
		s, w := score(&c.v, testThresholds)
		if !near(s, c.score) || w != c.worst {
			t.Errorf("%s: score %v %v, want %v %v", c.name, s, w, c.score, c.worst)
		}
	}
	if s, w := score(ptr(with(map[Signal]float64{ErrorRatio: 1})), Thresholds{}); s != 0 || w != noSignal {
		t.Errorf("a zero threshold scores nothing: %v %v", s, w)
	}
}

func ptr(v values) *values { return &v }

func TestClassifyTellsHowAWorkspaceReports(t *testing.T) {
	cases := []struct {
		name string
		v    values
		want coverageClass
	}{
		{"never reported", noData(), never},
		{"never reported, other signals", with(map[Signal]float64{VClustersTotal: 2}), never},
		{"fresh", with(map[Signal]float64{DataAge: 45, RemoteWriteLag: 3, RemoteWriteFailedRatio: 0}), reporting},
		{"fresh without agent health", with(map[Signal]float64{DataAge: 120}), reporting},
		{"old data", with(map[Signal]float64{DataAge: 121}), lagging},
		{"queue behind", with(map[Signal]float64{DataAge: 30, RemoteWriteLag: 121}), lagging},
		{"dropping samples", with(map[Signal]float64{DataAge: 30, RemoteWriteFailedRatio: 0.001}), lagging},
		{"at SilentAfter", with(map[Signal]float64{DataAge: 600}), lagging},
		{"past SilentAfter", with(map[Signal]float64{DataAge: 601, RemoteWriteLag: 0}), silent},
	}
	for _, c := range cases {
		if got := classify(&c.v, testThresholds); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestSignalValue(t *testing.T) {
	cases := []struct {
		s            Signal
		v, objective float64
		want         float64
		ok           bool
	}{
		{ErrorRatio, 0.2, 0, 0.2, true},
		{ErrorRatio, math.NaN(), 0, 0, false},
		{BurnRate1h, 0.002, 0.999, 2, true},
		{BurnRate1h, 0.002, 0, 0, false}, // a plan without an objective
		{BurnRate1h, 0.002, 1, 0, false},
		{BudgetRemaining, 0.0005, 0.999, 0.5, true},
		{DataAge, -3, 0, 0, true},
		{DataAge, 42, 0, 42, true},
	}
	for _, c := range cases {
		got, ok := signalValue(c.s, c.v, c.objective)
		if ok != c.ok || !near(got, c.want) {
			t.Errorf("signalValue(%v, %v, %v) = %v %v", c.s, c.v, c.objective, got, ok)
		}
	}
}
