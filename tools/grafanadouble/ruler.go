package grafanadouble

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/prometheus/common/model"
	"gopkg.in/yaml.v3"
)

// The data-source ruler API: Grafana proxies rule groups to the ruler of a Cortex, Mimir or Loki
// datasource ("lotex"), converting the JSON it accepts to the YAML those rulers read. The uid
// "grafana" names Grafana's own ruler there, which this double does not serve.
const rulerAPI = "/api/ruler/{DatasourceUID}/api/v1/rules"

// Grafana 13.x pkg/services/ngalert/api/lotex_ruler.go: the path under the datasource's URL,
// chosen by the caller's ?subtype= for a Prometheus datasource (anything else: /rules).
const (
	rulerPrefixPrometheus = "/rules"
	rulerPrefixMimir      = "/config/v1/rules"
	rulerPrefixLoki       = "/api/prom/rules"
)

// Grafana 13.x pkg/services/ngalert/api/authorization.go, "Lotex Paths": reads need
// alert.rules.external:read, writes and deletes alert.rules.external:write, on the datasource.
func rulerEvaluator(action string) func(*http.Request) evaluator {
	return func(r *http.Request) evaluator {
		return perm(action, "datasources:uid:"+r.PathValue("DatasourceUID"))
	}
}

func (g *Grafana) rulerRoutes(mux *http.ServeMux) {
	read, write := rulerEvaluator("alert.rules.external:read"), rulerEvaluator("alert.rules.external:write")
	g.handle(mux, "GET "+rulerAPI, read, g.rulerProxy)
	g.handle(mux, "GET "+rulerAPI+"/{Namespace}", read, g.rulerProxy)
	g.handle(mux, "GET "+rulerAPI+"/{Namespace}/{Groupname}", read, g.rulerProxy)
	g.handle(mux, "POST "+rulerAPI+"/{Namespace}", write, g.rulerProxy)
	g.handle(mux, "DELETE "+rulerAPI+"/{Namespace}", write, g.rulerProxy)
	g.handle(mux, "DELETE "+rulerAPI+"/{Namespace}/{Groupname}", write, g.rulerProxy)
}

// rulerGroup is Grafana 13.x pkg/services/ngalert/api/tooling/definitions/cortex-ruler.go
// PostableRuleGroupConfig / GettableRuleGroupConfig for Prometheus-style rules: what Grafana binds
// from JSON, marshals to YAML for the ruler, and decodes (unknown fields refused) from its answer.
type rulerGroup struct {
	Name                          string          `yaml:"name" json:"name"`
	Interval                      model.Duration  `yaml:"interval,omitempty" json:"interval,omitempty"`
	Rules                         []rulerRule     `yaml:"rules" json:"rules"`
	SourceTenants                 []string        `yaml:"source_tenants,omitempty" json:"source_tenants,omitempty"`
	EvaluationDelay               *model.Duration `yaml:"evaluation_delay,omitempty" json:"evaluation_delay,omitempty"`
	QueryOffset                   *model.Duration `yaml:"query_offset,omitempty" json:"query_offset,omitempty"`
	AlignEvaluationTimeOnInterval bool            `yaml:"align_evaluation_time_on_interval,omitempty" json:"align_evaluation_time_on_interval,omitempty"`
	Limit                         int             `yaml:"limit,omitempty" json:"limit,omitempty"`
}

// rulerRule is ApiRuleNode; a grafana_alert makes it a Grafana-managed rule, which a datasource's
// ruler does not take.
type rulerRule struct {
	Record        string            `yaml:"record,omitempty" json:"record,omitempty"`
	Alert         string            `yaml:"alert,omitempty" json:"alert,omitempty"`
	Expr          string            `yaml:"expr" json:"expr"`
	For           *model.Duration   `yaml:"for,omitempty" json:"for,omitempty"`
	KeepFiringFor *model.Duration   `yaml:"keep_firing_for,omitempty" json:"keep_firing_for,omitempty"`
	Labels        map[string]string `yaml:"labels,omitempty" json:"labels,omitempty"`
	Annotations   map[string]string `yaml:"annotations,omitempty" json:"annotations,omitempty"`
	GrafanaAlert  json.RawMessage   `yaml:"-" json:"grafana_alert,omitempty"`
}

