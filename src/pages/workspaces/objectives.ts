import { PLAN_NAMES } from '../../generated/plans';
import { FALLBACK_OBJECTIVES, type PlanObjectives } from '../../queries/slo';
import type { AppJsonData } from '../../settings/appSettings';

const isRatio = (v: unknown): v is number => typeof v === 'number' && v > 0 && v < 1;

/**
 * Each plan's availability objective: jsonData.plans[plan].availabilityObjective where it is a
 * ratio strictly between 0 and 1 (1 would leave no error budget to divide by), else the default.
 */
export function availabilityObjectives(jsonData: AppJsonData | undefined): PlanObjectives {
  const out: Record<string, number> = {};
  for (const plan of new Set<string>([...PLAN_NAMES, ...Object.keys(FALLBACK_OBJECTIVES)])) {
    const saved: unknown = jsonData?.plans?.[plan as keyof NonNullable<AppJsonData['plans']>]?.availabilityObjective;
    const objective = isRatio(saved) ? saved : FALLBACK_OBJECTIVES[plan];
    if (objective !== undefined) {
      out[plan] = objective;
    }
  }
  return out;
}
