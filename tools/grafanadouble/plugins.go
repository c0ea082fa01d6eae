package grafanadouble

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
)

// AppFactory builds an app backend instance from its settings (the plugin's NewApp).
type AppFactory func(context.Context, backend.AppInstanceSettings) (instancemgmt.Instance, error)

// pluginSetting is the app's settings row in one organisation and its backend instance.
type pluginSetting struct {
	exists   bool
	enabled  bool
	pinned   bool
	jsonData json.RawMessage
	secure   map[string]string
	updated  time.Time
	instance instancemgmt.Instance
}

func (p *pluginSetting) dispose() {
	if d, ok := p.instance.(instancemgmt.InstanceDisposer); ok {
		d.Dispose()
	}
	p.instance = nil
}

// SetPluginSettings stores the app's settings in an organisation as an Admin's POST would.
func (g *Grafana) SetPluginSettings(orgID int64, enabled bool, jsonData json.RawMessage, secure map[string]string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.updateSettings(g.org(orgID), settingsUpdate{Enabled: enabled, JSONData: jsonData, SecureJSONData: secure})
}

// PluginSecrets returns the app's decrypted secureJsonData in an organisation.
func (g *Grafana) PluginSecrets(orgID int64) map[string]string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return maps.Clone(g.org(orgID).plugin.secure)
}

type settingsUpdate struct {
	Enabled        bool              `json:"enabled"`
	Pinned         bool              `json:"pinned"`
	JSONData       json.RawMessage   `json:"jsonData"`
	SecureJSONData map[string]string `json:"secureJsonData"`
}

// Grafana 12.x pkg/services/pluginsintegration/pluginsettings/service/service.go
// UpdatePluginSetting: enabled, pinned and jsonData are replaced whole; secureJsonData is merged
// key by key (maps.Copy), so an omitted key is kept and a key sent as "" is stored empty.
func (g *Grafana) updateSettings(o *org, u settingsUpdate) {
	p := o.plugin
	p.exists, p.enabled, p.pinned, p.jsonData = true, u.Enabled, u.Pinned, u.JSONData
	if p.secure == nil {
		p.secure = map[string]string{}
	}
	maps.Copy(p.secure, u.SecureJSONData)
	p.updated = time.Now()
	p.dispose()
}

func (g *Grafana) pluginRoutes(mux *http.ServeMux) {
	appAccess := func(r *http.Request) evaluator {
		return perm("plugins.app:access", "plugins:id:"+r.PathValue("id"))
	}
	// Grafana 12.x pkg/api/api.go: GET settings checks app access in the handler, POST needs
	// plugins:write on the plugin, resources need plugins.app:access; health only a signed-in user.
	g.handle(mux, "GET /api/plugins/{id}/settings", nil, g.getSettings)
	g.handle(mux, "POST /api/plugins/{id}/settings", func(r *http.Request) evaluator {
		return perm("plugins:write", "plugins:id:"+r.PathValue("id"))
	}, g.postSettings)
	g.handle(mux, "GET /api/plugins/{id}/health", nil, g.health)
	g.handle(mux, "/api/plugins/{id}/resources", appAccess, g.resource)
	g.handle(mux, "/api/plugins/{id}/resources/{path...}", appAccess, g.resource)
}

func (g *Grafana) knownPlugin(w http.ResponseWriter, r *http.Request) bool {
	if r.PathValue("id") != g.pluginID || g.pluginID == "" {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Plugin not found, no installed plugin with that id"})
		return false
	}
	return true
}

// Grafana 12.x pkg/api/plugins.go GetPluginSettingByID: secrets are never returned;
// secureJsonFields names the keys whose decrypted value is not empty.
func (g *Grafana) getSettings(w http.ResponseWriter, r *http.Request) {
	if !g.knownPlugin(w, r) {
		return
	}
	id := caller(r)
	if e := perm("plugins.app:access", "plugins:id:"+g.pluginID); !e.evaluate(id.perms) {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Access Denied"})
		return
	}
	g.mu.Lock()
	p := g.org(id.orgID).plugin
	fields := map[string]bool{}
	for k, v := range p.secure {
		if len(v) > 0 {
			fields[k] = true
		}
	}
	body := map[string]any{
		"id": g.pluginID, "type": "app", "enabled": p.enabled, "pinned": p.pinned,
		"jsonData": p.jsonData, "secureJsonFields": fields,
	}
	g.mu.Unlock()
	writeJSON(w, http.StatusOK, body)
}

func (g *Grafana) postSettings(w http.ResponseWriter, r *http.Request) {
	if !g.knownPlugin(w, r) {
		return
	}
	var u settingsUpdate
	if err := readJSON(r, &u); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": err.Error()})
		return
	}
	g.mu.Lock()
	g.updateSettings(g.org(caller(r).orgID), u)
	g.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{"message": "Plugin settings updated"})
}

