package alerting

import (
	"regexp"
	"sort"
	"strconv"
)

// FolderTitle is the Grafana folder that holds the app's rules; FolderUID its fixed uid.
const (
	FolderTitle = "Hexabase"
	FolderUID   = "hexabase-alerts"
)

// GrafanaQuery is one entry of a Grafana-managed rule's data.
type GrafanaQuery struct {
	RefID             string            `json:"refId" yaml:"refId"`
	RelativeTimeRange RelativeTimeRange `json:"relativeTimeRange" yaml:"relativeTimeRange"`
	DatasourceUID     string            `json:"datasourceUid" yaml:"datasourceUid"`
	Model             map[string]any    `json:"model" yaml:"model"`
}

// RelativeTimeRange is in seconds before the evaluation time.
type RelativeTimeRange struct {
	From int `json:"from" yaml:"from"`
	To   int `json:"to" yaml:"to"`
}

// GrafanaRule is the part of a Grafana-managed rule that files and the HTTP API share.
type GrafanaRule struct {
	UID          string            `json:"uid" yaml:"uid"`
	Title        string            `json:"title" yaml:"title"`
	Condition    string            `json:"condition" yaml:"condition"`
	Data         []GrafanaQuery    `json:"data" yaml:"data"`
	NoDataState  string            `json:"noDataState" yaml:"noDataState"`
	ExecErrState string            `json:"execErrState" yaml:"execErrState"`
	For          string            `json:"for" yaml:"for"`
	Labels       map[string]string `json:"labels" yaml:"labels"`
	Annotations  map[string]string `json:"annotations" yaml:"annotations"`
	IsPaused     bool              `json:"isPaused" yaml:"isPaused"`
	// NotificationSettings route the rule to its delivery without the notification policy tree.
	NotificationSettings *NotificationSettings `json:"notification_settings" yaml:"notification_settings"`
	// MissingSeriesEvalsToResolve is spelt differently in the HTTP API and in files (Grafana
	// drops a misspelt field without a word); unset, Grafana resolves after 2 evaluations.
	MissingSeriesEvalsToResolve *int `json:"missingSeriesEvalsToResolve,omitempty" yaml:"missing_series_evals_to_resolve,omitempty"`
}

var rangeSelector = regexp.MustCompile(`\[(\d+)([smh])\]`)

// queryWindow is how far back the query reads: its longest range selector plus Prometheus'
// 5m lookback, so that Grafana asks for enough data.
func queryWindow(query string) int {
	longest := 0
	for _, m := range rangeSelector.FindAllStringSubmatch(query, -1) {
		n, _ := strconv.Atoi(m[1])
		unit := map[string]int{"s": 1, "m": 60, "h": 3600}[m[2]]
		if n*unit > longest {
			longest = n * unit
		}
	}
	return longest + 300
}

// GrafanaRuleFor renders an alert as instant query A plus threshold B. B filters the series of
// A exactly as the PromQL comparison does in the promtool-tested rule, and its threshold stays
// editable in Grafana's rule editor.
func GrafanaRuleFor(a Alert, prometheusUID string) GrafanaRule {
	ns := NotificationSettingsFor(a)
	evaluator := "gt"
	if a.Op == Below {
		evaluator = "lt"
	}
	return GrafanaRule{
		UID:       a.UID,
		Title:     a.Name,
		Condition: "B",
		Data: []GrafanaQuery{
			{
				RefID:             "A",
				RelativeTimeRange: RelativeTimeRange{From: queryWindow(a.Query)},
				DatasourceUID:     prometheusUID,
				Model: map[string]any{
					"refId": "A", "expr": a.Query, "instant": true, "range": false,
					"intervalMs": 1000, "maxDataPoints": 43200,
				},
			},
			{
				RefID:             "B",
				RelativeTimeRange: RelativeTimeRange{},
				DatasourceUID:     "__expr__",
				Model: map[string]any{
					"refId": "B", "type": "threshold", "expression": "A",
					"datasource": map[string]any{"type": "__expr__", "uid": "__expr__"},
					"conditions": []any{map[string]any{"evaluator": map[string]any{"type": evaluator, "params": []any{a.Threshold}}}},
				},
			},
		},
		NoDataState:                 string(a.NoData),
		ExecErrState:                string(ExecErrError),
		For:                         PromDuration(a.For),
		Labels:                      a.Labels(),
		Annotations:                 a.Annotations(Grafana),
		NotificationSettings:        &ns,
		MissingSeriesEvalsToResolve: a.MissingSeriesEvalsToResolve,
	}
}

// AlertGroups returns the groups that hold alerts (recording rules stay in Prometheus).
func AlertGroups(cfg Config) []Group {
	var out []Group
	for _, g := range Groups(cfg) {
		if len(g.Alerts) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
