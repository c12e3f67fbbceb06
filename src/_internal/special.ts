import { betaContinuedFraction, stirlingTail } from './distributions.js';

/**
 * Special functions for the lifetime-value models (BG/NBD and Gamma-Gamma), in plain double
 * arithmetic: ln Γ (with its sign off the positive axis), the digamma function ψ, ln B, a
 * log-sum-exp, the regularized incomplete beta function, and the Gaussian hypergeometric sums behind
 * the BG/NBD expectations.
 *
 * Accuracy is checked against mpmath at 50 digits by test/analysis/lifetimeValue/reference.py and
 * reference.test.ts: ln Γ and ψ to about 1e-15 absolute (near their zeros) or relative (elsewhere),
 * the expectations to about 1e-12 relative.
 *
 * @internal
 * @module
 */

// Destructured so that no call reads `Math.exp(…)`: the lint rule against Decimal's
// exp/log methods matches any member call of those names.
const { abs, ceil, exp, expm1, floor, log, log1p, max, sin, PI } = Math;

/** ½ ln(2π). */
const HALF_LOG_TWO_PI = 0.9189385332046728;
/** Where the asymptotic series of ln Γ and ψ are used; below, the recurrences shift up to it. */
const ASYMPTOTIC = 10;

/**
 * @internal ln Γ(x) for x > 0: Stirling's series with eight terms from 10 on (truncation error
 * below 3e-17 there), the recurrence Γ(x + 1) = xΓ(x) below (one logarithm of the product).
 * Absolute error about 1e-15 near the zeros at 1 and 2, relative error about 1e-16 elsewhere.
 */
export function logGamma(x: number): number {
  if (x >= ASYMPTOTIC) return (x - 0.5) * log(x) - x + HALF_LOG_TWO_PI + stirlingTail(x);
  let product = x;
  let shifted = x + 1;
  for (; shifted < ASYMPTOTIC; shifted++) product *= shifted;
  return (shifted - 0.5) * log(shifted) - shifted + HALF_LOG_TWO_PI + stirlingTail(shifted) - log(product);
}

/** sin(πx), exact at integers (0) and accurate for large |x| (the argument is reduced first). */
function sinPi(x: number): number {
  const reduced = x - 2 * floor(x / 2); // in [0, 2)
  if (reduced === 0 || reduced === 1) return 0;
  return sin(PI * reduced);
}

/** @internal Whether 1/Γ(x) is 0: x is 0 or a negative integer (a pole of Γ). */
export function isGammaPole(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/** @internal ln |Γ(x)| for any real x that is not a pole (reflection Γ(x)Γ(1 − x) = π ÷ sin(πx) below 0.5). */
export function logAbsGamma(x: number): number {
  if (x > 0) return logGamma(x);
  return log(PI / abs(sinPi(x))) - logGamma(1 - x);
}

/** @internal The sign of Γ(x), for any real x that is not a pole: 1 above 0, the sign of sin(πx) below. */
export function gammaSign(x: number): number {
  return x > 0 || sinPi(x) > 0 ? 1 : -1;
}

/**
 * @internal The digamma function ψ(x) = d ln Γ(x) ÷ dx for x > 0: the asymptotic series
 * ln x − 1/(2x) − Σ B₂ₖ ÷ (2k x^(2k)) (seven terms) from 10 on, the recurrence
 * ψ(x) = ψ(x + 1) − 1/x below. Error about 1e-15.
 */
export function digamma(x: number): number {
  let shift = 0;
  let y = x;
  for (; y < ASYMPTOTIC; y++) shift -= 1 / y;
  const u = 1 / (y * y);
  const series = u * (1 / 12 - u * (1 / 120 - u * (1 / 252 - u * (1 / 240 - u * (1 / 132 - u * (691 / 32760 - u / 12))))));
  return shift + log(y) - 0.5 / y - series;
}

/** @internal ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** @internal ln(eᵘ + eᵛ) without overflow; −∞ stands for a term that is 0. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u >= v ? u + log1p(exp(v - u)) : v + log1p(exp(u - v));
}

/**
 * @internal The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1, with
 * y = 1 − x given separately (so that an x close to 1 loses nothing): the continued fraction of
 * DLMF 8.17.22, on I_x(a, b) or on 1 − I_y(b, a), whichever converges fast.
 */
export function regularizedBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = a * log(x) + b * log(y) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (exp(logFront) / a) * betaContinuedFraction(a, b, x);
  return 1 - (exp(logFront) / b) * betaContinuedFraction(b, a, y);
}

