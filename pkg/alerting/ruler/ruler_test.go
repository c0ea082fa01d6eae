package ruler

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting/install"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
	"github.com/hexabase/hexabase-monitoring-app/tools/cortexruler"
	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
)

const pluginJSON = "../../../src/plugin.json"

// behindGrafana runs the Grafana double with the app's plugin.json (or one declaring only perms)
// and a Prometheus datasource on url that sends the tenant "platform".
func behindGrafana(t *testing.T, url string, jsonData map[string]any, perms ...grafanadouble.Permission) (*grafanadouble.Grafana, *grafanaapi.Client) {
	t.Helper()
	path := pluginJSON
	if perms != nil {
		path = filepath.Join(t.TempDir(), "plugin.json")
		raw, _ := json.Marshal(map[string]any{"id": "hexabase-monitoring-app", "iam": map[string]any{"permissions": perms}})
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g, err := grafanadouble.Start(grafanadouble.Options{PluginJSON: path, ExternalServiceAccounts: true, ManagedServiceAccounts: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	if jsonData == nil {
		jsonData = map[string]any{}
	}
	jsonData["httpHeaderName1"] = "X-Scope-OrgID"
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: url, JSONData: jsonData,
		SecureJSONData: map[string]string{"httpHeaderValue1": "platform"}})
	return g, &grafanaapi.Client{BaseURL: g.URL, Token: g.ServiceAccountToken(), HTTP: &http.Client{Timeout: 10 * time.Second}}
}

func actions(res Result) string {
	var out []string
	for _, c := range res.Changes {
		out = append(out, c.Name+"="+string(c.Action))
	}
	return strings.Join(out, " ")
}

// every is each recording group of the app with this action, in the app's order.
func every(action string) string {
	var out []string
	for _, g := range alerting.RecordingGroups(alerting.Defaults()) {
		out = append(out, g.Name+"="+action)
	}
	return strings.Join(out, " ")
}

func TestOnlyTheRecordingRulesGoToTheRuler(t *testing.T) {
	groups := alerting.RecordingGroups(alerting.Defaults())
	if every("x") != "hexabase-recording=x hexabase-slo=x hexabase-long-windows=x" || groups[0].Interval != "30s" {
		t.Fatalf("groups = %+v", groups)
	}
	for _, g := range groups {
		for _, r := range g.Rules {
			if r.Record == "" || r.Alert != "" {
				t.Fatalf("a rule that is not a recording rule: %+v", r)
			}
		}
	}
}

func TestInstallCreatesThenLeavesAloneThenUpdatesTheGroupsOfTheTenant(t *testing.T) {
	cortex := cortexruler.Start()
	defer cortex.Close()
	_, c := behindGrafana(t, cortex.URL+"/api/prom", nil)
	ctx := context.Background()
	res, err := Install(ctx, c, "hexabase-prometheus", alerting.Defaults())
	if err != nil || actions(res) != every("created") || res.Ruler != "cortex" || res.NoRuler != "" {
		t.Fatalf("first install: %v %+v", err, res)
	}
	stored := cortex.Groups("platform", Namespace)
	if len(stored) != len(alerting.RecordingGroups(alerting.Defaults())) || len(stored[0].Rules) != len(alerting.RecordingGroups(alerting.Defaults())[0].Rules) {
		t.Fatalf("the ruler holds %+v", stored)
	}
	if res, err = Install(ctx, c, "hexabase-prometheus", alerting.Defaults()); err != nil || actions(res) != every("unchanged") {
		t.Fatalf("second install: %v %+v", err, res)
	}
	changed := alerting.Defaults()
	changed.EvaluationInterval = time.Minute
	res, err = Install(ctx, c, "hexabase-prometheus", changed)
	if err != nil || actions(res) != "hexabase-recording=updated hexabase-slo=unchanged hexabase-long-windows=updated" || res.Changes[0].Detail != "interval 30s (the app's 1m)" {
		t.Fatalf("install after a change: %v %+v", err, res)
	}
	for _, r := range cortex.Requests() {
		if r.Tenant != "platform" || !strings.HasPrefix(r.Path, "/api/prom/rules/"+Namespace) {
			t.Errorf("the ruler got %s %s for tenant %q", r.Method, r.Path, r.Tenant)
		}
	}
}

func TestInstallRemovesGroupsTheAppNoLongerDefinesAndNamesChangedRules(t *testing.T) {
	cortex := cortexruler.Start()
	defer cortex.Close()
	_, c := behindGrafana(t, cortex.URL+"/api/prom", map[string]any{"prometheusType": "Cortex"})
	edited := alerting.RecordingGroups(alerting.Defaults())[0]
	edited.Rules = append([]Rule{{Record: "x:y:z", Expr: "vector(1)"}}, edited.Rules[1:]...)
	for _, group := range []Group{{Name: "hexabase-old", Interval: "1m", Rules: []Rule{{Record: "a:b:c", Expr: "vector(1)"}}}, edited} {
		if err := c.Do(context.Background(), http.MethodPost, "/api/ruler/hexabase-prometheus/api/v1/rules/"+Namespace, group, nil); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Install(context.Background(), c, "hexabase-prometheus", alerting.Defaults())
	if err != nil || actions(res) != strings.Replace(every("created"), "hexabase-recording=created", "hexabase-recording=updated", 1)+" hexabase-old=deleted" || res.Changes[0].Detail == "" {
		t.Fatalf("%v %+v", err, res)
	}
	if stored := cortex.Groups("platform", Namespace); len(stored) != len(alerting.RecordingGroups(alerting.Defaults())) || stored[0].Name != alerting.GroupRecording {
		t.Fatalf("the ruler holds %+v", stored)
	}
}

func TestMimirIsReachedUnderItsConfigPath(t *testing.T) {
	mimir := cortexruler.Start(cortexruler.MimirPrefix)
	defer mimir.Close()
	for _, jsonData := range []map[string]any{{"prometheusType": "Mimir"}, nil} {
		_, c := behindGrafana(t, mimir.URL+"/prometheus", jsonData)
		res, err := Install(context.Background(), c, "hexabase-prometheus", alerting.Defaults())
		if err != nil || res.Ruler != "mimir" || res.NoRuler != "" {
			t.Fatalf("%v: %v %+v", jsonData, err, res)
		}
	}
	if stored := mimir.Groups("platform", Namespace); len(stored) != len(alerting.RecordingGroups(alerting.Defaults())) {
		t.Fatalf("the ruler holds %+v", stored)
	}
}

func TestAPlainPrometheusKeepsTheManualStepAndIsNeverWritten(t *testing.T) {
	prometheus := cortexruler.Start("/api/v1/query") // answers 404 page not found on every ruler path
	defer prometheus.Close()
	// Credentials written into the datasource's URL never come back in the answer.
	withCredentials := strings.Replace(prometheus.URL, "http://", "http://reader:s3cret@", 1)
	for _, jsonData := range []map[string]any{nil, {"prometheusType": "Prometheus"}, {"prometheusType": "Thanos"}} {
		_, c := behindGrafana(t, withCredentials, jsonData)
		res, err := Install(context.Background(), c, "hexabase-prometheus", alerting.Defaults())
		if err != nil || !strings.Contains(res.NoRuler, ManualStep) || actions(res) != every("skipped") || strings.Contains(res.NoRuler, "s3cret") {
			t.Fatalf("%v: %v %+v", jsonData, err, res)
		}
	}
	for _, r := range prometheus.Requests() {
		if r.Method != http.MethodGet {
			t.Errorf("a plain Prometheus got %s %s", r.Method, r.Path)
		}
	}
	if n := len(prometheus.Requests()); n != 2 {
		t.Errorf("%d requests reached the Prometheus; the probe reads each ruler path once, a typed datasource none", n)
	}
}

func TestFailuresNameWhatToDo(t *testing.T) {
	cortex := cortexruler.Start()
	defer cortex.Close()
	ctx := context.Background()
	readOnly := []grafanadouble.Permission{{Action: "datasources:read", Scope: "datasources:*"},
		{Action: "alert.rules.external:read", Scope: "datasources:*"}}
	_, c := behindGrafana(t, cortex.URL+"/api/prom", nil, readOnly...)
	res, err := Install(ctx, c, "hexabase-prometheus", alerting.Defaults())
	if err == nil || res.Changes[0].Action != install.Failed || !strings.Contains(res.Changes[0].Detail, "alert.rules.external:write") {
		t.Errorf("without the write permission: %v %+v", err, res)
	}
	_, c = behindGrafana(t, cortex.URL+"/api/prom", nil, readOnly[0])
	if _, err := Install(ctx, c, "hexabase-prometheus", alerting.Defaults()); err == nil || !strings.Contains(err.Error(), "alert.rules.external") {
		t.Errorf("without the read permission: %v", err)
	}
	if _, err := Install(ctx, c, "elsewhere", alerting.Defaults()); err == nil || !strings.Contains(err.Error(), `no datasource with UID "elsewhere"`) {
		t.Errorf("an unknown datasource: %v", err)
	}
	g, c := behindGrafana(t, cortex.URL+"/api/prom", nil)
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: cortex.URL + "/api/prom"})
	if _, err := Install(ctx, c, "hexabase-prometheus", alerting.Defaults()); err == nil || !strings.Contains(err.Error(), "X-Scope-OrgID") {
		t.Errorf("without a tenant: %v", err)
	}
}
