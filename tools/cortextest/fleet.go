package cortextest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/simulator"
)

// PlatformTenant is the tenant that every agent also writes the app's metrics to, and that the
// app's Prometheus datasource reads (docs/scale-out.md).
const PlatformTenant = "hexabase-platform"

// FleetOptions shape a Fleet.
type FleetOptions struct {
	Simulator simulator.Config
	Faults    []simulator.Fault
	Limit     time.Duration
}

// Fleet is the production shape on loopback: a Cortex cluster; the simulated platform served over
// HTTP; one agent per workspace running, verbatim but for service discovery (agentconfig.WithSimulatorTargets) and
// its own address (agentconfig.WithSelfAddress), the
// configuration the app generates for it with a platform tenant; and the platform's own agent,
// which writes the hosts and the control plane's inventory to the platform tenant.
type Fleet struct {
	Cluster  *Cluster
	Platform *simulator.Platform
	Faults   *simulator.Faults
	// Link is the agents' path to the distributor.
	Link   *Link
	Agents map[string]*Agent

	mu      sync.Mutex
	counts  map[string]int
	servers []*http.Server
	ctx     context.Context
	cancel  context.CancelFunc
}

// StartFleet starts everything for at most opts.Limit.
func StartFleet(opts FleetOptions) (f *Fleet, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), opts.Limit)
	f = &Fleet{Agents: map[string]*Agent{}, counts: map[string]int{}, ctx: ctx, cancel: cancel}
	defer func() {
		if err != nil {
			f.Close()
			f = nil
		}
	}()
	if f.Cluster, err = Start(opts.Limit); err != nil {
		return f, err
	}
	if f.Platform, err = simulator.NewPlatform(opts.Simulator); err != nil {
		return f, err
	}
	f.Faults = simulator.NewFaults()
	for _, fault := range opts.Faults {
		if _, err = f.Faults.Add(fault); err != nil {
			return f, err
		}
	}
	sim := simulator.New(f.Platform, f.Faults, nil, time.Now())
	handler := simulator.Handler(sim, time.Now)
	simAddr, err := f.serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.counts[r.URL.Path]++
		f.mu.Unlock()
		handler.ServeHTTP(w, r)
	}))
	if err != nil {
		return f, err
	}
	if f.Link, err = NewLink(f.Cluster.Components["distributor"].URL()); err != nil {
		return f, err
	}
	linkAddr, err := f.serve(f.Link)
	if err != nil {
		return f, err
	}
	push := "http://" + linkAddr + "/api/v1/push"
	for _, ws := range f.Platform.Workspaces {
		plan := agentconfig.DefaultPlans()[ws.Plan]
		plan.RemoteWriteURL, plan.PlatformTenant = push, PlatformTenant
		w := agentconfig.Workspace{ID: ws.ID, ClusterID: ws.ClusterID, Plan: ws.Plan}
		rendered, err := agentconfig.PrometheusYAML(plan, w)
		if err != nil {
			return f, err
		}
		static, err := agentconfig.WithSimulatorTargets(rendered, ws.ID, simAddr)
		if err != nil {
			return f, err
		}
		// Each agent scrapes its own health where it listens, on 127.0.0.1 next to the others.
		config := func(listen string) ([]byte, error) { return agentconfig.WithSelfAddress(static, listen) }
		files := map[string][]byte{}
		if plan.AlertmanagerTarget != "" {
			if files[agentconfig.RulesFile], err = agentconfig.RulesYAML(plan); err != nil {
				return f, err
			}
		}
		// A plan whose Prometheus evaluates rules runs a server; agent mode refuses rule_files.
		if f.Agents[ws.ID], err = StartAgent(ctx, ws.ID, config, files, plan.AlertmanagerTarget == ""); err != nil {
			return f, fmt.Errorf("agent of %s: %w", ws.ID, err)
		}
	}
	// The platform agent writes as the shared plan's agents do, to the platform tenant only.
	shared := agentconfig.DefaultPlans()[agentconfig.Shared]
	shared.RemoteWriteURL, shared.PlatformTenant = push, PlatformTenant
	platform, err := agentconfig.PlatformAgentYAML(shared, simAddr)
	if err != nil {
		return f, err
	}
	if f.Agents["platform"], err = StartAgent(ctx, "platform", func(string) ([]byte, error) { return platform, nil }, map[string][]byte{}, true); err != nil {
		return f, fmt.Errorf("platform agent: %w", err)
	}
	return f, nil
}

func (f *Fleet) serve(h http.Handler) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	f.servers = append(f.servers, srv)
	go func() { _ = srv.Serve(l) }()
	return l.Addr().String(), nil
}

