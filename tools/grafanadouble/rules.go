package grafanadouble

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// ruleView is the part of a provisioned rule this double checks; everything else is stored as
// it came, since Grafana's API binding ignores fields it does not know.
type ruleView struct {
	UID           string `json:"uid"`
	Title         string `json:"title"`
	Condition     string `json:"condition"`
	NoDataState   string `json:"noDataState"`
	ExecErrState  string `json:"execErrState"`
	For           string `json:"for"`
	KeepFiringFor string `json:"keep_firing_for"`
	Data          []struct {
		RefID             string                   `json:"refId"`
		DatasourceUID     string                   `json:"datasourceUid"`
		RelativeTimeRange struct{ From, To int64 } `json:"relativeTimeRange"`
		Model             json.RawMessage          `json:"model"`
	} `json:"data"`
	NotificationSettings        *notificationSettings `json:"notification_settings"`
	MissingSeriesEvalsToResolve *int                  `json:"missingSeriesEvalsToResolve"`
}

type notificationSettings struct {
	Receiver       string   `json:"receiver"`
	GroupBy        []string `json:"group_by,omitempty"`
	GroupWait      *string  `json:"group_wait,omitempty"`
	GroupInterval  *string  `json:"group_interval,omitempty"`
	RepeatInterval *string  `json:"repeat_interval,omitempty"`
}

// Grafana 12.x pkg/services/ngalert/models/alert_rule.go NoDataStateFromString and
// ErrStateFromString.
var (
	noDataStates  = []string{"Alerting", "NoData", "OK", "KeepLast"}
	execErrStates = []string{"Alerting", "Error", "OK", "KeepLast"}
)

// validateRule is Grafana 12.x ValidateAlertRule as far as the app's rules go: states, a
// condition among the queries, a positive missing-series count, a valid relative time range,
// and notification settings naming an existing contact point and grouping by alertname and
// grafana_folder (pkg/services/ngalert/models/notifications.go Validate).
func validateRule(o *org, v ruleView) string {
	switch {
	case v.UID != "" && !validUID(v.UID):
		return fmt.Sprintf("rule uid %q is invalid", v.UID)
	case v.Title == "":
		return "title is required"
	case !slices.Contains(noDataStates, v.NoDataState):
		return "unknown NoData state option " + v.NoDataState
	case !slices.Contains(execErrStates, v.ExecErrState):
		return "unknown Error state option " + v.ExecErrState
	case len(v.Data) == 0:
		return "no queries or expressions are found"
	case v.MissingSeriesEvalsToResolve != nil && *v.MissingSeriesEvalsToResolve <= 0:
		return "field `missing_series_evals_to_resolve` must be greater than 0"
	}
	if _, err := parseDuration(v.For); v.For != "" && err != nil {
		return "invalid for: " + err.Error()
	}
	refs := map[string]bool{}
	for _, q := range v.Data {
		refs[q.RefID] = true
		if q.DatasourceUID != "__expr__" && !(q.RelativeTimeRange.From > q.RelativeTimeRange.To) {
			return fmt.Sprintf("invalid relative time range [From: %d, To: %d] of query %s", q.RelativeTimeRange.From, q.RelativeTimeRange.To, q.RefID)
		}
		if q.DatasourceUID != "__expr__" {
			if _, ok := o.datasources[q.DatasourceUID]; !ok {
				return fmt.Sprintf("failed to build query '%s': data source not found", q.RefID)
			}
		}
	}
	if !refs[v.Condition] {
		return fmt.Sprintf("condition %s does not exist, must be one of %v", v.Condition, keys(refs))
	}
	if ns := v.NotificationSettings; ns != nil {
		if ns.Receiver == "" {
			return "receiver must be specified"
		}
		if len(o.integrationsNamed(ns.Receiver)) == 0 {
			return fmt.Sprintf("failed to validate notification settings: receiver %q does not exist", ns.Receiver)
		}
		if len(ns.GroupBy) > 0 && (!slices.Contains(ns.GroupBy, "alertname") || !slices.Contains(ns.GroupBy, "grafana_folder")) {
			return "group by override must contain two required labels: 'alertname' and 'grafana_folder'"
		}
	}
	return ""
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// storedForm applies what Grafana does to a rule it stores and returns: ids and group fields set
// by the server, durations in Prometheus' model.Duration form, keep_firing_for defaulting to 0s,
// intervalMs and maxDataPoints added to each query model (Grafana 12.x
// pkg/services/ngalert/models/alert_query.go PreSave), and no provenance in a group's answer.
func (g *Grafana) storedForm(raw map[string]json.RawMessage, v ruleView, orgID int64, folderUID, group string) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for k, val := range raw {
		out[k] = val
	}
	forDur, _ := parseDuration(v.For)
	keep, _ := parseDuration(v.KeepFiringFor)
	out["id"] = mustJSON(g.newID())
	out["orgID"] = mustJSON(orgID)
	out["folderUID"] = mustJSON(folderUID)
	out["ruleGroup"] = mustJSON(group)
	out["updated"] = mustJSON(time.Now().UTC().Format(time.RFC3339))
	out["for"] = mustJSON(formatDuration(forDur))
	out["keep_firing_for"] = mustJSON(formatDuration(keep))
	if _, ok := out["notification_settings"]; !ok {
		out["notification_settings"] = json.RawMessage("null")
	}
	if _, ok := out["record"]; !ok {
		out["record"] = json.RawMessage("null")
	}
	if _, ok := out["isPaused"]; !ok {
		out["isPaused"] = json.RawMessage("false")
	}
	delete(out, "provenance")
	var data []map[string]json.RawMessage
	if json.Unmarshal(raw["data"], &data) == nil {
		for _, q := range data {
			var model map[string]any
			if json.Unmarshal(q["model"], &model) == nil {
				if _, ok := model["intervalMs"]; !ok {
					model["intervalMs"] = 1000
				}
				if _, ok := model["maxDataPoints"]; !ok {
					model["maxDataPoints"] = 43200
				}
				q["model"] = mustJSON(model)
			}
		}
		out["data"] = mustJSON(data)
	}
	var ns map[string]any
	if json.Unmarshal(raw["notification_settings"], &ns) == nil && ns != nil {
		for _, k := range []string{"group_wait", "group_interval", "repeat_interval"} {
			if d, ok := ns[k].(string); ok {
				parsed, _ := parseDuration(d)
				ns[k] = formatDuration(parsed)
			}
		}
		out["notification_settings"] = mustJSON(ns)
	}
	for _, k := range []string{"labels", "annotations"} {
		var m map[string]string
		if json.Unmarshal(out[k], &m) == nil && len(m) == 0 {
			delete(out, k)
		}
	}
	return out
}

