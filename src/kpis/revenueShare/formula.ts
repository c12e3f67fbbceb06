import { divide } from '../../_internal/decimal.js';
import type { MoneyInput } from '../../core/money.js';
import { nonNegativeMoney } from '../../_internal/money.js';
import { argumentObject } from '../../_internal/validate.js';
import { KpiError } from '../../core/KpiError.js';

/**
 * The amounts {@link revenueShare} divides.
 * @category Order value
 */
export interface RevenueShareInput {
  /** Revenue of the part, such as the lines attributed to cross-selling: an amount ≥ 0, at most `total`. */
  part: MoneyInput;
  /** All revenue: an amount ≥ 0. */
  total: MoneyInput;
}

/**
 * Revenue share: the fraction of revenue that came from a part, such as cross-sold lines.
 *
 * @remarks
 * part ÷ total, divided exactly and then read as a `number`. The cross-sell revenue share is the
 * revenue of lines attributed `source: 'cross-sell'` ÷ all revenue. `null` when `total` is 0.
 * O(digits).
 *
 * @param input - `part` and `total`, amounts ≥ 0 with part ≤ total.
 * @returns A fraction in [0, 1], or `null` when `total` is 0.
 * @throws {@link KpiError} `INVALID_MONEY`, `INVALID_NUMBER`, `NUMERATOR_EXCEEDS_DENOMINATOR`.
 * @example
 * ```ts
 * import { revenueShare } from 'xsell-kpi';
 * revenueShare({ part: '250.00', total: '1000.00' }); // => 0.25
 * revenueShare({ part: 0, total: 0 }); // => null
 * ```
 * @category Order value
 */
export function revenueShare(input: RevenueShareInput): number | null {
  const bag = argumentObject(input);
  const part = nonNegativeMoney(bag['part'], 'part');
  const total = nonNegativeMoney(bag['total'], 'total');
  if (part.greaterThan(total)) {
    throw new KpiError('NUMERATOR_EXCEEDS_DENOMINATOR', 'part', `part (${part.toString()}) exceeds total (${total.toString()})`);
  }
  return total.isZero() ? null : divide(part, total).toNumber();
}
