import React, { type ReactNode } from 'react';
import { locationUtil } from '@grafana/data';
import { config } from '@grafana/runtime';
import { MemoryRouter } from 'react-router-dom';

function setAppSubUrl(appSubUrl: string) {
  config.appSubUrl = appSubUrl;
  // Grafana initialises locationUtil with its config at start; TextLink strips the base with it.
  locationUtil.initialize({
    config: config as never, // Grafana passes its boot config; only appSubUrl is read here
    getTimeRangeForUrl: () => ({ from: 'now-1h', to: 'now' }),
    getVariablesUrlParams: () => ({}),
  });
}

/**
 * The element under a router as Grafana serves its pages from a sub-path (`root_url` with
 * `serve_from_sub_path`): config.appSubUrl set and the router's basename equal to it.
 */
export function underGrafanaRouter(ui: ReactNode, appSubUrl = '', path = '/a/hexabase-monitoring-app/overview') {
  setAppSubUrl(appSubUrl);
  return (
    <MemoryRouter basename={appSubUrl || '/'} initialEntries={[`${appSubUrl}${path}`]}>
      {ui}
    </MemoryRouter>
  );
}

/** Back to a Grafana served from the root, for the next test. */
export function resetAppSubUrl() {
  setAppSubUrl('');
}
