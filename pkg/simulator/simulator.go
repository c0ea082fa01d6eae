package simulator

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math"
	"sync"
	"time"
)

const (
	resourceSampleEvery = 5 * time.Minute
	baseRequestRate     = 2.0        // requests/s of an endpoint of a weight-1 workspace at peak
	deploymentsPerSec   = 1.0 / 600  // a weight-1 workspace deploys every 10 minutes
	aiopsPerSecPerAgent = 1.0 / 1800 // each agent acts every 30 minutes
	agentScrapeSeconds  = 15.0       // a workspace agent scrapes its pods every 15s
	quotaFillPerSecond  = 1.0 / 3600 // quota-filling adds a whole quota per hour
	quotaFillCeiling    = 0.94       // under ResourceQuotaExceeded's 0.95, which quota-exhausted raises
)

// fill is where a quota-filling fault started one resource's climb.
type fill struct {
	id   string
	at   time.Time
	from float64
}

type workspaceState struct {
	requests   [][]float64 // [endpoint][status]
	buckets    [][]float64 // [endpoint][bucket], not cumulative; the last is above 10s
	sums       []float64
	deployAcc  float64
	deploys    map[[2]string]float64 // [type,status]
	deployN    int
	aiopsAcc   []float64
	aiops      map[[3]string]float64 // [agent,operation,status]
	aiopsN     int
	lastSample time.Time
	// The agent's remote-write counters, and the queue a remote-write-lagging fault (by id) froze
	// at its newest sent timestamp.
	agentSamples, agentFailed float64
	frozenBy                  string
	frozenSentAt              float64
	fills                     map[string]fill // resource -> its quota-filling climb
}

type hostState struct {
	cpu [][3]float64 // [cpu][idle,user,system] seconds
}

// Simulator advances the platform's counters through time and renders its metrics.
type Simulator struct {
	mu       sync.Mutex
	Platform *Platform
	Faults   *Faults
	sink     Sink
	last     time.Time
	// resourceEvery spaces the resource-usage rows; a backfill samples hourly to stay small.
	resourceEvery time.Duration
	ws            []workspaceState
	hosts         []hostState
}

// New starts a simulator at start; events go to sink (nil for none).
func New(p *Platform, faults *Faults, sink Sink, start time.Time) *Simulator {
	if sink == nil {
		sink = Sinks{}
	}
	s := &Simulator{Platform: p, Faults: faults, sink: sink, last: start, resourceEvery: resourceSampleEvery}
	for range p.Workspaces {
		st := workspaceState{deploys: map[[2]string]float64{}, aiops: map[[3]string]float64{}, lastSample: start, aiopsAcc: make([]float64, len(aiopsAgents)), fills: map[string]fill{}}
		for range p.Endpoints {
			st.requests = append(st.requests, make([]float64, len(statusCodes)))
			st.buckets = append(st.buckets, make([]float64, len(latencyBuckets)+1))
			st.sums = append(st.sums, 0)
		}
		// Counters start at 0 for every label set, so the first increment is not lost to increase().
		for _, t := range deploymentTypes {
			st.deploys[[2]string{t, "success"}] = 0
			st.deploys[[2]string{t, "failure"}] = 0
		}
		for i, a := range aiopsAgents {
			st.aiops[[3]string{a, aiopsOperations[i], "success"}] = 0
			st.aiops[[3]string{a, aiopsOperations[i], "failure"}] = 0
		}
		s.ws = append(s.ws, st)
	}
	for _, h := range p.Hosts {
		s.hosts = append(s.hosts, hostState{cpu: make([][3]float64, h.CPUs)})
	}
	return s
}

// Advance moves the simulation to now, emitting the events of the elapsed time.
func (s *Simulator) Advance(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	dt := now.Sub(s.last).Seconds()
	if dt <= 0 {
		return
	}
	for i := range s.Platform.Workspaces {
		s.advanceWorkspace(i, now, dt)
	}
	for i := range s.Platform.Hosts {
		s.advanceHost(i, now, dt)
	}
	s.last = now
}

func (s *Simulator) requestRate(ws Workspace, e Endpoint, now time.Time) float64 {
	return baseRequestRate * ws.Weight * rhythm(now) * (1 + 0.15*wave(s.Platform.Config.Seed, ws.ID+e.Path, now, 47*time.Minute))
}

