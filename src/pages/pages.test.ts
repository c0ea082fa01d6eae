import { SceneVariableSet } from '@grafana/scenes';

import { buildSceneApp } from '../app/sceneApp';
import { resolveDatasourceUids } from '../settings/appSettings';
import { panelSummaries } from '../scenes/sceneQueries';
import { buildAlertsScene } from './alerts/alertsPage';
import { buildBusinessScene } from './business/businessPage';
import { buildOverviewScene } from './overview/overviewPage';
import { buildWorkspaceScene } from './workspaces/workspaceDetailPage';
import { buildWorkspacesScene } from './workspaces/workspacesPage';
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
    expect(variableNames(scene)).toEqual(['ds', 'plan', 'cluster', 'workspace']);
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
  it('lists workspaces with a link to each drill-down', () => {
    const panels = panelSummaries(buildWorkspacesScene(uids));
    expect(panels).toEqual([{ title: 'Workspaces', datasource: '${ds}', queries: [fleet.workspaceListQuery()] }]);
  });

  it('drills into one workspace with its raw series, logs and traces', () => {
    const panels = panelSummaries(buildWorkspaceScene('ws-0007', uids));
    expect(panels.map((p) => [p.title, p.datasource])).toEqual([
      ['vCluster status', '${ds}'],
      ['Requests by endpoint', '${ds}'],
      ['5xx share by endpoint', '${ds}'],
      ['Latency percentiles by endpoint', '${ds}'],
      ['Deployments per hour by type and outcome', '${ds}'],
      ['Usage of the quota', '${ds}'],
      ['Active user sessions', '${ds}'],
      ['AIOps operations by agent, type and outcome', '${ds}'],
      ['Slowest requests', 'hexabase-jaeger'],
      ['Logs', 'my-loki'],
    ]);
    expect(panels[1].queries).toEqual([workspace.endpointRequestRateQuery('ws-0007')]);
    expect(panels[3].queries).toEqual([0.5, 0.95, 0.99].map((q) => workspace.endpointLatencyQuery('ws-0007', q)));
    expect(panels[9].queries).toEqual(['{workspace_id="ws-0007"} | json']);
  });
});

describe('business', () => {
  const panels = panelSummaries(buildBusinessScene(uids));
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
});

describe('alerts', () => {
  it('is the list of the app rules, not a panel', () => {
    expect(panelSummaries(buildAlertsScene())).toEqual([]);
  });
});
