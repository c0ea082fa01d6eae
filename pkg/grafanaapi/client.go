// Package grafanaapi calls the HTTP API of the Grafana that runs the app, with the app's
// service account token.
package grafanaapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
)

// Client talks to one Grafana's HTTP API with a service account token.
type Client struct {
	BaseURL string
	Token   string
	HTTP    *http.Client
}

// Bounds on what the client reads. An answer decoded whole must fit MaxAnswerBytes; larger ones
// are refused by name (never truncated into a wrong result) and must be read with Stream.
const (
	MaxAnswerBytes   = 8 << 20
	maxErrorBytes    = 64 << 10
	maxMessageLength = 300
)

// APIError is a response Grafana refused, with its status and message.
type APIError struct {
	Method, Path string
	Status       int
	Message      string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s %s: Grafana answered %d: %s", e.Method, e.Path, e.Status, e.Message)
}

// Do sends one request; out receives the JSON body of a 2xx answer. A 404 is returned as an
// *APIError so callers can tell "absent" from a failure.
func (c *Client) Do(ctx context.Context, method, path string, body, out any) error {
	return c.Stream(ctx, method, path, body, func(r io.Reader) error {
		if out == nil {
			return nil
		}
		raw, err := io.ReadAll(io.LimitReader(r, MaxAnswerBytes+1))
		switch {
		case err != nil:
			return fmt.Errorf("reading the answer failed: %w", err)
		case len(raw) > MaxAnswerBytes:
			return fmt.Errorf("the answer is larger than %d MiB", MaxAnswerBytes>>20)
		case len(raw) == 0:
			return nil
		}
		if err := json.Unmarshal(raw, out); err != nil {
			return fmt.Errorf("unreadable answer: %w", err)
		}
		return nil
	})
}

// Stream sends one request and hands the body of a 2xx answer to read, which may decode it
// piece by piece; read's error is returned naming the request.
func (c *Client) Stream(ctx context.Context, method, path string, body any, read func(io.Reader) error) error {
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			return err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(c.BaseURL, "/")+path, bytes.NewReader(raw))
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if method != http.MethodGet {
		// Without it, resources created through the API are provisioned: read-only in the UI.
		req.Header.Set("X-Disable-Provenance", "true")
	}
	httpClient := c.HTTP
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: Grafana is unreachable: %w", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		answer, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBytes))
		return &APIError{Method: method, Path: path, Status: resp.StatusCode, Message: errorMessage(answer, raw)}
	}
	if err := read(resp.Body); err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	return nil
}

// errorMessage is Grafana's message for a refusal, with every value of the request body taken
// out: Grafana may quote what it refused, and a body can carry a secret.
func errorMessage(answer, requestBody []byte) string {
	var body struct {
		Message string `json:"message"`
	}
	s := string(answer)
	if json.Unmarshal(answer, &body) == nil && body.Message != "" {
		s = body.Message
	}
	s = redactValues(s, requestBody)
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == ' ' }), " ")
	if r := []rune(s); len(r) > maxMessageLength {
		s = string(r[:maxMessageLength]) + "..."
	}
	return s
}

// minRedacted is the shortest body value taken out of messages; shorter ones (true, 30s) carry
// no secret and would mangle ordinary words.
const minRedacted = 4

// redactValues replaces every string value of the JSON document body found in s, longest
// first, so that a value containing another is taken out whole.
func redactValues(s string, body []byte) string {
	var doc any
	if len(body) == 0 || json.Unmarshal(body, &doc) != nil {
		return s
	}
	var values []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case string:
			values = append(values, v)
			if quoted, err := json.Marshal(v); err == nil {
				values = append(values, strings.Trim(string(quoted), `"`))
			}
		}
	}
	walk(doc)
	sort.Slice(values, func(i, j int) bool { return len(values[i]) > len(values[j]) })
	for _, v := range values {
		if len(v) >= minRedacted {
			s = strings.ReplaceAll(s, v, "[redacted]")
		}
	}
	return s
}

// IsNotFound tells an absent resource from a failure.
func IsNotFound(err error) bool {
	apiErr, ok := err.(*APIError)
	return ok && apiErr.Status == http.StatusNotFound
}
