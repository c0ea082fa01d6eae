import { LABELS, RECORDED } from './metrics';
import { selector } from './promql';

// One workspace's coverage, from the recorded series pkg/alerting keeps per workspace.
const one = (recorded: string, workspaceId: string) =>
  selector(recorded, [{ label: LABELS.workspace, op: '=', value: workspaceId }]);

/** Seconds since the workspace's newest sample; the recording outlives a silent agent, so this keeps growing. */
export const dataAgeQuery = (workspaceId: string) => `time() - max(${one(RECORDED.lastSample, workspaceId)})`;

/** Failed share of the samples the workspace's agent tried to send, per remote write. */
export const remoteWriteFailedRatioQuery = (workspaceId: string) =>
  `max by (${LABELS.remoteName}) (${one(RECORDED.remoteWriteFailedRatio, workspaceId)})`;

/** How far the agent's sent samples trail its newest appended one, per remote write. */
export const remoteWriteLagQuery = (workspaceId: string) =>
  `max by (${LABELS.remoteName}) (${one(RECORDED.remoteWriteLag, workspaceId)})`;
