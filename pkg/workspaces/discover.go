package workspaces

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
)

// discoveryQuery reads one recorded series per workspace: cheap with 10,000 workspaces. The
// second operand keeps a workspace that reported earlier and is silent now: the rules keep its
// newest sample's timestamp for alerting Config.KnownFor, so it stays listed with its data age.
const discoveryQuery = "max by (workspace_id, cluster_id, plan_type) (workspace:hexabase_vcluster_status:count)" +
	" or max by (workspace_id, cluster_id, plan_type) (workspace:hexabase_agent_last_sample:timestamp)"

// MaxDiscovered bounds the workspaces one discovery keeps: about 100 bytes each in memory, ten
// times the platform's target scale.
const MaxDiscovered = 200000

// QueryPath is the path of an instant query through Grafana's datasource proxy; with an empty
// uid, the path of the query on Prometheus itself.
func QueryPath(prometheusUID, query string) string {
	prefix := ""
	if prometheusUID != "" {
		prefix = "/api/datasources/proxy/uid/" + url.PathEscape(prometheusUID)
	}
	return prefix + "/api/v1/query?query=" + url.QueryEscape(query)
}

// Discover asks the Prometheus datasource, through Grafana's proxy, which workspaces report or
// reported within the rules' KnownFor. The answer (about 110 bytes per workspace) is decoded one
// series at a time, never held whole.
func Discover(ctx context.Context, c *grafanaapi.Client, prometheusUID string) ([]agentconfig.Workspace, error) {
	var out []agentconfig.Workspace
	err := c.Stream(ctx, http.MethodGet, QueryPath(prometheusUID, discoveryQuery), nil, func(r io.Reader) error {
		return DecodeVector(r, func(m SeriesLabels, _ float64) error {
			if len(out) == MaxDiscovered {
				return fmt.Errorf("Prometheus reports more than %d workspaces, more than the app lists", MaxDiscovered)
			}
			out = append(out, agentconfig.Workspace{ID: m.WorkspaceID, ClusterID: m.ClusterID, Plan: m.PlanType})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("discovering workspaces from %s: %w", prometheusUID, err)
	}
	return out, nil
}
