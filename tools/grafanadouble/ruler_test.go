package grafanadouble

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/hexabase/hexabase-monitoring-app/tools/cortexruler"
	"github.com/hexabase/hexabase-monitoring-app/tools/prometheustest"
)

const rulesOf = "/api/ruler/hexabase-prometheus/api/v1/rules/"

// tenantDatasource is a Prometheus datasource on url that sends X-Scope-OrgID: tenant.
func tenantDatasource(url, tenant string) Datasource {
	return Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: url,
		JSONData: map[string]any{"httpHeaderName1": "X-Scope-OrgID"}, SecureJSONData: map[string]string{"httpHeaderValue1": tenant}}
}

// doubleBeforeCortex runs a Cortex-like ruler and a double whose Prometheus datasource is its
// legacy prefix, sending the tenant "platform".
func doubleBeforeCortex(t *testing.T) (*cortexruler.Server, *Grafana) {
	t.Helper()
	cortex := cortexruler.Start()
	t.Cleanup(cortex.Close)
	g := start(t)
	g.AddDatasource(1, tenantDatasource(cortex.URL+"/api/prom", "platform"))
	return cortex, g
}

var recordingGroup = map[string]any{"name": "hexabase-recording", "interval": "30s", "rules": []map[string]any{
	{"record": "workspace:up:sum", "expr": "sum by (workspace_id) (up)", "labels": map[string]string{"le": "0.1"}},
}}

func TestRulerForwardsAGroupAsYAMLWithTheDatasourcesTenantOnly(t *testing.T) {
	cortex, g := doubleBeforeCortex(t)
	editor := g.UserToken(1, "Editor")
	// The caller's own tenant header and credentials must not reach the ruler.
	a := call(t, g, editor, http.MethodPost, rulesOf+"hexabase-monitoring-app?subtype=cortex", recordingGroup, "X-Scope-OrgID", "someone-else")
	if a.status != http.StatusAccepted || a.body["status"] != "success" {
		t.Fatalf("POST = %d %s", a.status, a.raw)
	}
	sent := cortex.Requests()[0]
	if sent.Path != "/api/prom/rules/hexabase-monitoring-app" || sent.Query != "subtype=cortex" || sent.Tenant != "platform" ||
		sent.Authorization != "" || sent.ContentType != "" {
		t.Fatalf("the ruler got %+v", sent)
	}
	var posted map[string]any
	if err := yaml.Unmarshal([]byte(sent.Body), &posted); err != nil || posted["interval"] != "30s" || posted["name"] != "hexabase-recording" {
		t.Fatalf("YAML sent = %q (%v)", sent.Body, err)
	}
	if got := cortex.Groups("platform", "hexabase-monitoring-app"); len(got) != 1 || got[0].Rules[0].Labels["le"] != "0.1" {
		t.Fatalf("stored = %+v", got)
	}
	a = call(t, g, editor, http.MethodGet, rulesOf+"hexabase-monitoring-app?subtype=cortex", nil)
	groups, _ := a.body["hexabase-monitoring-app"].([]any)
	if a.status != http.StatusOK || len(groups) != 1 || groups[0].(map[string]any)["interval"] != "30s" {
		t.Fatalf("GET = %d %s", a.status, a.raw)
	}
	a = call(t, g, editor, http.MethodDelete, rulesOf+"hexabase-monitoring-app/hexabase-recording?subtype=cortex", nil)
	if a.status != http.StatusAccepted || a.body["message"] != `{"status":"success"}` {
		t.Fatalf("DELETE = %d %s", a.status, a.raw)
	}
	// Cortex answers an empty namespace 404 in plain text; Grafana passes the text on, newline and all.
	a = call(t, g, editor, http.MethodGet, rulesOf+"hexabase-monitoring-app?subtype=cortex", nil)
	if a.status != http.StatusNotFound || a.body["message"] != "no rule groups found\n" {
		t.Fatalf("GET of an empty namespace = %d %s", a.status, a.raw)
	}
}

