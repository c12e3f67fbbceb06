import { normalSf } from '../../_internal/distributions.js';
import { argumentObject } from '../../_internal/validate.js';
import { openFraction, rateArm, twoSidedZ } from './shared.js';
import type { ConfidenceInterval } from './wilsonInterval.js';

const { abs, max, min, sqrt } = Math; // destructured: the Decimal lint rule matches any `.sqrt(…)` member call

/**
 * One arm of {@link compareRates}: how many of how many (customers cross-sold of customers, offers accepted of offers shown).
 * @category Statistics
 */
export interface RateArm {
  /** Trials that succeeded: a non-negative integer, at most `trials`. */
  successes: number;
  /** All trials: a non-negative integer. */
  trials: number;
}

/**
 * The arms and confidence level {@link compareRates} reads.
 * @category Statistics
 */
export interface CompareRatesInput {
  /** The baseline: variant A, or the period before the change. */
  control: RateArm;
  /** The change: variant B, or the period after. */
  treatment: RateArm;
  /** Two-sided confidence level, strictly between 0 and 1; `0.95` by default. */
  confidence?: number;
}

/**
 * The result of {@link compareRates}.
 * @category Statistics
 */
export interface CompareRatesResult {
  /** Treatment rate − control rate, in rate units (0.02 is two percentage points). */
  difference: number;
  /** `difference` ÷ control rate (0.1 is "10 % better"); `null` when the control rate is 0. */
  relativeLift: number | null;
  /** Unpooled Wald interval for `difference` at the chosen confidence, clamped to [−1, 1]. */
  confidenceInterval: ConfidenceInterval;
  /** Two-sided p-value of the pooled two-proportion z-test of "no difference", in [0, 1]. */
  pValue: number;
  /** `pValue < 1 − confidence`. */
  significant: boolean;
}

/**
 * Compares two rates (an A/B test, or before and after a change): the difference, its confidence interval, and whether it is more than noise.
 *
 * @remarks
 * With p₁ = x₁/n₁ (control) and p₂ = x₂/n₂ (treatment) and z = z₁₋α/₂ for the two-sided
 * `confidence` 1 − α:
 * - `difference` = p₂ − p₁, computed from the integer counts so that close rates keep their digits;
 *   `relativeLift` = (p₂ − p₁) ÷ p₁, `null` when p₁ is 0.
 * - `confidenceInterval` = difference ∓ z·√(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂) (the unpooled Wald
 *   interval for a difference of proportions), clamped to [−1, 1], the range of a difference of two
 *   rates. Like every Wald interval it is too narrow when a rate is 0 or 1 or a sample is small
 *   (with both rates at 0 or 1 it has width 0); there, read the p-value and {@link wilsonInterval}
 *   of each arm instead.
 * - `pValue`: the two-sided pooled two-proportion z-test. With the pooled rate
 *   p̄ = (x₁ + x₂)/(n₁ + n₂), Z = (p₂ − p₁) ÷ √(p̄(1 − p̄)(1/n₁ + 1/n₂)) and pValue = 2·P(N(0, 1) > |Z|),
 *   accurate far into the tail (down to about 1e-300). When p̄ is 0 or 1 (both arms all failures,
 *   or all successes) the arms are identical and `pValue` is 1. This is the same test as the
 *   χ² test of a 2×2 table without continuity correction (Z² = χ²).
 * - `significant` = pValue < 1 − confidence.
 *
 * The z-test is an approximation that needs enough data: as a rule of thumb at least 5 successes
 * and 5 failures in each arm. `null` when either arm has 0 trials (there is no rate to compare). O(1).
 *
 * References: NIST/SEMATECH e-Handbook of Statistical Methods, 7.3.3 "How can we determine
 * whether two processes produce the same proportion of defectives?"; J. L. Fleiss, B. Levin &
 * M. C. Paik, Statistical Methods for Rates and Proportions, 3rd ed. (2003), ch. 10.1; R. G.
 * Newcombe, "Interval estimation for the difference between independent proportions", Statistics
 * in Medicine 17 (1998) 873–890 (the Wald interval's behaviour). Matches scipy/mpmath reference
 * values to 1e-9 relative error (test/analysis/statistics/reference.py).
 *
 * @param input - `control` and `treatment` as `{ successes, trials }`, and `confidence` (default 0.95).
 * @returns The comparison, or `null` when either arm has 0 trials.
 * @throws {@link KpiError} `INVALID_ARGUMENT` (not an object), `INVALID_NUMBER` (not a finite number, or `confidence` not strictly between 0 and 1), `NEGATIVE_COUNT`, `NOT_AN_INTEGER`, `NUMERATOR_EXCEEDS_DENOMINATOR`; each with the path, such as `treatment.successes`.
 * @example
 * ```ts
 * import { compareRates } from 'xsell-kpi';
 * // Cross-sold customers: 200 of 1,000 without the widget, 240 of 1,000 with it.
 * const result = compareRates({ control: { successes: 200, trials: 1000 }, treatment: { successes: 240, trials: 1000 } })!;
 * Number(result.difference.toFixed(4)); // => 0.04
 * Number(result.relativeLift!.toFixed(4)); // => 0.2
 * Number(result.confidenceInterval.lower.toFixed(4)); // => 0.0037
 * Number(result.confidenceInterval.upper.toFixed(4)); // => 0.0763
 * Number(result.pValue.toFixed(4)); // => 0.0308
 * result.significant; // => true
 * compareRates({ control: { successes: 0, trials: 0 }, treatment: { successes: 1, trials: 2 } }); // => null
 * compareRates({ control: { successes: 5, trials: 4 }, treatment: { successes: 1, trials: 2 } }); // throws NUMERATOR_EXCEEDS_DENOMINATOR
 * ```
 * @category Statistics
 */
export function compareRates(input: CompareRatesInput): CompareRatesResult | null {
  const bag = argumentObject(input);
  const control = rateArm(bag['control'], 'control');
  const treatment = rateArm(bag['treatment'], 'treatment');
  const confidence = openFraction(bag['confidence'], 'confidence', 0.95);
  const { successes: x1, trials: n1 } = control;
  const { successes: x2, trials: n2 } = treatment;
  if (n1 === 0 || n2 === 0) return null;

  // p₂ − p₁ = (x₂n₁ − x₁n₂) ÷ (n₁n₂), the numerator exact in integers.
  const numerator = Number(BigInt(x2) * BigInt(n1) - BigInt(x1) * BigInt(n2));
  const difference = numerator / Number(BigInt(n1) * BigInt(n2));
  const relativeLift = x1 === 0 ? null : numerator / Number(BigInt(x1) * BigInt(n2));

  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const halfWidth = twoSidedZ(confidence) * sqrt((p1 * ((n1 - x1) / n1)) / n1 + (p2 * ((n2 - x2) / n2)) / n2);
  const confidenceInterval = { lower: max(-1, difference - halfWidth), upper: min(1, difference + halfWidth) };

  const pooled = (x1 + x2) / (n1 + n2);
  const pooledFailures = (n1 - x1 + (n2 - x2)) / (n1 + n2);
  const standardError = sqrt(pooled * pooledFailures * (1 / n1 + 1 / n2));
  const pValue = standardError === 0 ? 1 : min(1, 2 * normalSf(abs(difference) / standardError));
  return { difference, relativeLift, confidenceInterval, pValue, significant: pValue < 1 - confidence };
}
