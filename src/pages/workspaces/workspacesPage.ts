import { t } from '@grafana/i18n';
import { SceneAppPage, SceneFlexItem } from '@grafana/scenes';

import { ROUTES, prefixRoute } from '../../constants';
import { buildPageScene } from '../../scenes/pageScene';
import { PRESERVED_URL_KEYS } from '../../scenes/variableNames';
import { buildPlanClusterVariables } from '../../scenes/variables';
import { FALLBACK_OBJECTIVES, type PlanObjectives } from '../../queries/slo';
import type { DatasourceUids } from '../../settings/appSettings';
import { WorkspaceList } from './WorkspaceList';
import { workspaceDetailPage } from './workspaceDetailPage';

// No workspace variable: 10,000 workspaces are searched and paged by the list, not picked from a menu.
export function buildWorkspacesScene(uids: DatasourceUids) {
  return buildPageScene({
    variables: buildPlanClusterVariables(uids.prometheus),
    rows: [new SceneFlexItem({ minHeight: 520, body: new WorkspaceList() })],
  });
}

/** The Workspaces page and its drill-downs; `objectives` from availabilityObjectives(jsonData). */
export function workspacesPage(uids: DatasourceUids, objectives: PlanObjectives = FALLBACK_OBJECTIVES): SceneAppPage {
  return new SceneAppPage({
    title: t('workspaces.title', 'Workspaces'),
    subTitle: t('workspaces.subtitle', 'Every workspace of the platform, worst first; select one for its details'),
    url: prefixRoute(ROUTES.Workspaces),
    routePath: `${ROUTES.Workspaces}/*`,
    preserveUrlKeys: PRESERVED_URL_KEYS,
    getScene: () => buildWorkspacesScene(uids),
    drilldowns: [
      {
        routePath: ':workspaceId/*',
        // react-router v6 hands params over decoded: decoding again would throw on a literal `%`.
        getPage: (routeMatch, parent) =>
          workspaceDetailPage(routeMatch.params.workspaceId ?? '', uids, parent, objectives),
      },
    ],
  });
}
