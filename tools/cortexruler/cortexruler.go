// Package cortexruler serves, in memory, the rule-group config API of the ruler of Cortex
// v1.21.1 (pkg/ruler/api.go, routes from pkg/api/api.go RegisterRulerAPI) with authentication
// on, for Go tests that must not need the real binary: the same paths, tenant header, answers,
// statuses and content types. Rule expressions are not parsed; groups are kept as sent.
package cortexruler

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Group is a rule group as Cortex stores and lists it (rulefmt.RuleGroup).
type Group struct {
	Name     string `yaml:"name"`
	Interval string `yaml:"interval,omitempty"`
	Rules    []Rule `yaml:"rules"`
}

// Rule is a recording or alerting rule (rulefmt.Rule).
type Rule struct {
	Record      string            `yaml:"record,omitempty"`
	Alert       string            `yaml:"alert,omitempty"`
	Expr        string            `yaml:"expr"`
	For         string            `yaml:"for,omitempty"`
	Labels      map[string]string `yaml:"labels,omitempty"`
	Annotations map[string]string `yaml:"annotations,omitempty"`
}

// Request is one call the ruler answered.
type Request struct {
	Method, Path, Query, Tenant, ContentType, Authorization string
	Body                                                    string
	Status                                                  int
}

// Server is one running fake ruler.
type Server struct {
	URL string

	prefixes []string
	mu       sync.Mutex
	groups   map[string]map[string][]Group // tenant → namespace → groups, in the order written
	requests []Request
	srv      *httptest.Server
}

// Cortex's rule-group config API lives under /api/v1/rules and, with the legacy HTTP prefix
// (/api/prom, pkg/cortex/modules.go LegacyHTTPPrefix), under /api/prom/rules.
var cortexPrefixes = []string{"/api/v1/rules", "/api/prom/rules"}

// MimirPrefix is where Mimir serves the same API (<prometheus-http-prefix>/config/v1/rules).
const MimirPrefix = "/prometheus/config/v1/rules"

// Start serves a ruler with no rules until Close, under Cortex's paths or the prefixes given.
func Start(prefixes ...string) *Server {
	if len(prefixes) == 0 {
		prefixes = cortexPrefixes
	}
	s := &Server{prefixes: prefixes, groups: map[string]map[string][]Group{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Groups returns the groups a tenant holds in a namespace.
func (s *Server) Groups(tenant, namespace string) []Group {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.groups[tenant][namespace])
}

// Requests returns what the ruler answered, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// route splits a path under one of the prefixes into namespace and group.
func (s *Server) route(p string) (namespace, group string, ok bool) {
	for _, prefix := range s.prefixes {
		rest, found := strings.CutPrefix(p, prefix)
		if !found || rest != "" && !strings.HasPrefix(rest, "/") {
			continue
		}
		parts := strings.Split(strings.TrimPrefix(rest, "/"), "/")
		switch {
		case rest == "":
			return "", "", true
		case len(parts) == 1:
			return parts[0], "", true
		case len(parts) == 2:
			return parts[0], parts[1], true
		}
	}
	return "", "", false
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		s.mu.Lock()
		s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
			Tenant: r.Header.Get("X-Scope-OrgID"), ContentType: r.Header.Get("Content-Type"),
			Authorization: r.Header.Get("Authorization"), Body: string(body), Status: rec.status})
		s.mu.Unlock()
	}()
	namespace, group, ok := s.route(r.URL.Path)
	if !ok {
		// gorilla/mux's NotFound, as for any path Cortex does not register.
		http.Error(rec, "404 page not found", http.StatusNotFound)
		return
	}
	// weaveworks/common middleware/http_auth.go: with auth enabled a request needs a tenant.
	tenant := r.Header.Get("X-Scope-OrgID")
	if tenant == "" {
		http.Error(rec, "no org id", http.StatusUnauthorized)
		return
	}
	switch {
	case r.Method == http.MethodGet && group == "":
		s.list(rec, tenant, namespace)
	case r.Method == http.MethodGet:
		s.get(rec, tenant, namespace, group)
	case r.Method == http.MethodPost && namespace != "" && group == "":
		s.create(rec, tenant, namespace, body)
	case r.Method == http.MethodDelete && namespace != "":
		s.delete(rec, tenant, namespace, group)
	default:
		http.Error(rec, "405 method not allowed", http.StatusMethodNotAllowed)
	}
}

// list is ListRules: no group at all is 404 "no rule groups found", else YAML by namespace.
func (s *Server) list(w http.ResponseWriter, tenant, namespace string) {
	s.mu.Lock()
	out := map[string][]Group{}
	for ns, groups := range s.groups[tenant] {
		if (namespace == "" || ns == namespace) && len(groups) > 0 {
			out[ns] = slices.Clone(groups)
		}
	}
	s.mu.Unlock()
	if len(out) == 0 {
		http.Error(w, "no rule groups found", http.StatusNotFound)
		return
	}
	sendYAML(w, out)
}

// get is GetRuleGroup: an unknown group is 404 with rulestore.ErrGroupNotFound's text.
func (s *Server) get(w http.ResponseWriter, tenant, namespace, name string) {
	s.mu.Lock()
	i, groups := s.find(tenant, namespace, name)
	s.mu.Unlock()
	if i < 0 {
		http.Error(w, "group does not exist", http.StatusNotFound)
		return
	}
	sendYAML(w, groups[i])
}

// create is CreateRuleGroup: YAML that does not decode is 400 ErrBadRuleGroup, a group without
// name or rules fails ValidateRuleGroup (pkg/ruler/manager.go); a stored group is replaced.
func (s *Server) create(w http.ResponseWriter, tenant, namespace string, body []byte) {
	var g Group
	if err := yaml.Unmarshal(body, &g); err != nil {
		http.Error(w, "unable to decoded rule group", http.StatusBadRequest)
		return
	}
	switch {
	case g.Name == "":
		http.Error(w, "invalid rules config: rule group name must not be empty", http.StatusBadRequest)
		return
	case len(g.Rules) == 0:
		http.Error(w, "invalid rules config: rule group '"+g.Name+"' has no rules", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	if s.groups[tenant] == nil {
		s.groups[tenant] = map[string][]Group{}
	}
	if i, groups := s.find(tenant, namespace, g.Name); i >= 0 {
		groups[i] = g
	} else {
		s.groups[tenant][namespace] = append(groups, g)
	}
	s.mu.Unlock()
	accepted(w)
}

// delete is DeleteRuleGroup, or DeleteNamespace without a group.
func (s *Server) delete(w http.ResponseWriter, tenant, namespace, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if name == "" {
		if len(s.groups[tenant][namespace]) == 0 {
			http.Error(w, "group namespace does not exist", http.StatusNotFound)
			return
		}
		delete(s.groups[tenant], namespace)
		accepted(w)
		return
	}
	i, groups := s.find(tenant, namespace, name)
	if i < 0 {
		http.Error(w, "group does not exist", http.StatusNotFound)
		return
	}
	s.groups[tenant][namespace] = slices.Delete(groups, i, i+1)
	accepted(w)
}

func (s *Server) find(tenant, namespace, name string) (int, []Group) {
	groups := s.groups[tenant][namespace]
	return slices.IndexFunc(groups, func(g Group) bool { return g.Name == name }), groups
}

func sendYAML(w http.ResponseWriter, v any) {
	raw, err := yaml.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/yaml")
	_, _ = w.Write(raw)
}

// accepted is respondAccepted: 202 with a JSON status, the rule stored and queued for polling.
func accepted(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusAccepted)
	_, _ = io.WriteString(w, `{"status":"success"}`)
}

type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}
