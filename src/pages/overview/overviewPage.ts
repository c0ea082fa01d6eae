import { t } from '@grafana/i18n';
import { SceneAppPage, SceneFlexItem, SceneFlexLayout } from '@grafana/scenes';

import { ROUTES, prefixRoute } from '../../constants';
import { vclustersHealthyQuery, vclustersTotalQuery } from '../../queries/fleet';
import { buildPageScene } from '../../scenes/pageScene';
import { statPanel } from '../../scenes/panels';
import { PRESERVED_URL_KEYS } from '../../scenes/variableNames';
import { buildFleetVariables } from '../../scenes/variables';
import type { DatasourceUids } from '../../settings/appSettings';

export function buildOverviewScene(uids: DatasourceUids) {
  return buildPageScene({
    variables: buildFleetVariables(uids.prometheus),
    rows: [
      new SceneFlexItem({
        height: 160,
        body: new SceneFlexLayout({
          direction: 'row',
          children: [
            new SceneFlexItem({
              body: statPanel({
                title: t('overview.vclusters-healthy', 'Healthy vClusters'),
                description: t(
                  'overview.vclusters-healthy-description',
                  'vClusters reporting healthy in the selection.'
                ),
                targets: [{ refId: 'healthy', expr: vclustersHealthyQuery(), instant: true }],
              }),
            }),
            new SceneFlexItem({
              body: statPanel({
                title: t('overview.vclusters-total', 'vClusters'),
                description: t('overview.vclusters-total-description', 'All vClusters in the selection.'),
                targets: [{ refId: 'total', expr: vclustersTotalQuery(), instant: true }],
              }),
            }),
          ],
        }),
      }),
    ],
  });
}

export function overviewPage(uids: DatasourceUids): SceneAppPage {
  return new SceneAppPage({
    title: t('overview.title', 'Platform overview'),
    subTitle: t('overview.subtitle', 'Health of every Hexabase.AI workspace and vCluster'),
    url: prefixRoute(ROUTES.Overview),
    routePath: `${ROUTES.Overview}/*`,
    preserveUrlKeys: PRESERVED_URL_KEYS,
    getScene: () => buildOverviewScene(uids),
  });
}
