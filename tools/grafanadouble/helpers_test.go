package grafanadouble

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

const repoPluginJSON = "../../src/plugin.json"

// start runs a double for the repo's plugin.json with the app's service account enabled.
func start(t *testing.T, mutate ...func(*Options)) *Grafana {
	t.Helper()
	opts := Options{PluginJSON: repoPluginJSON, ExternalServiceAccounts: true, ManagedServiceAccounts: true}
	for _, m := range mutate {
		m(&opts)
	}
	g, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(g.Close)
	return g
}

// withIAM replaces plugin.json by one declaring exactly these permissions.
func withIAM(t *testing.T, perms ...Permission) func(*Options) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plugin.json")
	raw, _ := json.Marshal(map[string]any{"id": "hexabase-monitoring-app", "iam": map[string]any{"permissions": perms}})
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return func(o *Options) { o.PluginJSON = path }
}

type answer struct {
	status int
	body   map[string]any
	list   []map[string]any
	raw    string
}

// call sends one request with a bearer token ("" for the session user) and extra headers.
func call(t *testing.T, g *Grafana, token, method, path string, body any, headers ...string) answer {
	t.Helper()
	var reader io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, g.URL+path, reader)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	a := answer{status: res.StatusCode, raw: string(raw)}
	if json.Unmarshal(raw, &a.body) != nil {
		_ = json.Unmarshal(raw, &a.list)
	}
	return a
}

func noProvenance() []string { return []string{"X-Disable-Provenance", "true"} }
