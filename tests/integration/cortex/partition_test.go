//go:build integration

package cortex

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/tools/cortextest"
)

// queryLoop runs the checks every half second until stopped and keeps every failure.
type queryLoop struct {
	stop     chan struct{}
	done     sync.WaitGroup
	mu       sync.Mutex
	runs     int
	failures []string
}

func startQueryLoop(checks map[string]int) *queryLoop {
	l := &queryLoop{stop: make(chan struct{})}
	l.done.Add(1)
	go func() {
		defer l.done.Done()
		for {
			select {
			case <-l.stop:
				return
			case <-time.After(500 * time.Millisecond):
			}
			for query, want := range checks {
				got, err := fleet.Query(cortextest.PlatformTenant, query)
				l.mu.Lock()
				l.runs++
				switch {
				case err != nil:
					l.failures = append(l.failures, fmt.Sprintf("%s: %v", query, err))
				case len(got) != 1 || int(got[0].Float()) != want:
					l.failures = append(l.failures, fmt.Sprintf("%s = %v, want %d", query, got, want))
				}
				l.mu.Unlock()
			}
		}
	}()
	return l
}

func (l *queryLoop) end() (int, []string) {
	close(l.stop)
	l.done.Wait()
	return l.runs, l.failures
}

// Runs last (files run in name order): it stops the agents. One ingester of three is killed while the agents write and the pages query, and comes back;
// then the agents are cut off from the distributor for a minute. No query fails or loses a
// series, the ingester rejoins the ring, and every sample every agent scraped is in both its
// workspace's tenant and the platform tenant: none lost, no gap.
func TestIngesterCrashAndPartitionLoseNothing(t *testing.T) {
	vclusters := len(fleet.Platform.Workspaces) * 2
	checks := map[string]int{
		"count(hexabase_vcluster_status)":                                          vclusters,
		"count(count by (workspace_id) (hexabase_http_requests_total))":            len(fleet.Platform.Workspaces),
		"count(node_memory_MemTotal_bytes)":                                        len(fleet.Platform.Hosts),
		`count(count by (workspace_id) (workspace:hexabase_http_requests:rate5m))`: len(fleet.Platform.Workspaces),
	}
	for query, want := range checks {
		if _, err := fleet.WaitFor(cortextest.PlatformTenant, query, 3*time.Minute, func(s []cortextest.Sample) bool {
			return len(s) == 1 && int(s[0].Float()) == want
		}); err != nil {
			t.Fatal(err)
		}
	}

	loop := startQueryLoop(checks)
	fleet.Cluster.Kill("ingester-2")
	time.Sleep(45 * time.Second) // more than one scrape of every agent lands on two ingesters
	if err := fleet.Cluster.StartComponent("ingester-2"); err != nil {
		t.Fatal(err)
	}
	if err := fleet.Cluster.WaitReady("ingester-2", 2*time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := fleet.Cluster.WaitIngesters(3, time.Minute); err != nil {
		t.Fatal(err)
	}
	runs, failures := loop.end()
	if len(failures) > 0 {
		t.Fatalf("%d of %d queries failed or lost series while an ingester was down, first: %s", len(failures), runs, failures[0])
	}
	t.Logf("%d queries while ingester-2 was down and rejoining, none failed", runs)

	fleet.Link.Cut()
	time.Sleep(time.Minute)
	fleet.Link.Restore()
	if fleet.Link.Dropped() == 0 {
		t.Fatal("no agent tried to write while cut off: the partition proved nothing")
	}
	t.Logf("%d writes dropped while the agents were cut off", fleet.Link.Dropped())

	// Stopped cleanly, each agent sends what its WAL still holds, then scrapes no more.
	for _, ws := range fleet.Platform.Workspaces {
		fleet.Agents[ws.ID].Stop()
	}
	for _, ws := range fleet.Platform.Workspaces {
		scrapes := fleet.Scrapes("/metrics/workspaces/" + ws.ID)
		query := fmt.Sprintf(`count_over_time(hexabase_active_connections{workspace_id=%q}[1h])`, ws.ID)
		for _, tenant := range []string{ws.ID, cortextest.PlatformTenant} {
			got, err := fleet.Query(tenant, query)
			if err != nil || len(got) != 1 || int(got[0].Float()) != scrapes {
				t.Errorf("%s as %s: %v (%v), want %d samples, one per scrape", query, tenant, got, err, scrapes)
			}
		}
	}
}
