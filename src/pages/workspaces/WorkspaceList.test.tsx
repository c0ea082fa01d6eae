import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { FieldType, LoadingState, toDataFrame } from '@grafana/data';
import { setBackendSrv } from '@grafana/runtime';
import { CustomVariable, EmbeddedScene, SceneTimeRange, SceneVariableSet } from '@grafana/scenes';
import { of } from 'rxjs';

import { resetAppSubUrl, underGrafanaRouter } from '../../testing/grafanaRouter';
import { LIST_PER_PAGE, WorkspaceList, listedQueries } from './WorkspaceList';
import { vclusterCounts } from './listedVclusters';

interface Call {
  url: string;
  params: Record<string, unknown>;
}

function answerListing(total: number, items: Array<{ id: string; clusterId: string; plan: string; source: string }>) {
  const calls: Call[] = [];
  setBackendSrv({
    fetch: (req: Call) => {
      calls.push(req);
      return of({ data: { page: { items, total, page: req.params.page, perPage: LIST_PER_PAGE } } });
    },
  } as never);
  return calls;
}

function variable(name: string, values: string[], value: string | string[]) {
  return new CustomVariable({ name, query: values.join(','), value, text: value, isMulti: true, includeAll: true });
}

function renderList(plan: string | string[] = '$__all') {
  const list = new WorkspaceList();
  jest.spyOn(list.state.$data, 'runQueries').mockImplementation(() => undefined);
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

afterEach(resetAppSubUrl);

const items = [
  { id: 'ws-0001', clusterId: 'cluster-a', plan: 'shared', source: 'metrics' },
  { id: 'ws.2', clusterId: 'cluster-b', plan: 'dedicated', source: 'manual' },
];

describe('WorkspaceList', () => {
  it('asks the backend for a page, filters nothing under "All", and Prometheus about that page only', async () => {
    const calls = answerListing(120, items);
    const list = renderList();
    expect(await screen.findByRole('link', { name: 'ws-0001' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/a\/hexabase-monitoring-app\/workspaces\/ws-0001\?from=.*&var-ds=prom-a$/)
    );
    expect(calls).toEqual([
      {
        url: '/api/plugins/hexabase-monitoring-app/resources/workspaces',
        params: { search: '', page: 1, perPage: LIST_PER_PAGE },
        showErrorAlert: false,
      },
    ]);
    expect(list.state.$data.state.queries).toEqual(listedQueries(['ws-0001', 'ws.2']));
    expect(screen.getByText('120 workspaces')).toBeInTheDocument();
    expect(screen.getByText('added by hand')).toBeInTheDocument();
  });

  it('passes the selected plans as a filter', async () => {
    const calls = answerListing(1, items.slice(0, 1));
    renderList(['shared', 'dedicated']);
    await screen.findByRole('link', { name: 'ws-0001' });
    expect(calls[0].params).toEqual({ search: '', page: 1, perPage: LIST_PER_PAGE, plan: ['shared', 'dedicated'] });
  });

  it('searches after typing stops, from the first page', async () => {
    jest.useFakeTimers();
    try {
      const calls = answerListing(120, items);
      const list = renderList();
      await act(async () => list.setPage(2));
      expect(calls.map((c) => c.params.page)).toEqual([1, 2]);
      fireEvent.change(screen.getByPlaceholderText('Search by workspace, cluster or plan'), {
        target: { value: 'ws.2' },
      });
      fireEvent.change(screen.getByPlaceholderText('Search by workspace, cluster or plan'), {
        target: { value: 'ws.' },
      });
      expect(calls).toHaveLength(2);
      await act(async () => jest.advanceTimersByTime(300));
      expect(calls.map((c) => [c.params.page, c.params.search])).toEqual([
        [1, ''],
        [2, ''],
        [1, 'ws.'],
      ]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('shows each listed workspace’s vClusters up and in all', async () => {
    answerListing(2, items);
    const list = renderList();
    await screen.findByRole('link', { name: 'ws-0001' });
    const frame = (refId: string, id: string, value: number) =>
      toDataFrame({
        refId,
        fields: [
          { name: 'Time', type: FieldType.time, values: [1] },
          { name: 'Value', type: FieldType.number, values: [value], labels: { workspace_id: id } },
        ],
      });
    act(() =>
      list.state.$data.setState({
        data: {
          state: LoadingState.Done,
          series: [frame('healthy', 'ws-0001', 1), frame('total', 'ws-0001', 2), frame('total', 'ws.2', 3)],
          timeRange: list.state.$data.state.data?.timeRange ?? ({} as never),
        },
      })
    );
    const rows = within(screen.getByTestId('workspace-list')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('ws-0001sharedcluster-a1 / 2metrics');
    expect(rows[2]).toHaveTextContent('ws.2dedicatedcluster-b– / 3added by hand');
  });
});

describe('vclusterCounts', () => {
  it('reads the last value of each series by workspace and refId, ignoring other frames', () => {
    const series = (refId: string, labels: Record<string, string> | undefined, values: number[]) =>
      toDataFrame({ refId, fields: [{ name: 'Value', type: FieldType.number, values, labels }] });
    expect(
      vclusterCounts([
        series('healthy', { workspace_id: 'a' }, [3, 2]),
        series('total', { workspace_id: 'a' }, [4]),
        series('other', { workspace_id: 'a' }, [9]),
        series('total', undefined, [9]),
        series('total', { workspace_id: 'b' }, []),
      ])
    ).toEqual(new Map([['a', { healthy: 2, total: 4 }]]));
  });

  it('asks nothing for an empty page', () => {
    expect(listedQueries([])).toEqual([]);
  });
});
