package compose

import (
	"fmt"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

// datasourceDir is where Grafana's datasource provisioning files are, mounted by the base file.
const datasourceDir = "provisioning/datasources"

// links are the jsonData fields, per datasource type, that must point at another datasource.
var links = map[string][]string{
	"prometheus": {"exemplarTraceIdDestinations"},
	"loki":       {"derivedFields"},
	"jaeger":     {"tracesToLogsV2", "tracesToMetrics"},
}

type provisionedDatasource struct {
	file  string
	index int
	ds    map[string]any
}

func (d provisionedDatasource) where() string {
	return fmt.Sprintf("%s: datasources[%d] (%v)", d.file, d.index, d.ds["name"])
}

func loadDatasources(t *testing.T) []provisionedDatasource {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(repoRoot, datasourceDir, "*.y*ml"))
	if len(files) == 0 {
		t.Fatalf("%s: no provisioning files", datasourceDir)
	}
	var out []provisionedDatasource
	for _, file := range files {
		rel := path.Join(datasourceDir, filepath.Base(file))
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			APIVersion  int              `yaml:"apiVersion"`
			Datasources []map[string]any `yaml:"datasources"`
		}
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if doc.APIVersion != 1 {
			t.Errorf("%s: apiVersion is %d, want 1", rel, doc.APIVersion)
		}
		for i, ds := range doc.Datasources {
			out = append(out, provisionedDatasource{file: rel, index: i, ds: ds})
		}
	}
	return out
}

// The defaults reach services that always run; a datasource of a compose profile's service is an
// alternative the user picks on the configuration page, under its own uid.
func TestDatasourcesMatchTheAppsDefaults(t *testing.T) {
	p := loadProject(t)
	seen := map[settings.DatasourceKind]string{}
	for _, d := range loadDatasources(t) {
		uid, typ := fmt.Sprint(d.ds["uid"]), fmt.Sprint(d.ds["type"])
		profiles := datasourceProfiles(p, d.ds)
		kind, ok := kindOfUID(uid)
		switch {
		case !ok && len(profiles) == 0:
			t.Errorf("%s: uid %q is none of settings.DefaultDatasourceUIDs", d.where(), uid)
			continue
		case !ok && !slices.Contains(slices.Collect(maps.Values(settings.DatasourceTypes)), typ):
			t.Errorf("%s: type %q is none of settings.DatasourceTypes", d.where(), typ)
			continue
		case !ok:
			continue
		case len(profiles) > 0:
			t.Errorf("%s: the app's default uid %s reaches a service of the profile %v, which `npm run server` does not start", d.where(), uid, profiles)
		}
		if want := settings.DatasourceTypes[kind]; typ != want {
			t.Errorf("%s: uid %s must have type %q (settings.DatasourceTypes), not %q", d.where(), uid, want, typ)
		}
		if prev, dup := seen[kind]; dup {
			t.Errorf("%s: uid %s is provisioned twice (also %s)", d.where(), uid, prev)
		}
		seen[kind] = d.where()
	}
	for _, kind := range settings.DatasourceKinds {
		if _, ok := seen[kind]; !ok {
			t.Errorf("%s: no %s datasource with uid %s", datasourceDir, kind, settings.DefaultDatasourceUIDs[kind])
		}
	}
}

// datasourceProfiles are the compose profiles of the service a datasource connects to.
func datasourceProfiles(p *project, ds map[string]any) []string {
	host, _, _, err := datasourceEndpoint(ds)
	if err != nil {
		return nil
	}
	svc, err := p.service(host)
	if err != nil {
		return nil
	}
	return profilesOf(svc)
}

func kindOfUID(uid string) (settings.DatasourceKind, bool) {
	for kind, u := range settings.DefaultDatasourceUIDs {
		if u == uid {
			return kind, true
		}
	}
	return "", false
}

