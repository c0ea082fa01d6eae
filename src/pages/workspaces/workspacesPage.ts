import { t } from '@grafana/i18n';
import { SceneAppPage, SceneFlexItem } from '@grafana/scenes';

import { ROUTES, prefixRoute } from '../../constants';
import { workspaceListQuery } from '../../queries/fleet';
import { promTableRunner } from '../../scenes/dataRunners';
import { workspaceLinkTemplate } from '../../scenes/links';
import { buildPageScene } from '../../scenes/pageScene';
import { tablePanel } from '../../scenes/panels';
import { PRESERVED_URL_KEYS } from '../../scenes/variableNames';
import { buildFleetVariables } from '../../scenes/variables';
import type { DatasourceUids } from '../../settings/appSettings';
import { workspaceDetailPage } from './workspaceDetailPage';

export function buildWorkspacesScene(uids: DatasourceUids) {
  const column = t('workspaces.column-workspace', 'Workspace');
  return buildPageScene({
    variables: buildFleetVariables(uids.prometheus),
    rows: [
      new SceneFlexItem({
        minHeight: 520,
        body: tablePanel({
          title: t('workspaces.list', 'Workspaces'),
          description: t(
            'workspaces.list-description',
            'Workspaces with their plan, cluster and vCluster count. Select one to drill down.'
          ),
          data: promTableRunner(
            [{ refId: 'workspaces', expr: workspaceListQuery() }],
            [
              { field: 'workspace_id', header: column },
              { field: 'plan_type', header: t('workspaces.column-plan', 'Plan') },
              { field: 'cluster_id', header: t('workspaces.column-cluster', 'Cluster') },
              { field: 'Value', header: t('workspaces.column-vclusters', 'vClusters') },
            ]
          ),
          columnLinks: [{ column, url: workspaceLinkTemplate() }],
        }),
      }),
    ],
  });
}

export function workspacesPage(uids: DatasourceUids): SceneAppPage {
  return new SceneAppPage({
    title: t('workspaces.title', 'Workspaces'),
    subTitle: t('workspaces.subtitle', 'Every workspace of the platform; select one for its details'),
    url: prefixRoute(ROUTES.Workspaces),
    routePath: `${ROUTES.Workspaces}/*`,
    preserveUrlKeys: PRESERVED_URL_KEYS,
    getScene: () => buildWorkspacesScene(uids),
    drilldowns: [
      {
        routePath: ':workspaceId/*',
        // react-router v6 hands params over decoded: decoding again would throw on a literal `%`.
        getPage: (routeMatch, parent) => workspaceDetailPage(routeMatch.params.workspaceId ?? '', uids, parent),
      },
    ],
  });
}
