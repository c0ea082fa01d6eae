package alerting

import "time"

// Integration is one notifier of a contact point. Settings are fixed values; Values maps a
// setting to the environment variable that supplies it (provisioning files, and the key of the
// app's settings the installer reads it from), so that no address or secret is ever written
// into a file or a log. Which of them Grafana keeps secret is Grafana's: SecureSettings.
type Integration struct {
	UID      string
	Type     string
	Settings map[string]any
	Values   map[string]string
}

// ContactPoint is a named set of integrations that a route delivers to.
type ContactPoint struct {
	Name         string
	Integrations []Integration
}

// Route sends alerts whose labels equal Match to Receiver; Continue lets later routes match too.
type Route struct {
	Receiver string
	Match    map[string]string
	Continue bool
}

// Policy is the notification policy tree: a root with default timings and child routes.
type Policy struct {
	Receiver       string
	GroupBy        []string
	GroupWait      time.Duration
	GroupInterval  time.Duration
	RepeatInterval time.Duration
	Routes         []Route
}

// Contact point names, also the receivers of the policy tree.
const (
	ReceiverOperations     = "Hexabase operations"
	ReceiverCritical       = "Hexabase critical"
	ReceiverVCluster       = "Hexabase vCluster ops"
	ReceiverInfrastructure = "Hexabase infrastructure"
	ReceiverWebhook        = "Hexabase webhook"
)

// Environment variables that the provisioning files read addresses and secrets from.
const (
	EnvOpsEmail      = "HEXABASE_OPS_EMAIL"
	EnvCriticalEmail = "HEXABASE_CRITICAL_EMAIL"
	EnvSlackToken    = "HEXABASE_SLACK_BOT_TOKEN"
	EnvPagerDutyKey  = "HEXABASE_PAGERDUTY_INTEGRATION_KEY"
	EnvWebhookURL    = "HEXABASE_WEBHOOK_URL"
)

// Template names defined in MessageTemplates.
const (
	tmplEmailSubject   = "hexabase.email.subject"
	tmplCriticalSubj   = "hexabase.email.critical_subject"
	tmplEmailMessage   = "hexabase.email.message"
	tmplSlackCritical  = "hexabase.slack.critical_title"
	tmplSlackVCluster  = "hexabase.slack.vcluster_title"
	tmplSlackInfra     = "hexabase.slack.infrastructure_title"
	tmplSlackText      = "hexabase.slack.text"
	tmplSlackVClusterT = "hexabase.slack.vcluster_text"
	tmplPagerDuty      = "hexabase.pagerduty.summary"
)

func use(name string) string { return `{{ template "` + name + `" . }}` }

func email(uid, addressEnv, subject string) Integration {
	return Integration{UID: uid, Type: "email",
		Settings: map[string]any{"singleEmail": true, "subject": use(subject), "message": use(tmplEmailMessage)},
		Values:   map[string]string{"addresses": addressEnv}}
}

func slack(uid, channel, title, text string) Integration {
	// A bot token with a recipient per channel: the design's one slack_api_url with a channel per
	// receiver only works that way, since incoming webhooks ignore the channel they are given.
	return Integration{UID: uid, Type: "slack",
		Settings: map[string]any{"recipient": channel, "title": use(title), "text": use(text)},
		Values:   map[string]string{"token": EnvSlackToken}}
}

// Slack channels of the design, by integration UID; the app's settings may name others.
var DefaultSlackChannels = map[string]string{
	SlackCritical:       "#critical-alerts",
	SlackVCluster:       "#vcluster-ops",
	SlackInfrastructure: "#infrastructure",
}

// UIDs of the Slack integrations, whose channel the settings may change.
const (
	SlackCritical       = "hexabase-critical-slack"
	SlackVCluster       = "hexabase-vcluster-slack"
	SlackInfrastructure = "hexabase-infrastructure-slack"
)

// ContactPoints returns every contact point of the app.
func ContactPoints() []ContactPoint {
	return []ContactPoint{
		{Name: ReceiverOperations, Integrations: []Integration{email("hexabase-ops-email", EnvOpsEmail, tmplEmailSubject)}},
		{Name: ReceiverCritical, Integrations: []Integration{
			slack(SlackCritical, DefaultSlackChannels[SlackCritical], tmplSlackCritical, tmplSlackText),
			email("hexabase-critical-email", EnvCriticalEmail, tmplCriticalSubj),
			{UID: "hexabase-critical-pagerduty", Type: "pagerduty",
				Settings: map[string]any{"severity": "critical", "summary": use(tmplPagerDuty)},
				Values:   map[string]string{"integrationKey": EnvPagerDutyKey}},
		}},
		{Name: ReceiverVCluster, Integrations: []Integration{slack(SlackVCluster, DefaultSlackChannels[SlackVCluster], tmplSlackVCluster, tmplSlackVClusterT)}},
		{Name: ReceiverInfrastructure, Integrations: []Integration{slack(SlackInfrastructure, DefaultSlackChannels[SlackInfrastructure], tmplSlackInfra, tmplSlackText)}},
		{Name: ReceiverWebhook, Integrations: []Integration{{UID: "hexabase-webhook", Type: "webhook",
			Settings: map[string]any{"httpMethod": "POST"},
			Values:   map[string]string{"url": EnvWebhookURL}}}},
	}
}

// NotificationPolicy is the design's Alertmanager route, corrected where it lost alerts. It is
// not installed as a policy tree: Deliveries and NotificationSettingsFor compile it into one
// contact point per set of receivers and per-rule routing.
func NotificationPolicy() Policy {
	return Policy{
		Receiver: ReceiverOperations,
		// The design grouped by cluster and service, labels no rule carries; these are the
		// labels the rules have, so one notification covers one alert in one workspace.
		GroupBy:   []string{"alertname", "cluster_id", "workspace_id"},
		GroupWait: 10 * time.Second,
		// The design's 10s group_interval re-notified a changing group every 10 seconds;
		// Alertmanager's 5m default keeps updates readable, repeat stays at the design's 1h.
		GroupInterval:  5 * time.Minute,
		RepeatInterval: time.Hour,
		Routes: []Route{
			// Every alert also reaches the generic webhook (ticketing, chat-ops, automation).
			{Receiver: ReceiverWebhook, Continue: true},
			// continue: in the design the first match won, so critical vCluster and disk alerts
			// never reached #vcluster-ops or #infrastructure.
			{Receiver: ReceiverCritical, Match: map[string]string{"severity": string(Critical)}, Continue: true},
			{Receiver: ReceiverVCluster, Match: map[string]string{"component": "vcluster"}},
			{Receiver: ReceiverInfrastructure, Match: map[string]string{"component": "infrastructure"}},
			// The catch-all webhook route above would otherwise keep every alert from the root
			// receiver: what no team route takes goes to the operations team by email.
			{Receiver: ReceiverOperations},
		},
	}
}

// ReceiversFor walks the policy tree as Alertmanager does and returns the contact points that
// an alert with these labels is delivered to: matching routes in order until one without
// continue; the root receiver only when no route matched.
func (p Policy) ReceiversFor(labels map[string]string) []string {
	var out []string
	for _, r := range p.Routes {
		if !matches(r.Match, labels) {
			continue
		}
		out = append(out, r.Receiver)
		if !r.Continue {
			return out
		}
	}
	if len(out) == 0 {
		return []string{p.Receiver}
	}
	return out
}

func matches(match, labels map[string]string) bool {
	for k, v := range match {
		if labels[k] != v {
			return false
		}
	}
	return true
}
