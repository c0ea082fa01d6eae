package simulator

import (
	"net/http"
	"sort"
	"strings"
	"testing"
)

// seriesOf splits an exposition into its sample lines, without comments, sorted.
func seriesOf(body string) []string {
	var lines []string
	for _, l := range strings.Split(body, "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	sort.Strings(lines)
	return lines
}

// withWorkspaceLabels gives a workspace's bare line the labels its agent attaches, in the
// exposition's order (they come first).
func withWorkspaceLabels(line, prefix string) string {
	name, rest, _ := strings.Cut(line, " ")
	if n, labels, ok := strings.Cut(name, "{"); ok {
		return n + "{" + prefix + "," + labels + " " + rest
	}
	return name + "{" + prefix + "} " + rest
}

func TestScopesPartitionTheCentralExposition(t *testing.T) {
	srv := faultServer(t)
	_, _, all := call(t, srv, http.MethodGet, "/metrics", "")
	_, _, platform := call(t, srv, http.MethodGet, "/metrics/platform", "")
	_, _, agents := call(t, srv, http.MethodGet, "/metrics/agents", "")
	p, err := NewPlatform(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var union []string
	union = append(union, seriesOf(platform)...)
	union = append(union, seriesOf(agents)...)
	for _, ws := range p.Workspaces {
		status, contentType, body := call(t, srv, http.MethodGet, "/metrics/workspaces/"+ws.ID, "")
		if status != http.StatusOK || !strings.HasPrefix(contentType, "text/plain") {
			t.Fatalf("%s: %d %s", ws.ID, status, contentType)
		}
		// A real agent exposes its own remote-write series: a copy on its workspace's page would double them.
		if strings.Contains(body, "workspace_id=") || strings.Contains(body, "hexabase_vcluster_info") || strings.Contains(body, "node_") ||
			strings.Contains(body, "prometheus_remote_storage") {
			t.Fatalf("%s: the workspace's own exposition holds what its agent or the platform adds:\n%s", ws.ID, body)
		}
		prefix := `workspace_id="` + ws.ID + `",plan_type="` + ws.Plan + `",cluster_id="` + ws.ClusterID + `"`
		for _, l := range seriesOf(body) {
			union = append(union, withWorkspaceLabels(l, prefix))
		}
	}
	sort.Strings(union)
	if got, want := strings.Join(union, "\n"), strings.Join(seriesOf(all), "\n"); got != want {
		t.Fatalf("the platform's, the agents' and every workspace's expositions are not the central one:\ngot %d lines, want %d", len(union), len(seriesOf(all)))
	}
	if strings.Contains(platform, "hexabase_http_requests_total") || !strings.Contains(platform, "hexabase_vcluster_info{") || !strings.Contains(platform, "node_cpu_seconds_total{") {
		t.Fatalf("the platform's exposition is not the hosts and the inventory:\n%.400s", platform)
	}
	if strings.Contains(platform, "prometheus_remote_storage") || strings.Contains(agents, "hexabase_") || strings.Contains(agents, "node_") ||
		!strings.Contains(agents, `prometheus_remote_storage_samples_total{workspace_id="ws-0001",plan_type="shared",cluster_id="cluster-a",remote_name="workspace"} `) {
		t.Fatalf("the agents' exposition is not the agents' remote-write series alone:\n%.400s", agents)
	}
}

func TestUnknownWorkspaceExpositionIsNotFound(t *testing.T) {
	srv := faultServer(t)
	status, _, body := call(t, srv, http.MethodGet, "/metrics/workspaces/ws-9999", "")
	if status != http.StatusNotFound || body != `{"error":"id: no workspace of the simulated platform has this id"}`+"\n" {
		t.Fatalf("%d %s", status, body)
	}
}
