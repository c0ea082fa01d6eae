package settings

import (
	"net/mail"
	"net/url"
	"strings"
)

// Notifications holds where the app's alerts are delivered; addresses live in jsonData,
// credentials only in secureJsonData.
type Notifications struct {
	OpsEmail      string `json:"opsEmail,omitempty"`
	CriticalEmail string `json:"criticalEmail,omitempty"`
}

// Secret keys of secureJsonData.
const (
	SecretSlackBotToken   = "slackBotToken"
	SecretPagerDutyKey    = "pagerDutyIntegrationKey"
	SecretWebhookURL      = "webhookUrl"
	emailListRule         = "must be a comma-separated list of email addresses"
	webhookURLRule        = "must be an absolute http or https URL"
	secureJSONFieldPrefix = "secureJsonData."
)

// SecretKeys lists every secureJsonData key the app reads.
var SecretKeys = []string{SecretSlackBotToken, SecretPagerDutyKey, SecretWebhookURL}

func validateNotifications(n Notifications) []FieldError {
	var fields []FieldError
	for _, f := range []struct{ field, value string }{
		{"notifications.opsEmail", n.OpsEmail},
		{"notifications.criticalEmail", n.CriticalEmail},
	} {
		if strings.TrimSpace(f.value) == "" {
			continue
		}
		if _, err := mail.ParseAddressList(f.value); err != nil {
			fields = append(fields, FieldError{Field: f.field, Rule: emailListRule})
		}
	}
	return fields
}

// ValidateSecrets checks the decrypted secureJsonData; messages name the key, never the value.
func ValidateSecrets(secrets map[string]string) []FieldError {
	var fields []FieldError
	if v := secrets[SecretWebhookURL]; v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			fields = append(fields, FieldError{Field: secureJSONFieldPrefix + SecretWebhookURL, Rule: webhookURLRule})
		}
	}
	return fields
}
