//go:build integration

package jaeger

import (
	"net/http"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/simulator"
)

// The Workspace page's "Slowest requests" panel and the Loki derived field's trace link, run on a
// real Jaeger (v2, built by scripts/lib/install-jaeger.sh) that the simulator feeds over OTLP.
func TestWorkspaceTracesOnJaeger(t *testing.T) {
	root := repoRoot(t)
	jaeger := startJaeger(t, 3*time.Minute)
	platform, err := simulator.NewPlatform(simulator.Config{Seed: 14, Workspaces: 4, VClustersPerWorkspace: 1, Endpoints: 3, Users: 10, Hosts: 1, Clusters: 1})
	if err != nil {
		t.Fatal(err)
	}
	// A's slow endpoint gives it more slow requests than the panel's limit; B has only the healthy
	// tail, mostly fewer; C is the workspace of the log line whose trace link is followed.
	a, b, c := platform.Workspaces[0].ID, platform.Workspaces[1].ID, platform.Workspaces[2].ID
	lines := simulate(t, platform, simulator.Fault{Name: "slow-endpoint", Workspace: a, Endpoint: platform.Endpoints[0].Path}, jaeger.OTLP)
	waitForTraces(t, jaeger, len(lines))

	for _, ws := range []string{a, b} {
		t.Run("search of "+ws, func(t *testing.T) {
			checkSearch(t, jaeger, pageSearchQuery(t, root, ws), ws, lines)
		})
	}
	t.Run("trace link of a log line", func(t *testing.T) {
		var line logLine
		for _, l := range lines {
			if l.Workspace == c {
				line = l
			}
		}
		if line.raw == "" {
			t.Fatalf("the simulation logged no request of %s", c)
		}
		checkTraceLink(t, jaeger, derivedTraceID(t, root, line.raw), line)
	})
}

func checkSearch(t *testing.T, jaeger jaegerServer, q SearchQuery, ws string, lines []logLine) {
	minDuration, err := time.ParseDuration(q.MinDuration)
	if err != nil {
		t.Fatalf("the page's minDuration %q: %v", q.MinDuration, err)
	}
	slow := map[string]bool{}
	for _, l := range lines {
		if l.Workspace == ws && time.Duration(l.DurationMS)*time.Millisecond >= minDuration {
			slow[l.TraceID] = true
		}
	}
	if len(slow) == 0 {
		t.Fatalf("the simulation logged no request of %s slower than %s: nothing to search for", ws, minDuration)
	}
	// The page's time range (now-1h to now) is the request's.
	now := time.Now()
	u, err := SearchURL(jaeger.QueryURL, q, now.Add(-time.Hour), now)
	if err != nil {
		t.Fatal(err)
	}
	var res tracesResponse
	if status := getJSON(t, u, &res); status != http.StatusOK {
		t.Fatalf("GET %s: status %d, errors %v", u, status, res.Errors)
	}
	if want := min(q.Limit, len(slow)); len(res.Data) != want {
		t.Errorf("%d traces, want %d (%d of %s slower than %s were logged, the page's limit is %d)", len(res.Data), want, len(slow), ws, minDuration, q.Limit)
	}
	seen := map[string]bool{}
	for _, tr := range res.Data {
		if seen[tr.TraceID] {
			t.Errorf("trace %s returned twice", tr.TraceID)
		}
		seen[tr.TraceID] = true
		if !slow[tr.TraceID] {
			t.Errorf("trace %s is not a logged request of %s slower than %s", tr.TraceID, ws, minDuration)
		}
		server, ok := tr.rootSpan()
		if !ok {
			t.Errorf("trace %s has no root span", tr.TraceID)
			continue
		}
		if got := time.Duration(server.Duration) * time.Microsecond; got < minDuration {
			t.Errorf("trace %s lasts %s, under the page's %s", tr.TraceID, got, minDuration)
		}
		if got, _ := server.tag("workspace_id"); got != ws {
			t.Errorf("trace %s: root span's workspace_id is %q, want %q", tr.TraceID, got, ws)
		}
		for _, s := range tr.Spans {
			if got, ok := s.tag("workspace_id"); ok && got != ws {
				t.Errorf("trace %s: span %s has workspace_id %q, want %q", tr.TraceID, s.SpanID, got, ws)
			}
			if got := tr.Processes[s.ProcessID].ServiceName; got != q.Service {
				t.Errorf("trace %s: span %s is of service %q, want %q", tr.TraceID, s.SpanID, got, q.Service)
			}
		}
	}
	t.Logf("%s: %d requests slower than %s logged, %d traces returned", ws, len(slow), minDuration, len(res.Data))
}

func checkTraceLink(t *testing.T, jaeger jaegerServer, traceID string, line logLine) {
	if traceID != line.TraceID {
		t.Fatalf("the derived field takes %q from the line, whose trace_id is %q", traceID, line.TraceID)
	}
	u, err := TraceURL(jaeger.QueryURL, traceID)
	if err != nil {
		t.Fatal(err)
	}
	var res tracesResponse
	if status := getJSON(t, u, &res); status != http.StatusOK {
		t.Fatalf("GET %s: status %d, errors %v", u, status, res.Errors)
	}
	if len(res.Data) != 1 || res.Data[0].TraceID != traceID {
		t.Fatalf("GET %s returned %d traces (first %q), want the one trace %s", u, len(res.Data), firstID(res.Data), traceID)
	}
	tr := res.Data[0]
	server, ok := tr.rootSpan()
	if !ok {
		t.Fatalf("trace %s has no root span", traceID)
	}
	if server.SpanID != line.SpanID {
		t.Errorf("root span %s, the log line's span_id is %s", server.SpanID, line.SpanID)
	}
	if got, _ := server.tag("workspace_id"); got != line.Workspace {
		t.Errorf("root span's workspace_id is %q, the log line's %q", got, line.Workspace)
	}
	if want := line.Method + " " + line.Endpoint; server.OperationName != want {
		t.Errorf("root span's operation is %q, want %q", server.OperationName, want)
	}
	// The log line rounds the duration down to the millisecond.
	if got := server.Duration / 1000; got < int64(line.DurationMS) || got > int64(line.DurationMS)+1 {
		t.Errorf("root span lasts %d ms, the log line says %d ms", got, line.DurationMS)
	}
	children := 0
	for _, s := range tr.Spans {
		if s.parent() == server.SpanID {
			children++
		}
	}
	if len(tr.Spans) != 2 || children != 1 {
		t.Errorf("trace has %d spans, %d under the root; want the request and its database call", len(tr.Spans), children)
	}
}
