package grafanadouble

import (
	"testing"
	"time"
)

func ruleEvaluator(pending time.Duration, missingEvals int) *RuleEvaluator {
	return &RuleEvaluator{interval: 10 * time.Second, pending: pending, noData: "OK", missingEvals: missingEvals,
		labels: map[string]string{"alertname": "r"}, states: map[string]*Instance{}}
}

func states(instances []Instance) []string {
	var out []string
	for _, i := range instances {
		out = append(out, i.Labels["vc"]+":"+i.State+":"+i.Reason)
	}
	return out
}

func TestInstancesGoPendingThenAlertingThenResolve(t *testing.T) {
	e := ruleEvaluator(20*time.Second, 2)
	t0 := time.Unix(1000, 0)
	down := []result{{labels: map[string]string{"vc": "a"}, alerting: true}}
	for i, want := range []string{"a:Pending:", "a:Pending:", "a:Alerting:"} {
		if got := states(e.advance(down, t0.Add(time.Duration(i)*10*time.Second))); len(got) != 1 || got[0] != want {
			t.Fatalf("evaluation %d: %v, want %s", i, got, want)
		}
	}
	got := e.advance([]result{{labels: map[string]string{"vc": "a"}}}, t0.Add(30*time.Second))
	if got[0].State != StateNormal || got[0].ResolvedAt.IsZero() {
		t.Fatalf("a failing condition resolves a firing instance: %+v", got)
	}
}

func TestAMissingSeriesResolvesAfterItsEvaluations(t *testing.T) {
	e := ruleEvaluator(0, 2)
	t0 := time.Unix(1000, 0)
	e.advance([]result{{labels: map[string]string{"vc": "a"}, alerting: true}}, t0)
	if got := states(e.advance(nil, t0.Add(10*time.Second))); len(got) != 1 || got[0] != "a:Alerting:" {
		t.Fatalf("one evaluation after the series went: %v", got)
	}
	got := e.advance(nil, t0.Add(20*time.Second))
	if len(got) != 1 || got[0].State != StateNormal || got[0].Reason != ReasonMissingSeries || got[0].ResolvedAt.IsZero() {
		t.Fatalf("two evaluations after: %+v", got)
	}
	if got := e.advance(nil, t0.Add(30*time.Second)); len(got) != 0 {
		t.Fatalf("a resolved missing series is forgotten: %+v", got)
	}
}

func TestNoDataIsImmediateWithNoDataStateNoData(t *testing.T) {
	e := ruleEvaluator(time.Minute, 2)
	e.noData = "NoData"
	got := e.advance(nil, time.Unix(1000, 0))
	if len(got) != 1 || got[0].State != StateNoData {
		t.Fatalf("an empty result with noDataState NoData: %+v", got)
	}
}
