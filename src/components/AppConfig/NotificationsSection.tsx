import React from 'react';
import { t } from '@grafana/i18n';
import { Field, FieldSet, Input, SecretInput, Stack } from '@grafana/ui';

import {
  DEFAULT_SLACK_CHANNELS,
  MAX_SECRET_BYTES,
  SECRET_CHARS_RULE,
  SECRET_FORBIDDEN_PATTERN,
  SECRET_SIZE_RULE,
  type SlackChannelKey,
} from '../../generated/notifications';
import { utf8Bytes } from '../../settings/plans';
import { ruleText } from './ruleText';
import { errorOf, type FormError, type SecretKey, type SettingsForm } from './settingsForm';

/** The secret rules this section checks, in the user's language. */
const SECRET_RULE_TEXTS = new Map<string, () => string>([
  [SECRET_SIZE_RULE, () => t('config.rules.secret-size', 'must be at most 4 KiB')],
  [SECRET_CHARS_RULE, () => t('config.rules.secret-chars', 'must be one line without control characters')],
]);

/**
 * The size or character rule a typed secret breaks, as pkg/settings SecretRule checks them; empty
 * resets the secret and breaks none. The webhook URL rule is the form's (validateForm).
 */
export function secretRule(value: string): string | undefined {
  if (value === '') {
    return undefined;
  }
  if (utf8Bytes(value) > MAX_SECRET_BYTES) {
    return SECRET_SIZE_RULE;
  }
  return SECRET_FORBIDDEN_PATTERN.test(value) ? SECRET_CHARS_RULE : undefined;
}

/** What a secret's field shows: its size first, then the form's or the API's rule, then its characters. */
export function secretError(errors: FormError[], key: SecretKey, value: string): string | undefined {
  const own = secretRule(value);
  const reported = errors.find((e) => e.field === `secureJsonData.${key}`)?.rule;
  const rule =
    own === SECRET_SIZE_RULE || reported === undefined || SECRET_RULE_TEXTS.has(reported)
      ? (own ?? reported)
      : reported;
  return rule === undefined ? undefined : (SECRET_RULE_TEXTS.get(rule)?.() ?? ruleText(rule));
}

interface Props {
  form: SettingsForm;
  errors: FormError[];
  onChange: (form: SettingsForm) => void;
  onReset: (key: SecretKey) => void;
}

/** Addresses in jsonData; credentials write-only in secureJsonData (set, replace or reset). */
export function NotificationsSection({ form, errors, onChange, onReset }: Props) {
  const secret = (key: SecretKey, label: string, description: string) => (
    <Field
      label={label}
      description={description}
      invalid={Boolean(secretError(errors, key, form.secrets[key].value))}
      error={secretError(errors, key, form.secrets[key].value)}
    >
      <SecretInput
        id={`hexabase-${key}`}
        width={60}
        isConfigured={form.secrets[key].configured}
        value={form.secrets[key].value}
        onReset={() => onReset(key)}
        onChange={(e) =>
          onChange({
            ...form,
            secrets: { ...form.secrets, [key]: { ...form.secrets[key], value: e.currentTarget.value } },
          })
        }
      />
    </Field>
  );
  const email = (key: 'opsEmail' | 'criticalEmail', label: string) => (
    <Field
      label={label}
      invalid={Boolean(errorOf(errors, `notifications.${key}`))}
      error={errorOf(errors, `notifications.${key}`)}
    >
      <Input
        id={`hexabase-${key}`}
        width={60}
        value={form[key]}
        placeholder={t('config.email-placeholder', 'ops-team@example.com, sre@example.com')}
        onChange={(e) => onChange({ ...form, [key]: e.currentTarget.value })}
      />
    </Field>
  );
  const channel = (key: SlackChannelKey, label: string) => (
    <Field
      label={label}
      invalid={Boolean(errorOf(errors, `notifications.slackChannels.${key}`))}
      error={errorOf(errors, `notifications.slackChannels.${key}`)}
    >
      <Input
        id={`hexabase-slack-${key}`}
        width={30}
        value={form.slackChannels[key]}
        placeholder={DEFAULT_SLACK_CHANNELS[key]}
        onChange={(e) => onChange({ ...form, slackChannels: { ...form.slackChannels, [key]: e.currentTarget.value } })}
      />
    </Field>
  );
  return (
    <FieldSet label={t('config.notifications', 'Notifications')}>
      {email('opsEmail', t('config.ops-email', 'Operations team email addresses'))}
      {email('criticalEmail', t('config.critical-email', 'Critical alerts email addresses'))}
      {secret(
        'slackBotToken',
        t('config.slack-token', 'Slack bot token'),
        t('config.slack-token-description', 'Posts critical, vCluster and infrastructure alerts to the channels below.')
      )}
      <Stack direction="row" gap={2} wrap="wrap">
        {channel('critical', t('config.slack-channel-critical', 'Slack channel for critical alerts'))}
        {channel('vcluster', t('config.slack-channel-vcluster', 'Slack channel for vCluster alerts'))}
        {channel('infrastructure', t('config.slack-channel-infrastructure', 'Slack channel for infrastructure alerts'))}
      </Stack>
      {secret(
        'pagerDutyIntegrationKey',
        t('config.pagerduty-key', 'PagerDuty integration key'),
        t('config.pagerduty-key-description', 'Events API v2 key that pages for critical alerts.')
      )}
      {secret(
        'webhookUrl',
        t('config.webhook-url', 'Webhook URL'),
        t('config.webhook-url-description', 'Receives every alert as Grafana webhook JSON; it may carry a token.')
      )}
    </FieldSet>
  );
}
