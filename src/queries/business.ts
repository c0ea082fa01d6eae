import { atLevel } from './fleet';
import { LABELS, RECORDED } from './metrics';
import { type Matcher } from './promql';

const success: Matcher = { label: LABELS.status, op: '=', value: 'success' };
const everyWorkspace: Matcher = { label: 'le', op: '=', value: '+Inf' };

// Business totals read the recording level the selection needs, as the Overview's do.

/** Deployments per second by type and outcome over the selected workspaces. */
export const deploymentRateQuery = () =>
  `sum by (${LABELS.deploymentType}, ${LABELS.status}) (${atLevel(RECORDED.deployments)})`;

export const deploymentSuccessRatioQuery = () =>
  `sum by (${LABELS.deploymentType}) (${atLevel(RECORDED.deployments, [success])})` +
  ` / sum by (${LABELS.deploymentType}) (${atLevel(RECORDED.deployments)})`;

/**
 * Average usage per resource over the selected workspaces: their sum over their number (the
 * +Inf bucket) at the plan and cluster level, or the workspaces themselves at theirs; each side
 * names a series of its own level only.
 */
export const averageResourceUsageQuery = () =>
  `sum by (${LABELS.resourceType}) (${atLevel(RECORDED.resourceUsageSum)})` +
  ` / sum by (${LABELS.resourceType}) (${atLevel(RECORDED.resourceUsageBuckets, [everyWorkspace])})` +
  ` or avg by (${LABELS.resourceType}) (${atLevel(RECORDED.resourceUsage)})`;

export const userSessionsQuery = () => `sum(${atLevel(RECORDED.sessions)})`;

export const aiopsByAgentOutcomeQuery = () => `sum by (${LABELS.agent}, ${LABELS.status}) (${atLevel(RECORDED.aiops)})`;
