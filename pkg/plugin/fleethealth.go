package plugin

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/fleethealth"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// How the signals are kept: read at most every healthTTL (and on the first request), in the
// background while the last reading is served; a reading gives up after healthTimeout.
const (
	healthTTL     = 30 * time.Second
	healthTimeout = 15 * time.Second
)

// healthCache holds the last good reading of the signals and the ranking built on it and on the
// list of workspaces it was built for. A failed reading is reported beside the last good one.
type healthCache struct {
	mu         sync.Mutex
	readings   *fleethealth.Readings
	tried      time.Time // when the last reading started
	failure    string
	running    chan struct{} // closed when the running reading ends; nil when none runs
	ranked     *fleethealth.Ranking
	rankedFrom *fleethealth.Readings
}

// handleWorkspacesHealth answers one page of the fleet ranked by health and its coverage:
// GET /workspaces/health?search=&plan=&cluster=&page=&perPage=&sort=health|budget|age|id.
func (a *App) handleWorkspacesHealth(w http.ResponseWriter, req *http.Request) {
	if a.refuseInvalidSettings(w) {
		return
	}
	q, errs := fleethealth.ParseRequest(req.URL.Query())
	if len(errs) > 0 {
		writeFieldErrors(w, errs)
		return
	}
	pc := backend.PluginConfigFromContext(req.Context())
	index, st := a.workspaceIndex(req.Context(), pc)
	ranking, note, refreshing := a.fleetRanking(req.Context(), pc, index)
	page, coverage := ranking.Page(q)
	var evaluatedAt *time.Time
	if !ranking.At.IsZero() {
		evaluatedAt = &ranking.At
	}
	notes := []string{}
	for _, n := range []string{st.Note, note} {
		if n != "" {
			notes = append(notes, n)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"page": page, "note": strings.Join(notes, "; "), "discoveredAt": st.DiscoveredAt,
		"refreshing": st.Refreshing || refreshing, "evaluatedAt": evaluatedAt, "coverage": coverage})
}

// writeFieldErrors answers 400 naming each broken parameter and its rule, as GET /workspaces.
func writeFieldErrors(w http.ResponseWriter, errs []agentconfig.FieldError) {
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = e.Field + ": " + e.Rule
	}
	writeJSON(w, http.StatusBadRequest, map[string]any{"error": strings.Join(parts, "; "), "errors": errs})
}

// fleetRanking ranks index with the last reading, starting a new reading when the last is older
// than healthTTL; only the instance's first reading is waited for, as the first discovery is.
func (a *App) fleetRanking(ctx context.Context, pc backend.PluginContext, index *workspaces.Index) (*fleethealth.Ranking, string, bool) {
	h := &a.fleetHealth
	h.mu.Lock()
	var done chan struct{}
	if time.Since(h.tried) >= healthTTL {
		done = a.startReading(pc)
	}
	waitForFirst := h.readings == nil && done != nil
	h.mu.Unlock()
	if waitForFirst {
		waitFirst(ctx, done)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ranked == nil || h.ranked.Index() != index || h.rankedFrom != h.readings {
		h.ranked = fleethealth.Rank(index, h.readings, fleethealth.ThresholdsOf(alerting.Defaults(), alerting.Defaults().SilentAfter))
		h.rankedFrom = h.readings
	}
	note := h.failure
	if h.readings == nil && note == "" {
		note = "the workspaces' signals are not read yet: reload in a moment"
	}
	return h.ranked, note, h.running != nil
}

// startReading starts one reading unless one runs (the caller holds h.mu), on the instance's
// context, so that a client that gives up does not cancel it.
func (a *App) startReading(pc backend.PluginContext) chan struct{} {
	h := &a.fleetHealth
	if h.running != nil {
		return h.running
	}
	done := make(chan struct{})
	h.running, h.tried = done, time.Now()
	go func() {
		defer close(done)
		ctx, cancel := context.WithTimeout(a.lifetime, healthTimeout)
		defer cancel()
		readings, failure := a.readSignals(ctx, pc)
		h.mu.Lock()
		defer h.mu.Unlock()
		h.running, h.failure = nil, failure
		if readings != nil {
			h.readings = readings
		}
	}()
	return done
}

func (a *App) readSignals(ctx context.Context, pc backend.PluginContext) (*fleethealth.Readings, string) {
	client, err := a.grafanaClient(ctx, pc, healthTimeout)
	var readings *fleethealth.Readings
	if err == nil {
		queries := fleethealth.Queries(alerting.Defaults().MinRequestRate)
		readings, err = fleethealth.Read(ctx, client, a.settings.Datasources.Prometheus, queries, a.settings.Objectives())
	}
	if err != nil {
		return readings, "some workspace signals are not read: " + err.Error()
	}
	return readings, ""
}
