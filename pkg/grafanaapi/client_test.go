package grafanaapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A Grafana that quotes what it refused, as JSON or as plain text.
func echoingGrafana(t *testing.T, plain bool) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if plain {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte("<html>bad request:\n" + string(body) + "</html>"))
			return
		}
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": "invalid settings " + string(body)})
	}))
	t.Cleanup(srv.Close)
	return &Client{BaseURL: srv.URL}
}

func TestRefusalsNeverCarryTheRequestBodyBack(t *testing.T) {
	secret := "https://hooks.example.test/T000/B000/s3cr3t-t0ken"
	body := map[string]any{"name": "ops", "settings": map[string]any{"url": secret, "token": `xoxb-"quoted"\value`, "n": 3, "on": true}}
	for _, plain := range []bool{false, true} {
		err := echoingGrafana(t, plain).Do(context.Background(), http.MethodPost, "/api/v1/provisioning/contact-points", body, nil)
		msg := err.Error()
		if strings.Contains(msg, "s3cr3t") || strings.Contains(msg, "xoxb") || strings.Contains(msg, "quoted") || !strings.Contains(msg, "[redacted]") {
			t.Errorf("plain=%v: %s", plain, msg)
		}
		if strings.ContainsAny(msg, "\n\r\t") || !strings.Contains(msg, "Grafana answered 400") {
			t.Errorf("plain=%v: not one line naming the status: %q", plain, msg)
		}
	}
}

func TestLongRefusalsAreShortened(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(strings.Repeat("x", 1<<20)))
	}))
	defer srv.Close()
	err := (&Client{BaseURL: srv.URL}).Do(context.Background(), http.MethodGet, "/api/x", nil, nil)
	var apiErr *APIError
	if !errors.As(err, &apiErr) || len(apiErr.Message) != maxMessageLength+3 || apiErr.Status != 500 {
		t.Fatalf("%v", err)
	}
}

// An answer too large to decode whole is refused by name, not truncated into a wrong result;
// Stream reads it to the end.
func TestLargeAnswersAreRefusedByDoAndStreamedByStream(t *testing.T) {
	size := MaxAnswerBytes + 10
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`"` + strings.Repeat("a", size-2) + `"`))
	}))
	defer srv.Close()
	c := &Client{BaseURL: srv.URL}
	var s string
	if err := c.Do(context.Background(), http.MethodGet, "/big", nil, &s); err == nil || !strings.Contains(err.Error(), "GET /big: the answer is larger than 8 MiB") {
		t.Fatalf("Do = %v", err)
	}
	var n int64
	err := c.Stream(context.Background(), http.MethodGet, "/big", nil, func(r io.Reader) error {
		var err error
		n, err = io.Copy(io.Discard, r)
		return err
	})
	if err != nil || n != int64(size) {
		t.Fatalf("Stream read %d, %v", n, err)
	}
}
