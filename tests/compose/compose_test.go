// Package compose checks the dev instance's docker-compose.yaml without Docker: it matches the
// Compose Specification, pins its images, mounts paths that exist, orders its start on health
// checks, and the provisioned datasources reach its services with the UIDs the app expects; the
// scale-out profile's Cortex components, gateway and agents agree with their configuration files.
package compose

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/Masterminds/semver/v3"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The Compose Specification's JSON schema, copied from compose-spec/compose-spec (see README.md).
const specSchema = "compose-spec.json"

func TestComposeFilesMatchTheSpecification(t *testing.T) {
	schema, err := jsonschema.NewCompiler().Compile(specSchema)
	if err != nil {
		t.Fatalf("%s: %v", specSchema, err)
	}
	p := loadProject(t)
	for _, f := range p.sortedFiles() {
		data, err := json.Marshal(f.doc)
		if err != nil {
			t.Fatalf("%s: %v", f.path, err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f.path, err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Errorf("%s does not match the Compose Specification:\n%v", f.path, err)
		}
	}
}

func TestImagesArePinned(t *testing.T) {
	p := loadProject(t)
	for _, name := range sortedKeys(p.main.services()) {
		svc, err := p.service(name)
		if err != nil {
			t.Error(err)
			continue
		}
		where := fmt.Sprintf("%s: services.%s", mainFile, name)
		build := asMap(svc["build"])
		switch {
		case build != nil && isRemote(fmt.Sprint(build["context"])):
			t.Errorf("%s.build.context: a remote context cannot be checked; build from the repository", where)
		case build != nil:
			file := buildDockerfile(build)
			bases, err := dockerfileBases(file, stringArgs(build))
			if err != nil {
				t.Errorf("%s.build: %v", where, err)
				continue
			}
			if len(bases) == 0 {
				t.Errorf("%s.build: %s has no FROM image", where, file)
			}
			for _, b := range bases {
				if err := checkPinned(b.resolved); err != nil {
					t.Errorf("%s.build: %s:%d `%s` with the build args: %v", where, file, b.line, b.text, err)
				}
			}
		case svc["image"] != nil:
			if err := checkPinned(fmt.Sprint(svc["image"])); err != nil {
				t.Errorf("%s.image: %v", where, err)
			}
		default:
			t.Errorf("%s: neither image nor build", where)
		}
	}
}

// The dev Grafana runs a version the plugin supports (README: Grafana 12.3 to 13.x).
func TestGrafanaVersionIsSupported(t *testing.T) {
	svc, err := loadProject(t).service("grafana")
	if err != nil {
		t.Fatal(err)
	}
	build := asMap(svc["build"])
	bases, err := dockerfileBases(buildDockerfile(build), stringArgs(build))
	if err != nil {
		t.Fatal(err)
	}
	supported, _ := semver.NewConstraint(">= 12.3.0, < 14.0.0")
	for _, b := range bases {
		name, _, _ := strings.Cut(b.resolved, ":")
		if name != "grafana/grafana-enterprise" && name != "grafana/grafana" {
			t.Errorf("services.grafana.build.args: image %s is not grafana/grafana-enterprise or grafana/grafana", b.resolved)
			continue
		}
		v, err := semver.NewVersion(imageTag(b.resolved))
		if err != nil || !supported.Check(v) {
			t.Errorf("services.grafana.build.args.grafana_version: %s is outside the supported Grafana versions %s", b.resolved, supported)
		}
	}
}

func TestHostPathsExist(t *testing.T) {
	p := loadProject(t)
	for _, f := range p.sortedFiles() {
		for _, name := range sortedKeys(f.services()) {
			svc := asMap(f.services()[name])
			where := fmt.Sprintf("%s: services.%s", f.path, name)
			if file, _ := extendsOf(svc); file != "" {
				checkHostPath(t, where+".extends.file", f.dir(), file)
			}
			_, base := extendsOf(svc)
			checkBuildPaths(t, where+".build", f.dir(), svc["build"], base != "")
			for _, env := range envFiles(svc["env_file"]) {
				checkHostPath(t, where+".env_file", f.dir(), env)
			}
			volumes, _ := svc["volumes"].([]any)
			for i, v := range volumes {
				kind, source := volumeSource(v)
				field := fmt.Sprintf("%s.volumes[%d]", where, i)
				switch {
				case kind == "bind":
					checkHostPath(t, field, f.dir(), source)
				case kind == "volume" && source != "":
					_, inFile := asMap(f.doc["volumes"])[source]
					_, inMain := asMap(p.main.doc["volumes"])[source]
					if !inFile && !inMain {
						t.Errorf("%s: named volume %q is not declared under the top-level volumes", field, source)
					}
				}
			}
		}
	}
}

// checkBuildPaths checks the context and Dockerfile a build section declares; a service that
// extends another may leave both to the base service.
func checkBuildPaths(t *testing.T, field, dir string, build any, extends bool) {
	t.Helper()
	ctx, dockerfile := ".", "Dockerfile"
	switch b := build.(type) {
	case nil:
		return
	case string:
		ctx = b
	case map[string]any:
		c, hasContext := b["context"].(string)
		d, hasDockerfile := b["dockerfile"].(string)
		if extends && !hasContext {
			if hasDockerfile {
				t.Errorf("%s.dockerfile: declared without the context it is relative to", field)
			}
			return
		}
		if hasContext {
			ctx = c
		}
		if _, inline := b["dockerfile_inline"]; inline {
			dockerfile = ""
		}
		if hasDockerfile {
			dockerfile = d
		}
	}
	if isRemote(ctx) {
		return
	}
	checkHostPath(t, field+".context", dir, ctx)
	if dockerfile != "" {
		checkHostPath(t, field+".dockerfile (relative to the context)", path.Join(dir, ctx), dockerfile)
	}
}

// builtPaths are mounted paths that a fresh clone lacks until scripts/server.sh builds them.
var builtPaths = map[string]bool{"dist": true}

// checkHostPath requires rel, relative to the repository directory dir, to exist in the repository.
func checkHostPath(t *testing.T, field, dir, rel string) {
	t.Helper()
	if strings.HasPrefix(rel, "/") || strings.HasPrefix(rel, "~") {
		t.Errorf("%s: %q is outside the repository; mount a path relative to the compose file", field, rel)
		return
	}
	resolved := path.Join(dir, rel)
	if resolved == ".." || strings.HasPrefix(resolved, "../") {
		t.Errorf("%s: %q resolves to %s, outside the repository", field, rel, resolved)
		return
	}
	if _, err := os.Stat(filepath.Join(repoRoot, filepath.FromSlash(resolved))); err != nil && !builtPaths[resolved] {
		t.Errorf("%s: %q resolves to %s, which does not exist (paths are relative to the file that declares them)", field, rel, resolved)
	}
}

// envFiles lists the required env files of env_file (a string, strings or {path, required}).
func envFiles(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, item := range x {
			switch e := item.(type) {
			case string:
				out = append(out, e)
			case map[string]any:
				if req, ok := e["required"].(bool); ok && !req {
					continue
				}
				out = append(out, fmt.Sprint(e["path"]))
			}
		}
		return out
	}
	return nil
}

