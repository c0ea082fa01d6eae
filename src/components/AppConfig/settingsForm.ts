import {
  EMAIL_ADDRESS_PATTERN,
  EMAIL_LIST_RULE,
  MAX_SECRET_BYTES,
  SECRET_CHARS_RULE,
  SECRET_FORBIDDEN_PATTERN,
  SECRET_SIZE_RULE,
  SLACK_CHANNEL_KEYS,
  SLACK_CHANNEL_PATTERN,
  SLACK_CHANNEL_RULE,
  WEBHOOK_URL_PATTERN,
  WEBHOOK_URL_RULE,
  type SlackChannelKey,
} from '../../generated/notifications';
import { DEFAULT_INCIDENTS, LIMITS, PLAN_NAMES, RULES, type PlanName } from '../../generated/plans';
import { ruleText } from './ruleText';
import {
  datasourcesJsonData,
  resolveDatasourceUids,
  type AppJsonData,
  type DatasourceUids,
} from '../../settings/appSettings';
import {
  decimal,
  planForm,
  planSettings,
  plansJsonData,
  resolvePlan,
  utf8Bytes,
  validatePlan,
  validateWorkspaces,
  type PlanForm,
  type PlanSettings,
  type WorkspaceSettings,
} from '../../settings/plans';

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
  /** Empty keeps the design's channel. */
  slackChannels: Record<SlackChannelKey, string>;
  secrets: Record<SecretKey, SecretField>;
  plans: Record<PlanName, PlanForm>;
  /** Workspaces added by hand; the discovered ones live in Prometheus, not in the settings. */
  workspaces: WorkspaceSettings[];
  /** incidents.platformWideShare as typed. */
  platformWideShare: string;
}

export interface FormError {
  field: string;
  rule: string;
}

export { EMAIL_LIST_RULE, WEBHOOK_URL_RULE };

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
    slackChannels: {
      critical: jsonData?.notifications?.slackChannels?.critical ?? '',
      vcluster: jsonData?.notifications?.slackChannels?.vcluster ?? '',
      infrastructure: jsonData?.notifications?.slackChannels?.infrastructure ?? '',
    },
    secrets,
    plans: {
      shared: planForm(resolvePlan('shared', jsonData?.plans?.shared)),
      dedicated: planForm(resolvePlan('dedicated', jsonData?.plans?.dedicated)),
    },
    workspaces: [...(jsonData?.workspaces ?? [])],
    platformWideShare: String(jsonData?.incidents?.platformWideShare ?? DEFAULT_INCIDENTS.platformWideShare),
  };
}

function emailListOk(v: string): boolean {
  return v.trim() === '' || v.split(',').every((part) => EMAIL_ADDRESS_PATTERN.test(part.trim()));
}

function urlOk(v: string): boolean {
  if (!WEBHOOK_URL_PATTERN.test(v)) {
    return false;
  }
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/** Every broken rule of the form, named by its jsonData or secureJsonData path. */
/**
 * The rule a typed secret breaks, in pkg/settings SecretRule's order (size, the webhook URL's
 * form, characters); empty resets the secret and breaks none.
 */
export function secretRule(key: SecretKey, value: string): string | undefined {
  if (value === '') {
    return undefined;
  }
  if (utf8Bytes(value) > MAX_SECRET_BYTES) {
    return SECRET_SIZE_RULE;
  }
  if (key === 'webhookUrl' && !urlOk(value)) {
    return WEBHOOK_URL_RULE;
  }
  return SECRET_FORBIDDEN_PATTERN.test(value) ? SECRET_CHARS_RULE : undefined;
}

export function validateForm(form: SettingsForm): FormError[] {
  const errors: FormError[] = [];
  if (!emailListOk(form.opsEmail)) {
    errors.push({ field: 'notifications.opsEmail', rule: EMAIL_LIST_RULE });
  }
  if (!emailListOk(form.criticalEmail)) {
    errors.push({ field: 'notifications.criticalEmail', rule: EMAIL_LIST_RULE });
  }
  for (const key of SLACK_CHANNEL_KEYS) {
    const v = form.slackChannels[key].trim();
    if (v !== '' && !SLACK_CHANNEL_PATTERN.test(v)) {
      errors.push({ field: `notifications.slackChannels.${key}`, rule: SLACK_CHANNEL_RULE });
    }
  }
  for (const key of SECRET_KEYS) {
    const rule = secretRule(key, form.secrets[key].value);
    if (rule !== undefined) {
      errors.push({ field: `secureJsonData.${key}`, rule });
    }
  }
  for (const name of PLAN_NAMES) {
    errors.push(...validatePlan(name, form.plans[name]));
  }
  errors.push(...validateWorkspaces(form.workspaces));
  const share = decimal(form.platformWideShare);
  if (!(share > 0 && share <= 1)) {
    errors.push({ field: 'incidents.platformWideShare', rule: RULES.platformWideShare });
  }
  return errors;
}

/** Rules that only the whole payload can break: its size, as the backend limits it. */
export function validatePayload(payload: SettingsPayload): FormError[] {
  return utf8Bytes(JSON.stringify(payload.jsonData)) > LIMITS.maxJsonDataBytes
    ? [{ field: 'jsonData', rule: RULES.jsonDataSize }]
    : [];
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
export function settingsPayload(form: SettingsForm, resets: SecretKey[] = []): SettingsPayload {
  const slackChannels: Partial<Record<SlackChannelKey, string>> = {};
  for (const key of SLACK_CHANNEL_KEYS) {
    if (form.slackChannels[key].trim() !== '') {
      slackChannels[key] = form.slackChannels[key].trim();
    }
  }
  const notifications = {
    opsEmail: form.opsEmail.trim() || undefined,
    criticalEmail: form.criticalEmail.trim() || undefined,
    ...(Object.keys(slackChannels).length > 0 ? { slackChannels } : {}),
  };
  const plans = {} as Record<PlanName, PlanSettings>;
  for (const name of PLAN_NAMES) {
    plans[name] = planSettings(name, form.plans[name]);
  }
  const savedPlans = plansJsonData(plans);
  const share = decimal(form.platformWideShare);
  // Built from the form alone: the backend refuses keys it does not know, which the page could not fix.
  const jsonData: AppJsonData = {
    datasources: datasourcesJsonData(form.datasources),
    notifications,
    ...(Object.keys(savedPlans).length > 0 ? { plans: savedPlans } : {}),
    ...(form.workspaces.length > 0 ? { workspaces: form.workspaces } : {}),
    // Only when it differs from the default, so that the default can evolve.
    ...(share !== DEFAULT_INCIDENTS.platformWideShare ? { incidents: { platformWideShare: share } } : {}),
  };
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

/** The rule a field breaks, in the user's language, for the Field that shows it. */
export function errorOf(errors: FormError[], field: string): string | undefined {
  const rule = errors.find((e) => e.field === field)?.rule;
  return rule === undefined ? undefined : ruleText(rule);
}

/** jsonData of the form without its workspaces, to tell cheaply whether the rest changed. */
export function settingsJsonWithoutWorkspaces(form: SettingsForm): string {
  return JSON.stringify(settingsPayload({ ...form, workspaces: [] }).jsonData);
}

/** Once saved, a typed secret is held by Grafana: shown as configured, its value dropped from the page. */
export function secretsAfterSave(secrets: Record<SecretKey, SecretField>): Record<SecretKey, SecretField> {
  const out = { ...secrets };
  for (const key of SECRET_KEYS) {
    out[key] = { configured: secrets[key].configured || secrets[key].value !== '', value: '' };
  }
  return out;
}