func TestRulerPathFollowsTheSubtypeAndTheDatasourceType(t *testing.T) {
	cortex := cortexruler.Start()
	defer cortex.Close()
	for _, c := range []struct{ typ, query, path string }{
		{"prometheus", "", "/base/rules/ns"},
		{"prometheus", "?subtype=cortex", "/base/rules/ns"},
		{"prometheus", "?subtype=prometheus", "/base/rules/ns"},
		{"prometheus", "?subtype=anything", "/base/rules/ns"},
		{"prometheus", "?subtype=mimir", "/base/config/v1/rules/ns"},
		{"loki", "?subtype=mimir", "/base/api/prom/rules/ns"},
	} {
		g := start(t)
		g.AddDatasource(1, Datasource{UID: "hexabase-prometheus", Type: c.typ, URL: cortex.URL + "/base/"})
		a := call(t, g, g.UserToken(1, "Viewer"), http.MethodGet, rulesOf+"ns"+c.query, nil)
		reqs := cortex.Requests()
		if got := reqs[len(reqs)-1].Path; got != c.path || a.status != http.StatusNotFound || a.body["message"] != "404 page not found\n" {
			t.Errorf("%s %q: the ruler got %s; answered %d %s", c.typ, c.query, got, a.status, a.raw)
		}
	}
}

func TestRulerNeedsTheExternalRulesPermissionsOnTheDatasource(t *testing.T) {
	cortex, g := doubleBeforeCortex(t)
	viewer := g.UserToken(1, "Viewer")
	if a := call(t, g, viewer, http.MethodGet, rulesOf+"ns", nil); a.status != http.StatusNotFound {
		t.Errorf("a Viewer reads a ruler: %d %s", a.status, a.raw)
	}
	for _, method := range []string{http.MethodPost, http.MethodDelete} {
		a := call(t, g, viewer, method, rulesOf+"ns", recordingGroup)
		if a.status != http.StatusForbidden || !strings.Contains(a.body["message"].(string), "action:alert.rules.external:write scopes:datasources:uid:hexabase-prometheus") {
			t.Errorf("a Viewer's %s = %d %s", method, a.status, a.raw)
		}
	}
	// The app's service account holds what plugin.json declares: both, on every datasource.
	if a := call(t, g, g.ServiceAccountToken(), http.MethodPost, rulesOf+"ns", recordingGroup); a.status != http.StatusAccepted {
		t.Errorf("the service account's POST = %d %s", a.status, a.raw)
	}
	for _, perms := range [][]Permission{
		{{Action: "datasources:query", Scope: "datasources:*"}},
		{{Action: "alert.rules.external:read", Scope: "datasources:uid:other"}},
		{{Action: "alert.instances.external:write", Scope: "datasources:*"}}, // CVE-2024-8118: not enough since its fix
	} {
		sa := start(t, withIAM(t, perms...))
		sa.AddDatasource(1, tenantDatasource(cortex.URL+"/api/prom", "platform"))
		method := http.MethodGet
		if strings.HasSuffix(perms[0].Action, ":write") {
			method = http.MethodPost
		}
		if a := call(t, sa, sa.ServiceAccountToken(), method, rulesOf+"ns", recordingGroup); a.status != http.StatusForbidden {
			t.Errorf("%v: %s = %d %s", perms, method, a.status, a.raw)
		}
	}
}

func TestRulerRefusesWhatGrafanaRefuses(t *testing.T) {
	cortex := cortexruler.Start()
	defer cortex.Close()
	g := start(t, func(o *Options) { o.AlertingDisableDSAPIWithManageAlerts = true })
	g.AddDatasource(1, Datasource{UID: "jaeger", Type: "jaeger", URL: cortex.URL})
	g.AddDatasource(1, Datasource{UID: "no-url", Type: "prometheus"})
	g.AddDatasource(1, Datasource{UID: "unmanaged", Type: "prometheus", URL: cortex.URL, JSONData: map[string]any{"manageAlerts": false}})
	g.AddDatasource(1, tenantDatasource(cortex.URL+"/api/prom", "platform"))
	editor := g.UserToken(1, "Editor")
	grafanaRule := map[string]any{"name": "g", "rules": []map[string]any{{"grafana_alert": map[string]any{"title": "x"}}}}
	for _, c := range []struct {
		path    string
		body    any
		status  int
		message string
	}{
		{"/api/ruler/unknown/api/v1/rules/ns", nil, 404, "data source not found"},
		{"/api/ruler/jaeger/api/v1/rules/ns", nil, 400, "unexpected datasource type 'jaeger', expected loki, prometheus"},
		{"/api/ruler/no-url/api/v1/rules/ns", nil, 500, "URL for this data source is empty"},
		{"/api/ruler/unmanaged/api/v1/rules/ns", nil, 403, "Alert management is disabled for this datasource"},
		{rulesOf + "ns", grafanaRule, 400, "unexpected backend type (lotex) for payload type (grafana)"},
	} {
		method := http.MethodGet
		if c.body != nil {
			method = http.MethodPost
		}
		if a := call(t, g, editor, method, c.path, c.body); a.status != c.status || a.body["message"] != c.message {
			t.Errorf("%s %s = %d %s", method, c.path, a.status, a.raw)
		}
	}
	// pkg/web/binding.go binds JSON only.
	raw, _ := yaml.Marshal(recordingGroup)
	req, _ := http.NewRequest(http.MethodPost, g.URL+rulesOf+"ns", bytes.NewReader(raw))
	req.Header.Set("Authorization", "Bearer "+editor)
	req.Header.Set("Content-Type", "application/yaml")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(answer), "bad request data") {
		t.Errorf("a YAML body = %d %s", res.StatusCode, answer)
	}
	if len(cortex.Requests()) != 0 {
		t.Errorf("refused requests reached the ruler: %+v", cortex.Requests())
	}
}

