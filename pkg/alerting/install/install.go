package install

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"time"

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
}

// Install creates or updates the app's alerting in the Grafana behind c and reports every
// resource. It returns an error when a resource failed; the Result still says what was done.
func Install(ctx context.Context, c *grafanaapi.Client, cfg alerting.Config, prometheusUID string, dest Destinations, opts Options) (Result, error) {
	p, err := buildPlan(cfg, prometheusUID, dest)
	if err != nil {
		return Result{}, err
	}
	in := installer{c: c, opts: opts}
	for _, s := range p.skipped {
		in.res.Notes = append(in.res.Notes, "left out: "+s)
	}
	for _, first := range []struct {
		kind, name string
		ensure     func(context.Context) (Action, error)
	}{
		{"folder", alerting.FolderTitle, in.ensureFolder},
		{"template", alerting.TemplateGroupName, in.ensureTemplate},
	} {
		action, err := first.ensure(ctx)
		if !in.step(first.kind, first.name, action, err) {
			in.skipRest(p, "the folder and templates must exist first")
			return in.res, in.failure()
		}
	}
	failedContactPoints := map[string]bool{}
	names := make([]string, 0, len(p.contactPoints))
	for name := range p.contactPoints {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, cp := range p.contactPoints[name] {
			action, err := in.ensureContactPoint(ctx, cp)
			if !in.step("contact point", name+" / "+cp.Type, action, err) {
				failedContactPoints[name] = true
			}
		}
	}
	for _, g := range p.groups {
		if dep := dependsOnFailed(g, failedContactPoints); dep != "" {
			in.res.Changes = append(in.res.Changes, Change{Kind: "rule group", Name: g.Title, Action: Skipped, Detail: "its contact point " + dep + " failed"})
			continue
		}
		action, err := in.ensureRuleGroup(ctx, g)
		in.step("rule group", g.Title, action, err)
	}
	return in.res, in.failure()
}

type installer struct {
	c    *grafanaapi.Client
	opts Options
	res  Result
}

