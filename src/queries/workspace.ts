import { LABELS, METRICS } from './metrics';
import { selector } from './promql';

/** Status history of each vCluster of one workspace (1 healthy, 0 unhealthy). */
export const workspaceVclusterStatusQuery = (workspaceId: string) =>
  `max by (${LABELS.vcluster}) (${selector(METRICS.vclusterStatus, [{ label: LABELS.workspace, op: '=', value: workspaceId }])})`;
