package codegen

import (
	"fmt"
	"strings"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

// NotificationsTS renders the design's Slack channels and the notification rules for the page.
func NotificationsTS() File {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("\nexport type SlackChannelKey = 'critical' | 'vcluster' | 'infrastructure';\n")
	b.WriteString("\nexport const SLACK_CHANNEL_KEYS: SlackChannelKey[] = ['critical', 'vcluster', 'infrastructure'];\n")
	b.WriteString("\nexport const DEFAULT_SLACK_CHANNELS: Record<SlackChannelKey, string> = {\n")
	for _, kv := range [][2]string{{"critical", alerting.SlackCritical}, {"vcluster", alerting.SlackVCluster}, {"infrastructure", alerting.SlackInfrastructure}} {
		fmt.Fprintf(&b, "  %s: %s,\n", kv[0], jsString(alerting.DefaultSlackChannels[kv[1]]))
	}
	b.WriteString("};\n")
	fmt.Fprintf(&b, "\nexport const SLACK_CHANNEL_PATTERN = new RegExp(%s);\n", jsString(settings.SlackChannelPattern))
	fmt.Fprintf(&b, "\nexport const SLACK_CHANNEL_RULE = %s;\n", jsString(settings.SlackChannelRule))
	fmt.Fprintf(&b, "\nexport const EMAIL_ADDRESS_PATTERN = new RegExp(%s);\n", jsString(settings.EmailAddressPattern))
	fmt.Fprintf(&b, "\nexport const EMAIL_LIST_RULE = %s;\n", jsString(settings.EmailListRule))
	fmt.Fprintf(&b, "\nexport const WEBHOOK_URL_PATTERN = new RegExp(%s);\n", jsString(settings.WebhookURLPattern))
	fmt.Fprintf(&b, "\nexport const WEBHOOK_URL_RULE = %s;\n", jsString(settings.WebhookURLRule))
	b.WriteString("\n/** secureJsonData keys the app reads; the backend refuses any other. */\n")
	keys := make([]string, len(settings.SecretKeys))
	for i, k := range settings.SecretKeys {
		keys[i] = jsString(k)
	}
	fmt.Fprintf(&b, "export const SECRET_KEYS = [%s] as const;\n", strings.Join(keys, ", "))
	fmt.Fprintf(&b, "\nexport const MAX_SECRET_BYTES = %d;\n", settings.MaxSecretBytes)
	fmt.Fprintf(&b, "\nexport const SECRET_SIZE_RULE = %s;\n", jsString(settings.SecretSizeRule))
	b.WriteString("\n/** Matches what a secret must not contain. */\n")
	fmt.Fprintf(&b, "export const SECRET_FORBIDDEN_PATTERN = new RegExp(%s);\n", jsString(settings.SecretForbiddenPattern))
	fmt.Fprintf(&b, "\nexport const SECRET_CHARS_RULE = %s;\n", jsString(settings.SecretCharsRule))
	fmt.Fprintf(&b, "\n/** Folder of the app's Grafana-managed rules; the installer gives it this uid, a file-provisioned one gets another. */\n")
	fmt.Fprintf(&b, "export const ALERT_FOLDER_TITLE = %s;\n\nexport const ALERT_FOLDER_UID = %s;\n", jsString(alerting.FolderTitle), jsString(alerting.FolderUID))
	return File{Path: "src/generated/notifications.ts", Content: b.String()}
}