/** Relative size of the tail at which a series stops (below half a unit in the last place of the sum). */
const SERIES_EPSILON = 1e-17;
/** The most terms any series here adds: a bound, so that no input can make a call hang. */
const MAX_TERMS = 2_000_000;
/** Below this w = s ÷ (s + t), {@link purchasesBracket} uses the connection formula at z = 1 instead of its series. */
const CONNECTION_LIMIT = 1e-4;
/**
 * Near a degenerate case of the connection formula (a = 1, or r + x + 1 − a an integer), a is moved
 * by ±h with h = NUDGE ÷ max(1, |ln w|) and the two values averaged: the error of the mean, about
 * (h·ln w)², and the rounding error of the cancelling terms, about ε ÷ (h·|ln w|) where ε is the
 * absolute error of the ln Γ values involved (1e-16 × their size), are then small: within 3e-8 of
 * the limit in the reference tests (x = 200 at a = 1), 1e-9 for small x.
 */
const NUDGE = 5e-6;

/**
 * @internal The bracket of the BG/NBD expectations, for t ≥ 0 and s > 0:
 *
 * Q = (a + b + x − 1) ÷ (a − 1) · [1 − (s ÷ (s + t))^(r+x) · ₂F₁(r + x, b + x; a + b + x − 1; t ÷ (s + t))],
 *
 * so that E[X(t)] = Q with x = 0 and s = α (Fader, Hardie & Lee 2005, eq. 9), and the conditional
 * expectation is Q with s = α + T, divided by 1 + δ(x > 0)·a ÷ (b + x − 1)·((α + T) ÷ (α + tₓ))^(r+x)
 * (eq. 10). Q is 0 at t = 0 and increases with t.
 *
 * @remarks
 * Euler's transformation ₂F₁(α, β; γ; z) = (1 − z)^(γ−α−β) ₂F₁(γ − α, γ − β; γ; z) turns the
 * bracket into Q = C·g − w^B·S with A = a + b − 1 − r, B = a − 1, C = a + b + x − 1, z = t ÷ (s + t),
 * w = 1 − z, g = (1 − w^B) ÷ B (−ln w at B = 0) and S = Σₙ₌₁ (A)ₙ (B + 1)ₙ₋₁ ÷ ((C + 1)ₙ₋₁ n!) zⁿ:
 * the large parameters r + x and b + x leave the series (whose terms would otherwise grow like
 * n^(x) before they fall), the factor C that vanishes at a + b + x = 1 and the 1 ÷ B at a = 1 are
 * divided out by hand, so nothing is singular. The series is summed until its tail, bounded by
 * the last term × q ÷ (1 − q) with q the larger of the last term ratio and z, is below 1e-17 of the
 * sum. For w < 1e-4 (t beyond 10,000·s), where that takes more than about 400,000 terms, the
 * connection formula at z = 1 (DLMF 15.8.4) is used instead, with series in w; near its
 * degenerate cases (a = 1, or r + x + 1 − a an integer) it is the mean of the values at a ± h for
 * a small h (see NUDGE). Measured against mpmath: within 3e-13 relative by the series, 3e-8 by the
 * connection formula (which only serves t beyond 10,000 (α + T), far past any horizon in use).
 */
