package install

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
)

// Action says what the installer did with one resource.
type Action string

const (
	Created   Action = "created"
	Updated   Action = "updated"
	Unchanged Action = "unchanged"
	Skipped   Action = "skipped"
	Failed    Action = "failed"
	// Kept: changed in Grafana since the app installed it, and left as the operator made it.
	Kept Action = "kept"
	// Provisioned: managed by Grafana's provisioning files, which the API cannot change.
	Provisioned Action = "provisioned"
)

// Change is one resource and what happened to it.
type Change struct {
	Kind   string `json:"kind"`
	Name   string `json:"name"`
	Action Action `json:"action"`
	Detail string `json:"detail,omitempty"`
}

// Result summarises an installation; Changes lists every resource in the order written.
type Result struct {
	Changes []Change `json:"changes"`
	Notes   []string `json:"notes,omitempty"`
}

// Count returns how many resources ended with action.
func (r Result) Count(action Action) int {
	n := 0
	for _, c := range r.Changes {
		if c.Action == action {
			n++
		}
	}
	return n
}

// Options tune an installation.
type Options struct {
	// RotateSecrets rewrites integrations that carry a secret: Grafana never returns secrets,
	// so an unchanged installation cannot tell whether a secret changed.
	RotateSecrets bool
	// Overwrite replaces rules an operator changed in Grafana with the app's version.
	Overwrite bool
	// OrgID is the organisation the service account acts in.
	OrgID int64
}

// managedElsewhere says why a resource with a provenance is left alone: Grafana keeps the API from
// taking over what provisioning files (file) or another API client (api, Terraform for one) manage.
func managedElsewhere(provenance string) string {
	if provenance == "file" {
		return "managed by Grafana's provisioning files (provenance file): left alone; change the files instead"
	}
	return "managed through Grafana's API by another tool (provenance " + provenance + ", Terraform for one): left alone; change it there"
}

// Install creates or updates the app's alerting in the Grafana behind c and reports every
// resource. It returns an error when a resource failed; the Result still says what was done.
func Install(ctx context.Context, c *grafanaapi.Client, cfg alerting.Config, prometheusUID string, dest Destinations, opts Options) (Result, error) {
	p, err := buildPlan(cfg, prometheusUID, opts.OrgID, dest)
	if err != nil {
		return Result{}, err
	}
	in := installer{c: c, opts: opts}
	for _, s := range p.skipped {
		in.res.Notes = append(in.res.Notes, "left out: "+s)
	}
	located, err := in.locateRules(ctx, p)
	if err != nil {
		in.step("rule", "app rules", Failed, err)
		in.skipRest(p, "the app's rules could not be looked up")
		return in.res, in.failure()
	}
	var groups []ruleGroup
	for _, g := range p.groups {
		if cur, managed := located.managed(g); managed {
			in.res.Changes = append(in.res.Changes, Change{Kind: "rule group", Name: g.Title, Action: Provisioned,
				Detail: managedElsewhere(cur.Provenance) + " (folder " + cur.FolderUID + ")"})
			continue
		}
		groups = append(groups, g)
	}
	if len(groups) == 0 {
		in.res.Notes = append(in.res.Notes, "every rule group of the app is managed by something else in this Grafana: nothing to install")
		return in.res, in.failure()
	}
	for _, first := range []struct {
		kind, name string
		ensure     func(context.Context) (Action, string, error)
	}{
		{"folder", alerting.FolderTitle, in.ensureFolder},
		{"template", alerting.TemplateGroupName, in.ensureTemplate},
	} {
		action, detail, err := first.ensure(ctx)
		if !in.stepDetail(first.kind, first.name, action, detail, err) {
			in.skipRest(plan{groups: groups}, "the folder and templates must exist first")
			return in.res, in.failure()
		}
	}
	failedContactPoints := map[string]bool{}
	for _, name := range neededDeliveries(groups) {
		for _, cp := range p.contactPoints[name] {
			action, detail, err := in.ensureContactPoint(ctx, cp)
			if !in.stepDetail("contact point", name+" / "+cp.Type, action, detail, err) {
				failedContactPoints[name] = true
			}
		}
	}
	for _, g := range groups {
		if dep := dependsOnFailed(g, failedContactPoints); dep != "" {
			in.res.Changes = append(in.res.Changes, Change{Kind: "rule group", Name: g.Title, Action: Skipped, Detail: "its contact point " + dep + " failed"})
			continue
		}
		in.ensureRuleGroup(ctx, g, located)
	}
	return in.res, in.failure()
}

