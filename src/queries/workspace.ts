import { LABELS, METRICS } from './metrics';
import { selector, type Matcher } from './promql';

// One workspace's page reads its raw series: a few hundred at most.
const one = (metric: string, workspaceId: string, extra: Matcher[] = []) =>
  selector(metric, [{ label: LABELS.workspace, op: '=', value: workspaceId }, ...extra]);

const rate = (series: string) => `rate(${series}[$__rate_interval])`;

/** Status history of each vCluster of one workspace (1 healthy, 0 unhealthy). */
export const workspaceVclusterStatusQuery = (workspaceId: string) =>
  `max by (${LABELS.vcluster}) (${one(METRICS.vclusterStatus, workspaceId)})`;

export const endpointRequestRateQuery = (workspaceId: string) =>
  `sum by (${LABELS.endpoint}) (${rate(one(METRICS.requestsTotal, workspaceId))})`;

export const endpointErrorRatioQuery = (workspaceId: string) =>
  `sum by (${LABELS.endpoint}) (${rate(one(METRICS.requestsTotal, workspaceId, [{ label: LABELS.statusCode, op: '=~', value: '5..' }]))})` +
  ` / sum by (${LABELS.endpoint}) (${rate(one(METRICS.requestsTotal, workspaceId))})`;

export const endpointLatencyQuery = (workspaceId: string, quantile = 0.95) =>
  `histogram_quantile(${quantile}, sum by (${LABELS.endpoint}, le) (${rate(one(METRICS.requestDurationBucket, workspaceId))}))`;

export const workspaceDeploymentsQuery = (workspaceId: string) =>
  `sum by (${LABELS.deploymentType}, ${LABELS.status}) (increase(${one(METRICS.deploymentsTotal, workspaceId)}[1h]))`;

export const workspaceResourceUsageQuery = (workspaceId: string) =>
  `max by (${LABELS.resourceType}) (${one(METRICS.resourceUsage, workspaceId)})`;

export const workspaceSessionsQuery = (workspaceId: string) => `sum(${one(METRICS.userSessions, workspaceId)})`;

export const workspaceAIOpsQuery = (workspaceId: string) =>
  `sum by (${LABELS.agent}, ${LABELS.operation}, ${LABELS.status}) (${rate(one(METRICS.aiopsTotal, workspaceId))})`;
