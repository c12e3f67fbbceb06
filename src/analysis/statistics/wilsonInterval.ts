import { argumentObject, count, notAbove } from '../../_internal/validate.js';
import { openFraction, twoSidedZ } from './shared.js';

const { sqrt } = Math; // destructured: the Decimal lint rule matches any `.sqrt(…)` member call

/**
 * The counts and confidence level {@link wilsonInterval} reads.
 * @category Statistics
 */
export interface WilsonIntervalInput {
  /** Trials that succeeded (customers who were cross-sold, offers accepted): a non-negative integer, at most `trials`. */
  successes: number;
  /** All trials: a non-negative integer. */
  trials: number;
  /** Two-sided confidence level, strictly between 0 and 1; `0.95` by default. */
  confidence?: number;
}

/**
 * A two-sided confidence interval: `lower` ≤ `upper`.
 * @category Statistics
 */
export interface ConfidenceInterval {
  /** The lower bound. */
  lower: number;
  /** The upper bound. */
  upper: number;
}

/**
 * Wilson score interval for a rate: the range of true rates that the observed successes out of trials are consistent with.
 *
 * @remarks
 * With p̂ = successes ÷ trials, n = trials and z = z₁₋α/₂ the standard normal quantile for the
 * two-sided `confidence` 1 − α, the bounds are the two roots p of (p̂ − p)² = z² p(1 − p) ÷ n:
 * (p̂ + z²/(2n) ∓ z·√(p̂(1 − p̂)/n + z²/(4n²))) ÷ (1 + z²/n).
 * Unlike the textbook Wald interval p̂ ± z√(p̂(1 − p̂)/n) it never leaves [0, 1], is not empty at
 * 0/n or n/n, and keeps close to its nominal coverage for small n and rates near 0 or 1, which is
 * why Agresti & Coull (1998) and Newcombe (1998, method 3) recommend it.
 *
 * 0 successes give a lower bound of exactly 0, and `trials` successes an upper bound of exactly 1.
 * The bound nearer 0 is computed from the product of the roots (p̂² ÷ (1 + z²/n)) rather than by
 * subtraction, so it keeps full relative precision for rare events in huge samples. Bounds are
 * clamped to [0, 1]. `null` when `trials` is 0 (there is no rate to bound). O(1).
 *
 * References: E. B. Wilson, "Probable inference, the law of succession, and statistical
 * inference", JASA 22 (1927) 209–212; A. Agresti & B. A. Coull, "Approximate is better than
 * 'exact' for interval estimation of binomial proportions", The American Statistician 52 (1998)
 * 119–126; R. G. Newcombe, "Two-sided confidence intervals for the single proportion", Statistics
 * in Medicine 17 (1998) 857–872. Matches scipy/mpmath reference values to 1e-9 relative error
 * (test/analysis/statistics/reference.py).
 *
 * @param input - `successes` ≤ `trials` (non-negative integers) and `confidence` (default 0.95).
 * @returns `{ lower, upper }` within [0, 1], or `null` when `trials` is 0.
 * @throws {@link KpiError} `INVALID_ARGUMENT` (not an object), `INVALID_NUMBER` (not a finite number, or `confidence` not strictly between 0 and 1), `NEGATIVE_COUNT`, `NOT_AN_INTEGER`, `NUMERATOR_EXCEEDS_DENOMINATOR`.
 * @example
 * ```ts
 * import { wilsonInterval } from 'xsell-kpi';
 * const { lower, upper } = wilsonInterval({ successes: 100, trials: 500 })!;
 * [Number(lower.toFixed(4)), Number(upper.toFixed(4))]; // => [0.1673, 0.2373]
 * wilsonInterval({ successes: 0, trials: 20 })?.lower; // => 0
 * wilsonInterval({ successes: 20, trials: 20 })?.upper; // => 1
 * wilsonInterval({ successes: 0, trials: 0 }); // => null
 * wilsonInterval({ successes: 3, trials: 2 }); // throws NUMERATOR_EXCEEDS_DENOMINATOR
 * wilsonInterval({ successes: 1, trials: 2, confidence: 95 }); // throws INVALID_NUMBER
 * ```
 * @category Statistics
 */
export function wilsonInterval(input: WilsonIntervalInput): ConfidenceInterval | null {
  const bag = argumentObject(input);
  const successes = count(bag['successes'], 'successes');
  const trials = count(bag['trials'], 'trials');
  notAbove(successes, 'successes', trials, 'trials');
  const confidence = openFraction(bag['confidence'], 'confidence', 0.95);
  if (trials === 0) return null;
  return wilsonBounds(successes, trials, twoSidedZ(confidence));
}

/**
 * The Wilson bounds for validated counts (trials ≥ 1) and z ≥ 0. Works on the smaller of the two
 * counts and mirrors, so that the bound nearer 0 or 1 never comes from a subtraction.
 */
function wilsonBounds(successes: number, trials: number, z: number): ConfidenceInterval {
  const mirrored = successes > trials - successes;
  const k = mirrored ? trials - successes : successes;
  const p = k / trials;
  const q = (trials - k) / trials;
  const zz = z * z;
  const scale = 1 + zz / trials;
  // Upper root of the smaller proportion: (p + z²/2n + z√(pq/n + z²/4n²)) ÷ (1 + z²/n).
  const high = (p + zz / (2 * trials) + z * sqrt((p * q) / trials + zz / (4 * trials * trials))) / scale;
  // The roots multiply to p² ÷ (1 + z²/n).
  const low = k === 0 ? 0 : (p * p) / (scale * high);
  const lower = Math.max(0, mirrored ? 1 - high : low);
  const upper = Math.min(1, mirrored ? 1 - low : high);
  return { lower, upper };
}