// instance returns the organisation's backend instance, built from the current settings; the
// plugin SDK's instance manager rebuilds it whenever the settings' Updated time changes.
func (g *Grafana) instance(ctx context.Context, o *org) (instancemgmt.Instance, backend.AppInstanceSettings, error) {
	p := o.plugin
	s := backend.AppInstanceSettings{JSONData: p.jsonData, DecryptedSecureJSONData: maps.Clone(p.secure), Updated: p.updated}
	if s.JSONData == nil {
		s.JSONData = json.RawMessage(`{}`)
	}
	if s.DecryptedSecureJSONData == nil {
		s.DecryptedSecureJSONData = map[string]string{}
	}
	if p.instance != nil {
		return p.instance, s, nil
	}
	inst, err := g.opts.App(ctx, s)
	if err != nil {
		return nil, s, err
	}
	p.instance = inst
	return inst, s, nil
}

// pluginContext is what Grafana passes with each call: the caller, the org's settings and
// Grafana's configuration. Grafana 12.x pkg/services/pluginsintegration/pluginconfig/request.go:
// the app's service-account secret goes with every request, whatever the organisation.
func (g *Grafana) pluginContext(id *identity, s backend.AppInstanceSettings) backend.PluginContext {
	cfg := map[string]string{"GF_APP_URL": g.URL}
	if g.saToken != "" {
		cfg["GF_PLUGIN_APP_CLIENT_SECRET"] = g.saToken
	}
	return backend.PluginContext{
		OrgID: id.orgID, PluginID: g.pluginID,
		User:                &backend.User{Login: id.login, Name: id.login, Role: id.role},
		AppInstanceSettings: &s,
		GrafanaConfig:       backend.NewGrafanaCfg(cfg),
	}
}

// appFor answers 404 as Grafana 12.x pkg/api/plugin_checks.go checkAppEnabled does when the app
// is not enabled in the caller's organisation, and otherwise returns its instance.
func (g *Grafana) appFor(w http.ResponseWriter, r *http.Request) (instancemgmt.Instance, backend.PluginContext, bool) {
	if !g.knownPlugin(w, r) {
		return nil, backend.PluginContext{}, false
	}
	id := caller(r)
	g.mu.Lock()
	defer g.mu.Unlock()
	p := g.org(id.orgID).plugin
	switch {
	case !p.exists:
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Plugin setting not found"})
		return nil, backend.PluginContext{}, false
	case !p.enabled:
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Plugin is not enabled"})
		return nil, backend.PluginContext{}, false
	case g.opts.App == nil:
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Plugin not found"})
		return nil, backend.PluginContext{}, false
	}
	inst, s, err := g.instance(r.Context(), g.org(id.orgID))
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Failed to get plugin settings"})
		return nil, backend.PluginContext{}, false
	}
	return inst, g.pluginContext(id, s), true
}

// Grafana 12.x pkg/api/plugins.go CheckHealth: 503 when the status is not OK, details unmarshalled.
func (g *Grafana) health(w http.ResponseWriter, r *http.Request) {
	inst, pc, ok := g.appFor(w, r)
	if !ok {
		return
	}
	h, ok := inst.(backend.CheckHealthHandler)
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Health check not implemented"})
		return
	}
	res, err := h.CheckHealth(r.Context(), &backend.CheckHealthRequest{PluginContext: pc, Headers: map[string]string{}})
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Plugin health check failed"})
		return
	}
	payload := map[string]any{"status": res.Status.String(), "message": res.Message}
	if len(res.JSONDetails) > 0 {
		var details map[string]any
		if err := json.Unmarshal(res.JSONDetails, &details); err != nil {
			writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Failed to unmarshal detailed response from backend plugin"})
			return
		}
		payload["details"] = details
	}
	status := http.StatusOK
	if res.Status != backend.HealthStatusOk {
		status = http.StatusServiceUnavailable
	}
	writeJSON(w, status, payload)
}

// resource hands a request to the app's CallResource with the path and query Grafana passes.
func (g *Grafana) resource(w http.ResponseWriter, r *http.Request) {
	inst, pc, ok := g.appFor(w, r)
	if !ok {
		return
	}
	h, ok := inst.(backend.CallResourceHandler)
	if !ok {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Plugin not found"})
		return
	}
	var body bytes.Buffer
	if _, err := body.ReadFrom(http.MaxBytesReader(w, r.Body, 32<<20)); err != nil {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"message": "request too large"})
		return
	}
	path := r.PathValue("path")
	u := path
	if r.URL.RawQuery != "" {
		u += "?" + r.URL.RawQuery
	}
	headers := r.Header.Clone()
	headers.Del("Authorization")
	headers.Del("Cookie")
	err := h.CallResource(r.Context(), &backend.CallResourceRequest{
		PluginContext: pc, Method: r.Method, Path: path, URL: u, Headers: headers, Body: body.Bytes(),
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
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Failed to call resource"})
	}
}
