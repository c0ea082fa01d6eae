import { t } from '@grafana/i18n';
import type { DataQuery } from '@grafana/schema';
import { EmbeddedScene, SceneAppPage, SceneFlexItem, SceneFlexLayout, SceneTimeRange } from '@grafana/scenes';

import { ROUTES, prefixRoute } from '../../constants';
import { DEFAULT_INCIDENTS } from '../../generated/plans';
import { workspacesPerClusterQuery } from '../../queries/incidents';
import { AppAlerts } from '../../scenes/alerts/AppAlerts';
import { Incidents } from '../../scenes/alerts/Incidents';
import { queryRunner } from '../../scenes/dataRunners';
import { resolveDatasourceUids, type DatasourceUids } from '../../settings/appSettings';

/** Incidents over the rule list; the page has no datasource variable, so it names the app's Prometheus. */
export function buildAlertsScene(
  uids: DatasourceUids = resolveDatasourceUids(undefined),
  platformWideShare = DEFAULT_INCIDENTS.platformWideShare
) {
  const query: DataQuery & { expr: string; instant: boolean; range: boolean } = {
    refId: 'workspaces',
    expr: workspacesPerClusterQuery(),
    instant: true,
    range: false,
  };
  const workspaces = queryRunner('prometheus', uids.prometheus, [query], 100);
  return new EmbeddedScene({
    // The instant query of the workspaces per cluster reads "now".
    $timeRange: new SceneTimeRange({ from: 'now-5m', to: 'now' }),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({ minHeight: 240, body: new Incidents({ $data: workspaces, platformWideShare }) }),
        new SceneFlexItem({ minHeight: 480, body: new AppAlerts({ firingOnly: false }) }),
      ],
    }),
  });
}

export function alertsPage(
  uids: DatasourceUids = resolveDatasourceUids(undefined),
  platformWideShare = DEFAULT_INCIDENTS.platformWideShare
): SceneAppPage {
  return new SceneAppPage({
    title: t('alerts.title', 'Alerts'),
    subTitle: t(
      'alerts.subtitle',
      'Firing alerts as incidents, one per rule, then the app’s alert rules grouped by component and severity'
    ),
    url: prefixRoute(ROUTES.Alerts),
    routePath: `${ROUTES.Alerts}/*`,
    getScene: () => buildAlertsScene(uids, platformWideShare),
  });
}
