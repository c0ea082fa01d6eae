package workspaces

import (
	"net/url"
	"strconv"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// Bounds of a listing request: a page of 10,000 workspaces never answers all at once, and the
// page number stays far from integer overflow.
const (
	MaxPerPage     = 500
	DefaultPerPage = 50
	MaxPage        = 1000000
	MaxSearch      = 100
	PageRule       = "must be a whole number from 1 to 1000000"
	PerPageRule    = "must be a whole number from 1 to 500"
	SearchRule     = "must be at most 100 characters"
	RepeatedRule   = "must be given once"
)

// Query is one listing request.
type Query struct {
	Search        string
	Page, PerPage int
}

func (q Query) withDefaults() Query {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PerPage < 1 {
		q.PerPage = DefaultPerPage
	}
	q.Page, q.PerPage = min(q.Page, MaxPage), min(q.PerPage, MaxPerPage)
	return q
}

// ParseQuery reads ?search=&page=&perPage=, refusing a parameter given twice or out of bounds
// and naming it; other parameters are not the listing's and are ignored.
func ParseQuery(v url.Values) (Query, []agentconfig.FieldError) {
	var errs []agentconfig.FieldError
	q := Query{Page: 1, PerPage: DefaultPerPage}
	for _, name := range []string{"search", "page", "perPage"} {
		if len(v[name]) > 1 {
			errs = append(errs, agentconfig.FieldError{Field: name, Rule: RepeatedRule})
		}
	}
	if s := v.Get("search"); len([]rune(s)) > MaxSearch {
		errs = append(errs, agentconfig.FieldError{Field: "search", Rule: SearchRule})
	} else {
		q.Search = s
	}
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
