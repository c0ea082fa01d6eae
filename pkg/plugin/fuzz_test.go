package plugin

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// FuzzResourceRequest: whatever path, query and body any role sends, the backend answers exactly
// once, in JSON (or the agent configuration's YAML), with a status that is not a server error,
// and a bounded body.
func FuzzResourceRequest(f *testing.F) {
	f.Add(uint8(0), "workspaces", "page=9223372036854775807", []byte(nil))
	f.Add(uint8(1), "settings/validate", "", []byte(nil))
	f.Add(uint8(1), "settings/validate", "", []byte(`{"jsonData":{"workspaces":[{"id":"WS"}]},"secureJsonData":{"x":"\n"}}`))
	f.Add(uint8(0), "workspaces/ws-0007/agent-config", "", []byte(nil))
	f.Add(uint8(0), "workspaces/../plans", "perPage=0&page=-1&search=%zz", []byte(nil))
	f.Add(uint8(0), "workspaces", "plan=shared&plan=dedicated&cluster=cluster-b&cluster=&search=ws&perPage=1", []byte(nil))
	f.Add(uint8(0), "workspaces", "plan=%E3%81%82&cluster="+strings.Repeat("c", 129)+"&plan", []byte(nil))
	f.Add(uint8(2), "alerting/install", "overwrite=true", []byte("{"))
	f.Add(uint8(1), "alerting/recording-rules/install", "subtype=mimir", []byte(nil))
	a := newTestApp(f, `{`+manualWorkspaces+`}`)
	f.Cleanup(a.Dispose)
	methods := []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete}
	f.Fuzz(func(t *testing.T, method uint8, path, query string, body []byte) {
		url := path
		if query != "" {
			url += "?" + query
		}
		var answers []*backend.CallResourceResponse
		req := &backend.CallResourceRequest{
			PluginContext: backend.PluginContext{PluginID: PluginID, OrgID: 1, User: &backend.User{Login: "admin", Role: "Admin"}},
			Method:        methods[int(method)%len(methods)], Path: path, URL: url, Body: body,
		}
		err := a.CallResource(context.Background(), req, backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error {
			answers = append(answers, r)
			return nil
		}))
		if err != nil || len(answers) != 1 {
			t.Fatalf("%s %q: %d answers, %v", req.Method, url, len(answers), err)
		}
		r := answers[0]
		ct := r.Headers["Content-Type"]
		json := len(ct) == 1 && ct[0] == "application/json"
		yaml := r.Status == http.StatusOK && len(ct) == 1 && ct[0] == "application/yaml"
		// 503: an installer without a service account, as in a Grafana that gave none.
		if (r.Status >= 500 && r.Status != http.StatusServiceUnavailable) || (!json && !yaml) || len(r.Body) > 1<<20 {
			t.Fatalf("%s %q: %d %v %.300s", req.Method, url, r.Status, ct, r.Body)
		}
	})
}
