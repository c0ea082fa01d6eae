package grafanadouble

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Alert instance states and reasons of Grafana 12.x pkg/services/ngalert/eval and
// pkg/services/ngalert/models (StateReasonMissingSeries).
const (
	StateNormal         = "Normal"
	StatePending        = "Pending"
	StateAlerting       = "Alerting"
	StateNoData         = "NoData"
	ReasonMissingSeries = "MissingSeries"
)

// Instance is one alert instance of a rule after an evaluation.
type Instance struct {
	Labels     map[string]string
	State      string
	Reason     string
	StartsAt   time.Time
	LastEval   time.Time
	ResolvedAt time.Time // set on the evaluation that resolved a firing instance
}

func (i Instance) key() string {
	keys := make([]string, 0, len(i.Labels))
	for k := range i.Labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%q,", k, i.Labels[k])
	}
	return b.String()
}

// result is one series of an evaluation: its labels and whether the condition holds.
type result struct {
	labels   map[string]string
	alerting bool
	noData   bool
}

// RuleEvaluator evaluates one Grafana-managed rule of the app's shape (instant Prometheus query
// A, threshold B) at the times it is given, keeping alert instances as Grafana's state manager
// does: it stands for Grafana's scheduler, which cannot run here.
type RuleEvaluator struct {
	prometheusURL string
	interval      time.Duration
	expr          string
	op            string
	threshold     float64
	pending       time.Duration
	noData        string
	missingEvals  int
	labels        map[string]string
	states        map[string]*Instance
}

// NewRuleEvaluator reads a rule as the provisioning API takes it.
func NewRuleEvaluator(rule []byte, interval time.Duration, prometheusURL string) (*RuleEvaluator, error) {
	var r struct {
		Condition string `json:"condition"`
		Data      []struct {
			RefID string `json:"refId"`
			Model struct {
				Expr       string `json:"expr"`
				Type       string `json:"type"`
				Conditions []struct {
					Evaluator struct {
						Type   string    `json:"type"`
						Params []float64 `json:"params"`
					} `json:"evaluator"`
				} `json:"conditions"`
			} `json:"model"`
		} `json:"data"`
		NoDataState  string            `json:"noDataState"`
		For          string            `json:"for"`
		Labels       map[string]string `json:"labels"`
		Title        string            `json:"title"`
		MissingEvals *int              `json:"missingSeriesEvalsToResolve"`
	}
	if err := json.Unmarshal(rule, &r); err != nil {
		return nil, err
	}
	if len(r.Data) != 2 || r.Condition != r.Data[1].RefID || r.Data[1].Model.Type != "threshold" || len(r.Data[1].Model.Conditions) != 1 {
		return nil, fmt.Errorf("rule %s: only a query and a threshold condition are evaluated here", r.Title)
	}
	pending, err := parseDuration(r.For)
	if err != nil {
		return nil, err
	}
	ev := r.Data[1].Model.Conditions[0].Evaluator
	if len(ev.Params) != 1 || (ev.Type != "gt" && ev.Type != "lt") {
		return nil, fmt.Errorf("rule %s: threshold %s %v is not evaluated here", r.Title, ev.Type, ev.Params)
	}
	labels := map[string]string{"alertname": r.Title, "grafana_folder": "Hexabase"}
	for k, v := range r.Labels {
		labels[k] = v
	}
	e := &RuleEvaluator{prometheusURL: prometheusURL, interval: interval, expr: r.Data[0].Model.Expr, op: ev.Type,
		threshold: ev.Params[0], pending: pending, noData: r.NoDataState, missingEvals: 2, labels: labels, states: map[string]*Instance{}}
	// Grafana 12.x pkg/services/ngalert/models/alert_rule.go GetMissingSeriesEvalsToResolve: 2 unless set.
	if r.MissingEvals != nil {
		e.missingEvals = *r.MissingEvals
	}
	return e, nil
}

// Evaluate runs query A at the given time on Prometheus, applies threshold B to every series
// and advances the alert instances; it returns every instance still kept and those resolved now.
func (e *RuleEvaluator) Evaluate(ctx context.Context, at time.Time) ([]Instance, error) {
	series, err := e.query(ctx, at)
	if err != nil {
		return nil, err
	}
	return e.advance(series, at), nil
}

