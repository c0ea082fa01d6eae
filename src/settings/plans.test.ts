import { readFileSync } from 'fs';
import { join } from 'path';

import { SLACK_CHANNEL_RULE } from '../generated/notifications';
import { DEFAULT_PLANS, RULES } from '../generated/plans';
import { formFromSettings, validateForm } from '../components/AppConfig/settingsForm';
import type { AppJsonData } from './appSettings';
import { durationSeconds, planForm, planSettings, plansJsonData, resolvePlan, validatePlan } from './plans';

interface Case {
  name: string;
  jsonData: AppJsonData;
  errors: Array<{ field: string; rule: keyof typeof RULES | 'slackChannel' }>;
}

// The same cases run in Go against the API (pkg/settings/shared_cases_test.go).
const cases: Case[] = JSON.parse(
  readFileSync(join(__dirname, '../../tests/fixtures/settings-validation.json'), 'utf8')
);

describe('plan and workspace validation', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: the page names what the API names', (_, c) => {
    const got = validateForm(formFromSettings(c.jsonData, {}))
      .map((e) => `${e.field}: ${e.rule}`)
      .sort();
    const rule = (r: Case['errors'][number]['rule']) => (r === 'slackChannel' ? SLACK_CHANNEL_RULE : RULES[r]);
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
    form.ruleFiles = ' /etc/prometheus/rules/*.yml , extra.yml ';
    form.queue.maxShards = '5';
    expect(planSettings('dedicated', form)).toEqual({
      ...DEFAULT_PLANS.dedicated,
      jobs: ['kubernetes-pods', 'hexabase-applications'],
      ruleFiles: ['/etc/prometheus/rules/*.yml', 'extra.yml'],
      queue: { ...DEFAULT_PLANS.dedicated.queue, maxShards: 5 },
    });
    const shared = planSettings('shared', planForm(DEFAULT_PLANS.shared));
    expect(plansJsonData({ shared, dedicated: DEFAULT_PLANS.dedicated })).toEqual({});
  });
});
