import React from 'react';
import { render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { initPluginTranslations } from '@grafana/i18n';

import {
  SECRET_CHARS_RULE,
  SECRET_KEYS as GENERATED_SECRET_KEYS,
  SECRET_SIZE_RULE,
  WEBHOOK_URL_RULE,
} from '../../generated/notifications';
import ja from '../../locales/ja-JP/hexabase-monitoring-app.json';
import cases from '../../../pkg/settings/testdata/secret-rules.json';
import { NotificationsSection, secretError } from './NotificationsSection';
import { formFromSettings, SECRET_KEYS, validateForm, type SecretKey, type SettingsForm } from './settingsForm';

const RULES: Record<string, string | undefined> = {
  '': undefined,
  chars: SECRET_CHARS_RULE,
  size: SECRET_SIZE_RULE,
  webhookUrl: WEBHOOK_URL_RULE,
};

function withSecret(key: SecretKey, value: string): SettingsForm {
  const form = formFromSettings({}, {});
  return { ...form, secrets: { ...form.secrets, [key]: { configured: false, value } } };
}

describe('secrets on the configuration page', () => {
  it('are the keys the backend reads', () => {
    expect([...SECRET_KEYS]).toEqual([...GENERATED_SECRET_KEYS]);
  });

  // The same cases run in Go against pkg/settings SecretRule (TestSharedSecretRules).
  it.each(cases)('refuse what the backend refuses, with its words: $name', (c) => {
    const key = c.key as SecretKey;
    const value = c.repeat ? c.value.repeat(c.repeat) : c.value;
    expect(secretError(validateForm(withSecret(key, value)), key, value)).toBe(RULES[c.rule]);
  });

  it('show the rule a secret breaks under its field, never the value', () => {
    const form = withSecret('slackBotToken', 'xoxb-secret-4711\nX-Injected: 1');
    const { container } = render(
      <NotificationsSection form={form} errors={[]} onChange={() => {}} onReset={() => {}} />
    );
    expect(screen.getByText(SECRET_CHARS_RULE)).toBeInTheDocument();
    expect(container.textContent).not.toContain('4711');
  });

  it('show the rule the API reported for a secret when the page has none', () => {
    const form = withSecret('pagerDutyIntegrationKey', 'key');
    const errors = [{ field: 'secureJsonData.pagerDutyIntegrationKey', rule: SECRET_SIZE_RULE }];
    render(<NotificationsSection form={form} errors={errors} onChange={() => {}} onReset={() => {}} />);
    expect(screen.getByText(SECRET_SIZE_RULE)).toBeInTheDocument();
  });

  it('let an empty secret through: it resets the saved one', () => {
    expect(secretError([], 'webhookUrl', '')).toBeUndefined();
  });
});

describe('secret rules in Japanese', () => {
  beforeAll(async () => {
    await initPluginTranslations('hexabase-monitoring-app');
    i18n.addResourceBundle('ja-JP', 'hexabase-monitoring-app', ja, true, true);
    await i18n.changeLanguage('ja-JP');
  });
  afterAll(async () => {
    await i18n.changeLanguage('en-US');
  });

  it('are translated', () => {
    expect(secretError([], 'slackBotToken', 'a\nb')).toBe(ja.config.rules['secret-chars']);
    expect(secretError([], 'slackBotToken', 'x'.repeat(4097))).toBe(ja.config.rules['secret-size']);
  });
});
