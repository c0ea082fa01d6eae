// Package grafanadouble is a test double of the part of Grafana's HTTP API that the app and its
// pages use: plugin settings and the app's backend, datasource health and proxy, folders, the
// alerting provisioning API, the data-source ruler API and the current organisation. It is as
// strict as Grafana 12.3 to 13.x where the app relies on it: the app's managed service account
// holds only the permissions plugin.json declares under iam and exists only in the default
// organisation, resources loaded from provisioning files are read-only to the API, and stored
// forms (trimmed templates, redacted secure settings, normalised rules) are what Grafana returns.
// Each rule names the Grafana source file it mirrors. Grafana itself is AGPL and cannot run or be
// depended on here.
package grafanadouble

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultOrgID is the organisation a plugin's service account is created in.
// Grafana 12.x pkg/setting/setting.go DefaultOrgID: auto_assign_org_id when set, else 1.
const DefaultOrgID int64 = 1

// Options configure a double.
type Options struct {
	// PluginJSON is the path of the app's plugin.json: its id, and its iam permissions, which
	// are all the app's service account holds.
	PluginJSON string
	// ExternalServiceAccounts and ManagedServiceAccounts are Grafana's externalServiceAccounts
	// feature toggle and [auth] managed_service_accounts_enabled; the app gets a service account
	// only when both are on.
	ExternalServiceAccounts bool
	ManagedServiceAccounts  bool
	// App builds the app's backend instance from its settings, as the plugin SDK's instance
	// manager does; nil serves no backend.
	App AppFactory
	// Session is the signed-in user of requests that carry no Authorization header, standing for
	// the browser of a page under test; a zero Session refuses such requests.
	Session Session
	// Env expands ${VAR} in provisioning files; unset variables expand to "".
	Env map[string]string
	// AlertingDisableDSAPIWithManageAlerts is Grafana's feature toggle of that name: the
	// data-source ruler API refuses a datasource whose jsonData.manageAlerts is false.
	AlertingDisableDSAPIWithManageAlerts bool
}

// Session is a signed-in user of one organisation with a basic role.
type Session struct {
	OrgID int64
	Role  string
	Login string
}

// Request is one request the double answered.
type Request struct {
	Method, Path, Query string
	Caller              string
	Status              int
}

// Grafana is one running double on 127.0.0.1.
type Grafana struct {
	URL      string
	opts     Options
	pluginID string
	iam      []Permission

	mu       sync.Mutex
	orgs     map[int64]*org
	tokens   map[string]*identity
	saToken  string
	requests []Request
	faults   []fault
	nextID   int64

	srv *http.Server
}

type fault struct {
	method, path string
	status       int
	message      string
}

