package compose

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hexabase/hexabase-monitoring-app/pkg/codegen"
)

// gatewayConfPath is where the nginx image reads its server blocks from.
const gatewayConfPath = "/etc/nginx/conf.d/default.conf"

// gatewayRoutes are the paths the gateway serves, as a Cortex gateway routes them, and the Cortex
// target that must answer each: the Prometheus datasource URL /api/prom for queries and Grafana's
// data-source ruler API, /api/v1/push for the agents.
var gatewayRoutes = map[string]string{
	"/api/v1/push":                        "distributor",
	"/api/prom/api/v1/query":              "querier",
	"/api/prom/api/v1/query_range":        "querier",
	"/api/prom/api/v1/labels":             "querier",
	"/api/prom/api/v1/label/job/values":   "querier",
	"/api/prom/api/v1/series":             "querier",
	"/api/prom/api/v1/metadata":           "querier",
	"/api/prom/api/v1/status/buildinfo":   "querier",
	"/api/prom/rules":                     "ruler",
	"/api/prom/rules/hexabase-monitoring": "ruler",
	"/api/prom/rules/ns/group":            "ruler",
	"/api/prom/api/v1/rules":              "ruler",
	"/api/prom/api/v1/alerts":             "ruler",
}

// nginxDirective is one directive of an nginx configuration, with its block if it has one.
type nginxDirective struct {
	name  string
	args  []string
	block []nginxDirective
	line  int
}

// parseNginx reads nginx's configuration syntax: directives ended by ; or a {} block, # comments,
// quoted arguments.
func parseNginx(src string) ([]nginxDirective, error) {
	type token struct {
		text   string
		quoted bool
		line   int
	}
	var tokens []token
	line := 1
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line++
		case c == ' ' || c == '\t' || c == '\r':
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case c == ';' || c == '{' || c == '}':
			tokens = append(tokens, token{text: string(c), line: line})
		case c == '"' || c == '\'':
			end := strings.IndexByte(src[i+1:], c)
			if end < 0 {
				return nil, fmt.Errorf("line %d: unclosed quote", line)
			}
			tokens = append(tokens, token{text: src[i+1 : i+1+end], quoted: true, line: line})
			line += strings.Count(src[i+1:i+1+end], "\n")
			i += end + 1
		default:
			start := i
			for i < len(src) && !strings.ContainsRune(" \t\r\n;{}#", rune(src[i])) {
				i++
			}
			tokens = append(tokens, token{text: src[start:i], line: line})
			i--
		}
	}
	var parse func(depth int) ([]nginxDirective, error)
	pos := 0
	parse = func(depth int) ([]nginxDirective, error) {
		var out []nginxDirective
		for pos < len(tokens) {
			t := tokens[pos]
			if t.text == "}" && !t.quoted {
				if depth == 0 {
					return nil, fmt.Errorf("line %d: unexpected }", t.line)
				}
				pos++
				return out, nil
			}
			d := nginxDirective{name: t.text, line: t.line}
			for pos++; ; pos++ {
				if pos >= len(tokens) {
					return nil, fmt.Errorf("line %d: %s is not ended by ; or a block", d.line, d.name)
				}
				a := tokens[pos]
				if !a.quoted && a.text == ";" {
					pos++
					break
				}
				if !a.quoted && a.text == "{" {
					pos++
					block, err := parse(depth + 1)
					if err != nil {
						return nil, err
					}
					d.block = block
					break
				}
				d.args = append(d.args, a.text)
			}
			out = append(out, d)
		}
		if depth > 0 {
			return nil, fmt.Errorf("a block is not closed")
		}
		return out, nil
	}
	return parse(0)
}

func findDirectives(ds []nginxDirective, name string) []nginxDirective {
	var out []nginxDirective
	for _, d := range ds {
		if d.name == name {
			out = append(out, d)
		}
	}
	return out
}

// nginxServer is the gateway's one server block.
type nginxServer struct {
	file   string
	body   []nginxDirective
	listen int
	vars   map[string]string
}

