// Package ruler installs the app's recording rules into the ruler of the store behind its
// Prometheus datasource (Cortex or Mimir), through Grafana's data-source ruler API, so that they
// run where the data is. The alerts stay Grafana-managed (package install); a plain Prometheus has
// no ruler API, and there the rule file stays a manual step.
package ruler

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"

	"github.com/prometheus/common/model"

	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting"
	"github.com/hexabase/hexabase-monitoring-app/pkg/alerting/install"
	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
)

// Namespace is the ruler namespace that holds the app's groups; the app owns it whole, and a
// group it no longer defines is removed from it.
const Namespace = "hexabase-monitoring-app"

// Kind names the resources of a Result.
const Kind = "recording rule group"

// Deleted: a group of the app's namespace that the app no longer defines, removed from the ruler.
const Deleted install.Action = "deleted"

// ManualStep is what an operator does where no ruler takes the rules.
const ManualStep = "load rules/hexabase.rules.yml into that Prometheus (rule_files) as the README's install section says"

// Group is a Prometheus-style rule group as Grafana's data-source ruler API takes and returns it
// (PostableRuleGroupConfig / GettableRuleGroupConfig, JSON): the rule file's form.
type (
	Group = alerting.PromGroup
	Rule  = alerting.PromRule
)

// Result says where the groups went and what happened to each.
type Result struct {
	Datasource string `json:"datasource"`
	// Ruler is the ?subtype= Grafana was asked to use: cortex (the datasource URL + /rules) or
	// mimir (+ /config/v1/rules).
	Ruler     string           `json:"ruler,omitempty"`
	Namespace string           `json:"namespace"`
	Changes   []install.Change `json:"changes"`
	// NoRuler, when set, says why nothing was installed: the datasource has no ruler the app can
	// write to, and the rule file stays a manual step.
	NoRuler string `json:"noRuler,omitempty"`
}

// Install writes the app's recording-rule groups into the ruler of the Prometheus datasource
// datasourceUID, through the Grafana behind c, and reports each group: created, updated or
// unchanged. A datasource without a ruler is no error: the Result names the reason. An error
// means a group failed or the ruler could not be read; the Result still says what was done.
func Install(ctx context.Context, c *grafanaapi.Client, datasourceUID string, cfg alerting.Config) (Result, error) {
	res := Result{Datasource: datasourceUID, Namespace: Namespace}
	want := alerting.RecordingGroups(cfg)
	ds, err := readDatasource(ctx, c, datasourceUID)
	if err != nil {
		return res, err
	}
	subtypes, why := ds.rulerSubtypes()
	if why != "" {
		return noRuler(res, want, why), nil
	}
	r := rulerAPI{c: c, uid: datasourceUID, url: ds.URL}
	var misses []string
	for _, subtype := range subtypes {
		r.subtype = subtype
		stored, err := r.namespace(ctx)
		var miss *missingRuler
		switch {
		case errors.As(err, &miss) && miss.refused:
			return noRuler(res, want, miss.reason), nil
		case errors.As(err, &miss):
			misses = append(misses, miss.reason)
			continue
		case err != nil:
			return res, err
		}
		res.Ruler = subtype
		return r.sync(ctx, res, want, stored)
	}
	return noRuler(res, want, "Grafana found no ruler behind the datasource: "+strings.Join(misses, "; ")+
		". A plain Prometheus has none: "+ManualStep+". (Cortex serves its ruler under /api/prom/rules, so a Cortex "+
		"datasource's URL must end in /api/prom; for Mimir, set the datasource's Prometheus type to Mimir.)"), nil
}

func noRuler(res Result, want []Group, why string) Result {
	res.NoRuler = why
	for _, g := range want {
		res.Changes = append(res.Changes, install.Change{Kind: Kind, Name: g.Name, Action: install.Skipped, Detail: "no ruler to install into"})
	}
	return res
}

// datasource is what the installer reads of the Prometheus datasource's settings.
type datasource struct {
	UID      string `json:"uid"`
	Type     string `json:"type"`
	URL      string `json:"url"`
	JSONData struct {
		// PrometheusType is the datasource's "Prometheus type" setting: Prometheus, Cortex, Mimir
		// or Thanos (@grafana/prometheus PromApplication); unset unless an operator chose it.
		PrometheusType string `json:"prometheusType"`
	} `json:"jsonData"`
}

