import { DEFAULT_PLANS } from '../generated/plans';
import { escapeLabelValue } from './escape';
import { LABELS, RECORDED } from './metrics';
import { selector } from './promql';

/** Availability objective of each plan: the share of requests that are not 5xx over 30 days. */
export type PlanObjectives = Readonly<Record<string, number>>;

/** The plans' default objectives, generated from pkg/agentconfig DefaultPlans. */
export const FALLBACK_OBJECTIVES: PlanObjectives = Object.fromEntries(
  Object.entries(DEFAULT_PLANS).map(([plan, settings]) => [plan, settings.availabilityObjective])
);

/** The windows of the burn-rate pairs that page (SRE workbook: 1h with 5m, 6h with 30m). */
export type BurnWindow = '1h' | '6h';

/** Burn rates that page over each window (pkg/alerting ErrorBudgetFastBurn): 2% and 5% of a 30-day budget. */
export const PAGE_BURN_RATES: Record<BurnWindow, number> = { '1h': 14.4, '6h': 6 };

const RATIO_OVER: Record<BurnWindow | '30d', string> = {
  '1h': RECORDED.sloErrorRatio1h,
  '6h': RECORDED.sloErrorRatio6h,
  '30d': RECORDED.sloErrorRatio30d,
};

const one = (recorded: string, workspaceId: string) =>
  selector(recorded, [{ label: LABELS.workspace, op: '=', value: workspaceId }]);

// 1 - 0.999 is 0.0010000000000000009 in floating point: rounded to the objective's own decimals, it reads 0.001.
function budgetOf(objective: number): string {
  const decimals = /^0\.(\d+)$/.exec(String(objective))?.[1].length;
  return String(decimals ? Number((1 - objective).toFixed(decimals)) : 1 - objective);
}

/**
 * Each plan's error budget (1 - objective) as an inline vector labelled by plan, plans sorted, so a
 * workspace's error ratio divides by its own plan's budget without a recorded series per plan. A
 * plan missing here has no burn rate; with no plan at all the defaults stand in.
 */
export function errorBudgetVector(objectives: PlanObjectives): string {
  const plans = Object.keys(objectives).length > 0 ? objectives : FALLBACK_OBJECTIVES;
  return Object.keys(plans)
    .sort()
    .map(
      (plan) => `label_replace(vector(${budgetOf(plans[plan])}), "${LABELS.plan}", "${escapeLabelValue(plan)}", "", "")`
    )
    .join(' or ');
}

// group_left keeps the workspace's labels; its empty list is required, or the vector's parentheses would read as one.
const perBudget = (ratio: string, objectives: PlanObjectives) =>
  `${ratio} / on (${LABELS.plan}) group_left () (${errorBudgetVector(objectives)})`;

/** How fast one workspace spends its error budget over the window: 1 spends exactly the budget in 30 days. */
export const burnRateQuery = (
  workspaceId: string,
  window: BurnWindow = '1h',
  objectives: PlanObjectives = FALLBACK_OBJECTIVES
) => perBudget(one(RATIO_OVER[window], workspaceId), objectives);

/** Share of one workspace's 30-day error budget left; below 0 when overspent. */
export const budgetRemainingQuery = (workspaceId: string, objectives: PlanObjectives = FALLBACK_OBJECTIVES) =>
  `1 - ${perBudget(one(RATIO_OVER['30d'], workspaceId), objectives)}`;
