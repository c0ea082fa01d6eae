package alerting

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type promtoolFile struct {
	Tests []struct {
		Name          string `yaml:"name"`
		AlertRuleTest []struct {
			Alertname string `yaml:"alertname"`
			ExpAlerts []any  `yaml:"exp_alerts"`
		} `yaml:"alert_rule_test"`
		PromQLExprTest []struct {
			Expr       string `yaml:"expr"`
			ExpSamples []any  `yaml:"exp_samples"`
		} `yaml:"promql_expr_test"`
	} `yaml:"tests"`
}

type ruleFile struct {
	Groups []struct {
		Rules []struct {
			Alert  string `yaml:"alert"`
			Record string `yaml:"record"`
		} `yaml:"rules"`
	} `yaml:"groups"`
}

// Every alert needs a firing case, a silent case and a "does not fire when" case in the promtool
// tests, and every recording rule an expected-samples case: this keeps new rules from landing
// untested. The rules are read from the generated file the tests run on, which holds the SLO
// alerts (Defaults() has no objectives, so Groups(Defaults()) has none).
func TestEveryRuleHasPromtoolCases(t *testing.T) {
	paths, err := filepath.Glob("../../rules/tests/*.test.yml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no promtool tests found: %v", err)
	}
	firing, silent, doesNotFire, recorded := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var f promtoolFile
		if err := yaml.Unmarshal(raw, &f); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, tc := range f.Tests {
			for _, at := range tc.AlertRuleTest {
				if len(at.ExpAlerts) > 0 {
					firing[at.Alertname] = true
				} else {
					silent[at.Alertname] = true
				}
				if strings.HasPrefix(tc.Name, at.Alertname+" does not fire") {
					doesNotFire[at.Alertname] = true
				}
			}
			for _, et := range tc.PromQLExprTest {
				if len(et.ExpSamples) > 0 {
					recorded[et.Expr] = true
				}
			}
		}
	}
	raw, err := os.ReadFile("../../rules/hexabase.rules.yml")
	if err != nil {
		t.Fatal(err)
	}
	var rules ruleFile
	if err := yaml.Unmarshal(raw, &rules); err != nil {
		t.Fatalf("rules/hexabase.rules.yml: %v", err)
	}
	inFile := map[string]bool{}
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			switch {
			case r.Alert != "":
				inFile[r.Alert] = true
				if !firing[r.Alert] || !silent[r.Alert] || !doesNotFire[r.Alert] {
					t.Errorf("%s: firing case %v, silent case %v, \"does not fire\" case %v; want all three", r.Alert, firing[r.Alert], silent[r.Alert], doesNotFire[r.Alert])
				}
			case !recorded[r.Record]:
				t.Errorf("recording rule %s has no expected-samples test", r.Record)
			}
		}
	}
	for _, g := range Groups(Defaults()) {
		for _, a := range g.Alerts {
			if !inFile[a.Name] {
				t.Errorf("%s is missing from rules/hexabase.rules.yml: regenerate it (go run ./pkg/cmd/codegen)", a.Name)
			}
		}
	}
}
