import React from 'react';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { of, throwError } from 'rxjs';
import { setBackendSrv, type BackendSrvRequest } from '@grafana/runtime';

import { RULES } from '../../generated/plans';
import { installEmptyDatasourceSrv } from '../../testing/emptyDatasourceSrv';
import { testIds } from '../../testIds';
import AppConfig, { type AppConfigProps } from './AppConfig';
import { HEALTH_AFTER_RELOAD_KEY } from './healthAfterReload';
import { reloadPage } from './reloadPage';

// jsdom cannot reload; the tests observe the call instead.
jest.mock('./reloadPage', () => ({ reloadPage: jest.fn() }));

type Answer = { data: unknown } | { status: number; data: unknown };

/** Grafana's API as the page sees it: each request is recorded and answered by route. */
function fakeGrafana(answer: (req: BackendSrvRequest) => Answer | undefined) {
  const requests: BackendSrvRequest[] = [];
  const fetch = jest.fn((req: BackendSrvRequest) => {
    requests.push(req);
    const a = answer(req) ?? { data: {} };
    return 'status' in a ? throwError(() => a) : of({ data: a.data, status: 200 });
  });
  setBackendSrv({ fetch } as never);
  return requests;
}

const listing = (
  items: Array<{ id: string; clusterId: string; plan: string; source: string }>,
  total = items.length
) => ({
  data: { page: { items, total, page: 1, perPage: 50 } },
});

const defaultAnswers = (req: BackendSrvRequest): Answer | undefined => {
  if (req.url.endsWith('/resources/workspaces')) {
    return listing([
      { id: 'ws-0001', clusterId: 'cluster-a', plan: 'shared', source: 'metrics' },
      { id: 'ws-0007', clusterId: 'cluster-b', plan: 'dedicated', source: 'manual' },
    ]);
  }
  if (req.url.endsWith('/health')) {
    return { data: { status: 'OK', message: 'ok' } };
  }
  if (req.url.includes('/agent-config')) {
    return { data: 'apiVersion: v1\nkind: ConfigMap\n' };
  }
  return undefined;
};

function props(jsonData: object = {}, secureJsonFields: Record<string, boolean> = {}): AppConfigProps {
  return { plugin: { meta: { enabled: true, jsonData, secureJsonFields } } } as never;
}

const saved = { workspaces: [{ id: 'ws-0007', clusterId: 'cluster-b', plan: 'dedicated' }] };

// The page debounces its search and waits on HTTP: leave room on a busy CI machine.
configure({ asyncUtilTimeout: 5000 });

beforeAll(() => {
  installEmptyDatasourceSrv();
});

beforeEach(() => {
  jest.mocked(reloadPage).mockClear();
  window.sessionStorage.clear();
});

const save = () => fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
const posted = (requests: BackendSrvRequest[], suffix: string) =>
  requests.filter((r) => r.method === 'POST' && r.url.endsWith(suffix));