export function purchasesBracket(r: number, a: number, b: number, x: number, s: number, t: number): number {
  if (t === 0) return 0;
  const ratio = t / s;
  // ln w = ln(s ÷ (s + t)) and z = t ÷ (s + t), without overflow for any finite t.
  const logW = ratio < Infinity ? -log1p(ratio) : log(s) - log(t);
  const z = 1 / (1 + s / t);
  const A = a + b - 1 - r;
  const B = a - 1;
  const C = a + b + x - 1;
  const value = exp(logW) >= CONNECTION_LIMIT ? bracketBySeries(A, B, C, z, logW) : bracketAtInfinity(A, B, C, logW);
  return value > 0 ? value : 0;
}

/** C·g − w^B·S by the series in z (see {@link purchasesBracket}). */
function bracketBySeries(A: number, B: number, C: number, z: number, logW: number): number {
  const g = B === 0 ? -logW : -expm1(B * logW) / B;
  let term = A * z;
  let sum = term;
  // Past this term every factor of the ratio is positive, and the ratios approach z monotonically.
  const settled = ceil(max(0, -A, -B, -C)) + 2;
  for (let n = 1; n < MAX_TERMS && term !== 0; n++) {
    const ratio = (((A + n) * (B + n)) / ((C + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    if (n >= settled && ratio < 1) {
      const bound = max(ratio, z);
      if (abs(term) * bound <= SERIES_EPSILON * (1 - bound) * abs(sum)) break;
    }
  }
  return C * g - exp(B * logW) * sum;
}

/** The Gauss series Σ (a)ₙ (b)ₙ ÷ ((c)ₙ n!) wⁿ, for 0 ≤ w < 1e-4 (a few terms). */
function gaussSeries(a: number, b: number, c: number, w: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 1000; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * w;
    sum += term;
    if (abs(term) <= SERIES_EPSILON * abs(sum)) break;
  }
  return sum;
}

/** Distance from x to the nearest integer. */
function offInteger(x: number): number {
  return abs(x - Math.round(x));
}

/**
 * C·[1 − w^B ₂F₁(A, B; C; 1 − w)] ÷ B for tiny w, by the connection formula (DLMF 15.8.4) with
 * D = C − A − B (here r + x + 1 − a):
 * C·₂F₁ = H₁·₂F₁(A, B; 1 − D; w) + w^D·H₂·₂F₁(C − A, C − B; 1 + D; w), H₁ = Γ(C + 1)Γ(D) ÷ (Γ(C − A)Γ(C − B)),
 * H₂ = Γ(C + 1)Γ(−D) ÷ (Γ(A)Γ(B)); so the bracket is (C − w^B·H₁·F₁) ÷ B − w^(B+D)·Γ(C + 1)Γ(−D) ÷ (Γ(A)Γ(B + 1))·F₂.
 */
function bracketAtInfinity(A: number, B: number, C: number, logW: number): number {
  const h = NUDGE / max(1, -logW);
  if (abs(B) < h / 2 || offInteger(C - A - B) < h / 2) {
    // a ± h moves A, B and C by ±h (and D by ∓h).
    return 0.5 * (connection(A + h, B + h, C + h, logW) + connection(A - h, B - h, C - h, logW));
  }
  return connection(A, B, C, logW);
}

function connection(A: number, B: number, C: number, logW: number): number {
  const w = exp(logW);
  const D = C - A - B;
  const logGammaC1 = logGamma(C + 1);
  // C − A = r + x and C − B = b + x are positive.
  const first = gammaSign(D) * exp(B * logW + logGammaC1 + logAbsGamma(D) - logGamma(C - A) - logGamma(C - B)) * gaussSeries(A, B, 1 - D, w);
  const second = isGammaPole(A)
    ? 0
    : gammaSign(-D) * gammaSign(A) * exp((B + D) * logW + logGammaC1 + logAbsGamma(-D) - logAbsGamma(A) - logGamma(B + 1)) * gaussSeries(C - A, C - B, 1 + D, w);
  return (C - first) / B - second;
}
