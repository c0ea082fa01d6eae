package grafanadouble

import (
	"fmt"
	"net/http"
	"strings"
)

// Permission is one RBAC grant: an action on a scope ("" means no scope).
type Permission struct {
	Action string `json:"action"`
	Scope  string `json:"scope,omitempty"`
}

// evaluator is one access check a route makes, as Grafana's accesscontrol.Evaluator.
type evaluator interface {
	evaluate(perms map[string][]string) bool
	String() string
}

type permEval struct {
	action string
	scopes []string
}

type allEval []evaluator

type anyEval []evaluator

// perm requires the action on at least one of scopes; with no scope, the action on any scope.
func perm(action string, scopes ...string) evaluator { return permEval{action, scopes} }

func all(evals ...evaluator) evaluator { return allEval(evals) }

func anyOf(evals ...evaluator) evaluator { return anyEval(evals) }

// Grafana 12.x pkg/services/accesscontrol/evaluator.go permissionEvaluator.Evaluate: an
// evaluator without scopes only needs the action; otherwise any user scope must match any target.
func (p permEval) evaluate(perms map[string][]string) bool {
	userScopes, ok := perms[p.action]
	if !ok {
		return false
	}
	if len(p.scopes) == 0 {
		return true
	}
	for _, target := range p.scopes {
		for _, scope := range userScopes {
			if scopeMatches(scope, target) {
				return true
			}
		}
	}
	return false
}

func (p permEval) String() string {
	if len(p.scopes) == 0 {
		return fmt.Sprintf("action:%s", p.action)
	}
	return fmt.Sprintf("action:%s scopes:%s", p.action, strings.Join(p.scopes, ", "))
}

func (e allEval) evaluate(perms map[string][]string) bool {
	for _, x := range e {
		if !x.evaluate(perms) {
			return false
		}
	}
	return true
}

func (e allEval) String() string { return join("all", e) }

func (e anyEval) evaluate(perms map[string][]string) bool {
	for _, x := range e {
		if x.evaluate(perms) {
			return true
		}
	}
	return false
}

func (e anyEval) String() string { return join("any", e) }

func join(kind string, evals []evaluator) string {
	parts := make([]string, len(evals))
	for i, e := range evals {
		parts[i] = e.String()
	}
	return kind + "(" + strings.Join(parts, ", ") + ")"
}

// Grafana 12.x pkg/services/accesscontrol/evaluator.go match: an empty user scope never matches,
// a trailing '*' is a prefix match, anything else must be equal.
func scopeMatches(scope, target string) bool {
	if scope == "" || !validScope(scope) {
		return false
	}
	prefix, last := scope[:len(scope)-1], scope[len(scope)-1]
	if last == '*' && strings.HasPrefix(target, prefix) {
		return true
	}
	return scope == target
}

// Grafana 12.x pkg/services/accesscontrol/accesscontrol.go ValidateScope: a wildcard must follow
// ':' or '/', and no '*' or '?' may appear before the end.
func validScope(scope string) bool {
	prefix, last := scope[:len(scope)-1], scope[len(scope)-1]
	if len(prefix) > 0 && last == '*' {
		if c := prefix[len(prefix)-1]; c != ':' && c != '/' {
			return false
		}
	}
	return !strings.ContainsAny(prefix, "*?")
}

// permissionMap groups grants by action, as Grafana's evaluator reads them.
func permissionMap(grants []Permission) map[string][]string {
	out := map[string][]string{}
	for _, g := range grants {
		out[g.Action] = append(out[g.Action], g.Scope)
	}
	return out
}

// denyAccess answers as Grafana's accesscontrol middleware (pkg/services/accesscontrol/middleware.go, 12.x).
func denyAccess(w http.ResponseWriter, e evaluator) {
	writeJSON(w, http.StatusForbidden, map[string]string{
		"title":   "Access denied",
		"message": "You'll need additional permissions to perform this action. Permissions needed: " + e.String(),
	})
}

// basicRolePermissions are the grants of Grafana's basic roles that the routes of this double
// check, from the fixed roles of Grafana 12.x pkg/api/accesscontrol.go, pkg/services/ngalert
// accesscontrol and pkg/services/pluginsintegration/pluginaccesscontrol; "None" has none.
func basicRolePermissions(role string) []Permission {
	viewer := []Permission{
		{"plugins.app:access", "plugins:*"},
		{"datasources:query", "datasources:*"},
		{"folders:read", "folders:*"},
		{"alert.rules:read", "folders:*"},
		// Grafana 13.x pkg/services/ngalert/accesscontrol.go fixed:alerting.rules:reader (Viewer).
		{"alert.rules.external:read", "datasources:*"},
		{"orgs:read", ""},
	}
	editor := append(append([]Permission{}, viewer...),
		// fixed:folders:creator is granted to Editor, and only on the root (general) folder.
		Permission{"folders:create", "folders:uid:general"},
		Permission{"alert.rules:write", "folders:*"},
		Permission{"alert.rules:create", "folders:*"},
		Permission{"alert.rules:delete", "folders:*"},
		// fixed:alerting.rules:writer (Editor) adds writes to datasources' rulers.
		Permission{"alert.rules.external:write", "datasources:*"},
		Permission{"alert.notifications:read", ""},
	)
	admin := append(append([]Permission{}, editor...),
		Permission{"plugins:write", "plugins:*"},
		Permission{"folders:create", "folders:*"},
		Permission{"folders:write", "folders:*"},
		Permission{"alert.provisioning:read", ""},
		Permission{"alert.provisioning:write", ""},
		Permission{"alert.notifications:write", ""},
		Permission{"alert.provisioning.provenance:write", ""},
	)
	switch role {
	case "Viewer":
		return viewer
	case "Editor":
		return editor
	case "Admin":
		return admin
	}
	return nil
}
