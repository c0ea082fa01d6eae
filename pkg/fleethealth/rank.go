package fleethealth

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// Ranking is every listed workspace with its signals and score, in each order, built once per
// reading of the signals or new list of workspaces, so that a page only walks an order.
type Ranking struct {
	index  *workspaces.Index
	rows   []row // by position in the index
	orders [numSorts][]int32
	At     time.Time // when the signals were read; zero when they were not
}

type row struct {
	v             values
	quotaResource string
	score         float64
	worst         Signal
	class         coverageClass
}

// Rank scores every workspace of index with readings (nil: none read yet) and sorts each order;
// ties are broken by id.
func Rank(index *workspaces.Index, readings *Readings, t Thresholds) *Ranking {
	n := index.Len()
	r := &Ranking{index: index, rows: make([]row, n)}
	if readings != nil {
		r.At = readings.At
	}
	for i := range n {
		w := &r.rows[i]
		w.v = noData()
		if readings != nil {
			if got := readings.byID[index.At(i).ID]; got != nil {
				w.v, w.quotaResource = got.v, got.quotaResource
			}
		}
		w.score, w.worst = score(&w.v, t)
		w.class = classify(&w.v, t)
	}
	byID := make([]int32, n)
	for i := range byID {
		byID[i] = int32(i)
	}
	r.orders[ByID] = byID
	sorted := func(key func(*row) float64, desc bool, noDataFirst bool) []int32 {
		order := slices.Clone(byID)
		slices.SortStableFunc(order, func(a, b int32) int {
			x, y := key(&r.rows[a]), key(&r.rows[b])
			switch xNaN, yNaN := math.IsNaN(x), math.IsNaN(y); {
			case xNaN && yNaN:
				return 0
			case xNaN != yNaN:
				if xNaN == noDataFirst {
					return -1
				}
				return 1
			}
			if desc {
				return cmp.Compare(y, x)
			}
			return cmp.Compare(x, y)
		})
		return order
	}
	r.orders[ByHealth] = sorted(func(w *row) float64 { return w.score }, true, false)
	r.orders[ByBudget] = sorted(func(w *row) float64 { return w.v[BudgetRemaining] }, false, false)
	r.orders[ByAge] = sorted(func(w *row) float64 { return w.v[DataAge] }, true, true)
	return r
}

// Index is the list of workspaces the ranking was built on.
func (r *Ranking) Index() *workspaces.Index { return r.index }

// Entry is one row of a page.
type Entry struct {
	workspaces.Entry
	Score float64 `json:"score"` // >= 1: past an alert threshold
	Worst string  `json:"worst"`
	// Coverage: reporting, lagging (data or the agent's queue older than LaggingAfter, or samples
	// dropped), silent (past SilentAfter) or never (no sample known).
	Coverage string  `json:"coverage"`
	Signals  Signals `json:"signals"`
}

// Page is one page of the ranking.
type Page struct {
	Items   []Entry `json:"items"`
	Total   int     `json:"total"`
	Page    int     `json:"page"`
	PerPage int     `json:"perPage"`
}

// Coverage counts the selected workspaces by how they report; known is all of them.
type Coverage struct {
	Known     int `json:"known"`
	Reporting int `json:"reporting"`
	Lagging   int `json:"lagging"`
	Silent    int `json:"silent"`
	Never     int `json:"never"`
}

// Page answers one page of the workspaces q selects, in q's order, and their coverage: one walk
// of the order, copying only the page's rows.
func (r *Ranking) Page(q Request) (Page, Coverage) {
	q.Query = q.WithDefaults()
	sel := r.index.Select(q.Query)
	all := sel.All()
	page := Page{Items: make([]Entry, 0, min(q.PerPage, len(r.rows))), Page: q.Page, PerPage: q.PerPage}
	first := q.First()
	var counts [never + 1]int
	for _, i := range r.orders[q.Sort] {
		if !all && !sel.Has(int(i)) {
			continue
		}
		w := &r.rows[i]
		counts[w.class]++
		if page.Total >= first && len(page.Items) < q.PerPage {
			page.Items = append(page.Items, Entry{Entry: r.index.At(int(i)), Score: w.score, Worst: worstNames[w.worst], Coverage: coverageNames[w.class], Signals: w.v.signals(w.quotaResource)})
		}
		page.Total++
	}
	return page, Coverage{Known: page.Total, Reporting: counts[reporting], Lagging: counts[lagging], Silent: counts[silent], Never: counts[never]}
}
