package workspaces

import (
	"fmt"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// BenchmarkList is the per-request cost of GET /workspaces: a page without a search only slices
// the index; a search that few keys match ("ws-0042") looks them up in the suffix array, one
// that every key matches ("ws-00") reads them all; a filter reads one number per entry.
func BenchmarkList(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		var discovered, manual []agentconfig.Workspace
		for i := range n {
			discovered = append(discovered, agentconfig.Workspace{ID: fmt.Sprintf("ws-%06d", i), ClusterID: fmt.Sprintf("cluster-%d", i%7), Plan: "shared"})
			if i%2 == 0 {
				manual = append(manual, agentconfig.Workspace{ID: fmt.Sprintf("ws-%06d", i), ClusterID: "cluster-x", Plan: "dedicated"})
			}
		}
		index := NewIndex(discovered, manual)
		b.Run(fmt.Sprintf("%d/page", n), func(b *testing.B) {
			for b.Loop() {
				_ = index.List(Query{Page: 40, PerPage: 50})
			}
		})
		b.Run(fmt.Sprintf("%d/search", n), func(b *testing.B) {
			for b.Loop() {
				_ = index.List(Query{Search: "ws-0042", Page: 1, PerPage: 50})
			}
		})
		b.Run(fmt.Sprintf("%d/search-broad", n), func(b *testing.B) {
			for b.Loop() {
				_ = index.List(Query{Search: "ws-00", Page: 2, PerPage: 50})
			}
		})
		b.Run(fmt.Sprintf("%d/filter", n), func(b *testing.B) {
			for b.Loop() {
				_ = index.List(Query{Plans: []string{"dedicated"}, Clusters: []string{"cluster-x", "cluster-1"}, Page: 2, PerPage: 50})
			}
		})
		b.Run(fmt.Sprintf("%d/build", n), func(b *testing.B) {
			for b.Loop() {
				_ = NewIndex(discovered, manual)
			}
		})
	}
}
