package cortextest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"
)

// process is one server process that a test can start, stop and start again in the same
// directory, appending to the same log.
type process struct {
	bin  string
	args []string
	dir  string
	log  string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
}

// start runs the process until ctx ends.
func (p *process) start(ctx context.Context) error {
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return err
	}
	logFile, err := os.OpenFile(filepath.Join(p.dir, p.log), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, p.bin, p.args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = p.dir, logFile, logFile
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return err
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		_ = logFile.Close()
		close(done)
	}()
	p.mu.Lock()
	p.cmd, p.done = cmd, done
	p.mu.Unlock()
	return nil
}

// exited is closed when the running process ends (nil before the first start).
func (p *process) exited() <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.done
}

// stop signals the process and waits for it; it is killed when it outlives grace.
func (p *process) stop(sig os.Signal, grace time.Duration) {
	p.mu.Lock()
	cmd, done := p.cmd, p.done
	p.mu.Unlock()
	if cmd == nil || cmd.Process == nil {
		return
	}
	_ = cmd.Process.Signal(sig)
	select {
	case <-done:
	case <-time.After(grace):
		_ = cmd.Process.Kill()
		<-done
	}
}

// output is what the process logged: where it first panicked, if it did, and its last 4 KiB.
func (p *process) output() string {
	raw, _ := os.ReadFile(filepath.Join(p.dir, p.log))
	return excerpt(string(raw))
}
