import { countRatio } from '../../_internal/validate.js';

/**
 * The counts {@link repeatPurchaseRate} divides.
 * @category Retention
 */
export interface RepeatPurchaseRateInput {
  /** Customers with at least two orders: a non-negative integer, at most `customers`. */
  repeatCustomers: number;
  /** Customers who ordered: a non-negative integer. */
  customers: number;
}

/**
 * Repeat purchase rate: the share of customers who ordered at least twice.
 *
 * @remarks
 * repeatCustomers ÷ customers, where a repeat customer placed ≥ 2 orders in the period.
 *
 * `null` when `customers` is 0: the rate is not defined for that data. O(1).
 *
 * @param input - `repeatCustomers` (customers with at least two orders) and `customers` (customers who ordered).
 * @returns A fraction in [0, 1], or `null` when `customers` is 0.
 * @throws {@link KpiError} `INVALID_NUMBER` (not a finite number), `NEGATIVE_COUNT`, `NOT_AN_INTEGER`, `NUMERATOR_EXCEEDS_DENOMINATOR`.
 * @example
 * ```ts
 * import { repeatPurchaseRate } from 'xsell-kpi';
 * repeatPurchaseRate({ repeatCustomers: 90, customers: 400 }); // => 0.225
 * repeatPurchaseRate({ repeatCustomers: 0, customers: 0 }); // => null
 * ```
 * @category Retention
 */
export function repeatPurchaseRate(input: RepeatPurchaseRateInput): number | null {
  return countRatio(input, 'repeatCustomers', 'customers');
}
