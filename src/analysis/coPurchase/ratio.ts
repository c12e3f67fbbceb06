/**
 * Exact-fraction arithmetic for co-purchase measures: a quotient of two products of counts,
 * correctly rounded to a double, and the exact comparison of two such fractions.
 * @internal
 * @module
 */

/**
 * @internal (a × b) ÷ (c × d) for non-negative safe integers a, b and positive c, d, correctly
 * rounded (the double nearest the exact fraction), also when the products exceed 2^53.
 */
export function productRatio(a: number, b: number, c: number, d: number): number {
  const numerator = a * b;
  const denominator = c * d;
  if (numerator <= Number.MAX_SAFE_INTEGER && denominator <= Number.MAX_SAFE_INTEGER) return numerator / denominator;
  return bigRatio(BigInt(a) * BigInt(b), BigInt(c) * BigInt(d));
}

function bitLength(value: bigint): number {
  return value.toString(2).length;
}

/** p ÷ q (p ≥ 0, q > 0) correctly rounded: a quotient of at least 55 bits with a sticky bit, read by Number() (round half to even). */
function bigRatio(p: bigint, q: bigint): number {
  if (p === 0n) return 0;
  const shift = Math.max(0, 55 + bitLength(q) - bitLength(p));
  const scaled = p << BigInt(shift);
  let quotient = scaled / q;
  if (scaled % q !== 0n) quotient |= 1n;
  return Number(quotient) / 2 ** shift;
}

/** @internal The sign of a ÷ b − c ÷ d for non-negative safe integers and positive b, d, exactly. */
export function compareFractions(a: number, b: number, c: number, d: number): number {
  const left = a * d;
  const right = c * b;
  if (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER) return left < right ? -1 : left > right ? 1 : 0;
  const exactLeft = BigInt(a) * BigInt(d);
  const exactRight = BigInt(c) * BigInt(b);
  return exactLeft < exactRight ? -1 : exactLeft > exactRight ? 1 : 0;
}
