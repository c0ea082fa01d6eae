package compose

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// interpolateAll applies compose's variable substitution to every string value.
func interpolateAll(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			out, err := interpolateAll(val)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			x[k] = out
		}
	case []any:
		for i, val := range x {
			out, err := interpolateAll(val)
			if err != nil {
				return nil, err
			}
			x[i] = out
		}
	case string:
		return interpolate(x, nil)
	}
	return v, nil
}

var varName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*`)

// interpolate expands $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:+alt},
// ${VAR+alt}, ${VAR:?err} and ${VAR?err} with the variables in env.
func interpolate(s string, env map[string]string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			b.WriteByte(s[i])
			continue
		}
		rest := s[i+1:]
		switch {
		case strings.HasPrefix(rest, "$"):
			b.WriteByte('$')
			i++
		case strings.HasPrefix(rest, "{"):
			end := matchingBrace(rest)
			if end < 0 {
				return "", fmt.Errorf("unclosed ${ in %q", s)
			}
			val, err := expandBraced(rest[1:end], env)
			if err != nil {
				return "", err
			}
			b.WriteString(val)
			i += end + 1
		default:
			name := varName.FindString(rest)
			if name == "" {
				return "", fmt.Errorf("bare $ in %q: write $$ for a literal $", s)
			}
			b.WriteString(env[name])
			i += len(name)
		}
	}
	return b.String(), nil
}

// matchingBrace returns the index of the } closing the { at s[0], or -1.
func matchingBrace(s string) int {
	depth := 0
	for i, c := range s {
		switch c {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func expandBraced(expr string, env map[string]string) (string, error) {
	name := varName.FindString(expr)
	if name == "" {
		return "", fmt.Errorf("invalid variable ${%s}", expr)
	}
	op, arg := expr[len(name):], ""
	for _, o := range []string{":-", ":+", ":?", "-", "+", "?"} {
		if strings.HasPrefix(op, o) {
			op, arg = o, op[len(o):]
			break
		}
	}
	val, set := env[name]
	switch op {
	case "":
		return val, nil
	case ":-", "-":
		if (op == ":-" && val == "") || !set {
			return interpolate(arg, env)
		}
		return val, nil
	case ":+", "+":
		if (op == ":+" && val != "") || (op == "+" && set) {
			return interpolate(arg, env)
		}
		return "", nil
	case ":?", "?":
		if (op == ":?" && val == "") || !set {
			return "", fmt.Errorf("required variable %s is not set: %s", name, arg)
		}
		return val, nil
	}
	return "", fmt.Errorf("invalid variable ${%s}", expr)
}

func TestInterpolate(t *testing.T) {
	env := map[string]string{"SET": "v", "EMPTY": ""}
	for in, want := range map[string]string{
		"a$$b":             "a$b",
		"$SET/${SET}":      "v/v",
		"${UNSET:-d}":      "d",
		"${EMPTY:-d}":      "d",
		"${EMPTY-d}":       "",
		"${SET:+alt}":      "alt",
		"${UNSET:+alt}":    "",
		"${UNSET:-${SET}}": "v",
		"$${x}":            "${x}",
	} {
		if got, err := interpolate(in, env); err != nil || got != want {
			t.Errorf("interpolate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"${UNSET:?needed}", "${", "a $ b"} {
		if _, err := interpolate(in, env); err == nil {
			t.Errorf("interpolate(%q): no error", in)
		}
	}
}
