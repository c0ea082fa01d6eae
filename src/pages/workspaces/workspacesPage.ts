import { t } from '@grafana/i18n';
import { SceneAppPage, SceneFlexItem } from '@grafana/scenes';

import { ROUTES, prefixRoute } from '../../constants';
import { workspaceListQuery } from '../../queries/fleet';
import { LABELS } from '../../queries/metrics';
import { buildPageScene } from '../../scenes/pageScene';
import { labelTablePanel } from '../../scenes/panels';
import { PRESERVED_URL_KEYS } from '../../scenes/variableNames';
import { buildFleetVariables } from '../../scenes/variables';
import type { DatasourceUids } from '../../settings/appSettings';
import { workspaceDetailPage } from './workspaceDetailPage';

function buildWorkspacesScene(uids: DatasourceUids) {
  return buildPageScene({
    variables: buildFleetVariables(uids.prometheus),
    rows: [
      new SceneFlexItem({
        minHeight: 480,
        body: labelTablePanel({
          title: t('workspaces.list', 'Workspaces'),
          description: t(
            'workspaces.list-description',
            'Workspaces with their plan, cluster and vCluster count. Select one to drill down.'
          ),
          targets: [{ refId: 'workspaces', expr: workspaceListQuery() }],
          columns: [
            {
              field: LABELS.workspace,
              header: t('workspaces.column-workspace', 'Workspace'),
              link: (v) => `${prefixRoute(ROUTES.Workspaces)}/${v}?\${__url_time_range}`,
            },
            { field: LABELS.plan, header: t('workspaces.column-plan', 'Plan') },
            { field: LABELS.cluster, header: t('workspaces.column-cluster', 'Cluster') },
            { field: 'Value', header: t('workspaces.column-vclusters', 'vClusters') },
          ],
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
        getPage: (routeMatch, parent) =>
          workspaceDetailPage(decodeURIComponent(routeMatch.params.workspaceId ?? ''), uids, parent),
      },
    ],
  });
}
