//go:build integration

// Package ruler installs the app's recording rules, through the app's backend behind the Grafana
// double, into a real Cortex ruler, and reads them back with Cortex's own API.
package ruler

import (
	"context"
	"debug/buildinfo"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting/ruler"
	"github.com/hexabase/hexabase-monitoring-app/tests/integration/internal/testserver"
	"github.com/hexabase/hexabase-monitoring-app/tools/apphost"
)

const tenant = "platform"

// cortexBinary is $CORTEX_BIN, else where the test command installs Cortex v1.21.1. Cortex's
// protobuf label adapters assume Prometheus' slice labels: a binary built without
// -tags slicelabels (Cortex's Makefile builds with netgo,slicelabels) crashes on the first rule
// with labels, so such a binary is refused up front.
func cortexBinary(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("CORTEX_BIN")
	if bin == "" {
		cache := os.Getenv("XDG_CACHE_HOME")
		if cache == "" {
			home, _ := os.UserHomeDir()
			cache = filepath.Join(home, ".cache")
		}
		bin = filepath.Join(cache, "hexabase-monitoring", "bin", "cortex-v1.21.1")
	}
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatalf("no Cortex binary at %s (set CORTEX_BIN): %v", bin, err)
	}
	for _, s := range info.Settings {
		if s.Key == "-tags" && slices.Contains(strings.Split(s.Value, ","), "slicelabels") {
			return bin
		}
	}
	t.Fatalf("%s was built without -tags slicelabels: Cortex crashes on rules with labels; rebuild it with -tags netgo,slicelabels", bin)
	return ""
}

// startCortex runs Cortex as a ruler alone on loopback for at most limit and returns its URL.
func startCortex(t *testing.T, limit time.Duration) string {
	t.Helper()
	bin := cortexBinary(t)
	config, err := filepath.Abs(filepath.Join("testdata", "cortex.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	httpAddr, grpcAddr := testserver.Address(t), testserver.Address(t)
	port := func(addr string) string { return addr[strings.LastIndex(addr, ":")+1:] }
	testserver.Start(t, limit, nil, bin, "-config.file="+config, "-target=ruler",
		"-server.http-listen-port="+port(httpAddr), "-server.grpc-listen-port="+port(grpcAddr),
		// The ruler's querier needs a store-gateway to name; its queries are not what is tested.
		"-querier.store-gateway-addresses="+grpcAddr,
		"-blocks-storage.filesystem.dir="+filepath.Join(dir, "blocks"), "-blocks-storage.tsdb.dir="+filepath.Join(dir, "tsdb"),
		"-blocks-storage.bucket-store.sync-dir="+filepath.Join(dir, "sync"), "-ruler.rule-path="+filepath.Join(dir, "rules-tmp"),
		"-ruler-storage.filesystem.dir="+filepath.Join(dir, "rules"), "-querier.active-query-tracker-dir="+filepath.Join(dir, "active-queries"),
		// The ruler loads what its storage holds every poll: soon, so that the test sees it run.
		"-ruler.poll-interval=1s",
	).WaitReady(t, "http://"+httpAddr+"/ready", time.Minute)
	return "http://" + httpAddr
}

// namespace reads the app's namespace of a tenant with Cortex's own API: its groups, or the 404.
func namespace(t *testing.T, cortex, tenant string) (map[string][]alerting.PromGroup, int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, cortex+"/api/v1/rules/"+ruler.Namespace, nil)
	req.Header.Set("X-Scope-OrgID", tenant)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out map[string][]alerting.PromGroup
	if res.StatusCode == http.StatusOK {
		if err := yaml.Unmarshal(raw, &out); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
	}
	return out, res.StatusCode, string(raw)
}

// post writes a group into the tenant's namespace directly, as someone editing the ruler would.
func post(t *testing.T, cortex string, g alerting.PromGroup) {
	t.Helper()
	raw, _ := yaml.Marshal(g)
	req, _ := http.NewRequest(http.MethodPost, cortex+"/api/v1/rules/"+ruler.Namespace, strings.NewReader(string(raw)))
	req.Header.Set("X-Scope-OrgID", tenant)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("posting %s: %d", g.Name, res.StatusCode)
	}
}

