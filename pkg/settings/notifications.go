package settings

import (
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
)

// Notifications holds where the app's alerts are delivered; addresses live in jsonData,
// credentials only in secureJsonData.
type Notifications struct {
	OpsEmail      string        `json:"opsEmail,omitempty"`
	CriticalEmail string        `json:"criticalEmail,omitempty"`
	SlackChannels SlackChannels `json:"slackChannels,omitzero"`
}

// SlackChannels name where each Slack contact point posts; empty keeps the design's channel.
type SlackChannels struct {
	Critical       string `json:"critical,omitempty"`
	VCluster       string `json:"vcluster,omitempty"`
	Infrastructure string `json:"infrastructure,omitempty"`
}

// ByIntegration keys the configured channels by the UID of their Slack integration.
func (c SlackChannels) ByIntegration() map[string]string {
	return map[string]string{alerting.SlackCritical: c.Critical, alerting.SlackVCluster: c.VCluster, alerting.SlackInfrastructure: c.Infrastructure}
}

// A channel name (lower case, at most 80 characters) or a channel id, as Slack's API takes them.
const (
	SlackChannelPattern = `^(#?[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{8,20})$`
	SlackChannelRule    = "must be a Slack channel name such as #critical-alerts (lower case, at most 80 characters) or a channel id such as C0123456789"
)

var slackChannelPattern = regexp.MustCompile(SlackChannelPattern)

// The page checks addresses and URLs with these patterns; the backend also with Go's parsers,
// which Grafana uses, so that what the page lets through is never refused later.
const (
	// One address, optionally after a plain display name: "ops@example.com", "Ops <ops@example.com>".
	EmailAddressPattern = `^([^<>,"\\()@;:\[\]]*<[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+>|[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+)$`
	// No spaces, quotes, backslashes or control characters anywhere in the URL.
	WebhookURLPattern = `^https?://[^\s"'<>\\^{}|\x00-\x1f\x7f]+$`
)

var (
	emailAddressPattern = regexp.MustCompile(EmailAddressPattern)
	webhookURLPattern   = regexp.MustCompile(WebhookURLPattern)
)

func emailListOK(v string) bool {
	for _, part := range strings.Split(v, ",") {
		if !emailAddressPattern.MatchString(strings.TrimSpace(part)) {
			return false
		}
	}
	_, err := mail.ParseAddressList(v)
	return err == nil
}

func webhookURLOK(v string) bool {
	if !webhookURLPattern.MatchString(v) {
		return false
	}
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return false
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		return err == nil && n >= 1 && n <= 65535
	}
	return true
}

// Secret keys of secureJsonData.
const (
	SecretSlackBotToken   = "slackBotToken"
	SecretPagerDutyKey    = "pagerDutyIntegrationKey"
	SecretWebhookURL      = "webhookUrl"
	EmailListRule         = "must be a comma-separated list of email addresses"
	WebhookURLRule        = "must be an absolute http or https URL"
	secureJSONFieldPrefix = "secureJsonData."
)

// A secret goes into contact points' HTTP headers and URLs, where a line break would end the header.
const (
	MaxSecretBytes         = 4 << 10
	MaxSecureJSONDataBytes = 128 << 10
	SecretForbiddenPattern = `[\x00-\x1f\x7f-\x9f]`
	SecretCharsRule        = "must be one line without control characters"
	SecretSizeRule         = "must be at most 4 KiB"
	SecretKeyRule          = "is not a secret of this app"
	SecureJSONDataSizeRule = "must be at most 128 KiB of JSON"
)

var secretForbiddenPattern = regexp.MustCompile(SecretForbiddenPattern)

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
		if !emailListOK(f.value) {
			fields = append(fields, FieldError{Field: f.field, Rule: EmailListRule})
		}
	}
	for _, f := range []struct{ field, value string }{
		{"notifications.slackChannels.critical", n.SlackChannels.Critical},
		{"notifications.slackChannels.vcluster", n.SlackChannels.VCluster},
		{"notifications.slackChannels.infrastructure", n.SlackChannels.Infrastructure},
	} {
		if f.value != "" && !slackChannelPattern.MatchString(f.value) {
			fields = append(fields, FieldError{Field: f.field, Rule: SlackChannelRule})
		}
	}
	return fields
}

// SecretRule is the first rule a secret breaks, in the page's order (NotificationsSection); "" resets it.
func SecretRule(key, value string) string {
	switch {
	case value == "":
		return ""
	case len(value) > MaxSecretBytes:
		return SecretSizeRule
	case key == SecretWebhookURL && !webhookURLOK(value):
		return WebhookURLRule
	case secretForbiddenPattern.MatchString(value):
		return SecretCharsRule
	}
	return ""
}

// ValidateSecrets names each broken key of secureJsonData as secureJsonData.<key>, never its value.
func ValidateSecrets(secrets map[string]string) error {
	keys := make([]string, 0, len(secrets))
	for k := range secrets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	errs := &errorList{}
	for _, k := range keys {
		switch {
		case !slices.Contains(SecretKeys, k) && len(k) > MaxKeyLength:
			errs.add("secureJsonData", LongKeyRule)
		case !slices.Contains(SecretKeys, k):
			errs.add(secureJSONFieldPrefix+k, SecretKeyRule)
		default:
			if rule := SecretRule(k, secrets[k]); rule != "" {
				errs.add(secureJSONFieldPrefix+k, rule)
			}
		}
	}
	return errs.err()
}