func (s *Simulator) advanceWorkspace(i int, now time.Time, dt float64) {
	ws, st := s.Platform.Workspaces[i], &s.ws[i]
	for e, ep := range s.Platform.Endpoints {
		rate := s.requestRate(ws, ep, now)
		mix, latency := baselineMix.shares(), healthyLatency
		if s.Faults.Has("error-spike", Fault{Workspace: ws.ID, Endpoint: ep.Path}) {
			mix = errorSpikeMix.shares()
		}
		if s.Faults.Has("slow-endpoint", Fault{Workspace: ws.ID, Endpoint: ep.Path}) {
			latency = slowLatency
		}
		n := rate * dt
		before5xx := st.requests[e][2] + st.requests[e][3]
		for k, share := range mix {
			st.requests[e][k] += n * share
		}
		for b, share := range latency {
			st.buckets[e][b] += n * share
			st.sums[e] += n * share * bucketMid(b)
		}
		s.sampleRequests(ws, ep, now, before5xx, st.requests[e][2]+st.requests[e][3], latency)
	}
	s.advanceDeployments(ws, st, now, dt)
	s.advanceAIOps(ws, st, now, dt)
	s.advanceAgent(ws, st, dt)
	s.trackFills(ws, st)
	for !st.lastSample.Add(s.resourceEvery).After(now) {
		st.lastSample = st.lastSample.Add(s.resourceEvery)
		for _, r := range resourceTypes {
			s.sink.Resource(ResourceSample{TS: st.lastSample, Workspace: ws, Resource: r, Ratio: s.resourceUsage(i, r, st.lastSample)})
		}
	}
}

// agentSampleRate is the samples per second a workspace's agent scrapes and sends: every series
// of the workspace once per scrape.
func (s *Simulator) agentSampleRate(ws Workspace) float64 {
	series := len(s.Platform.Endpoints)*(len(statusCodes)+len(latencyBuckets)+3) + 1 + len(ws.VClusters) +
		2*len(databaseNames) + 2*len(deploymentTypes) + len(resourceTypes) + 1 + 2*len(aiopsAgents)
	return float64(series) / agentScrapeSeconds
}

// advanceAgent counts what the workspace's agent sends. As a real agent: a 5xx from the store
// makes it retry (counted as sent, never failed) and its queue stop; a 4xx drops the samples
// (failed as fast as sent) and the queue moves on. A gone agent counts nothing.
func (s *Simulator) advanceAgent(ws Workspace, st *workspaceState, dt float64) {
	at := Fault{Workspace: ws.ID}
	if s.Faults.Has("workspace-silent", at) {
		return
	}
	n := s.agentSampleRate(ws) * dt
	st.agentSamples += n
	if s.Faults.Has("remote-write-rejected", at) {
		st.agentFailed += n
	}
	f, lagging := s.Faults.Find("remote-write-lagging", at)
	switch {
	case !lagging:
		st.frozenBy = ""
	case st.frozenBy != f.ID:
		// Frozen where the last healthy step left it: the lag grows from the normal one.
		st.frozenBy, st.frozenSentAt = f.ID, s.sentTimestamp(ws, s.last)
	}
}

// sentTimestamp is the newest timestamp a healthy queue has sent at t: a scrape interval and a
// 5s batch behind, 20 to 35s.
func (s *Simulator) sentTimestamp(ws Workspace, t time.Time) float64 {
	seed := s.Platform.Config.Seed
	lag := 25 + 5*unit(seed, ws.ID, "lag") + 5*wave(seed, ws.ID+"lag", t, 7*time.Minute)
	return float64(t.Unix()) - math.Round(lag)
}

// trackFills starts a resource's climb where the last healthy step left its usage, once per
// quota-filling fault, and forgets it when the fault is cleared.
func (s *Simulator) trackFills(ws Workspace, st *workspaceState) {
	for _, r := range resourceTypes {
		f, ok := s.Faults.Find("quota-filling", Fault{Workspace: ws.ID, Resource: r})
		switch {
		case !ok:
			delete(st.fills, r)
		case st.fills[r].id != f.ID:
			st.fills[r] = fill{id: f.ID, at: s.last, from: s.baselineUsage(ws, r, s.last)}
		}
	}
}

// sampleRequests logs and traces one request per endpoint and step, and one failed request
// whenever the endpoint's count of 5xx answers passes a whole number, so logs and traces follow
// the traffic without flooding, and a rare failure is still logged.
func (s *Simulator) sampleRequests(ws Workspace, ep Endpoint, now time.Time, failedBefore, failedAfter float64, latency []float64) {
	pick := unit(s.Platform.Config.Seed, ws.ID, ep.Path, fmt.Sprint(now.UnixNano()))
	s.sink.Request(s.request(ws, ep, now, "200", latencyAt(latency, pick), "ok"))
	if math.Floor(failedAfter) > math.Floor(failedBefore) {
		s.sink.Request(s.request(ws, ep, now, "500", latencyAt(latency, 1-pick), "failed"))
	}
}

func latencyAt(shares []float64, u float64) float64 {
	acc := 0.0
	for b, share := range shares {
		acc += share
		if u <= acc {
			lower := 0.0
			if b > 0 {
				lower = latencyBuckets[b-1]
			}
			upper := 15.0
			if b < len(latencyBuckets) {
				upper = latencyBuckets[b]
			}
			return lower + (upper-lower)*0.6
		}
	}
	return 0.05
}

