package workspaces

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
)

// discoveryQuery reads one recorded series per workspace: cheap with 10,000 workspaces.
const discoveryQuery = "max by (workspace_id, cluster_id, plan_type) (workspace:hexabase_vcluster_status:count)"

// MaxDiscovered bounds the workspaces one discovery keeps: about 100 bytes each in memory, ten
// times the platform's target scale.
const MaxDiscovered = 200000

// Discover asks the Prometheus datasource, through Grafana's proxy, which workspaces report. The
// answer (about 110 bytes per workspace) is decoded one series at a time, never held whole.
func Discover(ctx context.Context, c *grafanaapi.Client, prometheusUID string) ([]agentconfig.Workspace, error) {
	var out []agentconfig.Workspace
	path := "/api/datasources/proxy/uid/" + url.PathEscape(prometheusUID) + "/api/v1/query?query=" + url.QueryEscape(discoveryQuery)
	err := c.Stream(ctx, http.MethodGet, path, nil, func(r io.Reader) error {
		return decodeVector(r, func(m seriesLabels) error {
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

type seriesLabels struct {
	WorkspaceID string `json:"workspace_id"`
	ClusterID   string `json:"cluster_id"`
	PlanType    string `json:"plan_type"`
}

// decodeVector walks a Prometheus query answer ({"status":..., "data":{"result":[...]}}) and
// hands each series' labels to each; other members are skipped token by token.
func decodeVector(r io.Reader, each func(seriesLabels) error) error {
	dec := json.NewDecoder(r)
	status, sawResult := "", false
	err := walkObject(dec, func(key string) error {
		switch key {
		case "status":
			return dec.Decode(&status)
		case "data":
			return walkObject(dec, func(key string) error {
				if key != "result" {
					return skipValue(dec)
				}
				sawResult = true
				return walkArray(dec, func() error {
					var series struct {
						Metric seriesLabels `json:"metric"`
					}
					if err := dec.Decode(&series); err != nil {
						return err
					}
					return each(series.Metric)
				})
			})
		default:
			return skipValue(dec)
		}
	})
	switch {
	case err != nil:
		return fmt.Errorf("unreadable answer: %w", err)
	case status != "success" || !sawResult:
		return errors.New("unreadable answer: not a successful Prometheus query result")
	}
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q at byte %d", want, dec.InputOffset())
	}
	return nil
}

func walkObject(dec *json.Decoder, member func(key string) error) error {
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if err := member(tok.(string)); err != nil {
			return err
		}
	}
	return expectDelim(dec, '}')
}

func walkArray(dec *json.Decoder, element func() error) error {
	if err := expectDelim(dec, '['); err != nil {
		return err
	}
	for dec.More() {
		if err := element(); err != nil {
			return err
		}
	}
	return expectDelim(dec, ']')
}

// skipValue reads one value of any size without keeping it.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}
