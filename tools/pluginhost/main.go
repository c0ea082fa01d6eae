// Command pluginhost serves the app's real backend behind the Grafana double
// (tools/grafanadouble), so that the configuration page can be tested over HTTP the way it runs
// in Grafana: plugin settings, health and resources for a signed-in user, and the app's service
// account with exactly its plugin.json permissions calling datasource health and proxy on a
// real Prometheus. It listens on 127.0.0.1 only and stops by itself after -timeout.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"time"

	"github.com/hexabase/hexabase-monitoring-app/pkg/plugin"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
	"github.com/hexabase/hexabase-monitoring-app/tools/grafanadouble"
)

func main() {
	pluginJSON := flag.String("plugin-json", "src/plugin.json", "the app's plugin.json (its iam permissions are the service account's)")
	prometheus := flag.String("prometheus", "", "URL of the Prometheus behind the app's Prometheus datasource")
	role := flag.String("role", "Admin", "org role of the signed-in user calling the app")
	timeout := flag.Duration("timeout", 10*time.Minute, "stop after this long")
	flag.Parse()
	if err := run(*pluginJSON, *prometheus, *role, *timeout); err != nil {
		log.Fatal(err)
	}
}

func run(pluginJSON, prometheus, role string, timeout time.Duration) error {
	g, err := grafanadouble.Start(grafanadouble.Options{
		PluginJSON:              pluginJSON,
		ExternalServiceAccounts: true,
		ManagedServiceAccounts:  true,
		App:                     plugin.NewApp,
		Session:                 grafanadouble.Session{OrgID: grafanadouble.DefaultOrgID, Role: role, Login: "operator"},
	})
	if err != nil {
		return err
	}
	defer g.Close()
	if prometheus != "" {
		g.AddDatasource(grafanadouble.DefaultOrgID, grafanadouble.Datasource{
			UID: settings.Defaults().Datasources.Prometheus, Name: "Prometheus", Type: "prometheus", URL: prometheus,
		})
	}
	// As the dev instance provisions it (provisioning/plugins/app.yaml): enabled, empty jsonData.
	g.SetPluginSettings(grafanadouble.DefaultOrgID, true, json.RawMessage(`{}`), nil)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	fmt.Println(g.URL) // the first line tells the caller where to connect
	<-ctx.Done()
	return nil
}
