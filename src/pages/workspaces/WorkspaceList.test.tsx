import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { setBackendSrv } from '@grafana/runtime';
import { CustomVariable, EmbeddedScene, SceneTimeRange, SceneVariableSet } from '@grafana/scenes';
import { of, throwError } from 'rxjs';

import { ALERT_FOLDER_TITLE, ALERT_FOLDER_UID } from '../../alerts/constants';
import type { HealthEntry, HealthListing } from '../../api/health';
import { resetAppSubUrl, underGrafanaRouter } from '../../testing/grafanaRouter';
import { LIST_PER_PAGE, WorkspaceList } from './WorkspaceList';

interface Call {
  url: string;
  params: Record<string, unknown>;
}

const HEALTH = '/api/plugins/hexabase-monitoring-app/resources/workspaces/health';
const RULES = '/api/prometheus/grafana/api/v1/rules';

const coverage = { known: 120, reporting: 110, lagging: 3, silent: 5, never: 2 };

const items: HealthEntry[] = [
  {
    id: 'ws-0001',
    clusterId: 'cluster-a',
    plan: 'shared',
    source: 'metrics',
    score: 2.5,
    worst: 'vclustersDown',
    coverage: 'lagging',
    signals: {
      vclustersDown: 2,
      vclustersTotal: 3,
      errorRatio: 0.0123,
      latencyP95Seconds: 0.85,
      quotaUsage: 0.91,
      quotaResource: 'cpu',
      burnRate1h: 3.25,
      budgetRemaining: 0.425,
      dataAgeSeconds: 45,
      remoteWriteFailedRatio: 0.2,
      remoteWriteLagSeconds: 300,
    },
  },
  {
    id: 'ws.2',
    clusterId: 'cluster-b',
    plan: 'dedicated',
    source: 'manual',
    score: 0,
    worst: '',
    coverage: 'never',
    signals: {},
  },
];

interface Answers {
  listing?: Partial<HealthListing>;
  total?: number;
  healthError?: unknown;
  rules?: unknown;
  rulesError?: unknown;
}

function answer({ listing, total = 120, healthError, rules = { data: { groups: [] } }, rulesError }: Answers = {}) {
  const calls: Call[] = [];
  setBackendSrv({
    fetch: (req: Call) => {
      calls.push(req);
      if (req.url === RULES) {
        return rulesError ? throwError(() => rulesError) : of({ data: rules });
      }
      if (healthError) {
        return throwError(() => healthError);
      }
      return of({
        data: { page: { items, total, page: req.params.page, perPage: LIST_PER_PAGE }, coverage, ...listing },
      });
    },
  } as never);
  return calls;
}

const healthCalls = (calls: Call[]) => calls.filter((c) => c.url === HEALTH);

function variable(name: string, values: string[], value: string | string[]) {
  return new CustomVariable({ name, query: values.join(','), value, text: value, isMulti: true, includeAll: true });
}

function renderList(plan: string | string[] = '$__all') {
  const list = new WorkspaceList();
  const scene = new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: 'now-1h', to: 'now' }),
    $variables: new SceneVariableSet({
      variables: [
        variable('ds', ['prom-a'], 'prom-a'),
        variable('plan', ['shared', 'dedicated'], plan),
        variable('cluster', ['cluster-a'], '$__all'),
      ],
    }),
    body: list,
  });
  render(underGrafanaRouter(<scene.Component model={scene} />));
  return list;
}

const rows = () => within(screen.getByTestId('workspace-list')).getAllByRole('row');

afterEach(resetAppSubUrl);

