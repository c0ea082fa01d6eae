package fleethealth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// Sample is one workspace's value of one signal, as the signal reads (a burn rate, not the
// error ratio it comes from).
type Sample struct {
	WorkspaceID string
	Value       float64
	Resource    string // the quota's resource_type; empty for the other signals
}

type signalLabels struct {
	WorkspaceID  string `json:"workspace_id"`
	PlanType     string `json:"plan_type"`
	ResourceType string `json:"resource_type"`
}

// ReadSignal runs one query through c: Grafana's proxy to the datasource prometheusUID, or, with
// an empty uid, Prometheus itself. The answer is decoded as it arrives; objectives (plan ->
// availability objective) turn error ratios into burn rates and budgets, and a workspace whose
// plan has none has no burn rate or budget.
func ReadSignal(ctx context.Context, c *grafanaapi.Client, prometheusUID string, q Query, objectives map[string]float64) ([]Sample, error) {
	var out []Sample
	err := c.Stream(ctx, http.MethodGet, workspaces.QueryPath(prometheusUID, q.PromQL), nil, func(r io.Reader) error {
		return workspaces.DecodeVector(r, func(l signalLabels, v float64) error {
			if len(out) == workspaces.MaxDiscovered*8 {
				return fmt.Errorf("more than %d series", len(out))
			}
			if v, ok := signalValue(q.Signal, v, objectives[l.PlanType]); ok && l.WorkspaceID != "" {
				out = append(out, Sample{WorkspaceID: l.WorkspaceID, Value: v, Resource: l.ResourceType})
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("reading %v: %w", q.Signal, err)
	}
	return out, nil
}

// signalValue turns a query's value into the signal's; false is no data.
func signalValue(s Signal, v, objective float64) (float64, bool) {
	if math.IsNaN(v) {
		return 0, false
	}
	switch s {
	case BurnRate1h, BudgetRemaining:
		if !(objective > 0 && objective < 1) {
			return 0, false
		}
		if s == BurnRate1h {
			return burnRate(v, objective), true
		}
		return budgetLeft(v, objective), true
	case DataAge:
		return max(v, 0), true // a clock ahead of Prometheus' is no age, not a negative one
	}
	return v, true
}

// Readings are every workspace's signals, read at one time.
type Readings struct {
	At   time.Time
	byID map[string]*reading
}

type reading struct {
	v             values
	quotaResource string
}

// Read runs every query at once, each decoded as it arrives. It returns what it read with the
// failures joined: a signal that failed is no data; nil readings only when every query failed.
func Read(ctx context.Context, c *grafanaapi.Client, prometheusUID string, queries []Query, objectives map[string]float64) (*Readings, error) {
	at := time.Now()
	samples := make([][]Sample, len(queries))
	errs := make([]error, len(queries))
	var wg sync.WaitGroup
	for i, q := range queries {
		wg.Go(func() { samples[i], errs[i] = ReadSignal(ctx, c, prometheusUID, q, objectives) })
	}
	wg.Wait()
	failed := 0
	for _, err := range errs {
		if err != nil {
			failed++
		}
	}
	if failed == len(queries) {
		return nil, errors.Join(errs...)
	}
	return Merge(at, queries, samples), errors.Join(errs...)
}

// Merge joins the samples of each query (samples[i] answers queries[i]) per workspace. A
// workspace answering a signal twice keeps the worse: the lower budget, the higher other values;
// its quota usage names the resource of the highest (the first by name among equals).
func Merge(at time.Time, queries []Query, samples [][]Sample) *Readings {
	r := &Readings{At: at, byID: map[string]*reading{}}
	for i, q := range queries {
		for _, s := range samples[i] {
			w := r.byID[s.WorkspaceID]
			if w == nil {
				w = &reading{v: noData()}
				r.byID[s.WorkspaceID] = w
			}
			old := w.v[q.Signal]
			switch {
			case math.IsNaN(old), q.Signal == BudgetRemaining && s.Value < old, q.Signal != BudgetRemaining && s.Value > old:
			case q.Signal == QuotaUsage && s.Value == old && s.Resource < w.quotaResource:
			default:
				continue
			}
			w.v[q.Signal] = s.Value
			if q.Signal == QuotaUsage {
				w.quotaResource = s.Resource
			}
		}
	}
	return r
}

// Len is the number of workspaces with at least one signal.
func (r *Readings) Len() int { return len(r.byID) }
