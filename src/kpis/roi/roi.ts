import type { Decimal } from '../../core/decimal.js';
import { divide } from '../../_internal/decimal.js';
import type { MoneyInput } from '../../core/money.js';
import { nonNegativeMoney } from '../../_internal/money.js';
import { argumentObject } from '../../_internal/validate.js';

/**
 * The amounts {@link roi} compares.
 * @category Order value
 */
export interface RoiInput {
  /** Revenue the programme brought in: an amount ≥ 0. */
  revenue: MoneyInput;
  /** What the programme cost: an amount ≥ 0. */
  cost: MoneyInput;
}

/**
 * Return on investment of a cross-sell or upsell programme: (revenue − cost) ÷ cost.
 *
 * @remarks
 * A fraction that may be negative (the programme lost money) or above 1. Exact decimal
 * arithmetic; the quotient carries 34 significant digits. `null` when `cost` is 0. O(digits).
 *
 * @param input - `revenue` and `cost`, amounts ≥ 0.
 * @returns The ROI as a `Decimal` fraction (0.5 is +50 %), or `null` when `cost` is 0.
 * @throws {@link KpiError} `INVALID_MONEY`, `INVALID_NUMBER`.
 * @example
 * ```ts
 * import { roi } from 'xsell-kpi';
 * roi({ revenue: '15000', cost: '10000' })?.toString(); // => '0.5'
 * roi({ revenue: '4000', cost: '5000' })?.toString(); // => '-0.2'
 * roi({ revenue: '100', cost: 0 }); // => null
 * ```
 * @category Order value
 */
export function roi(input: RoiInput): Decimal | null {
  const bag = argumentObject(input);
  const revenue = nonNegativeMoney(bag['revenue'], 'revenue');
  const cost = nonNegativeMoney(bag['cost'], 'cost');
  return cost.isZero() ? null : divide(revenue.minus(cost), cost);
}
