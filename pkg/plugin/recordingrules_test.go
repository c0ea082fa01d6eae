package plugin

import (
	"net/http"
	"strings"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting/ruler"
	"github.com/hexabase/hexabase-monitoring-app/tools/cortexruler"
	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
)

const recordingRulesAPI = appAPI + "/resources/alerting/recording-rules/install"

// platformDatasource is the app's Prometheus datasource on url, reading the tenant "platform".
func platformDatasource(url string) grafanadouble.Datasource {
	return grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: url,
		JSONData:       map[string]any{"httpHeaderName1": "X-Scope-OrgID"},
		SecureJSONData: map[string]string{"httpHeaderValue1": "platform"}}
}

func installedActions(t *testing.T, body map[string]any) string {
	t.Helper()
	result, _ := body["result"].(map[string]any)
	changes, _ := result["changes"].([]any)
	var out []string
	for _, c := range changes {
		c := c.(map[string]any)
		out = append(out, c["name"].(string)+"="+c["action"].(string))
	}
	return strings.Join(out, " ")
}

// The app behind Grafana writes its recording rules into the platform tenant of a ruler with
// Cortex's config API; a second run finds them there and changes nothing.
func TestRecordingRulesGoToTheRulerOfThePlatformTenant(t *testing.T) {
	cortex := cortexruler.Start()
	defer cortex.Close()
	g := hosted(t, `{}`, nil)
	g.AddDatasource(1, platformDatasource(cortex.URL+"/api/prom"))
	admin := g.UserToken(1, "Admin")
	status, body := request(t, g, admin, http.MethodPost, recordingRulesAPI, nil)
	if status != http.StatusOK || installedActions(t, body) != everyGroup("created") {
		t.Fatalf("%d %v", status, body)
	}
	want := alerting.RecordingGroups(alerting.Defaults())[0]
	if got := cortex.Groups("platform", ruler.Namespace); len(got) != len(alerting.RecordingGroups(alerting.Defaults())) || got[0].Name != want.Name || len(got[0].Rules) != len(want.Rules) {
		t.Fatalf("the platform tenant holds %+v", got)
	}
	if status, body = request(t, g, admin, http.MethodPost, recordingRulesAPI, nil); status != http.StatusOK ||
		installedActions(t, body) != everyGroup("unchanged") {
		t.Fatalf("second install: %d %v", status, body)
	}
	for _, r := range cortex.Requests() {
		if r.Tenant != "platform" || r.Authorization != "" {
			t.Errorf("the ruler got %s %s for tenant %q", r.Method, r.Path, r.Tenant)
		}
	}
	for _, r := range g.Requests() {
		if strings.HasPrefix(r.Path, "/api/ruler/") && r.Caller != "extsvc-"+PluginID {
			t.Errorf("%s %s by %s", r.Method, r.Path, r.Caller)
		}
	}
}

// everyGroup is each recording group of the app with this action, in the app's order.
func everyGroup(action string) string {
	var out []string
	for _, g := range alerting.RecordingGroups(alerting.Defaults()) {
		out = append(out, g.Name+"="+action)
	}
	return strings.Join(out, " ")
}

func TestRecordingRulesNeedAnAdmin(t *testing.T) {
	g := hosted(t, `{}`, nil)
	for _, role := range []string{"Viewer", "Editor"} {
		status, body := request(t, g, g.UserToken(1, role), http.MethodPost, recordingRulesAPI, nil)
		if status != http.StatusForbidden || body["error"] != "only an Admin can install the app's recording rules" {
			t.Errorf("%s: %d %v", role, status, body)
		}
	}
}

// A plain Prometheus has no ruler: the answer says so and names the manual step, and nothing is
// sent to it but the two reads that look for a ruler.
func TestAPlainPrometheusKeepsTheRuleFileAManualStep(t *testing.T) {
	g := hosted(t, `{}`, nil)
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: realPrometheus(t)})
	status, body := request(t, g, g.UserToken(1, "Admin"), http.MethodPost, recordingRulesAPI, nil)
	result, _ := body["result"].(map[string]any)
	noRuler, _ := result["noRuler"].(string)
	if status != http.StatusOK || !strings.Contains(noRuler, ruler.ManualStep) || !strings.Contains(noRuler, "404 page not found") ||
		installedActions(t, body) != everyGroup("skipped") {
		t.Fatalf("%d %v", status, body)
	}
	for _, r := range g.Requests() {
		if strings.HasPrefix(r.Path, "/api/ruler/") && r.Method != http.MethodGet {
			t.Errorf("%s %s", r.Method, r.Path)
		}
	}
}

func TestRecordingRulesWithoutAServiceAccountSayHowToGetOne(t *testing.T) {
	g := hosted(t, `{}`, nil, func(o *grafanadouble.Options) { o.ManagedServiceAccounts = false })
	status, body := request(t, g, g.UserToken(1, "Admin"), http.MethodPost, recordingRulesAPI, nil)
	if status != http.StatusServiceUnavailable || !strings.Contains(body["error"].(string), "managed_service_accounts_enabled") {
		t.Fatalf("%d %v", status, body)
	}
}

func TestRecordingRulesNameAMissingDatasource(t *testing.T) {
	g := hosted(t, `{"datasources":{"prometheusUid":"central"}}`, nil)
	status, body := request(t, g, g.UserToken(1, "Admin"), http.MethodPost, recordingRulesAPI, nil)
	if status != http.StatusBadRequest || !strings.Contains(body["error"].(string), `no datasource with UID "central"`) {
		t.Fatalf("%d %v", status, body)
	}
}
