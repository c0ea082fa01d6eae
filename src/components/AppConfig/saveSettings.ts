import { t } from '@grafana/i18n';
import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { PLUGIN_ID } from '../../constants';
import type { FormError, SettingsPayload } from './settingsForm';

export interface HealthResult {
  status: 'OK' | 'ERROR' | string;
  message: string;
  details?: {
    settingsValid?: boolean;
    errors?: Array<{ field: string; rule: string }>;
    /** Errors left out of the capped list. */
    more?: number;
    datasources?: Record<string, { uid: string; status: string; message?: string }>;
    reachability?: string;
  };
}

export interface InstallChange {
  kind: string;
  name: string;
  action: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed' | 'kept' | 'provisioned' | 'deleted';
  detail?: string;
}

export interface InstallAnswer {
  error?: string;
  result?: { changes: InstallChange[]; notes?: string[] };
}

/** Where the recording rules went (pkg/alerting/ruler Result). */
export interface RecordingRulesAnswer {
  error?: string;
  result?: {
    datasource: string;
    /** The ruler API Grafana used: cortex or mimir. */
    ruler?: string;
    namespace: string;
    changes: InstallChange[];
    /** Why the datasource has no ruler: the rule file stays a manual step. */
    noRuler?: string;
  };
}

const RESOURCES = `/api/plugins/${PLUGIN_ID}/resources`;

/**
 * Asks the backend whether the settings are valid before they are stored: the errors it names,
 * or none. Only a 400 refuses; a backend that cannot answer yet (an app being enabled for the
 * first time has no running instance) leaves the decision to the page's own validation.
 */
export interface Refusal {
  errors: FormError[];
  /** Errors the backend left out of its capped list. */
  more: number;
}

export async function validateSettings(payload: SettingsPayload): Promise<Refusal> {
  try {
    await lastValueFrom(
      getBackendSrv().fetch({
        url: `${RESOURCES}/settings/validate`,
        method: 'POST',
        data: { jsonData: payload.jsonData, secureJsonData: payload.secureJsonData ?? {} },
        showErrorAlert: false,
      })
    );
    return { errors: [], more: 0 };
  } catch (err) {
    const e = err as { status?: number; data?: { errors?: FormError[]; error?: string; more?: number } };
    if (e.status === 400) {
      return { errors: e.data?.errors ?? [{ field: 'jsonData', rule: e.data?.error ?? '' }], more: e.data?.more ?? 0 };
    }
    return { errors: [], more: 0 };
  }
}

/** Saves the app's settings, then asks the backend (rebuilt with them) whether they are valid. */
export async function saveSettings(payload: SettingsPayload): Promise<HealthResult> {
  await lastValueFrom(
    getBackendSrv().fetch({ url: `/api/plugins/${PLUGIN_ID}/settings`, method: 'POST', data: payload })
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

export interface InstallOptions {
  /** Rewrite the integrations that carry a secret: Grafana never returns secrets to compare. */
  rotateSecrets: boolean;
  /** Replace rules an operator changed in Grafana with the app's version. */
  overwrite: boolean;
}

/** The installer's URL with the options that are set. */
export function installUrl({ rotateSecrets, overwrite }: InstallOptions): string {
  const params = new URLSearchParams();
  if (rotateSecrets) {
    params.set('rotateSecrets', 'true');
  }
  if (overwrite) {
    params.set('overwrite', 'true');
  }
  const query = params.toString();
  return `${RESOURCES}/alerting/install${query ? `?${query}` : ''}`;
}

/** Runs the backend's installer of the app's alerting; failures come back with what was done. */
export function installAlerting(options: InstallOptions): Promise<InstallAnswer> {
  return runInstaller<InstallAnswer>(installUrl(options));
}

export const RECORDING_RULES_URL = `${RESOURCES}/alerting/recording-rules/install`;

/** Runs the backend's installer of the recording rules into the ruler behind the Prometheus datasource. */
export function installRecordingRules(): Promise<RecordingRulesAnswer> {
  return runInstaller<RecordingRulesAnswer>(RECORDING_RULES_URL);
}

/** Posts to an installer route; a refusal comes back as the answer, always with an error to show. */
async function runInstaller<T extends { error?: string }>(url: string): Promise<T> {
  const response = await lastValueFrom(getBackendSrv().fetch<T>({ url, method: 'POST', showErrorAlert: false })).catch(
    (err: { status?: number; statusText?: string; data?: T & { message?: string } }) => {
      const data = err.data ?? ({} as T & { message?: string });
      const error =
        data.error ||
        data.message ||
        err.statusText ||
        t('config.install-no-reason', 'The backend answered {{status}} without a reason', {
          status: err.status ?? '?',
        });
      return { data: { ...data, error } };
    }
  );
  return response.data ?? ({} as T);
}
