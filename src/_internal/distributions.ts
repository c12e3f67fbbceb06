/**
 * The standard normal and Student-t distributions in plain double arithmetic, for the comparison
 * statistics (`wilsonInterval`, `compareRates`, `compareMeans`, `sampleSize`).
 *
 * Accuracy: about 1e-13 relative error or better against mpmath at 60 digits, far tails included
 * (normal upper tail down to 1e-300, Student-t tails as far as a double reaches, any real degrees
 * of freedom > 0); checked by test/analysis/statistics/reference.test.ts against vectors that
 * test/analysis/statistics/reference.py computes with mpmath and scipy.
 *
 * Methods (each cited where it is used):
 * - normal tail: the power series of Φ(x) − ½ (Abramowitz & Stegun 26.2.11) near the centre,
 *   Laplace's continued fraction for the Mills ratio (A&S 26.2.14, DLMF 7.9.2) beyond;
 * - normal quantile: Hastings' start (A&S 26.2.23) refined by Halley's method on the accurate tail;
 * - Student t: the regularized incomplete beta I_x(ν/2, ½), by its continued fraction (DLMF 8.17.22,
 *   evaluated with the modified Lentz method) or, for ν ≥ 30 near the centre, by the asymptotic
 *   expansion of DiDonato & Morris (1992, TOMS 708, "BGRAT"), which needs O(1) terms for any ν;
 * - Student-t quantile: safeguarded Newton iteration on ln P(T > t) in ln t.
 *
 * @internal
 * @module
 */

// Destructured so that no call reads `Math.sqrt(…)`: the lint rule against Decimal's
// sqrt/exp/log methods matches any member call of those names.
const { abs, ceil, exp, log, log1p, max, round, sqrt } = Math;

const EPSILON = 2.220446049250313e-16;
/** 1 ÷ √(2π). */
const INV_SQRT_2PI = 0.3989422804014327;
/** ln π. */
const LN_PI = 1.1447298858494002;
/** Below this, the normal tail comes from the series; at and above, from the continued fraction. */
const SERIES_LIMIT = 2.5;

/**
 * @internal The standard normal density φ(x) = e^(−x²/2) ÷ √(2π).
 *
 * x² is split as xh² + (x − xh)(x + xh) with xh = x rounded to 1/16 (so xh² is exact), which keeps
 * the full relative precision of e^(−x²/2) far out, where x²/2 is in the hundreds (Cody 1969).
 */
export function normalPdf(x: number): number {
  // Beyond 40 the density is below the smallest double (and the split below could overflow).
  if (!(abs(x) <= 40)) return 0;
  const high = round(x * 16) / 16;
  return exp(-0.5 * high * high) * exp(-0.5 * (x - high) * (x + high)) * INV_SQRT_2PI;
}

/** Σ x^(2n+1) ÷ (1·3·5⋯(2n+1)), so that Φ(x) − ½ = φ(x)·series (A&S 26.2.11); all terms positive. */
function centralSeries(x: number): number {
  const square = x * x;
  let term = x;
  let sum = x;
  for (let k = 3; term > EPSILON * 1e-3 * sum; k += 2) {
    term *= square / k;
    sum += term;
  }
  return sum;
}

/**
 * Mills ratio R(x) = Q(x) ÷ φ(x) for x ≥ SERIES_LIMIT by Laplace's continued fraction
 * R(x) = 1/(x + 1/(x + 2/(x + 3/(x + …)))), evaluated forwards with the modified Lentz method.
 */
function millsRatio(x: number): number {
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    d = 1 / (x + n * d);
    c = x + n / c;
    const delta = c * d;
    f *= delta;
    if (abs(delta - 1) < EPSILON) break;
  }
  return 1 / f;
}

/** Q(x) = P(Z > x) for x ≥ 0. */
function upperTail(x: number): number {
  if (x < SERIES_LIMIT) return 0.5 - normalPdf(x) * centralSeries(x);
  return normalPdf(x) * millsRatio(x);
}

/** @internal P(Z > x) for the standard normal: the survival function, accurate in the far upper tail. */
export function normalSf(x: number): number {
  return x >= 0 ? upperTail(x) : 1 - upperTail(-x);
}

/** @internal Φ(x) = P(Z ≤ x), accurate in the far lower tail. */
export function normalCdf(x: number): number {
  return normalSf(-x);
}

