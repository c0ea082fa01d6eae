package fleethealth

import (
	"fmt"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// BenchmarkRankAndPage is the backend's share of GET /workspaces/health: scoring and sorting the
// fleet (once per reading of the signals, every 30 s at most), and a page (per request), which
// walks one order with the request's filter; merge is decoding's share, joining the samples.
func BenchmarkRankAndPage(b *testing.B) {
	for _, n := range []int{10000, 50000} {
		index, readings := synthetic(n)
		queries := Queries(0.1)
		samples := make([][]Sample, len(queries))
		for id, r := range readings.byID {
			for s := range numSignals {
				samples[s] = append(samples[s], Sample{WorkspaceID: id, Value: r.v[s]})
			}
		}
		ranking := Rank(index, readings, testThresholds)
		b.Run(fmt.Sprintf("%d/merge", n), func(b *testing.B) {
			for b.Loop() {
				_ = Merge(readings.At, queries, samples)
			}
		})
		b.Run(fmt.Sprintf("%d/rank", n), func(b *testing.B) {
			for b.Loop() {
				_ = Rank(index, readings, testThresholds)
			}
		})
		b.Run(fmt.Sprintf("%d/page", n), func(b *testing.B) {
			for b.Loop() {
				_, _ = ranking.Page(Request{Query: workspaces.Query{Page: 3, PerPage: 50}})
			}
		})
		b.Run(fmt.Sprintf("%d/page-filtered-by-budget", n), func(b *testing.B) {
			for b.Loop() {
				_, _ = ranking.Page(Request{Query: workspaces.Query{Search: "ws-00", Plans: []string{"dedicated"}, Page: 2, PerPage: 50}, Sort: ByBudget})
			}
		})
		b.Run(fmt.Sprintf("%d/rank+page", n), func(b *testing.B) {
			for b.Loop() {
				_, _ = Rank(index, readings, testThresholds).Page(Request{Query: workspaces.Query{PerPage: 50}})
			}
		})
	}
}
