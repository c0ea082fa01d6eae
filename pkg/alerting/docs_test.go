package alerting

import (
	"os"
	"strings"
	"testing"
)

func TestEveryAlertHasARunbookSection(t *testing.T) {
	raw, err := os.ReadFile("../../docs/runbooks.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range AllAlerts(Defaults()) {
		if !strings.Contains(string(raw), "\n## "+a.Name+"\n") {
			t.Errorf("docs/runbooks.md has no section for %s (its runbook_url points there)", a.Name)
		}
	}
}

func TestAlertTableRow(t *testing.T) {
	table := AlertTableMarkdown(Defaults())
	want := "| [vClusterDown](docs/runbooks.md#vclusterdown) | vCluster {vcluster_name} is down | `"
	if !strings.Contains(table, want) || !strings.Contains(table, "| 1m | critical | Hexabase webhook, Hexabase critical, Hexabase vCluster ops |") {
		t.Fatalf("table lacks the vClusterDown row:\n%s", table)
	}
	if strings.Count(table, "\n") != 2+len(AllAlerts(Defaults())) {
		t.Fatalf("table has %d lines, want a header and one row per alert", strings.Count(table, "\n"))
	}
}
