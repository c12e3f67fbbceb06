import { countRatio } from '../../_internal/validate.js';

/**
 * The counts {@link crossSellRate} divides.
 * @category Cross-sell
 */
export interface CrossSellRateInput {
  /** Customers who bought at least two distinct products: a non-negative integer, at most `customers`. */
  crossSoldCustomers: number;
  /** Customers who bought anything: a non-negative integer. */
  customers: number;
}

/**
 * Customer cross-sell rate: the share of customers who bought at least two different products.
 *
 * @remarks
 * crossSoldCustomers ÷ customers, where a cross-sold customer bought ≥ 2 distinct products (by SKU, or by category) in the period. This is the customer-based definition that cross-selling KPI guides give (their usual worked example: 100 of a month's 500 customers bought more than one product → 20 %); {@link transactionCrossSellRate} is the order-based one.
 *
 * `null` when `customers` is 0: the rate is not defined for that data. O(1).
 *
 * @param input - `crossSoldCustomers` (customers who bought at least two distinct products) and `customers` (customers who bought anything).
 * @returns A fraction in [0, 1], or `null` when `customers` is 0.
 * @throws {@link KpiError} `INVALID_NUMBER` (not a finite number), `NEGATIVE_COUNT`, `NOT_AN_INTEGER`, `NUMERATOR_EXCEEDS_DENOMINATOR`.
 * @example
 * ```ts
 * import { crossSellRate } from 'xsell-kpi';
 * crossSellRate({ crossSoldCustomers: 100, customers: 500 }); // => 0.2
 * crossSellRate({ crossSoldCustomers: 0, customers: 0 }); // => null
 * ```
 * @category Cross-sell
 */
export function crossSellRate(input: CrossSellRateInput): number | null {
  return countRatio(input, 'crossSoldCustomers', 'customers');
}
