package codegen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/fleethealth"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

// PlansTS renders the plan defaults, job names, validation patterns, rules and limits for the
// configuration page, which validates with the backend's words before anything is saved.
func PlansTS() (File, error) {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString("\nimport type { PlanSettings } from '../settings/plans';\n")
	b.WriteString("\nexport type PlanName = 'shared' | 'dedicated';\n")
	b.WriteString("\nexport const PLAN_NAMES: PlanName[] = ['shared', 'dedicated'];\n")
	jobs, _ := json.Marshal(agentconfig.JobNames)
	fmt.Fprintf(&b, "\nexport const JOB_NAMES: string[] = %s;\n", jobs)
	reserved, _ := json.Marshal(agentconfig.ReservedHeaders)
	fmt.Fprintf(&b, "\n// Tenant headers Prometheus refuses, lower-cased (RULES.reservedHeader).\nexport const RESERVED_HEADERS: string[] = %s;\n", reserved)
	defaults := agentconfig.DefaultPlans()
	plans, err := json.MarshalIndent(map[string]agentconfig.Plan{agentconfig.Shared: defaults[agentconfig.Shared], agentconfig.Dedicated: defaults[agentconfig.Dedicated]}, "", "  ")
	if err != nil {
		return File{}, err
	}
	fmt.Fprintf(&b, "\nexport const DEFAULT_PLANS: Record<PlanName, PlanSettings> = %s;\n", plans)
	d := alerting.Defaults()
	fmt.Fprintf(&b, "\n// The app's alert thresholds (pkg/alerting), which a plan may override.\nexport const DEFAULT_THRESHOLDS = {\n  errorRatio: %g,\n  latencyP95Seconds: %g,\n  deployFailureRatio: %g,\n  quotaRatio: %g,\n};\n",
		d.ErrorRatio, d.LatencyP95Seconds, d.DeployFailureRatio, d.QuotaRatio)
	b.WriteString("\nexport const PATTERNS = {\n")
	for _, kv := range [][2]string{
		{"id", agentconfig.IDPattern}, {"url", agentconfig.URLPattern}, {"header", agentconfig.HeaderPattern},
		{"target", agentconfig.TargetPattern}, {"duration", agentconfig.DurationPattern}, {"ruleFile", agentconfig.RuleFilePattern},
		{"tenant", agentconfig.TenantPattern},
	} {
		fmt.Fprintf(&b, "  %s: new RegExp(%s),\n", kv[0], jsString(kv[1]))
	}
	b.WriteString("};\n\nexport const RULES = {\n")
	for _, kv := range [][2]string{
		{"id", agentconfig.IDRule}, {"url", agentconfig.URLRule}, {"header", agentconfig.HeaderRule},
		{"reservedHeader", agentconfig.ReservedHeaderRule},
		{"target", agentconfig.TargetRule}, {"duration", agentconfig.DurationRule}, {"ruleFile", agentconfig.RuleFileRule},
		{"plan", agentconfig.PlanRule}, {"queue", agentconfig.QueueRule}, {"jobs", agentconfig.JobsRule},
		{"job", "must be one of " + strings.Join(agentconfig.JobNames, ", ")},
		{"ratio", agentconfig.RatioRule}, {"seconds", agentconfig.SecondsRule}, {"thresholds", agentconfig.ThresholdsRule},
		{"tenant", agentconfig.TenantRule}, {"platformTenant", agentconfig.PlatformTenantRule},
		{"objective", agentconfig.ObjectiveRule}, {"platformWideShare", settings.PlatformWideShareRule},
		{"duplicateId", settings.DuplicateIDRule}, {"jsonDataSize", settings.JSONDataSizeRule}, {"workspacesCount", settings.WorkspacesCountRule},
	} {
		fmt.Fprintf(&b, "  %s: %s,\n", kv[0], jsString(kv[1]))
	}
	b.WriteString("};\n\nexport const LIMITS = {\n")
	fmt.Fprintf(&b, "  minIntervalSeconds: %d,\n  maxIntervalSeconds: %d,\n  maxQueue: %d,\n  maxJsonDataBytes: %d,\n  maxManualWorkspaces: %d,\n  maxLatencySeconds: %g,\n  minObjective: %g,\n",
		int(agentconfig.MinInterval.Seconds()), int(agentconfig.MaxInterval.Seconds()), agentconfig.MaxQueue, settings.MaxJSONDataBytes, settings.MaxManualWorkspaces, agentconfig.MaxLatency, agentconfig.MinObjective)
	b.WriteString("};\n")
	fmt.Fprintf(&b, "\n// jsonData.incidents when unset (pkg/settings DefaultIncidents).\nexport const DEFAULT_INCIDENTS = { platformWideShare: %g };\n", settings.DefaultIncidents().PlatformWideShare)
	fmt.Fprintf(&b, "\n// When the health list calls a workspace's data or its agent's queue lagging (pkg/fleethealth LaggingAfter).\nexport const COVERAGE = { laggingAfterSeconds: %d };\n", int(fleethealth.LaggingAfter.Seconds()))
	return File{Path: "src/generated/plans.ts", Content: b.String()}, nil
}

// jsString quotes s as a JSON string, which is also a JavaScript string literal.
func jsString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}