// readDatasource reads the datasource's settings (datasources:read, which the app holds).
func readDatasource(ctx context.Context, c *grafanaapi.Client, uid string) (datasource, error) {
	var ds datasource
	err := c.Do(ctx, http.MethodGet, "/api/datasources/uid/"+url.PathEscape(uid), nil, &ds)
	if grafanaapi.IsNotFound(err) {
		return ds, fmt.Errorf("no datasource with UID %q in this Grafana: set the Prometheus datasource in the app's settings", uid)
	}
	// The URL goes into answers: credentials written into it stay out.
	if u, perr := url.Parse(ds.URL); perr == nil && u.User != nil {
		u.User = nil
		ds.URL = u.String()
	}
	return ds, err
}

// rulerSubtypes are the ?subtype= values to try, or why the datasource has no ruler. Grafana's
// own UI picks the subtype from the build info the store reports; the app goes by the
// datasource's Prometheus type, and without one it tries Cortex's path, then Mimir's, reading only.
func (ds datasource) rulerSubtypes() ([]string, string) {
	if ds.Type != "prometheus" {
		return nil, fmt.Sprintf("the datasource %s is of type %s, not prometheus", ds.UID, ds.Type)
	}
	switch ds.JSONData.PrometheusType {
	case "Mimir":
		return []string{"mimir"}, ""
	case "Cortex":
		return []string{"cortex"}, ""
	case "":
		return []string{"cortex", "mimir"}, ""
	}
	return nil, fmt.Sprintf("its Prometheus type is %s, which has no ruler API to write rules to: %s",
		ds.JSONData.PrometheusType, ManualStep)
}

// rulerAPI calls Grafana's data-source ruler API for one datasource and subtype.
type rulerAPI struct {
	c       *grafanaapi.Client
	uid     string
	url     string
	subtype string
}

// rulerPaths are the paths Grafana appends to the datasource's URL per subtype
// (pkg/services/ngalert/api/lotex_ruler.go, Grafana 13.x).
var rulerPaths = map[string]string{"cortex": "/rules", "mimir": "/config/v1/rules"}

func (r rulerAPI) path(group string) string {
	p := "/api/ruler/" + url.PathEscape(r.uid) + "/api/v1/rules/" + url.PathEscape(Namespace)
	if group != "" {
		p += "/" + url.PathEscape(group)
	}
	return p + "?subtype=" + r.subtype
}

// missingRuler says the datasource answers no ruler under this subtype; refused: none at all.
type missingRuler struct {
	reason  string
	refused bool
}

func (m *missingRuler) Error() string { return m.reason }

// namespace reads the groups the ruler holds in the app's namespace.
func (r rulerAPI) namespace(ctx context.Context) (map[string]Group, error) {
	var body map[string][]Group
	err := r.c.Do(ctx, http.MethodGet, r.path(""), nil, &body)
	var apiErr *grafanaapi.APIError
	if errors.As(err, &apiErr) {
		return nil, r.readFailure(apiErr)
	}
	if err != nil {
		return nil, err
	}
	out := map[string]Group{}
	for _, g := range body[Namespace] {
		out[g.Name] = g
	}
	return out, nil
}

// readFailure tells an empty namespace, a missing ruler and a failure apart, as Grafana's own
// rule list does (public/app/features/alerting/unified/api/ruler.ts isCortexErrorResponse and
// isRulerNotSupported): Cortex and Mimir answer an empty namespace 404 "no rule groups found".
func (r rulerAPI) readFailure(e *grafanaapi.APIError) error {
	switch {
	case e.Status == http.StatusNotFound && strings.Contains(e.Message, "no rule groups found"):
		return nil
	case e.Status == http.StatusNotFound,
		e.Status == http.StatusInternalServerError && strings.Contains(e.Message, "unexpected content type from upstream"):
		return &missingRuler{reason: fmt.Sprintf("%s%s/%s answered %q", strings.TrimRight(r.url, "/"), rulerPaths[r.subtype], Namespace, e.Message)}
	case e.Status == http.StatusForbidden && strings.Contains(e.Message, "Alert management is disabled"):
		return &missingRuler{refused: true, reason: "Grafana refuses to manage rules of this datasource (its \"Manage alerts via " +
			"Alerting UI\" is off): switch it on, or " + ManualStep}
	case e.Status == http.StatusForbidden:
		return fmt.Errorf("the app's service account may not read the datasource's rules (%s): Grafana grants the "+
			"alert.rules.external permissions of plugin.json when the app is installed or updated", e.Message)
	case e.Status == http.StatusBadRequest && strings.Contains(e.Message, "Authentication to data source failed"):
		return fmt.Errorf("the ruler refused the datasource's credentials (Cortex and Mimir answer so without a tenant): " +
			"set the tenant as the datasource's custom header X-Scope-OrgID")
	}
	return fmt.Errorf("reading the ruler's %s namespace: %w", Namespace, e)
}

