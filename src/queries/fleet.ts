import { LABELS, METRICS } from './metrics';
import { labelValues, selector, type Matcher } from './promql';
import { VAR_CLUSTER_EXPR, VAR_PLAN_EXPR, VAR_WORKSPACE_EXPR } from '../scenes/variableNames';

const planMatcher: Matcher = { label: LABELS.plan, op: '=~', value: VAR_PLAN_EXPR };
const clusterMatcher: Matcher = { label: LABELS.cluster, op: '=~', value: VAR_CLUSTER_EXPR };
const workspaceMatcher: Matcher = { label: LABELS.workspace, op: '=~', value: VAR_WORKSPACE_EXPR };

// hexabase_vcluster_status has one series per vCluster: the cheapest source of the fleet's labels.
export const planValuesQuery = () => labelValues(METRICS.vclusterStatus, LABELS.plan);
export const clusterValuesQuery = () => labelValues(selector(METRICS.vclusterStatus, [planMatcher]), LABELS.cluster);
export const workspaceValuesQuery = () =>
  labelValues(selector(METRICS.vclusterStatus, [planMatcher, clusterMatcher]), LABELS.workspace);

const fleetStatus = () => selector(METRICS.vclusterStatus, [planMatcher, clusterMatcher, workspaceMatcher]);

export const vclustersHealthyQuery = () => `sum(${fleetStatus()})`;
export const vclustersTotalQuery = () => `count(${fleetStatus()})`;

/** One row per workspace with its plan, cluster and vCluster count. */
export const workspaceListQuery = () =>
  `count by (${LABELS.workspace}, ${LABELS.plan}, ${LABELS.cluster}) (${fleetStatus()})`;
