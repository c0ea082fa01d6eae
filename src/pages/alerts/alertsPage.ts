import { t } from '@grafana/i18n';
import { EmbeddedScene, SceneAppPage, SceneFlexItem, SceneFlexLayout } from '@grafana/scenes';

import { ROUTES, prefixRoute } from '../../constants';
import { AppAlerts } from '../../scenes/alerts/AppAlerts';

export function buildAlertsScene() {
  return new EmbeddedScene({
    body: new SceneFlexLayout({
      direction: 'column',
      children: [new SceneFlexItem({ minHeight: 480, body: new AppAlerts({ firingOnly: false }) })],
    }),
  });
}

export function alertsPage(): SceneAppPage {
  return new SceneAppPage({
    title: t('alerts.title', 'Alerts'),
    subTitle: t('alerts.subtitle', 'The app’s alert rules, their state, grouped by component and severity'),
    url: prefixRoute(ROUTES.Alerts),
    routePath: `${ROUTES.Alerts}/*`,
    getScene: buildAlertsScene,
  });
}
