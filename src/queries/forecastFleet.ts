import { atLevel } from './fleet';
import { LABELS } from './metrics';
import type { Matcher } from './promql';

/** Quota forecasts recorded by pkg/alerting; absent while usage is flat or falling. */
export const FORECAST_RECORDED = {
  /** Seconds until a workspace's usage of one resource reaches its quota, at the trend of the forecast window. */
  secondsToFull: 'workspace_resource:hexabase_resource_usage_ratio:seconds_to_full',
  /** Plan and cluster level only: the 10 soonest of each plan and cluster, their union the soonest of any selection. */
  bottomSecondsToFull: 'plan_cluster_bottom10:hexabase_resource_usage_ratio:seconds_to_full',
} as const;

// A workspace-level series at its own level only: the plan and cluster level has no workspace label.
const notEmptyWorkspace: Matcher = { label: LABELS.workspace, op: '!=', value: '' };

/**
 * The N workspace resources forecast to be full soonest: as fleet.ts's top lists, from the recorded
 * bottom of each plan and cluster at that level, from the workspaces at theirs; each side selects
 * nothing at the other level. The recorded bottoms keep 10: a longer list would miss workspaces.
 */
export const soonestFullQuery = () =>
  `sort(bottomk(10, ${atLevel(FORECAST_RECORDED.bottomSecondsToFull)} or ${atLevel(FORECAST_RECORDED.secondsToFull, [notEmptyWorkspace])}))`;
