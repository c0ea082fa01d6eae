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

// remoteLag is the agents' own remote-write lag, per write, as the app's recording rule reads it.
const remoteLag = `prometheus_remote_storage_highest_timestamp_in_seconds{job="prometheus-agent"} - ignoring (remote_name) group_right ` +
	`prometheus_remote_storage_queue_highest_sent_timestamp_seconds{job="prometheus-agent"}`

// checkLagGrewAndRecovered: the agents' remote-write lag went past 45s during the cut (their health
// scraped while cut off reaches the store from their WALs once the link is back) and every write's
// fell back below 45s once it had sent what was scraped after the link came back. Outside a cut
// the lag reaches up to about one scrape interval (30s on the shared plan) plus the 5s batch
// deadline, when a scrape of the agent itself comes just after another job's, before that is sent.
func checkLagGrewAndRecovered(t *testing.T, cutAt, restoredAt time.Time) {
	t.Helper()
	writes := 2 * len(fleet.Platform.Workspaces)
	recovered := fmt.Sprintf(`(%s) < 45 and on (workspace_id, remote_name) prometheus_remote_storage_queue_highest_sent_timestamp_seconds > %d`, remoteLag, restoredAt.Unix())
	if _, err := fleet.WaitFor(cortextest.PlatformTenant, recovered, 3*time.Minute, hasSeries(writes)); err != nil {
		t.Fatalf("the agents' remote-write lag did not recover after the partition: %v", err)
	}
	window := int(time.Since(cutAt).Seconds()) + 1
	during, err := fleet.Query(cortextest.PlatformTenant, fmt.Sprintf(`max_over_time((%s)[%ds:5s])`, remoteLag, window))
	largest := 0.0
	for _, s := range during {
		largest = max(largest, s.Float())
	}
	if err != nil || len(during) != writes || largest <= 45 {
		t.Errorf("the largest lag of %d writes while cut off is %.0fs, want over 45s (%v): %v", len(during), largest, err, during)
	}
	t.Logf("the agents' remote-write lag reached %.0fs while cut off and recovered", largest)
}

// Runs last (files run in name order): it stops the agents. One ingester of three is killed while the agents write and the pages query, and comes back;
// then the agents are cut off from the distributor for a minute. No query fails or loses a
// series, the ingester rejoins the ring, the agents' own remote-write lag grows and recovers,
// and every sample every agent scraped is in both its workspace's tenant and the platform
// tenant: none lost, no gap.
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

	cutAt := time.Now()
	fleet.Link.Cut()
	time.Sleep(time.Minute)
	fleet.Link.Restore()
	restoredAt := time.Now()
	if fleet.Link.Dropped() == 0 {
		t.Fatal("no agent tried to write while cut off: the partition proved nothing")
	}
	t.Logf("%d writes dropped while the agents were cut off", fleet.Link.Dropped())
	checkLagGrewAndRecovered(t, cutAt, restoredAt)

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