func actions(a apphost.RecordingRulesAnswer) string {
	var out []string
	for _, c := range a.Result.Changes {
		out = append(out, c.Name+"="+string(c.Action))
	}
	return strings.Join(out, " ")
}

func TestRecordingRulesInstallIntoTheCortexRulerOfThePlatformTenant(t *testing.T) {
	cortex := startCortex(t, 2*time.Minute)
	// The datasource as an operator sets it for Cortex: its legacy prefix, the tenant as a
	// custom header, no Prometheus type (the installer finds the ruler).
	app, err := apphost.Start(apphost.Options{PrometheusURL: cortex + "/api/prom", Tenant: tenant})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	install := func(want string) {
		t.Helper()
		answer, err := app.InstallRecordingRules(ctx)
		if err != nil || answer.Status != http.StatusOK || actions(answer) != want || answer.Result.Ruler != "cortex" {
			t.Fatalf("want %s: %v %+v", want, err, answer)
		}
	}
	every := func(action string) string {
		var out []string
		for _, g := range alerting.RecordingGroups(alerting.Defaults()) {
			out = append(out, g.Name+"="+action)
		}
		return strings.Join(out, " ")
	}
	install(every("created"))
	install(every("unchanged"))

	// A group changed in the ruler is put back; a group the app does not define is removed.
	edited := alerting.RecordingGroups(alerting.Defaults())[0]
	edited.Interval = "1m"
	post(t, cortex, edited)
	post(t, cortex, alerting.PromGroup{Name: "hexabase-old", Interval: "1m", Rules: []alerting.PromRule{{Record: "a:b:c", Expr: "vector(1)"}}})
	install(strings.Replace(every("unchanged"), "hexabase-recording=unchanged", "hexabase-recording=updated", 1) + " hexabase-old=deleted")

	got, status, raw := namespace(t, cortex, tenant)
	// The order in which Cortex lists a namespace's groups is not the order they were written in.
	byName := func(a, b alerting.PromGroup) int { return strings.Compare(a.Name, b.Name) }
	groups := alerting.RecordingGroups(alerting.Defaults())
	slices.SortFunc(groups, byName)
	slices.SortFunc(got[ruler.Namespace], byName)
	want := map[string][]alerting.PromGroup{ruler.Namespace: groups}
	wantYAML, _ := yaml.Marshal(want)
	gotYAML, _ := yaml.Marshal(got)
	if status != http.StatusOK || string(gotYAML) != string(wantYAML) {
		t.Fatalf("the platform tenant's namespace (%d):\n%s\nwant:\n%s", status, raw, wantYAML)
	}
	if _, status, raw := namespace(t, cortex, "workspace-ws-0001"); status != http.StatusNotFound || strings.TrimSpace(raw) != "no rule groups found" {
		t.Fatalf("another tenant sees %d %s", status, raw)
	}
	waitRunning(t, cortex, alerting.GroupRecording, len(alerting.RecordingGroups(alerting.Defaults())[0].Rules), 30*time.Second)
}

// waitRunning waits until the ruler evaluates the group for the tenant, as its Prometheus rules
// API (/prometheus/api/v1/rules) lists it with every rule.
func waitRunning(t *testing.T, cortex, group string, rules int, within time.Duration) {
	t.Helper()
	var last string
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		req, _ := http.NewRequest(http.MethodGet, cortex+"/prometheus/api/v1/rules", nil)
		req.Header.Set("X-Scope-OrgID", tenant)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct {
			Data struct {
				Groups []struct {
					Name  string `json:"name"`
					File  string `json:"file"`
					Rules []any  `json:"rules"`
				} `json:"groups"`
			} `json:"data"`
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		last = string(raw)
		if json.Unmarshal(raw, &body) == nil {
			for _, g := range body.Data.Groups {
				if g.Name == group && g.File == ruler.Namespace && len(g.Rules) == rules {
					return
				}
			}
		}
	}
	t.Fatalf("the ruler does not run %s within %s: %.500s", group, within, last)
}
