package plugin

import (
	"context"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// How the discovered list is kept: served for discoveryTTL, then refreshed in the background
// while the last good list is still served; a refresh gives up after discoveryTimeout.
const (
	discoveryTTL     = time.Minute
	discoveryTimeout = 15 * time.Second
)

// firstDiscoveryWait bounds how long a request waits for the instance's first discovery, when
// there is no list to serve yet; after it the manual workspaces answer alone, with a note.
var firstDiscoveryWait = 5 * time.Second

// discoveryCache holds the last good discovery merged with the manual workspaces. Only answers
// are kept: a failure is reported next to the last good list and tried again on the next call.
type discoveryCache struct {
	mu      sync.Mutex
	index   *workspaces.Index
	at      time.Time
	failure string
	running chan struct{} // closed when the running refresh ends; nil when none runs
}

// discoveryState tells the page how current the list is.
type discoveryState struct {
	Note         string     `json:"note"`
	DiscoveredAt *time.Time `json:"discoveredAt"`
	Refreshing   bool       `json:"refreshing"`
}

// workspaceIndex returns the merged list without ever waiting behind a refresh of a list it
// already has; only an instance's first discovery is waited for, and not past the caller's
// deadline or firstDiscoveryWait.
func (a *App) workspaceIndex(ctx context.Context, pc backend.PluginContext) (*workspaces.Index, discoveryState) {
	d := &a.discovery
	d.mu.Lock()
	var done chan struct{}
	if d.index == nil || time.Since(d.at) >= discoveryTTL {
		done = a.startDiscovery(pc)
	}
	waitForFirst := d.index == nil
	d.mu.Unlock()
	if waitForFirst {
		waitFirst(ctx, done)
	}
	return a.discoverySnapshot()
}

func (a *App) discoverySnapshot() (*workspaces.Index, discoveryState) {
	d := &a.discovery
	d.mu.Lock()
	defer d.mu.Unlock()
	st := discoveryState{Note: d.failure, Refreshing: d.running != nil}
	if d.index == nil {
		if st.Note == "" {
			st.Note = "workspaces reported by metrics are not listed yet: discovery is still running; reload in a moment"
		}
		return a.manual, st
	}
	at := d.at
	st.DiscoveredAt = &at
	return d.index, st
}

// startDiscovery starts one refresh unless one runs (the caller holds d.mu). It runs on the
// instance's context, not a caller's: a client that gives up neither cancels it nor leaves its
// cancellation behind as the answer.
func (a *App) startDiscovery(pc backend.PluginContext) chan struct{} {
	d := &a.discovery
	if d.running != nil {
		return d.running
	}
	done := make(chan struct{})
	d.running = done
	go func() {
		defer close(done)
		ctx, cancel := context.WithTimeout(a.lifetime, discoveryTimeout)
		defer cancel()
		index, failure := a.discover(ctx, pc)
		d.mu.Lock()
		defer d.mu.Unlock()
		d.running, d.failure = nil, failure
		if failure == "" {
			d.index, d.at = index, time.Now()
		}
	}()
	return done
}

func (a *App) discover(ctx context.Context, pc backend.PluginContext) (*workspaces.Index, string) {
	client, err := a.grafanaClient(ctx, pc, discoveryTimeout)
	var found []agentconfig.Workspace
	if err == nil {
		found, err = workspaces.Discover(ctx, client, a.settings.Datasources.Prometheus)
	}
	if err != nil {
		return nil, "workspaces reported by metrics are not listed: " + err.Error()
	}
	return workspaces.NewIndex(found, a.settings.Workspaces), ""
}

// waitFirst waits for the first reading of a cache to end, at most firstDiscoveryWait or until
// the request is cancelled; the request then answers with what there is.
func waitFirst(ctx context.Context, done <-chan struct{}) {
	timer := time.NewTimer(firstDiscoveryWait)
	defer timer.Stop()
	select {
	case <-done:
	case <-ctx.Done():
	case <-timer.C:
	}
}