describe('WorkspaceList', () => {
  it('shows the backend’s ranking worst first, explains the order, and asks Prometheus nothing', async () => {
    const calls = answer();
    renderList();
    expect(await screen.findByRole('link', { name: 'ws-0001' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/a\/hexabase-monitoring-app\/workspaces\/ws-0001\?from=.*&var-ds=prom-a$/)
    );
    expect(healthCalls(calls)).toEqual([
      { url: HEALTH, params: { search: '', page: 1, perPage: LIST_PER_PAGE, sort: 'health' }, showErrorAlert: false },
    ]);
    expect(calls.every((c) => c.url === HEALTH || c.url === RULES)).toBe(true);
    expect(screen.getByText(/^Worst first: each workspace is ranked by its worst signal/)).toBeInTheDocument();
    expect(rows().map((r) => r.textContent)).toEqual([
      'WorkspacePlanClusterWorst signalvClusters down / total5xx sharep95Worst quotaError budget leftBurn rate (1h)Data ageFiring alerts',
      'ws-0001sharedcluster-avClusters down (2.50×)2 / 31.23%850 ms91% cpu42.5%3.3×45 secondsremote write failing (20.0%)0',
      'ws.2dedicatedcluster-bNo data––––––never reported0',
    ]);
    expect(screen.getByText('120 workspaces')).toBeInTheDocument();
  });

  it('counts the firing alert instances of the listed workspaces only, from the app’s folder', async () => {
    const firing = (id: string, state = 'Alerting') => ({ labels: { workspace_id: id }, state });
    const calls = answer({
      rules: {
        data: {
          groups: [
            {
              file: ALERT_FOLDER_TITLE,
              rules: [
                { alerts: [firing('ws.2'), firing('ws.2', 'Alerting (NoData)'), firing('other')] },
                { alerts: [firing('ws.2', 'Normal')] },
              ],
            },
            { file: 'Someone else', rules: [{ alerts: [firing('ws-0001')] }] },
          ],
        },
      },
    });
    renderList();
    await screen.findByRole('link', { name: 'ws-0001' });
    expect(calls.filter((c) => c.url === RULES)).toEqual([
      {
        url: RULES,
        params: {
          folder_uid: ALERT_FOLDER_UID,
          state: 'firing',
          matcher: '{"name":"workspace_id","value":"ws-0001|ws\\\\.2","isRegex":true,"isEqual":true}',
        },
        showErrorAlert: false,
      },
    ]);
    expect(within(rows()[1]).getAllByRole('cell').at(-1)).toHaveTextContent(/^0$/);
    expect(within(rows()[2]).getAllByRole('cell').at(-1)).toHaveTextContent(/^2$/);
  });

  it('passes the selected plans as a filter', async () => {
    const calls = answer();
    renderList(['shared', 'dedicated']);
    await screen.findByRole('link', { name: 'ws-0001' });
    expect(healthCalls(calls)[0].params).toEqual({
      search: '',
      page: 1,
      perPage: LIST_PER_PAGE,
      plan: ['shared', 'dedicated'],
      sort: 'health',
    });
  });

  it('searches after typing stops, from the first page, and pages in the same order', async () => {
    jest.useFakeTimers();
    try {
      const calls = answer();
      const list = renderList();
      await act(async () => list.setPage(2));
      const search = screen.getByPlaceholderText('Search by workspace, cluster or plan');
      fireEvent.change(search, { target: { value: 'ws.2' } });
      fireEvent.change(search, { target: { value: 'ws.' } });
      expect(healthCalls(calls)).toHaveLength(2);
      await act(async () => jest.advanceTimersByTime(300));
      expect(healthCalls(calls).map((c) => [c.params.page, c.params.search, c.params.sort])).toEqual([
        [1, '', 'health'],
        [2, '', 'health'],
        [1, 'ws.', 'health'],
      ]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('orders by the sort chosen, from the first page', async () => {
    const calls = answer();
    const list = renderList();
    await screen.findByRole('link', { name: 'ws-0001' });
    await act(async () => list.setPage(3));
    await act(async () => fireEvent.click(screen.getByRole('radio', { name: 'Least error budget left' })));
    await act(async () => fireEvent.click(screen.getByRole('radio', { name: 'Id' })));
    expect(healthCalls(calls).map((c) => [c.params.page, c.params.sort])).toEqual([
      [1, 'health'],
      [3, 'health'],
      [1, 'budget'],
      [1, 'id'],
    ]);
  });

  it('sums up coverage and brings the silent workspaces up on a click', async () => {
    const calls = answer();
    renderList();
    await screen.findByRole('link', { name: 'ws-0001' });
    expect(screen.getByTestId('workspace-coverage')).toHaveTextContent(
      'CoverageKnown: 120Reporting: 110Lagging: 3Silent: 5Never reported: 2'
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Silent: 5' })));
    expect(healthCalls(calls).at(-1)!.params).toEqual({ search: '', page: 1, perPage: LIST_PER_PAGE, sort: 'age' });
    expect(screen.getByRole('radio', { name: 'Oldest data' })).toBeChecked();
  });

  it('says why the list failed, in the backend’s words', async () => {
    answer({ healthError: { status: 400, data: { error: 'sort must be one of health, budget, age, id' } } });
    renderList();
    expect(await screen.findByText('sort must be one of health, budget, age, id')).toBeInTheDocument();
    expect(screen.getByText('The workspaces could not be listed')).toBeInTheDocument();
  });

  it('keeps the list when the firing alerts cannot be read, and says so', async () => {
    answer({ rulesError: { status: 403, statusText: 'Forbidden' } });
    renderList();
    expect(await screen.findByText('Firing alerts could not be read')).toBeInTheDocument();
    expect(screen.getByText('Forbidden')).toBeInTheDocument();
    expect(within(rows()[1]).getAllByRole('cell').at(-1)).toHaveTextContent(/^–$/);
  });

  it('shows why the listing is partial', async () => {
    answer({ listing: { note: 'Prometheus is unreachable', discoveredAt: null } });
    renderList();
    expect(await screen.findByText('Prometheus is unreachable')).toBeInTheDocument();
  });
});
