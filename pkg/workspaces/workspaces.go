// Package workspaces lists the platform's workspaces: those the central Prometheus knows from
// their metrics and those an operator added by hand, with search and pages for 10,000 of them.
package workspaces

import (
	"sort"

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
	entries  []Entry
	search   searchIndex
	plans    facet
	clusters facet
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
	return &Index{
		entries:  entries,
		search:   newSearchIndex(entries),
		plans:    newFacet(entries, func(e Entry) string { return e.Plan }),
		clusters: newFacet(entries, func(e Entry) string { return e.ClusterID }),
	}
}

// Len is the number of workspaces listed.
func (x *Index) Len() int { return len(x.entries) }

// Find returns the entry with this id.
func (x *Index) Find(id string) (Entry, bool) {
	i := sort.Search(len(x.entries), func(i int) bool { return x.entries[i].ID >= id })
	if i < len(x.entries) && x.entries[i].ID == id {
		return x.entries[i], true
	}
	return Entry{}, false
}