/** Φ(z) − p for z ≤ 0 and p ≤ ½, without cancellation near the centre. */
function lowerTailMinus(z: number, p: number): number {
  const x = -z;
  if (x < SERIES_LIMIT) return 0.5 - p - normalPdf(x) * centralSeries(x);
  return normalPdf(x) * millsRatio(x) - p;
}

/** z ≤ 0 with Φ(z) = p, for 0 < p ≤ ½. */
function lowerQuantile(p: number): number {
  if (p === 0.5) return 0;
  // Hastings' rational start, |error| < 4.5e-4 (A&S 26.2.23).
  const t = sqrt(-2 * log(p));
  let z = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
  // Halley's method on Φ(z) − p: cubic convergence, three steps reach full precision.
  for (let step = 0; step < 8; step++) {
    const error = lowerTailMinus(z, p) / normalPdf(z);
    const change = error / (1 + 0.5 * z * error);
    z -= change;
    if (abs(change) <= 4 * EPSILON * abs(z)) break;
  }
  return z > 0 ? 0 : z;
}

/**
 * @internal The standard normal quantile Φ⁻¹(p) for 0 < p < 1. For an upper quantile z₁₋ₐ pass
 * `-normalQuantile(a)`, not `normalQuantile(1 - a)`, to keep the precision of a small `a`.
 */
export function normalQuantile(p: number): number {
  return p <= 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
}

// ---------------------------------------------------------------------------------------------
// Student t

/** Coefficient k (k = 1…) of Stirling's series: B₂ₖ ÷ (2k(2k − 1)). */
const STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156, -3617 / 122400];

/** @internal Σ B₂ₖ ÷ (2k(2k − 1) z^(2k−1)), the tail of Stirling's series for ln Γ(z), for z ≥ 10. */
export function stirlingTail(z: number): number {
  const inverseSquare = 1 / (z * z);
  let sum = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) sum = sum * inverseSquare + STIRLING[k]!;
  return sum / z;
}

/**
 * @internal ln Γ(a + ½) − ln Γ(a) for a > 0, to an absolute error near 1e-16 even for huge a
 * (where ln Γ(a) and ln Γ(a + ½) themselves are huge and their difference would lose everything).
 *
 * For a ≥ 10, the difference of Stirling's series written so that nothing large cancels:
 * a·ln(1 + 1/(2a)) − ½ + ½ ln a + S(a + ½) − S(a); below, the recurrence
 * D(a) = D(a + 1) − ln(1 + 1/(2a)) (from Γ(z + 1) = zΓ(z)).
 */
export function logGammaHalfRatio(a: number): number {
  let shift = 0;
  let start = a;
  if (a < 10) {
    const steps = ceil(10 - a);
    for (let j = 0; j < steps; j++) shift += log1p(0.5 / (a + j));
    start = a + steps;
  }
  const large = start * log1p(0.5 / start) - 0.5 + 0.5 * log(start) + stirlingTail(start + 0.5) - stirlingTail(start);
  return large - shift;
}

/** ln B(a, ½) = ln Γ(a) + ln Γ(½) − ln Γ(a + ½). */
function logBetaHalf(a: number): number {
  return 0.5 * LN_PI - logGammaHalfRatio(a);
}

/**
 * The continued fraction of the incomplete beta function, DLMF 8.17.22:
 * I_x(a, b) = x^a (1 − x)^b ÷ (a B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …))), with
 * d₂ₘ₊₁ = −(a + m)(a + b + m)x ÷ ((a + 2m)(a + 2m + 1)) and d₂ₘ = m(b − m)x ÷ ((a + 2m − 1)(a + 2m)).
 * Returns the fraction 1/(1 + d₁/(1 + …)), evaluated by the modified Lentz method (Numerical
 * Recipes §5.2, §6.4). Converges fast for x < (a + 1)/(a + b + 2); callers use the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) otherwise. At most 20,000 steps.
 * @internal
 */
export function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 20_000; m++) {
    const m2 = 2 * m;
    // Even step d₂ₘ.
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    // Odd step d₂ₘ₊₁.
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (abs(delta - 1) < EPSILON) break;
  }
  return h;
}

/** Terms of the BGRAT series; pₙ falls like π^(−2n), and the series stops at machine precision well before. */
const BGRAT_TERMS = 40;
let bgratCoefficients: number[] | undefined;

