// Command fleetblocks builds Prometheus TSDB blocks of a simulated fleet for the benchmark: the
// simulator's exposition at every interval of a window, written as timestamped OpenMetrics and
// imported with `promtool tsdb create-blocks-from openmetrics`. Deterministic for a seed.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/simulator"
)

// Chunk lengths that divide promtool's 2 h block range, longest first: a chunk never spans two blocks.
var chunkLengths = []time.Duration{2 * time.Hour, time.Hour, 30 * time.Minute, 20 * time.Minute, 15 * time.Minute, 10 * time.Minute, 5 * time.Minute}

type options struct {
	cfg          simulator.Config
	from, to     time.Time
	interval     time.Duration
	promtool     string
	out          string
	maxFileBytes int64
}

func main() {
	o := options{cfg: simulator.DefaultConfig()}
	flag.IntVar(&o.cfg.Workspaces, "workspaces", o.cfg.Workspaces, "number of workspaces")
	flag.Int64Var(&o.cfg.Seed, "seed", o.cfg.Seed, "seed of the platform and its traffic")
	from := flag.String("from", "", "first sample time, RFC 3339")
	to := flag.String("to", "", "end of the window, RFC 3339: the last sample is one interval before")
	flag.DurationVar(&o.interval, "interval", 30*time.Second, "time between two samples of a series")
	flag.StringVar(&o.promtool, "promtool", "promtool", "promtool binary (v0.316.0 or later)")
	flag.StringVar(&o.out, "out", "", "directory that receives the blocks")
	flag.Int64Var(&o.maxFileBytes, "max-file-bytes", 4<<30, "largest OpenMetrics file on disk at once (two exist while promtool imports one)")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	var err error
	if o.from, err = time.Parse(time.RFC3339, *from); err == nil {
		o.to, err = time.Parse(time.RFC3339, *to)
	}
	if err == nil && (o.out == "" || !o.to.After(o.from) || o.interval <= 0) {
		err = errors.New("-out, -from before -to and a positive -interval are required")
	}
	if err == nil {
		err = run(o, logger)
	}
	if err != nil {
		logger.Error("fleetblocks failed", "error", err)
		os.Exit(1)
	}
}

func run(o options, logger *slog.Logger) error {
	platform, err := simulator.NewPlatform(o.cfg)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	sim := simulator.New(platform, simulator.NewFaults(), nil, o.from)
	// One step's size sets the chunk length, so that a file stays under maxFileBytes.
	var step bytes.Buffer
	if err := timestamped(&step, sim, o.from); err != nil {
		return err
	}
	chunk := chunkLength(int64(step.Len()), o.interval, o.maxFileBytes)
	logger.Info("generating", "workspaces", o.cfg.Workspaces, "bytes_per_step", step.Len(), "chunk", chunk)

	importer := make(chan error, 1)
	importer <- nil
	pending := step.Bytes()
	// The end is excluded: a sample at a block boundary would make a block of its own.
	for start := o.from; start.Before(o.to); {
		end := start.Truncate(chunk).Add(chunk)
		path := filepath.Join(o.out, fmt.Sprintf("chunk-%d.om", start.Unix()))
		next, err := writeChunk(path, sim, pending, start, end, o.to, o.interval)
		if err != nil {
			return err
		}
		pending = nil
		// One import at a time, while the next chunk is generated.
		if err := <-importer; err != nil {
			return err
		}
		go func() { importer <- importChunk(o.promtool, path, o.out) }()
		start = next
	}
	return <-importer
}

// chunkLength is the longest chunk whose file fits in maxBytes.
func chunkLength(stepBytes int64, interval time.Duration, maxBytes int64) time.Duration {
	for _, c := range chunkLengths {
		if stepBytes*int64(c/interval) <= maxBytes {
			return c
		}
	}
	return chunkLengths[len(chunkLengths)-1]
}

// writeChunk writes the steps from start (whose first step may already be rendered) until end or
// last, both excluded, and returns the time of the next step.
func writeChunk(path string, sim *simulator.Simulator, first []byte, start, end, last time.Time, interval time.Duration) (time.Time, error) {
	f, err := os.Create(path)
	if err != nil {
		return start, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	t := start
	if first != nil {
		if _, err := w.Write(first); err != nil {
			return t, errors.Join(err, f.Close())
		}
		t = t.Add(interval)
	}
	for ; t.Before(end) && t.Before(last); t = t.Add(interval) {
		if err := timestamped(w, sim, t); err != nil {
			return t, errors.Join(err, f.Close())
		}
	}
	if _, err := w.WriteString("# EOF\n"); err != nil {
		return t, errors.Join(err, f.Close())
	}
	return t, errors.Join(w.Flush(), f.Close())
}

type byteWriter interface {
	Write([]byte) (int, error)
}

// timestamped writes the exposition at t as OpenMetrics samples with t as their timestamp; the
// HELP and TYPE lines are left out, since a family's metadata may appear only once in a file.
func timestamped(w byteWriter, sim *simulator.Simulator, t time.Time) error {
	var page bytes.Buffer
	if err := sim.WriteMetrics(&page, t); err != nil {
		return err
	}
	suffix := []byte(" " + strconv.FormatInt(t.Unix(), 10) + "\n")
	out := make([]byte, 0, page.Len()+page.Len()/8)
	for line := range bytes.Lines(page.Bytes()) {
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		out = append(out, bytes.TrimSuffix(line, []byte("\n"))...)
		out = append(out, suffix...)
	}
	_, err := w.Write(out)
	return err
}

func importChunk(promtool, path, out string) error {
	cmd := exec.Command(promtool, "tsdb", "create-blocks-from", "openmetrics", "--quiet", path, out)
	cmd.Stderr = os.Stderr
	err := cmd.Run()
	if err != nil {
		return fmt.Errorf("promtool on %s: %w", path, err)
	}
	return os.Remove(path)
}
