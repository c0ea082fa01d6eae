import { t } from '@grafana/i18n';
import { SceneAppPage, SceneFlexItem, type SceneAppPageLike } from '@grafana/scenes';
import { MappingType } from '@grafana/schema';

import { workspaceUrl } from '../../constants';
import { dataAgeQuery, remoteWriteFailedRatioQuery, remoteWriteLagQuery } from '../../queries/coverage';
import { secondsToFullQuery } from '../../queries/forecast';
import {
  FALLBACK_OBJECTIVES,
  PAGE_BURN_RATES,
  budgetRemainingQuery,
  burnRateQuery,
  type PlanObjectives,
} from '../../queries/slo';
import { slowestTracesQuery, workspaceLogsQuery } from '../../queries/telemetry';
import {
  endpointErrorRatioQuery,
  endpointLatencyQuery,
  endpointRequestRateQuery,
  workspaceAIOpsQuery,
  workspaceDeploymentsQuery,
  workspaceResourceUsageQuery,
  workspaceSessionsQuery,
  workspaceVclusterStatusQuery,
} from '../../queries/workspace';
import { promQueryRunner, queryRunner } from '../../scenes/dataRunners';
import { row } from '../../scenes/layout';
import { buildPageScene } from '../../scenes/pageScene';
import {
  logsPanel,
  ratioGaugePanel,
  stateTimelinePanel,
  statPanel,
  tablePanel,
  timeseriesPanel,
} from '../../scenes/panels';
import { PRESERVED_URL_KEYS } from '../../scenes/variableNames';
import { buildDatasourceVariable } from '../../scenes/variables';
import { DATASOURCE_TYPES } from '../../generated/settingsDefaults';
import type { DatasourceUids } from '../../settings/appSettings';
import { REMOTE_WRITE_LAG_SECONDS } from './healthCells';

const DAY_SECONDS = 86400;
// pkg/alerting Config.SilentAfter's default: WorkspaceSilent fires past it.
const SILENT_AFTER_SECONDS = 600;

function statusRow(ws: string) {
  return row(
    200,
    stateTimelinePanel({
      title: t('workspace.vcluster-status', 'vCluster status'),
      description: t('workspace.vcluster-status-description', 'Health of each vCluster of this workspace over time.'),
      data: promQueryRunner([
        { refId: 'status', expr: workspaceVclusterStatusQuery(ws), legendFormat: '{{vcluster_name}}' },
      ]),
      mappings: [
        {
          type: MappingType.ValueToText,
          options: {
            '0': { text: t('workspace.vcluster-unhealthy', 'Unhealthy'), color: 'red', index: 0 },
            '1': { text: t('workspace.vcluster-healthy', 'Healthy'), color: 'green', index: 1 },
          },
        },
      ],
    })
  );
}

function sloRow(ws: string, objectives: PlanObjectives) {
  const burn = (window: '1h' | '6h') => ({
    refId: `burn${window}`,
    expr: burnRateQuery(ws, window, objectives),
    legendFormat: t('workspace.burn-window', 'over {{window}}', { window }),
  });
  return row(
    240,
    statPanel({
      title: t('workspace.budget-left', 'Error budget left (30 days)'),
      description: t(
        'workspace.budget-left-description',
        'Share of the 5xx answers the plan’s availability objective allows over 30 days that this workspace has not spent; below 0 it broke its objective.'
      ),
      unit: 'percentunit',
      baseColor: 'red',
      thresholds: [
        { value: 0, color: 'orange' },
        { value: 0.25, color: 'green' },
      ],
      data: promQueryRunner([{ refId: 'budget', expr: budgetRemainingQuery(ws, objectives) }], 200),
    }),
    timeseriesPanel({
      title: t('workspace.burn-rate', 'Error budget burn rate'),
      description: t(
        'workspace.burn-rate-description',
        'How fast the workspace spends its error budget: 1 spends it in exactly 30 days. ErrorBudgetFastBurn pages above {{fast}} over 1 hour or {{slow}} over 6 hours.',
        { fast: PAGE_BURN_RATES['1h'], slow: PAGE_BURN_RATES['6h'] }
      ),
      thresholds: [
        { value: PAGE_BURN_RATES['6h'], color: 'orange' },
        { value: PAGE_BURN_RATES['1h'], color: 'red' },
      ],
      thresholdLines: true,
      data: promQueryRunner([burn('1h'), burn('6h')]),
    })
  );
}

