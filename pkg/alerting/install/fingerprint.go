package install

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"reflect"
	"strings"
	"time"

	"github.com/prometheus/common/model"
)

// FingerprintAnnotation carries, on each rule the installer writes, the fingerprint of the rule
// as written and its group's interval ("<fingerprint>/<seconds>s"). A stored rule whose content
// no longer matches it was changed in Grafana; a group whose interval differs from it too.
const FingerprintAnnotation = "hexabase_installed_fingerprint"

// canonicalRule is what decides whether two rules are the same; Grafana adds defaults and
// rewrites durations, so rules are compared on these fields, parsed.
type canonicalRule struct {
	UID, Title, Condition, NoData, ExecErr string
	For, KeepFiringFor                     time.Duration
	Labels, Annotations                    map[string]string
	IsPaused                               bool
	Queries                                []string
	Notification                           string
	MissingSeriesEvals                     int
}

func duration(s string) time.Duration {
	d, err := model.ParseDuration(s)
	if err != nil {
		parsed, _ := time.ParseDuration(s)
		return parsed
	}
	return time.Duration(d)
}

func canonical(r rule) canonicalRule {
	c := canonicalRule{
		UID: r.UID, Title: r.Title, Condition: r.Condition, NoData: r.NoDataState, ExecErr: r.ExecErrState,
		For: duration(r.For), KeepFiringFor: duration(r.KeepFiringFor),
		Labels: map[string]string{}, Annotations: map[string]string{}, IsPaused: r.IsPaused,
	}
	maps.Copy(c.Labels, r.Labels)
	maps.Copy(c.Annotations, r.Annotations)
	delete(c.Annotations, FingerprintAnnotation)
	if r.MissingSeriesEvalsToResolve != nil {
		c.MissingSeriesEvals = *r.MissingSeriesEvalsToResolve
	}
	if ns := r.NotificationSettings; ns != nil {
		c.Notification = fmt.Sprintf("%s|%v|%s|%s|%s|%v|%v", ns.Receiver, ns.GroupBy, duration(ns.GroupWait), duration(ns.GroupInterval),
			duration(ns.RepeatInterval), ns.MuteTimeIntervals, ns.ActiveTimeIntervals)
	}
	for _, q := range r.Data {
		m, _ := json.Marshal(map[string]any{
			"expr": q.Model["expr"], "type": q.Model["type"], "expression": q.Model["expression"], "conditions": q.Model["conditions"],
		})
		c.Queries = append(c.Queries, fmt.Sprintf("%s|%s|%d|%d|%s", q.RefID, q.DatasourceUID, q.RelativeTimeRange.From, q.RelativeTimeRange.To, m))
	}
	return c
}

func fingerprint(r rule) string {
	raw, _ := json.Marshal(canonical(r))
	h := fnv.New64a()
	_, _ = h.Write(raw)
	return fmt.Sprintf("%016x", h.Sum64())
}

// withFingerprint returns the rule annotated with its own fingerprint and its group's interval.
func withFingerprint(r rule, interval int64) rule {
	annotations := maps.Clone(r.Annotations)
	if annotations == nil {
		annotations = map[string]string{}
	}
	annotations[FingerprintAnnotation] = fmt.Sprintf("%s/%ds", fingerprint(r), interval)
	r.Annotations = annotations
	return r
}

// installed reads a stored rule's fingerprint annotation: the fingerprint and interval written.
func installed(stored rule) (fp string, interval int64) {
	fp, rest, _ := strings.Cut(stored.Annotations[FingerprintAnnotation], "/")
	_, _ = fmt.Sscanf(rest, "%ds", &interval)
	return fp, interval
}

// sameRule reports whether a stored rule is the wanted one, whatever Grafana normalised.
func sameRule(stored, want rule) bool {
	return reflect.DeepEqual(canonical(stored), canonical(want)) && stored.Annotations[FingerprintAnnotation] == want.Annotations[FingerprintAnnotation]
}

// editedInGrafana reports whether a stored rule was changed since the installer wrote it, or
// carries no fingerprint at all (then nobody can tell who wrote it).
func editedInGrafana(stored rule) bool {
	fp, _ := installed(stored)
	return fp != fingerprint(stored)
}

// differences names what differs between a stored rule and the app's version of it.
func differences(stored, want rule) []string {
	s, w := canonical(stored), canonical(want)
	var out []string
	if len(s.Queries) > 1 && len(w.Queries) > 1 && s.Queries[1] != w.Queries[1] {
		out = append(out, "threshold "+threshold(stored)+" (the app's "+threshold(want)+")")
	}
	if len(s.Queries) > 0 && len(w.Queries) > 0 && s.Queries[0] != w.Queries[0] {
		out = append(out, "query")
	}
	if s.For != w.For {
		out = append(out, fmt.Sprintf("pending period %s (the app's %s)", model.Duration(s.For), model.Duration(w.For)))
	}
	for _, f := range []struct {
		name string
		a, b any
	}{
		{"title", s.Title, w.Title}, {"labels", s.Labels, w.Labels}, {"annotations", s.Annotations, w.Annotations},
		{"no-data state", s.NoData, w.NoData}, {"error state", s.ExecErr, w.ExecErr}, {"paused", s.IsPaused, w.IsPaused},
		{"notification settings", s.Notification, w.Notification}, {"missing-series resolution", s.MissingSeriesEvals, w.MissingSeriesEvals},
		{"keep firing for", s.KeepFiringFor, w.KeepFiringFor},
		{"condition", s.Condition, w.Condition},
	} {
		if !reflect.DeepEqual(f.a, f.b) {
			out = append(out, f.name)
		}
	}
	return out
}

// threshold reads the threshold of a rule's B expression.
func threshold(r rule) string {
	if len(r.Data) < 2 {
		return "?"
	}
	conditions, _ := r.Data[1].Model["conditions"].([]any)
	for _, c := range conditions {
		ev, _ := c.(map[string]any)["evaluator"].(map[string]any)
		if params, _ := ev["params"].([]any); len(params) > 0 {
			return fmt.Sprint(params[0])
		}
	}
	return "?"
}
