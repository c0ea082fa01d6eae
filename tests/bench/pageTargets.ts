import {
  QueryVariable,
  SceneDataTransformer,
  SceneQueryRunner,
  SceneVariableSet,
  VizPanel,
  type SceneObject,
} from '@grafana/scenes';

import { buildAlertsScene } from '../../src/pages/alerts/alertsPage';
import { buildBusinessScene } from '../../src/pages/business/businessPage';
import { buildOverviewScene } from '../../src/pages/overview/overviewPage';
import { buildWorkspaceScene } from '../../src/pages/workspaces/workspaceDetailPage';
import { buildWorkspacesScene } from '../../src/pages/workspaces/workspacesPage';
import { HEALTH_URL, healthParams } from '../../src/api/health';
import { firingAlertsRequest } from '../../src/pages/workspaces/firingAlerts';
import { LIST_PER_PAGE, WorkspaceList } from '../../src/pages/workspaces/WorkspaceList';
import { Incidents } from '../../src/scenes/alerts/Incidents';
import { allObjects } from '../../src/scenes/sceneQueries';
import { resolveDatasourceUids } from '../../src/settings/appSettings';

// What each page asks Prometheus for, read from the pages' scenes as Grafana would run them:
// every panel's Prometheus targets with their maxDataPoints and instant flag, and the variables.

/** A Prometheus query a page sends on load. */
export interface PageTarget {
  page: string;
  panel: string;
  refId: string;
  expr: string;
  instant: boolean;
  maxDataPoints: number;
  /** A variable's label_values query rather than a panel's. */
  variable: boolean;
}

/** A request a page sends to the app's backend or to Grafana rather than to Prometheus. */
export interface OtherRequest {
  page: string;
  panel: string;
  url: string;
  params: Record<string, unknown>;
}

export interface Page {
  name: string;
  /** Fleet pages follow the plan, cluster and workspace variables; the workspace page has one workspace. */
  fleet: boolean;
  targets: PageTarget[];
  /** Requests that do not reach Prometheus from the browser (the Workspaces list's). */
  other: OtherRequest[];
}

// scenes' SceneQueryRunner: without maxDataPoints, the panel's width; every app runner sets it.
function runnerOf(panel: VizPanel): SceneQueryRunner | undefined {
  let data = panel.state.$data;
  while (data instanceof SceneDataTransformer) {
    data = data.state.$data;
  }
  return data instanceof SceneQueryRunner ? data : undefined;
}

function panelTargets(page: string, scene: SceneObject): PageTarget[] {
  return allObjects(scene)
    .filter((o): o is VizPanel => o instanceof VizPanel)
    .flatMap((panel) => {
      const runner = runnerOf(panel);
      if (!runner || runner.state.datasource?.type !== 'prometheus') {
        return [];
      }
      if (runner.state.maxDataPoints === undefined) {
        throw new Error(`${page}: panel ${panel.state.title} has no maxDataPoints: its step would depend on its width`);
      }
      return runner.state.queries.map((q) => ({
        page,
        panel: panel.state.title,
        refId: q.refId,
        expr: String((q as { expr?: string }).expr),
        instant: Boolean((q as { instant?: boolean }).instant),
        maxDataPoints: runner.state.maxDataPoints!,
        variable: false,
      }));
    });
}

/** Scene objects that run their own Prometheus query outside a panel: the incidents' workspaces per cluster. */
function incidentTargets(page: string, scene: SceneObject): PageTarget[] {
  return allObjects(scene)
    .filter((o): o is Incidents => o instanceof Incidents)
    .flatMap((incidents) => {
      const runner = incidents.state.$data;
      if (!(runner instanceof SceneQueryRunner) || runner.state.maxDataPoints === undefined) {
        throw new Error(`${page}: the incidents' runner has no maxDataPoints`);
      }
      return runner.state.queries.map((q) => ({
        page,
        panel: 'Incidents',
        refId: q.refId,
        expr: String((q as { expr?: string }).expr),
        instant: Boolean((q as { instant?: boolean }).instant),
        maxDataPoints: runner.state.maxDataPoints!,
        variable: false,
      }));
    });
}

function variableTargets(page: string, scene: SceneObject): PageTarget[] {
  const set = scene.state.$variables;
  if (!(set instanceof SceneVariableSet)) {
    return [];
  }
  return set.state.variables
    .filter((v): v is QueryVariable => v instanceof QueryVariable)
    .map((v) => ({
      page,
      panel: `variable ${v.state.name}`,
      refId: v.state.name,
      expr: String((v.state.query as { query?: string }).query ?? v.state.query),
      instant: false,
      maxDataPoints: 0,
      variable: true,
    }));
}

/**
 * The Workspaces list's requests for its first page: the backend ranks and pages the workspaces
 * (it reads Prometheus itself), and Grafana's rules API counts the firing alerts of the workspaces
 * listed. None reaches Prometheus from the browser, so the list adds no PageTarget.
 */
function listRequests(page: string, scene: SceneObject, listed: string[]): OtherRequest[] {
  return allObjects(scene)
    .filter((o): o is WorkspaceList => o instanceof WorkspaceList)
    .flatMap((list) => [
      {
        page,
        panel: 'Workspace list',
        url: HEALTH_URL,
        params: healthParams({ search: '', page: 1, perPage: LIST_PER_PAGE, sort: list.state.sort }),
      },
      { page, panel: 'Workspace list: firing alerts', ...firingAlertsRequest(listed) },
    ]);
}

/**
 * The app's pages with their Prometheus queries; the workspace page shows this workspace, and the
 * Workspaces list its first page, these workspaces.
 */
export function appPages(workspace: string, listed: string[]): Page[] {
  const uids = resolveDatasourceUids({});
  const scenes: Array<{ name: string; fleet: boolean; scene: SceneObject }> = [
    { name: 'Overview', fleet: true, scene: buildOverviewScene(uids) },
    { name: 'Workspaces', fleet: true, scene: buildWorkspacesScene(uids) },
    { name: 'Business', fleet: true, scene: buildBusinessScene(uids) },
    { name: 'Workspace', fleet: false, scene: buildWorkspaceScene(workspace, uids) },
    { name: 'Alerts', fleet: false, scene: buildAlertsScene(uids) },
  ];
  return scenes.map(({ name, fleet, scene }) => ({
    name,
    fleet,
    targets: [...variableTargets(name, scene), ...panelTargets(name, scene), ...incidentTargets(name, scene)],
    other: listRequests(name, scene, listed),
  }));
}

// Numbers masked: a query function called with other arguments (a quantile, a top N, a burn-rate
// window, a plan's objective) keeps its shape; so does one asked about other workspaces.
const shape = (query: string) =>
  query.replace(/workspace_id=~"[^"]*"/g, 'workspace_id=~"…"').replace(/\d+(\.\d+)?/g, '#');

/** The enumerated query each target comes from, by its text with numbers masked. */
export function queryNameOf(
  target: PageTarget,
  enumerated: Array<{ name: string; query: string }>
): string | undefined {
  return enumerated.find((q) => shape(q.query) === shape(target.expr))?.name;
}
