import { t } from '@grafana/i18n';
import { getBackendSrv } from '@grafana/runtime';

import type { RulesResponse } from './appRules';

/** Grafana's rules API answer at url, or an Error carrying Grafana's own message. */
export async function fetchRules(url: string): Promise<RulesResponse> {
  try {
    return await getBackendSrv().get<RulesResponse>(url, undefined, undefined, { showErrorAlert: false });
  } catch (err) {
    const e = err as { data?: { message?: string }; message?: string };
    throw new Error(e?.data?.message ?? e?.message ?? String(err));
  }
}

/** An alert's severity label as the pages name it. */
export function severityText(severity: string): string {
  switch (severity) {
    case 'critical':
      return t('alerts.severity-critical', 'critical');
    case 'warning':
      return t('alerts.severity-warning', 'warning');
  }
  return severity;
}
