package settings

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// FuzzParse checks, for any jsonData: Parse never panics; its errors are bounded; each error names
// a path of the document (or the parent of a missing or unquotable key); and a document is
// accepted only if reading it as JSON.parse does (exact keys, no duplicates, one value) gives the
// same settings. The seed corpus is in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"datasources":{"lokiUid":"l"},"plans":{"shared":{"queue":{"maxShards":3}}},"workspaces":[{"id":"a","clusterId":"b","plan":"shared"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		checkBounded(t, err)
		doc := bytes.Trim(data, " \t\r\n")
		if err != nil {
			paths, ok := documentPaths(doc)
			for _, fe := range err.(*ValidationError).Fields {
				if fe.Field != "jsonData" && ok && !paths[fe.Field] && !paths[parentPath(fe.Field)] {
					t.Fatalf("error %v names no path of the document or its parent", fe)
				}
			}
		} else {
			checkSameReading(t, doc, s)
		}
		_, err = ParseProposal(data)
		checkBounded(t, err)
	})
}

func checkBounded(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	verr, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("error %T %v is no *ValidationError", err, err)
	}
	body, _ := json.Marshal(verr)
	if len(verr.Fields) == 0 || len(verr.Fields) > MaxErrors || len(verr.Error()) > 4<<10 || len(body) > 64<<10 {
		t.Fatalf("unbounded error: %d fields, message of %d bytes, JSON of %d", len(verr.Fields), len(verr.Error()), len(body))
	}
}

// documentPaths lists the path of every value of a JSON document as errors name them, read token
// by token so that duplicate keys keep their paths; ok is false when the document is no valid JSON.
func documentPaths(doc []byte) (paths map[string]bool, ok bool) {
	paths = map[string]bool{}
	dec := json.NewDecoder(bytes.NewReader(doc))
	var walk func(path string) error
	walk = func(path string) error {
		paths[path] = true
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				if err := walk(join(path, k.(string))); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := walk(fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		}
		return err
	}
	if walk("") != nil {
		return nil, false
	}
	return paths, true
}

func parentPath(p string) string {
	for i := len(p) - 1; i > 0; i-- {
		if p[i] == '.' || p[i] == '[' {
			return p[:i]
		}
	}
	return ""
}

// referenceKeysRepeat reads a document by its own recursive walk and reports a repeated key.
func referenceKeysRepeat(doc []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(doc))
	repeat := false
	var walk func()
	walk = func() {
		tok, err := dec.Token()
		if err != nil {
			return
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				k, _ := dec.Token()
				ks, _ := k.(string)
				repeat = repeat || seen[ks]
				seen[ks] = true
				walk()
			}
			_, _ = dec.Token()
		case json.Delim('['):
			for dec.More() {
				walk()
			}
			_, _ = dec.Token()
		}
	}
	walk()
	return repeat
}

// checkSameReading fails unless the accepted doc, read as JSON.parse reads it (exact keys, last of
// nothing since no key repeats, one value) and laid over the defaults, gives the parsed settings.
func checkSameReading(t *testing.T, doc []byte, s Settings) {
	t.Helper()
	if len(doc) == 0 || string(doc) == "null" {
		if !reflect.DeepEqual(s, Defaults()) {
			t.Fatalf("empty jsonData gave %+v", s)
		}
		return
	}
	var ref any
	if err := json.Unmarshal(doc, &ref); err != nil {
		t.Fatalf("accepted a document that is not one JSON value: %v", err)
	}
	if referenceKeysRepeat(doc) {
		t.Fatalf("accepted a document with a repeated key: %.300q", doc)
	}
	expected := jsonOf(t, Defaults())
	refMap, ok := ref.(map[string]any)
	if !ok {
		t.Fatalf("accepted %T as jsonData", ref)
	}
	if plans, ok := refMap["plans"].(map[string]any); ok {
		base := map[string]any{}
		for name := range plans {
			base[name] = jsonOf(t, agentconfig.DefaultPlans()[name])
		}
		expected.(map[string]any)["plans"] = base
	}
	expected = overlay(expected, ref)
	ds := expected.(map[string]any)["datasources"].(map[string]any)
	for _, kind := range DatasourceKinds {
		if v, _ := ds[string(kind)+"Uid"].(string); isBlank(v) {
			ds[string(kind)+"Uid"] = DefaultDatasourceUIDs[kind]
		}
	}
	got := jsonOf(t, s)
	if path, ok := sameJSON(expected, got, "jsonData"); !ok {
		t.Fatalf("accepted %.300q, but JSON.parse reads %.300s differently: %.300v, Parse gave %.300v", doc, path, expected, got)
	}
}

func isBlank(v string) bool { return len(bytes.TrimSpace([]byte(v))) == 0 }

func jsonOf(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// overlay lays ref over base as Go decodes into a value that holds defaults: objects merge, the rest replaces.
func overlay(base, ref any) any {
	bm, ok1 := base.(map[string]any)
	rm, ok2 := ref.(map[string]any)
	if !ok1 || !ok2 {
		return ref
	}
	out := map[string]any{}
	for k, v := range bm {
		out[k] = v
	}
	for k, v := range rm {
		out[k] = overlay(bm[k], v)
	}
	return out
}

// sameJSON compares exactly, key by key, except that an absent key equals a zero value (omitempty).
func sameJSON(want, got any, path string) (string, bool) {
	wm, ok1 := want.(map[string]any)
	gm, ok2 := got.(map[string]any)
	if ok1 && ok2 {
		for k := range union(wm, gm) {
			w, inW := wm[k]
			g, inG := gm[k]
			switch {
			case !inG && !isZero(w), !inW && !isZero(g):
				return path + "." + k, false
			case inW && inG:
				if p, ok := sameJSON(w, g, path+"."+k); !ok {
					return p, false
				}
			}
		}
		return "", true
	}
	if ok1 != ok2 && !(isZero(want) && isZero(got)) {
		return path, false
	}
	if !reflect.DeepEqual(want, got) && !(isZero(want) && isZero(got)) {
		return path, false
	}
	return "", true
}

func union(a, b map[string]any) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func isZero(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		for _, e := range v {
			if !isZero(e) {
				return false
			}
		}
		return true
	}
	return false
}
