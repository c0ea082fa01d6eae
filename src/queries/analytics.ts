/** ClickHouse SQL of the Business page over the tables of analytics/schema.sql (database hexabase). */
import { VAR_CLUSTER, VAR_PLAN } from '../scenes/variableNames';

export const ANALYTICS_DATABASE = 'hexabase';
export const DEFAULT_TOP_WORKSPACES = 20;

/** A fleet variable an analytics query can be filtered by. */
export type AnalyticsFilter = typeof VAR_PLAN | typeof VAR_CLUSTER;

/** The column each filter variable restricts. */
export const FILTER_COLUMNS: Record<AnalyticsFilter, string> = {
  [VAR_PLAN]: 'plan_type',
  [VAR_CLUSTER]: 'cluster_id',
};

/** The variables as IN lists, interpolated by Grafana before the query reaches the datasource. */
export const VAR_PLAN_SQL = `\${${VAR_PLAN}:singlequote}`;
export const VAR_CLUSTER_SQL = `\${${VAR_CLUSTER}:singlequote}`;

const FILTER_LISTS: Record<AnalyticsFilter, string> = { [VAR_PLAN]: VAR_PLAN_SQL, [VAR_CLUSTER]: VAR_CLUSTER_SQL };

export interface AnalyticsOptions {
  /** Fleet variables whose selection restricts the rows; none by default. */
  filterBy?: AnalyticsFilter[];
}

export interface TopWorkspacesOptions extends AnalyticsOptions {
  /** How many workspaces, by deployment count over the time range; 20 by default. */
  topN?: number;
}

const SUCCESS = "status = 'success'";
const table = (name: string) => `${ANALYTICS_DATABASE}.${name}`;

/** The time filter and the selected filters, joined with AND. */
function conditions({ filterBy = [] }: AnalyticsOptions): string {
  const filters = ([VAR_PLAN, VAR_CLUSTER] as const)
    .filter((v) => filterBy.includes(v))
    .map((v) => `${FILTER_COLUMNS[v]} IN (${FILTER_LISTS[v]})`);
  return ['$__timeFilter(ts)', ...filters].join(' AND ');
}

/** One row per time bucket and key: the long format Grafana turns into one series per key. */
function perBucket(bucket: string, keys: string[], values: string[], from: string, where: string): string {
  const groups = ['time', ...keys].join(', ');
  return [
    `SELECT ${bucket} AS time, ${[...keys, ...values].join(', ')}`,
    `FROM ${table(from)}`,
    `WHERE ${where}`,
    `GROUP BY ${groups}`,
    `ORDER BY ${groups}`,
  ].join('\n');
}

/** Daily deployments and successful deployments of the top N workspaces by volume. */
export function deploymentsPerWorkspaceDailyQuery({
  topN = DEFAULT_TOP_WORKSPACES,
  ...opts
}: TopWorkspacesOptions = {}) {
  if (!Number.isInteger(topN) || topN < 1) {
    throw new RangeError(`topN must be a positive integer, got ${topN}`);
  }
  const where = conditions(opts);
  const top = `SELECT workspace_id FROM ${table('deployments')} WHERE ${where} GROUP BY workspace_id ORDER BY count() DESC, workspace_id LIMIT ${topN}`;
  return perBucket(
    'toStartOfDay(ts)',
    ['workspace_id'],
    ['count() AS deployments', `countIf(${SUCCESS}) AS successful`],
    'deployments',
    `${where} AND workspace_id IN (${top})`
  );
}

/** Daily share of successful deployments per deployment type (0 to 1). */
export function deploymentSuccessRatioByTypeQuery(opts: AnalyticsOptions = {}) {
  return perBucket(
    'toStartOfDay(ts)',
    ['deployment_type'],
    [`countIf(${SUCCESS}) / count() AS success_ratio`],
    'deployments',
    conditions(opts)
  );
}

/** Weekly (Monday-based) share of successful AIOps operations per agent (0 to 1). */
export function aiopsSuccessRatioByAgentWeeklyQuery(opts: AnalyticsOptions = {}) {
  return perBucket(
    'toStartOfWeek(ts, 1)',
    ['agent_name'],
    [`countIf(${SUCCESS}) / count() AS success_ratio`],
    'aiops_operations',
    conditions(opts)
  );
}

/** AIOps operations per agent and status in buckets of the panel's interval. */
export function aiopsOperationsByAgentStatusQuery(opts: AnalyticsOptions = {}) {
  return perBucket(
    '$__timeInterval(ts)',
    ['agent_name', 'status'],
    ['count() AS operations'],
    'aiops_operations',
    conditions(opts)
  );
}

/** Daily 95th percentile of the quota usage ratio per resource type (0 to 1). */
export function resourceUsageP95DailyQuery(opts: AnalyticsOptions = {}) {
  return perBucket(
    'toStartOfDay(ts)',
    ['resource_type'],
    ['quantile(0.95)(ratio) AS p95_ratio'],
    'resource_usage',
    conditions(opts)
  );
}