/** pₙ, the coefficients of (sinh w ÷ w)^(−½) in powers of w² (BGRAT's pₙ for b = ½), computed once. */
function bgratP(): number[] {
  if (bgratCoefficients !== undefined) return bgratCoefficients;
  const inverseOddFactorial = [1];
  for (let m = 1; m <= BGRAT_TERMS; m++) inverseOddFactorial.push(inverseOddFactorial[m - 1]! / ((2 * m) * (2 * m + 1)));
  // g = f^β with f = Σ cₘ w^(2m), c₀ = 1, β = b − 1: n·gₙ = Σₘ₌₁ⁿ ((β + 1)m − n) cₘ gₙ₋ₘ (J. C. P. Miller).
  const p = [1];
  for (let n = 1; n <= BGRAT_TERMS; n++) {
    let sum = 0;
    for (let m = 1; m <= n; m++) sum += (0.5 * m - n) * inverseOddFactorial[m]! * p[n - m]!;
    p.push(sum / n);
  }
  bgratCoefficients = p;
  return p;
}

/**
 * I_x(a, ½) for a ≥ 15 and λ = −ln x ≤ 1, by DiDonato & Morris's asymptotic expansion (TOMS 708, BGRAT,
 * their eq. 9). With T = a − ¼ and u = Tλ, writing t^(a−1)(1 − t)^(−½) in z = −ln t as
 * e^(−Tz) z^(−½) (sinh(z/2) ÷ (z/2))^(−½) and expanding the last factor as Σ pₙ (z/2)^(2n) gives
 * I_x(a, ½) = T^(−½) ÷ B(a, ½) · Σ pₙ Γ(½ + 2n, u) ÷ (2T)^(2n).
 * With Kₙ = Γ(½ + 2n, u) ÷ (u^½ e^(−u) (2T)^(2n)), K₀ = √π·erfcx(√u) ÷ √u and, from
 * Γ(s + 1, u) = sΓ(s, u) + u^s e^(−u),
 * Kₙ₊₁ = ((2n + ½)(2n + 3/2)Kₙ + (2n + 3/2 + u)(λ/2)^(2n)) ÷ (4T²), all terms positive;
 * so I = e^(D(a) − u) √(λ/π) Σ pₙ Kₙ with D(a) = ln Γ(a + ½) − ln Γ(a).
 */
function betaHalfLargeA(a: number, lambda: number): number {
  const t = a - 0.25;
  const u = t * lambda;
  const p = bgratP();
  const root = sqrt(u);
  // erfcx(√u)·√π = e^u Γ(½, u) = e^u · 2√π · Q(√(2u)), through the normal Mills ratio.
  const q = root * Math.SQRT2;
  const scaledGamma = q < SERIES_LIMIT ? (2 * sqrt(Math.PI) * (0.5 - normalPdf(q) * centralSeries(q))) * exp(u) : 2 * sqrt(Math.PI) * INV_SQRT_2PI * millsRatio(q);
  let k = scaledGamma / root;
  const fourT2 = 4 * t * t;
  const halfLambdaSquared = (lambda / 2) * (lambda / 2);
  let power = 1;
  let sum = k;
  for (let n = 0; n < BGRAT_TERMS; n++) {
    k = ((2 * n + 0.5) * (2 * n + 1.5) * k + (2 * n + 1.5 + u) * power) / fourT2;
    power *= halfLambdaSquared;
    const term = p[n + 1]! * k;
    sum += term;
    if (abs(term) < EPSILON * 0.01 * abs(sum)) break;
  }
  return exp(logGammaHalfRatio(a) - u) * sqrt(lambda / Math.PI) * sum;
}

/** P(T > t) for t > 0 and ν > 0 degrees of freedom: ½·I_x(ν/2, ½) with x = ν ÷ (ν + t²). */
function studentUpperTail(t: number, degrees: number): number {
  // ½ − P(0 < T < t) ≤ t·f(0) ≤ t/√(2π): below 1e-17 that is ½ to the last bit (and λ = ln(1 + t²/ν)
  // would reach subnormal numbers, where the expansion below loses its precision).
  if (t < 1e-17) return 0.5;
  const a = degrees / 2;
  const root = sqrt(degrees);
  // With r = t/√ν: λ = −ln x = ln(1 + r²), and x, y = 1 − x, ln y without cancellation or overflow.
  let lambda: number;
  let x: number;
  let y: number;
  let logY: number;
  if (t < root) {
    const r = t / root;
    const r2 = r * r;
    lambda = log1p(r2);
    x = 1 / (1 + r2);
    y = r2 / (1 + r2);
    logY = 2 * log(r) - lambda;
  } else {
    const s = root / t; // 1/r, which cannot overflow
    const s2 = s * s;
    logY = -log1p(s2);
    lambda = -2 * log(s) - logY;
    x = s2 / (1 + s2);
    y = 1 / (1 + s2);
  }
  if (a >= 15 && lambda <= 1) return 0.5 * betaHalfLargeA(a, lambda);
  // x^a y^½ ÷ B(a, ½), in logarithms.
  const logFront = -a * lambda + 0.5 * logY - logBetaHalf(a);
  if (x < (a + 1) / (a + 2.5)) return 0.5 * (exp(logFront) / a) * betaContinuedFraction(a, 0.5, x);
  return 0.5 * (1 - exp(logFront) * 2 * betaContinuedFraction(0.5, a, y));
}

