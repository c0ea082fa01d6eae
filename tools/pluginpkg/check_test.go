package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func validPluginJSON() map[string]any {
	return map[string]any{
		"type": "app", "name": "Hexabase.AI Monitoring", "id": "hexabase-monitoring-app",
		"backend": true, "executable": "gpx_hexabase_monitoring",
		"info": map[string]any{
			"keywords": []string{"app"}, "version": "0.1.0", "updated": "2026-11-24",
			"logos": map[string]any{"small": "img/logo.svg", "large": "img/logo.svg"},
		},
		"languages": []string{"en-US", "ja-JP"},
		"dependencies": map[string]any{
			"grafanaDependency": ">=12.3.0-0",
			"plugins":           []any{map[string]any{"id": "grafana-clickhouse-datasource", "type": "datasource", "name": "ClickHouse"}},
		},
	}
}

// writeDist lays out a built plugin folder; edit may change plugin.json or the file list.
func writeDist(t *testing.T, edit func(meta map[string]any, files map[string]string)) string {
	t.Helper()
	meta := validPluginJSON()
	files := map[string]string{
		"module.js": "x", "README.md": "x", "LICENSE": "x", "CHANGELOG.md": "x", "img/logo.svg": "<svg/>",
		"locales/en-US/hexabase-monitoring-app.json": "{}", "locales/ja-JP/hexabase-monitoring-app.json": "{}",
	}
	for _, p := range platforms {
		files["gpx_hexabase_monitoring_"+p] = "binary"
	}
	if edit != nil {
		edit(meta, files)
	}
	raw, _ := json.Marshal(meta)
	files["plugin.json"] = string(raw)
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func zipOf(t *testing.T, dist, root string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "p.zip")
	if err := Zip(dist, root, out); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestCheck(t *testing.T) {
	info := func(m map[string]any) map[string]any { return m["info"].(map[string]any) }
	deps := func(m map[string]any) map[string]any { return m["dependencies"].(map[string]any) }
	tests := []struct {
		name string
		edit func(meta map[string]any, files map[string]string)
		root string
		want []string
	}{
		{name: "valid package", want: nil},
		{
			name: "placeholder version left in",
			edit: func(m map[string]any, _ map[string]string) { info(m)["version"] = "%VERSION%" },
			want: []string{`plugin.json info.version "%VERSION%": must be a semantic version (was %VERSION% replaced?)`},
		},
		{
			name: "version differs from package.json",
			edit: func(m map[string]any, _ map[string]string) { info(m)["version"] = "0.2.0" },
			want: []string{`plugin.json info.version "0.2.0": must equal package.json version "0.1.0"`},
		},
		{
			name: "placeholder date left in",
			edit: func(m map[string]any, _ map[string]string) { info(m)["updated"] = "%TODAY%" },
			want: []string{`plugin.json info.updated "%TODAY%": must be a YYYY-MM-DD date (was %TODAY% replaced?)`},
		},
		{
			name: "missing arm64 executable",
			edit: func(_ map[string]any, f map[string]string) { delete(f, "gpx_hexabase_monitoring_linux_arm64") },
			want: []string{"zip: missing executable gpx_hexabase_monitoring_linux_arm64"},
		},
		{
			name: "id with a wrong type suffix",
			edit: func(m map[string]any, _ map[string]string) { m["id"] = "hexabase-monitoring-panel" },
			root: "hexabase-monitoring-panel",
			want: []string{
				`plugin.json id "hexabase-monitoring-panel": must end with its type "app"`,
				"zip: missing locales/en-US/hexabase-monitoring-panel.json",
				"zip: missing locales/ja-JP/hexabase-monitoring-panel.json",
			},
		},
		{
			name: "id breaking the pattern",
			edit: func(m map[string]any, _ map[string]string) { m["id"] = "Hexabase_app" },
			root: "Hexabase_app",
			want: []string{
				`plugin.json does not match Grafana's schema: jsonschema validation failed with 'https://grafana.com/plugin.schema.json#' - at '/id': 'Hexabase_app' does not match pattern '^[0-9a-z]+\\-([0-9a-z]+\\-)?(app|panel|datasource)$'`,
				`plugin.json id "Hexabase_app": must match ^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$`,
				"zip: missing locales/en-US/Hexabase_app.json",
				"zip: missing locales/ja-JP/Hexabase_app.json",
			},
		},
		{
			name: "top folder is not the id",
			root: "dist",
			want: []string{`zip: top-level folder "dist" must be the plugin id "hexabase-monitoring-app"`},
		},
		{
			name: "executable without the gpx_ prefix",
			edit: func(m map[string]any, f map[string]string) {
				m["executable"] = "monitoring"
				for _, p := range platforms {
					f["monitoring_"+p] = "binary"
				}
			},
			want: []string{
				`plugin.json executable "monitoring": a backend plugin needs an executable named gpx_<name>`,
				"zip: executable monitoring_linux_amd64 is not marked executable",
				"zip: executable monitoring_linux_arm64 is not marked executable",
				"zip: executable monitoring_linux_arm is not marked executable",
				"zip: executable monitoring_darwin_amd64 is not marked executable",
				"zip: executable monitoring_darwin_arm64 is not marked executable",
			},
		},
		{
			name: "grafanaDependency that drops 12.3",
			edit: func(m map[string]any, _ map[string]string) { deps(m)["grafanaDependency"] = ">=13.0.0" },
			want: []string{
				`plugin.json dependencies.grafanaDependency ">=13.0.0": must admit Grafana 12.3.0`,
				`plugin.json dependencies.grafanaDependency ">=13.0.0": must admit Grafana 12.3.0-12345`,
				`plugin.json dependencies.grafanaDependency ">=13.0.0": must admit Grafana 12.4.0`,
				`plugin.json dependencies.grafanaDependency ">=13.0.0": must admit Grafana 13.0.0-12345`,
			},
		},
		{
			// node-semver with includePrerelease, as Grafana's catalog checks it: 12.3.0-12345 sorts below 12.3.0.
			name: "grafanaDependency that refuses pre-release builds of the floor",
			edit: func(m map[string]any, _ map[string]string) { deps(m)["grafanaDependency"] = ">=12.3.0" },
			want: []string{`plugin.json dependencies.grafanaDependency ">=12.3.0": must admit Grafana 12.3.0-12345`},
		},
		{
			name: "grafanaDependency that admits 12.2",
			edit: func(m map[string]any, _ map[string]string) { deps(m)["grafanaDependency"] = ">=12.2.0-0" },
			want: []string{
				`plugin.json dependencies.grafanaDependency ">=12.2.0-0": must refuse Grafana 12.2.0`,
				`plugin.json dependencies.grafanaDependency ">=12.2.0-0": must refuse Grafana 12.2.0-12345`,
			},
		},
		{
			name: "ClickHouse datasource not declared",
			edit: func(m map[string]any, _ map[string]string) { deps(m)["plugins"] = []any{} },
			want: []string{`plugin.json dependencies.plugins: the app reads grafana-clickhouse-datasource datasources; declare {"id": "grafana-clickhouse-datasource", "type": "datasource", "name": ...} so that Grafana installs it with the app`},
		},
		{
			name: "ClickHouse declared as a panel, without a name",
			edit: func(m map[string]any, _ map[string]string) {
				deps(m)["plugins"] = []any{
					map[string]any{"id": "grafana-clickhouse-datasource", "type": "panel", "name": "ClickHouse"},
					map[string]any{"id": "grafana-clock-panel", "type": "panel", "name": ""},
				}
			},
			want: []string{`plugin.json dependencies.plugins "grafana-clickhouse-datasource": type "panel", must be "datasource"`},
		},
		{
			name: "declared language without its locale file",
			edit: func(_ map[string]any, f map[string]string) { delete(f, "locales/ja-JP/hexabase-monitoring-app.json") },
			want: []string{"zip: missing locales/ja-JP/hexabase-monitoring-app.json"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tt.root
			if root == "" {
				root = "hexabase-monitoring-app"
			}
			got := Check(zipOf(t, writeDist(t, tt.edit), root), "0.1.0")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("Check() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestCheckRefusesUnknownPluginJSONFields(t *testing.T) {
	dist := writeDist(t, func(m map[string]any, _ map[string]string) { m["exectuable"] = "gpx_x" })
	got := Check(zipOf(t, dist, "hexabase-monitoring-app"), "0.1.0")
	if len(got) != 1 || !strings.HasPrefix(got[0], "plugin.json does not match Grafana's schema:") || !strings.Contains(got[0], "exectuable") {
		t.Fatalf("Check() = %q, want one schema problem naming exectuable", got)
	}
}

func TestZipMarksExecutables(t *testing.T) {
	data := zipOf(t, writeDist(t, nil), "hexabase-monitoring-app")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		isUnixExe := strings.Contains(f.Name, "/gpx_") && !strings.HasSuffix(f.Name, ".exe")
		if got := f.Mode().Perm()&0o111 != 0; got != isUnixExe {
			t.Errorf("%s executable bit = %v, want %v", f.Name, got, isUnixExe)
		}
	}
}

func TestCheckFlagsFilesOutsideTheRoot(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"hexabase-monitoring-app/plugin.json", "stray.txt"} {
		w, _ := zw.Create(name)
		raw, _ := json.Marshal(validPluginJSON())
		_, _ = w.Write(raw)
	}
	_ = zw.Close()
	got := Check(buf.Bytes(), "0.1.0")
	if len(got) == 0 || got[0] != `zip: "stray.txt" is outside the single top-level folder "hexabase-monitoring-app"` {
		t.Fatalf("Check() = %q", got)
	}
}

func TestPluginDependenciesCoverExternalDatasourcesOnly(t *testing.T) {
	used := []string{"prometheus", "loki", "jaeger", "grafana-clickhouse-datasource"}
	if got := pluginDependencyProblems(nil, []string{"prometheus", "loki", "jaeger"}); got != nil {
		t.Fatalf("core datasources need no declaration, got %q", got)
	}
	nameless := []pluginDependency{{ID: "grafana-clickhouse-datasource", Type: "datasource", Name: " "}}
	want := `plugin.json dependencies.plugins "grafana-clickhouse-datasource": needs the name Grafana shows for it`
	if got := pluginDependencyProblems(nameless, used); strings.Join(got, "\n") != want {
		t.Fatalf("pluginDependencyProblems() = %q, want %q", got, want)
	}
	if got := usedDatasourceTypes(); strings.Join(got, ",") != strings.Join(used, ",") {
		t.Fatalf("usedDatasourceTypes() = %q, want %q (pkg/settings)", got, used)
	}
}

// The repository's plugin.json, as the build copies it into dist/, meets the dependency rules.
func TestRepositoryPluginJSONDependencies(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "src", "plugin.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta pluginJSON
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatal(err)
	}
	got := append(dependencyProblems(meta.Dependencies.GrafanaDependency),
		pluginDependencyProblems(meta.Dependencies.Plugins, usedDatasourceTypes())...)
	if len(got) > 0 {
		t.Fatalf("src/plugin.json: %q", got)
	}
}
