package fleethealth

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
)

// A signal whose query fails is no data and is reported; the others are read and converted.
func TestReadKeepsWhatAnsweredAndNamesWhatFailed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("query")
		switch {
		case strings.Contains(q, "ratio_rate1h"):
			_, _ = io.WriteString(w, `{"status":"success","data":{"result":[{"metric":{"workspace_id":"a","plan_type":"shared"},"value":[1,"0.002"]},`+
				`{"metric":{"workspace_id":"b","plan_type":"gold"},"value":[1,"0.5"]}]}}`)
		case strings.Contains(q, "resource_usage_ratio"):
			_, _ = io.WriteString(w, `{"status":"success","data":{"result":[{"metric":{"workspace_id":"a","resource_type":"memory"},"value":[1,"0.4"]}]}}`)
		case strings.Contains(q, "lag"):
			w.WriteHeader(http.StatusBadGateway)
		default:
			_, _ = io.WriteString(w, `{"status":"success","data":{"result":[]}}`)
		}
	}))
	defer srv.Close()
	r, err := Read(context.Background(), &grafanaapi.Client{BaseURL: srv.URL}, "", Queries(0.1), map[string]float64{"shared": 0.999})
	if err == nil || !strings.Contains(err.Error(), "reading remoteWriteLagSeconds") || strings.Count(err.Error(), "reading") != 1 {
		t.Fatalf("error = %v", err)
	}
	a := r.byID["a"]
	if r.Len() != 1 || !near(a.v[BurnRate1h], 2) || a.v[QuotaUsage] != 0.4 || a.quotaResource != "memory" {
		t.Fatalf("%d workspaces, a = %+v", r.Len(), a)
	}
	srv.Close()
	if r, err := Read(context.Background(), &grafanaapi.Client{BaseURL: srv.URL}, "", Queries(0.1), nil); r != nil || err == nil {
		t.Fatalf("every query failing = %v, %v", r, err)
	}
}