describe('AppConfig', () => {
  it('names an invalid plan field with the rule, and sends nothing', async () => {
    const requests = fakeGrafana(defaultAnswers);
    render(<AppConfig {...props()} />);
    fireEvent.change(screen.getByLabelText('Scrape interval'), { target: { value: '1h' } });
    fireEvent.change(screen.getByLabelText(/^Remote-write URL/), { target: { value: 'http://central/"write' } });
    save();
    const alert = await screen.findByTestId(testIds.appConfig.errors);
    expect(within(alert).getByText('plans.shared.scrapeInterval').parentElement).toHaveTextContent(RULES.duration);
    expect(within(alert).getByText('plans.shared.remoteWriteUrl').parentElement).toHaveTextContent(RULES.url);
    expect(screen.getAllByText(RULES.duration).length).toBeGreaterThan(1); // and under the field itself
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(reloadPage).not.toHaveBeenCalled();
  });

  it('shows what the backend refuses and stores nothing', async () => {
    const requests = fakeGrafana((req) =>
      req.url.endsWith('/settings/validate')
        ? { status: 400, data: { errors: [{ field: 'plans.dedicated.namespace', rule: RULES.id }] } }
        : defaultAnswers(req)
    );
    render(<AppConfig {...props()} />);
    save();
    const alert = await screen.findByTestId(testIds.appConfig.errors);
    expect(alert).toHaveTextContent(`plans.dedicated.namespace ${RULES.id}`);
    expect(posted(requests, '/settings/validate')).toHaveLength(1);
    expect(posted(requests, 'hexabase-monitoring-app/settings')).toEqual([]);
    expect(reloadPage).not.toHaveBeenCalled();
  });

  it('says when the listed workspaces come from an earlier discovery while a newer one runs', async () => {
    fakeGrafana((req) =>
      req.url.endsWith('/resources/workspaces')
        ? {
            data: {
              page: {
                items: [{ id: 'ws-0001', clusterId: 'cluster-a', plan: 'shared', source: 'metrics' }],
                total: 1,
                page: 1,
                perPage: 50,
              },
              note: 'workspaces reported by metrics are not listed: Grafana is unreachable',
              discoveredAt: '2026-12-01T10:00:00Z',
              refreshing: true,
            },
          }
        : defaultAnswers(req)
    );
    render(<AppConfig {...props()} />);
    expect(
      await screen.findByText('Workspaces reported by metrics are from the last discovery that succeeded')
    ).toBeInTheDocument();
    expect(screen.getByText(/read from metrics at 2026-12-01 .* · refreshing/)).toBeInTheDocument();
  });

  it('says how many errors the backend left out of its capped list', async () => {
    fakeGrafana((req) =>
      req.url.endsWith('/settings/validate')
        ? { status: 400, data: { errors: [{ field: 'workspaces[0].id', rule: RULES.id }], more: 4711 } }
        : defaultAnswers(req)
    );
    render(<AppConfig {...props()} />);
    save();
    const alert = await screen.findByTestId(testIds.appConfig.errors);
    expect(alert).toHaveTextContent(`workspaces[0].id ${RULES.id}`);
    expect(alert).toHaveTextContent('… and 4711 more');
  });

  it('reloads the page after saving and shows the health check once after the reload', async () => {
    const health = { status: 'ERROR', message: 'loki: datasource hexabase-loki is missing' };
    const requests = fakeGrafana((req) => (req.url.endsWith('/health') ? { data: health } : defaultAnswers(req)));
    const { unmount } = render(<AppConfig {...props()} />);
    save();
    await screen.findByText('Settings saved, but the health check fails');
    expect(posted(requests, 'hexabase-monitoring-app/settings')).toHaveLength(1);
    expect(reloadPage).toHaveBeenCalledTimes(1);
    expect(JSON.parse(window.sessionStorage.getItem(HEALTH_AFTER_RELOAD_KEY)!)).toEqual(health);

    // The reload: Grafana renders the page anew, which shows what the save found, then forgets it.
    unmount();
    const again = render(<AppConfig {...props()} />);
    expect(screen.getByText('Settings saved, but the health check fails')).toBeInTheDocument();
    expect(screen.getByText('loki: datasource hexabase-loki is missing')).toBeInTheDocument();
    expect(window.sessionStorage.getItem(HEALTH_AFTER_RELOAD_KEY)).toBeNull();
    again.unmount();
    render(<AppConfig {...props()} />);
    expect(screen.queryByText('Settings saved, but the health check fails')).not.toBeInTheDocument();
  });

  it('does not reload when the save fails, and says why', async () => {
    fakeGrafana((req) =>
      req.url.endsWith('hexabase-monitoring-app/settings')
        ? { status: 500, data: { message: 'database is locked' } }
        : defaultAnswers(req)
    );
    render(<AppConfig {...props()} />);
    save();
    expect(await screen.findByText('Settings were not saved')).toBeInTheDocument();
    expect(reloadPage).not.toHaveBeenCalled();
    expect(window.sessionStorage.getItem(HEALTH_AFTER_RELOAD_KEY)).toBeNull();
  });

  it('saves the edited plan and workspaces after the backend accepts them, with no secret it did not type', async () => {
    const requests = fakeGrafana(defaultAnswers);
    render(<AppConfig {...props(saved, { slackBotToken: true })} />);
    fireEvent.click(screen.getByRole('tab', { name: /Dedicated/ }));
    fireEvent.change(screen.getByLabelText(/HighErrorRate/), { target: { value: '0.02' } });
    fireEvent.click(screen.getByLabelText(/^kubernetes-nodes-cadvisor/));
    expect(await screen.findByText('ws-0007')).toBeInTheDocument();
    const row = screen.getByText('ws-0001').closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /Edit/ }));
    fireEvent.change(screen.getByLabelText('Cluster id'), { target: { value: 'cluster-z' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('added, not saved')).toBeInTheDocument();
    save();
    await screen.findByText('Settings saved');
    const [validate] = posted(requests, '/settings/validate');
    const [settings] = posted(requests, 'hexabase-monitoring-app/settings');
    expect(validate.data.jsonData).toEqual(settings.data.jsonData);
    expect(settings.data).not.toHaveProperty('secureJsonData');
    expect(settings.data.jsonData.workspaces).toEqual([
      { id: 'ws-0007', clusterId: 'cluster-b', plan: 'dedicated' },
      { id: 'ws-0001', clusterId: 'cluster-z', plan: 'shared' },
    ]);
    expect(settings.data.jsonData.plans.dedicated.thresholds).toEqual({ errorRatio: 0.02 });
    expect(settings.data.jsonData.plans.dedicated.jobs).not.toContain('kubernetes-nodes-cadvisor');
    expect(settings.data.jsonData).not.toHaveProperty('plans.shared');
  });

  it('keeps secrets write-only: configured is shown, never a value; reset sends an empty one', async () => {
    const requests = fakeGrafana(defaultAnswers);
    render(<AppConfig {...props({}, { pagerDutyIntegrationKey: true })} />);
    const key = screen.getByLabelText(/^PagerDuty integration key/) as HTMLInputElement;
    expect(key.value).toBe('configured');
    expect(key).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    fireEvent.change(screen.getByLabelText(/^Slack bot token/), { target: { value: 'xoxb-new' } });
    save();
    await screen.findByText('Settings saved');
    expect(posted(requests, 'hexabase-monitoring-app/settings')[0].data.secureJsonData).toEqual({
      slackBotToken: 'xoxb-new',
      pagerDutyIntegrationKey: '',
    });
    // Grafana holds the new token now: the page shows it as configured and sends it no more.
    expect(screen.getByLabelText(/^Slack bot token/)).toHaveValue('configured');
    save();
    await waitFor(() => expect(posted(requests, 'hexabase-monitoring-app/settings')).toHaveLength(2));
    expect(posted(requests, 'hexabase-monitoring-app/settings')[1].data).not.toHaveProperty('secureJsonData');
  });

  it('goes back to the last page when the one shown has emptied', async () => {
    // Two rows stand for the 50 of a full first page: rendering 50 in jsdom takes seconds.
    const items = Array.from({ length: 2 }, (_, i) => ({
      id: `ws-${String(i).padStart(4, '0')}`,
      clusterId: 'cluster-a',
      plan: 'shared',
      source: 'metrics',
    }));
    const requests = fakeGrafana((req) =>
      req.url.endsWith('/resources/workspaces')
        ? req.params?.page === 2
          ? listing([], 50)
          : { data: { page: { items, total: 51, page: 1, perPage: 50 } } }
        : defaultAnswers(req)
    );
    render(<AppConfig {...props()} />);
    fireEvent.click(await screen.findByRole('button', { name: '2' }));
    await waitFor(() => expect(requests.filter((r) => r.params?.page === 1)).toHaveLength(2));
    expect(screen.getByText('ws-0001')).toBeInTheDocument();
  });

  it('adds, validates and removes manual workspaces, and searches the listing', async () => {
    const requests = fakeGrafana(defaultAnswers);
    render(<AppConfig {...props(saved)} />);
    await screen.findByText('ws-0001');
    fireEvent.click(screen.getByRole('button', { name: /Add workspace/ }));
    fireEvent.change(screen.getByLabelText('Workspace id'), { target: { value: 'WS_9' } });
    fireEvent.change(screen.getByLabelText('Cluster id'), { target: { value: 'cluster-a' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByText(RULES.id)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Workspace id'), { target: { value: 'ws-0007' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByText(RULES.duplicateId)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Workspace id'), { target: { value: 'ws-0009' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByText('ws-0009').closest('tr')).toHaveTextContent('added, not saved');
    const manual = screen.getByText('ws-0007').closest('tr')!;
    fireEvent.click(within(manual).getByRole('button', { name: /Remove/ }));
    expect(manual).toHaveTextContent('removed, not saved');
    expect(screen.getByText('1 added, 0 changed, 1 removed. Save the settings to apply them.')).toBeInTheDocument();

    fireEvent.change(screen.getByPlaceholderText('Search by workspace, cluster or plan'), {
      target: { value: 'cluster-b' },
    });
    await waitFor(() => expect(requests.map((r) => r.params?.search)).toContain('cluster-b'));
  });

  it('previews a workspace agent config and warns that unsaved changes are not in it', async () => {
    fakeGrafana(defaultAnswers);
    render(<AppConfig {...props(saved)} />);
    fireEvent.change(screen.getByLabelText('Scrape interval'), { target: { value: '60s' } });
    const row = (await screen.findByText('ws-0001')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /Agent config/ }));
    expect(await screen.findByTestId('agent-config-yaml')).toHaveTextContent('kind: ConfigMap');
    expect(screen.getByText('Rendered from the saved settings')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Download prometheus-agent-ws-0001.yaml/ })).toBeInTheDocument();
  });

  it('shows the backend error of an agent config that cannot be rendered', async () => {
    fakeGrafana((req) =>
      req.url.includes('/agent-config')
        ? { status: 400, data: JSON.stringify({ errors: [{ field: 'plans.shared.namespace', rule: RULES.id }] }) }
        : defaultAnswers(req)
    );
    render(<AppConfig {...props(saved)} />);
    const row = (await screen.findByText('ws-0001')).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /Agent config/ }));
    expect(await screen.findByText(`plans.shared.namespace: ${RULES.id}`)).toBeInTheDocument();
  });
});
