import React from 'react';
import { render, screen, within } from '@testing-library/react';
import { FieldType, LoadingState, getDefaultTimeRange, toDataFrame } from '@grafana/data';
import { setBackendSrv } from '@grafana/runtime';
import { SceneDataNode } from '@grafana/scenes';

import { resetAppSubUrl, underGrafanaRouter } from '../../testing/grafanaRouter';
import { Incidents } from './Incidents';

const instance = (ws: string, cluster: string, minute: number) => ({
  labels: { workspace_id: ws, cluster_id: cluster },
  state: 'Alerting',
  activeAt: `2026-11-20T10:${String(minute).padStart(2, '0')}:00Z`,
});

const rules = {
  data: {
    groups: [
      {
        name: 'hexabase-applications',
        file: 'Hexabase',
        rules: [
          {
            name: 'HighErrorRate',
            uid: 'hexabase-high-error-rate',
            state: 'firing',
            labels: { severity: 'warning', component: 'application' },
            alerts: [
              instance('ws-1', 'cluster-a', 1),
              instance('ws-2', 'cluster-a', 2),
              instance('ws-3', 'cluster-b', 3),
            ],
          },
        ],
      },
    ],
  },
};

function workspacesPerCluster(counts: Record<string, number>) {
  return new SceneDataNode({
    data: {
      state: LoadingState.Done,
      timeRange: getDefaultTimeRange(),
      series: Object.entries(counts).map(([cluster, n]) =>
        toDataFrame({
          fields: [
            { name: 'Time', type: FieldType.time, values: [0] },
            { name: 'Value', type: FieldType.number, values: [n], labels: { cluster_id: cluster } },
          ],
        })
      ),
    },
  });
}

function renderIncidents(counts: Record<string, number>, share: number) {
  const get = jest.fn(() => Promise.resolve(rules));
  setBackendSrv({ get } as never);
  const scene = new Incidents({ $data: workspacesPerCluster(counts), platformWideShare: share });
  render(underGrafanaRouter(<scene.Component model={scene} />, ''));
  return get;
}

afterEach(resetAppSubUrl);

describe('Incidents', () => {
  it('asks for the firing instances and shows one row per rule, linked to its instances', async () => {
    const get = renderIncidents({ 'cluster-a': 100, 'cluster-b': 100 }, 0.5);
    const link = await screen.findByRole('link', { name: 'HighErrorRate' });
    expect(link).toHaveAttribute('href', '/alerting/grafana/hexabase-high-error-rate/view?tab=instances');
    expect(get.mock.calls.map((c) => (c as unknown[])[0])).toEqual([
      '/api/prometheus/grafana/api/v1/rules?folder_uid=hexabase-alerts&state=firing',
    ]);
    expect(screen.getByText('Incidents: 1')).toBeInTheDocument();
    const row = link.closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .slice(0, 5)
    ).toEqual(['warning', 'HighErrorRate', '3', '2', '3']);
    expect(screen.queryByText('Platform-wide')).not.toBeInTheDocument();
  });

  it('flags an incident covering the share of one cluster as platform-wide', async () => {
    renderIncidents({ 'cluster-a': 4, 'cluster-b': 100 }, 0.5);
    expect(await screen.findByText('Platform-wide')).toBeInTheDocument();
    expect(screen.getByText(/at least 50% of a cluster/)).toBeInTheDocument();
  });
});