func rulerError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"message": message})
}

// rulerProxy answers one ruler call as Grafana 13.x pkg/services/ngalert/api/forking_ruler.go and
// lotex_ruler.go do: find the datasource, pick the ruler path, forward, and convert the answer.
func (g *Grafana) rulerProxy(w http.ResponseWriter, r *http.Request) {
	ds, prefix, ok := g.rulerDatasource(w, r)
	if !ok {
		return
	}
	var body []byte
	if r.Method == http.MethodPost {
		group, ok := bindRuleGroup(w, r)
		if !ok {
			return
		}
		// lotex_ruler.go RoutePostNameRulesConfig: the bound group, marshalled to YAML.
		body, _ = yaml.Marshal(group)
	}
	target := prefix
	for _, p := range []string{r.PathValue("Namespace"), r.PathValue("Groupname")} {
		if p != "" {
			target += "/" + url.PathEscape(p)
		}
	}
	status, header, answer, err := forwardToRuler(r.Context(), ds, r.Method, target, r.URL.RawQuery, body)
	if err != nil {
		// pkg/util/proxyutil/reverse_proxy.go errorHandler: an unreachable datasource is a 502
		// with no body, which util.go withReq passes on as the message.
		rulerError(w, http.StatusBadGateway, "")
		return
	}
	writeRulerAnswer(w, r, status, header, answer)
}

// rulerDatasource finds the datasource and its ruler path. forking_ruler.go getService and
// util.go getDatasourceByUID: an unknown uid is 404, a type other than prometheus or loki 400
// (errors.go errorToResponse); lotex_ruler.go validateAndGetPrefix: with the
// alertingDisableDSAPIWithManageAlerts toggle on, jsonData.manageAlerts false is 403, and a
// datasource without URL is 500.
func (g *Grafana) rulerDatasource(w http.ResponseWriter, r *http.Request) (*Datasource, string, bool) {
	uid := r.PathValue("DatasourceUID")
	g.mu.Lock()
	ds, found := g.org(caller(r).orgID).datasources[uid]
	g.mu.Unlock()
	switch {
	case !found:
		rulerError(w, http.StatusNotFound, "data source not found")
		return nil, "", false
	case ds.Type != "prometheus" && ds.Type != "loki":
		rulerError(w, http.StatusBadRequest, fmt.Sprintf("unexpected datasource type '%s', expected loki, prometheus", ds.Type))
		return nil, "", false
	}
	if manage, set := ds.JSONData["manageAlerts"].(bool); g.opts.AlertingDisableDSAPIWithManageAlerts && set && !manage {
		writeJSON(w, http.StatusForbidden, map[string]any{"message": "Alert management is disabled for this datasource",
			"messageId": "alerting.manageAlertsDisabled", "statusCode": http.StatusForbidden})
		return nil, "", false
	}
	if ds.URL == "" {
		rulerError(w, http.StatusInternalServerError, "URL for this data source is empty")
		return nil, "", false
	}
	if ds.Type == "loki" {
		return ds, rulerPrefixLoki, true
	}
	if r.URL.Query().Get("subtype") == "mimir" {
		return ds, rulerPrefixMimir, true
	}
	return ds, rulerPrefixPrometheus, true
}

