import { LABELS, RECORDED } from './metrics';
import { selector } from './promql';

// One workspace's quota forecasts; the Overview's fleet-wide "runs out soon" lives in forecastFleet.ts.
const one = (recorded: string, workspaceId: string) =>
  selector(recorded, [{ label: LABELS.workspace, op: '=', value: workspaceId }]);

/** Seconds until each rising resource reaches its quota, soonest first; a flat or falling one is absent. */
export const secondsToFullQuery = (workspaceId: string) =>
  `sort(min by (${LABELS.resourceType}) (${one(RECORDED.secondsToFull, workspaceId)}))`;
