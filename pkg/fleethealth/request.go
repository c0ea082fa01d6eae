package fleethealth

import (
	"net/url"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// Sort is the order of a page.
type Sort int

const (
	ByHealth Sort = iota // worst score first
	ByBudget             // least error budget left first, no data last
	ByAge                // oldest data first, never reported first
	ByID
	numSorts
)

var sortNames = [numSorts]string{"health", "budget", "age", "id"}

// SortRule is the rule of the sort parameter.
const SortRule = "must be one of health, budget, age, id"

// Request is one page request: the workspace listing's search, filters and page, and an order.
type Request struct {
	workspaces.Query
	Sort Sort
}

// ParseRequest reads the listing's parameters as GET /workspaces does, and sort.
func ParseRequest(v url.Values) (Request, []agentconfig.FieldError) {
	q, errs := workspaces.ParseQuery(v)
	r := Request{Query: q}
	switch {
	case len(v["sort"]) > 1:
		errs = append(errs, agentconfig.FieldError{Field: "sort", Rule: workspaces.RepeatedRule})
	case v.Has("sort"):
		found := false
		for s, name := range sortNames {
			if v.Get("sort") == name {
				r.Sort, found = Sort(s), true
			}
		}
		if !found {
			errs = append(errs, agentconfig.FieldError{Field: "sort", Rule: SortRule})
		}
	}
	return r, errs
}
