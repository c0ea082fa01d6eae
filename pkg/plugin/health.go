package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

// healthDetails is the JSON body Grafana shows under the health message.
type healthDetails struct {
	SettingsValid bool                                   `json:"settingsValid"`
	Errors        []settings.FieldError                  `json:"errors,omitempty"`
	More          int                                    `json:"more,omitempty"` // errors left out of a capped list
	Datasources   map[string]grafanaapi.DatasourceHealth `json:"datasources,omitempty"`
	Reachability  string                                 `json:"reachability,omitempty"`
}

const healthCheckTimeout = 10 * time.Second

// CheckHealth reports whether the saved settings parse and validate, naming each broken rule,
// and whether each configured datasource answers its own health check through Grafana.
func (a *App) CheckHealth(ctx context.Context, req *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	if a.settingsErr != nil {
		details := healthDetails{Errors: fieldErrors(a.settingsErr)}
		if v, ok := a.settingsErr.(*settings.ValidationError); ok {
			details.More = v.More
		}
		return healthResult(backend.HealthStatusError, a.settingsErr.Error(), details)
	}
	details := healthDetails{SettingsValid: true, Datasources: map[string]grafanaapi.DatasourceHealth{}}
	ctx, cancel := context.WithTimeout(ctx, healthCheckTimeout)
	defer cancel()
	client, err := a.grafanaClient(ctx, req.PluginContext, healthCheckTimeout)
	if err != nil {
		// Without the service account nothing the app does through Grafana works: a failed check.
		details.Reachability = "not checked: " + err.Error()
		for _, kind := range settings.DatasourceKinds {
			details.Datasources[string(kind)] = grafanaapi.DatasourceHealth{UID: a.settings.Datasources.UID(kind), Status: "UNKNOWN"}
		}
		return healthResult(backend.HealthStatusError, "Settings are valid, but the datasources could not be checked: "+err.Error(), details)
	}
	var failing []string
	for _, kind := range settings.DatasourceKinds {
		h := client.CheckDatasource(ctx, a.settings.Datasources.UID(kind))
		details.Datasources[string(kind)] = h
		if h.Status != "OK" {
			failing = append(failing, fmt.Sprintf("%s (%s): %s", kind, h.UID, strings.ToLower(h.Status)+" "+h.Message))
		}
	}
	if len(failing) > 0 {
		return healthResult(backend.HealthStatusError, "Settings are valid, but some datasources fail: "+strings.Join(failing, "; "), details)
	}
	return healthResult(backend.HealthStatusOk, "Settings are valid and the four datasources answer", details)
}

func healthResult(status backend.HealthStatus, message string, details healthDetails) (*backend.CheckHealthResult, error) {
	body, err := json.Marshal(details)
	if err != nil {
		return nil, err
	}
	return &backend.CheckHealthResult{Status: status, Message: message, JSONDetails: body}, nil
}

func fieldErrors(err error) []settings.FieldError {
	if v, ok := err.(*settings.ValidationError); ok {
		return v.Fields
	}
	return []settings.FieldError{{Field: "jsonData", Rule: err.Error()}}
}
