package settings

import (
	"reflect"
	"strings"
	"testing"
)

// Every difference between encoding/json's reading and JSON.parse's, and every error's full path.
func TestCheckStrict(t *testing.T) {
	long := strings.Repeat("k", MaxKeyLength+1)
	tests := []struct {
		name, doc string
		want      []FieldError
	}{
		{"valid", `{"datasources":{"lokiUid":"l"},"plans":{"shared":{"queue":{"maxShards":3}}},"workspaces":[{"id":"a","clusterId":"b","plan":"shared"}]}`, nil},
		{"thresholds may be unset", `{"plans":{"dedicated":{"thresholds":{"errorRatio":0.5}}}}`, nil},
		{"key in another case", `{"Datasources":{}}`, []FieldError{{"Datasources", UnknownSettingRule}}},
		{"nested key in another case", `{"datasources":{"PrometheusUID":"p"}}`, []FieldError{{"datasources.PrometheusUID", UnknownSettingRule}}},
		{"key Go folds by Unicode (Kelvin sign)", "{\"datasources\":{\"\u212Aey\":1}}", []FieldError{{"datasources.\u212Aey", UnknownSettingRule}}},
		{"unknown nested key has its path", `{"plans":{"shared":{"queue":{"maxShard":1}}}}`, []FieldError{{"plans.shared.queue.maxShard", UnknownSettingRule}}},
		{"unknown key in a list entry has its index", `{"workspaces":[{"id":"a"},{"id":"b","cluster":"c"}]}`, []FieldError{{"workspaces[1].cluster", UnknownSettingRule}}},
		{"type error in a list has its index", `{"workspaces":[{"id":"a"},{},{},{"clusterId":7}]}`, []FieldError{{"workspaces[3].clusterId", "must be a string"}}},
		{"type error in a plan list", `{"plans":{"shared":{"jobs":["kubernetes-pods",5]}}}`, []FieldError{{"plans.shared.jobs[1]", "must be a string"}}},
		{"duplicate key", `{"datasources":{"lokiUid":"a","lokiUid":"b"}}`, []FieldError{{"datasources.lokiUid", DuplicateKeyRule}}},
		{"duplicate object Go would merge", `{"plans":{"shared":{"queue":{"maxShards":1},"queue":{"capacity":2}}}}`, []FieldError{{"plans.shared.queue", DuplicateKeyRule}}},
		{"duplicate plan", `{"plans":{"shared":{},"shared":{}}}`, []FieldError{{"plans.shared", DuplicateKeyRule}}},
		{"duplicate by escape", `{"datasources":{},"d\u0061tasources":{}}`, []FieldError{{"datasources", DuplicateKeyRule}}},
		{"unknown plan", `{"plans":{"gold":{}}}`, []FieldError{{"plans.gold", NotAPlanRule}}},
		{"plan name in another case", `{"plans":{"Shared":{}}}`, []FieldError{{"plans.Shared", NotAPlanRule}}},
		{"data after the value", `{} {}`, []FieldError{{"jsonData", OneValueRule}}},
		{"garbage after the value", `{}x`, []FieldError{{"jsonData", OneValueRule}}},
		{"null after the value", `{} null`, []FieldError{{"jsonData", OneValueRule}}},
		{"not an object", `[1]`, []FieldError{{"jsonData", "must be an object"}}},
		{"null setting", `{"datasources":null}`, []FieldError{{"datasources", "must be an object"}}},
		{"null plan field Go would skip", `{"plans":{"shared":{"scrapeInterval":null}}}`, []FieldError{{"plans.shared.scrapeInterval", "must be a string"}}},
		{"null list Go would empty", `{"plans":{"shared":{"jobs":null}}}`, []FieldError{{"plans.shared.jobs", "must be a list"}}},
		{"null threshold", `{"plans":{"dedicated":{"thresholds":{"errorRatio":null}}}}`, []FieldError{{"plans.dedicated.thresholds.errorRatio", "must be a number"}}},
		{"fraction for a whole number", `{"plans":{"shared":{"queue":{"maxShards":1.5}}}}`, []FieldError{{"plans.shared.queue.maxShards", "must be a whole number"}}},
		{"exponent for a whole number", `{"plans":{"shared":{"queue":{"maxShards":1e2}}}}`, []FieldError{{"plans.shared.queue.maxShards", "must be a whole number"}}},
		{"whole number out of range", `{"plans":{"shared":{"queue":{"maxShards":99999999999999999999}}}}`, []FieldError{{"plans.shared.queue.maxShards", "must be a whole number"}}},
		{"number out of range", `{"plans":{"dedicated":{"thresholds":{"errorRatio":1e400}}}}`, []FieldError{{"plans.dedicated.thresholds.errorRatio", "must be a number"}}},
		{"object for a string", `{"workspaces":[{"id":{"a":[1,2]}}]}`, []FieldError{{"workspaces[0].id", "must be a string"}}},
		{"string for a bool-free object", `{"notifications":"x"}`, []FieldError{{"notifications", "must be an object"}}},
		{"long unknown key named by its parent", `{"datasources":{"` + long + `":1}}`, []FieldError{{"datasources", LongKeyRule}}},
		{"long unknown top key", `{"` + long + `":1}`, []FieldError{{"jsonData", LongKeyRule}}},
		{"long plan name", `{"plans":{"` + long + `":{}}}`, []FieldError{{"plans", LongKeyRule}}},
		{"every error in one pass", `{"a":1,"datasources":{"b":2},"workspaces":[{"c":3}]}`, []FieldError{
			{"a", UnknownSettingRule}, {"datasources.b", UnknownSettingRule}, {"workspaces[0].c", UnknownSettingRule},
		}},
		{"syntax error says where", `{"datasources":}`, []FieldError{{"jsonData", "must be valid JSON (error at byte 16)"}}},
		{"too many entries of a list", `{"plans":{"shared":{"jobs":[` + strings.Repeat(`5,`, MaxListEntries) + `5]}}}`, []FieldError{{"plans.shared.jobs", ListCountRule}}},
	}
	settingsType := reflect.TypeOf(Settings{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := checkStrict([]byte(tt.doc), settingsType, "jsonData")
			if !reflect.DeepEqual(l.Fields, tt.want) || l.More != 0 {
				t.Fatalf("checkStrict() = %v (+%d), want %v", l.Fields, l.More, tt.want)
			}
		})
	}
}

