import { PeriodActivityFold, activityOptions, type ActivityOptions, type PeriodComparison } from '../../_internal/activity.js';
import type { FoldSpec } from '../../_internal/orderEngine.js';
import type { RetentionRateResult } from './RetentionRate.js';
import { retentionRate } from './formula.js';

/** @internal The options of a retention rate, defaults filled in. */
export type RetentionRateSettings = ActivityOptions;

/** @internal Validates the options of a retention rate: `grain`, `timeZone`, `dedupe`. */
export function retentionRateSettings(options: unknown): RetentionRateSettings {
  return activityOptions(options);
}

/** @internal The customers active per period, read as retention. */
export type RetentionRateFold = PeriodActivityFold<RetentionRateResult>;

/** @internal A period's retention; all zeros and `null` before any order. */
export function retentionRateOf(comparison: PeriodComparison | undefined): RetentionRateResult {
  if (comparison === undefined) return { value: null, customersAtStart: 0, customersAtEnd: 0, newCustomers: 0 };
  const { customersAtStart, customersAtEnd, newCustomers } = comparison;
  const counts = { customersAtStart, customersAtEnd, newCustomers };
  return { value: retentionRate(counts), ...counts };
}

/** @internal */
export const retentionRateSpec: FoldSpec<RetentionRateFold, RetentionRateSettings> = {
  kind: 'RetentionRate',
  create: (options, scope) => new PeriodActivityFold(options, scope, retentionRateOf),
};
