import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { errorMessage } from '../../api/workspaces';
import { ALERT_FOLDER_TITLE, ALERT_FOLDER_UID, RULES_API } from '../../alerts/constants';
import { LABELS } from '../../queries/metrics';
import { workspacesRegex } from '../../queries/fleet';

interface FiringRulesResponse {
  data?: {
    groups?: Array<{
      file: string;
      rules: Array<{ alerts?: Array<{ labels?: Record<string, string>; state?: string }> }>;
    }>;
  };
}

/**
 * The rules API asked for the firing instances of these workspaces only, in the app's folder.
 * grafana/grafana pkg/services/ngalert/api/prometheus/api_prometheus.go (getMatchersFromQuery,
 * GetStatesFromQuery): `matcher` is a JSON matcher the way Grafana's own list sends it
 * (public/app/features/alerting/unified/api/prometheus.ts paramsWithMatcherAndState), its regex
 * anchored; `state=firing` keeps Alerting instances; without limit_alerts every one is listed.
 */
export function firingAlertsRequest(ids: readonly string[]) {
  return {
    url: RULES_API,
    params: {
      folder_uid: ALERT_FOLDER_UID,
      state: 'firing',
      matcher: JSON.stringify({ name: LABELS.workspace, value: workspacesRegex(ids), isRegex: true, isEqual: true }),
    },
  };
}

// An instance's state reads "Alerting", or "Alerting (NoData)" with a reason (state.FormatStateAndReason).
const isFiring = (state = '') => /^(alerting|firing)\b/i.test(state);

/** Firing instances per listed workspace, counted from the app's folder; a workspace without any counts 0. */
export function firingByWorkspace(
  response: FiringRulesResponse,
  ids: readonly string[],
  folder = ALERT_FOLDER_TITLE
): Map<string, number> {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const group of response.data?.groups ?? []) {
    if (group.file !== folder) {
      continue;
    }
    for (const alert of group.rules.flatMap((r) => r.alerts ?? [])) {
      const id = alert.labels?.[LABELS.workspace];
      if (id !== undefined && counts.has(id) && isFiring(alert.state)) {
        counts.set(id, counts.get(id)! + 1);
      }
    }
  }
  return counts;
}

/** Firing alert instances of each of these workspaces; none asked for an empty page. */
export async function fetchFiringByWorkspace(ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) {
    return new Map();
  }
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<FiringRulesResponse>({ ...firingAlertsRequest(ids), showErrorAlert: false })
    );
    return firingByWorkspace(response.data, ids);
  } catch (err) {
    throw new Error(errorMessage(err));
  }
}
