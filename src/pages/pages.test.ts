import {
  QueryVariable,
  SceneFlexItem,
  SceneQueryRunner,
  SceneVariableSet,
  sceneGraph,
  type SceneObject,
} from '@grafana/scenes';

import { buildSceneApp } from '../app/sceneApp';
import { resolveDatasourceUids } from '../settings/appSettings';
import { allObjects, panelSummaries } from '../scenes/sceneQueries';
import { buildAlertsScene } from './alerts/alertsPage';
import { buildBusinessScene } from './business/businessPage';
import { buildOverviewScene } from './overview/overviewPage';
import { buildWorkspaceScene } from './workspaces/workspaceDetailPage';
import { WorkspaceList } from './workspaces/WorkspaceList';
import { buildWorkspacesScene, workspacesPage } from './workspaces/workspacesPage';
import * as analytics from '../queries/analytics';
import * as fleet from '../queries/fleet';
import * as business from '../queries/business';
import * as workspace from '../queries/workspace';

const uids = resolveDatasourceUids({ datasources: { lokiUid: 'my-loki' } });

function variableNames(scene: { state: { $variables?: unknown } }): string[] {
  const set = scene.state.$variables as SceneVariableSet;
  return set.state.variables.map((v) => v.state.name);
}

describe('scene app', () => {
  it('routes the four pages', () => {
    const app = buildSceneApp({});
    expect(app.state.pages.map((p) => p.state.url)).toEqual([
      '/a/hexabase-monitoring-app/overview',
      '/a/hexabase-monitoring-app/workspaces',
      '/a/hexabase-monitoring-app/business',
      '/a/hexabase-monitoring-app/alerts',
    ]);
  });
});

