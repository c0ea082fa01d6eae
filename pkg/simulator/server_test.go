package simulator

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func faultServer(t *testing.T) *httptest.Server {
	t.Helper()
	p, err := NewPlatform(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(New(p, NewFaults(), nil, t0), func() time.Time { return t0.Add(time.Minute) }))
	t.Cleanup(srv.Close)
	return srv
}

// call answers the status, the Content-Type and the body of one request.
func call(t *testing.T, srv *httptest.Server, method, path, body string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

func TestDeleteOfAnUnknownFaultDoesNotEchoTheID(t *testing.T) {
	srv := faultServer(t)
	status, _, body := call(t, srv, http.MethodDelete, "/faults/x-%3Cscript%3E", "")
	if want := `{"error":"id: no active fault has this id"}` + "\n"; status != http.StatusNotFound || body != want {
		t.Errorf("DELETE of an unknown fault = %d %s, want 404 %s", status, body, want)
	}
}

func TestPostFaultRefusesWhatTheDecoderWouldLetThrough(t *testing.T) {
	srv := faultServer(t)
	for _, c := range []struct{ body, want string }{
		{`{"name":"host-cpu","host":"node-01","host":"node-02"}`, `{"error":"host: given more than once"}`},
		{`{"name":"host-cpu","host":"node-01"} trailing`, `{"error":"body: must hold one JSON object and nothing after it"}`},
		{`{"name":"host-cpu","host":"node-01"}{}`, `{"error":"body: must hold one JSON object and nothing after it"}`},
		{`{"name":"host-cpu","host":7}`, `{"error":"host: must be a string"}`},
		{`{"name":"host-cpu","host":"node-01","secret-field":1}`, `{"error":"field: must be one of name, workspace, vcluster, endpoint, resource, host"}`},
		{`{"name":"host-cpu","host":"node-01","id":"mine"}`, `{"error":"id: assigned by the simulator; leave it out"}`},
	} {
		status, ctype, body := call(t, srv, http.MethodPost, "/faults", c.body)
		if status != http.StatusBadRequest || ctype != "application/json" || body != c.want+"\n" {
			t.Errorf("POST %s = %d %s %s, want 400 application/json %s", c.body, status, ctype, body, c.want)
		}
	}
	if _, _, body := call(t, srv, http.MethodGet, "/faults", ""); !strings.Contains(body, `"active":[]`) {
		t.Errorf("a refused fault is active: %s", body)
	}
}

func TestPostFaultBoundsTheBody(t *testing.T) {
	srv := faultServer(t)
	valid := `{"name":"host-cpu","host":"node-01"}`
	// Padding is whitespace, which JSON allows: only the size is wrong.
	if status, _, body := call(t, srv, http.MethodPost, "/faults", valid+strings.Repeat(" ", MaxFaultBodyBytes-len(valid))); status != http.StatusCreated {
		t.Errorf("POST of a body of %d bytes = %d %s, want 201", MaxFaultBodyBytes, status, body)
	}
	status, ctype, body := call(t, srv, http.MethodPost, "/faults", valid+strings.Repeat(" ", MaxFaultBodyBytes-len(valid)+1))
	if want := `{"error":"body: must be at most 4096 bytes"}` + "\n"; status != http.StatusRequestEntityTooLarge || ctype != "application/json" || body != want {
		t.Errorf("POST of a body over the limit = %d %s %s, want 413 application/json %s", status, ctype, body, want)
	}
}

func TestPostFaultBoundsTheActiveFaults(t *testing.T) {
	srv := faultServer(t)
	fault := `{"name":"host-cpu","host":"node-01"}`
	for i := 0; i < MaxActiveFaults; i++ {
		if status, _, body := call(t, srv, http.MethodPost, "/faults", fault); status != http.StatusCreated {
			t.Fatalf("fault %d = %d %s, want 201", i+1, status, body)
		}
	}
	status, ctype, body := call(t, srv, http.MethodPost, "/faults", fault)
	if want := `{"error":"faults: at most 100 may be active; clear one first"}` + "\n"; status != http.StatusConflict || ctype != "application/json" || body != want {
		t.Errorf("fault %d = %d %s %s, want 409 application/json %s", MaxActiveFaults+1, status, ctype, body, want)
	}
	if status, _, _ := call(t, srv, http.MethodDelete, "/faults/host-cpu-1", ""); status != http.StatusNoContent {
		t.Fatalf("DELETE = %d, want 204", status)
	}
	if status, _, body := call(t, srv, http.MethodPost, "/faults", fault); status != http.StatusCreated {
		t.Errorf("a fault after one was cleared = %d %s, want 201", status, body)
	}
}

func TestUnknownRoutesAndMethodsAnswerJSON(t *testing.T) {
	srv := faultServer(t)
	for _, c := range []struct {
		method, path string
		status       int
		want, allow  string
	}{
		{http.MethodGet, "/nothing-%3Cb%3E", http.StatusNotFound,
			`{"error":"path: no such route; the routes are GET /metrics, GET /metrics/platform, GET /metrics/agents, GET /metrics/workspaces/{id}, GET /healthz, GET /faults, POST /faults, DELETE /faults/{id}, DELETE /faults"}`, ""},
		{http.MethodGet, "/faults/x/y", http.StatusNotFound,
			`{"error":"path: no such route; the routes are GET /metrics, GET /metrics/platform, GET /metrics/agents, GET /metrics/workspaces/{id}, GET /healthz, GET /faults, POST /faults, DELETE /faults/{id}, DELETE /faults"}`, ""},
		{http.MethodPut, "/faults", http.StatusMethodNotAllowed, `{"error":"method: not allowed on this path; it takes DELETE, GET, HEAD, POST"}`, "DELETE, GET, HEAD, POST"},
		{http.MethodPost, "/metrics", http.StatusMethodNotAllowed, `{"error":"method: not allowed on this path; it takes GET, HEAD"}`, "GET, HEAD"},
		{http.MethodGet, "/faults/host-cpu-1", http.StatusMethodNotAllowed, `{"error":"method: not allowed on this path; it takes DELETE"}`, "DELETE"},
	} {
		req, err := http.NewRequest(c.method, srv.URL+c.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || resp.Header.Get("Content-Type") != "application/json" || string(body) != c.want+"\n" || resp.Header.Get("Allow") != c.allow {
			t.Errorf("%s %s = %d %s Allow %q %s, want %d application/json Allow %q %s", c.method, c.path, resp.StatusCode,
				resp.Header.Get("Content-Type"), resp.Header.Get("Allow"), body, c.status, c.allow, c.want)
		}
	}
}