// The count of workspaces is checked before any entry, so its error comes first and alone.
func TestTooManyWorkspacesAreCountedBeforeTheirEntries(t *testing.T) {
	doc := `{"workspaces":[` + strings.Repeat(`{"x":1},`, MaxManualWorkspaces) + `{"x":1}]}`
	_, err := Parse([]byte(doc))
	verr, ok := err.(*ValidationError)
	if !ok || len(verr.Fields) != 1 || verr.Fields[0] != (FieldError{"workspaces", WorkspacesCountRule}) || verr.More != 0 {
		t.Fatalf("Parse() error = %v", err)
	}
}

// Many broken entries give at most MaxErrors errors, a count of the rest and a short message.
func TestErrorsAreCapped(t *testing.T) {
	doc := `{"workspaces":[` + strings.Repeat(`{"id":"A","clusterId":"B","plan":"shared"},`, 999) + `{"id":"a","clusterId":"b","plan":"shared"}]}`
	_, err := Parse([]byte(doc))
	verr, ok := err.(*ValidationError)
	// 2 errors for each of 999 entries and the duplicate id of 998 of them.
	if !ok || len(verr.Fields) != MaxErrors || verr.More != 2*999+998-MaxErrors {
		t.Fatalf("Parse() error = %d errors, %d more", len(verr.Fields), verr.More)
	}
	msg := verr.Error()
	if !strings.HasSuffix(msg, "; ... and 2991 more") || strings.Count(msg, "workspaces[") != MaxMessageErrors {
		t.Fatalf("Error() = %q", msg)
	}
	doc = `{` + strings.Repeat(`"x":1,`, 300000) + `"y":1}`
	_, err = Parse([]byte(doc))
	if verr := err.(*ValidationError); len(verr.Fields) != MaxErrors || verr.More != 300001-MaxErrors || len(verr.Error()) > 1<<10 {
		t.Fatalf("Parse() error = %d errors, %d more, message of %d bytes", len(verr.Fields), verr.More, len(verr.Error()))
	}
}

func TestJoinKeepsTheCount(t *testing.T) {
	a := &ValidationError{Fields: []FieldError{{"a", "r"}}, More: 7}
	got := Join(nil, a, (*ValidationError)(nil), &ValidationError{Fields: []FieldError{{"b", "r"}}})
	want := &ValidationError{Fields: []FieldError{{"a", "r"}, {"b", "r"}}, More: 7}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Join() = %#v", got)
	}
	if Join(nil, (*ValidationError)(nil)) != nil {
		t.Fatal("Join() of nothing is not nil")
	}
}
