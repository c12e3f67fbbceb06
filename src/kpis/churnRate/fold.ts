import { PeriodActivityFold, activityOptions, type ActivityOptions, type PeriodComparison } from '../../_internal/activity.js';
import type { FoldSpec } from '../../_internal/orderEngine.js';
import type { ChurnRateResult } from './ChurnRate.js';
import { churnRate } from './formula.js';

/** @internal The options of a churn rate, defaults filled in. */
export type ChurnRateSettings = ActivityOptions;

/** @internal Validates the options of a churn rate: `grain`, `timeZone`, `dedupe`. */
export function churnRateSettings(options: unknown): ChurnRateSettings {
  return activityOptions(options);
}

/** @internal The customers active per period, read as churn. */
export type ChurnRateFold = PeriodActivityFold<ChurnRateResult>;

/** @internal A period's churn; zeros and `null` before any order. */
export function churnRateOf(comparison: PeriodComparison | undefined): ChurnRateResult {
  if (comparison === undefined) return { value: null, customersLost: 0, customersAtStart: 0 };
  const { customersLost, customersAtStart } = comparison;
  const counts = { customersLost, customersAtStart };
  return { value: churnRate(counts), ...counts };
}

/** @internal */
export const churnRateSpec: FoldSpec<ChurnRateFold, ChurnRateSettings> = {
  kind: 'ChurnRate',
  create: (options, scope) => new PeriodActivityFold(options, scope, churnRateOf),
};
