import React from 'react';
import { t } from '@grafana/i18n';
import { Field, FieldSet, Input, SecretInput, Stack } from '@grafana/ui';

import { DEFAULT_SLACK_CHANNELS, type SlackChannelKey } from '../../generated/notifications';
import { ruleText } from './ruleText';
import { errorOf, secretRule, type FormError, type SecretKey, type SettingsForm } from './settingsForm';

/** What a secret's field shows: the rule the typed value breaks, else the one the API reported. */
export function secretError(errors: FormError[], key: SecretKey, value: string): string | undefined {
  const rule = secretRule(key, value) ?? errors.find((e) => e.field === `secureJsonData.${key}`)?.rule;
  return rule === undefined ? undefined : ruleText(rule);
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
