import { t } from '@grafana/i18n';
import { SceneAppPage, type VizPanel } from '@grafana/scenes';

import { ROUTES, prefixRoute } from '../../constants';
import {
  activeConnectionsQuery,
  databaseConnectionsQuery,
  errorRatioQuery,
  latencyP95Query,
  requestRateQuery,
  resourceUsageQuantileQuery,
  topResourceUsageQuery,
  topWorkspacesByRequestsQuery,
  unhealthyWorkspacesQuery,
  vclustersHealthyQuery,
  vclustersTotalQuery,
} from '../../queries/fleet';
import { DEFAULT_INCIDENTS } from '../../generated/plans';
import { soonestFullQuery } from '../../queries/forecastFleet';
import { workspacesPerClusterQuery } from '../../queries/incidents';
import { Incidents } from '../../scenes/alerts/Incidents';
import { promQueryRunner, promTableRunner } from '../../scenes/dataRunners';
import { row } from '../../scenes/layout';
import { buildPageScene } from '../../scenes/pageScene';
import { statPanel, tablePanel, timeseriesPanel } from '../../scenes/panels';
import { PRESERVED_URL_KEYS } from '../../scenes/variableNames';
import { buildFleetVariables } from '../../scenes/variables';
import { workspaceLinkTemplate } from '../../scenes/links';
import type { DatasourceUids } from '../../settings/appSettings';

const ERROR_THRESHOLDS = [
  { value: 0.01, color: 'orange' },
  { value: 0.05, color: 'red' },
];
const LATENCY_THRESHOLDS = [
  { value: 1, color: 'orange' },
  { value: 2, color: 'red' },
];
const QUOTA_THRESHOLDS = [
  { value: 0.8, color: 'orange' },
  { value: 0.95, color: 'red' },
];

function healthRow() {
  const instant = (refId: string, expr: string) => promQueryRunner([{ refId, expr, instant: true }], 100);
  return row(
    140,
    statPanel({
      title: t('overview.vclusters-healthy', 'Healthy vClusters'),
      data: instant('healthy', vclustersHealthyQuery()),
    }),
    statPanel({ title: t('overview.vclusters-total', 'vClusters'), data: instant('total', vclustersTotalQuery()) }),
    statPanel({
      title: t('overview.request-rate', 'Requests'),
      unit: 'reqps',
      data: instant('rps', requestRateQuery()),
    }),
    statPanel({
      title: t('overview.error-ratio', '5xx share'),
      unit: 'percentunit',
      thresholds: ERROR_THRESHOLDS,
      data: instant('errors', errorRatioQuery()),
    }),
    statPanel({
      title: t('overview.latency-p95', 'p95 latency'),
      unit: 's',
      thresholds: LATENCY_THRESHOLDS,
      data: instant('p95', latencyP95Query()),
    }),
    statPanel({
      title: t('overview.connections', 'Active connections'),
      data: instant('conn', activeConnectionsQuery()),
    })
  );
}

function trafficRow() {
  return row(
    280,
    timeseriesPanel({
      title: t('overview.request-rate', 'Requests'),
      unit: 'reqps',
      data: promQueryRunner([
        { refId: 'rps', expr: requestRateQuery(), legendFormat: t('overview.legend-requests', 'requests') },
      ]),
    }),
    timeseriesPanel({
      title: t('overview.error-ratio', '5xx share'),
      unit: 'percentunit',
      thresholds: ERROR_THRESHOLDS,
      data: promQueryRunner([{ refId: 'errors', expr: errorRatioQuery(), legendFormat: '5xx' }]),
    }),
    timeseriesPanel({
      title: t('overview.latency-p95', 'p95 latency'),
      unit: 's',
      thresholds: LATENCY_THRESHOLDS,
      data: promQueryRunner([{ refId: 'p95', expr: latencyP95Query(), legendFormat: 'p95' }]),
    })
  );
}

function healthDetailRow(platformWideShare: number) {
  return row(
    300,
    tablePanel({
      title: t('overview.unhealthy-workspaces', 'Workspaces with vClusters down'),
      description: t(
        'overview.unhealthy-workspaces-description',
        'The 50 workspaces with most vClusters down, with how many; select one to drill down.'
      ),
      data: promTableRunner(
        [{ refId: 'down', expr: unhealthyWorkspacesQuery() }],
        [
          { field: 'workspace_id', header: t('overview.column-workspace', 'Workspace') },
          { field: 'plan_type', header: t('overview.column-plan', 'Plan') },
          { field: 'cluster_id', header: t('overview.column-cluster', 'Cluster') },
          { field: 'Value', header: t('overview.column-down', 'vClusters down') },
        ]
      ),
      columnLinks: [{ column: t('overview.column-workspace', 'Workspace'), url: workspaceLinkTemplate() }],
    }),
    timeseriesPanel({
      title: t('overview.database-connections', 'Database connections'),
      data: promQueryRunner([{ refId: 'db', expr: databaseConnectionsQuery(), legendFormat: '{{connection_type}}' }]),
    }),
    // Incidents replace the list of firing rules: the same rules, with whom and since when.
    new Incidents({
      $data: promQueryRunner([{ refId: 'workspaces', expr: workspacesPerClusterQuery(), instant: true }], 100),
      platformWideShare,
    })
  );
}

