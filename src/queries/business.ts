import { LABELS, METRICS } from './metrics';
import { selector } from './promql';
import { VAR_CLUSTER_EXPR, VAR_PLAN_EXPR, VAR_WORKSPACE_EXPR } from '../scenes/variableNames';

/** Deployments per second by type and outcome over the selected workspaces. */
export const deploymentRateQuery = () =>
  `sum by (${LABELS.deploymentType}, ${LABELS.status}) (rate(${selector(METRICS.deploymentsTotal, [
    { label: LABELS.plan, op: '=~', value: VAR_PLAN_EXPR },
    { label: LABELS.cluster, op: '=~', value: VAR_CLUSTER_EXPR },
    { label: LABELS.workspace, op: '=~', value: VAR_WORKSPACE_EXPR },
  ])}[$__rate_interval]))`;
