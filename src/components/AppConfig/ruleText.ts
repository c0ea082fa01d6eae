import { t } from '@grafana/i18n';

import { API_RULES } from '../../generated/apiRules';
import {
  EMAIL_LIST_RULE,
  SECRET_CHARS_RULE,
  SECRET_SIZE_RULE,
  SLACK_CHANNEL_RULE,
  WEBHOOK_URL_RULE,
} from '../../generated/notifications';
import { RULES } from '../../generated/plans';

/** Each generated rule in the user's language; the type makes a new rule need its translation. */
export const PLAN_RULE_TEXTS: Record<keyof typeof RULES, () => string> = {
  id: () =>
    t(
      'config.rules.id',
      "must be a DNS-1123 label: 1 to 63 lower-case letters, digits or '-', starting and ending with a letter or digit"
    ),
  url: () =>
    t(
      'config.rules.url',
      'must be an absolute http or https URL without spaces, quotes or braces, with a host name, a port from 1 to 65535 and % only in %XX escapes'
    ),
  header: () => t('config.rules.header', "must be an HTTP header name of letters, digits and '-'"),
  reservedHeader: () =>
    t(
      'config.rules.reserved-header',
      "must not be a header that Prometheus' remote write sets itself, such as Authorization, Content-Type or User-Agent"
    ),
  target: () => t('config.rules.target', 'must be host:port, with a host name and a port from 1 to 65535'),
  duration: () => t('config.rules.duration', 'must be a duration between 5s and 10m, such as 30s'),
  ruleFile: () =>
    t(
      'config.rules.rule-file',
      "must be a file path or glob of letters, digits and _ . / * -, absolute or inside a directory (a bare name resolves next to prometheus.yml), with no part starting with '.' and * only in the file name"
    ),
  plan: () => t('config.rules.plan', 'must be shared or dedicated'),
  queue: () => t('config.rules.queue', 'must be a whole number between 1 and 100000'),
  jobs: () => t('config.rules.jobs', 'must enable at least one job'),
  tenant: () =>
    t('config.rules.tenant', "must be a tenant id of 1 to 150 letters, digits, '_', '.' or '-', other than . and .."),
  platformTenant: () =>
    t(
      'config.rules.platform-tenant',
      'needs a remote-write URL and a tenant header: the platform tenant is a second write to the same store'
    ),
  objective: () => t('config.rules.objective', 'must be a ratio above 0.9 and below 1, such as 0.999'),
  platformWideShare: () => t('config.rules.platform-wide-share', 'must be a ratio above 0 and at most 1'),
  job: () =>
    t(
      'config.rules.job',
      'must be one of kubernetes-pods, kubernetes-nodes, kubernetes-services, kubernetes-apiservers, kubernetes-nodes-cadvisor, hexabase-applications'
    ),
  ratio: () => t('config.rules.ratio', 'must be a ratio above 0 and at most 1, such as 0.05'),
  seconds: () => t('config.rules.seconds', 'must be a number of seconds above 0 and at most 600'),
  thresholds: () =>
    t('config.rules.thresholds', 'apply only to a plan whose Prometheus evaluates rules: set alertmanagerTarget'),
  duplicateId: () => t('config.rules.duplicate-id', 'is already the id of another workspace'),
  jsonDataSize: () => t('config.rules.json-data-size', 'must be at most 2 MiB of JSON'),
  workspacesCount: () => t('config.rules.workspaces-count', 'must list at most 2000 workspaces'),
};

/** Other rules of the page and the backend, by their English words. */
export const OTHER_RULE_TEXTS: Array<[string, () => string]> = [
  [
    SLACK_CHANNEL_RULE,
    () =>
      t(
        'config.rules.slack-channel',
        'must be a Slack channel name such as #critical-alerts (lower case, at most 80 characters) or a channel id such as C0123456789'
      ),
  ],
  [EMAIL_LIST_RULE, () => t('config.rules.email-list', 'must be a comma-separated list of email addresses')],
  [WEBHOOK_URL_RULE, () => t('config.rules.webhook-url', 'must be an absolute http or https URL')],
  [SECRET_SIZE_RULE, () => t('config.rules.secret-size', 'must be at most 4 KiB')],
  [SECRET_CHARS_RULE, () => t('config.rules.secret-chars', 'must be one line without control characters')],
];

/** Rules only the backend checks (generated from its Go constants), in the user's language. */
export const API_RULE_TEXTS: Record<keyof typeof API_RULES, () => string> = {
  unknownSetting: () => t('config.rules.unknown-setting', 'is not a setting of this app'),
  notAPlan: () => t('config.rules.not-a-plan', 'is not a plan (shared or dedicated)'),
  duplicateKey: () => t('config.rules.duplicate-key', 'is set more than once'),
  longKey: () => t('config.rules.long-key', 'holds a key of more than 128 characters, which is no setting of this app'),
  oneValue: () => t('config.rules.one-value', 'must be one JSON value, with nothing after it'),
  listCount: () => t('config.rules.list-count', 'must list at most 1000 entries'),
  secretKey: () => t('config.rules.secret-key', 'is not a secret of this app'),
  secureJsonDataSize: () => t('config.rules.secure-json-data-size', 'must be at most 128 KiB of JSON'),
  bodySize: () => t('config.rules.body-size', 'must be at most 2 MiB of jsonData and 128 KiB of secureJsonData'),
  body: () => t('config.rules.body', 'must be a JSON object with jsonData and secureJsonData'),
  string: () => t('config.rules.type-string', 'must be a string'),
  wholeNumber: () => t('config.rules.type-whole-number', 'must be a whole number'),
  number: () => t('config.rules.type-number', 'must be a number'),
  list: () => t('config.rules.type-list', 'must be a list'),
  boolean: () => t('config.rules.type-boolean', 'must be true or false'),
  object: () => t('config.rules.type-object', 'must be an object'),
  page: () => t('config.rules.page', 'must be a whole number from 1 to 1000000'),
  perPage: () => t('config.rules.per-page', 'must be a whole number from 1 to 500'),
  search: () => t('config.rules.search', 'must be at most 100 characters'),
  repeated: () => t('config.rules.repeated', 'must be given once'),
  filterCount: () => t('config.rules.filter-count', 'must be given at most 100 times'),
  filterValue: () => t('config.rules.filter-value', 'must be at most 128 characters each'),
};

const BY_RULE = new Map<string, () => string>([
  ...(Object.keys(RULES) as Array<keyof typeof RULES>).map(
    (k) => [RULES[k], PLAN_RULE_TEXTS[k]] as [string, () => string]
  ),
  ...(Object.keys(API_RULES) as Array<keyof typeof API_RULES>).map(
    (k) => [API_RULES[k], API_RULE_TEXTS[k]] as [string, () => string]
  ),
  ...OTHER_RULE_TEXTS,
]);

/**
 * The rule a field breaks, in the user's language. Rules arrive in English from the page's
 * checks and from the API alike (the backend's words); one the page does not know stays as is.
 */
export function ruleText(rule: string): string {
  return BY_RULE.get(rule)?.() ?? rule;
}
