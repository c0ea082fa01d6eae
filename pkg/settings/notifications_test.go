package settings

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestNotificationSettings(t *testing.T) {
	got, err := Parse([]byte(`{"notifications":{"opsEmail":"ops@hexabase.ai, sre@hexabase.ai","criticalEmail":"critical@hexabase.ai"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got.Notifications.OpsEmail != "ops@hexabase.ai, sre@hexabase.ai" {
		t.Fatalf("notifications = %+v", got.Notifications)
	}
	_, err = Parse([]byte(`{"notifications":{"opsEmail":"ops at hexabase","criticalEmail":"not an address"}}`))
	want := &ValidationError{Fields: []FieldError{
		{Field: "notifications.opsEmail", Rule: EmailListRule},
		{Field: "notifications.criticalEmail", Rule: EmailListRule},
	}}
	if !reflect.DeepEqual(err, want) {
		t.Fatalf("Parse() error = %v, want %v", err, want)
	}
}

func TestValidateSecrets(t *testing.T) {
	tests := []struct {
		secrets map[string]string
		want    []FieldError
	}{
		{map[string]string{}, nil},
		{map[string]string{SecretWebhookURL: "https://hooks.example.test/x?token=abc"}, nil},
		{map[string]string{SecretWebhookURL: "hooks.example.test/x"}, []FieldError{{Field: "secureJsonData.webhookUrl", Rule: WebhookURLRule}}},
		{map[string]string{SecretWebhookURL: "ftp://hooks.example.test"}, []FieldError{{Field: "secureJsonData.webhookUrl", Rule: WebhookURLRule}}},
		// An empty value resets the secret: the page sends it when the user clicks Reset.
		{map[string]string{SecretSlackBotToken: "", SecretPagerDutyKey: "", SecretWebhookURL: ""}, nil},
		{map[string]string{SecretSlackBotToken: "xoxb-1\nX-Injected: 1"}, []FieldError{{Field: "secureJsonData.slackBotToken", Rule: SecretCharsRule}}},
		{map[string]string{SecretPagerDutyKey: "key\twith-tab"}, []FieldError{{Field: "secureJsonData.pagerDutyIntegrationKey", Rule: SecretCharsRule}}},
		{map[string]string{SecretPagerDutyKey: "key\u0085"}, []FieldError{{Field: "secureJsonData.pagerDutyIntegrationKey", Rule: SecretCharsRule}}},
		{map[string]string{SecretPagerDutyKey: "key\x7f"}, []FieldError{{Field: "secureJsonData.pagerDutyIntegrationKey", Rule: SecretCharsRule}}},
		{map[string]string{SecretWebhookURL: "https://h.example.test/\r\n"}, []FieldError{{Field: "secureJsonData.webhookUrl", Rule: WebhookURLRule}}},
		{map[string]string{SecretWebhookURL: "https://h.example.test/\u0085"}, []FieldError{{Field: "secureJsonData.webhookUrl", Rule: SecretCharsRule}}},
		{map[string]string{SecretSlackBotToken: strings.Repeat("x", MaxSecretBytes)}, nil},
		{map[string]string{SecretSlackBotToken: strings.Repeat("x", MaxSecretBytes+1)}, []FieldError{{Field: "secureJsonData.slackBotToken", Rule: SecretSizeRule}}},
		{map[string]string{SecretSlackBotToken: strings.Repeat("é", MaxSecretBytes/2+1)}, []FieldError{{Field: "secureJsonData.slackBotToken", Rule: SecretSizeRule}}},
		{map[string]string{"slackbottoken": "x", "password": ""}, []FieldError{
			{Field: "secureJsonData.password", Rule: SecretKeyRule}, {Field: "secureJsonData.slackbottoken", Rule: SecretKeyRule},
		}},
		{map[string]string{strings.Repeat("k", MaxKeyLength+1): "x"}, []FieldError{{Field: "secureJsonData", Rule: LongKeyRule}}},
	}
	for _, tt := range tests {
		var got []FieldError
		if err := ValidateSecrets(tt.secrets); err != nil {
			got = err.(*ValidationError).Fields
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ValidateSecrets(%.80q) = %v, want %v", tt.secrets, got, tt.want)
		}
	}
}

// Thousands of unknown keys give a bounded answer that counts what it leaves out.
func TestValidateSecretsIsBounded(t *testing.T) {
	secrets := map[string]string{}
	for i := range 5000 {
		secrets[fmt.Sprintf("k%05d", i)] = ""
	}
	verr := ValidateSecrets(secrets).(*ValidationError)
	if len(verr.Fields) != MaxErrors || verr.More != 5000-MaxErrors || verr.Fields[0].Field != "secureJsonData.k00000" {
		t.Fatalf("%d errors, %d more, first %v", len(verr.Fields), verr.More, verr.Fields[0])
	}
}

func TestManualWorkspacesAreValidated(t *testing.T) {
	_, err := Parse([]byte(`{"workspaces":[{"id":"ws-1","clusterId":"cluster-a","plan":"shared"},{"id":"ws-1","clusterId":"Cluster A","plan":"gold"}]}`))
	want := &ValidationError{Fields: []FieldError{
		{Field: "workspaces[1].clusterId", Rule: "must be a DNS-1123 label: 1 to 63 lower-case letters, digits or '-', starting and ending with a letter or digit"},
		{Field: "workspaces[1].plan", Rule: "must be shared or dedicated"},
		{Field: "workspaces[1].id", Rule: "is already the id of another workspace"},
	}}
	if !reflect.DeepEqual(err, want) {
		t.Fatalf("Parse() error = %v, want %v", err, want)
	}
}

func TestSlackChannelsAreValidated(t *testing.T) {
	got, err := Parse([]byte(`{"notifications":{"slackChannels":{"critical":"#sre-pager","vcluster":"C0123456789"}}}`))
	if err != nil || got.Notifications.SlackChannels.ByIntegration()["hexabase-critical-slack"] != "#sre-pager" {
		t.Fatalf("Parse() = %+v, %v", got.Notifications, err)
	}
	_, err = Parse([]byte(`{"notifications":{"slackChannels":{"critical":"#SRE Pager","infrastructure":"#a\"b"}}}`))
	want := &ValidationError{Fields: []FieldError{
		{Field: "notifications.slackChannels.critical", Rule: SlackChannelRule},
		{Field: "notifications.slackChannels.infrastructure", Rule: SlackChannelRule},
	}}
	if !reflect.DeepEqual(err, want) {
		t.Fatalf("Parse() error = %v, want %v", err, want)
	}
}

// The same cases run in jest against the page (NotificationsSection.test.tsx).
func TestSharedSecretRules(t *testing.T) {
	data, err := os.ReadFile("testdata/secret-rules.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name, Key, Value, Rule string
		Repeat                 int
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	rules := map[string]string{"": "", "chars": SecretCharsRule, "size": SecretSizeRule, "webhookUrl": WebhookURLRule}
	for _, c := range cases {
		value := c.Value
		if c.Repeat > 0 {
			value = strings.Repeat(c.Value, c.Repeat)
		}
		if got := SecretRule(c.Key, value); got != rules[c.Rule] {
			t.Errorf("%s: SecretRule() = %q, want %q", c.Name, got, rules[c.Rule])
		}
	}
}
