import { LABELS, RECORDED } from './metrics';
import { labelValues, selector, type Matcher } from './promql';
import { VAR_CLUSTER_EXPR, VAR_PLAN_EXPR, VAR_WORKSPACE_EXPR } from '../scenes/variableNames';

// Fleet queries read recorded series (one per workspace), never raw ones: they stay cheap with
// 10,000 workspaces.
const planMatcher: Matcher = { label: LABELS.plan, op: '=~', value: VAR_PLAN_EXPR };
const clusterMatcher: Matcher = { label: LABELS.cluster, op: '=~', value: VAR_CLUSTER_EXPR };
const workspaceMatcher: Matcher = { label: LABELS.workspace, op: '=~', value: VAR_WORKSPACE_EXPR };

/** A recorded series restricted to the page's plan, cluster and workspace selection. */
export const fleet = (recorded: string, extra: Matcher[] = []) =>
  selector(recorded, [planMatcher, clusterMatcher, workspaceMatcher, ...extra]);

// The vCluster count has one series per workspace: the cheapest source of the fleet's labels.
export const planValuesQuery = () => labelValues(RECORDED.vclustersCount, LABELS.plan);
export const clusterValuesQuery = () => labelValues(selector(RECORDED.vclustersCount, [planMatcher]), LABELS.cluster);
export const workspaceValuesQuery = () =>
  labelValues(selector(RECORDED.vclustersCount, [planMatcher, clusterMatcher]), LABELS.workspace);

export const vclustersHealthyQuery = () => `sum(${fleet(RECORDED.vclustersHealthy)})`;
export const vclustersTotalQuery = () => `sum(${fleet(RECORDED.vclustersCount)})`;

/** Workspaces with at least one vCluster down, most down first. */
export const unhealthyWorkspacesQuery = () =>
  `sort_desc(${fleet(RECORDED.vclustersCount)} - ${fleet(RECORDED.vclustersHealthy)} > 0)`;

export const requestRateQuery = () => `sum(${fleet(RECORDED.requests)})`;

/** Share of requests answered with 5xx. */
export const errorRatioQuery = () => `sum(${fleet(RECORDED.errors)}) / sum(${fleet(RECORDED.requests)})`;

export const latencyP95Query = () => `histogram_quantile(0.95, sum by (le) (${fleet(RECORDED.latencyBuckets)}))`;

export const activeConnectionsQuery = () => `sum(${fleet(RECORDED.connections)})`;

export const databaseConnectionsQuery = () =>
  `sum by (${LABELS.connectionType}) (${fleet(RECORDED.databaseConnections)})`;

export const topWorkspacesByRequestsQuery = (n = 10) => `topk(${n}, ${fleet(RECORDED.requests)})`;

/** The workspaces closest to a quota, whatever the resource: a top N instead of 10,000 rows. */
export const topResourceUsageQuery = (n = 10) => `topk(${n}, ${fleet(RECORDED.resourceUsage)})`;

/** How usage spreads over the workspaces: one quantile per resource type. */
export const resourceUsageQuantileQuery = (q = 0.9) =>
  `quantile by (${LABELS.resourceType}) (${q}, ${fleet(RECORDED.resourceUsage)})`;

/** One row per workspace with its plan, cluster and vCluster count. */
export const workspaceListQuery = () => fleet(RECORDED.vclustersCount);
