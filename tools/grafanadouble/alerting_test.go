package grafanadouble

import (
	"net/http"
	"strings"
	"testing"
)

const tmplPath = "/api/v1/provisioning/templates/hexabase"

func TestTemplatesAreStoredTrimmedAndWrapped(t *testing.T) {
	g := start(t)
	sa := g.ServiceAccountToken()
	a := call(t, g, sa, http.MethodPut, tmplPath, map[string]string{"template": "\n{{ define \"x\" }}hi{{ end }}\n\n"}, noProvenance()...)
	if a.status != http.StatusAccepted || a.body["template"] != `{{ define "x" }}hi{{ end }}` {
		t.Fatalf("PUT = %d %s", a.status, a.raw)
	}
	if a := call(t, g, sa, http.MethodPut, "/api/v1/provisioning/templates/plain", map[string]string{"template": "hello"}, noProvenance()...); a.body["template"] != "{{ define \"plain\" }}\n  hello\n{{ end }}" {
		t.Fatalf("a template without define = %s", a.raw)
	}
	if a := call(t, g, sa, http.MethodPut, tmplPath, map[string]string{"template": "  "}, noProvenance()...); a.status != http.StatusBadRequest {
		t.Fatalf("empty template = %d %s", a.status, a.raw)
	}
	got := call(t, g, sa, http.MethodGet, tmplPath, nil)
	if _, has := got.body["provenance"]; has || got.body["version"] == "" {
		t.Fatalf("GET after a write with X-Disable-Provenance = %s", got.raw)
	}
	if a := call(t, g, sa, http.MethodPut, tmplPath, map[string]string{"template": "{{ define \"x\" }}v2{{ end }}", "version": "0000000000000000"}, noProvenance()...); a.status != http.StatusConflict {
		t.Fatalf("a stale version = %d %s", a.status, a.raw)
	}
}

func TestWritesWithoutTheHeaderAreProvisionedByTheAPI(t *testing.T) {
	g := start(t)
	sa := g.ServiceAccountToken()
	call(t, g, sa, http.MethodPut, tmplPath, map[string]string{"template": "{{ define \"x\" }}a{{ end }}"})
	if a := call(t, g, sa, http.MethodGet, tmplPath, nil); a.body["provenance"] != "api" {
		t.Fatalf("GET = %s", a.raw)
	}
	// api may not become none: Grafana's relaxed provenance check refuses it.
	if a := call(t, g, sa, http.MethodPut, tmplPath, map[string]string{"template": "{{ define \"x\" }}b{{ end }}"}, noProvenance()...); a.status != http.StatusForbidden {
		t.Fatalf("api -> none = %d %s", a.status, a.raw)
	}
	// The header counts by its presence, whatever its value.
	call(t, g, sa, http.MethodPut, "/api/v1/provisioning/templates/other", map[string]string{"template": "{{ define \"y\" }}a{{ end }}"}, "X-Disable-Provenance", "false")
	if a := call(t, g, sa, http.MethodGet, "/api/v1/provisioning/templates/other", nil); a.body["provenance"] != nil {
		t.Fatalf("X-Disable-Provenance: false still disables provenance: %s", a.raw)
	}
}

func TestContactPointSecretsAreSplitPerIntegrationType(t *testing.T) {
	g := start(t)
	sa := g.ServiceAccountToken()
	for _, cp := range []map[string]any{
		{"uid": "e", "name": "N", "type": "email", "settings": map[string]any{"addresses": "ops@example.test"}},
		{"uid": "s", "name": "N", "type": "slack", "settings": map[string]any{"token": "xoxb-1", "recipient": "#a"}},
		{"uid": "p", "name": "N", "type": "pagerduty", "settings": map[string]any{"integrationKey": "pd-1"}},
		{"uid": "w", "name": "N", "type": "webhook", "settings": map[string]any{"url": "http://127.0.0.1:1/hook"}},
	} {
		if a := call(t, g, sa, http.MethodPost, "/api/v1/provisioning/contact-points", cp, noProvenance()...); a.status != http.StatusAccepted {
			t.Fatalf("POST %v = %d %s", cp["type"], a.status, a.raw)
		}
	}
	got := map[string]map[string]any{}
	for _, cp := range call(t, g, sa, http.MethodGet, "/api/v1/provisioning/contact-points?name=N", nil).list {
		got[cp["uid"].(string)] = cp["settings"].(map[string]any)
	}
	want := map[string]string{"e:addresses": "ops@example.test", "s:token": redacted, "s:recipient": "#a", "p:integrationKey": redacted, "w:url": "http://127.0.0.1:1/hook"}
	for k, v := range want {
		uid, key, _ := strings.Cut(k, ":")
		if got[uid][key] != v {
			t.Errorf("%s = %v, want %v", k, got[uid][key], v)
		}
	}
	if a := call(t, g, sa, http.MethodGet, "/api/v1/provisioning/contact-points?name=n", nil); len(a.list) != 0 {
		t.Errorf("the name filter is exact: %s", a.raw)
	}
}

