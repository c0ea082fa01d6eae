package plugin

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
	"github.com/hexabase/hexabase-monitoring-app/tools/prometheustest"
)

// fleetBehindGrafana serves the app through the Grafana double with discovered workspaces in a
// real Prometheus and manual ones in the settings; it returns the double and the ids listed.
func fleetBehindGrafana(b *testing.B, discovered, manual int) (*grafanadouble.Grafana, []string) {
	b.Helper()
	var exposition strings.Builder
	var ids []string
	for i := range discovered {
		ids = append(ids, fmt.Sprintf("ws-%05d", i))
		fmt.Fprintf(&exposition, "workspace:hexabase_vcluster_status:count{workspace_id=%q,cluster_id=\"cluster-%d\",plan_type=\"shared\"} 1\n", ids[i], i%7)
	}
	exposition.WriteString("up 1\n")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, exposition.String()) }))
	b.Cleanup(srv.Close)
	prom, err := prometheustest.Start([]string{strings.TrimPrefix(srv.URL, "http://")}, 10*time.Minute)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(prom.Close)
	if err := prom.WaitFor("up", 1, time.Minute); err != nil {
		b.Fatal(err)
	}
	if discovered > 0 {
		if err := prom.WaitFor("workspace:hexabase_vcluster_status:count", discovered, time.Minute); err != nil {
			b.Fatal(err)
		}
	}
	ws := []map[string]string{}
	for i := range manual {
		ids = append(ids, fmt.Sprintf("m-%05d", i))
		ws = append(ws, map[string]string{"id": ids[len(ids)-1], "clusterId": "cluster-a", "plan": "shared"})
	}
	jsonData, _ := json.Marshal(map[string]any{"workspaces": ws})
	g := hosted(b, string(jsonData), nil)
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: prom.URL})
	return g, ids
}

// BenchmarkResourceRoutes: 50 clients at once (25 per core) list pages of the workspaces and
// fetch agent configurations through Grafana's resource route; p50 and p99 are per request.
func BenchmarkResourceRoutes(b *testing.B) {
	for _, fleet := range []struct {
		name               string
		discovered, manual int
	}{{"10000-discovered", 10000, 0}, {"2000-manual", 0, 2000}} {
		g, ids := fleetBehindGrafana(b, fleet.discovered, fleet.manual)
		token := g.UserToken(1, "Viewer")
		if status, body := request(b, g, token, http.MethodGet, appAPI+"/resources/workspaces", nil); status != http.StatusOK {
			b.Fatalf("the first discovery: %d %v", status, body) // timed runs measure the served list, not the first discovery
		}
		for _, route := range []struct {
			name string
			path func(i int) string
		}{
			{"workspaces-page", func(i int) string { return fmt.Sprintf("workspaces?page=%d&perPage=50", i%200+1) }},
			{"workspaces-search", func(i int) string { return fmt.Sprintf("workspaces?search=%s", ids[i%len(ids)][:6]) }},
			{"agent-config", func(i int) string { return "workspaces/" + ids[(i*131)%len(ids)] + "/agent-config" }},
		} {
			b.Run(fleet.name+"/"+route.name, func(b *testing.B) {
				var mu sync.Mutex
				var latencies []time.Duration
				var next atomic.Int64
				b.SetParallelism(25)
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						start := time.Now()
						req, _ := http.NewRequest(http.MethodGet, g.URL+appAPI+"/resources/"+route.path(int(next.Add(1))), nil)
						req.Header.Set("Authorization", "Bearer "+token)
						res, err := http.DefaultClient.Do(req)
						if err != nil {
							b.Error(err)
							return
						}
						_, _ = io.Copy(io.Discard, res.Body)
						_ = res.Body.Close()
						if res.StatusCode != http.StatusOK {
							b.Errorf("%s: %d", req.URL.Path, res.StatusCode)
							return
						}
						mu.Lock()
						latencies = append(latencies, time.Since(start))
						mu.Unlock()
					}
				})
				sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
				if n := len(latencies); n > 0 {
					b.ReportMetric(float64(latencies[n/2].Microseconds())/1000, "p50-ms")
					b.ReportMetric(float64(latencies[n*99/100].Microseconds())/1000, "p99-ms")
				}
			})
		}
	}
}
