import { t } from '@grafana/i18n';
import { EmbeddedScene, SceneAppPage, SceneFlexItem, SceneFlexLayout, SceneTimeRange, VizPanel } from '@grafana/scenes';

import { ROUTES, prefixRoute } from '../../constants';

/** Folder that holds the app's Grafana-managed alert rules. */
export const ALERT_FOLDER_TITLE = 'Hexabase';

function buildAlertsScene() {
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ from: 'now-1h', to: 'now' }),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({
          minHeight: 480,
          body: new VizPanel({
            pluginId: 'alertlist',
            title: t('alerts.rules', 'Alert rules of the app'),
            description: t(
              'alerts.rules-description',
              'Grafana-managed rules of the {{folder}} folder, grouped by state.',
              {
                folder: ALERT_FOLDER_TITLE,
              }
            ),
            options: {
              viewMode: 'list',
              groupMode: 'default',
              maxItems: 100,
              sortOrder: 3,
              showInstances: true,
              stateFilter: { firing: true, pending: true, noData: true, normal: true, error: true },
              folder: { title: ALERT_FOLDER_TITLE },
            },
          }),
        }),
      ],
    }),
  });
}

export function alertsPage(): SceneAppPage {
  return new SceneAppPage({
    title: t('alerts.title', 'Alerts'),
    subTitle: t('alerts.subtitle', 'The state of the app’s alert rules'),
    url: prefixRoute(ROUTES.Alerts),
    routePath: `${ROUTES.Alerts}/*`,
    getScene: buildAlertsScene,
  });
}
