package grafanaapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// DatasourceHealth is Grafana's verdict on one datasource.
type DatasourceHealth struct {
	UID     string `json:"uid"`
	Status  string `json:"status"` // OK, ERROR or MISSING
	Message string `json:"message"`
}

// CheckDatasource asks Grafana to run the health check of the datasource with this uid. Grafana
// answers an unknown uid there as a failed lookup (500), so a failed check reads the datasource
// itself, whose 404 tells a missing one.
func (c *Client) CheckDatasource(ctx context.Context, uid string) DatasourceHealth {
	var body struct {
		Status  string `json:"status"`
		Message string `json:"message"`
	}
	err := c.Do(ctx, http.MethodGet, "/api/datasources/uid/"+url.PathEscape(uid)+"/health", nil, &body)
	var apiErr *APIError
	switch {
	case errors.As(err, &apiErr) && apiErr.Status != http.StatusForbidden && c.missing(ctx, uid):
		return DatasourceHealth{UID: uid, Status: "MISSING", Message: "no datasource with this UID"}
	case errors.As(err, &apiErr):
		return DatasourceHealth{UID: uid, Status: "ERROR", Message: apiErr.Message}
	case err != nil:
		return DatasourceHealth{UID: uid, Status: "ERROR", Message: err.Error()}
	}
	if body.Status == "" {
		body.Status = "OK"
	}
	return DatasourceHealth{UID: uid, Status: body.Status, Message: body.Message}
}

func (c *Client) missing(ctx context.Context, uid string) bool {
	return IsNotFound(c.Do(ctx, http.MethodGet, "/api/datasources/uid/"+url.PathEscape(uid), nil, nil))
}
