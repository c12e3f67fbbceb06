import { countRatio } from '../../_internal/validate.js';

/**
 * The counts {@link upsellRate} divides.
 * @category Upsell
 */
export interface UpsellRateInput {
  /** Customers with at least one upsell line: a non-negative integer, at most `customers`. */
  upsoldCustomers: number;
  /** Customers who bought: a non-negative integer. */
  customers: number;
}

/**
 * Upsell rate: the share of customers who bought at least one upsold item.
 *
 * @remarks
 * upsoldCustomers ÷ customers, where an upsold customer has at least one order line attributed `source: 'upsell'` (a higher-priced or upgraded item they were offered).
 *
 * `null` when `customers` is 0: the rate is not defined for that data. O(1).
 *
 * @param input - `upsoldCustomers` (customers with at least one upsell line) and `customers` (customers who bought).
 * @returns A fraction in [0, 1], or `null` when `customers` is 0.
 * @throws {@link KpiError} `INVALID_NUMBER` (not a finite number), `NEGATIVE_COUNT`, `NOT_AN_INTEGER`, `NUMERATOR_EXCEEDS_DENOMINATOR`.
 * @example
 * ```ts
 * import { upsellRate } from 'xsell-kpi';
 * upsellRate({ upsoldCustomers: 45, customers: 300 }); // => 0.15
 * upsellRate({ upsoldCustomers: 0, customers: 0 }); // => null
 * ```
 * @category Upsell
 */
export function upsellRate(input: UpsellRateInput): number | null {
  return countRatio(input, 'upsoldCustomers', 'customers');
}
