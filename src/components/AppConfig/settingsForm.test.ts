import { EMAIL_LIST_RULE, WEBHOOK_URL_RULE, formFromSettings, settingsPayload, validateForm } from './settingsForm';

const jsonData = {
  datasources: { lokiUid: 'my-loki' },
  notifications: { opsEmail: 'ops@hexabase.ai' },
  other: 1,
} as never;

describe('settings form', () => {
  it('reads the saved settings and which secrets Grafana holds, never their values', () => {
    const form = formFromSettings(jsonData, { slackBotToken: true });
    expect(form.opsEmail).toBe('ops@hexabase.ai');
    expect(form.datasources.loki).toBe('my-loki');
    expect(form.secrets).toEqual({
      slackBotToken: { configured: true, value: '' },
      pagerDutyIntegrationKey: { configured: false, value: '' },
      webhookUrl: { configured: false, value: '' },
    });
  });

  it('names each invalid field with the backend rule', () => {
    const form = formFromSettings(undefined, {});
    form.opsEmail = 'ops@hexabase.ai, not-an-address';
    form.criticalEmail = 'Critical Team <critical@hexabase.ai>';
    form.secrets.webhookUrl.value = 'hooks.example.test/x';
    expect(validateForm(form)).toEqual([
      { field: 'notifications.opsEmail', rule: EMAIL_LIST_RULE },
      { field: 'secureJsonData.webhookUrl', rule: WEBHOOK_URL_RULE },
    ]);
    form.opsEmail = 'ops@hexabase.ai, sre@hexabase.ai';
    form.secrets.webhookUrl.value = 'https://hooks.example.test/x';
    expect(validateForm(form)).toEqual([]);
  });

  it('sends only typed or reset secrets, keeps other settings, and omits defaults', () => {
    const form = formFromSettings(jsonData, { slackBotToken: true, webhookUrl: true });
    form.secrets.pagerDutyIntegrationKey.value = 'pd-key';
    expect(settingsPayload(form, jsonData, ['webhookUrl'])).toEqual({
      enabled: true,
      pinned: true,
      jsonData: {
        datasources: { lokiUid: 'my-loki' },
        notifications: { opsEmail: 'ops@hexabase.ai', criticalEmail: undefined },
        other: 1,
      },
      secureJsonData: { pagerDutyIntegrationKey: 'pd-key', webhookUrl: '' },
    });
    expect(settingsPayload(formFromSettings(jsonData, { slackBotToken: true }), jsonData)).not.toHaveProperty(
      'secureJsonData'
    );
  });
});
