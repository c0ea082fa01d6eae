package plugin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
)

const manualWorkspaces = `"workspaces":[{"id":"ws-0007","clusterId":"cluster-b","plan":"shared"},{"id":"ws-0008","clusterId":"cluster-b","plan":"dedicated"}]`

func TestAgentConfigOfAManualWorkspace(t *testing.T) {
	a := newTestApp(t, `{`+manualWorkspaces+`,"plans":{"shared":{"name":"shared","scrapeInterval":"60s","evaluationInterval":"60s","remoteWriteUrl":"https://central.example/api/v1/write","tenantHeader":"X-Scope-OrgID","queue":{"maxSamplesPerSend":500,"maxShards":5,"capacity":1000},"jobs":["kubernetes-pods"],"namespace":"monitoring"}}}`)
	res := callResource(t, a, http.MethodGet, "workspaces/ws-0007/agent-config", "")
	if res.Status != http.StatusOK {
		t.Fatalf("status %d: %s", res.Status, res.Body)
	}
	body := string(res.Body)
	for _, want := range []string{"workspace_id: ws-0007", "cluster_id: cluster-b", "scrape_interval: 60s", "X-Scope-OrgID: ws-0007", "https://central.example/api/v1/write", "namespace: monitoring"} {
		if !strings.Contains(body, want) {
			t.Errorf("config lacks %q:\n%s", want, body)
		}
	}
	if got := res.Headers["Content-Type"]; len(got) == 0 || got[0] != "application/yaml" {
		t.Errorf("Content-Type %v", got)
	}
	if res := callResource(t, a, http.MethodGet, "workspaces/ws-0008/agent-config", ""); res.Status != http.StatusOK || !strings.Contains(string(res.Body), "alertmanager:9093") {
		t.Errorf("dedicated workspace: %d %.200s", res.Status, res.Body)
	}
}

func TestAgentConfigOfAnUnknownWorkspace(t *testing.T) {
	res := callResource(t, newTestApp(t, `{`+manualWorkspaces+`}`), http.MethodGet, "workspaces/ws-9999/agent-config", "")
	if res.Status != http.StatusNotFound || !strings.Contains(string(res.Body), "workspace: no workspace ws-9999 is reported by metrics or added in the settings") {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
}

func TestInvalidPlanSettingsAreNamed(t *testing.T) {
	a := newTestApp(t, `{"plans":{"gold":{}}}`)
	if a.settingsErr == nil || !strings.Contains(a.settingsErr.Error(), "plans.gold: is not a plan (shared or dedicated)") {
		t.Fatalf("settings error = %v", a.settingsErr)
	}
	if res := callResource(t, a, http.MethodGet, "workspaces/ws-1/agent-config", ""); res.Status != http.StatusBadRequest {
		t.Fatalf("agent config with invalid settings: %d", res.Status)
	}
}

func TestWorkspacesListMergesMetricsAndManualEntries(t *testing.T) {
	g := hosted(t, `{`+manualWorkspaces+`}`, nil)
	g.AddDatasource(1, grafanadouble.Datasource{UID: "hexabase-prometheus", Type: "prometheus", URL: realPrometheus(t)})
	status, body := request(t, g, g.UserToken(1, "Viewer"), http.MethodGet, appAPI+"/resources/workspaces?search=cluster-b&perPage=10", nil)
	raw, _ := json.Marshal(body)
	var list struct {
		Page struct {
			Items []struct{ ID, ClusterID, Plan, Source string }
			Total int
		}
		Note string
	}
	if err := json.Unmarshal(raw, &list); err != nil || status != http.StatusOK {
		t.Fatalf("%d %s", status, raw)
	}
	// ws-0007 is reported in cluster-a but was assigned to cluster-b by hand: the manual entry wins.
	if list.Page.Total != 2 || list.Page.Items[0].ID != "ws-0007" || list.Page.Items[0].Source != "manual,metrics" || list.Page.Items[1].Source != "manual" || list.Note != "" {
		t.Fatalf("%s", raw)
	}
	// ws-0001 is only reported by metrics, through Grafana's proxy to the real Prometheus.
	if _, all := request(t, g, g.UserToken(1, "Viewer"), http.MethodGet, appAPI+"/resources/workspaces?search=ws-0001", nil); fmt.Sprint(all["page"]) == "" || !strings.Contains(fmt.Sprint(all["page"]), "metrics") {
		t.Fatalf("ws-0001 = %v", all)
	}
}

func TestWorkspacesListWithoutAServiceAccountSaysWhy(t *testing.T) {
	res := callResource(t, newTestApp(t, `{`+manualWorkspaces+`}`), http.MethodGet, "workspaces", "")
	if res.Status != http.StatusOK || !strings.Contains(string(res.Body), `"note":"workspaces reported by metrics are not listed: Grafana gave the app no service account`) || !strings.Contains(string(res.Body), `"total":2`) {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
}

func TestPlansAnswerTheSavedOverridesOverTheDefaults(t *testing.T) {
	res := callResource(t, newTestApp(t, `{"plans":{"dedicated":{"scrapeInterval":"20s","thresholds":{"quotaRatio":0.9}}}}`), http.MethodGet, "plans", "")
	var body struct {
		Plans map[string]struct {
			ScrapeInterval     string             `json:"scrapeInterval"`
			AlertmanagerTarget string             `json:"alertmanagerTarget"`
			Thresholds         map[string]float64 `json:"thresholds"`
		} `json:"plans"`
	}
	if err := json.Unmarshal(res.Body, &body); err != nil || res.Status != http.StatusOK {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	d, s := body.Plans["dedicated"], body.Plans["shared"]
	if d.ScrapeInterval != "20s" || d.AlertmanagerTarget != "alertmanager:9093" || d.Thresholds["quotaRatio"] != 0.9 || s.ScrapeInterval != "30s" {
		t.Fatalf("plans = %+v", body.Plans)
	}
}
