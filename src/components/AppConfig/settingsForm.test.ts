import { SECRET_CHARS_RULE, SECRET_SIZE_RULE } from '../../generated/notifications';
import { DEFAULT_PLANS, RULES } from '../../generated/plans';
import {
  EMAIL_LIST_RULE,
  WEBHOOK_URL_RULE,
  formFromSettings,
  settingsPayload,
  validateForm,
  validatePayload,
} from './settingsForm';

const jsonData = {
  datasources: { lokiUid: 'my-loki' },
  notifications: { opsEmail: 'ops@hexabase.ai' },
  plans: { shared: { scrapeInterval: '60s' } },
  workspaces: [{ id: 'ws-0007', clusterId: 'cluster-b', plan: 'dedicated' }],
};

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
    expect(form.plans.shared.scrapeInterval).toBe('60s');
    expect(form.plans.shared.queue.maxShards).toBe('10');
    expect(form.plans.dedicated.alertmanagerTarget).toBe('alertmanager:9093');
    expect(form.workspaces).toEqual(jsonData.workspaces);
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

  it('names invalid plans and workspaces as the API does', () => {
    const form = formFromSettings(jsonData, {});
    form.plans.shared.scrapeInterval = '1h';
    form.plans.dedicated.remoteWriteUrl = 'http://central/"write';
    form.workspaces.push({ id: 'ws-0007', clusterId: 'Cluster_B', plan: 'gold' });
    expect(validateForm(form)).toEqual([
      { field: 'plans.shared.scrapeInterval', rule: RULES.duration },
      { field: 'plans.dedicated.remoteWriteUrl', rule: RULES.url },
      { field: 'workspaces[1].clusterId', rule: RULES.id },
      { field: 'workspaces[1].plan', rule: RULES.plan },
      { field: 'workspaces[1].id', rule: RULES.duplicateId },
    ]);
  });

  it('sends only typed or reset secrets, the changed plans and the manual workspaces', () => {
    const form = formFromSettings(jsonData, { slackBotToken: true, webhookUrl: true });
    form.secrets.pagerDutyIntegrationKey.value = 'pd-key';
    form.plans.dedicated.thresholds.errorRatio = '0.02';
    form.slackChannels.vcluster = ' #vc-oncall ';
    expect(settingsPayload(form, ['webhookUrl'])).toEqual({
      enabled: true,
      pinned: true,
      jsonData: {
        datasources: { lokiUid: 'my-loki' },
        notifications: {
          opsEmail: 'ops@hexabase.ai',
          criticalEmail: undefined,
          slackChannels: { vcluster: '#vc-oncall' },
        },
        plans: {
          shared: { ...DEFAULT_PLANS.shared, scrapeInterval: '60s', alertmanagerTarget: '', ruleFiles: [] },
          dedicated: { ...DEFAULT_PLANS.dedicated, thresholds: { errorRatio: 0.02 } },
        },
        workspaces: [{ id: 'ws-0007', clusterId: 'cluster-b', plan: 'dedicated' }],
      },
      secureJsonData: { pagerDutyIntegrationKey: 'pd-key', webhookUrl: '' },
    });
    const untouched = settingsPayload(formFromSettings(undefined, { slackBotToken: true }));
    expect(untouched).not.toHaveProperty('secureJsonData');
    expect(untouched.jsonData).toEqual({ datasources: {}, notifications: {} });
  });

  it('refuses a payload larger than the backend accepts', () => {
    const form = formFromSettings(undefined, {});
    form.workspaces = Array.from({ length: 20000 }, (_, i) => ({
      id: `${'w'.repeat(55)}-${i}`,
      clusterId: 'c'.repeat(63),
      plan: 'dedicated',
    }));
    expect(validatePayload(settingsPayload(form))).toEqual([{ field: 'jsonData', rule: RULES.jsonDataSize }]);
    form.workspaces = form.workspaces.slice(0, 10000);
    expect(validatePayload(settingsPayload(form))).toEqual([]);
  });
});

describe('secrets in the form', () => {
  // Save stays disabled while a typed secret breaks a rule, as it does for every other field.
  it('are refused by validateForm, naming the key and never the value', () => {
    const form = formFromSettings(undefined, {});
    form.secrets.slackBotToken = { configured: false, value: 'xoxb-1\nX-Injected: 1' };
    form.secrets.pagerDutyIntegrationKey = { configured: false, value: 'k'.repeat(4097) };
    form.secrets.webhookUrl = { configured: true, value: '' };
    expect(validateForm(form)).toEqual([
      { field: 'secureJsonData.slackBotToken', rule: SECRET_CHARS_RULE },
      { field: 'secureJsonData.pagerDutyIntegrationKey', rule: SECRET_SIZE_RULE },
    ]);
  });
});
