import {
  datasourcesJsonData,
  resolveDatasourceUids,
  type AppJsonData,
  type DatasourceUids,
} from '../../settings/appSettings';

/** secureJsonData keys of the app (pkg/settings SecretKeys). */
export const SECRET_KEYS = ['slackBotToken', 'pagerDutyIntegrationKey', 'webhookUrl'] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

/** A write-only secret: whether Grafana holds one, and what the user typed to replace it. */
export interface SecretField {
  configured: boolean;
  value: string;
}

export interface SettingsForm {
  datasources: DatasourceUids;
  opsEmail: string;
  criticalEmail: string;
  secrets: Record<SecretKey, SecretField>;
}

export interface FormError {
  field: string;
  rule: string;
}

// The backend's rules and messages (pkg/settings), so that the page and the API say the same.
export const EMAIL_LIST_RULE = 'must be a comma-separated list of email addresses';
export const WEBHOOK_URL_RULE = 'must be an absolute http or https URL';

const ADDRESS = /^(?:[^<>,]*<)?[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+>?$/;

export function formFromSettings(
  jsonData: AppJsonData | undefined,
  secureJsonFields: Record<string, boolean> | undefined
): SettingsForm {
  const secrets = {} as Record<SecretKey, SecretField>;
  for (const key of SECRET_KEYS) {
    secrets[key] = { configured: Boolean(secureJsonFields?.[key]), value: '' };
  }
  return {
    datasources: resolveDatasourceUids(jsonData),
    opsEmail: jsonData?.notifications?.opsEmail ?? '',
    criticalEmail: jsonData?.notifications?.criticalEmail ?? '',
    secrets,
  };
}

function emailListOk(v: string): boolean {
  return v.trim() === '' || v.split(',').every((part) => ADDRESS.test(part.trim()));
}

function urlOk(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/** Every broken rule of the form, named by its jsonData or secureJsonData path. */
export function validateForm(form: SettingsForm): FormError[] {
  const errors: FormError[] = [];
  if (!emailListOk(form.opsEmail)) {
    errors.push({ field: 'notifications.opsEmail', rule: EMAIL_LIST_RULE });
  }
  if (!emailListOk(form.criticalEmail)) {
    errors.push({ field: 'notifications.criticalEmail', rule: EMAIL_LIST_RULE });
  }
  const webhook = form.secrets.webhookUrl.value;
  if (webhook !== '' && !urlOk(webhook)) {
    errors.push({ field: 'secureJsonData.webhookUrl', rule: WEBHOOK_URL_RULE });
  }
  return errors;
}

export interface SettingsPayload {
  enabled: boolean;
  pinned: boolean;
  jsonData: AppJsonData;
  secureJsonData?: Partial<Record<SecretKey, string>>;
}

/**
 * What POST /api/plugins/<id>/settings receives. Only secrets the user typed or reset are sent:
 * an untouched secret stays as Grafana holds it, and no secret is ever read back.
 */
export function settingsPayload(
  form: SettingsForm,
  previous: AppJsonData | undefined,
  resets: SecretKey[] = []
): SettingsPayload {
  const notifications = {
    opsEmail: form.opsEmail.trim() || undefined,
    criticalEmail: form.criticalEmail.trim() || undefined,
  };
  const jsonData: AppJsonData = { ...previous, datasources: datasourcesJsonData(form.datasources), notifications };
  const secureJsonData: Partial<Record<SecretKey, string>> = {};
  for (const key of SECRET_KEYS) {
    if (form.secrets[key].value !== '') {
      secureJsonData[key] = form.secrets[key].value;
    } else if (resets.includes(key)) {
      secureJsonData[key] = '';
    }
  }
  return {
    enabled: true,
    pinned: true,
    jsonData,
    ...(Object.keys(secureJsonData).length > 0 ? { secureJsonData } : {}),
  };
}
