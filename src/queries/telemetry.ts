import { escapeLabelValue } from './escape';

/** Service name of the platform's spans (the simulator's and the API's OTLP resource). */
export const TRACED_SERVICE = 'hexabase-api';

/** LogQL for one workspace's structured logs, optionally only errors. */
export function workspaceLogsQuery(workspaceId: string, errorsOnly = false): string {
  const stream = `{workspace_id="${escapeLabelValue(workspaceId)}"}`;
  return errorsOnly ? `${stream} | json | level="error"` : `${stream} | json`;
}

/** Jaeger search for one workspace's slowest requests. */
export function slowestTracesQuery(workspaceId: string, minDuration = '500ms') {
  return {
    queryType: 'search' as const,
    service: TRACED_SERVICE,
    tags: `workspace_id=${workspaceId}`,
    minDuration,
    limit: 20,
  };
}
