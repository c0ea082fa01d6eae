package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/settings"
)

// healthDetails is the JSON body Grafana shows under the health message.
type healthDetails struct {
	SettingsValid bool                  `json:"settingsValid"`
	Errors        []settings.FieldError `json:"errors,omitempty"`
	Datasources   map[string]string     `json:"datasources,omitempty"`
}

// CheckHealth reports whether the saved settings parse and validate, naming each broken rule.
func (a *App) CheckHealth(_ context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	if a.settingsErr != nil {
		details := healthDetails{SettingsValid: false, Errors: fieldErrors(a.settingsErr)}
		body, err := json.Marshal(details)
		if err != nil {
			return nil, err
		}
		return &backend.CheckHealthResult{
			Status:      backend.HealthStatusError,
			Message:     a.settingsErr.Error(),
			JSONDetails: body,
		}, nil
	}
	details := healthDetails{SettingsValid: true, Datasources: map[string]string{}}
	parts := make([]string, 0, len(settings.DatasourceKinds))
	for _, kind := range settings.DatasourceKinds {
		uid := a.settings.Datasources.UID(kind)
		details.Datasources[string(kind)] = uid
		parts = append(parts, fmt.Sprintf("%s=%s", kind, uid))
	}
	body, err := json.Marshal(details)
	if err != nil {
		return nil, err
	}
	return &backend.CheckHealthResult{
		Status:      backend.HealthStatusOk,
		Message:     "Settings are valid; datasources: " + strings.Join(parts, ", "),
		JSONDetails: body,
	}, nil
}

func fieldErrors(err error) []settings.FieldError {
	if v, ok := err.(*settings.ValidationError); ok {
		return v.Fields
	}
	return []settings.FieldError{{Field: "jsonData", Rule: err.Error()}}
}
