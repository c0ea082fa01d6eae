package grafanadouble

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"regexp"
	"sort"
	"strings"
)

const provisioningAPI = "/api/v1/provisioning"

// Evaluators of Grafana 12.x pkg/services/ngalert/api/authorization.go for the provisioning API.
func readRules(scope string) evaluator {
	return anyOf(perm("alert.provisioning:read"), perm("alert.rules.provisioning:read"), perm("alert.provisioning.secrets:read"),
		all(perm("alert.rules:read", scope), perm("folders:read", scope)))
}

func writeRules(scope string) evaluator {
	return anyOf(perm("alert.provisioning:write"), perm("alert.rules.provisioning:write"),
		all(perm("alert.rules:read", scope), perm("folders:read", scope), perm("alert.provisioning.provenance:write"),
			anyOf(perm("alert.rules:write", scope), perm("alert.rules:create", scope), perm("alert.rules:delete", scope))))
}

var readNotifications = anyOf(perm("alert.provisioning:read"), perm("alert.notifications.provisioning:read"),
	perm("alert.provisioning.secrets:read"), perm("alert.notifications:read"))

var writeNotifications = anyOf(perm("alert.provisioning:write"), perm("alert.notifications.provisioning:write"),
	all(perm("alert.notifications:write"), perm("alert.provisioning.provenance:write")))

func (g *Grafana) alertingRoutes(mux *http.ServeMux) {
	folderScope := func(r *http.Request) string { return "folders:uid:" + r.PathValue("folder") }
	g.handle(mux, "GET "+provisioningAPI+"/folder/{folder}/rule-groups/{group}", func(r *http.Request) evaluator { return readRules(folderScope(r)) }, g.getRuleGroup)
	g.handle(mux, "PUT "+provisioningAPI+"/folder/{folder}/rule-groups/{group}", func(r *http.Request) evaluator { return writeRules(folderScope(r)) }, g.putRuleGroup)
	g.handle(mux, "GET "+provisioningAPI+"/alert-rules/{uid}", always(anyOf(perm("alert.provisioning:read"), perm("alert.rules.provisioning:read"), perm("alert.provisioning.secrets:read"))), g.getAlertRule)
	g.handle(mux, "GET "+provisioningAPI+"/templates/{name}", always(readNotifications), g.getTemplate)
	g.handle(mux, "PUT "+provisioningAPI+"/templates/{name}", always(writeNotifications), g.putTemplate)
	g.handle(mux, "GET "+provisioningAPI+"/contact-points", always(readNotifications), g.getContactPoints)
	g.handle(mux, "POST "+provisioningAPI+"/contact-points", always(writeNotifications), g.postContactPoint)
	g.handle(mux, "PUT "+provisioningAPI+"/contact-points/{uid}", always(writeNotifications), g.putContactPoint)
	g.handle(mux, "GET "+provisioningAPI+"/policies", always(readNotifications), g.getPolicies)
	g.handle(mux, "PUT "+provisioningAPI+"/policies", always(writeNotifications), g.putPolicies)
}

// requestProvenance is Grafana 12.x pkg/services/ngalert/api/api_provisioning.go
// determineProvenance: the mere presence of X-Disable-Provenance, whatever its value, means none.
func requestProvenance(r *http.Request) Provenance {
	if _, disabled := r.Header[http.CanonicalHeaderKey("X-Disable-Provenance")]; disabled {
		return ProvenanceNone
	}
	return ProvenanceAPI
}

// provenanceLabel writes provenance as Grafana's errors do ("none" for the empty one).
func provenanceLabel(p Provenance) string {
	if p == ProvenanceNone {
		return "none"
	}
	return string(p)
}

// Grafana 12.x pkg/services/ngalert/provisioning/validation/provenance.go ValidateProvenanceRelaxed
// (templates, policies): anything may leave none, nothing may become none.
func relaxedProvenanceError(from, to Provenance) string {
	if from == ProvenanceNone || to != ProvenanceNone {
		return ""
	}
	return fmt.Sprintf("Resource with provenance status '%s' cannot be changed to '%s'. You must use appropriate API and permissions to manage this resource",
		provenanceLabel(from), provenanceLabel(to))
}

// Grafana 12.x pkg/services/ngalert/provisioning/validation/provenance.go
// CanUpdateProvenanceInRuleGroup.
func canUpdateProvenanceInRuleGroup(stored, provided Provenance) bool {
	if stored == provided || stored == ProvenanceNone {
		return true
	}
	return provided == ProvenanceNone && stored == ProvenanceAPI
}

