package workspaces

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
)

func TestDiscoverReadsTheRecordedSeriesThroughGrafana(t *testing.T) {
	grafana := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/datasources/proxy/uid/hexabase-prometheus/api/v1/query" || r.URL.Query().Get("query") != discoveryQuery {
			t.Errorf("request %s", r.URL)
		}
		_, _ = w.Write([]byte(`{"status":"success","data":{"resultType":"vector","result":[
			{"metric":{"workspace_id":"ws-0002","cluster_id":"cluster-b","plan_type":"dedicated"},"value":[1,"2"]},
			{"metric":{"workspace_id":"ws-0001","cluster_id":"cluster-a","plan_type":"shared"},"value":[1,"2"]}]}}`))
	}))
	defer grafana.Close()
	got, err := Discover(context.Background(), &grafanaapi.Client{BaseURL: grafana.URL}, "hexabase-prometheus")
	want := []agentconfig.Workspace{{ID: "ws-0002", ClusterID: "cluster-b", Plan: "dedicated"}, {ID: "ws-0001", ClusterID: "cluster-a", Plan: "shared"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Discover() = %v, %v", got, err)
	}
}

func TestMergeLetsManualAssignmentsWin(t *testing.T) {
	got := Merge(
		[]agentconfig.Workspace{{ID: "ws-2", ClusterID: "c1", Plan: "shared"}, {ID: "ws-1", ClusterID: "c1", Plan: "shared"}},
		[]agentconfig.Workspace{{ID: "ws-2", ClusterID: "c2", Plan: "dedicated"}, {ID: "ws-3", ClusterID: "c1", Plan: "shared"}},
	)
	want := []Entry{
		{agentconfig.Workspace{ID: "ws-1", ClusterID: "c1", Plan: "shared"}, "metrics"},
		{agentconfig.Workspace{ID: "ws-2", ClusterID: "c2", Plan: "dedicated"}, "manual,metrics"},
		{agentconfig.Workspace{ID: "ws-3", ClusterID: "c1", Plan: "shared"}, "manual"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Merge() = %+v", got)
	}
}

func TestListSearchesAndPagesTenThousandWorkspaces(t *testing.T) {
	var discovered []agentconfig.Workspace
	for i := 1; i <= 10000; i++ {
		plan := "shared"
		if i%5 == 0 {
			plan = "dedicated"
		}
		discovered = append(discovered, agentconfig.Workspace{ID: fmt.Sprintf("ws-%05d", i), ClusterID: fmt.Sprintf("cluster-%d", i%3), Plan: plan})
	}
	all := Merge(discovered, nil)
	p := List(all, "", 3, 100)
	if p.Total != 10000 || len(p.Items) != 100 || p.Items[0].ID != "ws-00201" {
		t.Fatalf("page 3: total %d, %d items, first %s", p.Total, len(p.Items), p.Items[0].ID)
	}
	p = List(all, "DEDICATED", 1, 5000) // a page larger than allowed is cut to the maximum
	if p.Total != 2000 || p.PerPage != MaxPerPage || len(p.Items) != MaxPerPage {
		t.Fatalf("search: total %d, perPage %d, items %d", p.Total, p.PerPage, len(p.Items))
	}
	if p := List(all, "ws-0999", 9, 50); p.Total != 10 || len(p.Items) != 0 {
		t.Fatalf("a page past the end: %+v", p)
	}
	if e, ok := Find(all, "ws-04242"); !ok || e.ClusterID != "cluster-0" {
		t.Fatalf("Find() = %+v, %v", e, ok)
	}
	if _, ok := Find(all, "ws-99999"); ok {
		t.Fatal("found a workspace that does not exist")
	}
}
