package plugin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
	"github.com/hexabase/hexabase-monitoring-app/tools/prometheustest"
)

// workspacesExposition is what the central Prometheus would hold after the recording rules ran:
// one recorded series per workspace.
const workspacesExposition = `# TYPE workspace:hexabase_vcluster_status:count gauge
workspace:hexabase_vcluster_status:count{workspace_id="ws-0001",cluster_id="cluster-a",plan_type="shared"} 2
workspace:hexabase_vcluster_status:count{workspace_id="ws-0007",cluster_id="cluster-a",plan_type="shared"} 2
`

var shared struct {
	once       sync.Once
	prometheus *prometheustest.Server
	exposition *httptest.Server
	err        error
}

// realPrometheus starts, once for the package, a Prometheus that scrapes two workspaces' series.
func realPrometheus(t *testing.T) string {
	t.Helper()
	shared.once.Do(func() {
		shared.exposition = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, workspacesExposition)
		}))
		shared.prometheus, shared.err = prometheustest.Start([]string{strings.TrimPrefix(shared.exposition.URL, "http://")}, 5*time.Minute)
		if shared.err == nil {
			shared.err = shared.prometheus.WaitFor("workspace:hexabase_vcluster_status:count", 2, 20*time.Second)
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.prometheus.URL
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.prometheus != nil {
		shared.prometheus.Close()
	}
	if shared.exposition != nil {
		shared.exposition.Close()
	}
	os.Exit(code)
}

// hosted runs the app's backend behind the Grafana double, as Grafana runs it, with the app's
// plugin.json, enabled in organisation 1 with these settings.
func hosted(t testing.TB, jsonData string, secrets map[string]string, mutate ...func(*grafanadouble.Options)) *grafanadouble.Grafana {
	t.Helper()
	opts := grafanadouble.Options{PluginJSON: "../../src/plugin.json", ExternalServiceAccounts: true, ManagedServiceAccounts: true, App: NewApp}
	for _, m := range mutate {
		m(&opts)
	}
	g, err := grafanadouble.Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	g.SetPluginSettings(1, true, json.RawMessage(jsonData), secrets)
	return g
}

// request calls the double as the user holding token and decodes a JSON answer.
func request(t testing.TB, g *grafanadouble.Grafana, token, method, path string, body any) (int, map[string]any) {
	t.Helper()
	var reader io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		reader = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, g.URL+path, reader)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, raw)
	}
	return res.StatusCode, out
}

const appAPI = "/api/plugins/" + PluginID

func health(t *testing.T, g *grafanadouble.Grafana, token string) (int, string, map[string]any) {
	t.Helper()
	status, body := request(t, g, token, http.MethodGet, appAPI+"/health", nil)
	details, _ := body["details"].(map[string]any)
	return status, fmt.Sprint(body["message"]), details
}
