// Package fleethealth ranks every workspace by its worst signal against the threshold of the
// alert that watches it, and counts how many report, from one instant query per signal over the
// recorded series, so that the Workspaces page reads one page of rows, never the whole fleet.
package fleethealth

import "math"

// Signal is one measured value of a workspace.
type Signal int

// The signals, in the order the health list names them; a tie between two signal scores names the first.
const (
	VClustersDown Signal = iota
	VClustersTotal
	ErrorRatio
	LatencyP95
	QuotaUsage
	BurnRate1h
	BudgetRemaining
	DataAge
	RemoteWriteFailedRatio
	RemoteWriteLag
	numSignals
)

// signalNames are the members of Signals, by signal.
var signalNames = [numSignals]string{"vclustersDown", "vclustersTotal", "errorRatio", "latencyP95Seconds", "quotaUsage",
	"burnRate1h", "budgetRemaining", "dataAgeSeconds", "remoteWriteFailedRatio", "remoteWriteLagSeconds"}

func (s Signal) String() string { return signalNames[s] }

// Names of the scored signals as the API writes them in "worst".
var worstNames = map[Signal]string{
	VClustersDown: "vclustersDown", ErrorRatio: "errorRatio", LatencyP95: "latencyP95",
	QuotaUsage: "quotaUsage", BurnRate1h: "budgetBurn", DataAge: "dataAge",
}

// values holds a workspace's signals; NaN is no data.
type values [numSignals]float64

func noData() values {
	var v values
	for i := range v {
		v[i] = math.NaN()
	}
	return v
}

// Signals is the API's view of a workspace's values; an absent member is no data.
type Signals struct {
	VClustersDown          *float64 `json:"vclustersDown,omitempty"`
	VClustersTotal         *float64 `json:"vclustersTotal,omitempty"`
	ErrorRatio             *float64 `json:"errorRatio,omitempty"`
	LatencyP95Seconds      *float64 `json:"latencyP95Seconds,omitempty"`
	QuotaUsage             *float64 `json:"quotaUsage,omitempty"`
	QuotaResource          string   `json:"quotaResource,omitempty"`
	BurnRate1h             *float64 `json:"burnRate1h,omitempty"`
	BudgetRemaining        *float64 `json:"budgetRemaining,omitempty"`
	DataAgeSeconds         *float64 `json:"dataAgeSeconds,omitempty"`
	RemoteWriteFailedRatio *float64 `json:"remoteWriteFailedRatio,omitempty"`
	RemoteWriteLagSeconds  *float64 `json:"remoteWriteLagSeconds,omitempty"`
}

func (v *values) signals(quotaResource string) Signals {
	at := func(s Signal) *float64 {
		if math.IsNaN(v[s]) {
			return nil
		}
		x := v[s]
		return &x
	}
	out := Signals{
		VClustersDown: at(VClustersDown), VClustersTotal: at(VClustersTotal), ErrorRatio: at(ErrorRatio),
		LatencyP95Seconds: at(LatencyP95), QuotaUsage: at(QuotaUsage), BurnRate1h: at(BurnRate1h),
		BudgetRemaining: at(BudgetRemaining), DataAgeSeconds: at(DataAge),
		RemoteWriteFailedRatio: at(RemoteWriteFailedRatio), RemoteWriteLagSeconds: at(RemoteWriteLag),
	}
	if out.QuotaUsage != nil {
		out.QuotaResource = quotaResource
	}
	return out
}
