import { KpiError } from '../../core/KpiError.js';
import { argumentObject, finiteNumber } from '../../_internal/validate.js';
import { openFraction, twoProportionSampleSize } from './shared.js';

/**
 * What {@link sampleSize} plans for.
 * @category Statistics
 */
export interface SampleSizeInput {
  /** The current rate p₁, strictly between 0 and 1 (0.2 for a 20 % cross-sell rate). */
  baseline: number;
  /**
   * The smallest change worth detecting, absolute, in rate units: 0.02 detects 20 % → 22 %; a
   * negative value plans to detect a drop. Not 0; baseline + effect strictly between 0 and 1.
   */
  minimumDetectableEffect: number;
  /** Two-sided significance level α, strictly between 0 and 1; `0.05` by default. */
  alpha?: number;
  /** Power 1 − β, the chance of detecting an effect of that size, strictly between 0 and 1; `0.8` by default. */
  power?: number;
}

/**
 * Orders, customers or visitors needed in each arm of an A/B test to detect a given change in a rate.
 *
 * @remarks
 * Per-arm n for a two-sided two-proportion z-test with equal arms (Fleiss, Levin & Paik 2003,
 * eq. 4.14, without continuity correction): with p₁ = baseline, p₂ = baseline + effect and
 * p̄ = (p₁ + p₂)/2,
 * n = ⌈(z₁₋α/₂·√(2p̄(1 − p̄)) + z₁₋β·√(p₁(1 − p₁) + p₂(1 − p₂)))² ÷ (p₂ − p₁)²⌉,
 * where z₁₋α/₂ and z₁₋β = z_power are standard normal quantiles. Halving the effect roughly
 * quadruples n. The two arms together need 2n; plan the test length from that and the traffic,
 * decide it before starting, and do not stop early when the p-value first dips below α (peeking
 * inflates false positives).
 *
 * The real-valued n is computed to about 1e-14 relative error; a value within one part in 10¹²
 * above an integer is taken as that integer (double arithmetic cannot reliably tell the two apart),
 * so n is never one too many because of rounding. Always at least 1. O(1).
 *
 * References: J. L. Fleiss, B. Levin & M. C. Paik, Statistical Methods for Rates and Proportions,
 * 3rd ed. (2003), section 4.2; S.-C. Chow, J. Shao & H. Wang, Sample Size Calculations in Clinical
 * Research (2008), 4.2. Matches scipy/mpmath reference values (test/analysis/statistics/reference.py).
 *
 * @param input - `baseline`, `minimumDetectableEffect` (absolute, may be negative), `alpha` (0.05) and `power` (0.8).
 * @returns The per-arm sample size, a positive integer.
 * @throws {@link KpiError} `INVALID_ARGUMENT` (not an object), `INVALID_NUMBER` (not a finite number; `baseline`, `alpha` or `power` not strictly between 0 and 1; an effect of 0, or one that takes the rate to 0, 1 or beyond).
 * @example
 * ```ts
 * import { sampleSize } from 'xsell-kpi';
 * // 20 % of customers are cross-sold today; detect a rise to 22 %.
 * sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.02 }); // => 6510
 * sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.04 }); // => 1683
 * sampleSize({ baseline: 0.2, minimumDetectableEffect: -0.02 }); // => 6039
 * sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.02, alpha: 0.01, power: 0.9 }); // => 12340
 * sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.9 }); // throws INVALID_NUMBER
 * ```
 * @category Statistics
 */
export function sampleSize(input: SampleSizeInput): number {
  const bag = argumentObject(input);
  const p1 = openFraction(bag['baseline'], 'baseline');
  const effect = finiteNumber(bag['minimumDetectableEffect'], 'minimumDetectableEffect');
  const alpha = openFraction(bag['alpha'], 'alpha', 0.05);
  const power = openFraction(bag['power'], 'power', 0.8);
  const p2 = p1 + effect;
  if (effect === 0 || !(p2 > 0 && p2 < 1)) {
    throw new KpiError('INVALID_NUMBER', 'minimumDetectableEffect', `expected a non-zero effect with baseline + effect strictly between 0 and 1, got ${effect} (baseline ${p1})`);
  }
  return Math.max(1, Math.ceil(twoProportionSampleSize(p1, p2, alpha, power) * (1 - 1e-12)));
}
