//go:build integration

package jaeger

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/hexabase/hexabase-monitoring-app/pkg/simulator"
)

// pageSearchQuery is the query model the Workspace page gives the Jaeger datasource: the page
// calls slowestTracesQuery(ws) with its defaults (src/pages/workspaces/workspaceDetailPage.ts).
func pageSearchQuery(t *testing.T, root, ws string) SearchQuery {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	script := fmt.Sprintf("process.stdout.write(JSON.stringify(require('./src/queries/telemetry').slowestTracesQuery(%s)))", strconv.Quote(ws))
	cmd := exec.CommandContext(ctx, filepath.Join(root, "node_modules", ".bin", "ts-node"), "--transpile-only", "-e", script)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("slowestTracesQuery through ts-node (needs npm ci): %v\n%s", err, stderrOf(err))
	}
	var q SearchQuery
	if err := json.Unmarshal(out, &q); err != nil {
		t.Fatalf("slowestTracesQuery(%q) = %s: %v", ws, out, err)
	}
	if q.QueryType != "search" {
		t.Fatalf("slowestTracesQuery(%q) = %s: not a search", ws, out)
	}
	return q
}

func stderrOf(err error) string {
	if exit, ok := err.(*exec.ExitError); ok {
		return string(exit.Stderr)
	}
	return ""
}

type logLine struct {
	raw        string
	Workspace  string `json:"workspace_id"`
	TraceID    string `json:"trace_id"`
	SpanID     string `json:"span_id"`
	Method     string `json:"method"`
	Endpoint   string `json:"endpoint"`
	DurationMS int    `json:"duration_ms"`
}

// simulate runs the simulator over the last ten minutes with its log and OTLP trace sinks, as
// pkg/cmd/simulator wires them, and returns the log lines once every span is exported.
func simulate(t *testing.T, platform *simulator.Platform, fault simulator.Fault, otlp string) []logLine {
	faults := simulator.NewFaults()
	if err := platform.Validate(fault); err != nil {
		t.Fatal(err)
	}
	if _, err := faults.Add(fault); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	traces, err := simulator.NewTraceSink(ctx, otlp)
	if err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(t.TempDir(), "simulator.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	end := time.Now()
	start := end.Add(-10 * time.Minute)
	sim := simulator.New(platform, faults, simulator.Sinks{simulator.NewLogSink(logFile), traces}, start)
	for now := start.Add(12 * time.Second); !now.After(end); now = now.Add(12 * time.Second) {
		sim.Advance(now)
		// The exporter's queue holds 2048 spans: give it time to send between steps.
		time.Sleep(10 * time.Millisecond)
	}
	if err := traces.Shutdown(ctx); err != nil {
		t.Fatalf("flushing the simulator's spans to Jaeger: %v", err)
	}
	if err := logFile.Close(); err != nil {
		t.Fatal(err)
	}
	return readLog(t, logPath)
}

func readLog(t *testing.T, path string) []logLine {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []logLine
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		l := logLine{raw: scanner.Text()}
		if err := json.Unmarshal(scanner.Bytes(), &l); err != nil {
			t.Fatalf("log line %q: %v", l.raw, err)
		}
		lines = append(lines, l)
	}
	if err := scanner.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// derivedTraceID is the trace id that the dev instance's Loki derived field takes from a raw log
// line and hands to Jaeger (provisioning/datasources/datasources.yaml; \w means the same in RE2).
func derivedTraceID(t *testing.T, root, line string) string {
	raw, err := os.ReadFile(filepath.Join(root, "provisioning", "datasources", "datasources.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Datasources []struct {
			UID      string `yaml:"uid"`
			Type     string `yaml:"type"`
			JSONData struct {
				DerivedFields []struct {
					MatcherRegex  string `yaml:"matcherRegex"`
					DatasourceUID string `yaml:"datasourceUid"`
				} `yaml:"derivedFields"`
				TraceIDTimeParams struct {
					Enabled bool `yaml:"enabled"`
				} `yaml:"traceIdTimeParams"`
			} `yaml:"jsonData"`
		} `yaml:"datasources"`
	}
	if err := yaml.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	jaegerUID := ""
	for _, ds := range file.Datasources {
		if ds.Type == "jaeger" {
			jaegerUID = ds.UID
			if ds.JSONData.TraceIDTimeParams.Enabled {
				t.Fatal("the Jaeger datasource sends time parameters with a trace id, which TraceURL does not")
			}
		}
	}
	for _, ds := range file.Datasources {
		for _, f := range ds.JSONData.DerivedFields {
			if ds.Type != "loki" || f.DatasourceUID != jaegerUID {
				continue
			}
			m := regexp.MustCompile(f.MatcherRegex).FindStringSubmatch(line)
			if len(m) != 2 {
				t.Fatalf("the derived field %q finds no trace id in %s", f.MatcherRegex, line)
			}
			return m[1]
		}
	}
	t.Fatalf("no Loki derived field links to the Jaeger datasource %q", jaegerUID)
	return ""
}

func repoRoot(t *testing.T) string {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found from %s: %v", root, err)
	}
	return root
}
