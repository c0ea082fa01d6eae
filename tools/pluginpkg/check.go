package main

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/Masterminds/semver/v3"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

// Grafana's plugin.json schema (grafana/grafana docs/sources/developers/plugins/plugin.schema.json).
//
//go:embed plugin.schema.json
var pluginSchemaJSON []byte

// schemaURL names the embedded schema in error messages, independent of where the repo lives.
const schemaURL = "https://grafana.com/plugin.schema.json"

// Platforms for which `mage buildAll` builds an executable, as Grafana names them.
var platforms = []string{"linux_amd64", "linux_arm64", "linux_arm", "darwin_amd64", "darwin_arm64", "windows_amd64.exe"}

// Grafana versions the app promises to run on, and ones it must refuse. Pre-release builds of the
// floor count: Grafana Cloud and nightly builds are versioned like 12.3.0-123123.
var (
	mustAdmit  = []string{"12.3.0", "12.3.0-12345", "12.4.0", "13.0.0-12345", "13.0.0", "13.1.0"}
	mustRefuse = []string{"12.2.0", "12.2.0-12345"}
)

// Core datasources (grafana/grafana public/app/plugins/datasource): plugin.schema.json asks to declare only the others.
var coreDatasources = map[string]bool{
	"prometheus": true, "loki": true, "jaeger": true, "tempo": true, "elasticsearch": true,
	"graphite": true, "influxdb": true, "mysql": true, "grafana-postgresql-datasource": true,
	"mssql": true, "cloudwatch": true, "grafana-azure-monitor-datasource": true,
	"stackdriver": true, "zipkin": true, "opentsdb": true, "grafana-pyroscope-datasource": true,
	"grafana-testdata-datasource": true, "alertmanager": true, "parca": true,
}

var (
	idPattern      = regexp.MustCompile(`^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$`)
	semverPattern  = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)
	datePattern    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	exePattern     = regexp.MustCompile(`^gpx_[a-z0-9_]+$`)
	requiredAssets = []string{"module.js", "README.md", "LICENSE", "CHANGELOG.md"}
)

type pluginJSON struct {
	ID         string `json:"id"`
	Type       string `json:"type"`
	Backend    bool   `json:"backend"`
	Executable string `json:"executable"`
	Info       struct {
		Version string `json:"version"`
		Updated string `json:"updated"`
		Logos   struct {
			Small string `json:"small"`
			Large string `json:"large"`
		} `json:"logos"`
	} `json:"info"`
	Languages    []string `json:"languages"`
	Dependencies struct {
		GrafanaDependency string             `json:"grafanaDependency"`
		Plugins           []pluginDependency `json:"plugins"`
	} `json:"dependencies"`
}

// pluginDependency is one entry of dependencies.plugins: the installer installs it by id.
type pluginDependency struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Name string `json:"name"`
}

// Check validates a packaged plugin zip against Grafana's schema and the rules Grafana's loader
// and installer apply; it returns every problem found, each naming the file or field.
func Check(zipBytes []byte, wantVersion string) []string {
	zr, err := zip.NewReader(bytes.NewReader(zipBytes), int64(len(zipBytes)))
	if err != nil {
		return []string{"zip: " + err.Error()}
	}
	files := map[string]*zip.File{}
	var problems []string
	root := ""
	for _, f := range zr.File {
		top, _, _ := strings.Cut(f.Name, "/")
		if root == "" {
			root = top
		}
		if top != root || !strings.Contains(f.Name, "/") {
			problems = append(problems, fmt.Sprintf("zip: %q is outside the single top-level folder %q", f.Name, root))
			continue
		}
		files[strings.TrimPrefix(f.Name, root+"/")] = f
	}
	pj, ok := files["plugin.json"]
	if !ok {
		return append(problems, "zip: no plugin.json in "+root+"/")
	}
	raw, err := readAll(pj)
	if err != nil {
		return append(problems, "plugin.json: "+err.Error())
	}
	problems = append(problems, schemaProblems(raw)...)
	var meta pluginJSON
	if err := json.Unmarshal(raw, &meta); err != nil {
		return append(problems, "plugin.json: "+err.Error())
	}
	problems = append(problems, metadataProblems(meta, root, wantVersion)...)
	problems = append(problems, assetProblems(meta, files)...)
	return problems
}

func schemaProblems(raw []byte) []string {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(pluginSchemaJSON))
	if err != nil {
		return []string{"plugin.schema.json: " + err.Error()}
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaURL, doc); err != nil {
		return []string{"plugin.schema.json: " + err.Error()}
	}
	schema, err := c.Compile(schemaURL)
	if err != nil {
		return []string{"plugin.schema.json: " + err.Error()}
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return []string{"plugin.json: " + err.Error()}
	}
	if err := schema.Validate(inst); err != nil {
		return []string{"plugin.json does not match Grafana's schema: " + strings.ReplaceAll(err.Error(), "\n", " ")}
	}
	return nil
}