// Scrapes is how many times path was served.
func (f *Fleet) Scrapes(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counts[path]
}

// QueryURL is the Prometheus API root of the querier, as a Prometheus datasource's URL.
func (f *Fleet) QueryURL() string { return f.Cluster.Components["querier"].URL() + "/prometheus" }

// Query runs an instant query as tenant and returns its vector.
func (f *Fleet) Query(tenant, query string) ([]Sample, error) {
	var out []Sample
	err := f.get(f.QueryURL()+"/api/v1/query?query="+url.QueryEscape(query), tenant, &out)
	return out, err
}

// Sample is one series of an instant vector.
type Sample struct {
	Metric map[string]string `json:"metric"`
	Value  [2]any            `json:"value"`
}

// Float is the sample's value.
func (s Sample) Float() float64 {
	var v float64
	if str, ok := s.Value[1].(string); ok {
		_, _ = fmt.Sscan(str, &v)
	}
	return v
}

// get calls a Prometheus-style API as tenant and decodes its data.
func (f *Fleet) get(u, tenant string, data any) error {
	req, err := http.NewRequestWithContext(f.ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Scope-OrgID", tenant)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %d %s", u, res.StatusCode, raw)
	}
	var body struct {
		Status string          `json:"status"`
		Data   json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return err
	}
	var vector struct {
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(body.Data, &vector); err == nil && vector.Result != nil {
		return json.Unmarshal(vector.Result, data)
	}
	return json.Unmarshal(body.Data, data)
}

// PostRuleGroups stores every group of a Prometheus rule file in the ruler, for tenant, with
// the request Cortex's ruler API takes (POST /api/v1/rules/{namespace}, one YAML group).
func (f *Fleet) PostRuleGroups(tenant, namespace string, file []byte) error {
	var rules struct {
		Groups []yaml.Node `yaml:"groups"`
	}
	if err := yaml.Unmarshal(file, &rules); err != nil {
		return err
	}
	for _, g := range rules.Groups {
		body, err := yaml.Marshal(&g)
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(f.ctx, http.MethodPost, f.Cluster.Components["ruler"].URL()+"/api/v1/rules/"+url.PathEscape(namespace), bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("X-Scope-OrgID", tenant)
		req.Header.Set("Content-Type", "application/yaml")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		raw, _ := io.ReadAll(res.Body)
		_ = res.Body.Close()
		if res.StatusCode != http.StatusAccepted {
			return fmt.Errorf("ruler refused a group of %s: %d %s", namespace, res.StatusCode, raw)
		}
	}
	return nil
}

// WaitFor polls an instant query as tenant until check accepts its result.
func (f *Fleet) WaitFor(tenant, query string, timeout time.Duration, check func([]Sample) bool) ([]Sample, error) {
	var last []Sample
	var lastErr error
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(time.Second) {
		last, lastErr = f.Query(tenant, query)
		if lastErr == nil && check(last) {
			return last, nil
		}
	}
	return last, errors.Join(lastErr, fmt.Errorf("%s as %s: not as expected within %s (last %d series: %.600v)", query, tenant, timeout, len(last), last))
}

// Logs returns what every agent and component logged last, for a failing test.
func (f *Fleet) Logs() string {
	var b strings.Builder
	for name, a := range f.Agents {
		fmt.Fprintf(&b, "--- agent %s\n%s\n", name, a.Log())
	}
	if f.Cluster != nil {
		for name := range f.Cluster.Components {
			fmt.Fprintf(&b, "--- cortex %s\n%s\n", name, f.Cluster.Log(name))
		}
	}
	return b.String()
}

// Close stops everything.
func (f *Fleet) Close() {
	for _, a := range f.Agents {
		a.Close()
	}
	for _, s := range f.servers {
		_ = s.Close()
	}
	if f.Cluster != nil {
		f.Cluster.Close()
	}
	f.cancel()
}

// Alert is one alert of the ruler's Prometheus-style API.
type Alert struct {
	Labels map[string]string `json:"labels"`
	State  string            `json:"state"`
}

// RulerGet reads a path of the ruler's API as tenant and decodes its data.
func (f *Fleet) RulerGet(tenant, path string, data any) error {
	return f.get(f.Cluster.Components["ruler"].URL()+path, tenant, data)
}

// RulerAlerts lists tenant's pending and firing alerts as the ruler evaluates them.
func (f *Fleet) RulerAlerts(tenant string) ([]Alert, error) {
	var data struct {
		Alerts []Alert `json:"alerts"`
	}
	err := f.get(f.Cluster.Components["ruler"].URL()+"/prometheus/api/v1/alerts", tenant, &data)
	return data.Alerts, err
}
