package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"io"
	"reflect"
	"regexp"
	"strings"
)

// Settings is the app's parsed jsonData with defaults applied.
type Settings struct {
	Datasources   DatasourceUIDs              `json:"datasources"`
	Notifications Notifications               `json:"notifications"`
	Plans         map[string]agentconfig.Plan `json:"plans,omitempty"`
	Workspaces    []agentconfig.Workspace     `json:"workspaces,omitempty"`
}

// rawSettings defers decoding plans: each is decoded over its default, so that jsonData only
// needs to hold what differs from it.
type rawSettings struct {
	Datasources   DatasourceUIDs             `json:"datasources"`
	Notifications Notifications              `json:"notifications"`
	Plans         map[string]json.RawMessage `json:"plans,omitempty"`
	Workspaces    []agentconfig.Workspace    `json:"workspaces,omitempty"`
}

// Limits on what jsonData may hold; Grafana keeps it in one database row and sends it to every
// page load of the app. 20,000 manual workspaces take about 1.2 MB.
const (
	MaxJSONDataBytes    = 2 << 20
	MaxManualWorkspaces = 20000
	JSONDataSizeRule    = "must be at most 2 MiB of JSON"
	WorkspacesCountRule = "must list at most 20000 workspaces"
	DuplicateIDRule     = "is already the id of another workspace"
)

// Plan returns the configured plan of this name, or its default.
func (s Settings) Plan(name string) (agentconfig.Plan, bool) {
	if p, ok := s.Plans[name]; ok {
		return p, true
	}
	p, ok := agentconfig.DefaultPlans()[name]
	return p, ok
}

// DatasourceUIDs holds the UID of each datasource the pages query.
type DatasourceUIDs struct {
	Prometheus string `json:"prometheusUid,omitempty"`
	Loki       string `json:"lokiUid,omitempty"`
	Jaeger     string `json:"jaegerUid,omitempty"`
	ClickHouse string `json:"clickhouseUid,omitempty"`
}

// UID returns the configured UID of one datasource kind.
func (d DatasourceUIDs) UID(kind DatasourceKind) string {
	switch kind {
	case Prometheus:
		return d.Prometheus
	case Loki:
		return d.Loki
	case Jaeger:
		return d.Jaeger
	case ClickHouse:
		return d.ClickHouse
	}
	return ""
}

// FieldError names a setting by its jsonData path and the rule it breaks.
type FieldError struct {
	Field string `json:"field"`
	Rule  string `json:"rule"`
}

func (e FieldError) Error() string { return e.Field + ": " + e.Rule }

// ValidationError collects every broken rule so that the user can fix them all at once.
type ValidationError struct {
	Fields []FieldError `json:"errors"`
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Error()
	}
	return "invalid settings: " + strings.Join(parts, "; ")
}

// Grafana's own rule for datasource UIDs (util.IsValidShortUID and the 40-character column).
var uidPattern = regexp.MustCompile(`^[a-zA-Z0-9\-_]{1,40}$`)

const uidRule = "must be 1 to 40 characters of letters, digits, '-' or '_'"

// Defaults returns the settings of an app that has never been configured.
func Defaults() Settings {
	return Settings{Datasources: DatasourceUIDs{
		Prometheus: DefaultDatasourceUIDs[Prometheus],
		Loki:       DefaultDatasourceUIDs[Loki],
		Jaeger:     DefaultDatasourceUIDs[Jaeger],
		ClickHouse: DefaultDatasourceUIDs[ClickHouse],
	}}
}

// Parse decodes jsonData, fills in defaults for what is unset and validates the result.
// Unknown fields are refused: a misspelt setting would otherwise be ignored without a word.
func Parse(jsonData []byte) (Settings, error) {
	if len(jsonData) > MaxJSONDataBytes {
		return Defaults(), &ValidationError{Fields: []FieldError{{Field: "jsonData", Rule: JSONDataSizeRule}}}
	}
	s := Settings{}
	if len(bytes.TrimSpace(jsonData)) > 0 && !bytes.Equal(bytes.TrimSpace(jsonData), []byte("null")) {
		var raw rawSettings
		if err := decodeStrict(jsonData, &raw, ""); err != nil {
			return Defaults(), err
		}
		s = Settings{Datasources: raw.Datasources, Notifications: raw.Notifications, Workspaces: raw.Workspaces}
		for name, data := range raw.Plans {
			p := agentconfig.DefaultPlans()[name]
			if err := decodeStrict(data, &p, "plans."+name+"."); err != nil {
				return Defaults(), err
			}
			p.Name = name
			if s.Plans == nil {
				s.Plans = map[string]agentconfig.Plan{}
			}
			s.Plans[name] = p
		}
	}
	s.applyDefaults()
	if err := s.Validate(); err != nil {
		return s, err
	}
	return s, nil
}

