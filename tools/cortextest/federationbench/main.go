// Command federationbench measures, on a Cortex cluster on loopback, what a fleet query costs
// when the fleet is many tenants read through tenant federation (X-Scope-OrgID: a|b|c...) against
// the same series in one platform tenant, and prints the results as a Markdown table
// (docs/scale-out.md). -smoke runs one small level so that the test command keeps it working.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/tools/cortextest"
)

// query is the Overview's request rate over the whole fleet, on raw series.
const query = `sum(rate(hexabase_http_requests_total[5m]))`

func main() {
	levels := flag.String("tenants", "10,100,1000", "tenant counts to measure")
	seriesPer := flag.Int("series", 48, "series per tenant (the app reads about 100 per workspace)")
	repeat := flag.Int("repeat", 9, "timed runs per query")
	empty := flag.Int("header-only", 10000, "also time a federated query naming this many tenants, most of them empty (0: skip)")
	smoke := flag.Bool("smoke", false, "one level of 10 tenants, 2 runs: only proves the benchmark works")
	flag.Parse()
	if *smoke {
		*levels, *repeat, *empty = "10", 2, 0
	}
	if err := run(*levels, *seriesPer, *repeat, *empty); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(levels string, seriesPer, repeat, empty int) error {
	cluster, err := cortextest.Start(20 * time.Minute)
	if err != nil {
		return err
	}
	defer cluster.Close()
	ctx := context.Background()
	querier := cluster.Components["querier"].URL() + "/prometheus/api/v1/query"
	fmt.Printf("Cortex %s, 3 ingesters (replication 3), 1 querier, on %d cores; %d series per tenant, 11 samples each 30 s apart; %d timed runs.\n\n",
		cortextest.Version, runtime.NumCPU(), seriesPer, repeat)
	fmt.Println("| tenants | header bytes | federated p50 | federated p95 | platform tenant p50 | platform tenant p95 | same answer |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- |")
	for _, level := range strings.Split(levels, ",") {
		n, err := strconv.Atoi(level)
		if err != nil {
			return err
		}
		platform := fmt.Sprintf("platform-%d", n)
		tenants := make([]string, n)
		now := time.Now()
		var all []cortextest.Series
		for i := range tenants {
			tenants[i] = fmt.Sprintf("ws-%d-%05d", n, i)
			series := fleetSeries(tenants[i], seriesPer, now)
			if err := cluster.Push(ctx, tenants[i], series); err != nil {
				return err
			}
			all = append(all, series...)
			// The distributor forwards a push to ingesters in one gRPC message of at most 4 MiB.
			if len(all) >= 4000 || i == n-1 {
				if err := cluster.Push(ctx, platform, all); err != nil {
					return err
				}
				all = all[:0]
			}
		}
		header := strings.Join(tenants, "|")
		fed, fedValue, err := timeQuery(querier, header, now, repeat)
		if err != nil {
			return err
		}
		one, oneValue, err := timeQuery(querier, platform, now, repeat)
		if err != nil {
			return err
		}
		fmt.Printf("| %d | %d | %s | %s | %s | %s | %v |\n", n, len(header), ms(fed, 50), ms(fed, 95), ms(one, 50), ms(one, 95), fedValue == oneValue && fedValue != "")
	}
	if empty > 0 {
		tenants := make([]string, empty)
		for i := range tenants {
			tenants[i] = fmt.Sprintf("ws-%05d", i)
		}
		header := strings.Join(tenants, "|")
		took, _, err := timeQuery(querier, header, time.Now(), repeat)
		fmt.Printf("\nA federated query naming %d tenants (a header of %d bytes, tenants without data): ", empty, len(header))
		if err != nil {
			fmt.Printf("refused: %v\n", err)
		} else {
			fmt.Printf("p50 %s, p95 %s.\n", ms(took, 50), ms(took, 95))
		}
	}
	return nil
}

// fleetSeries is one workspace's request counters: seriesPer series, 11 samples 30 s apart up to now.
func fleetSeries(workspace string, seriesPer int, now time.Time) []cortextest.Series {
	out := make([]cortextest.Series, seriesPer)
	for s := range out {
		points := make([]cortextest.Point, 11)
		for i := range points {
			points[i] = cortextest.Point{TimestampMs: now.Add(time.Duration(i-10) * 30 * time.Second).UnixMilli(), Value: float64(i * (s + 1))}
		}
		out[s] = cortextest.Series{Labels: map[string]string{"__name__": "hexabase_http_requests_total", "workspace_id": workspace,
			"endpoint": fmt.Sprintf("/api/v1/e%d", s/6), "status_code": strconv.Itoa(200 + s%6)}, Samples: points}
	}
	return out
}

// timeQuery runs the query repeat times as tenant (after one untimed run) and returns the
// durations and the answer's value.
func timeQuery(endpoint, tenant string, at time.Time, repeat int) ([]time.Duration, string, error) {
	u := endpoint + "?query=" + url.QueryEscape(query) + "&time=" + strconv.FormatInt(at.Unix(), 10)
	var took []time.Duration
	var value string
	for i := 0; i <= repeat; i++ {
		req, err := http.NewRequest(http.MethodGet, u, nil)
		if err != nil {
			return nil, "", err
		}
		req.Header.Set("X-Scope-OrgID", tenant)
		start := time.Now()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, "", err
		}
		var body struct {
			Data struct {
				Result []struct {
					Value [2]any `json:"value"`
				} `json:"result"`
			} `json:"data"`
			Error string `json:"error"`
		}
		err = decode(res, &body)
		elapsed := time.Since(start)
		if err != nil {
			return nil, "", err
		}
		if len(body.Data.Result) == 1 {
			value = fmt.Sprint(body.Data.Result[0].Value[1])
		}
		if i > 0 {
			took = append(took, elapsed)
		}
	}
	return took, value, nil
}

func ms(d []time.Duration, p int) string {
	s := slices.Clone(d)
	slices.Sort(s)
	i := (len(s)*p+99)/100 - 1
	return fmt.Sprintf("%.1f ms", float64(s[max(i, 0)].Microseconds())/1000)
}
