// Package cortextest runs a real Cortex cluster on 127.0.0.1 for tests: a distributor, three
// ingesters replicating every series three times on a memberlist ring, a querier, a
// store-gateway and a ruler, with blocks on the local filesystem. Each component is its own
// process, so a test can kill one and start it again. The cluster stops when Close is called or
// its time limit passes.
package cortextest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Version is the Cortex release the test command builds (tests/cortex/build/go.mod).
const Version = "v1.21.1"

// Binary finds the cortex binary: $CORTEX_BIN, else where scripts/lib/install-cortex.sh puts it.
func Binary() (string, error) {
	return tool("CORTEX_BIN", "cortex-"+Version, "scripts/lib/install-cortex.sh")
}

// AgentBinary finds the Prometheus the agents run: $PROMETHEUS_BIN, else where the test command
// installs it (go install github.com/prometheus/prometheus/cmd/prometheus, as promtool).
func AgentBinary() (string, error) {
	return tool("PROMETHEUS_BIN", "prometheus", "the test command's install-prometheus step")
}

// tool finds a binary named by env, else in the test command's tool cache.
func tool(env, name, installer string) (string, error) {
	if p := os.Getenv(env); p != "" {
		return p, nil
	}
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		cache = filepath.Join(home, ".cache")
	}
	p := filepath.Join(cache, "hexabase-monitoring", "bin", name)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%s is not built (%s builds it): %w", name, installer, err)
	}
	return p, nil
}

// Component is one Cortex process.
type Component struct {
	Name   string
	Target string
	HTTP   int
	GRPC   int
	Gossip int

	process
}

// URL is the component's HTTP address.
func (c *Component) URL() string { return fmt.Sprintf("http://127.0.0.1:%d", c.HTTP) }

// Cluster is a running Cortex cluster.
type Cluster struct {
	Dir        string
	Components map[string]*Component
	bin        string
	ctx        context.Context
	cancel     context.CancelFunc
}

// Ingesters are the ingester components' names.
var Ingesters = []string{"ingester-1", "ingester-2", "ingester-3"}

// Start runs the cluster for at most limit and waits until the three ingesters are ACTIVE in
// the ring as the distributor sees it.
func Start(limit time.Duration) (*Cluster, error) {
	bin, err := Binary()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "cortextest-")
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	c := &Cluster{Dir: dir, Components: map[string]*Component{}, bin: bin, ctx: ctx, cancel: cancel}
	names := append(append([]string{"distributor"}, Ingesters...), "querier", "store-gateway", "ruler")
	ports, err := freePorts(3 * len(names))
	if err != nil {
		c.Close()
		return nil, err
	}
	var gossip []int
	for i, name := range names {
		target := name
		if strings.HasPrefix(name, "ingester") {
			target = "ingester"
		}
		comp := &Component{Name: name, Target: target, HTTP: ports[3*i], GRPC: ports[3*i+1], Gossip: ports[3*i+2]}
		c.Components[name] = comp
		gossip = append(gossip, comp.Gossip)
	}
	if err := os.WriteFile(filepath.Join(dir, "cortex.yaml"), []byte(commonConfig(dir, gossip)), 0o644); err != nil {
		c.Close()
		return nil, err
	}
	for _, name := range names {
		if err := c.StartComponent(name); err != nil {
			c.Close()
			return nil, err
		}
	}
	for _, name := range names {
		if err := c.waitReady(name, 90*time.Second); err != nil {
			c.Close()
			return nil, err
		}
	}
	if err := c.WaitIngesters(3, 60*time.Second); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// StartComponent starts (or starts again) one component with its own ports and directories;