type installer struct {
	c    *grafanaapi.Client
	opts Options
	res  Result
}

func (in *installer) step(kind, name string, action Action, err error) bool {
	return in.stepDetail(kind, name, action, "", err)
}

func (in *installer) stepDetail(kind, name string, action Action, detail string, err error) bool {
	if err != nil {
		in.res.Changes = append(in.res.Changes, Change{Kind: kind, Name: name, Action: Failed, Detail: err.Error()})
		return false
	}
	in.res.Changes = append(in.res.Changes, Change{Kind: kind, Name: name, Action: action, Detail: detail})
	return true
}

func (in *installer) skipRest(p plan, why string) {
	for _, g := range p.groups {
		in.res.Changes = append(in.res.Changes, Change{Kind: "rule group", Name: g.Title, Action: Skipped, Detail: why})
	}
}

func (in *installer) failure() error {
	var failed []string
	for _, c := range in.res.Changes {
		if c.Action == Failed {
			failed = append(failed, c.Kind+" "+c.Name+": "+c.Detail)
		}
	}
	if len(failed) == 0 {
		return nil
	}
	return fmt.Errorf("%d of %d resources failed: %s", len(failed), len(in.res.Changes), strings.Join(failed, "; "))
}

func neededDeliveries(groups []ruleGroup) []string {
	var out []string
	for _, g := range groups {
		for _, r := range g.Rules {
			if !slices.Contains(out, r.NotificationSettings.Receiver) {
				out = append(out, r.NotificationSettings.Receiver)
			}
		}
	}
	slices.Sort(out)
	return out
}

func dependsOnFailed(g ruleGroup, failed map[string]bool) string {
	for _, r := range g.Rules {
		if failed[r.NotificationSettings.Receiver] {
			return r.NotificationSettings.Receiver
		}
	}
	return ""
}

// located says where each of the app's rules lives in this Grafana, if anywhere.
type located map[string]rule

// managed returns a rule of the group that something other than this installer manages.
func (l located) managed(g ruleGroup) (rule, bool) {
	for _, r := range g.Rules {
		if cur, ok := l[r.UID]; ok && cur.Provenance != "" {
			return cur, true
		}
	}
	return rule{}, false
}

// locateRules looks each of the app's rules up by uid: a rule-group answer carries no provenance,
// and a group provisioned from files lives in a folder with a generated uid.
func (in *installer) locateRules(ctx context.Context, p plan) (located, error) {
	out := located{}
	for _, g := range p.groups {
		for _, r := range g.Rules {
			var cur rule
			err := in.c.Do(ctx, http.MethodGet, "/api/v1/provisioning/alert-rules/"+url.PathEscape(r.UID), nil, &cur)
			switch {
			case grafanaapi.IsNotFound(err):
				continue
			case err != nil:
				return nil, err
			}
			out[r.UID] = cur
		}
	}
	return out, nil
}

func (in *installer) ensureFolder(ctx context.Context) (Action, string, error) {
	path := "/api/folders/" + alerting.FolderUID
	err := in.c.Do(ctx, http.MethodGet, path, nil, nil)
	if err == nil {
		return Unchanged, "", nil
	}
	if !grafanaapi.IsNotFound(err) {
		return Failed, "", err
	}
	body := map[string]string{"uid": alerting.FolderUID, "title": alerting.FolderTitle}
	if err := in.c.Do(ctx, http.MethodPost, "/api/folders", body, nil); err != nil {
		return Failed, "", err
	}
	return Created, "", nil
}

