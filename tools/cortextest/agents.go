package cortextest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Agent is one Prometheus running a workspace's configuration: in agent mode, or as a server when
// the configuration evaluates rules, which agent mode refuses. It is Prometheus v3 built from its
// module (AgentBinary): Debian 12's Prometheus 2.42 sends no remote_write headers, so no tenant.
type Agent struct {
	Name string
	URL  string
	ctx  context.Context
	process
}

// StartAgent writes the configuration, made for the address the agent will listen on, (and the
// files it names next to it) into its own directory and runs Prometheus on it until ctx ends.
func StartAgent(ctx context.Context, name string, config func(listen string) ([]byte, error), files map[string][]byte, agentMode bool) (*Agent, error) {
	bin, err := AgentBinary()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "cortextest-agent-")
	if err != nil {
		return nil, err
	}
	ports, err := freePorts(1)
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(ports[0])
	if files["prometheus.yml"], err = config(addr); err != nil {
		return nil, err
	}
	for f, content := range files {
		if err := os.WriteFile(filepath.Join(dir, f), content, 0o644); err != nil {
			return nil, err
		}
	}
	args := []string{"--config.file=" + filepath.Join(dir, "prometheus.yml"), "--web.listen-address=" + addr, "--log.level=warn"}
	if agentMode {
		args = append(args, "--agent", "--storage.agent.path="+filepath.Join(dir, "wal"))
	} else {
		args = append(args, "--storage.tsdb.path="+filepath.Join(dir, "data"))
	}
	a := &Agent{Name: name, URL: "http://" + addr, ctx: ctx, process: process{bin: bin, args: args, dir: dir, log: "prometheus.log"}}
	return a, a.Start()
}

// Start runs the agent (again); its WAL is kept across restarts.
func (a *Agent) Start() error {
	if err := a.start(a.ctx); err != nil {
		return err
	}
	return waitHTTP(a.URL+"/-/ready", a.exited(), 30*time.Second)
}

// Stop ends the agent cleanly: it flushes what it can within its flush deadline.
func (a *Agent) Stop() { a.stop(os.Interrupt, 90*time.Second) }

// Log returns what the agent logged last.
func (a *Agent) Log() string { return a.output() }

// Close stops the agent and removes its directory.
func (a *Agent) Close() {
	a.stop(os.Kill, 0)
	_ = os.RemoveAll(a.dir)
}
