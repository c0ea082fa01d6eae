package grafanadouble

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/tools/prometheustest"
)

func TestScopeMatchingFollowsGrafanasEvaluator(t *testing.T) {
	for _, c := range []struct {
		scope, target string
		want          bool
	}{
		{"*", "folders:uid:abc", true},
		{"folders:*", "folders:uid:abc", true},
		{"folders:uid:*", "folders:uid:abc", true},
		{"folders:uid:*", "folders:id:1", false},
		{"folders:uid:abc", "folders:uid:abc", true},
		{"folders:uid:abc", "folders:uid:abcd", false},
		{"", "folders:uid:general", false},     // an empty scope never satisfies a scoped check
		{"folders*", "folders:uid:abc", false}, // a wildcard must follow ':' or '/'
		{"fold*ers:uid:x", "fold*ers:uid:x", false},
		{"datasources:*", "datasources:uid:hexabase-prometheus", true},
	} {
		if got := scopeMatches(c.scope, c.target); got != c.want {
			t.Errorf("scopeMatches(%q, %q) = %v, want %v", c.scope, c.target, got, c.want)
		}
	}
}

func TestAnUnscopedCheckNeedsOnlyTheAction(t *testing.T) {
	perms := permissionMap([]Permission{{Action: "folders:create"}})
	if !perm("folders:create").evaluate(perms) {
		t.Error("an evaluator without scope must accept the action with an empty scope")
	}
	if perm("folders:create", "folders:uid:general").evaluate(perms) {
		t.Error("an empty scope must not satisfy folders:create on folders:uid:general")
	}
	if anyOf(perm("a"), perm("folders:create")).evaluate(perms) != true || all(perm("a"), perm("folders:create")).evaluate(perms) {
		t.Error("any/all combine as OR/AND")
	}
}

func TestTheServiceAccountExistsOnlyWithBothSettings(t *testing.T) {
	for _, c := range []struct{ toggle, managed bool }{{false, false}, {true, false}, {false, true}} {
		g := start(t, func(o *Options) { o.ExternalServiceAccounts, o.ManagedServiceAccounts = c.toggle, c.managed })
		if g.ServiceAccountToken() != "" {
			t.Errorf("toggle %v, managed %v: a service account token was issued", c.toggle, c.managed)
		}
	}
	if start(t).ServiceAccountToken() == "" {
		t.Fatal("with both settings the app gets a service account")
	}
}

func TestTheServiceAccountHasNoBasicRole(t *testing.T) {
	g := start(t)
	// A Viewer may read the app's settings; the service account, without any basic role, may not.
	if a := call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/plugins/hexabase-monitoring-app/settings", nil); a.status != http.StatusForbidden {
		t.Fatalf("service account reading plugin settings: %d %s", a.status, a.raw)
	}
	if a := call(t, g, g.UserToken(1, "Viewer"), http.MethodGet, "/api/plugins/hexabase-monitoring-app/settings", nil); a.status != http.StatusOK {
		t.Fatalf("viewer reading plugin settings: %d %s", a.status, a.raw)
	}
}

func TestTheServiceAccountLivesInTheDefaultOrganisation(t *testing.T) {
	g := start(t)
	a := call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/org/", nil)
	if a.status != http.StatusOK || a.body["id"] != float64(DefaultOrgID) {
		t.Fatalf("GET /api/org/ = %d %s", a.status, a.raw)
	}
	if a := call(t, g, g.UserToken(2, "Admin"), http.MethodGet, "/api/org/", nil); a.body["id"] != float64(2) {
		t.Fatalf("a user of the second organisation sees %s", a.raw)
	}
}

func TestOrgReadNeedsOrgsRead(t *testing.T) {
	g := start(t, withIAM(t, Permission{Action: "folders:read", Scope: "folders:*"}))
	a := call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/org/", nil)
	if a.status != http.StatusForbidden || !strings.Contains(a.body["message"].(string), "action:orgs:read") {
		t.Fatalf("GET /api/org/ without orgs:read = %d %s", a.status, a.raw)
	}
}

func TestDatasourceHealthAndProxyNeedDatasourcesQuery(t *testing.T) {
	prom, err := prometheustest.Start(nil, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer prom.Close()
	without := start(t, withIAM(t, Permission{Action: "folders:read", Scope: "folders:*"}))
	without.AddDatasource(1, Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: prom.URL})
	for _, path := range []string{"/api/datasources/uid/hexabase-prometheus/health", "/api/datasources/proxy/uid/hexabase-prometheus/api/v1/query?query=1%2B1"} {
		if a := call(t, without, without.ServiceAccountToken(), http.MethodGet, path, nil); a.status != http.StatusForbidden {
			t.Errorf("%s without datasources:query = %d %s", path, a.status, a.raw)
		}
	}
	// Scoped to one datasource, as Grafana Enterprise's guardian checks it in the handler.
	scoped := start(t, withIAM(t, Permission{Action: "datasources:query", Scope: "datasources:uid:other"}))
	scoped.AddDatasource(1, Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: prom.URL})
	if a := call(t, scoped, scoped.ServiceAccountToken(), http.MethodGet, "/api/datasources/uid/hexabase-prometheus/health", nil); a.status != http.StatusForbidden {
		t.Errorf("health of a datasource outside the scope = %d %s", a.status, a.raw)
	}
	g := start(t)
	g.AddDatasource(1, Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: prom.URL})
	if a := call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/datasources/uid/hexabase-prometheus/health", nil); a.status != http.StatusOK || a.body["status"] != "OK" {
		t.Errorf("health = %d %s", a.status, a.raw)
	}
	// An unknown uid is a failed metadata lookup on the health route, not found on the proxy;
	// only reading the datasource itself tells a missing one (datasources:read).
	if a := call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/datasources/uid/hexabase-loki/health", nil); a.status != http.StatusInternalServerError {
		t.Errorf("health of an unknown datasource = %d %s", a.status, a.raw)
	}
	if a := call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/datasources/proxy/uid/hexabase-loki/api/v1/query", nil); a.status != http.StatusNotFound {
		t.Errorf("proxy to an unknown datasource = %d %s", a.status, a.raw)
	}
	if a := call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/datasources/uid/hexabase-loki", nil); a.status != http.StatusNotFound {
		t.Errorf("reading an unknown datasource = %d %s", a.status, a.raw)
	}
	if a := call(t, without, without.ServiceAccountToken(), http.MethodGet, "/api/datasources/uid/hexabase-prometheus", nil); a.status != http.StatusForbidden {
		t.Errorf("reading a datasource without datasources:read = %d %s", a.status, a.raw)
	}
	if a := call(t, g, g.ServiceAccountToken(), http.MethodDelete, "/api/datasources/proxy/uid/hexabase-prometheus/api/v1/admin/tsdb/delete_series", nil); a.status != http.StatusForbidden {
		t.Errorf("a DELETE through the Prometheus proxy = %d %s", a.status, a.raw)
	}
	if a := call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/datasources/uid/bad%20uid/health", nil); a.status != http.StatusBadRequest {
		t.Errorf("health of an invalid uid = %d %s", a.status, a.raw)
	}
	if a := call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/datasources/proxy/uid/hexabase-prometheus/api/v1/query?query=1%2B1", nil); a.status != http.StatusOK || a.body["status"] != "success" {
		t.Errorf("proxy = %d %s", a.status, a.raw)
	}
}