// ensureTemplate writes the message templates unless Grafana holds them already; Grafana stores
// a template trimmed, so trimmed content is compared.
func (in *installer) ensureTemplate(ctx context.Context) (Action, string, error) {
	type template struct {
		Template   string `json:"template"`
		Version    string `json:"version,omitempty"`
		Provenance string `json:"provenance,omitempty"`
	}
	path := "/api/v1/provisioning/templates/" + alerting.TemplateGroupName
	want := strings.TrimSpace(alerting.MessageTemplates)
	var cur template
	err := in.c.Do(ctx, http.MethodGet, path, nil, &cur)
	action := Updated
	switch {
	case grafanaapi.IsNotFound(err):
		action = Created
	case err != nil:
		return Failed, "", err
	case strings.TrimSpace(cur.Template) == want:
		return Unchanged, "", nil
	case cur.Provenance != "":
		return Provisioned, managedElsewhere(cur.Provenance) + "; it differs from the app's version", nil
	}
	if err := in.c.Do(ctx, http.MethodPut, path, template{Template: want, Version: cur.Version}, nil); err != nil {
		return Failed, "", err
	}
	return action, "", nil
}

func (in *installer) ensureContactPoint(ctx context.Context, want contactPoint) (Action, string, error) {
	var existing []contactPoint
	if err := in.c.Do(ctx, http.MethodGet, "/api/v1/provisioning/contact-points?name="+url.QueryEscape(want.Name), nil, &existing); err != nil {
		return Failed, "", err
	}
	for _, cur := range existing {
		if cur.UID != want.UID {
			continue
		}
		same := sameContactPoint(cur, want)
		switch {
		case cur.Provenance != "":
			return Provisioned, managedElsewhere(cur.Provenance), nil
		case same && (!hasSecret(want) || !in.opts.RotateSecrets):
			return Unchanged, "", nil
		}
		if err := in.c.Do(ctx, http.MethodPut, "/api/v1/provisioning/contact-points/"+url.PathEscape(want.UID), want, nil); err != nil {
			return Failed, "", err
		}
		return Updated, "", nil
	}
	if err := in.c.Do(ctx, http.MethodPost, "/api/v1/provisioning/contact-points", want, nil); err != nil {
		return Failed, "", err
	}
	return Created, "", nil
}

func hasSecret(cp contactPoint) bool {
	for _, k := range alerting.SecureSettings(cp.Type) {
		if _, ok := cp.Settings[k]; ok {
			return true
		}
	}
	return false
}

// sameContactPoint compares what Grafana returns: plain settings (an email's addresses among
// them) by value, secure ones, which come back redacted, by presence only.
func sameContactPoint(cur, want contactPoint) bool {
	if cur.Type != want.Type || cur.Name != want.Name || cur.DisableResolveMessage != want.DisableResolveMessage {
		return false
	}
	secure := alerting.SecureSettings(want.Type)
	for k, v := range want.Settings {
		if slices.Contains(secure, k) {
			if s, _ := cur.Settings[k].(string); s == "" {
				return false
			}
		} else if fmt.Sprint(cur.Settings[k]) != fmt.Sprint(v) {
			return false
		}
	}
	return true
}

// storedGroup is a rule group as Grafana answers it; rules stay raw so that those the app does
// not replace go back exactly as they came.
type storedGroup struct {
	Interval int64             `json:"interval"`
	Rules    []json.RawMessage `json:"rules"`
}