// an ingester keeps its WAL and its ring tokens across restarts.
func (c *Cluster) StartComponent(name string) error {
	comp := c.Components[name]
	own := filepath.Join(c.Dir, name)
	args := []string{
		"-config.file=" + filepath.Join(c.Dir, "cortex.yaml"),
		"-target=" + comp.Target,
		"-server.http-listen-port=" + strconv.Itoa(comp.HTTP),
		"-server.grpc-listen-port=" + strconv.Itoa(comp.GRPC),
		"-memberlist.bind-port=" + strconv.Itoa(comp.Gossip),
		"-memberlist.advertise-port=" + strconv.Itoa(comp.Gossip),
		"-blocks-storage.tsdb.dir=" + filepath.Join(own, "tsdb"),
		"-blocks-storage.bucket-store.sync-dir=" + filepath.Join(own, "sync"),
		"-ruler.rule-path=" + filepath.Join(own, "rules"),
		"-querier.active-query-tracker-dir=" + filepath.Join(own, "active-queries"),
	}
	if comp.Target == "ingester" {
		args = append(args, "-ingester.lifecycler.ID="+name, "-ingester.tokens-file-path="+filepath.Join(own, "tokens"))
	}
	comp.process = process{bin: c.bin, args: args, dir: own, log: "cortex.log"}
	if err := comp.start(c.ctx); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Kill stops a component at once, as a crash would: no clean leave from the ring, no flush.
func (c *Cluster) Kill(name string) { c.Components[name].stop(os.Kill, 0) }

func (c *Cluster) waitReady(name string, timeout time.Duration) error {
	comp := c.Components[name]
	if err := waitHTTP(comp.URL()+"/ready", comp.exited(), timeout); err != nil {
		return fmt.Errorf("cortex %s: %w: %s", name, err, c.Log(name))
	}
	return nil
}

// waitHTTP waits until url answers 200, failing early when the process behind it exits.
func waitHTTP(url string, exited <-chan struct{}, timeout time.Duration) error {
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		select {
		case <-exited:
			return errors.New("exited")
		default:
		}
		if res, err := http.Get(url); err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("%s did not answer 200 within %s", url, timeout)
}

// WaitReady waits until a (re)started component answers ready.
func (c *Cluster) WaitReady(name string, timeout time.Duration) error {
	return c.waitReady(name, timeout)
}

// WaitIngesters waits until the distributor's ring holds n ACTIVE ingesters.
func (c *Cluster) WaitIngesters(n int, timeout time.Duration) error {
	var last int
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		active, err := c.RingMembers("distributor", "ingester", "ACTIVE")
		if err == nil && active == n {
			return nil
		}
		last = active
	}
	return fmt.Errorf("the ring held %d ACTIVE ingesters, not %d, after %s", last, n, timeout)
}

// RingMembers reads cortex_ring_members from a component's metrics.
func (c *Cluster) RingMembers(component, ring, state string) (int, error) {
	res, err := http.Get(c.Components[component].URL() + "/metrics")
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	// One line per zone: cortex_ring_members{name="ingester",state="ACTIVE",zone=""} 3
	want := fmt.Sprintf(`cortex_ring_members{name="%s",state="%s",`, ring, state)
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	found, total := false, 0
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, want) {
			v, err := strconv.ParseFloat(line[strings.LastIndexByte(line, ' ')+1:], 64)
			if err != nil {
				return 0, err
			}
			found, total = true, total+int(v)
		}
	}
	if !found {
		return 0, errors.Join(sc.Err(), fmt.Errorf("%s has no ring %q", component, ring))
	}
	return total, sc.Err()
}

// Log returns what a component logged: where it first panicked, if it did, and its last 4 KiB.
func (c *Cluster) Log(name string) string { return c.Components[name].output() }

func excerpt(log string) string {
	var head string
	if i := strings.Index(log, "\npanic: "); i >= 0 && i < len(log)-4096 {
		head = log[i+1:min(i+2048, len(log)-4096)] + "\n...\n"
	}
	return head + log[max(0, len(log)-4096):]
}

// Close stops every component and removes the cluster's data.
func (c *Cluster) Close() {
	c.cancel()
	for _, comp := range c.Components {
		if done := comp.exited(); done != nil {
			<-done
		}
	}
	_ = os.RemoveAll(c.Dir)
}

// freePorts reserves n distinct loopback ports by listening on them at once, then frees them.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	var listeners []net.Listener
	defer func() {
		for _, l := range listeners {
			_ = l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}
