// Package install installs the app's alerting into a running Grafana through its HTTP API: the
// Hexabase folder, the notification templates, contact points and rule groups. Rules route to
// the app's contact points through per-rule notification settings, so the user's notification
// policy tree is never touched. Everything is created editable (X-Disable-Provenance).
package install

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strings"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
)

// Destinations are the addresses and secrets the contact points deliver to, from the app's
// settings (secrets from secureJsonData); an empty one leaves its integration out.
type Destinations struct {
	OpsEmail      string
	CriticalEmail string
	SlackToken    string
	PagerDutyKey  string
	WebhookURL    string
	// SlackChannels replaces, by integration UID, the design's channel of a Slack integration.
	SlackChannels map[string]string
}

func (d Destinations) value(env string) string {
	switch env {
	case alerting.EnvOpsEmail:
		return d.OpsEmail
	case alerting.EnvCriticalEmail:
		return d.CriticalEmail
	case alerting.EnvSlackToken:
		return d.SlackToken
	case alerting.EnvPagerDutyKey:
		return d.PagerDutyKey
	case alerting.EnvWebhookURL:
		return d.WebhookURL
	}
	return ""
}

// contactPoint is one integration as the provisioning API stores it (EmbeddedContactPoint).
type contactPoint struct {
	UID                   string         `json:"uid"`
	Name                  string         `json:"name"`
	Type                  string         `json:"type"`
	Settings              map[string]any `json:"settings"`
	DisableResolveMessage bool           `json:"disableResolveMessage"`
	secretKeys            []string
}

type notificationSettings struct {
	Receiver       string   `json:"receiver"`
	GroupBy        []string `json:"group_by"`
	GroupWait      string   `json:"group_wait"`
	GroupInterval  string   `json:"group_interval"`
	RepeatInterval string   `json:"repeat_interval"`
}

type rule struct {
	alerting.GrafanaRule
	FolderUID            string               `json:"folderUID"`
	RuleGroup            string               `json:"ruleGroup"`
	OrgID                int64                `json:"orgID"`
	NotificationSettings notificationSettings `json:"notification_settings"`
}

type ruleGroup struct {
	Title     string `json:"title"`
	FolderUID string `json:"folderUid"`
	Interval  int64  `json:"interval"`
	Rules     []rule `json:"rules"`
}

// plan is everything the installer will write, computed before the first request so that bad
// settings are refused without writing anything.
type plan struct {
	contactPoints map[string][]contactPoint // by contact point name
	groups        []ruleGroup
	skipped       []string
}

// routeName names the contact point that delivers to exactly these receivers.
func routeName(receivers []string) string {
	short := make([]string, len(receivers))
	for i, r := range receivers {
		short[i] = strings.TrimPrefix(r, "Hexabase ")
	}
	return "Hexabase: " + strings.Join(short, ", ")
}

func suffix(name string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	return fmt.Sprintf("%08x", h.Sum32())
}

func buildPlan(cfg alerting.Config, prometheusUID string, dest Destinations) (plan, error) {
	p := plan{contactPoints: map[string][]contactPoint{}}
	byName := map[string]alerting.ContactPoint{}
	for _, cp := range alerting.ContactPoints() {
		byName[cp.Name] = cp
	}
	policy := alerting.NotificationPolicy()
	skippedSeen := map[string]bool{}
	for _, g := range alerting.AlertGroups(cfg) {
		rg := ruleGroup{Title: g.Name, FolderUID: alerting.FolderUID, Interval: int64(g.Interval.Seconds())}
		for _, a := range g.Alerts {
			receivers := policy.ReceiversFor(a.Labels())
			name := routeName(receivers)
			if _, done := p.contactPoints[name]; !done {
				var integrations []contactPoint
				for _, r := range receivers {
					for _, in := range byName[r].Integrations {
						cp, missing := integration(in, name, dest)
						if missing != "" {
							if !skippedSeen[in.UID] {
								p.skipped = append(p.skipped, fmt.Sprintf("%s of %q: %s is not configured", in.Type, r, missing))
								skippedSeen[in.UID] = true
							}
							continue
						}
						integrations = append(integrations, cp)
					}
				}
				if len(integrations) == 0 {
					return plan{}, fmt.Errorf("alert %s would notify nobody: configure at least one of the destinations of %s", a.Name, strings.Join(receivers, ", "))
				}
				p.contactPoints[name] = integrations
			}
			rg.Rules = append(rg.Rules, rule{
				GrafanaRule: alerting.GrafanaRuleFor(a, prometheusUID),
				FolderUID:   alerting.FolderUID, RuleGroup: g.Name, OrgID: 1,
				NotificationSettings: notificationSettings{
					Receiver: name,
					// Grafana requires alertname and grafana_folder in a rule's own grouping.
					GroupBy:        append([]string{"alertname", "grafana_folder"}, policy.GroupBy[1:]...),
					GroupWait:      alerting.PromDuration(policy.GroupWait),
					GroupInterval:  alerting.PromDuration(policy.GroupInterval),
					RepeatInterval: alerting.PromDuration(policy.RepeatInterval),
				},
			})
		}
		p.groups = append(p.groups, rg)
	}
	sort.Strings(p.skipped)
	return p, nil
}

func integration(in alerting.Integration, cpName string, dest Destinations) (contactPoint, string) {
	settings := map[string]any{}
	for k, v := range in.Settings {
		settings[k] = v
	}
	if channel := dest.SlackChannels[in.UID]; in.Type == "slack" && channel != "" {
		settings["recipient"] = channel
	}
	var secretKeys []string
	for key, env := range in.Secrets {
		v := dest.value(env)
		if v == "" {
			return contactPoint{}, describe(env)
		}
		settings[key] = v
		secretKeys = append(secretKeys, key)
	}
	sort.Strings(secretKeys)
	return contactPoint{
		UID: in.UID + "-" + suffix(cpName), Name: cpName, Type: in.Type,
		Settings: settings, secretKeys: secretKeys,
	}, ""
}

// describe names a destination the way the configuration page shows it.
func describe(env string) string {
	return map[string]string{
		alerting.EnvOpsEmail:      "the operations email address",
		alerting.EnvCriticalEmail: "the critical alerts email address",
		alerting.EnvSlackToken:    "the Slack bot token",
		alerting.EnvPagerDutyKey:  "the PagerDuty integration key",
		alerting.EnvWebhookURL:    "the webhook URL",
	}[env]
}