func TestHealthyDependenciesHaveHealthChecks(t *testing.T) {
	p := loadProject(t)
	for _, name := range sortedKeys(p.main.services()) {
		svc, err := p.service(name)
		if err != nil {
			t.Error(err)
			continue
		}
		deps := asMap(svc["depends_on"])
		for _, dep := range sortedKeys(deps) {
			field := fmt.Sprintf("%s: services.%s.depends_on.%s", mainFile, name, dep)
			target, err := p.service(dep)
			if err != nil {
				t.Errorf("%s: no such service", field)
				continue
			}
			if asMap(deps[dep])["condition"] != "service_healthy" {
				continue
			}
			if why := noHealthCheck(asMap(target["healthcheck"])); why != "" {
				t.Errorf("%s: condition service_healthy, but services.%s %s", field, dep, why)
			}
		}
	}
}

// noHealthCheck says why a healthcheck section does not define a check, or "" when it does.
func noHealthCheck(hc map[string]any) string {
	if hc == nil {
		return "has no healthcheck"
	}
	if disabled, _ := hc["disable"].(bool); disabled {
		return "disables its healthcheck"
	}
	switch test := hc["test"].(type) {
	case string:
		if strings.TrimSpace(test) != "" {
			return ""
		}
	case []any:
		if len(test) > 0 && fmt.Sprint(test[0]) != "NONE" && (len(test) > 1 || fmt.Sprint(test[0]) != "CMD") {
			return ""
		}
	}
	return "has a healthcheck without a test"
}
