package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hexabase/hexabase-monitoring-app/pkg/fleethealth"
)

// singleQuery is the ranking as one PromQL query, as a user would write it in Explore or a table
// panel: every workspace's highest signal score, sorted, all shipped to the browser. Each term
// gets a "signal" label of its own, or `or` would keep only the first term of a workspace.
func singleQuery(minRequestRate float64, t fleethealth.Thresholds, objectives map[string]float64) string {
	by := map[fleethealth.Signal]string{}
	for _, q := range fleethealth.Queries(minRequestRate) {
		by[q.Signal] = q.PromQL
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	term := func(name, expr string, threshold float64) string {
		return fmt.Sprintf(`label_replace((%s) / %s, "signal", %q, "", "")`, expr, num(threshold), name)
	}
	plans := make([]string, 0, len(objectives))
	for p := range objectives {
		plans = append(plans, p)
	}
	slices.Sort(plans)
	var burn []string
	for _, p := range plans {
		burn = append(burn, fmt.Sprintf(`workspace:hexabase_slo_errors:ratio_rate1h{plan_type=%q} / (1 - %s)`, p, num(objectives[p])))
	}
	terms := []string{
		term("vclustersDown", by[fleethealth.VClustersDown], 1),
		term("errorRatio", by[fleethealth.ErrorRatio], t.ErrorRatio),
		term("latencyP95", by[fleethealth.LatencyP95], t.LatencyP95Seconds),
		term("quotaUsage", "max by (workspace_id) (workspace_resource:hexabase_resource_usage_ratio:max)", t.QuotaRatio),
		term("budgetBurn", "max by (workspace_id) ("+strings.Join(burn, " or ")+")", fleethealth.FastBurnRate),
		term("dataAge", by[fleethealth.DataAge], t.SilentAfter.Seconds()),
	}
	return "sort_desc(max by (workspace_id) (" + strings.Join(terms, " or ") + "))"
}
