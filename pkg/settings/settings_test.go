package settings

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		jsonData string
		want     Settings
		errors   []FieldError
	}{
		{name: "empty jsonData gives defaults", jsonData: ``, want: Defaults()},
		{name: "null gives defaults", jsonData: `null`, want: Defaults()},
		{name: "empty object gives defaults", jsonData: `{}`, want: Defaults()},
		{
			name:     "one datasource overridden, the rest default",
			jsonData: `{"datasources":{"prometheusUid":"central-prom"}}`,
			want: Settings{Datasources: DatasourceUIDs{
				Prometheus: "central-prom", Loki: "hexabase-loki", Jaeger: "hexabase-jaeger", ClickHouse: "hexabase-clickhouse",
			}, Incidents: DefaultIncidents()},
		},
		{
			name:     "blank uid falls back to the default",
			jsonData: `{"datasources":{"lokiUid":"  "}}`,
			want:     Defaults(),
		},
		{
			name:     "uid with a space breaks the uid rule",
			jsonData: `{"datasources":{"lokiUid":"my loki"}}`,
			errors:   []FieldError{{Field: "datasources.lokiUid", Rule: uidRule}},
		},
		{
			name:     "uid over 40 characters breaks the uid rule",
			jsonData: `{"datasources":{"jaegerUid":"` + strings.Repeat("j", 41) + `","clickhouseUid":"a/b"}}`,
			errors: []FieldError{
				{Field: "datasources.jaegerUid", Rule: uidRule},
				{Field: "datasources.clickhouseUid", Rule: uidRule},
			},
		},
		{
			name:     "a uid of exactly 40 characters is accepted",
			jsonData: `{"datasources":{"jaegerUid":"` + strings.Repeat("j", 40) + `"}}`,
			want: Settings{Datasources: DatasourceUIDs{
				Prometheus: "hexabase-prometheus", Loki: "hexabase-loki", Jaeger: strings.Repeat("j", 40), ClickHouse: "hexabase-clickhouse",
			}, Incidents: DefaultIncidents()},
		},
		{
			name:     "misspelt setting is refused, not ignored",
			jsonData: `{"datasource":{}}`,
			errors:   []FieldError{{Field: "datasource", Rule: "is not a setting of this app"}},
		},
		{
			name:     "syntax error says where",
			jsonData: `{"datasources":}`,
			errors:   []FieldError{{Field: "jsonData", Rule: "must be valid JSON (error at byte 16)"}},
		},
		{
			name:     "wrong type names the field",
			jsonData: `{"datasources":{"prometheusUid":42}}`,
			errors:   []FieldError{{Field: "datasources.prometheusUid", Rule: "must be a string"}},
		},
		{
			name:     "a platform-wide share of exactly 1 is accepted, and the rest keeps its defaults",
			jsonData: `{"incidents":{"platformWideShare":1}}`,
			want:     func() Settings { s := Defaults(); s.Incidents.PlatformWideShare = 1; return s }(),
		},
		{
			name:     "an empty incidents object keeps the default share",
			jsonData: `{"incidents":{}}`,
			want:     Defaults(),
		},
		{
			name:     "a platform-wide share of 0 is refused, not read as unset",
			jsonData: `{"incidents":{"platformWideShare":0}}`,
			errors:   []FieldError{{Field: "incidents.platformWideShare", Rule: PlatformWideShareRule}},
		},
		{
			name:     "a platform-wide share above 1 is refused",
			jsonData: `{"incidents":{"platformWideShare":1.5}}`,
			errors:   []FieldError{{Field: "incidents.platformWideShare", Rule: PlatformWideShareRule}},
		},
		{
			name:     "a platform-wide share given as a string names its type",
			jsonData: `{"incidents":{"platformWideShare":"0.5"}}`,
			errors:   []FieldError{{Field: "incidents.platformWideShare", Rule: "must be a number"}},
		},
		{
			name:     "broken JSON says where",
			jsonData: `{"datasources":`,
			errors:   []FieldError{{Field: "jsonData", Rule: "must be valid JSON (it ends too early)"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.jsonData))
			if tt.errors == nil {
				if err != nil {
					t.Fatalf("Parse() error = %v, want none", err)
				}
				if !reflect.DeepEqual(got, tt.want) {
					t.Fatalf("Parse() = %+v, want %+v", got, tt.want)
				}
				return
			}
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Parse() error = %v, want a *ValidationError", err)
			}
			if len(verr.Fields) != len(tt.errors) {
				t.Fatalf("Parse() errors = %+v, want %+v", verr.Fields, tt.errors)
			}
			for i := range tt.errors {
				if verr.Fields[i] != tt.errors[i] {
					t.Errorf("error %d = %+v, want %+v", i, verr.Fields[i], tt.errors[i])
				}
			}
		})
	}
}

func TestValidationErrorMessageNamesEveryField(t *testing.T) {
	err := &ValidationError{Fields: []FieldError{{Field: "a", Rule: "r1"}, {Field: "b", Rule: "r2"}}}
	if got, want := err.Error(), "invalid settings: a: r1; b: r2"; got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
}

func TestEveryKindHasDefaultsAndType(t *testing.T) {
	for _, kind := range DatasourceKinds {
		if !uidPattern.MatchString(DefaultDatasourceUIDs[kind]) {
			t.Errorf("default uid of %s %q breaks the uid rule", kind, DefaultDatasourceUIDs[kind])
		}
		if DatasourceTypes[kind] == "" {
			t.Errorf("%s has no datasource type", kind)
		}
		if Defaults().Datasources.UID(kind) != DefaultDatasourceUIDs[kind] {
			t.Errorf("Defaults() does not use the default uid of %s", kind)
		}
	}
}

func TestObjectivesCoverEveryPlanWithItsSettingOrDefault(t *testing.T) {
	dedicated := agentconfig.DefaultPlans()[agentconfig.Dedicated]
	dedicated.AvailabilityObjective = 0.99
	s := Settings{Plans: map[string]agentconfig.Plan{agentconfig.Dedicated: dedicated}}
	got := s.Objectives()
	want := map[string]float64{agentconfig.Shared: 0.999, agentconfig.Dedicated: 0.99}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Objectives() = %v, want %v", got, want)
	}
}