func TestRulerFailuresComeBackAsGrafanaWordsThem(t *testing.T) {
	cortex := cortexruler.Start()
	defer cortex.Close()
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusInternalServerError)
		}
		_, _ = io.WriteString(w, "<html>a login page</html>")
	}))
	defer page.Close()
	g := start(t)
	g.AddDatasource(1, Datasource{UID: "no-tenant", Type: "prometheus", URL: cortex.URL + "/api/prom"})
	g.AddDatasource(1, Datasource{UID: "page", Type: "prometheus", URL: page.URL})
	editor := g.UserToken(1, "Editor")
	for _, c := range []struct {
		method, uid string
		status      int
		message     string
	}{
		// ds_proxy.go turns the datasource's 401 (Cortex without a tenant) into a 400.
		{http.MethodGet, "no-tenant", 400, "Authentication to data source failed"},
		{http.MethodPost, "page", 500, "redacted html"},
		{http.MethodGet, "page", 500, "unexpected content type from upstream. expected YAML, got text/html; charset=utf-8"},
	} {
		var body any
		if c.method == http.MethodPost {
			body = recordingGroup
		}
		if a := call(t, g, editor, c.method, "/api/ruler/"+c.uid+"/api/v1/rules/ns", body); a.status != c.status || a.body["message"] != c.message {
			t.Errorf("%s %s = %d %s", c.method, c.uid, a.status, a.raw)
		}
	}
}

// A plain Prometheus (Debian's 2.42 here) serves neither ruler path: Grafana answers its 404 page.
func TestAPlainPrometheusHasNoRulerAPI(t *testing.T) {
	prom, err := prometheustest.Start(nil, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer prom.Close()
	g := start(t)
	g.AddDatasource(1, Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: prom.URL})
	for _, c := range []struct{ method, query string }{
		{http.MethodGet, "?subtype=cortex"}, {http.MethodGet, "?subtype=mimir"}, {http.MethodPost, "?subtype=cortex"},
	} {
		var body any
		if c.method == http.MethodPost {
			body = recordingGroup
		}
		a := call(t, g, g.ServiceAccountToken(), c.method, rulesOf+"hexabase-monitoring-app"+c.query, body)
		if a.status != http.StatusNotFound || a.body["message"] != "404 page not found\n" {
			t.Errorf("%s %s = %d %s", c.method, c.query, a.status, a.raw)
		}
	}
}

func TestDatasourceSettingsShowJSONDataAndOnlyTheNamesOfSecrets(t *testing.T) {
	g := start(t)
	g.AddDatasource(1, tenantDatasource("http://127.0.0.1:9", "platform-secret"))
	a := call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/datasources/uid/hexabase-prometheus", nil)
	raw, _ := json.Marshal(a.body)
	if a.status != http.StatusOK || a.body["jsonData"].(map[string]any)["httpHeaderName1"] != "X-Scope-OrgID" ||
		a.body["secureJsonFields"].(map[string]any)["httpHeaderValue1"] != true || strings.Contains(string(raw), "platform-secret") {
		t.Fatalf("GET datasource = %d %s", a.status, raw)
	}
}

func TestTheDatasourceProxySendsItsCustomHeaders(t *testing.T) {
	cortex := cortexruler.Start()
	defer cortex.Close()
	g := start(t)
	g.AddDatasource(1, tenantDatasource(cortex.URL, "platform"))
	call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/datasources/proxy/uid/hexabase-prometheus/api/v1/rules/ns", nil, "X-Scope-OrgID", "other")
	if reqs := cortex.Requests(); len(reqs) != 1 || reqs[0].Tenant != "platform" {
		t.Fatalf("the proxied request carried %+v", reqs)
	}
}
