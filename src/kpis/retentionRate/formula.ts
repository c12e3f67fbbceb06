import { KpiError } from '../../core/KpiError.js';
import { argumentObject, count, notAbove } from '../../_internal/validate.js';

/**
 * The counts {@link retentionRate} combines.
 * @category Retention
 */
export interface RetentionRateInput {
  /** S: customers active in the previous period. */
  customersAtStart: number;
  /** E: customers active in this period. */
  customersAtEnd: number;
  /** N: customers active in this period who were not active in the previous one. */
  newCustomers: number;
}

/**
 * Customer retention rate: the share of the previous period's customers who bought again in this one.
 *
 * @remarks
 * (E − N) ÷ S, the standard retention formula: customers at the end of the period, minus the new
 * ones, divided by the customers at the start. Worked example: S = 200, E = 180, N = 40
 * gives 0.7. Equals 1 − {@link churnRate} for the same periods.
 *
 * `null` when `customersAtStart` is 0. O(1).
 *
 * @param input - `customersAtStart` (S), `customersAtEnd` (E) and `newCustomers` (N), non-negative integers.
 * @returns A fraction in [0, 1], or `null` when S is 0.
 * @throws {@link KpiError} `INVALID_NUMBER`, `NOT_AN_INTEGER`, `NEGATIVE_COUNT` (also when N > E, at `newCustomers`), `NUMERATOR_EXCEEDS_DENOMINATOR` (E − N > S, at `customersAtEnd`).
 * @example
 * ```ts
 * import { retentionRate } from 'xsell-kpi';
 * retentionRate({ customersAtStart: 200, customersAtEnd: 180, newCustomers: 40 }); // => 0.7
 * retentionRate({ customersAtStart: 0, customersAtEnd: 25, newCustomers: 25 }); // => null
 * ```
 * @category Retention
 */
export function retentionRate(input: RetentionRateInput): number | null {
  const bag = argumentObject(input);
  const start = count(bag['customersAtStart'], 'customersAtStart');
  const end = count(bag['customersAtEnd'], 'customersAtEnd');
  const fresh = count(bag['newCustomers'], 'newCustomers');
  if (fresh > end) {
    throw new KpiError('NEGATIVE_COUNT', 'newCustomers', `newCustomers (${fresh}) exceeds customersAtEnd (${end}), so E − N is negative`);
  }
  notAbove(end - fresh, 'customersAtEnd', start, 'customersAtStart');
  return start === 0 ? null : (end - fresh) / start;
}
