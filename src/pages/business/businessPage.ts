import { t } from '@grafana/i18n';
import { SceneAppPage, SceneFlexItem, SceneFlexLayout, SceneTimeRange } from '@grafana/scenes';

import { ROUTES, prefixRoute } from '../../constants';
import { DATASOURCE_TYPES } from '../../generated/settingsDefaults';
import {
  type AnalyticsOptions,
  aiopsOperationsByAgentStatusQuery,
  aiopsSuccessRatioByAgentWeeklyQuery,
  deploymentSuccessRatioByTypeQuery,
  deploymentsPerWorkspaceDailyQuery,
  resourceUsageP95DailyQuery,
} from '../../queries/analytics';
import {
  aiopsByAgentOutcomeQuery,
  averageResourceUsageQuery,
  deploymentRateQuery,
  deploymentSuccessRatioQuery,
  userSessionsQuery,
} from '../../queries/business';
import { clickhouseQuery, promQueryRunner, queryRunner } from '../../scenes/dataRunners';
import { followPageRefresh } from '../../scenes/followPageRefresh';
import { row } from '../../scenes/layout';
import { buildPageScene } from '../../scenes/pageScene';
import { statPanel, timeseriesPanel } from '../../scenes/panels';
import { PRESERVED_URL_KEYS, VAR_CLUSTER, VAR_PLAN } from '../../scenes/variableNames';
import { buildFleetVariables } from '../../scenes/variables';
import type { DatasourceUids } from '../../settings/appSettings';

function metricsRows() {
  return [
    row(
      280,
      timeseriesPanel({
        title: t('business.deployment-rate', 'Deployments by type and outcome'),
        unit: 'ops',
        data: promQueryRunner([
          { refId: 'rate', expr: deploymentRateQuery(), legendFormat: '{{deployment_type}} {{status}}' },
        ]),
      }),
      timeseriesPanel({
        title: t('business.deployment-success', 'Deployment success ratio by type'),
        unit: 'percentunit',
        thresholds: [
          { value: 0, color: 'red' },
          { value: 0.9, color: 'orange' },
          { value: 0.95, color: 'green' },
        ],
        data: promQueryRunner([
          { refId: 'success', expr: deploymentSuccessRatioQuery(), legendFormat: '{{deployment_type}}' },
        ]),
      })
    ),
    row(
      280,
      timeseriesPanel({
        title: t('business.resource-usage', 'Average quota usage by resource'),
        unit: 'percentunit',
        data: promQueryRunner([
          { refId: 'usage', expr: averageResourceUsageQuery(), legendFormat: '{{resource_type}}' },
        ]),
      }),
      statPanel({
        title: t('business.sessions', 'Active user sessions'),
        data: promQueryRunner([{ refId: 'sessions', expr: userSessionsQuery() }], 200),
      }),
      timeseriesPanel({
        title: t('business.aiops', 'AIOps operations by agent and outcome'),
        unit: 'ops',
        data: promQueryRunner([
          { refId: 'aiops', expr: aiopsByAgentOutcomeQuery(), legendFormat: '{{agent_name}} {{status}}' },
        ]),
      })
    ),
  ];
}

// The page's plan and cluster selection restricts the analytics rows too.
const FILTERED: AnalyticsOptions = { filterBy: [VAR_PLAN, VAR_CLUSTER] };

/** Long-range analytics from ClickHouse, over their own 90 days whatever the page's range. */
function analyticsRows(uids: DatasourceUids) {
  const ch = (refId: string, sql: string) =>
    queryRunner(DATASOURCE_TYPES.clickhouse, uids.clickhouse, [clickhouseQuery(refId, sql, true)], 1000);
  return new SceneFlexItem({
    $timeRange: new SceneTimeRange({ from: 'now-90d', to: 'now' }),
    // The refresh picker refreshes the page's range only; the 90 days follow it.
    $behaviors: [followPageRefresh],
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        row(
          300,
          timeseriesPanel({
            title: t('business.daily-deployments', 'Deployments per day, busiest workspaces (90 days)'),
            legend: 'table',
            data: ch('daily', deploymentsPerWorkspaceDailyQuery(FILTERED)),
          }),
          timeseriesPanel({
            title: t('business.daily-success', 'Daily deployment success ratio by type (90 days)'),
            unit: 'percentunit',
            data: ch('success', deploymentSuccessRatioByTypeQuery(FILTERED)),
          })
        ),
        row(
          300,
          timeseriesPanel({
            title: t('business.weekly-aiops', 'Weekly AIOps success ratio by agent (90 days)'),
            unit: 'percentunit',
            data: ch('aiops', aiopsSuccessRatioByAgentWeeklyQuery(FILTERED)),
          }),
          timeseriesPanel({
            title: t('business.aiops-volume', 'AIOps operations by agent and outcome (90 days)'),
            data: ch('volume', aiopsOperationsByAgentStatusQuery(FILTERED)),
          }),
          timeseriesPanel({
            title: t('business.usage-p95', 'Daily p95 quota usage by resource (90 days)'),
            unit: 'percentunit',
            data: ch('p95', resourceUsageP95DailyQuery(FILTERED)),
          })
        ),
      ],
    }),
  });
}

export function buildBusinessScene(uids: DatasourceUids) {
  return buildPageScene({
    from: 'now-24h',
    variables: buildFleetVariables(uids.prometheus),
    rows: [...metricsRows(), analyticsRows(uids)],
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
