import type { Decimal } from '../../core/decimal.js';
import type { MoneyInput } from '../../core/money.js';
import { nonNegativeMoney } from '../../_internal/money.js';
import { argumentObject } from '../../_internal/validate.js';

/**
 * The amounts {@link netRevenue} subtracts.
 * @category Order value
 */
export interface NetRevenueInput {
  /** Revenue of the orders (net of line discounts, before returns): an amount ≥ 0. */
  grossRevenue: MoneyInput;
  /** Money given back in refunds and cancellations after payment: an amount ≥ 0. */
  returns: MoneyInput;
}

/**
 * Net revenue: what the orders brought in, less the money given back.
 *
 * @remarks
 * grossRevenue − returns, exact. Negative when a period gave back more than it sold (returns
 * count in the period they happen in, as shops' sales reports book them). O(digits).
 *
 * @param input - `grossRevenue` and `returns`, amounts ≥ 0.
 * @returns The difference as a `Decimal` (may be negative).
 * @throws {@link KpiError} `INVALID_MONEY` for an amount that is negative or not money.
 * @example
 * ```ts
 * import { netRevenue } from 'xsell-kpi';
 * netRevenue({ grossRevenue: '8910561.21', returns: '896812.49' }).toString(); // => '8013748.72'
 * netRevenue({ grossRevenue: 0, returns: '25.5' }).toString(); // => '-25.5'
 * netRevenue({ grossRevenue: '100', returns: '-1' }); // throws INVALID_MONEY
 * ```
 * @category Order value
 */
export function netRevenue(input: NetRevenueInput): Decimal {
  const bag = argumentObject(input);
  return nonNegativeMoney(bag['grossRevenue'], 'grossRevenue').minus(nonNegativeMoney(bag['returns'], 'returns'));
}
