package alerting

import "strings"

// Value placeholders in descriptions, rendered per rule engine: Prometheus exposes the value as
// $value, Grafana as $values.A.Value (its $value is a text listing every expression).
const (
	valuePercent = "%VALUE_PERCENT%" // a value already in percent
	valueRatio   = "%VALUE_RATIO%"   // a 0..1 ratio
	valueSeconds = "%VALUE_SECONDS%" // a duration in seconds
	valueTimes   = "%VALUE_TIMES%"   // a multiple of a rate
)

// Engine names where annotations are rendered for.
type Engine int

const (
	Prometheus Engine = iota
	Grafana
)

// Annotations returns the rule's annotations with value placeholders rendered for engine.
func (a Alert) Annotations(engine Engine) map[string]string {
	value := "$value"
	if engine == Grafana {
		value = "$values.A.Value"
	}
	description := strings.NewReplacer(
		valuePercent, `{{ printf "%.1f" `+value+` }}%`,
		valueRatio, "{{ humanizePercentage "+value+" }}",
		valueSeconds, "{{ humanizeDuration "+value+" }}",
		valueTimes, `{{ printf "%.1f" `+value+` }}x`,
	).Replace(a.Description)
	return map[string]string{
		"summary":     a.Summary,
		"description": description,
		"runbook_url": a.RunbookURL,
	}
}

// Labels are the labels every notification of the rule carries besides the query's own.
func (a Alert) Labels() map[string]string {
	return map[string]string{"severity": string(a.Severity), "component": a.Component}
}