func writeProvenanceMismatch(w http.ResponseWriter, operation string, provided, stored Provenance) {
	msg := fmt.Sprintf("cannot %s with provided provenance '%s', needs '%s'", operation, provided, stored)
	writeJSON(w, http.StatusConflict, map[string]any{"message": msg, "messageId": "alerting.provenanceMismatch", "statusCode": http.StatusConflict})
}

// Templates.

var defineTemplate = regexp.MustCompile(`\{\{\s*define`)

// Grafana 12.x pkg/services/ngalert/api/tooling/definitions NotificationTemplate.Validate: the
// content is trimmed, and wrapped in a define named after the template when it has none.
func normaliseTemplate(name, content string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("template must have a name")
	}
	content = strings.TrimSpace(content)
	if content == "" {
		return "", fmt.Errorf("template must have content")
	}
	if !defineTemplate.MatchString(content) {
		lines := strings.Split(content, "\n")
		for i, l := range lines {
			lines[i] = "  " + l
		}
		content = fmt.Sprintf("{{ define %q }}\n%s\n{{ end }}", name, strings.Join(lines, "\n"))
	}
	return content, nil
}

// Grafana 12.x pkg/services/ngalert/provisioning/templates.go calculateTemplateFingerprint.
func templateVersion(content string) string {
	h := fnv.New64()
	_, _ = h.Write([]byte(content))
	return fmt.Sprintf("%016x", h.Sum64())
}

func templateBody(name string, t *storedTemplate) map[string]any {
	body := map[string]any{"name": name, "template": t.content, "version": templateVersion(t.content)}
	if t.provenance != ProvenanceNone {
		body["provenance"] = string(t.provenance)
	}
	return body
}

func (g *Grafana) getTemplate(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	name := r.PathValue("name")
	t, ok := g.org(caller(r).orgID).templates[name]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "template not found", "messageId": "alerting.notifications.templates.notFound"})
		return
	}
	writeJSON(w, http.StatusOK, templateBody(name, t))
}

func (g *Grafana) putTemplate(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Template string `json:"template"`
		Version  string `json:"version"`
	}
	if err := readJSON(r, &body); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return
	}
	name := r.PathValue("name")
	content, err := normaliseTemplate(name, body.Template)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error(), "messageId": "alerting.notifications.templates.invalidFormat"})
		return
	}
	provenance := requestProvenance(r)
	g.mu.Lock()
	defer g.mu.Unlock()
	o := g.org(caller(r).orgID)
	cur, exists := o.templates[name]
	switch {
	case !exists && body.Version != "":
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "template not found", "messageId": "alerting.notifications.templates.notFound"})
		return
	case exists && relaxedProvenanceError(cur.provenance, provenance) != "":
		writeJSON(w, http.StatusForbidden, map[string]string{"message": relaxedProvenanceError(cur.provenance, provenance), "messageId": "alerting.notifications.invalidProvenance"})
		return
	case exists && body.Version != "" && body.Version != templateVersion(cur.content):
		writeJSON(w, http.StatusConflict, map[string]string{"message": "provided version " + body.Version + " of template " + name + " does not match current version " + templateVersion(cur.content), "messageId": "alerting.notifications.conflict"})
		return
	}
	t := &storedTemplate{content: content, provenance: provenance}
	o.templates[name] = t
	writeJSON(w, http.StatusAccepted, templateBody(name, t))
}

// Templates returns the stored content of every template of an organisation, by name.
func (g *Grafana) Templates(orgID int64) map[string]string {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := map[string]string{}
	for name, t := range g.org(orgID).templates {
		out[name] = t.content
	}
	return out
}

// Contact points.

// ContactPoint is one integration of a contact point as the provisioning API exchanges it.
type ContactPoint struct {
	UID                   string         `json:"uid"`
	Name                  string         `json:"name"`
	Type                  string         `json:"type"`
	Settings              map[string]any `json:"settings"`
	DisableResolveMessage bool           `json:"disableResolveMessage"`
	Provenance            string         `json:"provenance,omitempty"`
}

func embedded(in *storedIntegration) ContactPoint {
	return ContactPoint{UID: in.uid, Name: in.name, Type: in.typ, Settings: visibleSettings(in),
		DisableResolveMessage: in.disableResolveMessage, Provenance: string(in.provenance)}
}

// Grafana 12.x pkg/services/ngalert/provisioning/contactpoints.go GetContactPoints: name is an
// exact filter; secure settings are redacted; sorted by name, then uid.
func (g *Grafana) getContactPoints(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	g.mu.Lock()
	defer g.mu.Unlock()
	out := []ContactPoint{}
	for _, in := range g.org(caller(r).orgID).receivers {
		if name == "" || in.name == name {
			out = append(out, embedded(in))
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].UID < out[j].UID
	})
	writeJSON(w, http.StatusOK, out)
}