/** A table column's unit; tablePanel sets units on ratio columns only. */
function withColumnUnit(panel: VizPanel, column: string, unit: string): VizPanel {
  const { fieldConfig } = panel.state;
  panel.setState({
    fieldConfig: {
      ...fieldConfig,
      overrides: [
        ...fieldConfig.overrides,
        { matcher: { id: 'byName', options: column }, properties: [{ id: 'unit', value: unit }] },
      ],
    },
  });
  return panel;
}

function forecastRow() {
  const until = t('overview.column-time-to-full', 'Full in');
  return row(
    320,
    withColumnUnit(
      tablePanel({
        title: t('overview.runs-out-soon', 'Runs out soon'),
        description: t(
          'overview.runs-out-soon-description',
          'The 10 workspace resources whose quota will be full soonest at the trend of the last hours; a resource whose usage is flat or falling is not listed.'
        ),
        data: promTableRunner(
          [{ refId: 'full', expr: soonestFullQuery() }],
          [
            { field: 'workspace_id', header: t('overview.column-workspace', 'Workspace') },
            { field: 'plan_type', header: t('overview.column-plan', 'Plan') },
            { field: 'resource_type', header: t('overview.column-resource', 'Resource') },
            { field: 'Value', header: until },
          ]
        ),
        columnLinks: [{ column: t('overview.column-workspace', 'Workspace'), url: workspaceLinkTemplate() }],
      }),
      until,
      'dtdurations'
    )
  );
}

function usageRow() {
  const quantile = (q: number) => ({
    refId: `p${q * 100}`,
    expr: resourceUsageQuantileQuery(q),
    legendFormat: `{{resource_type}} p${q * 100}`,
  });
  return row(
    320,
    tablePanel({
      title: t('overview.top-workspaces', 'Busiest workspaces'),
      data: promTableRunner(
        [{ refId: 'top', expr: topWorkspacesByRequestsQuery() }],
        [
          { field: 'workspace_id', header: t('overview.column-workspace', 'Workspace') },
          { field: 'plan_type', header: t('overview.column-plan', 'Plan') },
          { field: 'Value', header: t('overview.column-requests', 'Requests/s') },
        ]
      ),
      columnLinks: [{ column: t('overview.column-workspace', 'Workspace'), url: workspaceLinkTemplate() }],
    }),
    tablePanel({
      title: t('overview.top-usage', 'Closest to their quota'),
      thresholds: QUOTA_THRESHOLDS,
      ratioColumns: [t('overview.column-usage', 'Usage')],
      data: promTableRunner(
        [{ refId: 'usage', expr: topResourceUsageQuery() }],
        [
          { field: 'workspace_id', header: t('overview.column-workspace', 'Workspace') },
          { field: 'resource_type', header: t('overview.column-resource', 'Resource') },
          { field: 'Value', header: t('overview.column-usage', 'Usage') },
        ]
      ),
      columnLinks: [{ column: t('overview.column-workspace', 'Workspace'), url: workspaceLinkTemplate() }],
    }),
    timeseriesPanel({
      title: t('overview.usage-distribution', 'Quota usage across workspaces'),
      description: t(
        'overview.usage-distribution-description',
        'Median, 90th and 99th percentile of the workspaces’ usage of each quota.'
      ),
      unit: 'percentunit',
      thresholds: QUOTA_THRESHOLDS,
      legend: 'table',
      data: promQueryRunner([quantile(0.5), quantile(0.9), quantile(0.99)]),
    })
  );
}

export function buildOverviewScene(uids: DatasourceUids, platformWideShare = DEFAULT_INCIDENTS.platformWideShare) {
  return buildPageScene({
    variables: buildFleetVariables(uids.prometheus),
    rows: [healthRow(), trafficRow(), healthDetailRow(platformWideShare), usageRow(), forecastRow()],
  });
}

export function overviewPage(
  uids: DatasourceUids,
  platformWideShare = DEFAULT_INCIDENTS.platformWideShare
): SceneAppPage {
  return new SceneAppPage({
    title: t('overview.title', 'Platform overview'),
    subTitle: t('overview.subtitle', 'Health of every Hexabase.AI workspace and vCluster'),
    url: prefixRoute(ROUTES.Overview),
    routePath: `${ROUTES.Overview}/*`,
    preserveUrlKeys: PRESERVED_URL_KEYS,
    getScene: () => buildOverviewScene(uids, platformWideShare),
  });
}
