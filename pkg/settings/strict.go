package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// Rules of the strict reading; UnknownSettingRule and NotAPlanRule are also in the page's ruleText.
const (
	UnknownSettingRule = "is not a setting of this app"
	NotAPlanRule       = "is not a plan (shared or dedicated)"
	DuplicateKeyRule   = "is set more than once"
	LongKeyRule        = "holds a key of more than 128 characters, which is no setting of this app"
	OneValueRule       = "must be one JSON value, with nothing after it"
	ListCountRule      = "must list at most 1000 entries"
	MaxKeyLength       = 128
	MaxListEntries     = 1000
)

// mapKeys lists the only keys a map setting may hold, by its path, and the rule for any other.
var mapKeys = map[string]struct {
	keys []string
	rule string
}{
	"plans":          {[]string{"shared", "dedicated"}, NotAPlanRule},
	"secureJsonData": {SecretKeys, SecretKeyRule},
}

// checkStrict names by full path what encoding/json reads unlike JSON.parse: keys equal but for case
// (Go folds case), repeated keys (Go keeps the last, merging objects), data after the value (Decoder
// ignores it) and null (Go keeps the old value); root names the document itself.
func checkStrict(data []byte, t reflect.Type, root string) *errorList {
	w := walker{errs: &errorList{}, root: root}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		w.errs.add(root, syntaxRule(err))
		return w.errs
	}
	if _, err := dec.Token(); err != io.EOF {
		w.errs.add(root, OneValueRule)
		return w.errs
	}
	w.value(raw, t, "")
	return w.errs
}

type walker struct {
	errs *errorList
	root string
}

// rawMessageType is a value checked by its own reader later, such as jsonData inside a request.
var rawMessageType = reflect.TypeOf(json.RawMessage(nil))

func (w walker) name(path string) string {
	if path == "" {
		return w.root
	}
	return path
}

func syntaxRule(err error) string {
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return fmt.Sprintf("must be valid JSON (error at byte %d)", syntaxErr.Offset)
	}
	return "must be valid JSON (it ends too early)"
}

// value checks one syntactically valid value against the Go type it decodes into.
func (w walker) value(raw json.RawMessage, t reflect.Type, path string) {
	if t == rawMessageType {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	field := w.name(path)
	ok := true
	switch raw[0] {
	case '{':
		switch t.Kind() {
		case reflect.Struct:
			w.object(raw, t, path)
		case reflect.Map:
			w.object(raw, t, path)
		default:
			ok = false
		}
	case '[':
		if t.Kind() != reflect.Slice {
			ok = false
			break
		}
		var items []json.RawMessage
		_ = json.Unmarshal(raw, &items) // raw is valid JSON: this cannot fail.
		limit, rule := MaxListEntries, ListCountRule
		if path == "workspaces" {
			limit, rule = MaxManualWorkspaces, WorkspacesCountRule
		}
		if len(items) > limit {
			w.errs.add(field, rule)
			return
		}
		for i, item := range items {
			w.value(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
		}
	case '"':
		ok = t.Kind() == reflect.String
	case 't', 'f':
		ok = t.Kind() == reflect.Bool
	case 'n':
		ok = false
	default:
		s := string(raw)
		switch t.Kind() {
		case reflect.Int, reflect.Int64, reflect.Int32, reflect.Int16, reflect.Int8:
			n, err := strconv.ParseInt(s, 10, 64)
			ok = err == nil && !reflect.Zero(t).OverflowInt(n)
		case reflect.Float64, reflect.Float32:
			// Go's decoder refuses what ParseFloat reports out of range, such as 1e400.
			_, err := strconv.ParseFloat(s, t.Bits())
			ok = err == nil
		default:
			ok = false
		}
	}
	if !ok {
		w.errs.add(field, TypeRule(t.Kind()))
	}
}

// objectEntries yields the keys and values of a valid JSON object in document order.
func objectEntries(raw json.RawMessage, each func(key string, value json.RawMessage)) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	_, _ = dec.Token() // '{'
	for dec.More() {
		tok, _ := dec.Token()
		var v json.RawMessage
		_ = dec.Decode(&v)
		each(tok.(string), v)
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// unknownKey reports a key that is no setting, or its parent when the key is too long to quote.
func (w walker) unknownKey(path, key, rule string) {
	if len(key) > MaxKeyLength {
		w.errs.add(w.name(path), LongKeyRule)
		return
	}
	w.errs.add(join(path, key), rule)
}

// object checks the keys of a struct or map and the value of each.
func (w walker) object(raw json.RawMessage, t reflect.Type, path string) {
	fields := map[string]reflect.Type{}
	rule := UnknownSettingRule
	if t.Kind() == reflect.Struct {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if f.IsExported() && name != "-" && name != "" {
				fields[name] = f.Type
			}
		}
	} else if allowed, ok := mapKeys[path]; ok {
		for _, k := range allowed.keys {
			fields[k] = t.Elem()
		}
		rule = allowed.rule
	}
	seen := map[string]bool{}
	objectEntries(raw, func(key string, value json.RawMessage) {
		ft, known := fields[key]
		if !known && t.Kind() == reflect.Map && len(fields) == 0 && len(key) <= MaxKeyLength {
			ft, known = t.Elem(), true
		}
		switch {
		case !known:
			w.unknownKey(path, key, rule)
		case seen[key]:
			w.errs.add(join(path, key), DuplicateKeyRule)
		default:
			seen[key] = true
			w.value(value, ft, join(path, key))
		}
	})
}

// TypeRule is the rule a value of the wrong JSON type breaks, for a setting of Go kind k.
func TypeRule(k reflect.Kind) string { return "must be " + jsonTypeName(k) }

func jsonTypeName(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Int16, reflect.Int8:
		return "a whole number"
	case reflect.Float64, reflect.Float32:
		return "a number"
	case reflect.Slice:
		return "a list"
	case reflect.Bool:
		return "true or false"
	default:
		return "an object"
	}
}
