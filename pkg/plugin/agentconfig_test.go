package plugin

import (
	"net/http"
	"strings"
	"testing"
)

func TestAgentConfigResource(t *testing.T) {
	a := newTestApp(t, `{"plans":{"shared":{"name":"shared","scrapeInterval":"60s","evaluationInterval":"60s","remoteWriteUrl":"https://central.example/api/v1/write","tenantHeader":"X-Scope-OrgID","queue":{"maxSamplesPerSend":500,"maxShards":5,"capacity":1000},"jobs":["kubernetes-pods"],"namespace":"monitoring"}}}`)
	res := callResource(t, a, http.MethodGet, "workspaces/ws-0007/agent-config?cluster=cluster-b&plan=shared", "")
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
}

func TestAgentConfigRefusesBadInput(t *testing.T) {
	a := newTestApp(t, `{}`)
	for path, want := range map[string]string{
		"workspaces/ws-0007/agent-config?cluster=cluster-b&plan=gold":   `"error":"plan: must be shared or dedicated"`,
		"workspaces/WS_7/agent-config?cluster=cluster-b&plan=dedicated": `{"field":"workspace.id","rule":"must be 1 to 63 lower-case letters`,
		"workspaces/ws-0007/agent-config?cluster=&plan=shared":          `{"field":"workspace.clusterId"`,
	} {
		res := callResource(t, a, http.MethodGet, path, "")
		if res.Status != http.StatusBadRequest || !strings.Contains(string(res.Body), want) {
			t.Errorf("%s: %d %s, want 400 with %s", path, res.Status, res.Body, want)
		}
	}
}

func TestInvalidPlanSettingsAreNamed(t *testing.T) {
	a := newTestApp(t, `{"plans":{"gold":{}}}`)
	if a.settingsErr == nil || !strings.Contains(a.settingsErr.Error(), "plans.gold: is not a plan (shared or dedicated)") {
		t.Fatalf("settings error = %v", a.settingsErr)
	}
}
