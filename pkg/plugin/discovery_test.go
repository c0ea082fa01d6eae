package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
)

// gatedPrometheus stands between Grafana and the real Prometheus: while held, queries wait.
type gatedPrometheus struct {
	mu      sync.Mutex
	held    chan struct{}
	queries atomic.Int32
}

func (p *gatedPrometheus) hold() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.held = make(chan struct{})
}

func (p *gatedPrometheus) release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.held != nil {
		close(p.held)
		p.held = nil
	}
}

// discoveringApp is an app with manual workspaces whose Grafana proxies to the real Prometheus
// through a gate, and the plugin context Grafana would pass it.
func discoveringApp(t *testing.T) (*App, backend.PluginContext, *gatedPrometheus) {
	t.Helper()
	target, _ := url.Parse(realPrometheus(t))
	gate := &gatedPrometheus{}
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gate.queries.Add(1)
		gate.mu.Lock()
		held := gate.held
		gate.mu.Unlock()
		if held != nil {
			select {
			case <-held:
			case <-r.Context().Done():
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(gate.release)
	g, err := grafanadouble.Start(grafanadouble.Options{PluginJSON: "../../src/plugin.json", ExternalServiceAccounts: true, ManagedServiceAccounts: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: srv.URL})
	a := newTestApp(t, `{`+manualWorkspaces+`}`)
	t.Cleanup(a.Dispose)
	pc := backend.PluginContext{PluginID: PluginID, OrgID: 1, User: &backend.User{Login: "viewer", Role: "Viewer"},
		GrafanaConfig: backend.NewGrafanaCfg(map[string]string{backend.AppURL: g.URL, backend.AppClientSecret: g.ServiceAccountToken()})}
	return a, pc, gate
}

// callSoon calls the app and fails the test unless it answers within 10 s: a call that waits for
// a held Prometheus would take its 15 s timeout.
func callSoon(t *testing.T, a *App, ctx context.Context, pc backend.PluginContext, path string) *backend.CallResourceResponse {
	t.Helper()
	route, _, _ := strings.Cut(path, "?")
	answered := make(chan *backend.CallResourceResponse, 1)
	go func() {
		_ = a.CallResource(ctx, &backend.CallResourceRequest{PluginContext: pc, Method: http.MethodGet, Path: route, URL: path},
			backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error { answered <- r; return nil }))
	}()
	select {
	case r := <-answered:
		return r
	case <-time.After(10 * time.Second):
		t.Fatalf("GET %s waited behind the held Prometheus", path)
		return nil
	}
}

type listing struct {
	Page         struct{ Total int }
	Note         string
	DiscoveredAt *time.Time
	Refreshing   bool
}

func readListing(t *testing.T, r *backend.CallResourceResponse) listing {
	t.Helper()
	var l listing
	if r.Status != http.StatusOK || json.Unmarshal(r.Body, &l) != nil {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	return l
}

func waitForDiscovery(t *testing.T, a *App) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		a.discovery.mu.Lock()
		running := a.discovery.running != nil
		a.discovery.mu.Unlock()
		if !running {
			return
		}
	}
	t.Fatal("the discovery did not end")
}

// A stale list is served at once, with its age, while one refresh runs behind it.
func TestDiscoveryServesTheLastGoodListWhileRefreshing(t *testing.T) {
	a, pc, gate := discoveringApp(t)
	if l := readListing(t, callSoon(t, a, context.Background(), pc, "workspaces")); l.Page.Total != 3 || l.Note != "" || l.DiscoveredAt == nil {
		t.Fatalf("first listing = %+v", l)
	}
	a.discovery.mu.Lock()
	a.discovery.at = a.discovery.at.Add(-2 * discoveryTTL)
	stale := a.discovery.at
	a.discovery.mu.Unlock()
	gate.hold()
	before := gate.queries.Load()
	for range 3 {
		l := readListing(t, callSoon(t, a, context.Background(), pc, "workspaces"))
		if l.Page.Total != 3 || !l.Refreshing || l.DiscoveredAt == nil || !l.DiscoveredAt.Equal(stale) {
			t.Fatalf("while refreshing = %+v", l)
		}
	}
	gate.release()
	waitForDiscovery(t, a)
	if n := gate.queries.Load() - before; n != 1 {
		t.Fatalf("%d refreshes ran for three callers, want 1", n)
	}
	if l := readListing(t, callSoon(t, a, context.Background(), pc, "workspaces")); l.Refreshing || !l.DiscoveredAt.After(stale) || l.Note != "" {
		t.Fatalf("after the refresh = %+v", l)
	}
}

// A client that gives up does not leave its cancellation behind as everyone's answer.
func TestACancelledRequestIsNotRemembered(t *testing.T) {
	a, pc, _ := discoveringApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = callSoon(t, a, ctx, pc, "workspaces")
	waitForDiscovery(t, a)
	if l := readListing(t, callSoon(t, a, context.Background(), pc, "workspaces")); l.Page.Total != 3 || l.Note != "" {
		t.Fatalf("after a cancelled request = %+v", l)
	}
}

// A workspace added by hand is answered while Prometheus hangs; a failed refresh is reported and
// tried again, never kept as the answer.
func TestManualWorkspacesDoNotWaitForDiscovery(t *testing.T) {
	a, pc, gate := discoveringApp(t)
	gate.hold()
	if r := callSoon(t, a, context.Background(), pc, "workspaces/ws-0008/agent-config"); r.Status != http.StatusOK {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	firstDiscoveryWait = 100 * time.Millisecond
	t.Cleanup(func() { firstDiscoveryWait = 5 * time.Second })
	if l := readListing(t, callSoon(t, a, context.Background(), pc, "workspaces")); l.Page.Total != 2 || !l.Refreshing || !strings.Contains(l.Note, "still running") {
		t.Fatalf("during the first discovery = %+v", l)
	}
	gate.release()
	waitForDiscovery(t, a)
	if l := readListing(t, callSoon(t, a, context.Background(), pc, "workspaces")); l.Page.Total != 3 {
		t.Fatalf("after it = %+v", l)
	}
}
