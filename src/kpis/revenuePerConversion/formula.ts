import type { Decimal } from '../../core/decimal.js';
import type { MoneyInput } from '../../core/money.js';
import { moneyPer } from '../../_internal/moneyPer.js';

/**
 * The aggregates {@link revenuePerConversion} divides.
 * @category Order value
 */
export interface RevenuePerConversionInput {
  /** Revenue of the cross-sold (or upsold) lines: an amount ≥ 0. */
  revenue: MoneyInput;
  /** Orders that contain at least one such line: a non-negative integer. */
  conversions: number;
}

/**
 * Revenue per successful cross-sell (or upsell): what one converted offer brings in.
 *
 * @remarks
 * revenue of the lines attributed `source: 'cross-sell'` (or `'upsell'`) ÷ orders containing such
 * lines. Exact decimal arithmetic; the quotient carries 34 significant digits. `null` when there
 * were no conversions. O(digits).
 *
 * @param input - `revenue` (money ≥ 0) and `conversions` (a non-negative integer).
 * @returns The revenue per conversion as a `Decimal`, or `null` when `conversions` is 0.
 * @throws {@link KpiError} `INVALID_MONEY`, `INVALID_NUMBER`, `NEGATIVE_COUNT`, `NOT_AN_INTEGER`.
 * @example
 * ```ts
 * import { revenuePerConversion } from 'xsell-kpi';
 * revenuePerConversion({ revenue: '899.70', conversions: 30 })?.toString(); // => '29.99'
 * revenuePerConversion({ revenue: 0, conversions: 0 }); // => null
 * ```
 * @category Order value
 */
export function revenuePerConversion(input: RevenuePerConversionInput): Decimal | null {
  return moneyPer(input, 'revenue', 'conversions');
}