func TestFolderCreationAtTheRootNeedsTheGeneralScope(t *testing.T) {
	folder := map[string]string{"uid": "hexabase-alerts", "title": "Hexabase"}
	unscoped := start(t, withIAM(t, Permission{Action: "folders:create"}))
	a := call(t, unscoped, unscoped.ServiceAccountToken(), http.MethodPost, "/api/folders", folder)
	if a.status != http.StatusForbidden || !strings.Contains(a.raw, "folders:uid:general") {
		t.Fatalf("folders:create without scope = %d %s", a.status, a.raw)
	}
	g := start(t)
	if a := call(t, g, g.ServiceAccountToken(), http.MethodPost, "/api/folders", folder); a.status != http.StatusOK {
		t.Fatalf("folders:create on folders:uid:general = %d %s", a.status, a.raw)
	}
	if a := call(t, g, g.ServiceAccountToken(), http.MethodPost, "/api/folders", folder); a.status != http.StatusConflict {
		t.Fatalf("a second folder with the same uid = %d %s", a.status, a.raw)
	}
	if a := call(t, g, g.ServiceAccountToken(), http.MethodGet, "/api/folders/hexabase-alerts", nil); a.status != http.StatusOK || a.body["title"] != "Hexabase" {
		t.Fatalf("GET folder = %d %s", a.status, a.raw)
	}
	noRead := start(t, withIAM(t, Permission{Action: "folders:read", Scope: "folders:uid:other"}))
	if a := call(t, noRead, noRead.ServiceAccountToken(), http.MethodGet, "/api/folders/hexabase-alerts", nil); a.status != http.StatusForbidden {
		t.Fatalf("GET folder outside the scope = %d %s", a.status, a.raw)
	}
}

func TestProvisioningRoutesNeedTheAlertingActions(t *testing.T) {
	g := start(t, withIAM(t, Permission{Action: "folders:read", Scope: "folders:*"}))
	for _, r := range []struct{ method, path string }{
		{http.MethodGet, "/api/v1/provisioning/templates/hexabase"},
		{http.MethodPut, "/api/v1/provisioning/templates/hexabase"},
		{http.MethodGet, "/api/v1/provisioning/contact-points"},
		{http.MethodPost, "/api/v1/provisioning/contact-points"},
		{http.MethodPut, "/api/v1/provisioning/contact-points/x"},
		{http.MethodGet, "/api/v1/provisioning/folder/hexabase-alerts/rule-groups/g"},
		{http.MethodPut, "/api/v1/provisioning/folder/hexabase-alerts/rule-groups/g"},
		{http.MethodGet, "/api/v1/provisioning/alert-rules/x"},
	} {
		if a := call(t, g, g.ServiceAccountToken(), r.method, r.path, map[string]any{}); a.status != http.StatusForbidden {
			t.Errorf("%s %s = %d %s", r.method, r.path, a.status, a.raw)
		}
	}
	// The finer notification actions are accepted too.
	fine := start(t, withIAM(t, Permission{Action: "alert.notifications.provisioning:read"}))
	if a := call(t, fine, fine.ServiceAccountToken(), http.MethodGet, "/api/v1/provisioning/contact-points", nil); a.status != http.StatusOK {
		t.Errorf("alert.notifications.provisioning:read = %d %s", a.status, a.raw)
	}
}

func TestRequestsWithoutCredentialsAreRefusedUnlessASessionIsConfigured(t *testing.T) {
	g := start(t)
	if a := call(t, g, "", http.MethodGet, "/api/org/", nil); a.status != http.StatusUnauthorized {
		t.Fatalf("no credentials = %d", a.status)
	}
	if a := call(t, g, "not-a-token", http.MethodGet, "/api/org/", nil); a.status != http.StatusUnauthorized {
		t.Fatalf("unknown token = %d", a.status)
	}
	s := start(t, func(o *Options) { o.Session = Session{OrgID: 2, Role: "Viewer"} })
	if a := call(t, s, "", http.MethodGet, "/api/org/", nil); a.status != http.StatusOK || a.body["id"] != float64(2) {
		t.Fatalf("session = %d %s", a.status, a.raw)
	}
}
