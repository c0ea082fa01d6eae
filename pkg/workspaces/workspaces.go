// Package workspaces lists the platform's workspaces: those the central Prometheus knows from
// their metrics and those an operator added by hand, with search and pages for 10,000 of them.
package workspaces

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
)

// Entry is one workspace and where the app knows it from.
type Entry struct {
	agentconfig.Workspace
	Source string `json:"source"` // "metrics", "manual", or "manual,metrics"
}

// discoveryQuery reads one recorded series per workspace: cheap with 10,000 workspaces.
const discoveryQuery = "max by (workspace_id, cluster_id, plan_type) (workspace:hexabase_vcluster_status:count)"

// Discover asks the Prometheus datasource, through Grafana's proxy, which workspaces report.
func Discover(ctx context.Context, c *grafanaapi.Client, prometheusUID string) ([]agentconfig.Workspace, error) {
	var body struct {
		Data struct {
			Result []struct {
				Metric map[string]string `json:"metric"`
			} `json:"result"`
		} `json:"data"`
	}
	path := "/api/datasources/proxy/uid/" + url.PathEscape(prometheusUID) + "/api/v1/query?query=" + url.QueryEscape(discoveryQuery)
	if err := c.Do(ctx, http.MethodGet, path, nil, &body); err != nil {
		return nil, fmt.Errorf("discovering workspaces from %s: %w", prometheusUID, err)
	}
	out := make([]agentconfig.Workspace, 0, len(body.Data.Result))
	for _, r := range body.Data.Result {
		out = append(out, agentconfig.Workspace{ID: r.Metric["workspace_id"], ClusterID: r.Metric["cluster_id"], Plan: r.Metric["plan_type"]})
	}
	return out, nil
}

// Merge joins discovered and manual workspaces by id; a manual entry's cluster and plan win,
// because an operator set them on purpose.
func Merge(discovered, manual []agentconfig.Workspace) []Entry {
	byID := map[string]*Entry{}
	for _, w := range discovered {
		if w.ID != "" {
			byID[w.ID] = &Entry{Workspace: w, Source: "metrics"}
		}
	}
	for _, w := range manual {
		if e, ok := byID[w.ID]; ok {
			e.Workspace, e.Source = w, "manual,metrics"
		} else {
			byID[w.ID] = &Entry{Workspace: w, Source: "manual"}
		}
	}
	out := make([]Entry, 0, len(byID))
	for _, e := range byID {
		out = append(out, *e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Page is one page of a listing.
type Page struct {
	Items   []Entry `json:"items"`
	Total   int     `json:"total"`
	Page    int     `json:"page"`
	PerPage int     `json:"perPage"`
}

// MaxPerPage bounds a page so that a listing of 10,000 workspaces never answers all at once.
const MaxPerPage = 500

// List filters entries whose id, cluster or plan contains search and returns page (from 1).
func List(entries []Entry, search string, page, perPage int) Page {
	switch {
	case perPage < 1:
		perPage = 50
	case perPage > MaxPerPage:
		perPage = MaxPerPage
	}
	if page < 1 {
		page = 1
	}
	search = strings.ToLower(strings.TrimSpace(search))
	var matched []Entry
	for _, e := range entries {
		if search == "" || strings.Contains(strings.ToLower(e.ID+" "+e.ClusterID+" "+e.Plan), search) {
			matched = append(matched, e)
		}
	}
	start := min((page-1)*perPage, len(matched))
	end := min(start+perPage, len(matched))
	return Page{Items: append([]Entry{}, matched[start:end]...), Total: len(matched), Page: page, PerPage: perPage}
}

// Find returns the entry with this id.
func Find(entries []Entry, id string) (Entry, bool) {
	i := sort.Search(len(entries), func(i int) bool { return entries[i].ID >= id })
	if i < len(entries) && entries[i].ID == id {
		return entries[i], true
	}
	return Entry{}, false
}