func TestContactPointUpdatesKeepRedactedSecretsAndDropOmittedOnes(t *testing.T) {
	g := start(t)
	sa := g.ServiceAccountToken()
	call(t, g, sa, http.MethodPost, "/api/v1/provisioning/contact-points", map[string]any{"uid": "s", "name": "N", "type": "slack", "settings": map[string]any{"token": "xoxb-1", "recipient": "#a"}}, noProvenance()...)
	a := call(t, g, sa, http.MethodPut, "/api/v1/provisioning/contact-points/s", map[string]any{"name": "N", "type": "slack", "settings": map[string]any{"token": redacted, "recipient": "#b"}}, noProvenance()...)
	if a.status != http.StatusAccepted || g.StoredContactPoints(1)[0].Settings["token"] != "xoxb-1" {
		t.Fatalf("PUT with [REDACTED] = %d %s; stored %v", a.status, a.raw, g.StoredContactPoints(1))
	}
	if a := call(t, g, sa, http.MethodPut, "/api/v1/provisioning/contact-points/s", map[string]any{"name": "N", "type": "slack", "settings": map[string]any{"recipient": "#b"}}, noProvenance()...); a.status != http.StatusBadRequest {
		t.Fatalf("a Slack integration whose token was left out = %d %s", a.status, a.raw)
	}
	if a := call(t, g, sa, http.MethodPut, "/api/v1/provisioning/contact-points/missing", map[string]any{"name": "N", "type": "slack", "settings": map[string]any{"token": "x", "recipient": "#b"}}, noProvenance()...); a.status != http.StatusNotFound {
		t.Fatalf("PUT of an unknown uid = %d %s", a.status, a.raw)
	}
	if a := call(t, g, sa, http.MethodPost, "/api/v1/provisioning/contact-points", map[string]any{"name": "N", "type": "carrier-pigeon", "settings": map[string]any{}}, noProvenance()...); a.status != http.StatusBadRequest {
		t.Fatalf("an unknown integration type = %d %s", a.status, a.raw)
	}
}

func ruleGroup(receiver string, rules ...map[string]any) map[string]any {
	return map[string]any{"title": "g", "folderUid": "hexabase-alerts", "interval": 60, "rules": rules}
}

func rule(uid, receiver string) map[string]any {
	r := map[string]any{
		"uid": uid, "title": uid, "condition": "B", "noDataState": "OK", "execErrState": "Error", "for": "24h",
		"labels": map[string]string{"severity": "warning"},
		"data": []map[string]any{
			{"refId": "A", "datasourceUid": "hexabase-prometheus", "relativeTimeRange": map[string]int{"from": 600, "to": 0}, "model": map[string]any{"expr": "up", "refId": "A"}},
			{"refId": "B", "datasourceUid": "__expr__", "relativeTimeRange": map[string]int{"from": 0, "to": 0}, "model": map[string]any{"type": "threshold", "expression": "A", "refId": "B"}},
		},
	}
	if receiver != "" {
		r["notification_settings"] = map[string]any{"receiver": receiver, "group_by": []string{"alertname", "grafana_folder", "workspace_id"}, "group_interval": "300s"}
	}
	return r
}

func alertingDouble(t *testing.T) *Grafana {
	g := start(t)
	g.AddDatasource(1, Datasource{UID: "hexabase-prometheus", Type: "prometheus"})
	call(t, g, g.ServiceAccountToken(), http.MethodPost, "/api/folders", map[string]string{"uid": "hexabase-alerts", "title": "Hexabase"})
	call(t, g, g.ServiceAccountToken(), http.MethodPost, "/api/v1/provisioning/contact-points", map[string]any{"uid": "e", "name": "Ops", "type": "email", "settings": map[string]any{"addresses": "ops@example.test"}}, noProvenance()...)
	return g
}

const groupPath = "/api/v1/provisioning/folder/hexabase-alerts/rule-groups/g"

