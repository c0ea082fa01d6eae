import { fleet } from './fleet';
import { LABELS, RECORDED } from './metrics';
import { type Matcher } from './promql';

const success: Matcher = { label: LABELS.status, op: '=', value: 'success' };

/** Deployments per second by type and outcome over the selected workspaces. */
export const deploymentRateQuery = () =>
  `sum by (${LABELS.deploymentType}, ${LABELS.status}) (${fleet(RECORDED.deployments)})`;

export const deploymentSuccessRatioQuery = () =>
  `sum by (${LABELS.deploymentType}) (${fleet(RECORDED.deployments, [success])})` +
  ` / sum by (${LABELS.deploymentType}) (${fleet(RECORDED.deployments)})`;

export const averageResourceUsageQuery = () => `avg by (${LABELS.resourceType}) (${fleet(RECORDED.resourceUsage)})`;

export const userSessionsQuery = () => `sum(${fleet(RECORDED.sessions)})`;

export const aiopsByAgentOutcomeQuery = () => `sum by (${LABELS.agent}, ${LABELS.status}) (${fleet(RECORDED.aiops)})`;