function freshnessRow(ws: string) {
  return row(
    220,
    statPanel({
      title: t('workspace.data-age', 'Data age'),
      description: t(
        'workspace.data-age-description',
        'Time since the newest sample of this workspace; WorkspaceSilent fires once it passes {{minutes}} minutes.',
        { minutes: SILENT_AFTER_SECONDS / 60 }
      ),
      unit: 's',
      thresholds: [
        { value: SILENT_AFTER_SECONDS / 5, color: 'orange' },
        { value: SILENT_AFTER_SECONDS, color: 'red' },
      ],
      data: promQueryRunner([{ refId: 'age', expr: dataAgeQuery(ws) }], 200),
    }),
    timeseriesPanel({
      title: t('workspace.remote-write-failed', 'Remote write: failed samples'),
      description: t(
        'workspace.remote-write-failed-description',
        'Share of the samples the workspace’s agent could not send, per remote write.'
      ),
      unit: 'percentunit',
      thresholds: [{ value: 0.01, color: 'red' }],
      thresholdLines: true,
      data: promQueryRunner([
        { refId: 'failed', expr: remoteWriteFailedRatioQuery(ws), legendFormat: '{{remote_name}}' },
      ]),
    }),
    timeseriesPanel({
      title: t('workspace.remote-write-lag', 'Remote write: lag'),
      description: t(
        'workspace.remote-write-lag-description',
        'How far the samples the agent has sent trail the newest it has collected, per remote write.'
      ),
      unit: 's',
      thresholds: [{ value: REMOTE_WRITE_LAG_SECONDS, color: 'orange' }],
      thresholdLines: true,
      data: promQueryRunner([{ refId: 'lag', expr: remoteWriteLagQuery(ws), legendFormat: '{{remote_name}}' }]),
    })
  );
}

function endpointRow(ws: string) {
  const latency = (q: number) => ({
    refId: `p${q * 100}`,
    expr: endpointLatencyQuery(ws, q),
    legendFormat: `{{endpoint}} p${q * 100}`,
  });
  return row(
    280,
    timeseriesPanel({
      title: t('workspace.endpoint-requests', 'Requests by endpoint'),
      unit: 'reqps',
      data: promQueryRunner([{ refId: 'rps', expr: endpointRequestRateQuery(ws), legendFormat: '{{endpoint}}' }]),
    }),
    timeseriesPanel({
      title: t('workspace.endpoint-errors', '5xx share by endpoint'),
      unit: 'percentunit',
      thresholds: [{ value: 0.05, color: 'red' }],
      data: promQueryRunner([{ refId: 'errors', expr: endpointErrorRatioQuery(ws), legendFormat: '{{endpoint}}' }]),
    }),
    timeseriesPanel({
      title: t('workspace.endpoint-latency', 'Latency percentiles by endpoint'),
      unit: 's',
      legend: 'table',
      data: promQueryRunner([latency(0.5), latency(0.95), latency(0.99)]),
    })
  );
}

