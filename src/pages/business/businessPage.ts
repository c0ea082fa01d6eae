import { t } from '@grafana/i18n';
import { SceneAppPage, SceneFlexItem } from '@grafana/scenes';

import { ROUTES, prefixRoute } from '../../constants';
import { deploymentRateQuery } from '../../queries/business';
import { buildPageScene } from '../../scenes/pageScene';
import { timeseriesPanel } from '../../scenes/panels';
import { PRESERVED_URL_KEYS } from '../../scenes/variableNames';
import { buildFleetVariables } from '../../scenes/variables';
import type { DatasourceUids } from '../../settings/appSettings';

function buildBusinessScene(uids: DatasourceUids) {
  return buildPageScene({
    from: 'now-24h',
    variables: buildFleetVariables(uids.prometheus),
    rows: [
      new SceneFlexItem({
        minHeight: 320,
        body: timeseriesPanel({
          title: t('business.deployment-rate', 'Deployments by type and outcome'),
          description: t(
            'business.deployment-rate-description',
            'Deployments per second across the selected workspaces.'
          ),
          unit: 'ops',
          targets: [
            { refId: 'deployments', expr: deploymentRateQuery(), legendFormat: '{{deployment_type}} {{status}}' },
          ],
        }),
      }),
    ],
  });
}

export function businessPage(uids: DatasourceUids): SceneAppPage {
  return new SceneAppPage({
    title: t('business.title', 'Business'),
    subTitle: t('business.subtitle', 'Deployments, usage, user sessions and AIOps activity'),
    url: prefixRoute(ROUTES.Business),
    routePath: `${ROUTES.Business}/*`,
    preserveUrlKeys: PRESERVED_URL_KEYS,
    getScene: () => buildBusinessScene(uids),
  });
}