func loadGateway(t *testing.T, p *project) (svc map[string]any, srv *nginxServer) {
	t.Helper()
	svc, err := p.service("gateway")
	if err != nil {
		t.Fatal(err)
	}
	file, ok := mountedFile(svc, gatewayConfPath)
	if !ok {
		t.Fatalf("%s: services.gateway: %s is not a file bind-mounted from the repository", mainFile, gatewayConfPath)
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	top, err := parseNginx(string(data))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	servers := findDirectives(top, "server")
	if len(servers) != 1 || len(top) != 1 {
		t.Fatalf("%s: want exactly one server block and nothing else", file)
	}
	srv = &nginxServer{file: file, body: servers[0].block, vars: map[string]string{}}
	for _, l := range findDirectives(srv.body, "listen") {
		srv.listen, _ = strconv.Atoi(l.args[0])
	}
	for _, s := range findDirectives(srv.body, "set") {
		srv.vars[s.args[0]] = s.args[1]
	}
	return svc, srv
}

// location finds the location nginx picks for a path: an exact (=) match, else the longest
// prefix. Regular-expression locations are refused, since this test cannot order them as nginx does.
func (s *nginxServer) location(path string) (*nginxDirective, error) {
	var best *nginxDirective
	locations := findDirectives(s.body, "location")
	for i := range locations {
		d, loc := locations[i], &locations[i]
		switch {
		case len(d.args) == 2 && d.args[0] == "=":
			if d.args[1] == path {
				return loc, nil
			}
		case len(d.args) == 1:
			if strings.HasPrefix(path, d.args[0]) && (best == nil || len(d.args[0]) > len(best.args[0])) {
				best = loc
			}
		default:
			return nil, fmt.Errorf("line %d: location %v: only exact (=) and prefix locations can be checked", d.line, d.args)
		}
	}
	if best == nil {
		return nil, fmt.Errorf("no location serves %s", path)
	}
	return best, nil
}

// upstream returns where the gateway proxies a path, with its variables expanded.
func (s *nginxServer) upstream(path string) (*url.URL, error) {
	loc, err := s.location(path)
	if err != nil {
		return nil, err
	}
	pass := findDirectives(loc.block, "proxy_pass")
	if len(pass) != 1 {
		return nil, fmt.Errorf("line %d: location %v does not proxy_pass", loc.line, loc.args)
	}
	target := pass[0].args[0]
	if strings.Contains(target, "$") {
		if len(findDirectives(s.body, "resolver")) == 0 {
			return nil, fmt.Errorf("line %d: proxy_pass with a variable needs a resolver for the service names", pass[0].line)
		}
		v, ok := s.vars[target]
		if !ok {
			return nil, fmt.Errorf("line %d: %s is not set", pass[0].line, target)
		}
		target = v
	}
	u, err := url.Parse(target)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("line %d: %q is not an absolute URL", pass[0].line, target)
	}
	if u.Path != "" {
		return nil, fmt.Errorf("line %d: %s has a URI part, so nginx would rewrite %s", pass[0].line, target, path)
	}
	return u, nil
}

func TestGatewayRoutesPathsToCortexComponents(t *testing.T) {
	p := loadProject(t)
	svc, srv := loadGateway(t, p)
	if !containerPorts(svc)[srv.listen] {
		t.Errorf("%s: listens on %d, which services.gateway does not publish or expose", srv.file, srv.listen)
	}
	for _, path := range sortedKeys(gatewayRoutes) {
		want := gatewayRoutes[path]
		u, err := srv.upstream(path)
		if err != nil {
			t.Errorf("%s: %s: %v", srv.file, path, err)
			continue
		}
		target, err := p.service(u.Hostname())
		if err != nil {
			t.Errorf("%s: %s goes to %s, which is not a service of %s", srv.file, path, u.Host, mainFile)
			continue
		}
		if got := commandFlag(target, "-target"); got != want {
			t.Errorf("%s: %s goes to %s, whose -target is %q, not %s", srv.file, path, u.Hostname(), got, want)
		}
		port, _ := strconv.Atoi(u.Port())
		if !containerPorts(target)[port] {
			t.Errorf("%s: %s goes to port %d, which services.%s does not expose", srv.file, path, port, u.Hostname())
		}
	}
	hc := healthcheckURL(svc)
	if hc == nil {
		t.Fatalf("%s: services.gateway: no wget health check", mainFile)
	}
	loc, err := srv.location(hc.Path)
	if err != nil || len(findDirectives(loc.block, "return")) == 0 || findDirectives(loc.block, "return")[0].args[0] != "200" {
		t.Errorf("%s: the health check's %s is not answered 200 by the gateway itself", srv.file, hc.Path)
	}
}

