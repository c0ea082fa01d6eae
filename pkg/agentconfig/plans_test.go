package agentconfig

import (
	"reflect"
	"testing"
)

func TestDefaultObjectivesPromiseDedicatedMore(t *testing.T) {
	d := DefaultPlans()
	if got := [2]float64{d[Shared].AvailabilityObjective, d[Dedicated].AvailabilityObjective}; got != [2]float64{0.999, 0.9995} {
		t.Fatalf("objectives (shared, dedicated) = %v, want [0.999 0.9995]", got)
	}
}

func TestAvailabilityObjectiveRule(t *testing.T) {
	for _, tt := range []struct {
		objective float64
		ok        bool
	}{
		{0.999, true},
		{0.9000001, true},
		{0.99999, true},
		{0.9, false},  // not above 0.9
		{1, false},    // no budget left to burn
		{0, false},    // what a plan without the field would hold, were it not decoded over its default
		{-0.5, false}, // nonsense
		{99.9, false}, // a percentage typed where a ratio belongs
	} {
		p := DefaultPlans()[Shared]
		p.AvailabilityObjective = tt.objective
		var want []FieldError
		if !tt.ok {
			want = []FieldError{{"plans.shared.availabilityObjective", ObjectiveRule}}
		}
		if got := p.Validate(); !reflect.DeepEqual(got, want) {
			t.Errorf("objective %v: Validate() = %v, want %v", tt.objective, got, want)
		}
	}
}
