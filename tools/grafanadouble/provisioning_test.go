package grafanadouble

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const fileRules = `apiVersion: 1
groups:
  - orgId: 1
    name: g
    folder: Hexabase
    interval: 1m
    rules:
      - uid: r1
        title: r1
        condition: B
        data:
          - refId: A
            relativeTimeRange: {from: 600, to: 0}
            datasourceUid: hexabase-prometheus
            model: {expr: up, refId: A}
          - refId: B
            relativeTimeRange: {from: 0, to: 0}
            datasourceUid: __expr__
            model: {type: threshold, expression: A, refId: B}
        for: 5m
        notification_settings:
          receiver: Ops
`

const fileNotifications = `apiVersion: 1
contactPoints:
  - orgId: 1
    name: Ops
    receivers:
      - uid: ops-email
        type: email
        settings:
          addresses: ${OPS_EMAIL}
      - uid: ops-slack
        type: slack
        settings:
          recipient: '#ops'
          token: $SLACK_TOKEN
templates:
  - orgId: 1
    name: hexabase
    template: |
      {{ define "x" }}hi{{ end }}
policies:
  - orgId: 1
    receiver: Ops
`

const fileDatasources = `apiVersion: 1
datasources:
  - name: Prometheus
    uid: hexabase-prometheus
    type: prometheus
    url: http://prometheus:9090
`

func provisioned(t *testing.T) *Grafana {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "datasources/ds.yaml", fileDatasources)
	writeFile(t, dir, "alerting/rules.yaml", fileRules)
	writeFile(t, dir, "alerting/notifications.yaml", fileNotifications)
	g := start(t, func(o *Options) {
		o.Env = map[string]string{"OPS_EMAIL": "ops@example.test", "SLACK_TOKEN": "xoxb-file"}
	})
	if err := g.LoadProvisioning(dir); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestProvisionedResourcesHaveProvenanceFile(t *testing.T) {
	g := provisioned(t)
	sa := g.ServiceAccountToken()
	folders := g.Folders(1)
	if len(folders) != 1 || folders[0].Title != "Hexabase" || folders[0].UID == "hexabase-alerts" {
		t.Fatalf("folders = %+v; Grafana creates a file rule group's folder by title with a generated uid", folders)
	}
	if p, ok := g.RuleProvenance(1, "r1"); !ok || p != ProvenanceFile {
		t.Fatalf("rule provenance = %q, %v", p, ok)
	}
	if a := call(t, g, sa, http.MethodGet, "/api/v1/provisioning/alert-rules/r1", nil); a.body["provenance"] != "file" {
		t.Fatalf("GET alert rule = %s", a.raw)
	}
	if a := call(t, g, sa, http.MethodGet, tmplPath, nil); a.body["provenance"] != "file" || a.body["template"] != `{{ define "x" }}hi{{ end }}` {
		t.Fatalf("GET template = %s", a.raw)
	}
	cps := call(t, g, sa, http.MethodGet, "/api/v1/provisioning/contact-points?name=Ops", nil).list
	if len(cps) != 2 || cps[0]["provenance"] != "file" || cps[0]["settings"].(map[string]any)["addresses"] != "ops@example.test" {
		t.Fatalf("contact points = %v", cps)
	}
	if p, ok := g.PolicyProvenance(1); !ok || p != ProvenanceFile {
		t.Fatal("a policies entry replaces the whole tree with provenance file")
	}
	if a := call(t, g, sa, http.MethodGet, "/api/v1/provisioning/policies", nil); a.body["provenance"] != "file" || a.body["receiver"] != "Ops" {
		t.Fatalf("GET policies = %s", a.raw)
	}
	if g.StoredContactPoints(1)[1].Settings["token"] != "xoxb-file" {
		t.Fatalf("$VAR is expanded in settings: %v", g.StoredContactPoints(1))
	}
}

func TestTheAPICannotChangeWhatFilesProvisioned(t *testing.T) {
	g := provisioned(t)
	sa := g.ServiceAccountToken()
	folder := g.Folders(1)[0].UID
	path := "/api/v1/provisioning/folder/" + folder + "/rule-groups/g"
	current := call(t, g, sa, http.MethodGet, path, nil).body
	// Even an identical PUT is refused: every rule of the group is checked.
	if a := call(t, g, sa, http.MethodPut, path, current, noProvenance()...); a.status != http.StatusConflict || !strings.Contains(a.raw, "cannot update with provided provenance '', needs 'file'") {
		t.Fatalf("rule group PUT with X-Disable-Provenance = %d %s", a.status, a.raw)
	}
	if a := call(t, g, sa, http.MethodPut, path, current); a.status != http.StatusConflict {
		t.Fatalf("rule group PUT as api = %d %s", a.status, a.raw)
	}
	if a := call(t, g, sa, http.MethodPut, path, map[string]any{"interval": 60, "rules": []any{}}, noProvenance()...); a.status != http.StatusConflict || !strings.Contains(a.raw, "cannot delete") {
		t.Fatalf("deleting file rules = %d %s", a.status, a.raw)
	}
	if a := call(t, g, sa, http.MethodPut, tmplPath, map[string]string{"template": "{{ define \"x\" }}new{{ end }}"}, noProvenance()...); a.status != http.StatusForbidden {
		t.Fatalf("template PUT = %d %s", a.status, a.raw)
	}
	if a := call(t, g, sa, http.MethodPut, "/api/v1/provisioning/contact-points/ops-email", map[string]any{"name": "Ops", "type": "email", "settings": map[string]any{"addresses": "new@example.test"}}, noProvenance()...); a.status != http.StatusInternalServerError || !strings.Contains(a.raw, "cannot change provenance from 'file' to ''") {
		t.Fatalf("contact point PUT = %d %s", a.status, a.raw)
	}
	if a := call(t, g, g.UserToken(1, "Admin"), http.MethodPut, "/api/v1/provisioning/policies", map[string]any{"receiver": "Ops"}, noProvenance()...); a.status != http.StatusForbidden {
		t.Fatalf("policies PUT = %d %s", a.status, a.raw)
	}
}

func TestUnknownProvisioningFieldsAreReported(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "alerting/rules.yaml", strings.Replace(fileRules, "notification_settings:", "notificationSettings:", 1))
	g := start(t)
	if err := g.LoadProvisioning(dir); err == nil || !strings.Contains(err.Error(), "notificationSettings") {
		t.Fatalf("LoadProvisioning() = %v; a misspelt field would be dropped by Grafana", err)
	}
}

func TestARuleFileWithoutUIDIsRefused(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "alerting/rules.yaml", strings.Replace(fileRules, "      - uid: r1\n        title", "      - title", 1))
	if err := start(t).LoadProvisioning(dir); err == nil || !strings.Contains(err.Error(), "no UID set") {
		t.Fatalf("LoadProvisioning() = %v", err)
	}
}
