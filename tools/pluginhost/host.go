package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/plugin"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

// host keeps the app's settings and backend instance the way Grafana does for one org: settings
// are stored as sent, secrets are never read back, and a save rebuilds the instance.
type host struct {
	mu         sync.Mutex
	jsonData   json.RawMessage
	secrets    map[string]string
	app        *plugin.App
	selfURL    string
	token      string
	role       string
	prometheus *url.URL
}

func (h *host) rebuild() error {
	inst, err := plugin.NewApp(context.Background(), h.instanceSettings())
	if err != nil {
		return err
	}
	h.app = inst.(*plugin.App)
	return nil
}

func (h *host) instanceSettings() backend.AppInstanceSettings {
	return backend.AppInstanceSettings{JSONData: h.jsonData, DecryptedSecureJSONData: h.secrets}
}

func (h *host) pluginContext() backend.PluginContext {
	s := h.instanceSettings()
	return backend.PluginContext{
		OrgID: 1, PluginID: plugin.PluginID,
		User:                &backend.User{Login: "operator", Role: h.role},
		AppInstanceSettings: &s,
		GrafanaConfig:       backend.NewGrafanaCfg(map[string]string{"GF_APP_URL": h.selfURL, "GF_PLUGIN_APP_CLIENT_SECRET": h.token}),
	}
}

func (h *host) routes() *http.ServeMux {
	mux := http.NewServeMux()
	base := "/api/plugins/" + plugin.PluginID
	mux.HandleFunc("GET "+base+"/settings", h.getSettings)
	mux.HandleFunc("POST "+base+"/settings", h.postSettings)
	mux.HandleFunc("GET "+base+"/health", h.health)
	mux.HandleFunc(base+"/resources/{path...}", h.resource)
	mux.HandleFunc("GET /api/datasources/proxy/uid/{uid}/{path...}", h.authenticated(h.datasourceProxy))
	mux.HandleFunc("GET /api/datasources/uid/{uid}/health", h.authenticated(h.datasourceHealth))
	return mux
}

func (h *host) getSettings(w http.ResponseWriter, _ *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fields := map[string]bool{}
	for k := range h.secrets {
		fields[k] = true
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": plugin.PluginID, "enabled": true, "jsonData": h.jsonData, "secureJsonFields": fields})
}

// postSettings stores what it is sent, as Grafana does: validation is the app's business.
func (h *host) postSettings(w http.ResponseWriter, req *http.Request) {
	var body struct {
		JSONData       json.RawMessage   `json:"jsonData"`
		SecureJSONData map[string]string `json:"secureJsonData"`
	}
	if err := json.NewDecoder(req.Body).Decode(&body); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "bad request data"})
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.jsonData = body.JSONData
	for k, v := range body.SecureJSONData {
		if v == "" {
			delete(h.secrets, k)
		} else {
			h.secrets[k] = v
		}
	}
	if err := h.rebuild(); err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"message": "Plugin settings updated"})
}

// health answers as Grafana's /api/plugins/:id/health: 503 when the app reports an error.
func (h *host) health(w http.ResponseWriter, req *http.Request) {
	h.mu.Lock()
	app, pc := h.app, h.pluginContext()
	h.mu.Unlock()
	res, err := app.CheckHealth(req.Context(), &backend.CheckHealthRequest{PluginContext: pc})
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": err.Error()})
		return
	}
	payload := map[string]any{"status": res.Status.String(), "message": res.Message}
	if len(res.JSONDetails) > 0 {
		payload["details"] = json.RawMessage(res.JSONDetails)
	}
	status := http.StatusOK
	if res.Status != backend.HealthStatusOk {
		status = http.StatusServiceUnavailable
	}
	writeJSON(w, status, payload)
}

// resource hands a request to the app's CallResource, with the path and query Grafana passes.
func (h *host) resource(w http.ResponseWriter, req *http.Request) {
	var body bytes.Buffer
	if _, err := body.ReadFrom(http.MaxBytesReader(w, req.Body, 16<<20)); err != nil {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"message": "request too large"})
		return
	}
	h.mu.Lock()
	app, pc := h.app, h.pluginContext()
	h.mu.Unlock()
	path := req.PathValue("path")
	u := path
	if req.URL.RawQuery != "" {
		u += "?" + req.URL.RawQuery
	}
	err := app.CallResource(req.Context(), &backend.CallResourceRequest{
		PluginContext: pc, Method: req.Method, Path: path, URL: u, Headers: req.Header, Body: body.Bytes(),
	}, backend.CallResourceResponseSenderFunc(func(res *backend.CallResourceResponse) error {
		for k, vs := range res.Headers {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		w.WriteHeader(res.Status)
		_, err := w.Write(res.Body)
		return err
	}))
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": err.Error()})
	}
}

// authenticated lets through only the app's service account, as Grafana's API would.
func (h *host) authenticated(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		if req.Header.Get("Authorization") != "Bearer "+h.token {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Unauthorized"})
			return
		}
		next(w, req)
	}
}

func (h *host) isPrometheus(uid string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	s, _ := settings.Parse(h.jsonData)
	return h.prometheus != nil && uid == s.Datasources.Prometheus
}

// datasourceProxy forwards to the Prometheus that stands for the app's Prometheus datasource.
func (h *host) datasourceProxy(w http.ResponseWriter, req *http.Request) {
	if !h.isPrometheus(req.PathValue("uid")) {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Data source not found"})
		return
	}
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(h.prometheus)
		r.Out.URL.Path = "/" + req.PathValue("path")
		r.Out.Header.Del("Authorization")
	}}
	proxy.ServeHTTP(w, req)
}

func (h *host) datasourceHealth(w http.ResponseWriter, req *http.Request) {
	if !h.isPrometheus(req.PathValue("uid")) {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Data source not found"})
		return
	}
	res, err := http.Get(h.prometheus.JoinPath("/-/healthy").String())
	if err != nil || res.StatusCode != http.StatusOK {
		writeJSON(w, http.StatusBadRequest, map[string]string{"status": "ERROR", "message": "Prometheus does not answer"})
		return
	}
	_ = res.Body.Close()
	writeJSON(w, http.StatusOK, map[string]string{"status": "OK", "message": "Successfully queried the Prometheus API."})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