func (e *RuleEvaluator) query(ctx context.Context, at time.Time) ([]result, error) {
	q := url.Values{"query": {e.expr}, "time": {strconv.FormatFloat(float64(at.UnixMilli())/1000, 'f', 3, 64)}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.prometheusURL+"/api/v1/query?"+q.Encode(), nil)
	if err != nil {
		return nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var body struct {
		Status string `json:"status"`
		Error  string `json:"error"`
		Data   struct {
			Result []struct {
				Metric map[string]string `json:"metric"`
				Value  [2]any            `json:"value"`
			} `json:"result"`
		} `json:"data"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || body.Status != "success" {
		return nil, fmt.Errorf("query %q: %v %s", e.expr, err, body.Error)
	}
	out := make([]result, 0, len(body.Data.Result))
	for _, s := range body.Data.Result {
		v, _ := strconv.ParseFloat(fmt.Sprint(s.Value[1]), 64)
		hit := v > e.threshold
		if e.op == "lt" {
			hit = v < e.threshold
		}
		labels := map[string]string{}
		for k, val := range s.Metric {
			if k != "__name__" {
				labels[k] = val
			}
		}
		out = append(out, result{labels: labels, alerting: hit})
	}
	return out, nil
}

// advance applies one evaluation's results as Grafana 12.x pkg/services/ngalert/state/manager.go
// and state.go do: a series whose condition holds goes Pending, then Alerting once it has held
// for the rule's pending period; one whose condition fails is Normal (resolved if it fired); an
// empty result is one NoData instance handled by noDataState; an instance whose series is gone
// stays as it was until missingSeriesEvalsToResolve evaluations have passed (one for NoData),
// then becomes Normal with reason MissingSeries, resolved if it fired.
func (e *RuleEvaluator) advance(series []result, at time.Time) []Instance {
	var resolved []Instance
	seen := map[string]bool{}
	if len(series) == 0 && e.noData != "OK" {
		series = []result{{labels: map[string]string{}, alerting: true, noData: true}}
	}
	for _, s := range series {
		labels := map[string]string{}
		for k, v := range s.labels {
			labels[k] = v
		}
		for k, v := range e.labels {
			labels[k] = v
		}
		key := Instance{Labels: labels}.key()
		seen[key] = true
		cur, ok := e.states[key]
		if !ok {
			cur = &Instance{Labels: labels, State: StateNormal}
			e.states[key] = cur
		}
		cur.LastEval, cur.Reason, cur.ResolvedAt = at, "", time.Time{}
		if !s.alerting {
			if cur.State == StateAlerting || cur.State == StateNoData {
				cur.ResolvedAt = at
			}
			cur.State = StateNormal
			continue
		}
		// state.go resultNoData: with noDataState NoData the instance is NoData at once, no
		// pending period; with Alerting it is an alerting result like any other.
		if s.noData && e.noData == "NoData" {
			if cur.State != StateNoData {
				cur.StartsAt = at
			}
			cur.State = StateNoData
			continue
		}
		firing := StateAlerting
		switch cur.State {
		case StateNormal:
			cur.StartsAt = at
			cur.State = StatePending
			if e.pending == 0 {
				cur.State = firing
			}
		case StatePending:
			if at.Sub(cur.StartsAt) >= e.pending {
				cur.State = firing
			}
		}
	}
	for key, cur := range e.states {
		if seen[key] {
			continue
		}
		evals := e.missingEvals
		if cur.State == StateNoData {
			evals = 1
		}
		// state.go stateIsStale: stale once evals × interval have passed since its last evaluation.
		if at.Sub(cur.LastEval) >= time.Duration(evals)*e.interval {
			if cur.State == StateAlerting || cur.State == StateNoData {
				cur.ResolvedAt = at
			}
			cur.State, cur.Reason = StateNormal, ReasonMissingSeries
			resolved = append(resolved, *cur)
			delete(e.states, key)
		}
	}
	out := resolved
	for _, cur := range e.states {
		out = append(out, *cur)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return out
}

// Firing returns the instances in Alerting state.
func Firing(instances []Instance) []Instance {
	var out []Instance
	for _, i := range instances {
		if i.State == StateAlerting {
			out = append(out, i)
		}
	}
	return out
}