describe('overview', () => {
  const scene = buildOverviewScene(uids);
  const panels = panelSummaries(scene);

  it('has the fleet variables, each scoped by its parent', () => {
    expect(variableNames(scene)).toEqual(['ds', 'plan', 'cluster', 'workspace', 'level']);
  });

  it('shows the operator questions as panels', () => {
    expect(panels.map((p) => p.title)).toEqual([
      'Healthy vClusters',
      'vClusters',
      'Requests',
      '5xx share',
      'p95 latency',
      'Active connections',
      'Requests',
      '5xx share',
      'p95 latency',
      'Workspaces with vClusters down',
      'Database connections',
      'Busiest workspaces',
      'Closest to their quota',
      'Quota usage across workspaces',
      'Runs out soon',
    ]);
  });

  it('reads recorded series only, through the Prometheus variable', () => {
    for (const p of panels) {
      expect({ title: p.title, datasource: p.datasource }).toEqual({ title: p.title, datasource: '${ds}' });
      for (const q of p.queries) {
        expect(q).not.toMatch(/hexabase_[a-z_]+_total|_bucket\{|\[\$__rate_interval\]/);
      }
    }
    expect(panels.flatMap((p) => p.queries)).toEqual(
      expect.arrayContaining([
        fleet.vclustersHealthyQuery(),
        fleet.errorRatioQuery(),
        fleet.unhealthyWorkspacesQuery(),
        fleet.topResourceUsageQuery(),
      ])
    );
  });
});

describe('workspaces', () => {
  it('pages through the backend’s list under the plan and cluster variables, with no workspace menu', () => {
    const scene = buildWorkspacesScene(uids);
    expect(panelSummaries(scene)).toEqual([]);
    expect(allObjects(scene).filter((o) => o instanceof WorkspaceList)).toHaveLength(1);
    expect(variableNames(scene)).toEqual(['ds', 'plan', 'cluster']);
  });

  it('opens the drill-down of an id react-router has already decoded, a % included', () => {
    const page = workspacesPage(uids);
    const routeMatch = { params: { workspaceId: '100% cpu' }, isExact: true, path: '', url: '' };
    const detail = page.state.drilldowns![0].getPage(routeMatch, page) as ReturnType<typeof workspacesPage>;
    expect(detail.state.title).toBe('Workspace 100% cpu');
    expect(detail.state.url).toBe('/a/hexabase-monitoring-app/workspaces/100%25%20cpu');
  });

  it('drills into one workspace with its raw series, logs and traces', () => {
    const panels = panelSummaries(buildWorkspaceScene('ws-0007', uids));
    expect(panels.map((p) => [p.title, p.datasource])).toEqual([
      ['vCluster status', '${ds}'],
      ['Error budget left (30 days)', '${ds}'],
      ['Error budget burn rate', '${ds}'],
      ['Data age', '${ds}'],
      ['Remote write: failed samples', '${ds}'],
      ['Remote write: lag', '${ds}'],
      ['Requests by endpoint', '${ds}'],
      ['5xx share by endpoint', '${ds}'],
      ['Latency percentiles by endpoint', '${ds}'],
      ['Deployments per hour by type and outcome', '${ds}'],
      ['Usage of the quota', '${ds}'],
      ['Quota full in', '${ds}'],
      ['Active user sessions', '${ds}'],
      ['AIOps operations by agent, type and outcome', '${ds}'],
      ['Slowest requests', 'hexabase-jaeger'],
      ['Logs', 'my-loki'],
    ]);
    expect(panels[6].queries).toEqual([workspace.endpointRequestRateQuery('ws-0007')]);
    expect(panels[8].queries).toEqual([0.5, 0.95, 0.99].map((q) => workspace.endpointLatencyQuery('ws-0007', q)));
    expect(panels[15].queries).toEqual(['{workspace_id="ws-0007"} | json']);
  });
});

/** Sets a fleet variable's options and selects "All", as scenes does once the options are loaded. */
function selectAll(scene: SceneObject, name: string, values: string[]) {
  const variable = sceneGraph.lookupVariable(name, scene) as QueryVariable;
  variable.setState({ options: values.map((v) => ({ label: v, value: v })), value: ['$__all'], text: ['All'] });
}

describe('fleet variables', () => {
  it('list every plan and cluster under "All"; only workspaces keep the .* all value', () => {
    const scene = buildOverviewScene(uids);
    const allValues = (scene.state.$variables as SceneVariableSet).state.variables.map((v) => [
      v.state.name,
      (v as QueryVariable).state.allValue,
    ]);
    expect(allValues).toEqual([
      ['ds', undefined],
      ['plan', undefined],
      ['cluster', undefined],
      ['workspace', '.*'],
      ['level', undefined],
    ]);
  });
});

describe('business', () => {
  const scene = buildBusinessScene(uids);
  const panels = panelSummaries(scene);
  it('combines recorded Prometheus series and ClickHouse analytics', () => {
    expect(panels.filter((p) => p.datasource === '${ds}').flatMap((p) => p.queries)).toEqual([
      business.deploymentRateQuery(),
      business.deploymentSuccessRatioQuery(),
      business.averageResourceUsageQuery(),
      business.userSessionsQuery(),
      business.aiopsByAgentOutcomeQuery(),
    ]);
    expect(panels.filter((p) => p.datasource === 'hexabase-clickhouse').map((p) => p.title)).toEqual([
      'Deployments per day, busiest workspaces (90 days)',
      'Daily deployment success ratio by type (90 days)',
      'Weekly AIOps success ratio by agent (90 days)',
      'AIOps operations by agent and outcome (90 days)',
      'Daily p95 quota usage by resource (90 days)',
    ]);
  });

  it('filters the ClickHouse analytics by the page plan and cluster', () => {
    const filterBy = ['plan', 'cluster'] as const;
    expect(panels.filter((p) => p.datasource === 'hexabase-clickhouse').flatMap((p) => p.queries)).toEqual([
      analytics.deploymentsPerWorkspaceDailyQuery({ filterBy: [...filterBy] }),
      analytics.deploymentSuccessRatioByTypeQuery({ filterBy: [...filterBy] }),
      analytics.aiopsSuccessRatioByAgentWeeklyQuery({ filterBy: [...filterBy] }),
      analytics.aiopsOperationsByAgentStatusQuery({ filterBy: [...filterBy] }),
      analytics.resourceUsageP95DailyQuery({ filterBy: [...filterBy] }),
    ]);
  });

  it('turns "All" plans and clusters into SQL lists, not IN (.*)', () => {
    const local = buildBusinessScene(uids);
    selectAll(local, 'plan', ['dedicated', 'shared']);
    selectAll(local, 'cluster', ['cluster-a', "o'hare"]);
    const runner = allObjects(local).find(
      (o): o is SceneQueryRunner => o instanceof SceneQueryRunner && o.state.datasource?.uid === 'hexabase-clickhouse'
    )!;
    const sql = (runner.state.queries[0] as unknown as { rawSql: string }).rawSql;
    expect(sceneGraph.interpolate(runner, sql)).toContain(
      "$__timeFilter(ts) AND plan_type IN ('dedicated','shared') AND cluster_id IN ('cluster-a','o\\'hare')"
    );
  });

  it('refreshes its 90 days of analytics when the page time range is refreshed', () => {
    const local = buildBusinessScene(uids);
    const item = allObjects(local).find((o): o is SceneFlexItem => o instanceof SceneFlexItem && !!o.state.$timeRange)!;
    const ninetyDays = item.state.$timeRange!;
    expect(ninetyDays.state.from).toBe('now-90d');
    const deactivate = item.activate();
    const before = ninetyDays.state.value;
    sceneGraph.getTimeRange(local).onRefresh();
    expect(ninetyDays.state.value).not.toBe(before);
    deactivate();
  });
});

describe('alerts', () => {
  it('is the list of the app rules, not a panel', () => {
    expect(panelSummaries(buildAlertsScene())).toEqual([]);
  });
});
