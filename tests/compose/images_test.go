package compose

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

var (
	digestRef  = regexp.MustCompile(`@sha256:[0-9a-f]{64}$`)
	versionTag = regexp.MustCompile(`^v?\d+\.\d+`)
)

// checkPinned says why an image reference is not pinned: it needs a digest, or a tag that is not
// `latest` and starts with at least major.minor.
func checkPinned(ref string) error {
	if strings.Contains(ref, "$") {
		return fmt.Errorf("image %q has an unresolved variable", ref)
	}
	if digestRef.MatchString(ref) {
		return nil
	}
	if strings.Contains(ref, "@") {
		return fmt.Errorf("image %q: a digest must be @sha256:<64 hex>", ref)
	}
	tag := imageTag(ref)
	switch {
	case tag == "":
		return fmt.Errorf("image %q has no tag, so it floats on latest", ref)
	case tag == "latest":
		return fmt.Errorf("image %q floats on the tag latest", ref)
	case !versionTag.MatchString(tag):
		return fmt.Errorf("image %q: tag %q is not a version with at least major.minor", ref, tag)
	}
	return nil
}

// imageTag returns the tag of name[:tag][@digest], ignoring a registry's :port.
func imageTag(ref string) string {
	ref, _, _ = strings.Cut(ref, "@")
	slash := strings.LastIndex(ref, "/")
	if colon := strings.LastIndex(ref, ":"); colon > slash {
		return ref[colon+1:]
	}
	return ""
}

// baseImage is one FROM line of a Dockerfile, its image resolved with the build args.
type baseImage struct {
	line     int
	text     string
	resolved string
}

// dockerfileBases parses a Dockerfile's FROM lines, resolving ARGs declared before the first FROM
// with their defaults overridden by args. Stages built earlier in the file and scratch are left out.
func dockerfileBases(file string, args map[string]string) ([]baseImage, error) {
	data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(file)))
	if err != nil {
		return nil, err
	}
	vars := map[string]string{}
	stages := map[string]bool{}
	var out []baseImage
	seenFrom := false
	for _, l := range logicalLines(string(data)) {
		fields := strings.Fields(l.text)
		if len(fields) == 0 {
			continue
		}
		switch strings.ToUpper(fields[0]) {
		case "ARG":
			if seenFrom {
				continue
			}
			for _, decl := range fields[1:] {
				name, def, _ := strings.Cut(decl, "=")
				if v, ok := args[name]; ok {
					vars[name] = v
				} else {
					vars[name] = strings.Trim(def, `"'`)
				}
			}
		case "FROM":
			seenFrom = true
			rest := fields[1:]
			for len(rest) > 0 && strings.HasPrefix(rest[0], "--") {
				rest = rest[1:]
			}
			if len(rest) == 0 {
				return nil, fmt.Errorf("%s:%d: FROM without an image", file, l.number)
			}
			resolved, err := interpolate(rest[0], vars)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", file, l.number, err)
			}
			if resolved != "scratch" && !stages[strings.ToLower(resolved)] {
				out = append(out, baseImage{line: l.number, text: l.text, resolved: resolved})
			}
			if len(rest) == 3 && strings.EqualFold(rest[1], "AS") {
				stages[strings.ToLower(rest[2])] = true
			}
		}
	}
	return out, nil
}

type logicalLine struct {
	number int
	text   string
}

// logicalLines joins backslash continuations and drops comments.
func logicalLines(src string) []logicalLine {
	var out []logicalLine
	var cur strings.Builder
	start := 0
	for i, raw := range strings.Split(src, "\n") {
		line := strings.TrimSpace(raw)
		if strings.HasPrefix(line, "#") {
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		if strings.HasSuffix(line, `\`) {
			cur.WriteString(strings.TrimSuffix(line, `\`) + " ")
			continue
		}
		cur.WriteString(line)
		out = append(out, logicalLine{number: start, text: cur.String()})
		cur.Reset()
	}
	return out
}

// buildDockerfile returns the repository-relative Dockerfile of a build section.
func buildDockerfile(build map[string]any) string {
	ctx, _ := build["context"].(string)
	if ctx == "" {
		ctx = "."
	}
	df, _ := build["dockerfile"].(string)
	if df == "" {
		df = "Dockerfile"
	}
	return path.Join(ctx, df)
}

// stringArgs turns build.args into strings; an arg without a value is unset.
func stringArgs(build map[string]any) map[string]string {
	out := map[string]string{}
	for k, v := range asMap(build["args"]) {
		if v != nil {
			out[k] = fmt.Sprint(v)
		}
	}
	return out
}
