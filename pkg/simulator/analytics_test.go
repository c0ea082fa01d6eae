package simulator

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClickHouseWriterInsertsJSONEachRow(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, r.Method+" "+r.URL.Query().Get("query")+" "+r.Header.Get("X-ClickHouse-User")+":"+r.Header.Get("X-ClickHouse-Key")+" "+string(body))
		if strings.Contains(r.URL.Query().Get("query"), "aiops") {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte("Code: 60. DB::Exception: Table hexabase.aiops_operations does not exist"))
		}
	}))
	defer srv.Close()
	w := ClickHouseWriter{URL: srv.URL, User: "sim", Password: "pw"}
	if err := w.WriteRows("deployments", []byte("{\"a\":1}\n")); err != nil {
		t.Fatal(err)
	}
	want := "POST INSERT INTO hexabase.deployments FORMAT JSONEachRow sim:pw {\"a\":1}\n"
	if len(got) != 1 || got[0] != want {
		t.Fatalf("requests = %q, want %q", got, want)
	}
	err := w.WriteRows("aiops_operations", []byte("{}\n"))
	if err == nil || !strings.Contains(err.Error(), "clickhouse insert into aiops_operations: 400 Code: 60.") {
		t.Fatalf("error = %v", err)
	}
}

func TestDirWriterAppends(t *testing.T) {
	dir := t.TempDir()
	w := DirWriter{Dir: dir}
	for _, rows := range []string{"{\"n\":1}\n", "{\"n\":2}\n"} {
		if err := w.WriteRows("resource_usage", []byte(rows)); err != nil {
			t.Fatal(err)
		}
	}
	raw, _ := os.ReadFile(filepath.Join(dir, "resource_usage.jsonl"))
	if string(raw) != "{\"n\":1}\n{\"n\":2}\n" {
		t.Fatalf("file = %q", raw)
	}
}

func TestLogLinesCarryWorkspaceAndTrace(t *testing.T) {
	var b strings.Builder
	p, _ := NewPlatform(DefaultConfig())
	s := New(p, NewFaults(), NewLogSink(&b), t0)
	s.Advance(t0.Add(5 * 1e9))
	line := strings.SplitN(b.String(), "\n", 2)[0]
	for _, field := range []string{`"workspace_id":"ws-0001"`, `"trace_id":"`, `"span_id":"`, `"level":"info"`, `"endpoint":"/api/v1/apps"`} {
		if !strings.Contains(line, field) {
			t.Errorf("log line %s lacks %s", line, field)
		}
	}
}
