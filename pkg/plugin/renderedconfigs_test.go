package plugin

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// discovered stands in for a discovery that listed these workspaces just now.
func discovered(a *App, ws ...agentconfig.Workspace) {
	a.discovery.mu.Lock()
	defer a.discovery.mu.Unlock()
	a.discovery.index, a.discovery.at = workspaces.NewIndex(ws, nil), time.Now()
}

func TestAgentConfigIsRenderedOncePerWorkspace(t *testing.T) {
	a := newTestApp(t, `{`+manualWorkspaces+`}`)
	t.Cleanup(a.Dispose)
	first := callResource(t, a, http.MethodGet, "workspaces/ws-0007/agent-config", "")
	second := callResource(t, a, http.MethodGet, "workspaces/ws-0007/agent-config", "")
	ws7 := agentconfig.Workspace{ID: "ws-0007", ClusterID: "cluster-b", Plan: "shared"}
	kept, ok := a.configs.get(ws7)
	if first.Status != http.StatusOK || second.Status != http.StatusOK || !bytes.Equal(first.Body, second.Body) || !ok || !bytes.Equal(kept, first.Body) {
		t.Fatalf("%d %d, kept %v", first.Status, second.Status, ok)
	}
	a.configs.put(ws7, []byte("kept\n"))
	if res := callResource(t, a, http.MethodGet, "workspaces/ws-0007/agent-config", ""); string(res.Body) != "kept\n" || res.Headers["Content-Type"][0] != "application/yaml" {
		t.Fatalf("not answered from what was kept: %d %.100s", res.Status, res.Body)
	}
}

// A discovery may move a workspace to another cluster or plan: its next configuration says so.
func TestAgentConfigFollowsAWorkspaceThatMoved(t *testing.T) {
	a := newTestApp(t, `{`+manualWorkspaces+`}`)
	t.Cleanup(a.Dispose)
	for _, ws := range []agentconfig.Workspace{
		{ID: "ws-0042", ClusterID: "cluster-a", Plan: "shared"},
		{ID: "ws-0042", ClusterID: "cluster-c", Plan: "shared"},
		{ID: "ws-0042", ClusterID: "cluster-c", Plan: "dedicated"},
		{ID: "ws-0042", ClusterID: "cluster-a", Plan: "shared"},
	} {
		discovered(a, ws)
		res := callResource(t, a, http.MethodGet, "workspaces/ws-0042/agent-config", "")
		if body := string(res.Body); res.Status != http.StatusOK || !strings.Contains(body, "cluster_id: "+ws.ClusterID) || !strings.Contains(body, "plan_type: "+ws.Plan) {
			t.Fatalf("%+v: %d\n%s", ws, res.Status, body)
		}
	}
	if len(a.configs.byWS) != 3 {
		t.Fatalf("kept %d configurations, want 3", len(a.configs.byWS))
	}
}

func TestAgentConfigRefusalsAreNotKept(t *testing.T) {
	a := newTestApp(t, `{`+manualWorkspaces+`}`)
	t.Cleanup(a.Dispose)
	for _, ws := range []agentconfig.Workspace{{ID: "ws-0042", ClusterID: "cluster-a", Plan: "gold"}, {ID: "ws-0042", ClusterID: "Cluster_A", Plan: "shared"}} {
		discovered(a, ws)
		for range 2 {
			if res := callResource(t, a, http.MethodGet, "workspaces/ws-0042/agent-config", ""); res.Status != http.StatusBadRequest {
				t.Fatalf("%+v: %d %s", ws, res.Status, res.Body)
			}
		}
	}
	if len(a.configs.byWS) != 0 || a.configs.bytes != 0 {
		t.Fatalf("kept %d configurations, %d bytes", len(a.configs.byWS), a.configs.bytes)
	}
}

func TestRenderedConfigsStayWithinTheirBudget(t *testing.T) {
	c := newRenderedConfigs(3000)
	ws := func(i int) agentconfig.Workspace {
		return agentconfig.Workspace{ID: fmt.Sprintf("ws-%d", i), ClusterID: "c", Plan: "shared"}
	}
	for i := range 10 {
		c.put(ws(i), make([]byte, 1000))
		if kept, ok := c.get(ws(i)); !ok || len(kept) != 1000 || c.bytes != min(i+1, 3)*1000 || len(c.byWS) != min(i+1, 3) {
			t.Fatalf("after %d: %d bytes in %d", i, c.bytes, len(c.byWS))
		}
	}
	c.put(ws(9), make([]byte, 2500)) // kept again, larger: replaces its old bytes
	if c.bytes != 2500 || len(c.byWS) != 1 {
		t.Fatalf("replaced: %d bytes in %d", c.bytes, len(c.byWS))
	}
	c.put(ws(10), make([]byte, 3001))
	if _, ok := c.get(ws(10)); ok || c.bytes != 2500 {
		t.Fatalf("kept a configuration larger than the budget: %d bytes", c.bytes)
	}
}

// Run with -race: requests of one instance share the kept configurations.
func TestRenderedConfigsAreSharedSafely(t *testing.T) {
	c := newRenderedConfigs(50 * 100)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 1000 {
				ws := agentconfig.Workspace{ID: fmt.Sprintf("ws-%d", (g*i)%200), ClusterID: "c", Plan: "shared"}
				if out, ok := c.get(ws); ok && len(out) != 100 {
					t.Errorf("%v: %d bytes", ws, len(out))
				}
				c.put(ws, make([]byte, 100))
			}
		})
	}
	wg.Wait()
	if c.bytes > 5000 || c.bytes != 100*len(c.byWS) {
		t.Fatalf("%d bytes in %d", c.bytes, len(c.byWS))
	}
}
