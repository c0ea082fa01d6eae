//go:build integration

package jaeger

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/tests/integration/internal/testserver"
)

type jaegerServer struct {
	QueryURL string // the base URL of the query API, what the Jaeger datasource's url names
	OTLP     string // host:port of the OTLP gRPC receiver
}

// startJaeger runs the binary named by JAEGER with testdata/jaeger.yaml, every listener on
// 127.0.0.1, for at most limit; it is stopped when the test ends, whatever its outcome.
func startJaeger(t *testing.T, limit time.Duration) jaegerServer {
	t.Helper()
	bin := os.Getenv("JAEGER")
	if bin == "" {
		t.Fatal("JAEGER must name the Jaeger v2 binary that scripts/lib/install-jaeger.sh builds and prints (the test command sets it)")
	}
	config, err := filepath.Abs(filepath.Join("testdata", "jaeger.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	queryHTTP := testserver.Address(t)
	j := jaegerServer{QueryURL: "http://" + queryHTTP, OTLP: testserver.Address(t)}
	env := []string{"JAEGER_OTLP_GRPC=" + j.OTLP, "JAEGER_QUERY_HTTP=" + queryHTTP, "JAEGER_QUERY_GRPC=" + testserver.Address(t)}
	testserver.Start(t, limit, env, bin, "--config", config).WaitReady(t, j.QueryURL+"/api/services", time.Minute)
	return j
}

// waitForTraces waits until Jaeger holds one trace per logged request, at most 30 seconds.
func waitForTraces(t *testing.T, j jaegerServer, want int) {
	t.Helper()
	now := time.Now()
	u := fmt.Sprintf("%s/api/traces?service=hexabase-api&limit=%d&start=%d&end=%d", j.QueryURL, want+1, now.Add(-time.Hour).UnixMicro(), now.UnixMicro())
	got := 0
	for deadline := now.Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		var res tracesResponse
		if status := getJSON(t, u, &res); status != http.StatusOK {
			t.Fatalf("GET %s: status %d, errors %v", u, status, res.Errors)
		}
		if got = len(res.Data); got == want {
			return
		}
	}
	t.Fatalf("jaeger holds %d traces of the simulator, %d requests were logged", got, want)
}

type tracesResponse struct {
	Data   []jaegerTrace `json:"data"`
	Errors []struct {
		Code int    `json:"code"`
		Msg  string `json:"msg"`
	} `json:"errors"`
}

type jaegerTrace struct {
	TraceID   string       `json:"traceID"`
	Spans     []jaegerSpan `json:"spans"`
	Processes map[string]struct {
		ServiceName string `json:"serviceName"`
	} `json:"processes"`
}

type jaegerSpan struct {
	SpanID        string `json:"spanID"`
	OperationName string `json:"operationName"`
	ProcessID     string `json:"processID"`
	Duration      int64  `json:"duration"` // µs
	References    []struct {
		RefType string `json:"refType"`
		SpanID  string `json:"spanID"`
	} `json:"references"`
	Tags []struct {
		Key   string `json:"key"`
		Value any    `json:"value"`
	} `json:"tags"`
}

func (s jaegerSpan) tag(key string) (string, bool) {
	for _, tag := range s.Tags {
		if tag.Key == key {
			return fmt.Sprint(tag.Value), true
		}
	}
	return "", false
}

func (s jaegerSpan) parent() string {
	for _, r := range s.References {
		if r.RefType == "CHILD_OF" {
			return r.SpanID
		}
	}
	return ""
}

func (tr jaegerTrace) rootSpan() (jaegerSpan, bool) {
	for _, s := range tr.Spans {
		if s.parent() == "" {
			return s, true
		}
	}
	return jaegerSpan{}, false
}

func firstID(traces []jaegerTrace) string {
	if len(traces) == 0 {
		return ""
	}
	return traces[0].TraceID
}

var client = &http.Client{Timeout: 30 * time.Second}

func getJSON(t *testing.T, u string, out any) int {
	t.Helper()
	resp, err := client.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: status %d, body not JSON: %v", u, resp.StatusCode, err)
	}
	return resp.StatusCode
}