type ruleGroupBody struct {
	Title     string            `json:"title"`
	FolderUID string            `json:"folderUid"`
	Interval  int64             `json:"interval"`
	Rules     []json.RawMessage `json:"rules"`
}

func (g *Grafana) getRuleGroup(w http.ResponseWriter, r *http.Request) {
	folderUID, title := r.PathValue("folder"), r.PathValue("group")
	g.mu.Lock()
	defer g.mu.Unlock()
	o := g.org(caller(r).orgID)
	rules := o.groupRules(folderUID, title)
	if len(rules) == 0 {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "rule group does not exist"})
		return
	}
	body := ruleGroupBody{Title: title, FolderUID: folderUID, Interval: o.intervals[groupKey{folderUID, title}], Rules: []json.RawMessage{}}
	for _, sr := range rules {
		body.Rules = append(body.Rules, mustJSON(sr.fields))
	}
	writeJSON(w, http.StatusOK, body)
}

// Grafana 12.x GET /api/v1/provisioning/alert-rules/{uid} answers one rule with its provenance,
// which the rule-group answer never carries.
func (g *Grafana) getAlertRule(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	sr, ok := g.org(caller(r).orgID).rules[r.PathValue("uid")]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "rule not found"})
		return
	}
	fields := map[string]json.RawMessage{}
	for k, v := range sr.fields {
		fields[k] = v
	}
	if sr.provenance != ProvenanceNone {
		fields["provenance"] = mustJSON(string(sr.provenance))
	}
	writeJSON(w, http.StatusOK, fields)
}

