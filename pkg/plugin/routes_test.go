package plugin

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/workspaces"
)

// Hostile paths and queries, sent through Grafana's resource route as a browser would: each is
// answered in JSON, with 4xx naming the field, and never redirected to another route.
func TestHostileRequestsGetAJSONAnswerNamingTheField(t *testing.T) {
	g := hosted(t, `{`+manualWorkspaces+`}`, nil)
	noRedirects := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	cases := []struct {
		method, path string
		status       int
		field, rule  string
	}{
		{"GET", "workspaces/..%2F..%2Fplans/agent-config", 400, "path", PathRule},
		{"GET", "workspaces/%2E%2E/version", 400, "path", PathRule},
		{"GET", "workspaces/ws-0007%2F..%2F..%2Fversion", 400, "path", PathRule},
		{"GET", "workspaces/ws%01/agent-config", 400, "path", PathRule},
		{"GET", "workspaces/ws-0007%0Akind:Secret/agent-config", 400, "path", PathRule},
		{"GET", "workspaces/WS_7/agent-config", 400, "id", agentconfig.IDRule},
		{"GET", "workspaces/ws-0007/agent-config/", 400, "path", PathRule},
		{"GET", "plans/" + strings.Repeat("a", 300), 400, "path", PathRule},
		{"GET", "workspaces?page=9223372036854775807", 400, "page", workspaces.PageRule},
		{"GET", "workspaces?perPage=-5", 400, "perPage", workspaces.PerPageRule},
		{"GET", "workspaces?search=%zz", 400, "query", QueryRule},
		{"GET", "workspaces?" + strings.Repeat("plan=shared&", workspaces.MaxFilterValues+1), 400, "plan", workspaces.FilterCountRule},
		{"GET", "workspaces?cluster=cluster-b&cluster=" + strings.Repeat("c", workspaces.MaxFilterValue+1), 400, "cluster", workspaces.FilterValueRule},
		{"GET", "nope", 404, "path", RouteRule},
		{"GET", "", 404, "path", RouteRule},
		{"POST", "version", 405, "method", MethodRule + " (GET)"},
		{"DELETE", "workspaces", 405, "method", MethodRule + " (GET)"},
		{"GET", "settings/validate", 405, "method", MethodRule + " (POST)"},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, g.URL+appAPI+"/resources/"+c.path, nil)
		req.Header.Set("Authorization", "Bearer "+g.UserToken(1, "Viewer"))
		res, err := noRedirects.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", c.method, c.path, err)
		}
		raw, _ := io.ReadAll(res.Body)
		_ = res.Body.Close()
		var body struct {
			Error  string
			Errors []struct{ Field, Rule string }
		}
		if res.StatusCode != c.status || res.Header.Get("Content-Type") != "application/json" || json.Unmarshal(raw, &body) != nil ||
			len(body.Errors) != 1 || body.Errors[0].Field != c.field || body.Errors[0].Rule != c.rule {
			t.Errorf("%s %.60s: %d %q %s", c.method, c.path, res.StatusCode, res.Header.Get("Content-Type"), raw)
		}
	}
}

// Paths as Grafana passes them, already decoded once: none reaches Go's router, which would
// clean it and redirect to another route.
func TestDecodedTraversalNeverReachesTheRouter(t *testing.T) {
	a := newTestApp(t, `{`+manualWorkspaces+`}`)
	for _, path := range []string{"workspaces/../plans", "workspaces/ws-0007/../../version", "workspaces//agent-config", "./version", "version/.", "/plans/", "workspaces/ws\x01/agent-config", "workspaces/ws 1/agent-config"} {
		res := callResource(t, a, http.MethodGet, path, "")
		if res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), `"field":"path"`) {
			t.Errorf("%q: %d %s", path, res.Status, res.Body)
		}
	}
}

// The Workspaces page's multi-selects: any of the plans and any of the clusters, both at once.
func TestWorkspacesFilterByPlanAndCluster(t *testing.T) {
	a := newTestApp(t, `{"workspaces":[{"id":"ws-0007","clusterId":"cluster-b","plan":"shared"},{"id":"ws-0008","clusterId":"cluster-b","plan":"dedicated"},{"id":"ws-0009","clusterId":"cluster-c","plan":"dedicated"}]}`)
	cases := map[string]string{
		"workspaces?plan=dedicated&plan=gold&cluster=cluster-b":                 `{"items":[{"id":"ws-0008","clusterId":"cluster-b","plan":"dedicated","source":"manual"}],"total":1,"page":1,"perPage":50}`,
		"workspaces?plan=dedicated&perPage=1&page=2":                            `{"items":[{"id":"ws-0009","clusterId":"cluster-c","plan":"dedicated","source":"manual"}],"total":2,"page":2,"perPage":1}`,
		"workspaces?cluster=cluster-c&cluster=cluster-b&search=0007":            `{"items":[{"id":"ws-0007","clusterId":"cluster-b","plan":"shared","source":"manual"}],"total":1,"page":1,"perPage":50}`,
		"workspaces?cluster=cluster-a":                                          `{"items":[],"total":0,"page":1,"perPage":50}`,
		"workspaces?plan=shared&plan=dedicated&cluster=cluster-b&cluster=other": `{"items":[{"id":"ws-0007","clusterId":"cluster-b","plan":"shared","source":"manual"},{"id":"ws-0008","clusterId":"cluster-b","plan":"dedicated","source":"manual"}],"total":2,"page":1,"perPage":50}`,
	}
	for path, want := range cases {
		res := callResource(t, a, http.MethodGet, path, "")
		var body struct{ Page json.RawMessage }
		if err := json.Unmarshal(res.Body, &body); err != nil || res.Status != http.StatusOK || string(body.Page) != want {
			t.Errorf("%s: %d %s", path, res.Status, res.Body)
		}
	}
}
