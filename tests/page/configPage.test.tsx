import React from 'react';
import http from 'http';
import { cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { from } from 'rxjs';
import { setBackendSrv, type BackendSrvRequest } from '@grafana/runtime';

import AppConfig, { type AppConfigProps } from '../../src/components/AppConfig/AppConfig';
import { reloadPage } from '../../src/components/AppConfig/reloadPage';
import { RULES } from '../../src/generated/plans';
import { installEmptyDatasourceSrv } from '../../src/testing/emptyDatasourceSrv';
import { testIds } from '../../src/testIds';

// jsdom cannot reload: a test emulates the reload by rendering the page anew from the host's settings.
jest.mock('../../src/components/AppConfig/reloadPage', () => ({ reloadPage: jest.fn() }));

// scripts/integration-page.sh serves the app's backend here (tools/pluginhost), with a real
// Prometheus scraping the simulator's 12 workspaces behind the app's Prometheus datasource.
const BASE = process.env.PLUGINHOST_URL ?? '';
const SETTINGS = '/api/plugins/hexabase-monitoring-app/settings';

interface Answer {
  status: number;
  text: string;
}

function send(method: string, path: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${BASE}${path}`, { method, headers: { 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    if (body !== undefined) {
      req.write(JSON.stringify(body));
    }
    req.end();
  });
}

/** Grafana's backendSrv.fetch over real HTTP to the host: what the page sends is what the backend gets. */
function realBackendSrv() {
  const fetch = (req: BackendSrvRequest) => {
    const params = new URLSearchParams(Object.entries(req.params ?? {}).map(([k, v]) => [k, String(v)]));
    const query = params.toString();
    const path = query ? `${req.url}?${query}` : req.url;
    return from(
      send(req.method ?? 'GET', path, req.data).then(({ status, text }) => {
        let data: unknown = text;
        if (req.responseType !== 'text' || status >= 400) {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
        if (status >= 400) {
          throw { status, data, statusText: `HTTP ${status}` };
        }
        return { data, status, ok: true };
      })
    );
  };
  setBackendSrv({ fetch } as never);
}

async function savedSettings() {
  const { text } = await send('GET', SETTINGS);
  return { text, settings: JSON.parse(text) };
}

/** The page as Grafana renders it on a page load: with the settings it has just fetched. */
async function renderPage() {
  const { settings } = await savedSettings();
  const { enabled, jsonData, secureJsonFields } = settings;
  const props = { plugin: { meta: { enabled, jsonData, secureJsonFields } } };
  render(<AppConfig {...(props as unknown as AppConfigProps)} />);
}

/** What a reload does: Grafana drops the page, fetches the settings again and renders the page with them. */
async function reload() {
  cleanup();
  await renderPage();
}

const save = () => fireEvent.click(screen.getByTestId(testIds.appConfig.submit));

function healthAlert(title: string): HTMLElement {
  return (screen.getByText(title).closest('[role="alert"]') as HTMLElement | null) ?? document.body;
}

// The page debounces its search and waits on HTTP: leave room on a busy CI machine.
configure({ asyncUtilTimeout: 5000 });

beforeAll(() => {
  expect(BASE).toMatch(/^http:\/\/127\.0\.0\.1:/);
  realBackendSrv();
  installEmptyDatasourceSrv();
});

beforeEach(async () => {
  jest.mocked(reloadPage).mockClear();
  window.sessionStorage.clear();
  // Grafana stores what is posted whole: an omitted `enabled` disables the app (and its resources).
  await send('POST', SETTINGS, {
    enabled: true,
    pinned: true,
    jsonData: {},
    secureJsonData: { slackBotToken: '', pagerDutyIntegrationKey: '', webhookUrl: '' },
  });
});

describe('configuration page on the real backend', () => {
  it('lists the workspaces Prometheus reports, a page at a time and searched by the backend', async () => {
    await renderPage();
    expect(await screen.findByText('12 workspaces')).toBeInTheDocument();
    expect(screen.getByText('ws-0001').closest('tr')).toHaveTextContent('metrics');
    fireEvent.change(screen.getByPlaceholderText('Search by workspace, cluster or plan'), {
      target: { value: 'ws-0003' },
    });
    expect(await screen.findByText('1 workspaces')).toBeInTheDocument();
    expect(screen.queryByText('ws-0001')).not.toBeInTheDocument();
  });

  it('saves plans, a manual workspace and a secret, then renders that workspace agent config', async () => {
    await renderPage();
    await screen.findByText('12 workspaces');
    fireEvent.click(screen.getByRole('button', { name: /Add workspace/ }));
    fireEvent.change(screen.getByLabelText('Workspace id'), { target: { value: 'ws-manual-1' } });
    fireEvent.change(screen.getByLabelText('Cluster id'), { target: { value: 'cluster-z' } });
    fireEvent.click(screen.getByRole('radio', { name: 'dedicated' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    fireEvent.click(screen.getByRole('tab', { name: /Dedicated/ }));
    fireEvent.change(screen.getByLabelText(/HighErrorRate/), { target: { value: '0.02' } });
    fireEvent.change(screen.getByLabelText(/^Slack bot token/), { target: { value: 'xoxb-page-test-secret' } });
    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));

    // Only Prometheus stands behind the datasources here: the health check says so, per datasource.
    const result = await screen.findByText('Settings saved, but the health check fails');
    const alert = result.closest('[role="alert"]') ?? document.body;
    expect(within(alert as HTMLElement).getByText('hexabase-prometheus').parentElement).toHaveTextContent('OK');
    expect(within(alert as HTMLElement).getByText('hexabase-loki').parentElement).toHaveTextContent('MISSING');

    const { text, settings } = await savedSettings();
    expect(settings.jsonData.workspaces).toEqual([{ id: 'ws-manual-1', clusterId: 'cluster-z', plan: 'dedicated' }]);
    expect(settings.jsonData.plans.dedicated.thresholds).toEqual({ errorRatio: 0.02 });
    expect(settings.secureJsonFields).toEqual({ slackBotToken: true });
    expect(text).not.toContain('xoxb-page-test-secret');

    expect(await screen.findByText('13 workspaces')).toBeInTheDocument();
    const row = screen.getByText('ws-manual-1').closest('tr')!;
    expect(row).toHaveTextContent('added by hand');
    fireEvent.click(within(row).getByRole('button', { name: /Agent config/ }));
    const yaml = await screen.findByTestId('agent-config-yaml');
    expect(yaml).toHaveTextContent('workspace_id: ws-manual-1');
    expect(yaml).toHaveTextContent('cluster_id: cluster-z');
    expect(yaml).toHaveTextContent('X-Scope-OrgID: ws-manual-1');
    expect(yaml.textContent).toMatch(/\) > 0\.02\n/);
    expect(yaml.textContent).not.toContain('xoxb-page-test-secret');
  });

  it('saves a plan availability objective and the platform-wide share, and refuses what the backend would', async () => {
    await renderPage();
    await screen.findByText('12 workspaces');
    fireEvent.click(screen.getByRole('tab', { name: /Dedicated/ }));
    expect(screen.getByLabelText(/^Availability objective/)).toHaveValue('0.9995');
    fireEvent.change(screen.getByLabelText(/^Availability objective/), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText(/^Platform-wide share/), { target: { value: '0' } });
    save();
    const errors = await screen.findByTestId(testIds.appConfig.errors);
    expect(errors).toHaveTextContent(`plans.dedicated.availabilityObjective ${RULES.objective}`);
    expect(errors).toHaveTextContent(`incidents.platformWideShare ${RULES.platformWideShare}`);
    expect((await savedSettings()).settings.jsonData).toEqual({}); // nothing was sent

    fireEvent.change(screen.getByLabelText(/^Availability objective/), { target: { value: '0.9999' } });
    fireEvent.change(screen.getByLabelText(/^Platform-wide share/), { target: { value: '0.25' } });
    save();
    await waitFor(() => expect(reloadPage).toHaveBeenCalledTimes(1));
    const { settings } = await savedSettings();
    expect(settings.jsonData.plans.dedicated.availabilityObjective).toBe(0.9999);
    expect(settings.jsonData.plans.shared).toBeUndefined();
    expect(settings.jsonData.incidents).toEqual({ platformWideShare: 0.25 });

    await reload();
    expect(screen.getByLabelText(/^Platform-wide share/)).toHaveValue('0.25');
    fireEvent.click(screen.getByRole('tab', { name: /Dedicated/ }));
    expect(screen.getByLabelText(/^Availability objective/)).toHaveValue('0.9999');
  });

  it('shows the backend words for a platform-wide share written past the page', async () => {
    await send('POST', SETTINGS, { enabled: true, jsonData: { incidents: { platformWideShare: 2 } } });
    await renderPage();
    expect(await screen.findByText('The workspaces could not be listed')).toBeInTheDocument();
    expect(screen.getByText(`incidents.platformWideShare: ${RULES.platformWideShare}`)).toBeInTheDocument();
  });

  it('shows what is wrong with settings written past the page, in the backend words', async () => {
    await send('POST', SETTINGS, { enabled: true, jsonData: { plans: { shared: { scrapeInterval: '1h' } } } });
    await renderPage();
    expect(await screen.findByText('The workspaces could not be listed')).toBeInTheDocument();
    expect(screen.getByText(`plans.shared.scrapeInterval: ${RULES.duration}`)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
    expect((await screen.findByTestId(testIds.appConfig.errors)).textContent).toContain('plans.shared.scrapeInterval');
    const { settings } = await savedSettings();
    expect(settings.jsonData.plans.shared.scrapeInterval).toBe('1h'); // nothing was saved over it
    await waitFor(() => expect(screen.getByLabelText('Scrape interval')).toHaveValue('1h'));
  });

  it('after a save and the reload it triggers, shows the saved values and the health check, and a second save keeps them', async () => {
    await renderPage();
    await screen.findByText('12 workspaces');
    fireEvent.change(screen.getByLabelText('Scrape interval'), { target: { value: '45s' } });
    fireEvent.click(screen.getByRole('button', { name: /Add workspace/ }));
    fireEvent.change(screen.getByLabelText('Workspace id'), { target: { value: 'ws-manual-2' } });
    fireEvent.change(screen.getByLabelText('Cluster id'), { target: { value: 'cluster-y' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    fireEvent.click(screen.getByRole('tab', { name: /Dedicated/ }));
    fireEvent.change(screen.getByLabelText(/HighErrorRate/), { target: { value: '0.03' } });
    fireEvent.change(screen.getByLabelText(/^Slack bot token/), { target: { value: 'xoxb-reload-test-secret' } });
    save();
    await screen.findByText('Settings saved, but the health check fails');
    expect(reloadPage).toHaveBeenCalledTimes(1);
    const first = await savedSettings();
    expect(first.settings.jsonData.plans.shared.scrapeInterval).toBe('45s');

    await reload();
    // The health check of the save is carried over the reload, shown once, per datasource.
    const alert = healthAlert('Settings saved, but the health check fails');
    expect(within(alert).getByText('hexabase-prometheus').parentElement).toHaveTextContent('OK');
    expect(within(alert).getByText('hexabase-loki').parentElement).toHaveTextContent('MISSING');
    // The page shows the saved values, not the ones it was first rendered with.
    expect(screen.getByTestId(testIds.appConfig.submit)).toHaveTextContent('Save settings');
    expect(screen.getByLabelText('Scrape interval')).toHaveValue('45s');
    expect(screen.getByLabelText(/^Slack bot token/)).toHaveValue('configured');
    const row = (await screen.findByText('ws-manual-2')).closest('tr')!;
    expect(row).toHaveTextContent('added by hand');
    expect(row).not.toHaveTextContent('not saved');
    expect(await screen.findByText('13 workspaces')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('tab', { name: /Dedicated/ }));
    expect(screen.getByLabelText(/HighErrorRate/)).toHaveValue('0.03');

    // Saving the reloaded page again stores exactly what was saved: nothing reverts, no secret is resent.
    save();
    await waitFor(() => expect(reloadPage).toHaveBeenCalledTimes(2));
    const second = await savedSettings();
    expect(second.settings.jsonData).toEqual(first.settings.jsonData);
    expect(second.settings.secureJsonFields).toEqual({ slackBotToken: true });
    expect(second.text).not.toContain('xoxb-reload-test-secret');

    await reload();
    expect(screen.getByLabelText('Scrape interval')).toHaveValue('45s');
    expect(screen.getByText('Settings saved, but the health check fails')).toBeInTheDocument();
    expect(window.sessionStorage.length).toBe(0);
  });
});
