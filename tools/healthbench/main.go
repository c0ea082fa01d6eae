// Command healthbench measures the backend's fleet health ranking end to end against a
// Prometheus, without Grafana: each signal's instant query with its streamed decoding, the
// discovery, the whole reading (all queries at once) with the ranking and a page, and, to compare,
// the same ranking as one PromQL query whose whole answer a browser would receive. It prints JSON.
// -synthetic N starts a Prometheus (127.0.0.1, bounded) on N synthetic workspaces instead;
// -smoke is -synthetic 20 with 2 runs, so that the test command keeps the benchmark working.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/fleethealth"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
	"github.com/hexabase/hexabase-monitoring-app/tools/prometheustest"
)

// The plans' objectives the app uses without settings (agentconfig.DefaultPlans).
var objectives = settings.Settings{}.Objectives()

type timing struct {
	Name     string  `json:"name"`
	PromQL   string  `json:"promql,omitempty"`
	Series   int     `json:"series"`
	Bytes    int64   `json:"bytes"`
	MedianMs float64 `json:"medianMs"`
	P95Ms    float64 `json:"p95Ms"`
}

type result struct {
	Prometheus  string   `json:"prometheus"`
	Repeat      int      `json:"repeat"`
	Workspaces  int      `json:"workspaces"`
	Queries     []timing `json:"queries"`
	Discover    timing   `json:"discover"`
	Ranking     timing   `json:"ranking"`     // every query at once, merged, ranked, one page of 50
	RankOnly    timing   `json:"rankOnly"`    // scoring and sorting what was read, in memory
	Page        timing   `json:"page"`        // one page of 50 from the ranking; bytes of its JSON
	SingleQuery timing   `json:"singleQuery"` // the ranking as one PromQL query, read whole
}

func main() {
	prom := flag.String("prometheus", "", "Prometheus URL to measure against (the fleet benchmark's)")
	repeat := flag.Int("repeat", 7, "timed runs of each measurement, after one untimed")
	synthetic := flag.Int("synthetic", 0, "start a Prometheus on this many synthetic workspaces instead of -prometheus")
	smoke := flag.Bool("smoke", false, "-synthetic 20 -repeat 2: only proves the benchmark works")
	at := flag.String("time", "", "evaluate every query at this RFC 3339 time (the end of the benchmark's data) instead of now")
	flag.Parse()
	if *smoke {
		*synthetic, *repeat = 20, 2
	}
	evalAt := ""
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			fmt.Fprintln(os.Stderr, "-time:", err)
			os.Exit(2)
		}
		evalAt = strconv.FormatInt(t.Unix(), 10)
	}
	if err := run(*prom, *synthetic, *repeat, evalAt); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(promURL string, synthetic, repeat int, evalAt string) error {
	if synthetic > 0 {
		srv, err := serveSynthetic(synthetic)
		if err != nil {
			return err
		}
		defer srv.Close()
		promURL = srv.URL
	}
	if promURL == "" || repeat < 1 {
		return fmt.Errorf("give -prometheus URL or -synthetic N, and -repeat of at least 1")
	}
	counted := &countingTransport{at: evalAt}
	c := &grafanaapi.Client{BaseURL: promURL, HTTP: &http.Client{Transport: counted, Timeout: 2 * time.Minute}}
	ctx := context.Background()
	cfg := alerting.Defaults()
	thresholds := fleethealth.ThresholdsOf(cfg, cfg.SilentAfter)
	queries := fleethealth.Queries(cfg.MinRequestRate)
	res := result{Prometheus: promURL, Repeat: repeat}

	var found []agentconfig.Workspace
	var err error
	res.Discover, err = measure(counted, "discover", repeat, func() (int, error) {
		found, err = workspaces.Discover(ctx, c, "")
		return len(found), err
	})
	if err != nil {
		return err
	}
	index := workspaces.NewIndex(found, nil)
	res.Workspaces = index.Len()
	for _, q := range queries {
		t, err := measure(counted, q.Signal.String(), repeat, func() (int, error) {
			s, err := fleethealth.ReadSignal(ctx, c, "", q, objectives)
			return len(s), err
		})
		if err != nil {
			return err
		}
		t.PromQL = q.PromQL
		res.Queries = append(res.Queries, t)
	}
	var readings *fleethealth.Readings
	res.Ranking, err = measure(counted, "ranking", repeat, func() (int, error) {
		if readings, err = fleethealth.Read(ctx, c, "", queries, objectives); err != nil {
			return 0, err
		}
		p, _ := fleethealth.Rank(index, readings, thresholds).Page(fleethealth.Request{Query: workspaces.Query{PerPage: 50}})
		return len(p.Items), nil
	})
	if err != nil {
		return err
	}
	var ranking *fleethealth.Ranking
	res.RankOnly, _ = measure(counted, "rank", repeat, func() (int, error) {
		ranking = fleethealth.Rank(index, readings, thresholds)
		return index.Len(), nil
	})
	var page []byte
	res.Page, _ = measure(counted, "page", repeat, func() (int, error) {
		p, cov := ranking.Page(fleethealth.Request{Query: workspaces.Query{PerPage: 50}})
		page, err = json.Marshal(map[string]any{"page": p, "coverage": cov})
		return len(p.Items), err
	})
	res.Page.Bytes = int64(len(page))
	single := singleQuery(cfg.MinRequestRate, thresholds, objectives)
	res.SingleQuery, err = measure(counted, "singleQuery", repeat, func() (int, error) { return readWhole(ctx, c, single) })
	res.SingleQuery.PromQL = single
	if err != nil {
		return err
	}
	out := json.NewEncoder(os.Stdout)
	out.SetIndent("", "  ")
	out.SetEscapeHTML(false)
	return out.Encode(res)
}

