package plugin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"

	"github.com/hexabase/hexabase-monitoring-app/pkg/grafanaapi"
)

// errNoServiceAccount says what Grafana needs to give the app its managed service account.
var errNoServiceAccount = errors.New("Grafana gave the app no service account: enable both the externalServiceAccounts " +
	"feature toggle ([feature_toggles] enable = externalServiceAccounts) and [auth] managed_service_accounts_enabled = true, " +
	"then restart Grafana; Grafana creates the account in its default organisation only")

// serviceAccountOrg is the organisation the app's service account belongs to, once known.
type serviceAccountOrg struct {
	mu   sync.Mutex
	id   int64
	name string
}

// grafanaClient returns a client that acts as the app's service account in the caller's
// organisation. Grafana creates that account in its default organisation only, and its token
// acts there whoever calls: from any other organisation the app refuses rather than read or
// change the default organisation's resources.
func (a *App) grafanaClient(ctx context.Context, pc backend.PluginContext, timeout time.Duration) (*grafanaapi.Client, error) {
	if pc.GrafanaConfig == nil {
		return nil, errNoServiceAccount
	}
	appURL, err := pc.GrafanaConfig.AppURL()
	if err != nil {
		return nil, errors.New("Grafana did not pass its URL to the app: set [server] root_url")
	}
	token, err := pc.GrafanaConfig.PluginAppClientSecret()
	if err != nil || token == "" {
		return nil, errNoServiceAccount
	}
	c := &grafanaapi.Client{BaseURL: appURL, Token: token, HTTP: &http.Client{Timeout: timeout}}
	id, name, err := a.accountOrg(ctx, c)
	if err != nil {
		return nil, err
	}
	if id != pc.OrgID {
		return nil, fmt.Errorf("the app's service account belongs to organisation %q (id %d), not to this one (id %d): "+
			"Grafana creates a plugin's service account in its default organisation only, so the health check, "+
			"workspace discovery and the alerting installer work in organisation %d only", name, id, pc.OrgID, id)
	}
	return c, nil
}

// accountOrg asks Grafana which organisation the token acts in (GET /api/org/, orgs:read); only
// an answer is remembered, a failure is asked again next time. No lock is held over the call,
// so a slow Grafana delays no other caller beyond its own deadline.
func (a *App) accountOrg(ctx context.Context, c *grafanaapi.Client) (int64, string, error) {
	a.saOrg.mu.Lock()
	id, name := a.saOrg.id, a.saOrg.name
	a.saOrg.mu.Unlock()
	if id != 0 {
		return id, name, nil
	}
	var org struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	err := c.Do(ctx, http.MethodGet, "/api/org/", nil, &org)
	var apiErr *grafanaapi.APIError
	switch {
	case errors.As(err, &apiErr) && apiErr.Status == http.StatusUnauthorized:
		return 0, "", fmt.Errorf("Grafana refused the app's service-account token (401): the account may be disabled; " +
			"see Administration → Users and access → Service accounts, extsvc-" + PluginID)
	case err != nil:
		return 0, "", fmt.Errorf("reading the service account's organisation: %w", err)
	case org.ID == 0:
		return 0, "", errors.New("reading the service account's organisation: Grafana answered no organisation id")
	}
	a.saOrg.mu.Lock()
	a.saOrg.id, a.saOrg.name = org.ID, org.Name
	a.saOrg.mu.Unlock()
	return org.ID, org.Name, nil
}