// StoredContactPoints returns every integration of an organisation with its secure settings
// decrypted, for tests to look at what Grafana would deliver with.
func (g *Grafana) StoredContactPoints(orgID int64) []ContactPoint {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []ContactPoint
	for _, in := range g.org(orgID).receivers {
		cp := embedded(in)
		for k, v := range in.secure {
			cp.Settings[k] = v
		}
		out = append(out, cp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UID < out[j].UID })
	return out
}

func validateIntegration(cp ContactPoint, plain map[string]any, secure map[string]string) string {
	switch {
	case cp.Name == "":
		return "contact point name is required"
	case cp.UID != "" && !validUID(cp.UID):
		return "uid is invalid"
	}
	return integrationSchemas[cp.Type].required(plain, secure)
}

func (g *Grafana) postContactPoint(w http.ResponseWriter, r *http.Request) {
	var cp ContactPoint
	if err := readJSON(r, &cp); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return
	}
	plain, secure, err := splitSecure(cp.Type, cp.Settings)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return
	}
	if msg := validateIntegration(cp, plain, secure); msg != "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": msg})
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	o := g.org(caller(r).orgID)
	if cp.UID == "" {
		cp.UID = "cp" + itoa(g.newID())
	}
	if _, exists := o.receivers[cp.UID]; exists {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "contact point with uid " + cp.UID + " already exists"})
		return
	}
	in := &storedIntegration{uid: cp.UID, name: cp.Name, typ: cp.Type, settings: plain, secure: secure,
		disableResolveMessage: cp.DisableResolveMessage, provenance: requestProvenance(r)}
	o.receivers[cp.UID] = in
	writeJSON(w, http.StatusAccepted, embedded(in))
}

// Grafana 12.x pkg/services/ngalert/provisioning/contactpoints.go UpdateContactPoint: a secure
// setting sent as "[REDACTED]" keeps its stored value, one left out is dropped; the provenance
// may not change unless it was none (a plain error, answered 500).
func (g *Grafana) putContactPoint(w http.ResponseWriter, r *http.Request) {
	var cp ContactPoint
	if err := readJSON(r, &cp); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return
	}
	cp.UID = r.PathValue("uid")
	plain, secure, err := splitSecure(cp.Type, cp.Settings)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	o := g.org(caller(r).orgID)
	cur, ok := o.receivers[cp.UID]
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "contact point not found"})
		return
	}
	provenance := requestProvenance(r)
	if cur.provenance != provenance && cur.provenance != ProvenanceNone {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": fmt.Sprintf("cannot change provenance from '%s' to '%s'", cur.provenance, provenance)})
		return
	}
	for k, v := range secure {
		if v == redacted {
			secure[k] = cur.secure[k]
		}
	}
	if msg := validateIntegration(cp, plain, secure); msg != "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": msg})
		return
	}
	o.receivers[cp.UID] = &storedIntegration{uid: cp.UID, name: cp.Name, typ: cp.Type, settings: plain, secure: secure,
		disableResolveMessage: cp.DisableResolveMessage, provenance: provenance}
	writeJSON(w, http.StatusAccepted, map[string]string{"message": "contactpoint updated"})
}

// Notification policies: the tree is only read and replaced whole.

func (g *Grafana) getPolicies(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	p := g.org(caller(r).orgID).policy
	if p == nil {
		writeJSON(w, http.StatusOK, map[string]any{"receiver": "grafana-default-email", "group_by": []string{"grafana_folder", "alertname"}})
		return
	}
	tree := map[string]any{}
	_ = json.Unmarshal(p.tree, &tree)
	if p.provenance != ProvenanceNone {
		tree["provenance"] = string(p.provenance)
	}
	writeJSON(w, http.StatusOK, tree)
}

func (g *Grafana) putPolicies(w http.ResponseWriter, r *http.Request) {
	var tree map[string]any
	if err := readJSON(r, &tree); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	o := g.org(caller(r).orgID)
	provenance := requestProvenance(r)
	if o.policy != nil {
		if msg := relaxedProvenanceError(o.policy.provenance, provenance); msg != "" {
			writeJSON(w, http.StatusForbidden, map[string]string{"message": msg, "messageId": "alerting.notifications.invalidProvenance"})
			return
		}
	}
	o.policy = &storedPolicy{tree: mustJSON(tree), provenance: provenance}
	writeJSON(w, http.StatusAccepted, map[string]string{"message": "policies updated"})
}

// PolicyProvenance returns the provenance of an organisation's notification policy tree and
// whether anything ever replaced Grafana's default tree.
func (g *Grafana) PolicyProvenance(orgID int64) (Provenance, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	p := g.org(orgID).policy
	if p == nil {
		return ProvenanceNone, false
	}
	return p.provenance, true
}