// ensureRuleGroup brings the app's rules of one group up to date and leaves the rest alone:
// rules an operator changed in Grafana are kept (unless Overwrite), rules an operator added to
// the group are kept, and so is an interval an operator changed. The app's own rules, unchanged
// since installed, follow the app: updated, moved between its groups, or dropped.
func (in *installer) ensureRuleGroup(ctx context.Context, want ruleGroup, where located) {
	path := "/api/v1/provisioning/folder/" + alerting.FolderUID + "/rule-groups/" + url.PathEscape(want.Title)
	var cur storedGroup
	err := in.c.Do(ctx, http.MethodGet, path, nil, &cur)
	if err != nil && !grafanaapi.IsNotFound(err) {
		in.step("rule group", want.Title, Failed, err)
		return
	}
	created := grafanaapi.IsNotFound(err)
	wanted := map[string]rule{}
	for _, r := range want.Rules {
		wanted[r.UID] = r
	}
	var rules []any
	var kept, changed, dropped []string
	placed := map[string]bool{}
	installedInterval := int64(0)
	for _, raw := range cur.Rules {
		var stored rule
		if err := json.Unmarshal(raw, &stored); err != nil {
			in.step("rule group", want.Title, Failed, fmt.Errorf("reading its stored rules: %w", err))
			return
		}
		if fp, interval := installed(stored); fp != "" && interval > 0 && installedInterval == 0 {
			installedInterval = interval
		}
		w, ours := wanted[stored.UID]
		switch {
		case !ours && (stored.Annotations[FingerprintAnnotation] == "" || editedInGrafana(stored)):
			rules = append(rules, raw) // added, or changed, in Grafana: not the app's to remove
		case !ours:
			dropped = append(dropped, stored.Title) // the app's, unchanged, and no longer in this group
		case sameRule(stored, w):
			rules, placed[w.UID] = append(rules, raw), true
		case editedInGrafana(stored) && !in.opts.Overwrite:
			rules, placed[w.UID] = append(rules, raw), true
			kept = append(kept, fmt.Sprintf("%s (%s)", stored.Title, strings.Join(differences(stored, w), ", ")))
		default:
			rules, placed[w.UID] = append(rules, w), true
			changed = append(changed, w.Title)
		}
	}
	for _, w := range want.Rules {
		if placed[w.UID] {
			continue
		}
		if elsewhere, ok := where[w.UID]; ok && !in.opts.Overwrite && (elsewhere.FolderUID != alerting.FolderUID || editedInGrafana(elsewhere)) {
			kept = append(kept, fmt.Sprintf("%s (moved to folder %s, group %s)", w.Title, elsewhere.FolderUID, elsewhere.RuleGroup))
			continue
		}
		rules = append(rules, w)
		changed = append(changed, w.Title)
	}
	interval := want.Interval
	if !created && cur.Interval != want.Interval && installedInterval > 0 && cur.Interval != installedInterval && !in.opts.Overwrite {
		interval = cur.Interval
		kept = append(kept, fmt.Sprintf("evaluation interval %ds (the app's is %ds)", cur.Interval, want.Interval))
	}
	var details []string
	if len(kept) > 0 {
		details = append(details, "changed in Grafana and left as they are: "+strings.Join(kept, "; ")+"; install with overwrite to replace them")
	}
	if len(dropped) > 0 {
		details = append(details, "no longer part of the app, removed: "+strings.Join(dropped, ", "))
	}
	detail := strings.Join(details, "; ")
	if !created && len(changed) == 0 && len(dropped) == 0 && interval == cur.Interval {
		action := Unchanged
		if len(kept) > 0 {
			action = Kept
		}
		in.stepDetail("rule group", want.Title, action, detail, nil)
		return
	}
	body := map[string]any{"title": want.Title, "folderUid": alerting.FolderUID, "interval": interval, "rules": rules}
	if err := in.c.Do(ctx, http.MethodPut, path, body, nil); err != nil {
		in.step("rule group", want.Title, Failed, err)
		return
	}
	action := Updated
	if created {
		action = Created
	}
	in.stepDetail("rule group", want.Title, action, detail, nil)
}
