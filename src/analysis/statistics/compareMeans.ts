import { KpiError } from '../../core/KpiError.js';
import { studentQuantile, studentSf } from '../../_internal/distributions.js';
import { argumentObject } from '../../_internal/validate.js';
import { meanArm, openFraction } from './shared.js';
import type { ConfidenceInterval } from './wilsonInterval.js';

const { abs, max, min, sqrt } = Math; // destructured: the Decimal lint rule matches any `.sqrt(…)` member call

/**
 * One arm of {@link compareMeans}: the count, mean and sample variance of a measure, such as
 * order value. `AverageOrderValue#moments()` returns exactly this.
 * @category Statistics
 */
export interface MeanArm {
  /** Number of observations (orders): a non-negative integer. */
  count: number;
  /** Mean of the observations: a finite number. */
  mean: number;
  /** Sample variance of the observations (n − 1 in the denominator): a finite number ≥ 0. */
  variance: number;
}

/**
 * The arms and confidence level {@link compareMeans} reads.
 * @category Statistics
 */
export interface CompareMeansInput {
  /** The baseline: variant A, or the period before the change. */
  control: MeanArm;
  /** The change: variant B, or the period after. */
  treatment: MeanArm;
  /** Two-sided confidence level, strictly between 0 and 1; `0.95` by default. */
  confidence?: number;
}

/**
 * The result of {@link compareMeans}.
 * @category Statistics
 */
export interface CompareMeansResult {
  /** Treatment mean − control mean, in the unit of the measure. */
  difference: number;
  /** `difference` ÷ control mean (0.05 is "5 % higher"); `null` when the control mean is 0 (or so near 0 that the ratio overflows). */
  relativeLift: number | null;
  /** Welch interval for `difference` at the chosen confidence. */
  confidenceInterval: ConfidenceInterval;
  /** Two-sided p-value of Welch's t-test of "no difference", in [0, 1]. */
  pValue: number;
  /** `pValue < 1 − confidence`. */
  significant: boolean;
  /** Welch–Satterthwaite degrees of freedom (not always an integer); `null` when both variances are 0. */
  degreesOfFreedom: number | null;
}

/**
 * Compares two means (average order value in an A/B test, or before and after a change) with Welch's t-test.
 *
 * @remarks
 * From each arm's count n, mean x̄ and sample variance s² (n − 1 in the denominator), with
 * wᵢ = sᵢ²/nᵢ:
 * - `difference` = x̄₂ − x̄₁ (treatment − control); `relativeLift` = difference ÷ x̄₁, `null` when x̄₁
 *   is 0 (or so near 0 that the ratio overflows).
 * - standard error SE = √(w₁ + w₂), which does not assume equal variances (Welch 1947);
 * - `degreesOfFreedom` ν = (w₁ + w₂)² ÷ (w₁²/(n₁ − 1) + w₂²/(n₂ − 1)) (Welch–Satterthwaite;
 *   Satterthwaite 1946), a real number between min(n₁, n₂) − 1 and n₁ + n₂ − 2;
 * - `pValue` = 2·P(T_ν > |difference ÷ SE|) for Student's t with ν degrees of freedom (real ν,
 *   accurate far into the tail);
 * - `confidenceInterval` = difference ∓ t₁₋α/₂,ν·SE;
 * - `significant` = pValue < 1 − confidence.
 *
 * When both variances are 0 (every order in each arm has the same value) the test degenerates:
 * `degreesOfFreedom` is `null`, the interval is the single point `difference`, and `pValue` is 1
 * when the means are equal and 0 when they differ. `null` when either arm has fewer than 2
 * observations (no variance, so no test). The t-test relies on the means being roughly normal,
 * which the central limit theorem gives for the hundreds of orders of a typical test even though
 * order values are skewed; with a few dozen orders and a few very large ones, treat the p-value
 * with care. O(1).
 *
 * Takes `AverageOrderValue#moments()` output directly, so two arms' accumulators compare in one call.
 *
 * References: B. L. Welch, "The generalization of 'Student's' problem when several different
 * population variances are involved", Biometrika 34 (1947) 28–35; F. E. Satterthwaite, "An
 * approximate distribution of estimates of variance components", Biometrics Bulletin 2 (1946)
 * 110–114; NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.5.3 "Two-Sample t-Test for Equal
 * Means". Matches scipy (`scipy.stats.ttest_ind_from_stats(..., equal_var=False)`) and mpmath
 * reference values to 1e-9 relative error (test/analysis/statistics/reference.py).
 *
 * @param input - `control` and `treatment` as `{ count, mean, variance }`, and `confidence` (default 0.95).
 * @returns The comparison, or `null` when either arm has fewer than 2 observations.
 * @throws {@link KpiError} `INVALID_ARGUMENT` (not an object), `INVALID_NUMBER` (not a finite number, a negative variance, `confidence` not strictly between 0 and 1, or means and variances too large to combine in double precision), `NEGATIVE_COUNT`, `NOT_AN_INTEGER`; each with the path, such as `control.variance`.
 * @example
 * ```ts
 * import { compareMeans } from 'xsell-kpi';
 * const result = compareMeans({
 *   control: { count: 1000, mean: 52.3, variance: 400 },
 *   treatment: { count: 1100, mean: 54.1, variance: 420 },
 * })!;
 * Number(result.difference.toFixed(4)); // => 1.8
 * Number(result.relativeLift!.toFixed(4)); // => 0.0344
 * Number(result.degreesOfFreedom!.toFixed(2)); // => 2087.48
 * Number(result.confidenceInterval.lower.toFixed(4)); // => 0.066
 * Number(result.confidenceInterval.upper.toFixed(4)); // => 3.534
 * Number(result.pValue.toFixed(4)); // => 0.0419
 * result.significant; // => true
 * compareMeans({ control: { count: 1, mean: 20, variance: 0 }, treatment: { count: 5, mean: 25, variance: 4 } }); // => null
 * compareMeans({ control: { count: 3, mean: 20, variance: -1 }, treatment: { count: 5, mean: 25, variance: 4 } }); // throws INVALID_NUMBER
 * ```
 * @example
 * Two arms of an A/B test streamed into accumulators:
 * ```ts
 * import { AverageOrderValue, compareMeans } from 'xsell-kpi';
 * const control = new AverageOrderValue();
 * const treatment = new AverageOrderValue();
 * for (const [id, price] of [['a1', '20'], ['a2', '30'], ['a3', '40']]) control.add({ orderId: id, customerId: id, timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: price }] });
 * for (const [id, price] of [['b1', '30'], ['b2', '40'], ['b3', '50']]) treatment.add({ orderId: id, customerId: id, timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: price }] });
 * const result = compareMeans({ control: control.moments(), treatment: treatment.moments() })!;
 * result.difference; // => 10
 * result.degreesOfFreedom; // => 4
 * Number(result.pValue.toFixed(4)); // => 0.2879
 * ```
 * @category Statistics
 */
