import type { Decimal } from '../../core/decimal.js';
import type { MoneyInput } from '../../core/money.js';
import { moneyPer } from '../../_internal/moneyPer.js';

/**
 * The aggregates {@link averageOrderValue} divides.
 * @category Order value
 */
export interface AverageOrderValueInput {
  /** Revenue of the orders (net of line discounts): an amount ≥ 0. */
  revenue: MoneyInput;
  /** Number of orders: a non-negative integer. */
  orders: number;
}

/**
 * Average order value (AOV): revenue per order.
 *
 * @remarks
 * revenue ÷ orders, in exact decimal arithmetic: the quotient carries 34 significant digits
 * (rounded half-even), and is rounded to the currency only when you call {@link roundMoney}.
 * Cross-selling and upselling aim to raise it. `null` when there were no orders. O(digits).
 *
 * @param input - `revenue` (money ≥ 0) and `orders` (a non-negative integer).
 * @returns The average as a `Decimal`, or `null` when `orders` is 0.
 * @throws {@link KpiError} `INVALID_MONEY`, `INVALID_NUMBER`, `NEGATIVE_COUNT`, `NOT_AN_INTEGER`.
 * @example
 * ```ts
 * import { averageOrderValue } from 'xsell-kpi';
 * averageOrderValue({ revenue: '1234.50', orders: 15 })?.toString(); // => '82.3'
 * averageOrderValue({ revenue: 0.3, orders: 3 })?.toString(); // => '0.1'
 * averageOrderValue({ revenue: '0', orders: 0 }); // => null
 * ```
 * @category Order value
 */
export function averageOrderValue(input: AverageOrderValueInput): Decimal | null {
  return moneyPer(input, 'revenue', 'orders');
}