func TestRuleGroupsComeBackInGrafanasStoredForm(t *testing.T) {
	g := alertingDouble(t)
	sa := g.ServiceAccountToken()
	if a := call(t, g, sa, http.MethodPut, groupPath, ruleGroup("", rule("r1", "Ops")), noProvenance()...); a.status != http.StatusOK {
		t.Fatalf("PUT = %d %s", a.status, a.raw)
	}
	got := call(t, g, sa, http.MethodGet, groupPath, nil)
	r := got.body["rules"].([]any)[0].(map[string]any)
	model := r["data"].([]any)[1].(map[string]any)["model"].(map[string]any)
	ns := r["notification_settings"].(map[string]any)
	switch {
	case r["for"] != "1d", r["keep_firing_for"] != "0s":
		t.Errorf("durations: for %v, keep_firing_for %v", r["for"], r["keep_firing_for"])
	case model["intervalMs"] != float64(1000) || model["maxDataPoints"] != float64(43200):
		t.Errorf("model defaults: %v", model)
	case ns["group_interval"] != "5m":
		t.Errorf("notification settings: %v", ns)
	case r["folderUID"] != "hexabase-alerts" || r["ruleGroup"] != "g" || r["id"] == nil || r["updated"] == nil:
		t.Errorf("server fields: %v", r)
	}
	if _, has := r["provenance"]; has {
		t.Error("a rule-group answer carries no provenance")
	}
	if _, has := r["missingSeriesEvalsToResolve"]; has {
		t.Error("missingSeriesEvalsToResolve is absent unless set")
	}
	if a := call(t, g, sa, http.MethodGet, "/api/v1/provisioning/alert-rules/r1", nil); a.status != http.StatusOK || a.body["title"] != "r1" {
		t.Errorf("GET alert rule = %d %s", a.status, a.raw)
	}
}

func TestRuleGroupsAreValidatedAsGrafanaDoes(t *testing.T) {
	g := alertingDouble(t)
	sa := g.ServiceAccountToken()
	bad := func(mutate func(map[string]any)) map[string]any {
		r := rule("r1", "Ops")
		mutate(r)
		return ruleGroup("", r)
	}
	for name, body := range map[string]map[string]any{
		"unknown receiver": bad(func(r map[string]any) { r["notification_settings"] = map[string]any{"receiver": "Nobody"} }),
		"grouping without alertname": bad(func(r map[string]any) {
			r["notification_settings"] = map[string]any{"receiver": "Ops", "group_by": []string{"workspace_id"}}
		}),
		"empty noDataState":     bad(func(r map[string]any) { r["noDataState"] = "" }),
		"missing series <= 0":   bad(func(r map[string]any) { r["missingSeriesEvalsToResolve"] = 0 }),
		"unknown datasource":    bad(func(r map[string]any) { r["data"].([]map[string]any)[0]["datasourceUid"] = "nope" }),
		"condition not a query": bad(func(r map[string]any) { r["condition"] = "C" }),
		"interval not x10s":     {"title": "g", "interval": 15, "rules": []any{rule("r1", "Ops")}},
	} {
		if a := call(t, g, sa, http.MethodPut, groupPath, body, noProvenance()...); a.status != http.StatusBadRequest {
			t.Errorf("%s: %d %s", name, a.status, a.raw)
		}
	}
	if a := call(t, g, sa, http.MethodPut, "/api/v1/provisioning/folder/nope/rule-groups/g", ruleGroup("", rule("r1", "Ops")), noProvenance()...); a.status != http.StatusNotFound {
		t.Errorf("a missing folder: %d %s", a.status, a.raw)
	}
}

func TestAPutWithoutRulesChangesOnlyTheInterval(t *testing.T) {
	g := alertingDouble(t)
	sa := g.ServiceAccountToken()
	call(t, g, sa, http.MethodPut, groupPath, ruleGroup("", rule("r1", "Ops")), noProvenance()...)
	if a := call(t, g, sa, http.MethodPut, groupPath, map[string]any{"interval": 120}, noProvenance()...); a.status != http.StatusOK {
		t.Fatalf("PUT without rules = %d %s", a.status, a.raw)
	}
	if interval, rules := g.RuleGroup(1, "hexabase-alerts", "g"); interval != 120 || len(rules) != 1 {
		t.Fatalf("interval %d, %d rules", interval, len(rules))
	}
}

func TestAPutReplacesTheWholeGroup(t *testing.T) {
	g := alertingDouble(t)
	sa := g.ServiceAccountToken()
	call(t, g, sa, http.MethodPut, groupPath, ruleGroup("", rule("r1", "Ops"), rule("r2", "Ops")), noProvenance()...)
	call(t, g, sa, http.MethodPut, groupPath, ruleGroup("", rule("r2", "Ops")), noProvenance()...)
	if _, rules := g.RuleGroup(1, "hexabase-alerts", "g"); len(rules) != 1 || rules[0]["uid"] != "r2" {
		t.Fatalf("rules = %v", rules)
	}
	if _, ok := g.RuleProvenance(1, "r1"); ok {
		t.Fatal("a rule left out of the PUT must be deleted")
	}
}
