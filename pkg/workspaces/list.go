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

// List answers one page of the entries whose id, cluster or plan contains q.Search and whose
// plan and cluster pass q's filters; without a search or a filter it only slices. Only the page
// is copied, whatever the total.
func (x *Index) List(q Query) Page {
	q = q.withDefaults()
	search := strings.ToLower(strings.TrimSpace(q.Search))
	plans, clusters := x.plans.allowing(q.Plans), x.clusters.allowing(q.Clusters)
	page := Page{Items: make([]Entry, 0, min(q.PerPage, len(x.entries))), Page: q.Page, PerPage: q.PerPage}
	first := (q.Page - 1) * q.PerPage // at most 999,999 × 500: no overflow
	if search == "" && plans == nil && clusters == nil {
		start := min(first, len(x.entries))
		page.Items = append(page.Items, x.entries[start:min(start+q.PerPage, len(x.entries))]...)
		page.Total = len(x.entries)
		return page
	}
	candidates := everyEntry(len(x.entries))
	if search != "" {
		candidates = x.search.matching(search)
	}
	for w, word := range candidates {
		for ; word != 0; word &= word - 1 {
			i := w*64 + bits.TrailingZeros64(word)
			if (plans != nil && !plans[x.plans.of[i]]) || (clusters != nil && !clusters[x.clusters.of[i]]) {
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
