package simulator

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
)

var t0 = time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)

func metricsAt(t *testing.T, seed int64, faults *Faults, times ...time.Time) string {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Seed, cfg.Workspaces = seed, 3
	p, err := NewPlatform(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := New(p, faults, nil, t0)
	var out bytes.Buffer
	for _, at := range times {
		out.Reset()
		if err := s.WriteMetrics(&out, at); err != nil {
			t.Fatal(err)
		}
	}
	return out.String()
}

func TestSameSeedSameMetrics(t *testing.T) {
	a := metricsAt(t, 1, NewFaults(), t0.Add(time.Minute), t0.Add(2*time.Minute))
	b := metricsAt(t, 1, NewFaults(), t0.Add(time.Minute), t0.Add(2*time.Minute))
	if a != b {
		t.Fatal("two runs with the same seed and times differ")
	}
	if c := metricsAt(t, 2, NewFaults(), t0.Add(time.Minute), t0.Add(2*time.Minute)); c == a {
		t.Fatal("another seed gives the same platform")
	}
}

func TestEveryDesignFamilyIsExposedWithItsLabels(t *testing.T) {
	out := metricsAt(t, 1, NewFaults(), t0.Add(time.Minute))
	for _, want := range []string{
		"# TYPE hexabase_http_requests_total counter",
		`hexabase_http_requests_total{workspace_id="ws-0001",plan_type="shared",cluster_id="cluster-a",method="GET",endpoint="/api/v1/apps",status_code="500"} `,
		"# TYPE hexabase_http_request_duration_seconds histogram",
		`hexabase_http_request_duration_seconds_bucket{workspace_id="ws-0001",plan_type="shared",cluster_id="cluster-a",method="GET",endpoint="/api/v1/apps",le="2.5"} `,
		`le="+Inf"} `,
		"# TYPE hexabase_active_connections gauge",
		`hexabase_vcluster_status{workspace_id="ws-0001",plan_type="shared",cluster_id="cluster-a",vcluster_name="vc-0001-1"} 1`,
		`hexabase_database_connections{workspace_id="ws-0001",plan_type="shared",cluster_id="cluster-a",database_name="app-db",connection_type="idle"} `,
		`hexabase_workspace_deployments_total{workspace_id="ws-0001",plan_type="shared",cluster_id="cluster-a",deployment_type="helm",status="failure"} `,
		`hexabase_resource_usage_ratio{workspace_id="ws-0001",plan_type="shared",cluster_id="cluster-a",resource_type="storage"} `,
		"# TYPE hexabase_active_user_sessions gauge",
		`hexabase_aiops_operations_total{workspace_id="ws-0001",plan_type="shared",cluster_id="cluster-a",agent_name="healer",operation_type="restart",status="success"} `,
		`node_cpu_seconds_total{instance="node-01",cluster_id="cluster-a",cpu="0",mode="idle"} `,
		`node_filesystem_avail_bytes{instance="node-01",cluster_id="cluster-a",device="/dev/sda1",fstype="ext4",mountpoint="/"} `,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	for _, le := range []string{"0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"} {
		if !strings.Contains(out, `le="`+le+`"`) {
			t.Errorf("histogram lacks the design's bucket %s", le)
		}
	}
}

func TestFaultsChangeWhatTheyName(t *testing.T) {
	faults := NewFaults()
	faults.Add(Fault{Name: "vcluster-down", Workspace: "ws-0002", VCluster: "vc-0002-2"})
	faults.Add(Fault{Name: "quota-exhausted", Workspace: "ws-0003", Resource: "cpu"})
	out := metricsAt(t, 1, faults, t0.Add(time.Minute))
	for _, want := range []string{
		`vcluster_name="vc-0002-2"} 0`, `vcluster_name="vc-0002-1"} 1`,
		`hexabase_resource_usage_ratio{workspace_id="ws-0003",plan_type="shared",cluster_id="cluster-a",resource_type="cpu"} 0.98`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestFaultAPI(t *testing.T) {
	p, _ := NewPlatform(DefaultConfig())
	srv := httptest.NewServer(Handler(New(p, NewFaults(), nil, t0), func() time.Time { return t0.Add(time.Minute) }))
	defer srv.Close()
	cases := []struct {
		body, want string
		status     int
	}{
		{`{"name":"meteor"}`, `"error":"name: must be one of vcluster-down, `, 400},
		{`{"name":"error-spike","workspace":"ws-0001"}`, `"error":"endpoint: required by error-spike"`, 400},
		{`{"name":"error-spike","workspace":"ws-9999","endpoint":"/api/v1/apps"}`, `"error":"workspace: must be one of the platform's workspaces, ws-0001 to ws-0020"`, 400},
		{`{"name":"host-cpu","host":"node-01","extra":1}`, `"error":"field: must be one of name, workspace, vcluster, endpoint, resource, host"`, 400},
		{`{"name":"host-cpu","host":"node-01"}`, `"id":"host-cpu-1"`, 201},
	}
	for _, c := range cases {
		resp, err := http.Post(srv.URL+"/faults", "application/json", strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || !strings.Contains(b.String(), c.want) {
			t.Errorf("POST %s = %d %s, want %d with %s", c.body, resp.StatusCode, b.String(), c.status, c.want)
		}
	}
	for _, c := range []struct {
		path   string
		status int
	}{{"/faults/host-cpu-1", 204}, {"/faults/host-cpu-1", 404}, {"/faults", 204}} {
		req, _ := http.NewRequest(http.MethodDelete, srv.URL+c.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("DELETE %s = %d, want %d", c.path, resp.StatusCode, c.status)
		}
	}
}

func TestBackfillWritesAnalyticsRows(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Workspaces = 2
	p, _ := NewPlatform(cfg)
	rows := NewRowBuffer()
	got := map[string][]byte{}
	flushes := 0
	Backfill(p, rows, t0.Add(-48*time.Hour), t0, 5*time.Minute, func() {
		flushes++
		for table, b := range rows.Take() {
			got[table] = append(got[table], b...)
		}
	})
	if n := bytes.Count(got["resource_usage"], []byte("\n")); n != 2*3*48 {
		t.Errorf("%d resource rows, want 2 workspaces x 3 resources x 48 hourly samples", n)
	}
	if flushes != 3 {
		t.Errorf("%d flushes over two days, want one a day and a last one", flushes)
	}
	if bytes.Count(got["deployments"], []byte("\n")) == 0 || bytes.Count(got["aiops_operations"], []byte("\n")) == 0 {
		t.Error("a day of backfill holds no deployments or AIOps operations")
	}
	if !bytes.Contains(got["deployments"], []byte(`"ts":"2026-11-2`)) {
		t.Errorf("deployment rows lack ClickHouse timestamps: %.200s", got["deployments"])
	}
}

func TestEveryFaultRaisesAnAlertOfTheApp(t *testing.T) {
	alerts := map[string]bool{}
	for _, a := range alerting.AllAlerts(alerting.Defaults()) {
		alerts[a.Name] = true
	}
	raised := map[string]bool{}
	for _, k := range FaultKinds {
		if k.Raises == "" {
			continue
		}
		if !alerts[k.Raises] {
			t.Errorf("fault %s raises %q, which is no alert of the app", k.Name, k.Raises)
		}
		raised[k.Raises] = true
	}
	for name := range alerts {
		if !raised[name] {
			t.Errorf("no fault raises %s", name)
		}
	}
}
