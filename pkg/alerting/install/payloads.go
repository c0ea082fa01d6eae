// Package install installs the app's alerting into a running Grafana through its HTTP API: the
// Hexabase folder, the notification templates, contact points and rule groups. Rules route to
// the app's contact points through per-rule notification settings, so the user's notification
// policy tree is never touched. Everything is created editable (X-Disable-Provenance); what
// provisioning files manage, and rules an operator changed in Grafana, are left alone and reported.
package install

import (
	"fmt"
	"sort"

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

// contactPoint is one integration as the provisioning API exchanges it (EmbeddedContactPoint).
type contactPoint struct {
	UID                   string         `json:"uid"`
	Name                  string         `json:"name"`
	Type                  string         `json:"type"`
	Settings              map[string]any `json:"settings"`
	DisableResolveMessage bool           `json:"disableResolveMessage"`
	Provenance            string         `json:"provenance,omitempty"`
}

// rule is a Grafana-managed rule as the provisioning API exchanges it.
type rule struct {
	alerting.GrafanaRule
	FolderUID  string `json:"folderUID"`
	RuleGroup  string `json:"ruleGroup"`
	OrgID      int64  `json:"orgID"`
	Provenance string `json:"provenance,omitempty"`
	// Never set by the app; read so that an operator's change is noticed.
	KeepFiringFor string `json:"keep_firing_for,omitempty"`
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
	contactPoints map[string][]contactPoint // by delivery name
	groups        []ruleGroup
	skipped       []string
}

func buildPlan(cfg alerting.Config, prometheusUID string, orgID int64, dest Destinations) (plan, error) {
	p := plan{contactPoints: map[string][]contactPoint{}}
	skippedSeen := map[string]bool{}
	for _, d := range alerting.Deliveries(cfg) {
		for _, in := range d.Integrations {
			cp, missing := integration(in, d.Name, dest)
			if missing != "" {
				if !skippedSeen[in.DesignUID] {
					p.skipped = append(p.skipped, fmt.Sprintf("%s of %q: %s is not configured", in.Type, in.Receiver, missing))
					skippedSeen[in.DesignUID] = true
				}
				continue
			}
			p.contactPoints[d.Name] = append(p.contactPoints[d.Name], cp)
		}
	}
	for _, g := range alerting.AlertGroups(cfg) {
		rg := ruleGroup{Title: g.Name, FolderUID: alerting.FolderUID, Interval: int64(g.Interval.Seconds())}
		for _, a := range g.Alerts {
			r := rule{GrafanaRule: alerting.GrafanaRuleFor(a, prometheusUID), FolderUID: alerting.FolderUID, RuleGroup: g.Name, OrgID: orgID}
			if len(p.contactPoints[r.NotificationSettings.Receiver]) == 0 {
				return plan{}, fmt.Errorf("alert %s would notify nobody: configure at least one of the destinations of %s", a.Name, r.NotificationSettings.Receiver)
			}
			rg.Rules = append(rg.Rules, withFingerprint(r, rg.Interval))
		}
		p.groups = append(p.groups, rg)
	}
	sort.Strings(p.skipped)
	return p, nil
}

func integration(in alerting.DeliveredIntegration, deliveryName string, dest Destinations) (contactPoint, string) {
	settings := map[string]any{}
	for k, v := range in.Settings {
		settings[k] = v
	}
	if channel := dest.SlackChannels[in.DesignUID]; in.Type == "slack" && channel != "" {
		settings["recipient"] = channel
	}
	for key, env := range in.Values {
		v := dest.value(env)
		if v == "" {
			return contactPoint{}, describe(env)
		}
		settings[key] = v
	}
	return contactPoint{UID: in.UID, Name: deliveryName, Type: in.Type, Settings: settings}, ""
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
