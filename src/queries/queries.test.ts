import {
  aiopsByAgentOutcomeQuery,
  averageResourceUsageQuery,
  deploymentRateQuery,
  deploymentSuccessRatioQuery,
  userSessionsQuery,
} from './business';
import { dataAgeQuery, remoteWriteFailedRatioQuery, remoteWriteLagQuery } from './coverage';
import { escapeLabelValue } from './escape';
import {
  activeConnectionsQuery,
  clusterValuesQuery,
  databaseConnectionsQuery,
  errorRatioQuery,
  latencyP95Query,
  planValuesQuery,
  requestRateQuery,
  resourceUsageQuantileQuery,
  topResourceUsageQuery,
  topWorkspacesByRequestsQuery,
  unhealthyWorkspacesQuery,
  vclustersHealthyQuery,
  vclustersTotalQuery,
  workspacesRegex,
} from './fleet';
import { secondsToFullQuery } from './forecast';
import { selector } from './promql';
import { slowestTracesQuery, workspaceLogsQuery } from './telemetry';
import {
  endpointErrorRatioQuery,
  endpointLatencyQuery,
  endpointRequestRateQuery,
  workspaceAIOpsQuery,
  workspaceDeploymentsQuery,
  workspaceResourceUsageQuery,
  workspaceSessionsQuery,
  workspaceVclusterStatusQuery,
} from './workspace';

const SEL = '{plan_type=~"${plan}", cluster_id=~"${cluster}", workspace_id=~"${workspace}"}';

describe('query helpers', () => {
  it('escapes quotes, backslashes and newlines', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });
  it('leaves a bare metric without braces', () => {
    expect(selector('up')).toBe('up');
  });
});

// Totals read the recording level the hidden variable names: `${level}:...`.
const L = '${level}';

describe('fleet queries read recorded series', () => {
  it('scopes each variable by its parent, from the cheapest series', () => {
    expect(planValuesQuery()).toBe('label_values(workspace:hexabase_vcluster_status:count, plan_type)');
    expect(clusterValuesQuery()).toBe(
      'label_values(workspace:hexabase_vcluster_status:count{plan_type=~"${plan}"}, cluster_id)'
    );
  });
  it('counts healthy and total vClusters and lists unhealthy workspaces', () => {
    expect(vclustersHealthyQuery()).toBe(`sum(${L}:hexabase_vcluster_status:healthy${SEL})`);
    expect(vclustersTotalQuery()).toBe(`sum(${L}:hexabase_vcluster_status:count${SEL})`);
    const WS = SEL.replace(/}$/, ', workspace_id!=""}');
    expect(unhealthyWorkspacesQuery()).toBe(
      `sort_desc(topk(50, ${L}_top50:hexabase_vcluster_status:down${SEL} or ` +
        `${L}:hexabase_vcluster_status:count${WS} - ${L}:hexabase_vcluster_status:healthy${WS} > 0))`
    );
  });
  it('computes traffic, errors and latency', () => {
    expect(requestRateQuery()).toBe(`sum(${L}:hexabase_http_requests:rate5m${SEL})`);
    expect(errorRatioQuery()).toBe(
      `sum(${L}:hexabase_http_requests_errors:rate5m${SEL}) / sum(${L}:hexabase_http_requests:rate5m${SEL})`
    );
    expect(latencyP95Query()).toBe(
      `histogram_quantile(0.95, sum by (le) (${L}_le:hexabase_http_request_duration_seconds_bucket:rate5m${SEL}))`
    );
  });
  it('sums connections', () => {
    expect(activeConnectionsQuery()).toBe(`sum(${L}:hexabase_active_connections:sum${SEL})`);
    expect(databaseConnectionsQuery()).toBe(
      `sum by (connection_type) (${L}_connection_type:hexabase_database_connections:sum${SEL})`
    );
  });
  it('stays readable with 10,000 workspaces: top N and quantiles', () => {
    // Each side of `or` selects nothing at the other level: no `${level}_top10` series at the
    // workspace level, no workspace label at the plan and cluster level.
    const WS = SEL.replace(/}$/, ', workspace_id!=""}');
    expect(topWorkspacesByRequestsQuery()).toBe(
      `topk(10, ${L}_top10:hexabase_http_requests:rate5m${SEL} or ${L}:hexabase_http_requests:rate5m${WS})`
    );
    expect(topResourceUsageQuery()).toBe(
      `topk(10, ${L}_top10:hexabase_resource_usage_ratio:max${SEL} or ${L}_resource:hexabase_resource_usage_ratio:max${WS})`
    );
    expect(resourceUsageQuantileQuery(0.5)).toBe(
      `histogram_quantile(0.5, sum by (resource_type, le) (${L}_resource_le:hexabase_resource_usage_ratio:workspaces${SEL})) or ` +
        `quantile by (resource_type) (0.5, ${L}_resource:hexabase_resource_usage_ratio:max${SEL})`
    );
  });
  it('matches each listed workspace id literally', () => {
    expect(workspacesRegex(['ws-0001', 'ws.2', 'a|b', 'back\\slash'])).toBe('ws-0001|ws\\.2|a\\|b|back\\\\slash');
  });
});

