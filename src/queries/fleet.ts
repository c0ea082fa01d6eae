import { LABELS, RECORDED } from './metrics';
import { labelValues, selector, type Matcher } from './promql';
import { VAR_CLUSTER_EXPR, VAR_LEVEL_EXPR, VAR_PLAN_EXPR, VAR_WORKSPACE_EXPR } from '../scenes/variableNames';

// Fleet queries read recorded series, never raw ones. Lists of workspaces read the workspace
// level (one series per workspace); totals read the level the hidden `level` variable names.
const planMatcher: Matcher = { label: LABELS.plan, op: '=~', value: VAR_PLAN_EXPR };
const clusterMatcher: Matcher = { label: LABELS.cluster, op: '=~', value: VAR_CLUSTER_EXPR };
const workspaceMatcher: Matcher = { label: LABELS.workspace, op: '=~', value: VAR_WORKSPACE_EXPR };

/** A recorded series restricted to the page's plan, cluster and workspace selection. */
export const fleet = (recorded: string, extra: Matcher[] = []) =>
  selector(recorded, [planMatcher, clusterMatcher, workspaceMatcher, ...extra]);

/**
 * The same recording at the level that answers the selection. The plan and cluster level has no
 * workspace label, which the workspace variable's "All" (`.*`) matches and a chosen workspace does not.
 */
export const atLevel = (recorded: string, extra: Matcher[] = []) =>
  fleet(recorded.replace(/^(workspace|plan_cluster)/, VAR_LEVEL_EXPR), extra);

// The vCluster count has one series per workspace: the cheapest source of the fleet's labels.
export const planValuesQuery = () => labelValues(RECORDED.vclustersCount, LABELS.plan);
export const clusterValuesQuery = () => labelValues(selector(RECORDED.vclustersCount, [planMatcher]), LABELS.cluster);
// Workspaces, up to 10,000, come from the backend (scenes/workspaceVariable.ts), not from label values.

export const vclustersHealthyQuery = () => `sum(${atLevel(RECORDED.vclustersHealthy)})`;
export const vclustersTotalQuery = () => `sum(${atLevel(RECORDED.vclustersCount)})`;

// A workspace-level series at its own level only: the plan and cluster level has no workspace label.
const inWorkspaces = (recorded: string) => atLevel(recorded, [{ label: LABELS.workspace, op: '!=', value: '' }]);

/**
 * A top list: at the plan and cluster level from the recorded top of each (`recordedTop`, whose
 * union holds the top of any selection of plans and clusters), at the workspace level from the
 * workspaces (`ofWorkspaces`); each side selects nothing at the other level.
 */
const topOf = (n: number, recordedTop: string, ofWorkspaces: string) =>
  `topk(${n}, ${atLevel(recordedTop)} or ${ofWorkspaces})`;

/** The 50 workspaces with most vClusters down: an outage of a whole cluster is still 50 rows. */
export const unhealthyWorkspacesQuery = () =>
  `sort_desc(${topOf(50, RECORDED.mostDown, `${inWorkspaces(RECORDED.vclustersCount)} - ${inWorkspaces(RECORDED.vclustersHealthy)} > 0`)})`;

export const requestRateQuery = () => `sum(${atLevel(RECORDED.requests)})`;

/** Share of requests answered with 5xx. */
export const errorRatioQuery = () => `sum(${atLevel(RECORDED.errors)}) / sum(${atLevel(RECORDED.requests)})`;

export const latencyP95Query = () => `histogram_quantile(0.95, sum by (le) (${atLevel(RECORDED.latencyBuckets)}))`;

export const activeConnectionsQuery = () => `sum(${atLevel(RECORDED.connections)})`;

export const databaseConnectionsQuery = () =>
  `sum by (${LABELS.connectionType}) (${atLevel(RECORDED.databaseConnections)})`;

// The recorded tops keep 10 per plan and cluster (rules.go planClusterRecordings): a longer list would miss workspaces.
export const topWorkspacesByRequestsQuery = () => topOf(10, RECORDED.topRequests, inWorkspaces(RECORDED.requests));

/** The workspaces closest to a quota, whatever the resource: a top N instead of 10,000 rows. */
export const topResourceUsageQuery = () => topOf(10, RECORDED.topResourceUsage, inWorkspaces(RECORDED.resourceUsage));

/**
 * How usage spreads over the workspaces, one quantile per resource type: from the histogram of
 * workspaces per usage bucket at the plan and cluster level (exact to its bucket), from the
 * workspaces themselves at theirs. Each side names a series that only exists at its own level, so
 * the other side selects nothing and costs nothing.
 */
export const resourceUsageQuantileQuery = (q = 0.9) =>
  `histogram_quantile(${q}, sum by (${LABELS.resourceType}, le) (${atLevel(RECORDED.resourceUsageBuckets)})) or ` +
  `quantile by (${LABELS.resourceType}) (${q}, ${atLevel(RECORDED.resourceUsage)})`;

/** An RE2 alternation matching exactly these workspace ids, whatever characters they hold. */
export const workspacesRegex = (ids: readonly string[]) =>
  ids.map((id) => id.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&')).join('|');