// bindRuleGroup reads a posted group as Grafana 13.x pkg/web/binding.go Bind does (JSON only,
// by Content-Type) and refuses what forking_ruler.go refuses on this route: Grafana rules.
func bindRuleGroup(w http.ResponseWriter, r *http.Request) (rulerGroup, bool) {
	var group rulerGroup
	media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || media != "application/json" || json.NewDecoder(io.LimitReader(r.Body, 32<<20)).Decode(&group) != nil {
		rulerError(w, http.StatusBadRequest, "bad request data")
		return group, false
	}
	for _, rule := range group.Rules {
		if len(rule.GrafanaAlert) > 0 && string(rule.GrafanaAlert) != "null" {
			rulerError(w, http.StatusBadRequest, "unexpected backend type (lotex) for payload type (grafana)")
			return group, false
		}
	}
	return group, true
}

// forwardToRuler sends the request Grafana makes: util.go withReq builds a new request (none of
// the caller's headers), pkg/api/pluginproxy/ds_proxy.go joins the path to the datasource URL's
// and keeps the query, and the datasource's transport adds its custom headers.
func forwardToRuler(ctx context.Context, ds *Datasource, method, target, rawQuery string, body []byte) (int, http.Header, []byte, error) {
	u, err := url.Parse(ds.URL)
	if err != nil {
		return 0, nil, nil, err
	}
	u.Path = path.Join("/", u.Path, target)
	u.RawPath, u.RawQuery = "", rawQuery
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("User-Agent", "Grafana/13.x-double")
	ds.applyCustomHeaders(req)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer res.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(res.Body, 32<<20))
	if err != nil {
		return 0, nil, nil, err
	}
	if res.StatusCode == http.StatusUnauthorized {
		// ds_proxy.go HandleRequest modifyResponse: the datasource's 401 becomes a 400 with this
		// text and no Content-Type.
		return http.StatusBadRequest, http.Header{}, []byte("Authentication to data source failed"), nil
	}
	return res.StatusCode, res.Header, answer, nil
}

// writeRulerAnswer converts the ruler's answer as util.go withReq does: a failure keeps its status
// and carries the ruler's text (its JSON message, "redacted html" for a page) as the message; a
// success is decoded by the route's extractor (YAML for reads, JSON for a post, the raw text for
// a delete) and answered as JSON with the ruler's status.
func writeRulerAnswer(w http.ResponseWriter, r *http.Request, status int, header http.Header, answer []byte) {
	contentType := header.Get("Content-Type")
	if status >= 400 {
		message := string(answer)
		var m map[string]any
		switch {
		case strings.HasPrefix(contentType, "application/json") && json.Unmarshal(answer, &m) == nil:
			if s, ok := m["message"].(string); ok {
				message = s
			}
		case strings.HasPrefix(contentType, "text/html"):
			message = "redacted html"
		}
		rulerError(w, status, message)
		return
	}
	var out any
	var err error
	switch {
	case r.Method == http.MethodDelete:
		out = map[string]string{"message": string(answer)}
	case r.Method == http.MethodPost:
		out, err = extractJSON(contentType, answer)
	case r.PathValue("Groupname") != "":
		out, err = extractYAML[rulerGroup](contentType, answer)
	default:
		out, err = extractYAML[map[string][]rulerGroup](contentType, answer)
	}
	if err != nil {
		rulerError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, status, out)
}

// extractYAML is util.go yamlExtractor: the Content-Type must say yaml; unknown fields are errors.
func extractYAML[T any](contentType string, answer []byte) (any, error) {
	if !strings.Contains(contentType, "yaml") {
		return nil, fmt.Errorf("unexpected content type from upstream. expected YAML, got %v", contentType)
	}
	var v T
	dec := yaml.NewDecoder(bytes.NewReader(answer))
	dec.KnownFields(true)
	if err := dec.Decode(&v); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return v, nil
}

// extractJSON is util.go jsonExtractor(nil).
func extractJSON(contentType string, answer []byte) (any, error) {
	if !strings.Contains(contentType, "json") {
		return nil, fmt.Errorf("unexpected content type from upstream. expected JSON, got %v", contentType)
	}
	v := map[string]any{}
	return v, json.Unmarshal(answer, &v)
}