// measure runs f once untimed, then repeat times: median, and p95 by nearest rank; bytes are
// those the last run received.
func measure(counted *countingTransport, name string, repeat int, f func() (int, error)) (timing, error) {
	t := timing{Name: name}
	if _, err := f(); err != nil {
		return t, fmt.Errorf("%s: %w", name, err)
	}
	var ms []float64
	for range repeat {
		counted.bytes.Store(0)
		start := time.Now()
		n, err := f()
		if err != nil {
			return t, fmt.Errorf("%s: %w", name, err)
		}
		ms = append(ms, float64(time.Since(start).Microseconds())/1000)
		t.Series, t.Bytes = n, counted.bytes.Load()
	}
	slices.Sort(ms)
	t.MedianMs = ms[len(ms)/2]
	t.P95Ms = ms[min(len(ms)-1, (len(ms)*95+99)/100-1)]
	return t, nil
}

// readWhole reads a query's whole answer, as a browser's datasource request does, and counts its
// series.
func readWhole(ctx context.Context, c *grafanaapi.Client, query string) (int, error) {
	n := 0
	err := c.Stream(ctx, http.MethodGet, workspaces.QueryPath("", query), nil, func(r io.Reader) error {
		raw, err := io.ReadAll(r)
		if err != nil {
			return err
		}
		return workspaces.DecodeVector(bytes.NewReader(raw), func(struct{}, float64) error { n++; return nil })
	})
	return n, err
}

// countingTransport counts the bytes of the answers' bodies (after any decompression) and, with
// at set, evaluates every query at that time: the fleet benchmark's data ends in the past.
type countingTransport struct {
	bytes atomic.Int64
	at    string
}

func (t *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.at != "" {
		req = req.Clone(req.Context())
		q := req.URL.Query()
		q.Set("time", t.at)
		req.URL.RawQuery = q.Encode()
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err == nil {
		res.Body = &countingBody{ReadCloser: res.Body, n: &t.bytes}
	}
	return res, err
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n.Add(int64(n))
	return n, err
}

// serveSynthetic starts a Prometheus scraping n synthetic workspaces (served until the command
// ends) and waits until it holds them all.
func serveSynthetic(n int) (*prometheustest.Server, error) {
	target, err := syntheticTarget(n)
	if err != nil {
		return nil, err
	}
	srv, err := prometheustest.Start([]string{target}, 30*time.Minute)
	if err != nil {
		return nil, err
	}
	if err := srv.WaitFor("workspace:hexabase_agent_last_sample:timestamp", n, 2*time.Minute); err != nil {
		srv.Close()
		return nil, err
	}
	// The scrape's last series in, for every workspace that is not silent.
	if err := srv.WaitFor("workspace_remote:prometheus_remote_storage_lag:seconds", n-n/10, 2*time.Minute); err != nil {
		srv.Close()
		return nil, err
	}
	return srv, nil
}

func syntheticTarget(n int) (string, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, _ *http.Request) {
		var b strings.Builder
		writeSynthetic(&b, n, time.Now())
		_, _ = io.WriteString(w, b.String())
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go func() { _ = http.Serve(l, mux) }()
	return l.Addr().String(), nil
}