// Start serves a double with organisations 1 ("Main Org.") and 2 ("Second Org.") until Close.
func Start(opts Options) (*Grafana, error) {
	g := &Grafana{opts: opts, orgs: map[int64]*org{}, tokens: map[string]*identity{}}
	if opts.PluginJSON != "" {
		if err := g.readPluginJSON(opts.PluginJSON); err != nil {
			return nil, err
		}
	}
	for id, name := range map[int64]string{1: "Main Org.", 2: "Second Org."} {
		g.orgs[id] = newOrg(id, name)
	}
	if opts.ExternalServiceAccounts && opts.ManagedServiceAccounts && len(g.iam) > 0 {
		// Grafana 12.x pkg/services/serviceaccounts/extsvcaccounts/service.go: basic role None,
		// created in the default organisation only, holding exactly the plugin's iam permissions.
		g.saToken = "glsa_extsvc-" + g.pluginID + "_token"
		g.tokens[g.saToken] = &identity{login: "extsvc-" + g.pluginID, role: "None", orgID: DefaultOrgID,
			serviceAccount: true, perms: permissionMap(g.iam)}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	g.URL = "http://" + ln.Addr().String()
	g.srv = &http.Server{Handler: g.routes(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = g.srv.Serve(ln) }()
	return g, nil
}

// Close stops the server and disposes every backend instance.
func (g *Grafana) Close() {
	_ = g.srv.Close()
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, o := range g.orgs {
		o.plugin.dispose()
	}
}

func (g *Grafana) readPluginJSON(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var meta struct {
		ID  string `json:"id"`
		IAM struct {
			Permissions []Permission `json:"permissions"`
		} `json:"iam"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	// Grafana 12.x pkg/services/pluginsintegration/serviceregistration: action and scope are
	// copied as they are; an absent scope is the empty scope.
	g.pluginID, g.iam = meta.ID, meta.IAM.Permissions
	return nil
}

// ServiceAccountToken is the token Grafana hands the app, or "" when it gives it none.
func (g *Grafana) ServiceAccountToken() string { return g.saToken }

// UserToken returns a token of a user with this basic role in this organisation.
func (g *Grafana) UserToken(orgID int64, role string) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	token := fmt.Sprintf("glsa_user_%d_%s", orgID, strings.ToLower(role))
	g.tokens[token] = &identity{login: strings.ToLower(role), role: role, orgID: orgID, perms: permissionMap(basicRolePermissions(role))}
	return token
}

// Requests returns what the double answered, oldest first.
func (g *Grafana) Requests() []Request {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]Request(nil), g.requests...)
}

// ResetRequests forgets the requests answered so far.
func (g *Grafana) ResetRequests() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.requests = nil
}

// Fail makes every request "METHOD path" (path without the query) answer status with message.
func (g *Grafana) Fail(method, path string, status int, message string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.faults = append(g.faults, fault{method, path, status, message})
}

func (g *Grafana) org(id int64) *org { return g.orgs[id] }

func (g *Grafana) newID() int64 {
	g.nextID++
	return g.nextID
}

// identity is who calls: a user with a basic role, or the app's service account.
type identity struct {
	login, role    string
	orgID          int64
	serviceAccount bool
	perms          map[string][]string
}

type ctxKey struct{}

func caller(r *http.Request) *identity { return r.Context().Value(ctxKey{}).(*identity) }

// authenticate resolves the caller; Grafana's /api group requires a signed-in user.
func (g *Grafana) authenticate(r *http.Request) (*identity, bool) {
	h := r.Header.Get("Authorization")
	if h == "" {
		s := g.opts.Session
		if s.Role == "" {
			return nil, false
		}
		login := s.Login
		if login == "" {
			login = "session"
		}
		return &identity{login: login, role: s.Role, orgID: s.OrgID, perms: permissionMap(basicRolePermissions(s.Role))}, true
	}
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		return nil, false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	id, ok := g.tokens[token]
	return id, ok
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// handle registers a route guarded by the evaluator Grafana's route table gives it; eval may
// depend on the request (URL parameters injected into scopes, as Grafana's middleware does).
func (g *Grafana) handle(mux *http.ServeMux, pattern string, eval func(*http.Request) evaluator, h http.HandlerFunc) {
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		id, ok := g.authenticate(r)
		name := "anonymous"
		if ok {
			name = id.login
		}
		defer func() {
			g.mu.Lock()
			g.requests = append(g.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Caller: name, Status: rec.status})
			g.mu.Unlock()
		}()
		if !ok {
			writeJSON(rec, http.StatusUnauthorized, map[string]string{"message": "Unauthorized"})
			return
		}
		if f, hit := g.fault(r); hit {
			writeJSON(rec, f.status, map[string]string{"message": f.message})
			return
		}
		if eval != nil {
			if e := eval(r); !e.evaluate(id.perms) {
				denyAccess(rec, e)
				return
			}
		}
		h(rec, r.WithContext(context.WithValue(r.Context(), ctxKey{}, id)))
	})
}

func (g *Grafana) fault(r *http.Request) (fault, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, f := range g.faults {
		if f.method == r.Method && f.path == r.URL.Path {
			return f, true
		}
	}
	return fault{}, false
}

func (g *Grafana) routes() *http.ServeMux {
	mux := http.NewServeMux()
	g.pluginRoutes(mux)
	g.datasourceRoutes(mux)
	g.folderRoutes(mux)
	g.alertingRoutes(mux)
	g.rulerRoutes(mux)
	// Grafana 12.x pkg/api/api.go: GET /api/org/ requires orgs:read.
	org := func(w http.ResponseWriter, r *http.Request) {
		o := g.org(caller(r).orgID)
		writeJSON(w, http.StatusOK, map[string]any{"id": o.id, "name": o.name})
	}
	g.handle(mux, "GET /api/org/{$}", always(perm("orgs:read")), org)
	g.handle(mux, "GET /api/org", always(perm("orgs:read")), org)
	mux.HandleFunc("GET /api/health", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"database": "ok", "version": "12.4.0-double"})
	})
	return mux
}

func always(e evaluator) func(*http.Request) evaluator {
	return func(*http.Request) evaluator { return e }
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// readJSON decodes a request body as Grafana's binding does: unknown fields are ignored.
func readJSON(r *http.Request, into any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 32<<20))
	if err := dec.Decode(into); err != nil {
		return errors.New("bad request data")
	}
	return nil
}

// validUID mirrors Grafana 12.x pkg/util/shortid_generator.go IsValidShortUID.
func validUID(uid string) bool {
	if uid == "" || len(uid) > 40 {
		return false
	}
	for _, c := range uid {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
