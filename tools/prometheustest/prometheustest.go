// Package prometheustest runs a real Prometheus (Debian's `prometheus`, which the test command
// installs) on 127.0.0.1 for Go tests: it scrapes the given targets every second, stops when
// Close is called or its time limit passes, and keeps its log for failing tests.
package prometheustest

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Server is one running Prometheus.
type Server struct {
	URL    string
	dir    string
	cancel context.CancelFunc
	done   chan struct{}
}

// Start runs Prometheus scraping targets (host:port, honouring their labels) for at most limit.
func Start(targets []string, limit time.Duration) (*Server, error) {
	bin, err := exec.LookPath("prometheus")
	if err != nil {
		return nil, fmt.Errorf("prometheus is not installed (the test command installs Debian's prometheus package): %w", err)
	}
	dir, err := os.MkdirTemp("", "prometheustest-")
	if err != nil {
		return nil, err
	}
	quoted := make([]string, len(targets))
	for i, t := range targets {
		quoted[i] = fmt.Sprintf("%q", t)
	}
	config := "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: test\n    honor_labels: true\n" +
		"    static_configs:\n      - targets: [" + strings.Join(quoted, ", ") + "]\n"
	if err := os.WriteFile(filepath.Join(dir, "prometheus.yml"), []byte(config), 0o644); err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	_ = l.Close()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	cmd := exec.CommandContext(ctx, bin, "--config.file="+filepath.Join(dir, "prometheus.yml"),
		"--storage.tsdb.path="+filepath.Join(dir, "data"), "--web.listen-address="+addr, "--log.level=warn")
	logFile, err := os.Create(filepath.Join(dir, "prometheus.log"))
	if err != nil {
		cancel()
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, err
	}
	s := &Server{URL: "http://" + addr, dir: dir, cancel: cancel, done: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		_ = logFile.Close()
		close(s.done)
	}()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(s.URL + "/-/ready"); err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
	}
	log := s.Log()
	s.Close()
	return nil, fmt.Errorf("prometheus did not become ready on %s: %s", s.URL, log)
}

// WaitFor waits until an instant query returns at least n series.
func (s *Server) WaitFor(query string, n int, timeout time.Duration) error {
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		res, err := http.Get(s.URL + "/api/v1/query?query=" + url.QueryEscape(query))
		if err != nil {
			continue
		}
		var body struct {
			Data struct {
				Result []json.RawMessage `json:"result"`
			} `json:"data"`
		}
		err = json.NewDecoder(res.Body).Decode(&body)
		_ = res.Body.Close()
		if err == nil && len(body.Data.Result) >= n {
			return nil
		}
	}
	return fmt.Errorf("%s returned fewer than %d series within %s", query, n, timeout)
}

// Log returns what Prometheus logged.
func (s *Server) Log() string {
	raw, _ := os.ReadFile(filepath.Join(s.dir, "prometheus.log"))
	return string(raw)
}

// Close stops Prometheus and removes its data.
func (s *Server) Close() {
	s.cancel()
	<-s.done
	_ = os.RemoveAll(s.dir)
}
