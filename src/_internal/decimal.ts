// At run time the default import: decimal.mjs has no named export. Types that can reach a
// declaration file use the named type export instead (see src/core/decimal.ts for why).
import DecimalJs from 'decimal.js';
import type { Decimal as DecimalClass } from 'decimal.js';
import type { Decimal as DecimalInstance } from '../core/decimal.js';

/**
 * The library's private decimal.js constructor. It is the only Decimal constructor xsell-kpi
 * uses; the host application's global decimal.js configuration is never read or changed.
 *
 * Precision is decimal.js's maximum (10^9 significant digits), so sums and products of money are
 * exact; plain-string output never switches to exponent notation.
 * @internal
 */
export const Decimal: typeof DecimalClass = /* @__PURE__ */ DecimalJs.clone({
  precision: 1e9,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

/** @internal An instance of the private constructor. */
export type Decimal = DecimalInstance;

/**
 * Quotients (averages, ROI) cannot be exact in general: they carry 34 significant digits, the
 * precision of IEEE 754 decimal128, rounded half-even.
 * @internal
 */
const Quotient = /* @__PURE__ */ DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_EVEN });

/** @internal `dividend ÷ divisor` to 34 significant digits, as an instance of the private constructor. */
export function divide(dividend: Decimal, divisor: Decimal | number): Decimal {
  // Exact without dividing: nothing to divide, or one part of a number that fits in 34 digits.
  if (dividend.isZero() && !(typeof divisor === 'number' ? divisor === 0 : divisor.isZero())) return ZERO;
  if (divisor === 1 && dividend.precision() <= 34) return dividend;
  return new Decimal(new Quotient(dividend).div(divisor));
}

/** @internal The private zero. */
export const ZERO: Decimal = /* @__PURE__ */ new Decimal(0);
