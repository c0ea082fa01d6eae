package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
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
	Incidents     Incidents                   `json:"incidents"`
}

// Incidents tunes how the Alerts page and the Overview group firing alert instances.
type Incidents struct {
	// PlatformWideShare: an incident is platform-wide when, in some cluster, it covers at least this share of the cluster's workspaces.
	PlatformWideShare float64 `json:"platformWideShare"`
}

// DefaultIncidents: half of a cluster's workspaces alerting at once is a platform problem, not theirs.
func DefaultIncidents() Incidents { return Incidents{PlatformWideShare: 0.5} }

// PlatformWideShareRule is shared with the configuration page through pkg/codegen.
const PlatformWideShareRule = "must be a ratio above 0 and at most 1"

// rawSettings defers decoding plans: each is decoded over its default, so that jsonData only
// needs to hold what differs from it.
type rawSettings struct {
	Datasources   DatasourceUIDs             `json:"datasources"`
	Notifications Notifications              `json:"notifications"`
	Plans         map[string]json.RawMessage `json:"plans,omitempty"`
	Workspaces    []agentconfig.Workspace    `json:"workspaces,omitempty"`
	Incidents     Incidents                  `json:"incidents"`
}

// Limits on what jsonData may hold; Grafana keeps it in one database row and sends it to every
// page load of the app. 2,000 manual workspaces take about 117 KB.
const (
	MaxJSONDataBytes = 2 << 20
	// jsonData goes with every page load and resource call; discovery lists any fleet, so manual entries are for workspaces not reporting yet.
	MaxManualWorkspaces = 2000
	JSONDataSizeRule    = "must be at most 2 MiB of JSON"
	WorkspacesCountRule = "must list at most 2000 workspaces"
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

// Objectives maps every plan, configured or default, to its availability objective: what the
// SLO alerts, the health ranking and the pages divide error ratios by.
func (s Settings) Objectives() map[string]float64 {
	out := map[string]float64{}
	for name := range agentconfig.DefaultPlans() {
		p, _ := s.Plan(name)
		out[name] = p.AvailabilityObjective
	}
	return out
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

// ValidationError lists at most MaxErrors broken rules, so that its size is bounded, and counts the rest.
type ValidationError struct {
	Fields []FieldError `json:"errors"`
	More   int          `json:"more,omitempty"`
}

// MaxErrors bounds the errors a ValidationError lists; MaxMessageErrors those its message repeats.
const (
	MaxErrors        = 100
	MaxMessageErrors = 5
)

func (e *ValidationError) Error() string {
	n := min(len(e.Fields), MaxMessageErrors)
	parts := make([]string, n)
	for i, f := range e.Fields[:n] {
		parts[i] = f.Error()
	}
	msg := "invalid settings: " + strings.Join(parts, "; ")
	if rest := len(e.Fields) - n + e.More; rest > 0 {
		msg += fmt.Sprintf("; ... and %d more", rest)
	}
	return msg
}

// errorList gathers errors up to MaxErrors and counts the rest.
type errorList ValidationError

func (l *errorList) add(field, rule string) {
	if len(l.Fields) < MaxErrors {
		l.Fields = append(l.Fields, FieldError{Field: field, Rule: rule})
	} else {
		l.More++
	}
}

func (l *errorList) addAll(fields []FieldError, more int) {
	for _, f := range fields {
		l.add(f.Field, f.Rule)
	}
	l.More += more
}

// err returns the gathered errors, or nil when there are none.
func (l *errorList) err() error {
	if len(l.Fields) == 0 && l.More == 0 {
		return nil
	}
	return (*ValidationError)(l)
}

// Join caps the errors of all errs as one; an error that is no *ValidationError is listed under jsonData.
func Join(errs ...error) error {
	l := &errorList{}
	for _, err := range errs {
		var verr *ValidationError
		switch {
		case err == nil:
		case errors.As(err, &verr):
			if verr != nil {
				l.addAll(verr.Fields, verr.More)
			}
		default:
			l.add("jsonData", err.Error())
		}
	}
	return l.err()
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
	}, Incidents: DefaultIncidents()}
}

// Parse decodes jsonData, fills in defaults for what is unset and validates the result.
// It reads strictly (checkStrict): a misspelt setting would otherwise be ignored without a word.
func Parse(jsonData []byte) (Settings, error) {
	if len(jsonData) > MaxJSONDataBytes {
		return Defaults(), &ValidationError{Fields: []FieldError{{Field: "jsonData", Rule: JSONDataSizeRule}}}
	}
	// JSON's whitespace only: bytes.TrimSpace would also drop U+00A0, which JSON.parse refuses.
	doc := bytes.Trim(jsonData, " \t\r\n")
	s := Settings{Incidents: DefaultIncidents()}
	if len(doc) > 0 && string(doc) != "null" {
		if err := checkStrict(doc, reflect.TypeOf(Settings{}), "jsonData").err(); err != nil {
			return Defaults(), err
		}
		// Decoded over its default, so that an absent share keeps it and an explicit 0 is refused.
		raw := rawSettings{Incidents: DefaultIncidents()}
		if err := json.Unmarshal(doc, &raw); err != nil {
			return Defaults(), Join(err)
		}
		s = Settings{Datasources: raw.Datasources, Notifications: raw.Notifications, Workspaces: raw.Workspaces, Incidents: raw.Incidents}
		for name, data := range raw.Plans {
			p := agentconfig.DefaultPlans()[name]
			if err := json.Unmarshal(data, &p); err != nil {
				return Defaults(), Join(err)
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

// Validate reports the fields that break a rule (at most MaxErrors, counting the rest), or nil.
func (s Settings) Validate() error {
	errs := &errorList{}
	for _, kind := range DatasourceKinds {
		if uid := s.Datasources.UID(kind); !uidPattern.MatchString(uid) {
			errs.add("datasources."+string(kind)+"Uid", uidRule)
		}
	}
	errs.addAll(validateNotifications(s.Notifications), 0)
	if v := s.Incidents.PlatformWideShare; !(v > 0 && v <= 1) {
		errs.add("incidents.platformWideShare", PlatformWideShareRule)
	}
	for _, name := range []string{agentconfig.Shared, agentconfig.Dedicated} {
		if p, ok := s.Plans[name]; ok {
			p.Name = name
			for _, f := range p.Validate() {
				errs.add(f.Field, f.Rule)
			}
		}
	}
	if len(s.Workspaces) > MaxManualWorkspaces {
		errs.add("workspaces", WorkspacesCountRule)
	} else {
		seen := map[string]bool{}
		for i, w := range s.Workspaces {
			prefix := fmt.Sprintf("workspaces[%d].", i)
			for _, f := range w.Validate() {
				errs.add(prefix+strings.TrimPrefix(f.Field, "workspace."), f.Rule)
			}
			if seen[w.ID] {
				errs.add(prefix+"id", DuplicateIDRule)
			}
			seen[w.ID] = true
		}
	}
	for name := range s.Plans {
		if name != agentconfig.Shared && name != agentconfig.Dedicated {
			errs.add("plans."+name, NotAPlanRule)
		}
	}
	return errs.err()
}