// putRuleGroup replaces a whole group as Grafana 12.x pkg/services/ngalert/provisioning/
// alert_rules.go ReplaceRuleGroup does: rules left out are deleted, and every rule of the group
// as stored, changed or not (store.UpdateCalculatedRuleFields), must allow the request's
// provenance, else 409. The answer echoes the request.
func (g *Grafana) putRuleGroup(w http.ResponseWriter, r *http.Request) {
	var body ruleGroupBody
	if err := readJSON(r, &body); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return
	}
	folderUID, title := r.PathValue("folder"), r.PathValue("group")
	body.FolderUID, body.Title = folderUID, title
	provenance := requestProvenance(r)
	g.mu.Lock()
	defer g.mu.Unlock()
	id := caller(r)
	o := g.org(id.orgID)
	if body.Rules == nil {
		// alert_rules.go calcDelta: a request without rules keeps them and changes the interval only.
		for _, sr := range o.groupRules(folderUID, title) {
			body.Rules = append(body.Rules, sr.fields["uid"])
		}
		if len(body.Rules) == 0 {
			writeJSON(w, http.StatusNotFound, map[string]string{"message": "rule group does not exist"})
			return
		}
		o.intervals[groupKey{folderUID, title}] = body.Interval
		writeJSON(w, http.StatusOK, body)
		return
	}
	if _, ok := o.folders[folderUID]; !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "folder does not exist"})
		return
	}
	// Grafana's base evaluation interval is 10s: a group's interval is a positive multiple of it.
	if body.Interval <= 0 || body.Interval%10 != 0 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": fmt.Sprintf("rule evaluation interval (%d second) should be positive number that is multiple of the base interval of 10 seconds", body.Interval)})
		return
	}
	raws := make([]map[string]json.RawMessage, len(body.Rules))
	views := make([]ruleView, len(body.Rules))
	submitted := map[string]bool{}
	for i, raw := range body.Rules {
		if err := json.Unmarshal(raw, &raws[i]); err != nil || json.Unmarshal(raw, &views[i]) != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"message": "bad request data"})
			return
		}
		if msg := validateRule(o, views[i]); msg != "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"message": "invalid alert rule: " + msg})
			return
		}
		if views[i].UID == "" {
			views[i].UID = "r" + itoa(g.newID())
			raws[i]["uid"] = mustJSON(views[i].UID)
		}
		submitted[views[i].UID] = true
	}
	for _, sr := range o.groupRules(folderUID, title) {
		uid := ruleUID(sr)
		op := "update"
		if !submitted[uid] {
			op = "delete"
		}
		if !canUpdateProvenanceInRuleGroup(sr.provenance, provenance) {
			writeProvenanceMismatch(w, op, provenance, sr.provenance)
			return
		}
	}
	for _, v := range views {
		if sr, moved := o.rules[v.UID]; moved && (sr.folderUID != folderUID || sr.group != title) && !canUpdateProvenanceInRuleGroup(sr.provenance, provenance) {
			writeProvenanceMismatch(w, "update", provenance, sr.provenance)
			return
		}
	}
	for _, sr := range o.groupRules(folderUID, title) {
		delete(o.rules, ruleUID(sr))
	}
	for i, v := range views {
		o.rules[v.UID] = &storedRule{fields: g.storedForm(raws[i], v, id.orgID, folderUID, title), folderUID: folderUID, group: title, index: i, provenance: provenance}
	}
	o.intervals[groupKey{folderUID, title}] = body.Interval
	writeJSON(w, http.StatusOK, body)
}

func ruleUID(sr *storedRule) string {
	var uid string
	_ = json.Unmarshal(sr.fields["uid"], &uid)
	return uid
}

// RuleGroup returns the stored rules of a group as Grafana would answer them.
func (g *Grafana) RuleGroup(orgID int64, folderUID, title string) (interval int64, rules []map[string]any) {
	g.mu.Lock()
	defer g.mu.Unlock()
	o := g.org(orgID)
	for _, sr := range o.groupRules(folderUID, title) {
		var m map[string]any
		_ = json.Unmarshal(mustJSON(sr.fields), &m)
		rules = append(rules, m)
	}
	return o.intervals[groupKey{folderUID, title}], rules
}

// RuleProvenance returns the provenance of a rule and whether it exists.
func (g *Grafana) RuleProvenance(orgID int64, uid string) (Provenance, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	sr, ok := g.org(orgID).rules[uid]
	if !ok {
		return ProvenanceNone, false
	}
	return sr.provenance, true
}

// EditRule changes one stored rule as an operator does in Grafana's rule editor (which keeps the
// rule's other fields and its provenance).
func (g *Grafana) EditRule(orgID int64, uid string, edit func(rule map[string]any)) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	sr, ok := g.org(orgID).rules[uid]
	if !ok {
		return fmt.Errorf("no rule %s", uid)
	}
	var m map[string]any
	_ = json.Unmarshal(mustJSON(sr.fields), &m)
	edit(m)
	var fields map[string]json.RawMessage
	_ = json.Unmarshal(mustJSON(m), &fields)
	sr.fields = fields
	return nil
}

func mustJSON(v any) json.RawMessage {
	raw, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return raw
}
