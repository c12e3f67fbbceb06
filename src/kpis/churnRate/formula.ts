import { countRatio } from '../../_internal/validate.js';

/**
 * The counts {@link churnRate} divides.
 * @category Retention
 */
export interface ChurnRateInput {
  /** Previous-period customers not active in this period: a non-negative integer, at most `customersAtStart`. */
  customersLost: number;
  /** Customers active in the previous period: a non-negative integer. */
  customersAtStart: number;
}

/**
 * Churn rate: the share of the previous period's customers who did not buy again in this one.
 *
 * @remarks
 * customersLost ÷ customersAtStart, where customersAtStart were active (ordered) in the previous period and customersLost are those of them not active in this one. Equals 1 − {@link retentionRate} for the same periods.
 *
 * `null` when `customersAtStart` is 0: the rate is not defined for that data. O(1).
 *
 * @param input - `customersLost` (previous-period customers not active in this period) and `customersAtStart` (customers active in the previous period).
 * @returns A fraction in [0, 1], or `null` when `customersAtStart` is 0.
 * @throws {@link KpiError} `INVALID_NUMBER` (not a finite number), `NEGATIVE_COUNT`, `NOT_AN_INTEGER`, `NUMERATOR_EXCEEDS_DENOMINATOR`.
 * @example
 * ```ts
 * import { churnRate } from 'xsell-kpi';
 * churnRate({ customersLost: 60, customersAtStart: 200 }); // => 0.3
 * churnRate({ customersLost: 0, customersAtStart: 0 }); // => null
 * ```
 * @category Retention
 */
export function churnRate(input: ChurnRateInput): number | null {
  return countRatio(input, 'customersLost', 'customersAtStart');
}