describe('workspace queries read one workspace raw', () => {
  const W = 'hexabase_http_requests_total{workspace_id="ws-1"}';
  it('selects the workspace exactly, escaping its id', () => {
    expect(workspaceVclusterStatusQuery('ws-1')).toBe(
      'max by (vcluster_name) (hexabase_vcluster_status{workspace_id="ws-1"})'
    );
    expect(workspaceVclusterStatusQuery('a"b')).toBe(
      'max by (vcluster_name) (hexabase_vcluster_status{workspace_id="a\\"b"})'
    );
  });
  it('breaks traffic down by endpoint with $__rate_interval', () => {
    expect(endpointRequestRateQuery('ws-1')).toBe(`sum by (endpoint) (rate(${W}[$__rate_interval]))`);
    expect(endpointErrorRatioQuery('ws-1')).toBe(
      'sum by (endpoint) (rate(hexabase_http_requests_total{workspace_id="ws-1", status_code=~"5.."}[$__rate_interval]))' +
        ` / sum by (endpoint) (rate(${W}[$__rate_interval]))`
    );
    expect(endpointLatencyQuery('ws-1', 0.99)).toBe(
      'histogram_quantile(0.99, sum by (endpoint, le) (rate(hexabase_http_request_duration_seconds_bucket{workspace_id="ws-1"}[$__rate_interval])))'
    );
  });
  it('covers deployments, quota, sessions and AIOps', () => {
    expect(workspaceDeploymentsQuery('ws-1')).toBe(
      'sum by (deployment_type, status) (increase(hexabase_workspace_deployments_total{workspace_id="ws-1"}[1h]))'
    );
    expect(workspaceResourceUsageQuery('ws-1')).toBe(
      'max by (resource_type) (hexabase_resource_usage_ratio{workspace_id="ws-1"})'
    );
    expect(workspaceSessionsQuery('ws-1')).toBe('sum(hexabase_active_user_sessions{workspace_id="ws-1"})');
    expect(workspaceAIOpsQuery('ws-1')).toBe(
      'sum by (agent_name, operation_type, status) (rate(hexabase_aiops_operations_total{workspace_id="ws-1"}[$__rate_interval]))'
    );
  });
  it('builds the LogQL and Jaeger queries of the workspace', () => {
    expect(workspaceLogsQuery('ws-1')).toBe('{workspace_id="ws-1"} | json');
    expect(workspaceLogsQuery('ws-1', true)).toBe('{workspace_id="ws-1"} | json | level="error"');
    expect(slowestTracesQuery('ws-1')).toEqual({
      queryType: 'search',
      service: 'hexabase-api',
      tags: 'workspace_id=ws-1',
      minDuration: '500ms',
      limit: 20,
    });
  });
});

describe('workspace coverage and forecasts read the recorded series of one workspace', () => {
  it('ages the newest sample and breaks remote write down by remote', () => {
    expect(dataAgeQuery('ws-1')).toBe(
      'time() - max(workspace:hexabase_agent_last_sample:timestamp{workspace_id="ws-1"})'
    );
    expect(remoteWriteFailedRatioQuery('ws-1')).toBe(
      'max by (remote_name) (workspace_remote:prometheus_remote_storage_samples_failed:ratio_rate5m{workspace_id="ws-1"})'
    );
    expect(remoteWriteLagQuery('a"b')).toBe(
      'max by (remote_name) (workspace_remote:prometheus_remote_storage_lag:seconds{workspace_id="a\\"b"})'
    );
  });
  it('lists the resources that fill up, soonest first', () => {
    expect(secondsToFullQuery('ws-1')).toBe(
      'sort(min by (resource_type) (workspace_resource:hexabase_resource_usage_ratio:seconds_to_full{workspace_id="ws-1"}))'
    );
  });
});

describe('business queries read the level the selection needs', () => {
  const D = `${L}_type_status:hexabase_workspace_deployments:rate5m${SEL}`;
  it('rates deployments and their success by type', () => {
    expect(deploymentRateQuery()).toBe(`sum by (deployment_type, status) (${D})`);
    expect(deploymentSuccessRatioQuery()).toBe(
      'sum by (deployment_type) (${level}_type_status:hexabase_workspace_deployments:rate5m{plan_type=~"${plan}", cluster_id=~"${cluster}", workspace_id=~"${workspace}", status="success"})' +
        ` / sum by (deployment_type) (${D})`
    );
  });
  it('averages usage, sums sessions and rates AIOps by agent', () => {
    expect(averageResourceUsageQuery()).toBe(
      `sum by (resource_type) (${L}_resource:hexabase_resource_usage_ratio:sum${SEL})` +
        ' / sum by (resource_type) (${level}_resource_le:hexabase_resource_usage_ratio:workspaces{plan_type=~"${plan}", cluster_id=~"${cluster}", workspace_id=~"${workspace}", le="+Inf"})' +
        ` or avg by (resource_type) (${L}_resource:hexabase_resource_usage_ratio:max${SEL})`
    );
    expect(userSessionsQuery()).toBe(`sum(${L}:hexabase_active_user_sessions:sum${SEL})`);
    expect(aiopsByAgentOutcomeQuery()).toBe(
      `sum by (agent_name, status) (${L}_agent_status:hexabase_aiops_operations:rate5m${SEL})`
    );
  });
});
