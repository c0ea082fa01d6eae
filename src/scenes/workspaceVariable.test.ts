import { setBackendSrv } from '@grafana/runtime';
import { CustomVariable, EmbeddedScene, SceneFlexLayout, SceneVariableSet } from '@grafana/scenes';
import { lastValueFrom, of } from 'rxjs';

import { WORKSPACE_OPTIONS, WorkspaceVariable } from './workspaceVariable';

interface Call {
  url: string;
  params: Record<string, unknown>;
}

function answerListing(ids: (search: unknown) => string[]) {
  const calls: Call[] = [];
  setBackendSrv({
    fetch: (req: Call) => {
      calls.push(req);
      const items = ids(req.params.search).map((id) => ({ id, clusterId: 'c1', plan: 'shared', source: 'metrics' }));
      return of({ data: { page: { items, total: items.length, page: 1, perPage: WORKSPACE_OPTIONS } } });
    },
  } as never);
  return calls;
}

function fleet(workspace: WorkspaceVariable, cluster: string | string[] = '$__all') {
  new EmbeddedScene({
    $variables: new SceneVariableSet({
      variables: [
        new CustomVariable({
          name: 'plan',
          query: 'shared,dedicated',
          value: '$__all',
          isMulti: true,
          includeAll: true,
        }),
        new CustomVariable({ name: 'cluster', query: 'c1,c2', value: cluster, isMulti: true, includeAll: true }),
        workspace,
      ],
    }),
    body: new SceneFlexLayout({ children: [] }),
  });
  return workspace;
}

describe('WorkspaceVariable', () => {
  it('offers a page of the backend’s workspaces under the chosen plans and clusters, All by default', async () => {
    const calls = answerListing(() => ['ws-0001', 'ws-0002']);
    const variable = fleet(new WorkspaceVariable(), ['c2']);
    await lastValueFrom(variable.validateAndUpdate());
    expect(calls).toEqual([
      {
        url: '/api/plugins/hexabase-monitoring-app/resources/workspaces',
        params: { search: '', page: 1, perPage: WORKSPACE_OPTIONS, cluster: ['c2'] },
        showErrorAlert: false,
      },
    ]);
    expect(variable.state.options).toEqual([
      { label: 'ws-0001', value: 'ws-0001' },
      { label: 'ws-0002', value: 'ws-0002' },
    ]);
    expect(variable.state.value).toEqual(['$__all']);
    expect(variable.hasAllValue()).toBe(true);
    expect(variable.state.allValue).toBe('.*');
  });

  it('keeps a workspace chosen from a link although it is not on the first page', async () => {
    answerListing(() => ['ws-0001', 'ws-0002']);
    const variable = fleet(new WorkspaceVariable({ value: ['ws-9999'], text: ['ws-9999'] }));
    await lastValueFrom(variable.validateAndUpdate());
    expect(variable.state.value).toEqual(['ws-9999']);
    expect(variable.state.options.map((o) => o.value)).toEqual(['ws-9999', 'ws-0001', 'ws-0002']);
  });

  it('searches the backend once typing stops, the newest search winning', async () => {
    jest.useFakeTimers();
    try {
      const calls = answerListing((search) => (search ? [`ws-${search}`] : ['ws-0001']));
      const variable = fleet(new WorkspaceVariable());
      variable.onSearchChange('12');
      variable.onSearchChange('123');
      await jest.advanceTimersByTimeAsync(300);
      expect(calls.map((c) => c.params.search)).toEqual(['123']);
      expect(variable.state.options).toEqual([{ label: 'ws-123', value: 'ws-123' }]);
    } finally {
      jest.useRealTimers();
    }
  });
});
