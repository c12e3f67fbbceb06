/**
 * An independent exact decimal reference built on BigInt, for checking the library's
 * decimal.js-based money math. A value is `unscaled × 10^-scale`.
 */
export interface BigDecimal {
  unscaled: bigint;
  scale: number;
}

export function parse(text: string): BigDecimal {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (match === null) throw new Error(`not a plain decimal: ${text}`);
  const [, sign = '', whole = '', fractional = ''] = match;
  const unscaled = BigInt(`${whole}${fractional}` || '0');
  return { unscaled: sign === '-' ? -unscaled : unscaled, scale: fractional.length };
}

function rescale(value: BigDecimal, scale: number): bigint {
  return value.unscaled * 10n ** BigInt(scale - value.scale);
}

export function add(a: BigDecimal, b: BigDecimal): BigDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { unscaled: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtract(a: BigDecimal, b: BigDecimal): BigDecimal {
  return add(a, { unscaled: -b.unscaled, scale: b.scale });
}

export function multiply(a: BigDecimal, b: BigDecimal): BigDecimal {
  return { unscaled: a.unscaled * b.unscaled, scale: a.scale + b.scale };
}

/** `numerator ÷ denominator` rounded half-even to an integer. */
function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) return divideHalfEven(-numerator, -denominator);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twice = (magnitude % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** Rounds half-even to `places` decimal places. */
export function roundHalfEven(value: BigDecimal, places: number): BigDecimal {
  if (value.scale <= places) return value;
  return { unscaled: divideHalfEven(value.unscaled, 10n ** BigInt(value.scale - places)), scale: places };
}

/** `a ÷ b` rounded half-even to `digits` significant digits. */
export function divideSignificant(a: BigDecimal, b: BigDecimal, digits: number): BigDecimal {
  // a/b = (a.unscaled × 10^b.scale) / (b.unscaled × 10^a.scale)
  let numerator = a.unscaled * 10n ** BigInt(b.scale);
  let denominator = b.unscaled * 10n ** BigInt(a.scale);
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  if (numerator === 0n) return { unscaled: 0n, scale: 0 };
  const magnitude = numerator < 0n ? -numerator : numerator;
  // Choose the scale so the quotient has exactly `digits` integer digits before rounding.
  let scale = digits - (magnitude.toString().length - denominator.toString().length) - 1;
  for (;;) {
    const shifted = scale >= 0 ? [magnitude * 10n ** BigInt(scale), denominator] : [magnitude, denominator * 10n ** BigInt(-scale)];
    const truncated = shifted[0]! / shifted[1]!;
    if (truncated.toString().length > digits) scale -= 1;
    else if (truncated.toString().length < digits) scale += 1;
    else break;
  }
  const [n, d] = scale >= 0 ? [numerator * 10n ** BigInt(scale), denominator] : [numerator, denominator * 10n ** BigInt(-scale)];
  return { unscaled: divideHalfEven(n, d), scale };
}

/** The canonical plain string, as decimal.js's `toFixed()` prints it (no trailing zeros). */
export function toPlainString(value: BigDecimal): string {
  let { unscaled, scale } = value;
  while (scale > 0 && unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale -= 1;
  }
  if (scale < 0) return (unscaled * 10n ** BigInt(-scale)).toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative && unscaled !== 0n ? `-${text}` : text;
}

/** −1, 0 or 1 as `a` is below, equal to or above `b`. */
export function compare(a: BigDecimal, b: BigDecimal): number {
  const difference = subtract(a, b).unscaled;
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
