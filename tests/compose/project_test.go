package compose

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// mainFile is the compose file `docker compose` reads from the repository root.
const mainFile = "docker-compose.yaml"

// repoRoot is the repository root, two levels above this package.
var repoRoot = func() string {
	abs, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		panic(err)
	}
	return abs
}()

// composeFile is one compose file, interpolated the way compose does with an empty environment.
type composeFile struct {
	path string // slash-separated, relative to the repository root
	doc  map[string]any
}

func (f *composeFile) dir() string { return path.Dir(f.path) }

func (f *composeFile) services() map[string]any { return asMap(f.doc["services"]) }

// project holds the main compose file and every file its services extend.
type project struct {
	files map[string]*composeFile
	main  *composeFile
}

func loadProject(t *testing.T) *project {
	t.Helper()
	p := &project{files: map[string]*composeFile{}}
	main, err := p.load(mainFile)
	if err != nil {
		t.Fatal(err)
	}
	p.main = main
	return p
}

// load reads a compose file and, recursively, the files its services extend.
func (p *project) load(rel string) (*composeFile, error) {
	if f, ok := p.files[rel]; ok {
		return f, nil
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(rel)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not YAML: %w", rel, err)
	}
	interpolated, err := interpolateAll(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	f := &composeFile{path: rel, doc: interpolated.(map[string]any)}
	p.files[rel] = f
	for _, name := range sortedKeys(f.services()) {
		if file, _ := extendsOf(asMap(f.services()[name])); file != "" {
			if _, err := p.load(path.Join(f.dir(), file)); err != nil {
				return nil, fmt.Errorf("%s: services.%s.extends.file: %w", rel, name, err)
			}
		}
	}
	return f, nil
}

// sortedFiles lists the loaded files, the main one first.
func (p *project) sortedFiles() []*composeFile {
	out := []*composeFile{p.main}
	for _, rel := range sortedKeys(p.files) {
		if rel != p.main.path {
			out = append(out, p.files[rel])
		}
	}
	return out
}

// extendsOf returns the file ("" for the same file) and service a service extends.
func extendsOf(svc map[string]any) (file, service string) {
	switch e := svc["extends"].(type) {
	case string:
		return "", e
	case map[string]any:
		file, _ = e["file"].(string)
		service, _ = e["service"].(string)
	}
	return file, service
}

// service returns a service of the main file as compose runs it: extends merged, build.context
// resolved to a repository-relative path.
func (p *project) service(name string) (map[string]any, error) {
	return p.serviceIn(p.main, name, 0)
}

func (p *project) serviceIn(f *composeFile, name string, depth int) (map[string]any, error) {
	if depth > 10 {
		return nil, fmt.Errorf("%s: services.%s: extends cycle", f.path, name)
	}
	raw, ok := f.services()[name]
	if !ok {
		return nil, fmt.Errorf("%s: no service %q", f.path, name)
	}
	svc := normalize(deepCopy(raw).(map[string]any), f.dir())
	file, base := extendsOf(svc)
	delete(svc, "extends")
	if base == "" {
		return svc, nil
	}
	from := f
	if file != "" {
		from = p.files[path.Join(f.dir(), file)]
	}
	parent, err := p.serviceIn(from, base, depth+1)
	if err != nil {
		return nil, err
	}
	return mergeMaps(parent, svc), nil
}

// normalize turns list forms into maps and resolves build.context and bind sources against dir.
func normalize(svc map[string]any, dir string) map[string]any {
	for _, key := range []string{"environment", "labels"} {
		if v, ok := svc[key]; ok {
			svc[key] = listOrDict(v)
		}
	}
	if b, ok := svc["build"].(string); ok {
		svc["build"] = map[string]any{"context": b}
	}
	if b, ok := svc["build"].(map[string]any); ok {
		if args, ok := b["args"]; ok {
			b["args"] = listOrDict(args)
		}
		if ctx, ok := b["context"].(string); ok && !isRemote(ctx) {
			b["context"] = path.Join(dir, ctx)
		}
	}
	if volumes, ok := svc["volumes"].([]any); ok {
		for i, v := range volumes {
			if kind, source := volumeSource(v); kind == "bind" && !strings.HasPrefix(source, "/") && !strings.HasPrefix(source, "~") {
				volumes[i] = rebind(v, source, "./"+path.Join(dir, source))
			}
		}
	}
	if deps, ok := svc["depends_on"].([]any); ok {
		m := map[string]any{}
		for _, d := range deps {
			m[fmt.Sprint(d)] = map[string]any{"condition": "service_started"}
		}
		svc["depends_on"] = m
	}
	return svc
}

// listOrDict turns ["K=V", "K"] into {K: V, K: nil}; maps pass through.
func listOrDict(v any) map[string]any {
	if m, ok := v.(map[string]any); ok {
		return m
	}
	m := map[string]any{}
	list, _ := v.([]any)
	for _, item := range list {
		k, val, found := strings.Cut(fmt.Sprint(item), "=")
		if found {
			m[k] = val
		} else {
			m[k] = nil
		}
	}
	return m
}

// appendedLists are the sequences compose concatenates when a service extends another.
var appendedLists = map[string]bool{
	"ports": true, "expose": true, "volumes": true, "env_file": true, "dns": true,
	"dns_search": true, "cap_add": true, "cap_drop": true, "security_opt": true, "tmpfs": true,
}

// mergeMaps merges over onto base: maps recursively, appendedLists concatenated, the rest replaced.
func mergeMaps(base, over map[string]any) map[string]any {
	out := deepCopy(base).(map[string]any)
	for k, v := range over {
		switch ov := v.(type) {
		case map[string]any:
			if bv, ok := out[k].(map[string]any); ok {
				out[k] = mergeMaps(bv, ov)
				continue
			}
		case []any:
			if bv, ok := out[k].([]any); ok && appendedLists[k] {
				out[k] = append(append([]any{}, bv...), ov...)
				continue
			}
		}
		out[k] = deepCopy(v)
	}
	return out
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, val := range x {
			m[k] = deepCopy(val)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, val := range x {
			l[i] = deepCopy(val)
		}
		return l
	}
	return v
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func isRemote(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, "git@")
}

// rebind replaces the host path of a bind volume.
func rebind(v any, from, to string) any {
	if m, ok := v.(map[string]any); ok {
		m["source"] = to
		return m
	}
	return to + strings.TrimPrefix(fmt.Sprint(v), from)
}

// containerPorts returns the ports a service listens on, from the container side of ports and expose.
func containerPorts(svc map[string]any) map[int]bool {
	out := map[int]bool{}
	var specs []string
	ports, _ := svc["ports"].([]any)
	for _, p := range ports {
		if m, ok := p.(map[string]any); ok {
			specs = append(specs, fmt.Sprint(m["target"]))
			continue
		}
		parts := strings.Split(fmt.Sprint(p), ":")
		specs = append(specs, parts[len(parts)-1])
	}
	expose, _ := svc["expose"].([]any)
	for _, e := range expose {
		specs = append(specs, fmt.Sprint(e))
	}
	for _, spec := range specs {
		spec, _, _ = strings.Cut(spec, "/")
		lo, hi, isRange := strings.Cut(spec, "-")
		from, err := strconv.Atoi(lo)
		if err != nil {
			continue
		}
		to := from
		if isRange {
			to, _ = strconv.Atoi(hi)
		}
		for port := from; port <= to; port++ {
			out[port] = true
		}
	}
	return out
}

func sortedPorts(ports map[int]bool) []int {
	var out []int
	for p := range ports {
		out = append(out, p)
	}
	sort.Ints(out)
	return out
}

// volumeSource classifies a service volume: "bind" with a host path, "volume" with a volume name
// ("" when anonymous), or "" for other mount types.
func volumeSource(v any) (kind, source string) {
	if m, ok := v.(map[string]any); ok {
		kind, _ = m["type"].(string)
		source, _ = m["source"].(string)
		if kind != "bind" && kind != "volume" {
			return "", ""
		}
		return kind, source
	}
	parts := strings.Split(fmt.Sprint(v), ":")
	if len(parts) == 1 {
		return "volume", ""
	}
	if src := parts[0]; strings.HasPrefix(src, ".") || strings.HasPrefix(src, "/") || strings.HasPrefix(src, "~") {
		return "bind", src
	}
	return "volume", parts[0]
}