// nginx -t checks the syntax, when nginx is installed (apt-get install nginx-light).
func TestGatewayConfigPassesNginx(t *testing.T) {
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		t.Skip("nginx is not installed")
	}
	_, srv := loadGateway(t, loadProject(t))
	dir := t.TempDir()
	conf := fmt.Sprintf(`pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events {}
http {
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  include %[2]s;
}
`, dir, filepath.Join(repoRoot, filepath.FromSlash(srv.file)))
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(nginx, "-t", "-p", dir, "-c", filepath.Join(dir, "nginx.conf")).CombinedOutput(); err != nil {
		t.Errorf("%s: nginx -t: %v\n%s", srv.file, err, out)
	}
}

func TestParseNginx(t *testing.T) {
	got, err := parseNginx("# c\nserver {\n  listen 80; # port\n  location = /a { return 200 \"ok; {}\"; }\n}\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{server [] [{listen [80] [] 3} {location [= /a] [{return [200 ok; {}] [] 4}] 4}] 2}]`; fmt.Sprint(got) != want {
		t.Errorf("parseNginx = %v, want %s", got, want)
	}
	for _, bad := range []string{"server {", "listen 80", "}", `return "x`} {
		if _, err := parseNginx(bad); err == nil {
			t.Errorf("parseNginx(%q): no error", bad)
		}
	}
}

// A Cortex datasource reads the platform tenant through the gateway: queries at <url>/api/v1/...
// reach the querier, Grafana's data-source ruler at <url>/rules reaches the ruler.
func TestCortexDatasourceReadsThePlatformTenantThroughTheGateway(t *testing.T) {
	p := loadProject(t)
	_, gateway := loadGateway(t, p)
	found := false
	for _, d := range loadDatasources(t) {
		jd := asMap(d.ds["jsonData"])
		if jd["prometheusType"] != "Cortex" {
			continue
		}
		found = true
		u, err := url.Parse(fmt.Sprint(d.ds["url"]))
		if err != nil || u.Hostname() != "gateway" {
			t.Errorf("%s: url %v does not go through the gateway", d.where(), d.ds["url"])
			continue
		}
		for suffix, want := range map[string]string{"/api/v1/query": "querier", "/api/v1/rules": "ruler", "/rules/hexabase-monitoring-app": "ruler"} {
			up, err := gateway.upstream(u.Path + suffix)
			if err != nil {
				t.Errorf("%s: %s%s: %v", d.where(), u.Path, suffix, err)
			} else if got := commandFlagOf(p, up.Hostname(), "-target"); got != want {
				t.Errorf("%s: the gateway sends %s%s to %s (target %q), not the %s", d.where(), u.Path, suffix, up.Hostname(), got, want)
			}
		}
		secure := asMap(d.ds["secureJsonData"])
		if jd["httpHeaderName1"] != "X-Scope-OrgID" || secure["httpHeaderValue1"] != codegen.DevPlatformTenant {
			t.Errorf("%s: must send X-Scope-OrgID: %s (httpHeaderName1, secureJsonData.httpHeaderValue1)", d.where(), codegen.DevPlatformTenant)
		}
		if jd["manageAlerts"] != true {
			t.Errorf("%s: jsonData.manageAlerts must be true for Grafana's alerting to use the ruler", d.where())
		}
	}
	if !found {
		t.Errorf("%s: no datasource of prometheusType Cortex for the %s profile", datasourceDir, scaleOut)
	}
}

// commandFlagOf is commandFlag of a service by name; "" when there is no such service.
func commandFlagOf(p *project, service, flag string) string {
	svc, err := p.service(service)
	if err != nil {
		return ""
	}
	return commandFlag(svc, flag)
}
