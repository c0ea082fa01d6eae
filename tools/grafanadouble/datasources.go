package grafanadouble

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"path"
	"time"
)

// Datasource is a configured datasource; URL is the server behind it, if any runs. JSONData and
// SecureJSONData are its settings as Grafana stores them (httpHeaderName1 in JSONData with
// httpHeaderValue1 in SecureJSONData is a custom header sent with every proxied request).
type Datasource struct {
	UID            string
	Name           string
	Type           string
	URL            string
	JSONData       map[string]any
	SecureJSONData map[string]string
}

// customHeaders are the datasource's custom HTTP headers, as Grafana 13.x
// pkg/services/datasources/service/datasource.go getCustomHeaders reads them: httpHeaderName<n>
// from jsonData with httpHeaderValue<n> from the decrypted secureJsonData, n = 1, 2, ... until a
// name is missing; a name without a value is left out.
func (ds *Datasource) customHeaders() http.Header {
	h := http.Header{}
	for i := 1; ; i++ {
		name, _ := ds.JSONData[fmt.Sprintf("httpHeaderName%d", i)].(string)
		if name == "" {
			return h
		}
		if value, ok := ds.SecureJSONData[fmt.Sprintf("httpHeaderValue%d", i)]; ok {
			h.Add(name, value)
		}
	}
}

// applyCustomHeaders sets the datasource's custom headers on an outgoing request, replacing any
// the request carries: grafana-plugin-sdk-go backend/httpclient/custom_headers_middleware.go,
// which Grafana's datasource HTTP transport applies to every request it proxies.
func (ds *Datasource) applyCustomHeaders(req *http.Request) {
	for name, values := range ds.customHeaders() {
		req.Header.Del(name)
		for _, v := range values {
			req.Header.Add(name, v)
		}
	}
}

// AddDatasource configures a datasource in an organisation.
func (g *Grafana) AddDatasource(orgID int64, ds Datasource) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.org(orgID).datasources[ds.UID] = &ds
}

func (g *Grafana) datasourceRoutes(mux *http.ServeMux) {
	// Grafana 12.x pkg/api/api.go: both routes, any method, require datasources:query (no scope
	// at the route); the datasource itself is checked in the handler.
	q := always(perm("datasources:query"))
	g.handle(mux, "/api/datasources/uid/{uid}/health", q, g.datasourceHealth)
	g.handle(mux, "/api/datasources/proxy/uid/{uid}/{path...}", q, g.datasourceProxy)
	// Reading a datasource's settings needs datasources:read on it; an unknown uid is 404.
	g.handle(mux, "GET /api/datasources/uid/{uid}", func(r *http.Request) evaluator {
		return perm("datasources:read", "datasources:uid:"+r.PathValue("uid"))
	}, g.getDatasource)
}

func (g *Grafana) getDatasource(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	ds, ok := g.org(caller(r).orgID).datasources[r.PathValue("uid")]
	g.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Data source not found"})
		return
	}
	// Grafana 13.x pkg/api/datasources.go GetDataSourceByUID: jsonData as stored, and
	// secureJsonFields naming the secrets that are set, never their values.
	jsonData, fields := ds.JSONData, map[string]bool{}
	if jsonData == nil {
		jsonData = map[string]any{}
	}
	for k := range ds.SecureJSONData {
		fields[k] = true
	}
	writeJSON(w, http.StatusOK, map[string]any{"uid": ds.UID, "name": ds.Name, "type": ds.Type, "url": ds.URL, "access": "proxy",
		"jsonData": jsonData, "secureJsonFields": fields})
}

// datasource finds the datasource the way Grafana 12.x pkg/api/datasources.go
// CheckDatasourceHealthWithUID and pkg/services/datasourceproxy do: an invalid uid is 400, the
// datasource guardian (Grafana Enterprise enforces datasources:query on datasources:uid:<uid>)
// answers 403, and an unknown uid is a failed metadata lookup: 500 on the health route, 404 on
// the proxy.
func (g *Grafana) datasource(w http.ResponseWriter, r *http.Request, unknownStatus int, unknownMessage string) (*Datasource, bool) {
	uid := r.PathValue("uid")
	if !validUID(uid) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "UID is invalid"})
		return nil, false
	}
	id := caller(r)
	g.mu.Lock()
	ds, ok := g.org(id.orgID).datasources[uid]
	g.mu.Unlock()
	if !ok {
		writeJSON(w, unknownStatus, map[string]string{"message": unknownMessage})
		return nil, false
	}
	if !perm("datasources:query", "datasources:uid:"+uid).evaluate(id.perms) {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Access denied to datasource"})
		return nil, false
	}
	return ds, true
}

// datasourceHealth runs the datasource's own check; only Prometheus is backed by a real server
// here. Grafana answers 400 with status ERROR when the check fails.
func (g *Grafana) datasourceHealth(w http.ResponseWriter, r *http.Request) {
	ds, ok := g.datasource(w, r, http.StatusInternalServerError, "Unable to load datasource metadata")
	if !ok {
		return
	}
	if ds.Type != "prometheus" || ds.URL == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"status": "ERROR", "message": "no server answers for this datasource"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ds.URL+"/api/v1/query?query=1%2B1", nil)
	ds.applyCustomHeaders(req)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"status": "ERROR", "message": err.Error()})
		return
	}
	_, _ = io.Copy(io.Discard, res.Body)
	_ = res.Body.Close()
	if res.StatusCode != http.StatusOK {
		writeJSON(w, http.StatusBadRequest, map[string]string{"status": "ERROR", "message": "Prometheus answered " + res.Status})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "OK", "message": "Successfully queried the Prometheus API."})
}

// proxyAllowed mirrors Grafana 12.x pkg/api/pluginproxy/ds_proxy.go validateRequest for a
// Prometheus datasource: reads, and POSTs only to its query endpoints.
func proxyAllowed(ds *Datasource, r *http.Request) bool {
	if ds.Type != "prometheus" || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	switch "/" + r.PathValue("path") {
	case "/api/v1/query", "/api/v1/query_range", "/api/v1/series", "/api/v1/labels", "/api/v1/query_exemplars":
		return r.Method == http.MethodPost
	}
	return false
}

func (g *Grafana) datasourceProxy(w http.ResponseWriter, r *http.Request) {
	ds, ok := g.datasource(w, r, http.StatusNotFound, "Unable to find datasource")
	if !ok {
		return
	}
	if !proxyAllowed(ds, r) {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "non allow-listed " + r.Method + "s not allowed on proxied Prometheus datasource"})
		return
	}
	target, err := url.Parse(ds.URL)
	if ds.URL == "" || err != nil {
		writeJSON(w, http.StatusBadGateway, map[string]string{"message": "Bad Gateway"})
		return
	}
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		pr.SetURL(target)
		pr.Out.URL.Path, pr.Out.URL.RawPath = path.Join("/", target.Path, r.PathValue("path")), ""
		// Grafana's proxy never forwards the caller's credentials to the datasource.
		pr.Out.Header.Del("Authorization")
		pr.Out.Header.Del("Cookie")
		ds.applyCustomHeaders(pr.Out)
	}}
	proxy.ServeHTTP(w, r)
}