func (s *Settings) applyDefaults() {
	d := Defaults().Datasources
	fill := func(v *string, def string) {
		if strings.TrimSpace(*v) == "" {
			*v = def
		}
	}
	fill(&s.Datasources.Prometheus, d.Prometheus)
	fill(&s.Datasources.Loki, d.Loki)
	fill(&s.Datasources.Jaeger, d.Jaeger)
	fill(&s.Datasources.ClickHouse, d.ClickHouse)
}

// Validate reports every field that breaks a rule, or nil.
func (s Settings) Validate() error {
	var fields []FieldError
	for _, kind := range DatasourceKinds {
		if uid := s.Datasources.UID(kind); !uidPattern.MatchString(uid) {
			fields = append(fields, FieldError{Field: "datasources." + string(kind) + "Uid", Rule: uidRule})
		}
	}
	fields = append(fields, validateNotifications(s.Notifications)...)
	for _, name := range []string{agentconfig.Shared, agentconfig.Dedicated} {
		if p, ok := s.Plans[name]; ok {
			p.Name = name
			for _, f := range p.Validate() {
				fields = append(fields, FieldError{Field: f.Field, Rule: f.Rule})
			}
		}
	}
	if len(s.Workspaces) > MaxManualWorkspaces {
		fields = append(fields, FieldError{Field: "workspaces", Rule: WorkspacesCountRule})
	}
	seen := map[string]bool{}
	for i, w := range s.Workspaces {
		prefix := fmt.Sprintf("workspaces[%d].", i)
		for _, f := range w.Validate() {
			fields = append(fields, FieldError{Field: prefix + strings.TrimPrefix(f.Field, "workspace."), Rule: f.Rule})
		}
		if seen[w.ID] {
			fields = append(fields, FieldError{Field: prefix + "id", Rule: DuplicateIDRule})
		}
		seen[w.ID] = true
	}
	for name := range s.Plans {
		if name != agentconfig.Shared && name != agentconfig.Dedicated {
			fields = append(fields, FieldError{Field: "plans." + name, Rule: "is not a plan (shared or dedicated)"})
		}
	}
	if len(fields) > 0 {
		return &ValidationError{Fields: fields}
	}
	return nil
}

// decodeStrict decodes data into v, refusing unknown fields; errors name the field under prefix.
func decodeStrict(data []byte, v any, prefix string) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		verr := decodeError(err).(*ValidationError)
		for i := range verr.Fields {
			if verr.Fields[i].Field != "jsonData" {
				verr.Fields[i].Field = prefix + verr.Fields[i].Field
			}
		}
		return verr
	}
	return nil
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return &ValidationError{Fields: []FieldError{{Field: typeErr.Field, Rule: "must be " + jsonTypeName(typeErr.Type.Kind())}}}
	}
	var syntaxErr *json.SyntaxError
	if errors.As(err, &syntaxErr) {
		return &ValidationError{Fields: []FieldError{{Field: "jsonData", Rule: fmt.Sprintf("must be valid JSON (error at byte %d)", syntaxErr.Offset)}}}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return &ValidationError{Fields: []FieldError{{Field: "jsonData", Rule: "must be valid JSON (it ends too early)"}}}
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return &ValidationError{Fields: []FieldError{{Field: strings.Trim(name, `"`), Rule: "is not a setting of this app"}}}
	}
	return &ValidationError{Fields: []FieldError{{Field: "jsonData", Rule: err.Error()}}}
}

func jsonTypeName(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Float64, reflect.Float32, reflect.Pointer:
		return "a number"
	case reflect.Slice:
		return "a list"
	case reflect.Bool:
		return "true or false"
	default:
		return "an object"
	}
}
