import { FieldType, toDataFrame } from '@grafana/data';
import {
  DataSourceVariable,
  EmbeddedScene,
  SceneFlexLayout,
  SceneTimeRange,
  SceneVariableSet,
  sceneGraph,
} from '@grafana/scenes';

import { workspaceLinkTemplate } from './links';

/** The link as Grafana renders it for one cell: the scene's variables, the cell's value in __dataContext. */
function linkFor(workspaceId: string, datasourceUid: string): string {
  const scene = new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: 'now-6h', to: 'now' }),
    $variables: new SceneVariableSet({
      variables: [new DataSourceVariable({ name: 'ds', pluginId: 'prometheus', value: datasourceUid })],
    }),
    body: new SceneFlexLayout({ children: [] }),
  });
  const frame = toDataFrame({ fields: [{ name: 'workspace_id', type: FieldType.string, values: [workspaceId] }] });
  const dataContext = { value: { data: [frame], frame, field: frame.fields[0], rowIndex: 0 } };
  return sceneGraph.interpolate(scene, workspaceLinkTemplate(), { __dataContext: dataContext } as never);
}

describe('workspace links', () => {
  it('carry the workspace, the time range and the selected Prometheus', () => {
    expect(workspaceLinkTemplate()).toBe(
      '/a/hexabase-monitoring-app/workspaces/${__value.raw:percentencode}?${__url_time_range}&${ds:queryparam}'
    );
  });

  it('render to the drill-down URL with var-ds, the id encoded', () => {
    expect(linkFor('ws-0001', 'prom-eu')).toBe(
      '/a/hexabase-monitoring-app/workspaces/ws-0001?from=now-6h&to=now&timezone=browser&var-ds=prom-eu'
    );
    expect(linkFor('ws 100%/a', 'prom-eu')).toBe(
      '/a/hexabase-monitoring-app/workspaces/ws%20100%25%2Fa?from=now-6h&to=now&timezone=browser&var-ds=prom-eu'
    );
  });
});
