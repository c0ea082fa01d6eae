package simulator

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
)

// small is a 3-workspace platform whose simulator starts at t0 with faults.
func small(t *testing.T, faults *Faults) *Simulator {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Workspaces = 3
	p, err := NewPlatform(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return New(p, faults, nil, t0)
}

func scrape(t *testing.T, s *Simulator, at time.Time, scope Scope) string {
	t.Helper()
	var out bytes.Buffer
	if err := s.WriteScope(&out, at, scope); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// valueOf is the value of the one sample line that starts with series (name and labels).
func valueOf(t *testing.T, exposition, series string) float64 {
	t.Helper()
	for _, l := range strings.Split(exposition, "\n") {
		if rest, ok := strings.CutPrefix(l, series+" "); ok {
			v, err := strconv.ParseFloat(rest, 64)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
	}
	t.Fatalf("no sample %s", series)
	return 0
}

const ws2 = `workspace_id="ws-0002",plan_type="shared",cluster_id="cluster-b"`

func agentSeries(name string) string {
	if name == "prometheus_remote_storage_highest_timestamp_in_seconds" {
		return name + "{" + ws2 + "}"
	}
	return name + "{" + ws2 + `,remote_name="workspace"}`
}

type agentView struct{ samples, failed, lag float64 }

func agentAt(t *testing.T, s *Simulator, at time.Time) agentView {
	t.Helper()
	out := scrape(t, s, at, Scope{Agents: true})
	highest := valueOf(t, out, agentSeries("prometheus_remote_storage_highest_timestamp_in_seconds"))
	if highest != float64(at.Unix()) {
		t.Fatalf("the newest appended sample is %v, not now (%d)", highest, at.Unix())
	}
	return agentView{
		samples: valueOf(t, out, agentSeries("prometheus_remote_storage_samples_total")),
		failed:  valueOf(t, out, agentSeries("prometheus_remote_storage_samples_failed_total")),
		lag:     highest - valueOf(t, out, agentSeries("prometheus_remote_storage_queue_highest_sent_timestamp_seconds")),
	}
}

func TestAHealthyAgentSendsItsWorkspacesSamplesAScrapeBehind(t *testing.T) {
	s := small(t, NewFaults())
	before := agentAt(t, s, t0.Add(time.Minute))
	for i := 2; i <= 30; i++ {
		after := agentAt(t, s, t0.Add(time.Duration(i)*time.Minute))
		// 4 endpoints x 14 series, 1 + 2 vClusters, 4 connections, 6 deployments, 3 quotas, 1 sessions, 6 AIOps: 79 every 15s.
		if got, want := after.samples-before.samples, 79.0/15*60; math.Abs(got-want) > 1e-6 || after.failed != 0 {
			t.Fatalf("minute %d: %v samples sent, %v failed; want %v and 0", i, got, after.failed, want)
		}
		if after.lag < 20 || after.lag > 35 {
			t.Fatalf("minute %d: the queue is %vs behind, want a scrape interval and a batch, 20 to 35s", i, after.lag)
		}
		before = after
	}
}

func TestRemoteWriteLaggingStopsTheQueueButNotTheSamples(t *testing.T) {
	faults := NewFaults()
	s := small(t, faults)
	start := agentAt(t, s, t0.Add(time.Minute))
	f, _ := faults.Add(Fault{Name: "remote-write-lagging", Workspace: "ws-0002"})
	later := agentAt(t, s, t0.Add(11*time.Minute))
	if later.lag < 600+20 || later.lag > 600+35 || later.failed != 0 || later.samples <= start.samples {
		t.Fatalf("10 minutes of 5xx from the store: lag %vs, %v failed, samples %v -> %v; want 620 to 635s, 0 failed, retries counted as sent",
			later.lag, later.failed, start.samples, later.samples)
	}
	if out := scrape(t, s, t0.Add(11*time.Minute), Scope{}); valueOf(t, out, `hexabase_vcluster_status{`+ws2+`,vcluster_name="vc-0002-1"}`) != 1 {
		t.Fatal("the lagging workspace's own series are not fresh")
	}
	faults.Remove(f.ID)
	if caughtUp := agentAt(t, s, t0.Add(12*time.Minute)); caughtUp.lag > 35 {
		t.Fatalf("the store answers again but the queue is %vs behind", caughtUp.lag)
	}
}

func TestRemoteWriteRejectedFailsEverySampleAtANormalLag(t *testing.T) {
	faults := NewFaults()
	s := small(t, faults)
	start := agentAt(t, s, t0.Add(time.Minute))
	faults.Add(Fault{Name: "remote-write-rejected", Workspace: "ws-0002"})
	later := agentAt(t, s, t0.Add(6*time.Minute))
	if sent, failed := later.samples-start.samples, later.failed-start.failed; sent == 0 || math.Abs(failed-sent) > 1e-6 || later.lag > 35 {
		t.Fatalf("5 minutes of 4xx: %v sent, %v failed, lag %vs; want every sample failed at a normal lag", sent, failed, later.lag)
	}
}

func TestWorkspaceSilentStopsEverySeriesButTheInventory(t *testing.T) {
	faults := NewFaults()
	s := small(t, faults)
	faults.Add(Fault{Name: "workspace-silent", Workspace: "ws-0002"})
	at := t0.Add(time.Minute)
	for _, l := range seriesOf(scrape(t, s, at, Scope{})) {
		if strings.Contains(l, `workspace_id="ws-0002"`) && !strings.HasPrefix(l, "hexabase_vcluster_info{") {
			t.Fatalf("a silent workspace still exposes %s", l)
		}
	}
	if n := len(seriesOf(scrape(t, s, at, Scope{Workspace: "ws-0002"}))); n != 0 {
		t.Fatalf("a silent workspace's pods still expose %d series to its agent", n)
	}
	all := scrape(t, s, at, Scope{})
	for _, want := range []string{
		`hexabase_vcluster_info{` + ws2 + `,vcluster_name="vc-0002-1"} 1`,
		`hexabase_vcluster_status{workspace_id="ws-0001",plan_type="shared",cluster_id="cluster-a",vcluster_name="vc-0001-1"} 1`,
		`prometheus_remote_storage_samples_total{workspace_id="ws-0003",`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the exposition lacks %s", want)
		}
	}
}

func TestQuotaFillingClimbsAQuotaAnHourUnderTheExceededThreshold(t *testing.T) {
	faults := NewFaults()
	s := small(t, faults)
	usage := func(at time.Time, resource string) float64 {
		return valueOf(t, scrape(t, s, at, Scope{}), `hexabase_resource_usage_ratio{`+ws2+`,resource_type="`+resource+`"}`)
	}
	start := t0.Add(time.Minute)
	from, cpu := usage(start, "memory"), usage(start, "cpu")
	faults.Add(Fault{Name: "quota-filling", Workspace: "ws-0002", Resource: "memory"})
	if got, want := usage(start.Add(6*time.Minute), "memory"), from+0.1; math.Abs(got-want) > 1e-4 {
		t.Fatalf("6 minutes into the fill memory usage is %v, want %v (from %v, a quota an hour)", got, want, from)
	}
	if got := usage(start.Add(2*time.Hour), "memory"); got != quotaFillCeiling {
		t.Fatalf("after two hours memory usage is %v, want it to stop at %v", got, quotaFillCeiling)
	}
	if got := usage(start.Add(2*time.Hour), "cpu"); math.Abs(got-cpu) > 0.05 {
		t.Fatalf("the fill of memory moved cpu from %v to %v", cpu, got)
	}
}

// A baseline's usage moves too slowly to be forecast full: over a fit of seconds, at most
// 1.2e-5/s (and a 1e-4 rounding step) from 0.74 at most, over an hour away; over QuotaForecastFull's 6h, a day away.
func TestBaselineUsageIsNeverForecastFull(t *testing.T) {
	p, err := NewPlatform(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	s := New(p, NewFaults(), nil, t0)
	const step = 30 * time.Second
	for i, ws := range p.Workspaces {
		for _, r := range resourceTypes {
			prev := s.resourceUsage(i, r, t0)
			for at := t0.Add(step); at.Before(t0.Add(48 * time.Hour)); at = at.Add(step) {
				v := s.resourceUsage(i, r, at)
				if slope := math.Abs(v-prev) / step.Seconds(); v > 0.75 || slope > 1.6e-5 {
					t.Fatalf("%s %s at %s: usage %v moving %v/s", ws.ID, r, at, v, slope)
				}
				prev = v
			}
		}
	}
}

// fit is the least-squares line through the samples of f from..to every step, as predict_linear
// draws it: its value at to and its slope per second.
func fit(f func(time.Time) float64, from, to time.Time, step time.Duration) (float64, float64) {
	var n, sx, sy, sxx, sxy float64
	for at := from; !at.After(to); at = at.Add(step) {
		x, y := at.Sub(to).Seconds(), f(at)
		n, sx, sy, sxx, sxy = n+1, sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	slope := (n*sxy - sx*sy) / (n*sxx - sx*sx)
	return (sy - slope*sx) / n, slope
}

// With the production windows (a 6h fit, a 24h horizon) no baseline is forecast full, at any
// hour of two days.
func TestBaselineUsageIsNotForecastFullWithin24hOver6h(t *testing.T) {
	p, err := NewPlatform(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	s := New(p, NewFaults(), nil, t0)
	for i, ws := range p.Workspaces {
		for _, r := range resourceTypes {
			usage := func(at time.Time) float64 { return s.resourceUsage(i, r, at) }
			for now := t0.Add(6 * time.Hour); now.Before(t0.Add(54 * time.Hour)); now = now.Add(20 * time.Minute) {
				v, slope := fit(usage, now.Add(-6*time.Hour), now, time.Minute)
				if slope > 0 && (1-v)/slope < 24*3600 {
					t.Fatalf("%s %s at %s: forecast full in %s", ws.ID, r, now, time.Duration((1-v)/slope*float64(time.Second)))
				}
			}
		}
	}
}

func TestABaselineBurnsAFifthOfTheDedicatedBudget(t *testing.T) {
	shares := baselineMix.shares()
	if sum := shares[0] + shares[1] + shares[2] + shares[3]; math.Abs(sum-1) > 1e-12 {
		t.Fatalf("the baseline shares sum to %v", sum)
	}
	if fiveXX := shares[2] + shares[3]; fiveXX <= 0 || fiveXX > 0.2*(1-0.9995) {
		t.Fatalf("baseline 5xx share %v: want some, at most a fifth of a 99.95%% objective's budget", fiveXX)
	}
}
