package main

import (
	"os"

	"github.com/grafana/grafana-plugin-sdk-go/backend/app"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"

	"github.com/hexabase/hexabase-monitoring-app/pkg/plugin"
)

func main() {
	// Manage serves Grafana's calls until Grafana stops the process; it rebuilds the App through
	// plugin.NewApp whenever the app's settings change.
	if err := app.Manage(plugin.PluginID, plugin.NewApp, app.ManageOpts{}); err != nil {
		log.DefaultLogger.Error("plugin stopped", "error", err.Error())
		os.Exit(1)
	}
}
