import type { Decimal } from '../../core/decimal.js';
import type { MoneyInput } from '../../core/money.js';
import { moneyPer } from '../../_internal/moneyPer.js';

/**
 * The aggregates {@link customerLifetimeValue} divides.
 * @category Lifetime value
 */
export interface CustomerLifetimeValueInput {
  /** Revenue of all the customers' orders: an amount (negative only net of returns, when customers got back more than they paid). */
  revenue: MoneyInput;
  /** Distinct customers who ordered: a non-negative integer. */
  customers: number;
}

/**
 * Historical customer lifetime value: the mean revenue per customer so far.
 *
 * @remarks
 * revenue ÷ customers over the orders seen (not a forecast; see {@link predictedLifetimeValue}).
 * Exact decimal arithmetic; the quotient carries 34 significant digits. `null` when there were no
 * customers. O(digits).
 *
 * @param input - `revenue` (money; net of returns it may be negative) and `customers` (a non-negative integer).
 * @returns The mean revenue per customer as a `Decimal`, or `null` when `customers` is 0.
 * @throws {@link KpiError} `INVALID_MONEY`, `INVALID_NUMBER`, `NEGATIVE_COUNT`, `NOT_AN_INTEGER`.
 * @example
 * ```ts
 * import { customerLifetimeValue } from 'xsell-kpi';
 * customerLifetimeValue({ revenue: '48000', customers: 320 })?.toString(); // => '150'
 * customerLifetimeValue({ revenue: '10', customers: 3 })?.toFixed(2); // => '3.33'
 * customerLifetimeValue({ revenue: '-25', customers: 2 })?.toString(); // => '-12.5'
 * ```
 * @category Lifetime value
 */
export function customerLifetimeValue(input: CustomerLifetimeValueInput): Decimal | null {
  return moneyPer(input, 'revenue', 'customers', true);
}
