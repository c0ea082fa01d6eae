package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/grafana/grafana-plugin-sdk-go/backend/resource/httpadapter"

	"github.com/hexabase/hexabase-monitoring-app/pkg/agentconfig"
	"github.com/hexabase/hexabase-monitoring-app/pkg/buildversion"
)

func (a *App) registerRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /version", a.handleVersion)
	mux.HandleFunc("POST /alerting/install", a.handleInstallAlerting)
	mux.HandleFunc("POST /alerting/recording-rules/install", a.handleInstallRecordingRules)
	mux.HandleFunc("GET /plans", a.handlePlans)
	mux.HandleFunc("POST /settings/validate", a.handleValidateSettings)
	mux.HandleFunc("GET /workspaces", a.handleWorkspaces)
	mux.HandleFunc("GET /workspaces/health", a.handleWorkspacesHealth)
	mux.HandleFunc("GET /workspaces/{id}/agent-config", a.handleAgentConfig)
}

// Rules of a resource request's path and query, checked before any routing.
const (
	maxPathLength = 256
	PathRule      = "must name a route of this app: at most 256 characters in segments of letters, digits, '-', '_' or '.', none empty, '.' or '..'"
	QueryRule     = "must be a valid URL query string"
	RouteRule     = "is not a route of this app"
	MethodRule    = "is not allowed on this route"
)

var (
	pathSegment = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]*$`)
	workspaceID = regexp.MustCompile(agentconfig.IDPattern)
)

// resourceHandler serves the routes through the SDK's adapter, after checking what Go's router
// would otherwise rewrite: ServeMux cleans '..' and '//' and redirects to another route, and
// Grafana passes the path already decoded once, so an encoded '../' arrives as one.
func (a *App) resourceHandler() backend.CallResourceHandler {
	mux := http.NewServeMux()
	a.registerRoutes(mux)
	adapter := httpadapter.New(jsonFallbacks(mux))
	return backend.CallResourceHandlerFunc(func(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
		if field, rule := checkResourceRequest(req.Path, req.URL); rule != "" {
			status := http.StatusBadRequest
			if rule == RouteRule {
				status = http.StatusNotFound
			}
			return sendJSON(sender, status, map[string]any{"error": field + ": " + rule, "errors": []map[string]string{{"field": field, "rule": rule}}})
		}
		return adapter.CallResource(ctx, req, sender)
	})
}

// checkResourceRequest returns the field and rule a request breaks, or "" when none; ids are
// checked here, before a route sees them.
func checkResourceRequest(path, rawURL string) (string, string) {
	path = strings.TrimPrefix(path, "/")
	if path == "" {
		return "path", RouteRule
	}
	if len(path) > maxPathLength {
		return "path", PathRule
	}
	segments := strings.Split(path, "/")
	for _, s := range segments {
		if !pathSegment.MatchString(s) {
			return "path", PathRule
		}
	}
	if segments[0] == "workspaces" && len(segments) > 1 && !workspaceID.MatchString(segments[1]) {
		return "id", agentconfig.IDRule
	}
	// The SDK's adapter parses the URL again (a control character there made it fail with a 500).
	u, err := url.Parse(rawURL)
	if err != nil {
		return "query", QueryRule
	}
	if _, err := url.ParseQuery(u.RawQuery); err != nil {
		return "query", QueryRule
	}
	return "", ""
}

// jsonFallbacks answers unknown routes (404) and methods (405) in JSON like every other answer,
// where ServeMux would answer plain text.
func jsonFallbacks(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Body == nil {
			req.Body = http.NoBody // the SDK's adapter leaves it nil for an empty body; a server's never is
		}
		if _, pattern := mux.Handler(req); pattern != "" {
			mux.ServeHTTP(w, req) // sets the path values that Handler alone does not
			return
		}
		var allowed []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			probe := req.Clone(req.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); pattern != "" {
				allowed = append(allowed, m)
			}
		}
		if len(allowed) == 0 {
			writeJSON(w, http.StatusNotFound, map[string]any{"error": "path: " + RouteRule, "errors": []map[string]string{{"field": "path", "rule": RouteRule}}})
			return
		}
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		rule := MethodRule + " (" + strings.Join(allowed, ", ") + ")"
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"error": "method: " + rule, "errors": []map[string]string{{"field": "method", "rule": rule}}})
	})
}

func sendJSON(sender backend.CallResourceResponseSender, status int, body any) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return err
	}
	return sender.Send(&backend.CallResourceResponse{Status: status, Headers: map[string][]string{"Content-Type": {"application/json"}}, Body: raw})
}

func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}

// handleVersion answers which plugin and SDK versions are running.
func (a *App) handleVersion(w http.ResponseWriter, req *http.Request) {
	loaded := backend.PluginConfigFromContext(req.Context()).PluginVersion
	writeJSON(w, http.StatusOK, buildversion.Get(PluginID, loaded))
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(body); err != nil {
		log.DefaultLogger.Warn("writing response failed", "error", err.Error())
	}
}