func metadataProblems(meta pluginJSON, root, wantVersion string) []string {
	var p []string
	if !idPattern.MatchString(meta.ID) {
		p = append(p, fmt.Sprintf("plugin.json id %q: must match %s", meta.ID, idPattern))
	} else if !strings.HasSuffix(meta.ID, "-"+meta.Type) {
		p = append(p, fmt.Sprintf("plugin.json id %q: must end with its type %q", meta.ID, meta.Type))
	}
	if root != meta.ID {
		p = append(p, fmt.Sprintf("zip: top-level folder %q must be the plugin id %q", root, meta.ID))
	}
	if !semverPattern.MatchString(meta.Info.Version) {
		p = append(p, fmt.Sprintf("plugin.json info.version %q: must be a semantic version (was %%VERSION%% replaced?)", meta.Info.Version))
	} else if wantVersion != "" && meta.Info.Version != wantVersion {
		p = append(p, fmt.Sprintf("plugin.json info.version %q: must equal package.json version %q", meta.Info.Version, wantVersion))
	}
	if !datePattern.MatchString(meta.Info.Updated) {
		p = append(p, fmt.Sprintf("plugin.json info.updated %q: must be a YYYY-MM-DD date (was %%TODAY%% replaced?)", meta.Info.Updated))
	}
	if meta.Backend && !exePattern.MatchString(meta.Executable) {
		p = append(p, fmt.Sprintf("plugin.json executable %q: a backend plugin needs an executable named gpx_<name>", meta.Executable))
	}
	p = append(p, dependencyProblems(meta.Dependencies.GrafanaDependency)...)
	return append(p, pluginDependencyProblems(meta.Dependencies.Plugins, usedDatasourceTypes())...)
}

// usedDatasourceTypes are the plugin types of the datasources the app's pages read (pkg/settings).
func usedDatasourceTypes() []string {
	types := make([]string, 0, len(settings.DatasourceKinds))
	for _, kind := range settings.DatasourceKinds {
		types = append(types, settings.DatasourceTypes[kind])
	}
	return types
}

// grafana/grafana pkg/plugins/manager/installer.go: installing a plugin also installs each dependencies.plugins id.
func pluginDependencyProblems(declared []pluginDependency, used []string) []string {
	byID := map[string]pluginDependency{}
	for _, d := range declared {
		byID[d.ID] = d
	}
	var p []string
	for _, id := range used {
		if coreDatasources[id] {
			continue
		}
		d, ok := byID[id]
		switch {
		case !ok:
			p = append(p, fmt.Sprintf("plugin.json dependencies.plugins: the app reads %s datasources; declare {\"id\": %q, \"type\": \"datasource\", \"name\": ...} so that Grafana installs it with the app", id, id))
		case d.Type != "datasource":
			p = append(p, fmt.Sprintf("plugin.json dependencies.plugins %q: type %q, must be \"datasource\"", id, d.Type))
		case strings.TrimSpace(d.Name) == "":
			p = append(p, fmt.Sprintf("plugin.json dependencies.plugins %q: needs the name Grafana shows for it", id))
		}
	}
	return p
}

func dependencyProblems(constraint string) []string {
	c, err := semver.NewConstraint(constraint)
	if err != nil {
		return []string{fmt.Sprintf("plugin.json dependencies.grafanaDependency %q: %v", constraint, err)}
	}
	// grafana/grafana public/app/features/plugins/admin/components/InstallControls/InstallControls.tsx: satisfies(version, grafanaDependency, { includePrerelease: true }).
	c.IncludePrerelease = true
	var p []string
	for _, v := range mustAdmit {
		if !c.Check(semver.MustParse(v)) {
			p = append(p, fmt.Sprintf("plugin.json dependencies.grafanaDependency %q: must admit Grafana %s", constraint, v))
		}
	}
	for _, v := range mustRefuse {
		if c.Check(semver.MustParse(v)) {
			p = append(p, fmt.Sprintf("plugin.json dependencies.grafanaDependency %q: must refuse Grafana %s", constraint, v))
		}
	}
	return p
}

func assetProblems(meta pluginJSON, files map[string]*zip.File) []string {
	var p []string
	need := append([]string{}, requiredAssets...)
	need = append(need, meta.Info.Logos.Small, meta.Info.Logos.Large)
	for _, lang := range meta.Languages {
		need = append(need, path.Join("locales", lang, meta.ID+".json"))
	}
	for _, name := range need {
		if _, ok := files[name]; !ok {
			p = append(p, "zip: missing "+name)
		}
	}
	if !meta.Backend {
		return p
	}
	for _, platform := range platforms {
		name := meta.Executable + "_" + platform
		f, ok := files[name]
		switch {
		case !ok:
			p = append(p, "zip: missing executable "+name)
		case !strings.HasSuffix(name, ".exe") && f.Mode().Perm()&0o111 == 0:
			p = append(p, "zip: executable "+name+" is not marked executable")
		}
	}
	return p
}

func readAll(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}
