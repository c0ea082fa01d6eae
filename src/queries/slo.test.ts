import { FALLBACK_OBJECTIVES, budgetRemainingQuery, burnRateQuery, errorBudgetVector } from './slo';

const BUDGETS =
  'label_replace(vector(0.0005), "plan_type", "dedicated", "", "") or ' +
  'label_replace(vector(0.001), "plan_type", "shared", "", "")';

describe('SLO queries divide a workspace’s error ratio by its plan’s budget', () => {
  it('builds the budget vector from the objectives, plans sorted, budgets as written', () => {
    expect(errorBudgetVector({ shared: 0.999, dedicated: 0.9995 })).toBe(BUDGETS);
    expect(errorBudgetVector({ b: 0.99, a: 0.9999999 })).toBe(
      'label_replace(vector(1e-7), "plan_type", "a", "", "") or label_replace(vector(0.01), "plan_type", "b", "", "")'
    );
    expect(errorBudgetVector({ 'a"b': 0.9 })).toBe('label_replace(vector(0.1), "plan_type", "a\\"b", "", "")');
  });

  it('falls back to the default objectives when the settings give none', () => {
    expect(errorBudgetVector({})).toBe(errorBudgetVector(FALLBACK_OBJECTIVES));
    expect(errorBudgetVector(FALLBACK_OBJECTIVES)).toBe(BUDGETS);
  });

  it('reads the recorded error ratio of the window for one workspace, keeping its labels', () => {
    expect(burnRateQuery('ws-1')).toBe(
      `workspace:hexabase_slo_errors:ratio_rate1h{workspace_id="ws-1"} / on (plan_type) group_left () (${BUDGETS})`
    );
    expect(burnRateQuery('a"b', '6h', { shared: 0.99 })).toBe(
      'workspace:hexabase_slo_errors:ratio_rate6h{workspace_id="a\\"b"} / on (plan_type) group_left () ' +
        '(label_replace(vector(0.01), "plan_type", "shared", "", ""))'
    );
  });

  it('leaves what the 30-day ratio has not spent', () => {
    expect(budgetRemainingQuery('ws-1', FALLBACK_OBJECTIVES)).toBe(
      `1 - workspace:hexabase_slo_errors:ratio_rate30d{workspace_id="ws-1"} / on (plan_type) group_left () (${BUDGETS})`
    );
  });
});