func (s *Simulator) request(ws Workspace, ep Endpoint, now time.Time, status string, d float64, salt string) Request {
	h := fnv.New128a()
	_, _ = fmt.Fprint(h, s.Platform.Config.Seed, ws.ID, ep.Path, now.UnixNano(), salt)
	var r Request
	copy(r.TraceID[:], h.Sum(nil))
	binary.BigEndian.PutUint64(r.SpanID[:], binary.BigEndian.Uint64(r.TraceID[8:])^0x5bd1e995)
	r.TS, r.Workspace, r.Endpoint, r.StatusCode, r.DurationSeconds = now, ws, ep, status, d
	return r
}

func (s *Simulator) advanceDeployments(ws Workspace, st *workspaceState, now time.Time, dt float64) {
	rate, failShare := deploymentsPerSec*ws.Weight*rhythm(now), 0.04
	if s.Faults.Has("deployment-failures", Fault{Workspace: ws.ID}) {
		rate, failShare = 0.5, 0.8
	}
	st.deployAcc += rate * dt
	for ; st.deployAcc >= 1; st.deployAcc-- {
		st.deployN++
		key := fmt.Sprintf("%s/deploy/%d", ws.ID, st.deployN)
		typ := choose(deploymentTypes, deploymentShare, unit(s.Platform.Config.Seed, key, "type"))
		status := "success"
		if unit(s.Platform.Config.Seed, key, "status") < failShare {
			status = "failure"
		}
		st.deploys[[2]string{typ, status}]++
		s.sink.Deployment(Deployment{TS: now, Workspace: ws, DeploymentType: typ, Status: status,
			DurationSeconds: 20 + 100*unit(s.Platform.Config.Seed, key, "duration")})
	}
}

func (s *Simulator) advanceAIOps(ws Workspace, st *workspaceState, now time.Time, dt float64) {
	for a, agent := range aiopsAgents {
		st.aiopsAcc[a] += aiopsPerSecPerAgent * ws.Weight * rhythm(now) * dt
		for ; st.aiopsAcc[a] >= 1; st.aiopsAcc[a]-- {
			st.aiopsN++
			key := fmt.Sprintf("%s/aiops/%d", ws.ID, st.aiopsN)
			status := "success"
			if unit(s.Platform.Config.Seed, key, "status") < 0.08+0.04*float64(a) {
				status = "failure"
			}
			st.aiops[[3]string{agent, aiopsOperations[a], status}]++
			s.sink.AIOps(AIOpsOperation{TS: now, Workspace: ws, Agent: agent, Operation: aiopsOperations[a], Status: status,
				DurationSeconds: 1 + 30*unit(s.Platform.Config.Seed, key, "duration")})
		}
	}
}

func choose(values []string, shares []float64, u float64) string {
	acc := 0.0
	for i, share := range shares {
		acc += share
		if u < acc {
			return values[i]
		}
	}
	return values[len(values)-1]
}

func (s *Simulator) advanceHost(i int, now time.Time, dt float64) {
	h := s.Platform.Hosts[i]
	busy := 0.15 + 0.3*rhythm(now) + 0.05*wave(s.Platform.Config.Seed, h.Instance, now, 13*time.Minute)
	if s.Faults.Has("host-cpu", Fault{Host: h.Instance}) {
		busy = 0.95
	}
	for c := range s.hosts[i].cpu {
		s.hosts[i].cpu[c][0] += dt * (1 - busy)
		s.hosts[i].cpu[c][1] += dt * busy * 0.8
		s.hosts[i].cpu[c][2] += dt * busy * 0.2
	}
}

// resourceUsage is the usage of one quota by the i-th workspace, well under it unless a fault says so.
func (s *Simulator) resourceUsage(i int, resource string, now time.Time) float64 {
	ws := s.Platform.Workspaces[i]
	if s.Faults.Has("quota-exhausted", Fault{Workspace: ws.ID, Resource: resource}) {
		return 0.98
	}
	if f, ok := s.ws[i].fills[resource]; ok && !now.Before(f.at) {
		return roundUsage(math.Min(f.from+quotaFillPerSecond*now.Sub(f.at).Seconds(), quotaFillCeiling))
	}
	return s.baselineUsage(ws, resource, now)
}

// baselineUsage is a healthy workspace's usage, about 0.24 to 0.74 of the quota. Its swings are small
// and slow (at most 1.2e-5/s, 1.4e-6/s fitted over 6h), so that no baseline is forecast to reach
// the quota within QuotaForecastFull's 24h horizon, nor within an hour over a window of seconds.
func (s *Simulator) baselineUsage(ws Workspace, resource string, now time.Time) float64 {
	seed := s.Platform.Config.Seed
	base := map[string]float64{"cpu": 0.25, "memory": 0.4, "storage": 0.3}[resource]
	return roundUsage(base + 0.3*unit(seed, ws.ID, resource) + 0.02*rhythm(now) + 0.02*wave(seed, ws.ID+resource, now, 3*time.Hour))
}

// roundUsage keeps 4 decimals: coarser steps would look like a trend to a fit over seconds.
func roundUsage(v float64) float64 { return math.Round(v*10000) / 10000 }
