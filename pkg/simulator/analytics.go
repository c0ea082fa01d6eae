package simulator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Analytics tables of analytics/schema.sql, in the order rows are flushed.
var analyticsTables = []string{"deployments", "aiops_operations", "resource_usage"}

const clickhouseTime = "2006-01-02 15:04:05.000"

func deploymentRow(d Deployment) map[string]any {
	return map[string]any{"ts": d.TS.UTC().Format(clickhouseTime), "workspace_id": d.Workspace.ID, "plan_type": d.Workspace.Plan,
		"cluster_id": d.Workspace.ClusterID, "deployment_type": d.DeploymentType, "status": d.Status, "duration_seconds": round3(d.DurationSeconds)}
}

func aiopsRow(o AIOpsOperation) map[string]any {
	return map[string]any{"ts": o.TS.UTC().Format(clickhouseTime), "workspace_id": o.Workspace.ID, "plan_type": o.Workspace.Plan,
		"cluster_id": o.Workspace.ClusterID, "agent_name": o.Agent, "operation_type": o.Operation, "status": o.Status, "duration_seconds": round3(o.DurationSeconds)}
}

func resourceRow(r ResourceSample) map[string]any {
	return map[string]any{"ts": r.TS.UTC().Format(clickhouseTime), "workspace_id": r.Workspace.ID, "plan_type": r.Workspace.Plan,
		"cluster_id": r.Workspace.ClusterID, "resource_type": r.Resource, "ratio": r.Ratio}
}

func round3(v float64) float64 { return float64(int64(v*1000+0.5)) / 1000 }

// RowBuffer collects analytics rows as JSONEachRow lines per table.
type RowBuffer struct {
	mu   sync.Mutex
	rows map[string]*bytes.Buffer
}

// NewRowBuffer returns an empty buffer.
func NewRowBuffer() *RowBuffer {
	b := &RowBuffer{rows: map[string]*bytes.Buffer{}}
	for _, t := range analyticsTables {
		b.rows[t] = &bytes.Buffer{}
	}
	return b
}

func (b *RowBuffer) add(table string, row map[string]any) {
	line, _ := json.Marshal(row)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.rows[table].Write(line)
	b.rows[table].WriteByte('\n')
}

func (b *RowBuffer) Deployment(d Deployment) { b.add("deployments", deploymentRow(d)) }
func (b *RowBuffer) AIOps(o AIOpsOperation)  { b.add("aiops_operations", aiopsRow(o)) }
func (b *RowBuffer) Resource(r ResourceSample) {
	b.add("resource_usage", resourceRow(r))
}
func (b *RowBuffer) Request(Request) {}

// Take returns and empties the buffered rows of each table.
func (b *RowBuffer) Take() map[string][]byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := map[string][]byte{}
	for t, buf := range b.rows {
		if buf.Len() > 0 {
			out[t] = append([]byte(nil), buf.Bytes()...)
			buf.Reset()
		}
	}
	return out
}

// RowWriter receives flushed rows of one table.
type RowWriter interface {
	WriteRows(table string, rows []byte) error
}

// DirWriter appends rows to DIR/<table>.jsonl.
type DirWriter struct{ Dir string }

func (d DirWriter) WriteRows(table string, rows []byte) error {
	f, err := os.OpenFile(filepath.Join(d.Dir, table+".jsonl"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if _, err := w.Write(rows); err != nil {
		_ = f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// ClickHouseWriter inserts rows through ClickHouse's HTTP interface.
type ClickHouseWriter struct {
	URL, User, Password string
	HTTP                *http.Client
}

func (c ClickHouseWriter) WriteRows(table string, rows []byte) error {
	req, err := http.NewRequest(http.MethodPost, c.URL+"/?query="+url.QueryEscape("INSERT INTO hexabase."+table+" FORMAT JSONEachRow"), bytes.NewReader(rows))
	if err != nil {
		return err
	}
	if c.User != "" {
		req.Header.Set("X-ClickHouse-User", c.User)
		req.Header.Set("X-ClickHouse-Key", c.Password)
	}
	client := c.HTTP
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("clickhouse insert into %s: %w", table, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("clickhouse insert into %s: %d %s", table, resp.StatusCode, bytes.TrimSpace(msg))
	}
	return nil
}

// Flush moves the buffered rows to w, table by table.
func (b *RowBuffer) Flush(w RowWriter) error {
	rows := b.Take()
	for _, t := range analyticsTables {
		if len(rows[t]) == 0 {
			continue
		}
		if err := w.WriteRows(t, rows[t]); err != nil {
			return err
		}
	}
	return nil
}

// Backfill writes the analytics rows of [from, to) into sink, stepping through time so that
// long-range pages have history from the first start; flush runs after every simulated day so
// that months of rows never sit in memory at once.
func Backfill(p *Platform, sink Sink, from, to time.Time, step time.Duration, flush func()) {
	s := New(p, NewFaults(), &requestFilter{sink}, from)
	s.resourceEvery = time.Hour
	day := from
	for t := from.Add(step); !t.After(to); t = t.Add(step) {
		s.Advance(t)
		if t.Sub(day) >= 24*time.Hour {
			day = t
			flush()
		}
	}
	flush()
}

// requestFilter drops sampled requests: a backfill writes analytics rows, not logs or traces.
type requestFilter struct{ Sink }

func (requestFilter) Request(Request) {}
