// Command simulator emulates a Hexabase.AI platform for the dev instance and the integration
// tests: metrics on /metrics, a fault API on /faults, JSON logs, OTLP traces and analytics rows.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/simulator"
)

type faultFlags []simulator.Fault

func (f *faultFlags) String() string { return fmt.Sprint(*f) }
func (f *faultFlags) Set(s string) error {
	fault, err := simulator.ParseFault(s)
	if err != nil {
		return err
	}
	*f = append(*f, fault)
	return nil
}

func main() {
	cfg := simulator.DefaultConfig()
	var faults faultFlags
	listen := flag.String("listen", "127.0.0.1:9300", "address of the metrics and fault API")
	flag.Int64Var(&cfg.Seed, "seed", cfg.Seed, "seed of the platform and its traffic")
	flag.IntVar(&cfg.Workspaces, "workspaces", cfg.Workspaces, "number of workspaces")
	flag.IntVar(&cfg.VClustersPerWorkspace, "vclusters", cfg.VClustersPerWorkspace, "vClusters per workspace")
	flag.IntVar(&cfg.Endpoints, "endpoints", cfg.Endpoints, "API endpoints per workspace (at most 8)")
	flag.IntVar(&cfg.Users, "users", cfg.Users, "most users of one workspace")
	flag.IntVar(&cfg.Hosts, "hosts", cfg.Hosts, "simulated hosts (node_* series)")
	flag.IntVar(&cfg.Clusters, "clusters", cfg.Clusters, "host clusters the workspaces are spread over")
	logFile := flag.String("log-file", "", "append structured JSON request logs to this file ('-' for stdout)")
	otlp := flag.String("otlp-endpoint", "", "export traces over OTLP gRPC to host:port")
	analyticsDir := flag.String("analytics-dir", "", "append analytics rows to DIR/<table>.jsonl")
	clickhouseURL := flag.String("clickhouse-url", "", "insert analytics rows into ClickHouse over HTTP (http://host:8123)")
	clickhouseUser := flag.String("clickhouse-user", "default", "ClickHouse user")
	clickhousePassword := flag.String("clickhouse-password", "", "ClickHouse password (or CLICKHOUSE_PASSWORD)")
	backfill := flag.Duration("backfill", 0, "write analytics rows for this much history before starting (e.g. 2160h)")
	duration := flag.Duration("duration", 0, "stop after this long (0: run until interrupted)")
	flag.Var(&faults, "fault", "inject a fault at start, name:key=value,... (repeatable), e.g. error-spike:workspace=ws-0001,endpoint=/api/v1/apps")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(cfg, faults, *listen, *logFile, *otlp, *analyticsDir, *clickhouseURL, *clickhouseUser, firstNonEmpty(*clickhousePassword, os.Getenv("CLICKHOUSE_PASSWORD")), *backfill, *duration, logger); err != nil {
		logger.Error("simulator stopped", "error", err)
		os.Exit(1)
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func run(cfg simulator.Config, faults []simulator.Fault, listen, logFile, otlp, analyticsDir, chURL, chUser, chPassword string, backfill, duration time.Duration, logger *slog.Logger) error {
	platform, err := simulator.NewPlatform(cfg)
	if err != nil {
		return err
	}
	active := simulator.NewFaults()
	for _, f := range faults {
		if err := platform.Validate(f); err != nil {
			return fmt.Errorf("-fault %s: %w", f.Name, err)
		}
		if _, err := active.Add(f); err != nil {
			return fmt.Errorf("-fault %s: %w", f.Name, err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if duration > 0 {
		ctx, stop = context.WithTimeout(ctx, duration)
		defer stop()
	}
	rows := simulator.NewRowBuffer()
	sinks := simulator.Sinks{rows}
	var writers []simulator.RowWriter
	if analyticsDir != "" {
		if err := os.MkdirAll(analyticsDir, 0o755); err != nil {
			return err
		}
		writers = append(writers, simulator.DirWriter{Dir: analyticsDir})
	}
	if chURL != "" {
		writers = append(writers, simulator.ClickHouseWriter{URL: strings.TrimRight(chURL, "/"), User: chUser, Password: chPassword})
	}
	if logFile != "" {
		w, closeLog, err := openLog(logFile)
		if err != nil {
			return err
		}
		defer closeLog()
		sinks = append(sinks, simulator.NewLogSink(w))
	}
	if otlp != "" {
		traces, err := simulator.NewTraceSink(ctx, otlp)
		if err != nil {
			return err
		}
		defer func() { _ = traces.Shutdown(context.Background()) }()
		sinks = append(sinks, traces)
	}
	flush := func() {
		for _, w := range writers {
			if err := rows.Flush(w); err != nil {
				logger.Warn("analytics rows not written", "error", err)
			}
		}
		if len(writers) == 0 {
			rows.Take()
		}
	}
	start := time.Now()
	if backfill > 0 {
		logger.Info("backfilling analytics", "from", start.Add(-backfill).Format(time.RFC3339))
		simulator.Backfill(platform, rows, start.Add(-backfill), start, 5*time.Minute, flush)
	}
	sim := simulator.New(platform, active, sinks, start)
	srv := &http.Server{Addr: listen, Handler: simulator.Handler(sim, time.Now), ReadHeaderTimeout: 10 * time.Second,
		// A client that sends its body slowly or keeps a connection idle cannot hold the server.
		ReadTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	logger.Info("simulating", "listen", listen, "workspaces", cfg.Workspaces, "faults", len(faults))
	ticker := time.NewTicker(5 * time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			sim.Advance(time.Now())
			flush()
		case err := <-errc:
			return err
		case <-ctx.Done():
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_ = srv.Shutdown(shutdown)
			sim.Advance(time.Now())
			flush()
			return nil
		}
	}
}

func openLog(path string) (io.Writer, func(), error) {
	if path == "-" {
		return os.Stdout, func() {}, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { _ = f.Close() }, nil
}