export function compareMeans(input: CompareMeansInput): CompareMeansResult | null {
  const bag = argumentObject(input);
  const control = meanArm(bag['control'], 'control');
  const treatment = meanArm(bag['treatment'], 'treatment');
  const confidence = openFraction(bag['confidence'], 'confidence', 0.95);
  if (control.count < 2 || treatment.count < 2) return null;

  const difference = treatment.mean - control.mean;
  const lift = difference / control.mean;
  const relativeLift = Number.isFinite(lift) ? lift : null;
  const w1 = control.variance / control.count;
  const w2 = treatment.variance / treatment.count;
  const largest = max(w1, w2);
  const standardError = sqrt(w1 + w2);
  if (!Number.isFinite(difference) || !Number.isFinite(standardError)) {
    throw new KpiError('INVALID_NUMBER', '', 'the means and variances are too large to combine in double precision');
  }
  const alpha = 1 - confidence;
  if (largest === 0) {
    // Both variances 0: the data show no spread, so the difference is known exactly.
    const pValue = difference === 0 ? 1 : 0;
    return { difference, relativeLift, confidenceInterval: { lower: difference, upper: difference }, pValue, significant: pValue < alpha, degreesOfFreedom: null };
  }
  // ν with both weights divided by the larger, so that nothing underflows or overflows.
  const r1 = w1 / largest;
  const r2 = w2 / largest;
  const degreesOfFreedom = ((r1 + r2) * (r1 + r2)) / ((r1 * r1) / (control.count - 1) + (r2 * r2) / (treatment.count - 1));
  const pValue = min(1, 2 * studentSf(abs(difference) / standardError, degreesOfFreedom));
  const halfWidth = -studentQuantile(alpha / 2, degreesOfFreedom) * standardError;
  const confidenceInterval = { lower: difference - halfWidth, upper: difference + halfWidth };
  if (!Number.isFinite(confidenceInterval.lower) || !Number.isFinite(confidenceInterval.upper)) {
    throw new KpiError('INVALID_NUMBER', '', 'the means and variances are too large to combine in double precision');
  }
  return { difference, relativeLift, confidenceInterval, pValue, significant: pValue < alpha, degreesOfFreedom };
}