function usageRow(ws: string) {
  return row(
    240,
    timeseriesPanel({
      title: t('workspace.deployments', 'Deployments per hour by type and outcome'),
      data: promQueryRunner([
        { refId: 'deploys', expr: workspaceDeploymentsQuery(ws), legendFormat: '{{deployment_type}} {{status}}' },
      ]),
    }),
    ratioGaugePanel({
      title: t('workspace.quota', 'Usage of the quota'),
      thresholds: [
        { value: 0.8, color: 'orange' },
        { value: 0.95, color: 'red' },
      ],
      data: promQueryRunner(
        [{ refId: 'usage', expr: workspaceResourceUsageQuery(ws), legendFormat: '{{resource_type}}', instant: true }],
        100
      ),
    }),
    statPanel({
      title: t('workspace.quota-forecast', 'Quota full in'),
      description: t(
        'workspace.quota-forecast-description',
        'Time until each resource’s usage reaches its quota at the trend of the last hours, soonest first; QuotaForecastFull warns within a day.'
      ),
      unit: 'dtdurations',
      baseColor: 'red',
      thresholds: [
        { value: DAY_SECONDS, color: 'orange' },
        { value: 7 * DAY_SECONDS, color: 'green' },
      ],
      noValue: t('workspace.quota-forecast-none', 'No quota is filling up'),
      data: promQueryRunner(
        [{ refId: 'full', expr: secondsToFullQuery(ws), legendFormat: '{{resource_type}}', instant: true }],
        100
      ),
    }),
    statPanel({
      title: t('workspace.sessions', 'Active user sessions'),
      data: promQueryRunner([{ refId: 'sessions', expr: workspaceSessionsQuery(ws) }], 200),
    })
  );
}

function activityRow(ws: string, uids: DatasourceUids) {
  return row(
    300,
    timeseriesPanel({
      title: t('workspace.aiops', 'AIOps operations by agent, type and outcome'),
      unit: 'ops',
      legend: 'table',
      data: promQueryRunner([
        { refId: 'aiops', expr: workspaceAIOpsQuery(ws), legendFormat: '{{agent_name}} {{operation_type}} {{status}}' },
      ]),
    }),
    tablePanel({
      title: t('workspace.slowest-traces', 'Slowest requests'),
      description: t(
        'workspace.slowest-traces-description',
        'Traces of this workspace slower than 500 ms, from Jaeger; open one for its spans.'
      ),
      data: queryRunner(DATASOURCE_TYPES.jaeger, uids.jaeger, [{ refId: 'traces', ...slowestTracesQuery(ws) }]),
    })
  );
}

function logsRow(ws: string, uids: DatasourceUids) {
  return new SceneFlexItem({
    minHeight: 400,
    body: logsPanel({
      title: t('workspace.logs', 'Logs'),
      description: t(
        'workspace.logs-description',
        'The workspace’s structured logs from Loki; a trace_id opens the request’s trace.'
      ),
      data: queryRunner(
        DATASOURCE_TYPES.loki,
        uids.loki,
        [{ refId: 'logs', expr: workspaceLogsQuery(ws), queryType: 'range' } as never],
        1000
      ),
    }),
  });
}

/** The workspace page; `objectives` are the plans' availability objectives from the app's settings. */
export function buildWorkspaceScene(
  workspaceId: string,
  uids: DatasourceUids,
  objectives: PlanObjectives = FALLBACK_OBJECTIVES
) {
  return buildPageScene({
    variables: [buildDatasourceVariable(uids.prometheus)],
    rows: [
      statusRow(workspaceId),
      sloRow(workspaceId, objectives),
      freshnessRow(workspaceId),
      endpointRow(workspaceId),
      usageRow(workspaceId),
      activityRow(workspaceId, uids),
      logsRow(workspaceId, uids),
    ],
  });
}

/** The drill-down of one workspace, at /a/<plugin>/workspaces/<workspaceId>. */
export function workspaceDetailPage(
  workspaceId: string,
  uids: DatasourceUids,
  parent: SceneAppPageLike,
  objectives: PlanObjectives = FALLBACK_OBJECTIVES
): SceneAppPage {
  return new SceneAppPage({
    title: t('workspace.title', 'Workspace {{workspaceId}}', { workspaceId }),
    subTitle: t(
      'workspace.subtitle',
      'vClusters, error budget, data freshness, traffic, deployments and usage of one workspace'
    ),
    url: workspaceUrl(workspaceId),
    routePath: ':workspaceId/*',
    preserveUrlKeys: PRESERVED_URL_KEYS,
    getParentPage: () => parent,
    getScene: () => buildWorkspaceScene(workspaceId, uids, objectives),
  });
}
