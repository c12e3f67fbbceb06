import { countRatio } from '../../_internal/validate.js';

/**
 * The counts {@link conversionRate} divides.
 * @category Conversion
 */
export interface ConversionRateInput {
  /** Distinct visitors with a converting visit: a non-negative integer, at most `visitors`. */
  converted: number;
  /** Distinct visitors: a non-negative integer. */
  visitors: number;
}

/**
 * Conversion rate: the share of visitors who converted.
 *
 * @remarks
 * converted ÷ visitors, both distinct visitors: a visitor with any converting visit counts once.
 *
 * `null` when `visitors` is 0: the rate is not defined for that data. O(1).
 *
 * @param input - `converted` (distinct visitors with a converting visit) and `visitors` (distinct visitors).
 * @returns A fraction in [0, 1], or `null` when `visitors` is 0.
 * @throws {@link KpiError} `INVALID_NUMBER` (not a finite number), `NEGATIVE_COUNT`, `NOT_AN_INTEGER`, `NUMERATOR_EXCEEDS_DENOMINATOR`.
 * @example
 * ```ts
 * import { conversionRate } from 'xsell-kpi';
 * conversionRate({ converted: 25, visitors: 1000 }); // => 0.025
 * conversionRate({ converted: 0, visitors: 0 }); // => null
 * ```
 * @category Conversion
 */
export function conversionRate(input: ConversionRateInput): number | null {
  return countRatio(input, 'converted', 'visitors');
}
