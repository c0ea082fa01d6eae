package workspaces

import (
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// Bounds of a listing request: a page of 10,000 workspaces never answers all at once, the page
// number stays far from integer overflow, and a filter stays a multi-select, not a dump.
const (
	MaxPerPage      = 500
	DefaultPerPage  = 50
	MaxPage         = 1000000
	MaxSearch       = 100
	MaxFilterValues = 100
	MaxFilterValue  = 128
	PageRule        = "must be a whole number from 1 to 1000000"
	PerPageRule     = "must be a whole number from 1 to 500"
	SearchRule      = "must be at most 100 characters"
	RepeatedRule    = "must be given once"
	FilterCountRule = "must be given at most 100 times"
	FilterValueRule = "must be at most 128 characters each"
)

// Query is one listing request. Plans and Clusters are filters: an entry matches when its plan
// is one of Plans and its cluster one of Clusters, exactly; an empty list filters nothing.
type Query struct {
	Search          string
	Plans, Clusters []string
	Page, PerPage   int
}

// WithDefaults is q with its page and page size set and within bounds.
func (q Query) WithDefaults() Query {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PerPage < 1 {
		q.PerPage = DefaultPerPage
	}
	q.Page, q.PerPage = min(q.Page, MaxPage), min(q.PerPage, MaxPerPage)
	return q
}

// First is the position of the page's first entry among those selected: at most 999,999 × 500,
// no overflow (q within bounds).
func (q Query) First() int { return (q.Page - 1) * q.PerPage }

// ParseQuery reads ?search=&plan=&cluster=&page=&perPage=, refusing a parameter out of bounds,
// or given twice where it takes one value, and naming it; other parameters are not the
// listing's and are ignored.
func ParseQuery(v url.Values) (Query, []agentconfig.FieldError) {
	var errs []agentconfig.FieldError
	q := Query{Page: 1, PerPage: DefaultPerPage}
	for _, name := range []string{"search", "page", "perPage"} {
		if len(v[name]) > 1 {
			errs = append(errs, agentconfig.FieldError{Field: name, Rule: RepeatedRule})
		}
	}
	if s := v.Get("search"); utf8.RuneCountInString(s) > MaxSearch {
		errs = append(errs, agentconfig.FieldError{Field: "search", Rule: SearchRule})
	} else {
		q.Search = s
	}
	errs = append(errs, filter(v, "plan", &q.Plans)...)
	errs = append(errs, filter(v, "cluster", &q.Clusters)...)
	number := func(name string, max int, rule string, into *int) {
		if !v.Has(name) {
			return
		}
		n, err := strconv.Atoi(v.Get(name))
		if err != nil || n < 1 || n > max {
			errs = append(errs, agentconfig.FieldError{Field: name, Rule: rule})
			return
		}
		*into = n
	}
	number("page", MaxPage, PageRule, &q.Page)
	number("perPage", MaxPerPage, PerPageRule, &q.PerPage)
	return q, errs
}

// filter reads a parameter that may be given once per selected value.
func filter(v url.Values, name string, into *[]string) []agentconfig.FieldError {
	values := v[name]
	if len(values) > MaxFilterValues {
		return []agentconfig.FieldError{{Field: name, Rule: FilterCountRule}}
	}
	for _, s := range values {
		if utf8.RuneCountInString(s) > MaxFilterValue {
			return []agentconfig.FieldError{{Field: name, Rule: FilterValueRule}}
		}
	}
	*into = values
	return nil
}
