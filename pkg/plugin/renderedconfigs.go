package plugin

import (
	"sync"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// maxRenderedBytes bounds the rendered agent configurations an instance keeps: all of 10,000
// shared workspaces (3.7 KB each) or of 6,000 dedicated ones (10.8 KB, with the rules).
const maxRenderedBytes = 64 << 20

// renderedConfigs keeps the agent configurations an instance rendered. Grafana rebuilds the
// instance, and so empties it, whenever the settings (and so the plans) change; a workspace's
// cluster or plan may change with the next discovery, so the key is the whole workspace.
type renderedConfigs struct {
	mu     sync.RWMutex
	byWS   map[agentconfig.Workspace][]byte
	bytes  int
	budget int
}

func newRenderedConfigs(budget int) *renderedConfigs {
	return &renderedConfigs{byWS: map[agentconfig.Workspace][]byte{}, budget: budget}
}

// get returns a kept configuration; callers must not modify it.
func (c *renderedConfigs) get(ws agentconfig.Workspace) ([]byte, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out, ok := c.byWS[ws]
	return out, ok
}

// put keeps out, first dropping arbitrary entries (in Go's randomised map order) until it fits
// the budget; a configuration larger than the whole budget is not kept.
func (c *renderedConfigs) put(ws agentconfig.Workspace, out []byte) {
	if len(out) > c.budget {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.byWS[ws]; ok {
		delete(c.byWS, ws)
		c.bytes -= len(old)
	}
	for k, v := range c.byWS {
		if c.bytes+len(out) <= c.budget {
			break
		}
		delete(c.byWS, k)
		c.bytes -= len(v)
	}
	c.byWS[ws] = out
	c.bytes += len(out)
}