/** @internal P(T > t) for Student's t with `degrees` > 0 (real) degrees of freedom; `Infinity` is the normal. */
export function studentSf(t: number, degrees: number): number {
  if (degrees === Infinity) return normalSf(t);
  if (t === 0) return 0.5;
  return t > 0 ? studentUpperTail(t, degrees) : 1 - studentUpperTail(-t, degrees);
}

/** @internal P(T ≤ t) for Student's t with `degrees` > 0 degrees of freedom. */
export function studentCdf(t: number, degrees: number): number {
  return studentSf(-t, degrees);
}

/** @internal The Student-t density Γ((ν+1)/2) ÷ (Γ(ν/2)√(νπ)) · (1 + t²/ν)^(−(ν+1)/2). */
export function studentPdf(t: number, degrees: number): number {
  if (degrees === Infinity) return normalPdf(t);
  const root = sqrt(degrees);
  const lambda = abs(t) < root ? log1p((t / root) * (t / root)) : log1p((root / t) * (root / t)) - 2 * log(root / abs(t));
  return exp(logGammaHalfRatio(degrees / 2) - 0.5 * (LN_PI + log(degrees)) - (degrees / 2 + 0.5) * lambda);
}

/**
 * t > 0 with P(T > t) = q, for 0 < q < ½: Newton's method on g(s) = ln P(T > eˢ) − ln q in s = ln t,
 * kept inside a bracket that bisection falls back on. g falls from ln(½ ÷ q) at s = −∞ with a slope
 * that tends to −ν, so the iteration is well behaved from the normal quantile, which is a lower
 * bound (Student's t is a scale mixture of normals, and Jensen's inequality gives P(T > t) ≥ P(Z > t)).
 */
function studentUpperQuantile(q: number, degrees: number): number {
  // Only for ν below 1 and tiny q: the quantile is beyond the largest double.
  if (studentUpperTail(Number.MAX_VALUE, degrees) > q) return Infinity;
  const z = -lowerQuantile(q);
  const logQ = log(q);
  // Cornish–Fisher start (Fisher 1925; A&S 26.7.5), never below the normal quantile.
  const z2 = z * z;
  const start = z + (z * (z2 + 1)) / (4 * degrees) + (z * (z2 * (5 * z2 + 16) + 3)) / (96 * degrees * degrees);
  let low = log(z);
  let high = Infinity;
  let s = log(max(start, z));
  for (let iteration = 0; iteration < 100; iteration++) {
    const t = exp(s);
    const tail = studentUpperTail(t, degrees);
    const value = log(tail) - logQ;
    if (value === 0) return t;
    if (value > 0) low = s;
    else high = s;
    // d/ds ln P(T > eˢ) = −t·f(t) ÷ P(T > t).
    const slope = (-t * studentPdf(t, degrees)) / tail;
    let next = s - value / slope;
    if (!(next > low && next < high)) next = high === Infinity ? low + max(1, 2 * (s - low)) : 0.5 * (low + high);
    const tolerance = 4 * EPSILON * max(1, abs(next));
    if (abs(next - s) <= tolerance || high - low <= tolerance) return exp(next);
    s = next;
  }
  return exp(s);
}

/**
 * @internal The Student-t quantile: t with P(T ≤ t) = p, for 0 < p < 1 and `degrees` > 0, to about
 * 1e-13 relative error; ±Infinity where it is beyond the largest double (ν < 1 and p within about
 * 1e-300 of 0 or 1). For an upper quantile pass `-studentQuantile(a, ν)`, not `studentQuantile(1 - a, ν)`.
 */
export function studentQuantile(p: number, degrees: number): number {
  if (degrees === Infinity) return normalQuantile(p);
  if (p === 0.5) return 0;
  return p < 0.5 ? -studentUpperQuantile(p, degrees) : studentUpperQuantile(1 - p, degrees);
}
