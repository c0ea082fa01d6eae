package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Handler serves /metrics (everything, as a central Prometheus holds it), /metrics/platform
// (hosts and the control plane's inventory), /metrics/workspaces/{id} (what one workspace's pods
// expose to its agent), /metrics/agents (the remote-write health every workspace's agent
// forwards, for a Prometheus that scrapes the simulator instead of real agents), /healthz and
// the fault API:
//
//	GET    /faults       active faults and the catalogue
//	POST   /faults       inject {"name": ..., "workspace": ..., ...}; answers the fault with its id
//	DELETE /faults/{id}  clear one fault; DELETE /faults clears all
//
// A POST body is one JSON object of at most MaxFaultBodyBytes (413 beyond) holding string fields
// that the fault's kind uses (DecodeFault, Platform.Validate; 400 otherwise); at most
// MaxActiveFaults are active (409 beyond). Every error, unknown routes and methods included, is
// {"error": "<field>: <rule>"}, which never quotes what the client sent.
func Handler(s *Simulator, now func() time.Time) http.Handler {
	mux := http.NewServeMux()
	var routes []string
	handle := func(pattern string, h http.HandlerFunc) {
		routes = append(routes, pattern)
		mux.HandleFunc(pattern, h)
	}
	handle("GET /metrics", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_ = s.WriteMetrics(w, now())
	})
	handle("GET /metrics/platform", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_ = s.WriteScope(w, now(), Scope{Platform: true})
	})
	handle("GET /metrics/agents", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_ = s.WriteScope(w, now(), Scope{Agents: true})
	})
	handle("GET /metrics/workspaces/{id}", func(w http.ResponseWriter, r *http.Request) {
		if _, ok := s.Platform.Workspace(r.PathValue("id")); !ok {
			writeError(w, http.StatusNotFound, "id: no workspace of the simulated platform has this id")
			return
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_ = s.WriteScope(w, now(), Scope{Workspace: r.PathValue("id")})
	})
	handle("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	handle("GET /faults", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"active": s.Faults.List(), "kinds": FaultKinds})
	})
	handle("POST /faults", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxFaultBodyBytes))
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body: must be at most %d bytes", MaxFaultBodyBytes))
			return
		case err != nil:
			writeError(w, http.StatusBadRequest, "body: could not be read")
			return
		}
		f, err := DecodeFault(body)
		if err == nil {
			err = s.Platform.Validate(f)
		}
		if err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		s.Advance(now()) // what happened before the fault is counted as healthy
		added, err := s.Faults.Add(f)
		if err != nil {
			writeError(w, http.StatusConflict, err.Error())
			return
		}
		writeJSON(w, http.StatusCreated, added)
	})
	handle("DELETE /faults/{id}", func(w http.ResponseWriter, r *http.Request) {
		s.Advance(now())
		if !s.Faults.Remove(r.PathValue("id")) {
			writeError(w, http.StatusNotFound, "id: no active fault has this id")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	handle("DELETE /faults", func(w http.ResponseWriter, _ *http.Request) {
		s.Advance(now())
		s.Faults.Clear()
		w.WriteHeader(http.StatusNoContent)
	})
	noRoute := "path: no such route; the routes are " + strings.Join(routes, ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		// No route matches: the mux would answer 404, or 405 with Allow where the path has routes
		// for other methods, both in plain text. Its answer is kept to learn which, then said in JSON.
		rec := &statusRecorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		if allow := rec.header.Get("Allow"); rec.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", allow)
			writeError(w, http.StatusMethodNotAllowed, "method: not allowed on this path; it takes "+allow)
			return
		}
		writeError(w, http.StatusNotFound, noRoute)
	})
}

// statusRecorder keeps the status and headers of an answer and drops its body.
type statusRecorder struct {
	header http.Header
	status int
}

func (r *statusRecorder) Header() http.Header         { return r.header }
func (r *statusRecorder) Write(b []byte) (int, error) { return len(b), nil }
func (r *statusRecorder) WriteHeader(status int)      { r.status = status }

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// writeError answers {"error": "<field>: <rule>"}; msg never holds what the client sent.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
