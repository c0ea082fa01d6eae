import { QueryVariable, SceneQueryRunner, VizPanel, type SceneObject } from '@grafana/scenes';

import { Incidents } from '../scenes/alerts/Incidents';
import { resolveDatasourceUids } from '../settings/appSettings';
import { WorkspaceVariable } from '../scenes/workspaceVariable';
import { allObjects, panelRunner } from '../scenes/sceneQueries';
import { buildAlertsScene } from './alerts/alertsPage';
import { buildBusinessScene } from './business/businessPage';
import { buildOverviewScene } from './overview/overviewPage';
import { buildWorkspaceScene } from './workspaces/workspaceDetailPage';
import { WorkspaceList } from './workspaces/WorkspaceList';
import { buildWorkspacesScene } from './workspaces/workspacesPage';

const uids = resolveDatasourceUids({});

// A SceneQueryRunner sends one request per refresh whatever its number of targets, and a query
// variable one per refresh of its options: a page's load costs their sum. The budgets are what each
// page needs today; a new panel raises one on purpose, in this file.
const BUDGETS: Record<string, { build: () => SceneObject; runners: number; variables: number }> = {
  overview: { build: () => buildOverviewScene(uids), runners: 16, variables: 3 },
  // The backend ranks and pages the list from recorded series: the browser asks Prometheus nothing.
  workspaces: { build: () => buildWorkspacesScene(uids), runners: 0, variables: 2 },
  workspace: { build: () => buildWorkspaceScene('ws-0007', uids), runners: 16, variables: 0 },
  business: { build: () => buildBusinessScene(uids), runners: 10, variables: 3 },
  // The alert list and the incidents poll Grafana's rules API themselves; the incidents' one runner counts workspaces per cluster.
  alerts: { build: () => buildAlertsScene(uids), runners: 1, variables: 0 },
};

/** What makes two runners send the same request: datasource, targets and resolution. */
function requestKey(runner: SceneQueryRunner): string {
  const { datasource, queries, maxDataPoints } = runner.state;
  return JSON.stringify({ datasource, queries, maxDataPoints });
}

describe.each(Object.entries(BUDGETS))('the %s page on load', (name, budget) => {
  const scene = budget.build();
  const objects = allObjects(scene);
  const runners = objects.filter((o): o is SceneQueryRunner => o instanceof SceneQueryRunner);

  it('sends one request per panel that shows data, and no more than its budget', () => {
    const panelRunners = [
      ...objects.filter((o): o is VizPanel => o instanceof VizPanel).map(panelRunner),
      ...objects.filter((o): o is WorkspaceList => o instanceof WorkspaceList).map((o) => o.state.$data),
      ...objects.filter((o): o is Incidents => o instanceof Incidents).map((o) => o.state.$data),
    ].filter(Boolean);
    expect(new Set(panelRunners).size).toBe(panelRunners.length);
    expect(runners).toHaveLength(panelRunners.length);
    expect(runners.length).toBe(budget.runners);
  });

  it('never sends the same request twice', () => {
    const keys = runners.map(requestKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('asks for each variable once', () => {
    // The workspace variable asks the app's backend rather than Prometheus: a request all the same.
    const variables = objects.filter(
      (o): o is QueryVariable | WorkspaceVariable => o instanceof QueryVariable || o instanceof WorkspaceVariable
    );
    expect(new Set(variables.map((v) => v.state.name)).size).toBe(variables.length);
    expect(variables.length).toBe(budget.variables);
  });
});
