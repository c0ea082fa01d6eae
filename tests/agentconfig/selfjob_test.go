package agentconfig_test

import (
	"errors"
	"io"
	"os"
	"slices"
	"testing"

	"github.com/prometheus/prometheus/config"
	"github.com/prometheus/prometheus/model/labels"
	"github.com/prometheus/prometheus/model/relabel"
	"github.com/prometheus/prometheus/model/textparse"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// scrapeRecorded reads /metrics as recorded from a real agent (testdata/agent-metrics: two
// remote writes, one answered 204 and one 500) with Prometheus' own scrape parser, and returns
// each series with the target labels the scrape adds.
func scrapeRecorded(t *testing.T, file string, sc *config.ScrapeConfig) []labels.Labels {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	p := textparse.NewPromParser(raw, labels.NewSymbolTable(), false)
	var out []labels.Labels
	for {
		entry, err := p.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if entry != textparse.EntrySeries {
			continue
		}
		var l labels.Labels
		p.Labels(&l)
		lb := labels.NewBuilder(l)
		lb.Set("job", sc.JobName)
		lb.Set("instance", agentconfig.AgentSelfAddress)
		out = append(out, lb.Labels())
	}
}

// The agent's own job keeps, with Prometheus' own relabeling, exactly the four health series
// from what a real agent (Prometheus v3 and Debian's 2.42) exposes, without url; and the platform
// write passes all of them.
func TestAgentSelfJobForwardsOnlyItsRemoteWriteHealth(t *testing.T) {
	p := agentconfig.DefaultPlans()[agentconfig.Shared]
	p.PlatformTenant = "hexabase-platform"
	raw, err := agentconfig.PrometheusYAML(p, agentconfig.Workspace{ID: "ws-0001", ClusterID: "cluster-a", Plan: agentconfig.Shared})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(string(raw), nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := job(t, cfg, agentconfig.JobAgentSelf)
	if got := relabelTarget(t, sc, map[string]string{"__address__": agentconfig.AgentSelfAddress}); got != (target{agentconfig.AgentSelfAddress, "/metrics", "http", true}) {
		t.Errorf("the agent's own target is %+v", got)
	}
	platform := cfg.RemoteWriteConfigs[1]
	for _, file := range []string{"testdata/agent-metrics/prometheus-v0.316.0-agent.txt", "testdata/agent-metrics/prometheus-2.42.0-agent.txt"} {
		scraped := scrapeRecorded(t, file, sc)
		var kept []string
		for _, l := range scraped {
			lb := labels.NewBuilder(l)
			if !relabel.ProcessBuilder(lb, sc.MetricRelabelConfigs...) {
				continue
			}
			out := lb.Labels()
			kept = append(kept, out.String())
			if out.Has("url") {
				t.Errorf("%s: %s keeps url", file, out)
			}
			if !relabel.ProcessBuilder(labels.NewBuilder(out), platform.WriteRelabelConfigs...) {
				t.Errorf("%s: the platform write drops %s", file, out)
			}
		}
		want := []string{
			`{__name__="prometheus_remote_storage_highest_timestamp_in_seconds", instance="localhost:9090", job="prometheus-agent"}`,
			`{__name__="prometheus_remote_storage_queue_highest_sent_timestamp_seconds", instance="localhost:9090", job="prometheus-agent", remote_name="bad"}`,
			`{__name__="prometheus_remote_storage_queue_highest_sent_timestamp_seconds", instance="localhost:9090", job="prometheus-agent", remote_name="ok"}`,
			`{__name__="prometheus_remote_storage_samples_failed_total", instance="localhost:9090", job="prometheus-agent", remote_name="bad"}`,
			`{__name__="prometheus_remote_storage_samples_failed_total", instance="localhost:9090", job="prometheus-agent", remote_name="ok"}`,
			`{__name__="prometheus_remote_storage_samples_total", instance="localhost:9090", job="prometheus-agent", remote_name="bad"}`,
			`{__name__="prometheus_remote_storage_samples_total", instance="localhost:9090", job="prometheus-agent", remote_name="ok"}`,
		}
		if file == "testdata/agent-metrics/prometheus-2.42.0-agent.txt" {
			// 2.42 exposes a queue's highest sent timestamp only once it has sent something.
			want = slices.Delete(want, 1, 2)
		}
		slices.Sort(kept)
		if !slices.Equal(kept, want) {
			t.Errorf("%s: of %d series the agent's own job keeps\n%q\nwant\n%q", file, len(scraped), kept, want)
		}
	}
}
