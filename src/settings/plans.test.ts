import { readFileSync } from 'fs';
import { join } from 'path';

import { EMAIL_LIST_RULE, SLACK_CHANNEL_RULE, WEBHOOK_URL_RULE } from '../generated/notifications';
import { DEFAULT_PLANS, RULES } from '../generated/plans';
import { formFromSettings, validateForm } from '../components/AppConfig/settingsForm';
import type { AppJsonData } from './appSettings';
import {
  durationSeconds,
  planForm,
  planSettings,
  plansJsonData,
  resolvePlan,
  validatePlan,
  type PlanForm,
} from './plans';

const OTHER_RULES = { slackChannel: SLACK_CHANNEL_RULE, emailList: EMAIL_LIST_RULE, webhookUrl: WEBHOOK_URL_RULE };

interface Case {
  name: string;
  jsonData: AppJsonData;
  secureJsonData?: { webhookUrl?: string };
  errors: Array<{ field: string; rule: keyof typeof RULES | keyof typeof OTHER_RULES }>;
}

// The same cases run in Go against the API (pkg/settings/shared_cases_test.go).
const cases: Case[] = JSON.parse(
  readFileSync(join(__dirname, '../../tests/fixtures/settings-validation.json'), 'utf8')
);

describe('plan and workspace validation', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: the page names what the API names', (_, c) => {
    const form = formFromSettings(c.jsonData, {});
    form.secrets.webhookUrl.value = c.secureJsonData?.webhookUrl ?? '';
    const got = validateForm(form)
      .map((e) => `${e.field}: ${e.rule}`)
      .sort();
    const rule = (r: Case['errors'][number]['rule']) =>
      r in OTHER_RULES ? OTHER_RULES[r as keyof typeof OTHER_RULES] : RULES[r as keyof typeof RULES];
    const want = c.errors.map((e) => `${e.field}: ${rule(e.rule)}`).sort();
    expect(got).toEqual(want);
  });

  it('reads durations as Prometheus writes them', () => {
    expect(durationSeconds('30s')).toBe(30);
    expect(durationSeconds('10m')).toBe(600);
    expect(durationSeconds('1500ms')).toBe(1.5);
    expect(durationSeconds('1m30s')).toBeUndefined();
    expect(durationSeconds(' 30s')).toBeUndefined();
  });

  it('asks for an Alertmanager before thresholds can apply', () => {
    const form = planForm(DEFAULT_PLANS.dedicated);
    form.thresholds.quotaRatio = '0.9';
    expect(validatePlan('dedicated', form)).toEqual([]);
    form.alertmanagerTarget = '';
    expect(validatePlan('dedicated', form)).toEqual([{ field: 'plans.dedicated.thresholds', rule: RULES.thresholds }]);
  });

  it('saves a plan as the backend reads it, and nothing for an unchanged plan', () => {
    const form = planForm(resolvePlan('dedicated', undefined));
    expect(planSettings('dedicated', form)).toEqual(DEFAULT_PLANS.dedicated);
    form.jobs = ['hexabase-applications', 'kubernetes-pods'];
    form.ruleFiles = ' /etc/prometheus/rules/*.yml , rules/extra.yml ';
    form.queue.maxShards = '5';
    expect(planSettings('dedicated', form)).toEqual({
      ...DEFAULT_PLANS.dedicated,
      jobs: ['kubernetes-pods', 'hexabase-applications'],
      ruleFiles: ['/etc/prometheus/rules/*.yml', 'rules/extra.yml'],
      queue: { ...DEFAULT_PLANS.dedicated.queue, maxShards: 5 },
    });
    const shared = planSettings('shared', planForm(DEFAULT_PLANS.shared));
    expect(plansJsonData({ shared, dedicated: DEFAULT_PLANS.dedicated })).toEqual({});
  });
});