func (in *installer) step(kind, name string, action Action, err error) bool {
	if err != nil {
		in.res.Changes = append(in.res.Changes, Change{Kind: kind, Name: name, Action: Failed, Detail: err.Error()})
		return false
	}
	in.res.Changes = append(in.res.Changes, Change{Kind: kind, Name: name, Action: action})
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

func dependsOnFailed(g ruleGroup, failed map[string]bool) string {
	for _, r := range g.Rules {
		if failed[r.NotificationSettings.Receiver] {
			return r.NotificationSettings.Receiver
		}
	}
	return ""
}

func (in *installer) ensureFolder(ctx context.Context) (Action, error) {
	path := "/api/folders/" + alerting.FolderUID
	err := in.c.Do(ctx, http.MethodGet, path, nil, nil)
	if err == nil {
		return Unchanged, nil
	}
	if !grafanaapi.IsNotFound(err) {
		return Failed, err
	}
	body := map[string]string{"uid": alerting.FolderUID, "title": alerting.FolderTitle}
	if err := in.c.Do(ctx, http.MethodPost, "/api/folders", body, nil); err != nil {
		return Failed, err
	}
	return Created, nil
}

func (in *installer) ensureTemplate(ctx context.Context) (Action, error) {
	type template struct {
		Template string `json:"template"`
		Version  string `json:"version"`
	}
	return putIfChanged(ctx, in.c, "/api/v1/provisioning/templates/"+alerting.TemplateGroupName,
		func(cur template) bool { return cur.Template == alerting.MessageTemplates },
		func(cur template) any { return template{Template: alerting.MessageTemplates, Version: cur.Version} })
}

// putIfChanged reads the resource at path and writes it with PUT unless it already is as wanted:
// absent, it is created; different, updated; equal, left alone.
func putIfChanged[T any](ctx context.Context, c *grafanaapi.Client, path string, same func(T) bool, body func(T) any) (Action, error) {
	var current T
	err := c.Do(ctx, http.MethodGet, path, nil, &current)
	action := Updated
	switch {
	case grafanaapi.IsNotFound(err):
		action = Created
	case err != nil:
		return Failed, err
	case same(current):
		return Unchanged, nil
	}
	if err := c.Do(ctx, http.MethodPut, path, body(current), nil); err != nil {
		return Failed, err
	}
	return action, nil
}

func (in *installer) ensureContactPoint(ctx context.Context, want contactPoint) (Action, error) {
	var existing []contactPoint
	if err := in.c.Do(ctx, http.MethodGet, "/api/v1/provisioning/contact-points?name="+url.QueryEscape(want.Name), nil, &existing); err != nil {
		return Failed, err
	}
	for _, cur := range existing {
		if cur.UID != want.UID {
			continue
		}
		if sameContactPoint(cur, want) && (len(want.secretKeys) == 0 || !in.opts.RotateSecrets) {
			return Unchanged, nil
		}
		if err := in.c.Do(ctx, http.MethodPut, "/api/v1/provisioning/contact-points/"+want.UID, want, nil); err != nil {
			return Failed, err
		}
		return Updated, nil
	}
	if err := in.c.Do(ctx, http.MethodPost, "/api/v1/provisioning/contact-points", want, nil); err != nil {
		return Failed, err
	}
	return Created, nil
}

// sameContactPoint compares what Grafana returns: secrets come back redacted, so only their
// presence counts.
func sameContactPoint(cur, want contactPoint) bool {
	if cur.Type != want.Type || cur.Name != want.Name || cur.DisableResolveMessage != want.DisableResolveMessage {
		return false
	}
	secret := map[string]bool{}
	for _, k := range want.secretKeys {
		secret[k] = true
		if fmt.Sprint(cur.Settings[k]) == "" || cur.Settings[k] == nil {
			return false
		}
	}
	for k, v := range want.Settings {
		if !secret[k] && fmt.Sprint(cur.Settings[k]) != fmt.Sprint(v) {
			return false
		}
	}
	return true
}

func (in *installer) ensureRuleGroup(ctx context.Context, want ruleGroup) (Action, error) {
	return putIfChanged(ctx, in.c, "/api/v1/provisioning/folder/"+alerting.FolderUID+"/rule-groups/"+url.PathEscape(want.Title),
		func(cur ruleGroup) bool { return sameRuleGroup(cur, want) },
		func(ruleGroup) any { return want })
}

// canonicalRule is what decides whether a stored rule matches ours; Grafana adds defaults and
// reformats durations, so rules are compared on these fields only.
type canonicalRule struct {
	UID, Title, Condition, NoData, ExecErr, Receiver string
	For                                              time.Duration
	Labels, Annotations                              map[string]string
	IsPaused                                         bool
	Queries                                          []string
}

func canonical(r rule) canonicalRule {
	forDuration, _ := time.ParseDuration(r.For)
	c := canonicalRule{
		UID: r.UID, Title: r.Title, Condition: r.Condition, NoData: r.NoDataState, ExecErr: r.ExecErrState,
		Receiver: r.NotificationSettings.Receiver, For: forDuration,
		Labels: r.Labels, Annotations: r.Annotations, IsPaused: r.IsPaused,
	}
	for _, q := range r.Data {
		model, _ := json.Marshal(map[string]any{
			"expr": q.Model["expr"], "type": q.Model["type"], "expression": q.Model["expression"], "conditions": q.Model["conditions"],
		})
		c.Queries = append(c.Queries, fmt.Sprintf("%s|%s|%d|%d|%s", q.RefID, q.DatasourceUID, q.RelativeTimeRange.From, q.RelativeTimeRange.To, model))
	}
	return c
}

func sameRuleGroup(cur, want ruleGroup) bool {
	if cur.Interval != want.Interval || len(cur.Rules) != len(want.Rules) {
		return false
	}
	byUID := map[string]rule{}
	for _, r := range cur.Rules {
		byUID[r.UID] = r
	}
	for _, w := range want.Rules {
		c, ok := byUID[w.UID]
		if !ok || !reflect.DeepEqual(canonical(c), canonical(w)) {
			return false
		}
	}
	return true
}
