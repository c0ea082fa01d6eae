import { LABELS, RECORDED } from './metrics';
import { selector } from './promql';

/**
 * Workspaces of each cluster, whatever the page's selection: the denominator of an incident's
 * platform-wide share. The vCluster count has one series per reporting workspace, the cheapest.
 */
export const workspacesPerClusterQuery = () => `count by (${LABELS.cluster}) (${selector(RECORDED.vclustersCount)})`;
