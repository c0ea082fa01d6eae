package settings

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
)

// The same cases run in jest against the configuration page (src/settings/plans.test.ts):
// the page and the API refuse the same input with the same field and rule.
func TestSharedValidationCases(t *testing.T) {
	data, err := os.ReadFile("../../tests/fixtures/settings-validation.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name     string            `json:"name"`
		JSONData json.RawMessage   `json:"jsonData"`
		Secrets  map[string]string `json:"secureJsonData"`
		Errors   []FieldError      `json:"errors"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	rules := map[string]string{
		"id": agentconfig.IDRule, "plan": agentconfig.PlanRule, "duplicateId": DuplicateIDRule, "duration": agentconfig.DurationRule,
		"url": agentconfig.URLRule, "header": agentconfig.HeaderRule, "target": agentconfig.TargetRule, "ruleFile": agentconfig.RuleFileRule,
		"queue": agentconfig.QueueRule, "jobs": agentconfig.JobsRule, "job": "must be one of " + strings.Join(agentconfig.JobNames, ", "),
		"ratio": agentconfig.RatioRule, "seconds": agentconfig.SecondsRule, "thresholds": agentconfig.ThresholdsRule,
		"tenant": agentconfig.TenantRule, "platformTenant": agentconfig.PlatformTenantRule,
		"objective": agentconfig.ObjectiveRule, "platformWideShare": PlatformWideShareRule,
		"slackChannel": SlackChannelRule, "emailList": EmailListRule, "webhookUrl": WebhookURLRule,
	}
	key := func(f FieldError) string { return f.Field + ": " + f.Rule }
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			var want, got []string
			for _, e := range c.Errors {
				want = append(want, key(FieldError{Field: e.Field, Rule: rules[e.Rule]}))
			}
			if _, err := Parse(c.JSONData); err != nil {
				verr, ok := err.(*ValidationError)
				if !ok {
					t.Fatalf("Parse() = %v", err)
				}
				for _, f := range verr.Fields {
					got = append(got, key(f))
				}
			}
			if err := ValidateSecrets(c.Secrets); err != nil {
				for _, f := range err.(*ValidationError).Fields {
					got = append(got, key(f))
				}
			}
			sort.Strings(want)
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
