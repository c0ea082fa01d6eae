package simulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Handler serves /metrics, /healthz and the fault API:
//
//	GET    /faults       active faults and the catalogue
//	POST   /faults       inject {"name": ..., "workspace": ..., ...}; answers the fault with its id
//	DELETE /faults/{id}  clear one fault; DELETE /faults clears all
func Handler(s *Simulator, now func() time.Time) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		_ = s.WriteMetrics(w, now())
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })
	mux.HandleFunc("GET /faults", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"active": s.Faults.List(), "kinds": FaultKinds})
	})
	mux.HandleFunc("POST /faults", func(w http.ResponseWriter, r *http.Request) {
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
	mux.HandleFunc("DELETE /faults/{id}", func(w http.ResponseWriter, r *http.Request) {
		s.Advance(now())
		if !s.Faults.Remove(r.PathValue("id")) {
			writeError(w, http.StatusNotFound, "id: no active fault has this id")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("DELETE /faults", func(w http.ResponseWriter, _ *http.Request) {
		s.Advance(now())
		s.Faults.Clear()
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// writeError answers {"error": "<field>: <rule>"}; msg never holds what the client sent.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