func TestDatasourcesReachComposeServices(t *testing.T) {
	p := loadProject(t)
	for _, d := range loadDatasources(t) {
		host, port, field, err := datasourceEndpoint(d.ds)
		if err != nil {
			t.Errorf("%s: %s: %v", d.where(), field, err)
			continue
		}
		svc, err := p.service(host)
		if err != nil {
			t.Errorf("%s: %s: host %q is not a service of %s", d.where(), field, host, mainFile)
			continue
		}
		if ports := containerPorts(svc); !ports[port] {
			t.Errorf("%s: %s: service %s does not listen on %d (its ports and expose: %v)", d.where(), field, host, port, sortedPorts(ports))
		}
	}
}

// datasourceEndpoint returns the host and port a datasource connects to, and the field that says so.
func datasourceEndpoint(ds map[string]any) (host string, port int, field string, err error) {
	if ds["type"] == settings.DatasourceTypes[settings.ClickHouse] {
		jd := asMap(ds["jsonData"])
		port, err = strconv.Atoi(fmt.Sprint(jd["port"]))
		if err != nil {
			return "", 0, "jsonData.port", fmt.Errorf("not a port: %v", jd["port"])
		}
		return fmt.Sprint(jd["host"]), port, "jsonData.host:port", nil
	}
	u, err := url.Parse(fmt.Sprint(ds["url"]))
	if err != nil || u.Host == "" {
		return "", 0, "url", fmt.Errorf("%q is not an absolute URL", ds["url"])
	}
	port = map[string]int{"http": 80, "https": 443}[u.Scheme]
	if p := u.Port(); p != "" {
		port, _ = strconv.Atoi(p)
	}
	return u.Hostname(), port, "url", nil
}

func TestDatasourceLinksPointAtProvisionedDatasources(t *testing.T) {
	all := loadDatasources(t)
	uids := map[string]bool{}
	for _, d := range all {
		uids[fmt.Sprint(d.ds["uid"])] = true
	}
	for _, d := range all {
		jd := asMap(d.ds["jsonData"])
		for _, field := range links[fmt.Sprint(d.ds["type"])] {
			if jd[field] == nil {
				t.Errorf("%s: jsonData.%s is missing", d.where(), field)
			}
		}
		walk(jd, "jsonData", func(at string, key string, v any) {
			if key == "datasourceUid" && !uids[fmt.Sprint(v)] {
				t.Errorf("%s: %s is %q, which no provisioned datasource has", d.where(), at, v)
			}
		})
	}
}

var envRef = regexp.MustCompile(`^\{?([A-Za-z_][A-Za-z0-9_]*)\}?`)

// Grafana expands $VAR and ${VAR} in provisioning values: each must be set on the grafana
// service, and Grafana's own ${...} variables must be written $${...}.
func TestDatasourceVariablesAreSetOrEscaped(t *testing.T) {
	svc, err := loadProject(t).service("grafana")
	if err != nil {
		t.Fatal(err)
	}
	env := asMap(svc["environment"])
	for _, d := range loadDatasources(t) {
		walk(d.ds, "", func(at string, _ string, v any) {
			s, ok := v.(string)
			if !ok {
				return
			}
			for i := 0; i < len(s); i++ {
				if s[i] != '$' {
					continue
				}
				if strings.HasPrefix(s[i+1:], "$") {
					i++
					continue
				}
				m := envRef.FindStringSubmatch(s[i+1:])
				switch {
				case m == nil || (strings.HasPrefix(m[0], "{") != strings.HasSuffix(m[0], "}")):
					t.Errorf("%s: %s: %q: Grafana expands $ here; write $$ for a literal $", d.where(), at, s)
				case env[m[1]] == nil || fmt.Sprint(env[m[1]]) == "":
					t.Errorf("%s: %s: $%s is not set on services.grafana.environment (a Grafana variable is written $$)", d.where(), at, m[1])
				}
			}
		})
	}
}

// walk calls fn for every scalar under v, with its dotted path and key.
func walk(v any, at string, fn func(at, key string, v any)) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			walk(x[k], strings.TrimPrefix(at+"."+k, "."), func(a, key string, val any) {
				if key == "" {
					key = k
				}
				fn(a, key, val)
			})
		}
	case []any:
		for i, item := range x {
			walk(item, fmt.Sprintf("%s[%d]", at, i), fn)
		}
	default:
		fn(at, "", v)
	}
}
