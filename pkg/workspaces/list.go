package workspaces

import (
	"math/bits"
	"strings"
)

// Page is one page of a listing.
type Page struct {
	Items   []Entry `json:"items"`
	Total   int     `json:"total"`
	Page    int     `json:"page"`
	PerPage int     `json:"perPage"`
}

// Selection tells which entries, by position in the index's order, pass a query's search and
// filters.
type Selection struct {
	x               *Index
	candidates      entrySet // nil: every entry
	plans, clusters []bool   // nil: no filter
}

// Select is the selection of q's search and filters, for a caller that walks the entries in an
// order of its own.
func (x *Index) Select(q Query) Selection {
	s := Selection{x: x, plans: x.plans.allowing(q.Plans), clusters: x.clusters.allowing(q.Clusters)}
	if search := strings.ToLower(strings.TrimSpace(q.Search)); search != "" {
		s.candidates = x.search.matching(search)
	}
	return s
}

// All reports whether the selection holds every entry.
func (s Selection) All() bool { return s.candidates == nil && s.plans == nil && s.clusters == nil }

// Has reports whether the entry at position i is selected.
func (s Selection) Has(i int) bool {
	return (s.candidates == nil || s.candidates[i/64]&(1<<(i%64)) != 0) &&
		(s.plans == nil || s.plans[s.x.plans.of[i]]) && (s.clusters == nil || s.clusters[s.x.clusters.of[i]])
}

// At returns the entry at position i of the index's order (by id).
func (x *Index) At(i int) Entry { return x.entries[i] }

// List answers one page of the entries whose id, cluster or plan contains q.Search and whose
// plan and cluster pass q's filters; without a search or a filter it only slices. Only the page
// is copied, whatever the total.
func (x *Index) List(q Query) Page {
	q = q.WithDefaults()
	sel := x.Select(q)
	page := Page{Items: make([]Entry, 0, min(q.PerPage, len(x.entries))), Page: q.Page, PerPage: q.PerPage}
	first := q.First()
	if sel.All() {
		start := min(first, len(x.entries))
		page.Items = append(page.Items, x.entries[start:min(start+q.PerPage, len(x.entries))]...)
		page.Total = len(x.entries)
		return page
	}
	candidates := sel.candidates
	if candidates == nil {
		candidates = everyEntry(len(x.entries))
	}
	for w, word := range candidates {
		for ; word != 0; word &= word - 1 {
			i := w*64 + bits.TrailingZeros64(word)
			if !sel.Has(i) {
				continue
			}
			if page.Total >= first && len(page.Items) < q.PerPage {
				page.Items = append(page.Items, x.entries[i])
			}
			page.Total++
		}
	}
	return page
}
