// Package workspaces lists the platform's workspaces: those the central Prometheus knows from
// their metrics and those an operator added by hand, with search and pages for 10,000 of them.
package workspaces

import (
	"sort"
	"strings"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// Entry is one workspace and where the app knows it from.
type Entry struct {
	agentconfig.Workspace
	Source string `json:"source"` // "metrics", "manual", or "manual,metrics"
}

// Index is a merged, sorted list built once per discovery, so that a request only filters and
// slices it.
type Index struct {
	entries []Entry
	keys    []string // lower-case "id cluster plan" of each entry, for search
}

// NewIndex joins discovered and manual workspaces by id; a manual entry's cluster and plan win,
// because an operator set them on purpose.
func NewIndex(discovered, manual []agentconfig.Workspace) *Index {
	byID := make(map[string]int, len(discovered)+len(manual))
	var entries []Entry
	for _, w := range discovered {
		if _, dup := byID[w.ID]; w.ID != "" && !dup {
			byID[w.ID] = len(entries)
			entries = append(entries, Entry{Workspace: w, Source: "metrics"})
		}
	}
	for _, w := range manual {
		if i, ok := byID[w.ID]; ok {
			entries[i] = Entry{Workspace: w, Source: "manual,metrics"}
		} else {
			byID[w.ID] = len(entries)
			entries = append(entries, Entry{Workspace: w, Source: "manual"})
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].ID < entries[j].ID })
	keys := make([]string, len(entries))
	for i, e := range entries {
		keys[i] = strings.ToLower(e.ID + " " + e.ClusterID + " " + e.Plan)
	}
	return &Index{entries: entries, keys: keys}
}

// Len is the number of workspaces listed.
func (x *Index) Len() int { return len(x.entries) }

// Page is one page of a listing.
type Page struct {
	Items   []Entry `json:"items"`
	Total   int     `json:"total"`
	Page    int     `json:"page"`
	PerPage int     `json:"perPage"`
}

// List answers one page of the entries whose id, cluster or plan contains q.Search; without a
// search it only slices.
func (x *Index) List(q Query) Page {
	q = q.withDefaults()
	search := strings.ToLower(strings.TrimSpace(q.Search))
	matched := x.entries
	if search != "" {
		matched = nil
		for i, k := range x.keys {
			if strings.Contains(k, search) {
				matched = append(matched, x.entries[i])
			}
		}
	}
	start := len(matched)
	if q.Page-1 < (len(matched)+q.PerPage-1)/q.PerPage {
		start = (q.Page - 1) * q.PerPage
	}
	end := min(start+q.PerPage, len(matched))
	return Page{Items: append([]Entry{}, matched[start:end]...), Total: len(matched), Page: q.Page, PerPage: q.PerPage}
}

// Find returns the entry with this id.
func (x *Index) Find(id string) (Entry, bool) {
	i := sort.Search(len(x.entries), func(i int) bool { return x.entries[i].ID >= id })
	if i < len(x.entries) && x.entries[i].ID == id {
		return x.entries[i], true
	}
	return Entry{}, false
}
