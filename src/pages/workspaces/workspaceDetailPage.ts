import { t } from '@grafana/i18n';
import { SceneAppPage, SceneFlexItem, type SceneAppPageLike } from '@grafana/scenes';
import { MappingType } from '@grafana/schema';

import { workspaceUrl } from '../../constants';
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

export function buildWorkspaceScene(workspaceId: string, uids: DatasourceUids) {
  return buildPageScene({
    variables: [buildDatasourceVariable(uids.prometheus)],
    rows: [
      statusRow(workspaceId),
      endpointRow(workspaceId),
      usageRow(workspaceId),
      activityRow(workspaceId, uids),
      logsRow(workspaceId, uids),
    ],
  });
}

/** The drill-down of one workspace, at /a/<plugin>/workspaces/<workspaceId>. */
export function workspaceDetailPage(workspaceId: string, uids: DatasourceUids, parent: SceneAppPageLike): SceneAppPage {
  return new SceneAppPage({
    title: t('workspace.title', 'Workspace {{workspaceId}}', { workspaceId }),
    subTitle: t('workspace.subtitle', 'vClusters, traffic, deployments and usage of one workspace'),
    url: workspaceUrl(workspaceId),
    routePath: ':workspaceId/*',
    preserveUrlKeys: PRESERVED_URL_KEYS,
    getParentPage: () => parent,
    getScene: () => buildWorkspaceScene(workspaceId, uids),
  });
}