// sync makes the namespace hold exactly the app's groups.
func (r rulerAPI) sync(ctx context.Context, res Result, want []Group, stored map[string]Group) (Result, error) {
	for _, g := range want {
		cur, exists := stored[g.Name]
		action, detail := install.Created, ""
		switch {
		case exists && same(cur, g):
			res.Changes = append(res.Changes, install.Change{Kind: Kind, Name: g.Name, Action: install.Unchanged})
			continue
		case exists:
			action, detail = install.Updated, strings.Join(differences(cur, g), ", ")
		}
		res.Changes = append(res.Changes, r.write(ctx, http.MethodPost, g, action, detail))
	}
	for _, name := range slices.Sorted(maps.Keys(stored)) {
		if !slices.ContainsFunc(want, func(g Group) bool { return g.Name == name }) {
			res.Changes = append(res.Changes, r.write(ctx, http.MethodDelete, Group{Name: name}, Deleted,
				"no longer one of the app's groups"))
		}
	}
	return res, failure(res)
}

func (r rulerAPI) write(ctx context.Context, method string, g Group, action install.Action, detail string) install.Change {
	var err error
	if method == http.MethodDelete {
		err = r.c.Do(ctx, method, r.path(g.Name), nil, nil)
	} else {
		err = r.c.Do(ctx, method, r.path(""), g, nil)
	}
	var apiErr *grafanaapi.APIError
	switch {
	case errors.As(err, &apiErr) && apiErr.Status == http.StatusForbidden:
		return install.Change{Kind: Kind, Name: g.Name, Action: install.Failed, Detail: "the app's service account may not write " +
			"the datasource's rules (" + apiErr.Message + "): it needs alert.rules.external:write, which plugin.json declares"}
	case err != nil:
		return install.Change{Kind: Kind, Name: g.Name, Action: install.Failed, Detail: err.Error()}
	}
	return install.Change{Kind: Kind, Name: g.Name, Action: action, Detail: detail}
}

func failure(res Result) error {
	var failed []string
	for _, c := range res.Changes {
		if c.Action == install.Failed {
			failed = append(failed, c.Name+": "+c.Detail)
		}
	}
	if len(failed) == 0 {
		return nil
	}
	return fmt.Errorf("%d of %d recording rule groups failed: %s", len(failed), len(res.Changes), strings.Join(failed, "; "))
}

// canonical is what decides whether the ruler holds the app's group: durations parsed, an empty
// label set the same as none.
type canonical struct {
	Interval model.Duration
	Rules    []Rule
}

func canonicalOf(g Group) canonical {
	interval, _ := model.ParseDuration(g.Interval)
	c := canonical{Interval: interval}
	for _, r := range g.Rules {
		if len(r.Labels) == 0 {
			r.Labels = nil
		}
		if len(r.Annotations) == 0 {
			r.Annotations = nil
		}
		if d, err := model.ParseDuration(r.For); err == nil {
			r.For = d.String()
		}
		c.Rules = append(c.Rules, r)
	}
	return c
}

func same(stored, want Group) bool { return reflect.DeepEqual(canonicalOf(stored), canonicalOf(want)) }

// differences names what differs between the ruler's group and the app's.
func differences(stored, want Group) []string {
	s, w := canonicalOf(stored), canonicalOf(want)
	var out []string
	if s.Interval != w.Interval {
		out = append(out, fmt.Sprintf("interval %s (the app's %s)", s.Interval, w.Interval))
	}
	differ := 0
	for i := range max(len(s.Rules), len(w.Rules)) {
		if i >= len(s.Rules) || i >= len(w.Rules) || !reflect.DeepEqual(s.Rules[i], w.Rules[i]) {
			differ++
		}
	}
	if differ > 0 {
		out = append(out, fmt.Sprintf("%d of the rules (the ruler holds %d, the app has %d)", differ, len(s.Rules), len(w.Rules)))
	}
	return out
}
