// Command pluginhost serves the app's backend over HTTP the way Grafana exposes it to the
// app's pages (plugin settings, health, resources) and to the backend itself (the datasource
// proxy and health of a Prometheus), so that the configuration page can be tested against the
// real backend. It listens on loopback only and stops by itself after -timeout.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"time"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "loopback address to listen on")
	prometheus := flag.String("prometheus", "", "URL of the Prometheus behind the app's Prometheus datasource")
	role := flag.String("role", "Admin", "org role of the user calling the app")
	timeout := flag.Duration("timeout", 10*time.Minute, "stop after this long")
	flag.Parse()
	if err := run(*listen, *prometheus, *role, *timeout); err != nil {
		log.Fatal(err)
	}
}

func run(listen, prometheus, role string, timeout time.Duration) error {
	name, _, err := net.SplitHostPort(listen)
	if err != nil || (name != "127.0.0.1" && name != "::1" && name != "localhost") {
		return fmt.Errorf("-listen must be a loopback address, not %q", listen)
	}
	h := &host{jsonData: json.RawMessage(`{}`), secrets: map[string]string{}, token: "pluginhost-service-account", role: role}
	if prometheus != "" {
		if h.prometheus, err = url.Parse(prometheus); err != nil {
			return fmt.Errorf("-prometheus: %w", err)
		}
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	h.selfURL = "http://" + ln.Addr().String()
	if err := h.rebuild(); err != nil {
		return err
	}
	srv := &http.Server{Handler: h.routes(), ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	fmt.Println(h.selfURL) // the first line tells the caller where to connect
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}
