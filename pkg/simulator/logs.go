package simulator

import (
	"encoding/hex"
	"encoding/json"
	"io"
	"sync"
)

// LogSink writes each sampled request as one structured JSON log line.
type LogSink struct {
	mu sync.Mutex
	w  io.Writer
}

// NewLogSink writes to w.
func NewLogSink(w io.Writer) *LogSink { return &LogSink{w: w} }

func (l *LogSink) Request(r Request) {
	level, msg := "info", "request served"
	if r.StatusCode >= "500" {
		level, msg = "error", "request failed"
	}
	line, _ := json.Marshal(map[string]any{
		"ts": r.TS.UTC().Format("2006-01-02T15:04:05.000Z"), "level": level, "msg": msg,
		"workspace_id": r.Workspace.ID, "plan_type": r.Workspace.Plan, "cluster_id": r.Workspace.ClusterID,
		"method": r.Endpoint.Method, "endpoint": r.Endpoint.Path, "status_code": r.StatusCode,
		"duration_ms": int(r.DurationSeconds * 1000),
		"trace_id":    hex.EncodeToString(r.TraceID[:]), "span_id": hex.EncodeToString(r.SpanID[:]),
	})
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = l.w.Write(append(line, '\n'))
}

func (l *LogSink) Deployment(Deployment)   {}
func (l *LogSink) AIOps(AIOpsOperation)    {}
func (l *LogSink) Resource(ResourceSample) {}
