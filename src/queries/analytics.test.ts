import {
  aiopsOperationsByAgentStatusQuery,
  aiopsSuccessRatioByAgentWeeklyQuery,
  deploymentSuccessRatioByTypeQuery,
  deploymentsPerWorkspaceDailyQuery,
  resourceUsageP95DailyQuery,
  VAR_CLUSTER_SQL,
  VAR_PLAN_SQL,
} from './analytics';
import { expandClickHouseMacros } from './clickhouseMacros';

const FILTERED = '$__timeFilter(ts) AND plan_type IN (${plan:singlequote}) AND cluster_id IN (${cluster:singlequote})';

describe('analytics variables', () => {
  it('are the fleet variables as single-quoted IN lists', () => {
    expect(VAR_PLAN_SQL).toBe('${plan:singlequote}');
    expect(VAR_CLUSTER_SQL).toBe('${cluster:singlequote}');
  });
});

describe('deployments per workspace per day', () => {
  it('keeps the top 20 workspaces by volume', () => {
    expect(deploymentsPerWorkspaceDailyQuery()).toBe(
      [
        "SELECT toStartOfDay(ts) AS time, workspace_id, count() AS deployments, countIf(status = 'success') AS successful",
        'FROM hexabase.deployments',
        'WHERE $__timeFilter(ts) AND workspace_id IN (SELECT workspace_id FROM hexabase.deployments WHERE $__timeFilter(ts) GROUP BY workspace_id ORDER BY count() DESC, workspace_id LIMIT 20)',
        'GROUP BY time, workspace_id',
        'ORDER BY time, workspace_id',
      ].join('\n')
    );
  });
  it('filters the rows and the ranking alike, plan before cluster', () => {
    expect(deploymentsPerWorkspaceDailyQuery({ topN: 5, filterBy: ['cluster', 'plan'] })).toBe(
      [
        "SELECT toStartOfDay(ts) AS time, workspace_id, count() AS deployments, countIf(status = 'success') AS successful",
        'FROM hexabase.deployments',
        `WHERE ${FILTERED} AND workspace_id IN (SELECT workspace_id FROM hexabase.deployments WHERE ${FILTERED} GROUP BY workspace_id ORDER BY count() DESC, workspace_id LIMIT 5)`,
        'GROUP BY time, workspace_id',
        'ORDER BY time, workspace_id',
      ].join('\n')
    );
  });
  it('rejects a top N that is not a positive integer', () => {
    expect(() => deploymentsPerWorkspaceDailyQuery({ topN: 0 })).toThrow('topN must be a positive integer, got 0');
    expect(() => deploymentsPerWorkspaceDailyQuery({ topN: 2.5 })).toThrow(RangeError);
  });
});

describe('success ratios', () => {
  it('of deployments by type per day', () => {
    expect(deploymentSuccessRatioByTypeQuery()).toBe(
      [
        "SELECT toStartOfDay(ts) AS time, deployment_type, countIf(status = 'success') / count() AS success_ratio",
        'FROM hexabase.deployments',
        'WHERE $__timeFilter(ts)',
        'GROUP BY time, deployment_type',
        'ORDER BY time, deployment_type',
      ].join('\n')
    );
  });
  it('of AIOps operations by agent per Monday-based week', () => {
    expect(aiopsSuccessRatioByAgentWeeklyQuery({ filterBy: ['plan'] })).toBe(
      [
        "SELECT toStartOfWeek(ts, 1) AS time, agent_name, countIf(status = 'success') / count() AS success_ratio",
        'FROM hexabase.aiops_operations',
        'WHERE $__timeFilter(ts) AND plan_type IN (${plan:singlequote})',
        'GROUP BY time, agent_name',
        'ORDER BY time, agent_name',
      ].join('\n')
    );
  });
});

describe('AIOps operations by agent and status', () => {
  it('buckets by the panel interval', () => {
    expect(aiopsOperationsByAgentStatusQuery()).toBe(
      [
        'SELECT $__timeInterval(ts) AS time, agent_name, status, count() AS operations',
        'FROM hexabase.aiops_operations',
        'WHERE $__timeFilter(ts)',
        'GROUP BY time, agent_name, status',
        'ORDER BY time, agent_name, status',
      ].join('\n')
    );
  });
  it('is plain ClickHouse SQL once Grafana has expanded it', () => {
    const sql = aiopsOperationsByAgentStatusQuery({ filterBy: ['cluster'] });
    const ctx = {
      from: new Date('2026-08-26T00:00:00Z'),
      to: new Date('2026-11-24T00:00:00Z'),
      intervalSeconds: 86400,
      variables: { cluster: ['cluster-a', 'cluster-b'] },
    };
    expect(expandClickHouseMacros(sql, ctx)).toBe(
      [
        'SELECT toStartOfInterval(toDateTime(ts), INTERVAL 86400 second) AS time, agent_name, status, count() AS operations',
        'FROM hexabase.aiops_operations',
        "WHERE ts >= toDateTime(1787702400) AND ts <= toDateTime(1795478400) AND cluster_id IN ('cluster-a','cluster-b')",
        'GROUP BY time, agent_name, status',
        'ORDER BY time, agent_name, status',
      ].join('\n')
    );
  });
});

describe('resource usage', () => {
  it('takes the daily p95 of the usage ratio by resource type', () => {
    expect(resourceUsageP95DailyQuery({ filterBy: ['plan', 'cluster'] })).toBe(
      [
        'SELECT toStartOfDay(ts) AS time, resource_type, quantile(0.95)(ratio) AS p95_ratio',
        'FROM hexabase.resource_usage',
        `WHERE ${FILTERED}`,
        'GROUP BY time, resource_type',
        'ORDER BY time, resource_type',
      ].join('\n')
    );
  });
});
