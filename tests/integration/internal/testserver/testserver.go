// Package testserver runs the real servers of the integration tests on loopback: bounded in time,
// stopped when the test ends whatever its outcome, their output shown when it failed.
package testserver

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Process is a server started by Start.
type Process struct {
	name   string
	cmd    *exec.Cmd
	exited chan struct{}
}

// Address returns a 127.0.0.1 host:port that is free now, for a server to listen on.
func Address(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// Start runs bin with args, and env added to this process' environment, for at most limit. The
// process is killed when the test ends; its output is logged if the test failed.
func Start(t testing.TB, limit time.Duration, env []string, bin string, args ...string) *Process {
	t.Helper()
	name := filepath.Base(bin)
	logPath := filepath.Join(t.TempDir(), name+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		cancel()
		logFile.Close()
		t.Fatalf("starting %s: %v", name, err)
	}
	p := &Process{name: name, cmd: cmd, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		cancel()
		<-p.exited
		logFile.Close()
		if t.Failed() {
			raw, _ := os.ReadFile(logPath)
			t.Logf("%s output:\n%s", name, raw)
		}
	})
	return p
}

// WaitReady returns once url answers 200 OK; the test fails if the process exits first or within
// passes.
func (p *Process) WaitReady(t testing.TB, url string, within time.Duration) {
	t.Helper()
	client := &http.Client{Timeout: 5 * time.Second}
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		select {
		case <-p.exited:
			t.Fatalf("%s exited before it was ready: %v", p.name, p.cmd.ProcessState)
		default:
		}
		if resp, err := client.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	t.Fatalf("%s did not answer 200 on %s within %s", p.name, url, within)
}

// Exited is closed once the process has ended.
func (p *Process) Exited() <-chan struct{} { return p.exited }
