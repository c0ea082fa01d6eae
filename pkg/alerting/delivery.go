package alerting

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// NotificationSettings route one Grafana-managed rule straight to a contact point, with the
// policy's grouping and timings, so that neither the installer nor the provisioning files touch
// the user's notification policy tree. The keys are the same in files and in the HTTP API.
type NotificationSettings struct {
	Receiver       string   `json:"receiver" yaml:"receiver"`
	GroupBy        []string `json:"group_by" yaml:"group_by"`
	GroupWait      string   `json:"group_wait" yaml:"group_wait"`
	GroupInterval  string   `json:"group_interval" yaml:"group_interval"`
	RepeatInterval string   `json:"repeat_interval" yaml:"repeat_interval"`
	// Set by operators in Grafana, never by the app; read so that their edits are noticed.
	MuteTimeIntervals   []string `json:"mute_time_intervals,omitempty" yaml:"mute_time_intervals,omitempty"`
	ActiveTimeIntervals []string `json:"active_time_intervals,omitempty" yaml:"active_time_intervals,omitempty"`
}

// Delivery is one contact point as Grafana holds it for the app: the integrations of every
// receiver that the notification policy sends an alert to, under one name, because a rule's
// notification settings name a single contact point.
type Delivery struct {
	Name         string
	Receivers    []string
	Integrations []DeliveredIntegration
}

// DeliveredIntegration is one of the design's integrations inside a delivery, under a UID of its
// own there.
type DeliveredIntegration struct {
	Integration
	Receiver  string // the design's contact point it comes from
	DesignUID string // its UID in the design, which settings such as Slack channels refer to
}

// DeliveryName names the contact point that delivers to exactly these receivers.
func DeliveryName(receivers []string) string {
	short := make([]string, len(receivers))
	for i, r := range receivers {
		short[i] = strings.TrimPrefix(r, "Hexabase ")
	}
	return "Hexabase: " + strings.Join(short, ", ")
}

// integrationUID keeps an integration's UID unique across the deliveries that share it (at most
// 40 characters, Grafana's limit).
func integrationUID(uid, delivery string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(delivery))
	return fmt.Sprintf("%s-%08x", uid, h.Sum32())
}

// Deliveries returns the contact points the app's rules route to, in the order rules first use them.
func Deliveries(cfg Config) []Delivery {
	byName := map[string]ContactPoint{}
	for _, cp := range ContactPoints() {
		byName[cp.Name] = cp
	}
	seen := map[string]bool{}
	var out []Delivery
	for _, a := range AllAlerts(cfg) {
		receivers := NotificationPolicy().ReceiversFor(a.Labels())
		name := DeliveryName(receivers)
		if seen[name] {
			continue
		}
		seen[name] = true
		d := Delivery{Name: name, Receivers: receivers}
		for _, r := range receivers {
			for _, in := range byName[r].Integrations {
				delivered := DeliveredIntegration{Integration: in, Receiver: r, DesignUID: in.UID}
				delivered.UID = integrationUID(in.UID, name)
				d.Integrations = append(d.Integrations, delivered)
			}
		}
		out = append(out, d)
	}
	return out
}

// NotificationSettingsFor routes an alert to its delivery with the policy's grouping and timings.
func NotificationSettingsFor(a Alert) NotificationSettings {
	p := NotificationPolicy()
	return NotificationSettings{
		Receiver: DeliveryName(p.ReceiversFor(a.Labels())),
		// Grafana requires alertname and grafana_folder in a rule's own grouping
		// (pkg/services/ngalert/models/notifications.go Validate).
		GroupBy:        append([]string{"alertname", "grafana_folder"}, p.GroupBy[1:]...),
		GroupWait:      PromDuration(p.GroupWait),
		GroupInterval:  PromDuration(p.GroupInterval),
		RepeatInterval: PromDuration(p.RepeatInterval),
	}
}

// SecureSettings are the settings of an integration type that Grafana stores encrypted and
// never returns (Grafana 12.x pkg/services/ngalert/notifier/channels_config,
// GetSecretKeysForContactPointType): an email's addresses and a webhook's URL are plain.
func SecureSettings(integrationType string) []string {
	switch integrationType {
	case "slack":
		return []string{"token", "url"}
	case "pagerduty":
		return []string{"integrationKey"}
	case "webhook":
		return []string{"password", "authorization_credentials"}
	}
	return nil
}
