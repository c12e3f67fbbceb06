import { countRatio } from '../../_internal/validate.js';

/**
 * The counts {@link transactionCrossSellRate} divides.
 * @category Cross-sell
 */
export interface TransactionCrossSellRateInput {
  /** Orders with at least two distinct products: a non-negative integer, at most `orders`. */
  crossSellOrders: number;
  /** Orders: a non-negative integer. */
  orders: number;
}

/**
 * Transaction cross-sell rate: the share of orders that contain at least two different products.
 *
 * @remarks
 * crossSellOrders ÷ orders, where a cross-sell order has ≥ 2 distinct products (by SKU, or by category). The order-based reading of cross-sell rate; {@link crossSellRate} is the customer-based one.
 *
 * `null` when `orders` is 0: the rate is not defined for that data. O(1).
 *
 * @param input - `crossSellOrders` (orders with at least two distinct products) and `orders` (orders).
 * @returns A fraction in [0, 1], or `null` when `orders` is 0.
 * @throws {@link KpiError} `INVALID_NUMBER` (not a finite number), `NEGATIVE_COUNT`, `NOT_AN_INTEGER`, `NUMERATOR_EXCEEDS_DENOMINATOR`.
 * @example
 * ```ts
 * import { transactionCrossSellRate } from 'xsell-kpi';
 * transactionCrossSellRate({ crossSellOrders: 30, orders: 120 }); // => 0.25
 * transactionCrossSellRate({ crossSellOrders: 0, orders: 0 }); // => null
 * ```
 * @category Cross-sell
 */
export function transactionCrossSellRate(input: TransactionCrossSellRateInput): number | null {
  return countRatio(input, 'crossSellOrders', 'orders');
}
