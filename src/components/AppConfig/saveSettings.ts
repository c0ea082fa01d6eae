import { t } from '@grafana/i18n';
import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { PLUGIN_ID } from '../../constants';
import type { AppJsonData } from '../../settings/appSettings';

export interface HealthResult {
  status: 'OK' | 'ERROR' | string;
  message: string;
  details?: { settingsValid?: boolean; errors?: Array<{ field: string; rule: string }> };
}

/** Saves the app's settings, then asks the backend (rebuilt with them) whether they are valid. */
export async function saveSettings(enabled: boolean, jsonData: AppJsonData): Promise<HealthResult> {
  await lastValueFrom(
    getBackendSrv().fetch({
      url: `/api/plugins/${PLUGIN_ID}/settings`,
      method: 'POST',
      data: { enabled, pinned: enabled, jsonData },
    })
  );
  return checkHealth();
}

export async function checkHealth(): Promise<HealthResult> {
  const response = await lastValueFrom(
    getBackendSrv().fetch<HealthResult>({
      url: `/api/plugins/${PLUGIN_ID}/health`,
      method: 'GET',
      showErrorAlert: false,
    })
  ).catch((err: { data?: HealthResult }) => ({ data: err.data }));
  return response.data ?? { status: 'ERROR', message: t('config.health-no-answer', 'The health check did not answer') };
}