describe('saved plans', () => {
  it('are read over their defaults field by field, as the backend reads them', () => {
    const plan = resolvePlan('dedicated', {
      queue: { maxShards: 5 },
      jobs: null,
      thresholds: { quotaRatio: 0.9 },
    } as never);
    expect(plan.queue).toEqual({ ...DEFAULT_PLANS.dedicated.queue, maxShards: 5 });
    expect(plan.jobs).toEqual(DEFAULT_PLANS.dedicated.jobs);
    expect(plan.thresholds).toEqual({ quotaRatio: 0.9 });
  });

  it('clear the rule files and the Alertmanager when the editor empties them', () => {
    const form = planForm(resolvePlan('dedicated', undefined));
    form.ruleFiles = '';
    form.alertmanagerTarget = '';
    const saved = plansJsonData({ shared: DEFAULT_PLANS.shared, dedicated: planSettings('dedicated', form) });
    expect(saved.dedicated).toMatchObject({ ruleFiles: [], alertmanagerTarget: '' });
    expect(resolvePlan('dedicated', saved.dedicated)).toMatchObject({ ruleFiles: [], alertmanagerTarget: '' });
  });

  it('take thresholds only as decimal numbers', () => {
    const form = planForm(DEFAULT_PLANS.dedicated);
    for (const v of ['0x10', '0b1', '1/2', '.5.', 'NaN', 'Infinity']) {
      form.thresholds.latencyP95Seconds = v;
      expect(validatePlan('dedicated', form)).toEqual([
        { field: 'plans.dedicated.thresholds.latencyP95Seconds', rule: RULES.seconds },
      ]);
    }
    form.thresholds.latencyP95Seconds = '2.5e-1';
    expect(validatePlan('dedicated', form)).toEqual([]);
  });
});

// The page refuses what the backend refuses because Prometheus would (pkg/agentconfig
// TestValidateRefusesWhatPrometheusRefuses).
describe('values Prometheus refuses', () => {
  const cases: Array<[keyof PlanForm, string, string | undefined]> = [
    ['tenantHeader', 'Authorization', RULES.reservedHeader],
    ['tenantHeader', 'content-type', RULES.reservedHeader],
    ['tenantHeader', 'Proxy-Authenticate', RULES.reservedHeader],
    ['tenantHeader', 'X-Prometheus-Remote-Write-Version', RULES.reservedHeader],
    ['tenantHeader', 'X-Scope-OrgID', undefined],
    ['tenantHeader', 'Transfer-Encoding', undefined],
    ['remoteWriteUrl', 'http://central/%zz/write', RULES.url],
    ['remoteWriteUrl', 'http://central/write%', RULES.url],
    ['remoteWriteUrl', 'http://central/write?tenant=%4', RULES.url],
    ['remoteWriteUrl', 'http://central/a%2Fb/write?q=%41', undefined],
    ['remoteWriteUrl', 'http://central:65536/write', RULES.url],
    ['remoteWriteUrl', 'http://central:0/write', RULES.url],
    ['remoteWriteUrl', 'http://central:65535/write', undefined],
    ['remoteWriteUrl', 'http://a..b/write', RULES.url],
    ['remoteWriteUrl', 'http://-central/write', RULES.url],
    ['remoteWriteUrl', 'http://10.0.0.1:9090', undefined],
    ['alertmanagerTarget', 'alertmanager:99999', RULES.target],
    ['alertmanagerTarget', 'alertmanager.:9093', RULES.target],
    ['alertmanagerTarget', 'alertmanager-0.alertmanager:9093', undefined],
    ['ruleFiles', 'rules/*.yml', undefined],
    ['ruleFiles', '/etc/prometheus/rules/*.yml', undefined],
    ['ruleFiles', '/srv/rules/a-*.rules.yaml', undefined],
    ['ruleFiles', '*.yml', RULES.ruleFile],
    ['ruleFiles', 'prometheus.yml', RULES.ruleFile],
    ['ruleFiles', './*.yml', RULES.ruleFile],
    ['ruleFiles', 'x/../*.yml', RULES.ruleFile],
    ['ruleFiles', '../*', RULES.ruleFile],
    ['ruleFiles', '..data/*', RULES.ruleFile],
    ['ruleFiles', '.*', RULES.ruleFile],
    ['ruleFiles', '/etc/prometheus/.hidden/*.yml', RULES.ruleFile],
    ['ruleFiles', '/', RULES.ruleFile],
    ['ruleFiles', 'rules/', RULES.ruleFile],
    ['ruleFiles', 'a//b.yml', RULES.ruleFile],
  ];
  it.each(cases)('%s %p', (key, value, rule) => {
    const form = { ...planForm(DEFAULT_PLANS.dedicated), [key]: value };
    const field = key === 'ruleFiles' ? 'ruleFiles[0]' : key;
    expect(validatePlan('dedicated', form)).toEqual(rule ? [{ field: `plans.dedicated.${field}`, rule }] : []);
  });
});
