import type { Decimal } from '../../core/decimal.js';
import { Decimal as PrivateDecimal } from '../../_internal/decimal.js';
import type { MoneyInput } from '../../core/money.js';
import { nonNegativeMoney } from '../../_internal/money.js';
import { argumentObject, fraction, nonNegativeNumber } from '../../_internal/validate.js';

/**
 * The factors {@link predictedLifetimeValue} multiplies.
 * @category Lifetime value
 */
export interface PredictedLifetimeValueInput {
  /** Average order value: an amount ≥ 0. */
  averageOrderValue: MoneyInput;
  /** Orders per customer per period (say, per year): a number ≥ 0. */
  purchaseFrequency: number;
  /** Expected number of periods a customer stays: a number ≥ 0. */
  lifespan: number;
  /** Gross margin as a fraction in [0, 1]; 1 (revenue, not profit) by default. */
  margin?: number;
}

/**
 * Simple predicted customer lifetime value: AOV × purchases per period × periods × margin.
 *
 * @remarks
 * The textbook back-of-the-envelope forecast. Every factor is read through its shortest decimal
 * string and multiplied exactly, so the result has no float error. Never `null`. O(digits).
 *
 * @param input - `averageOrderValue` (money ≥ 0), `purchaseFrequency` and `lifespan` (numbers ≥ 0), optional `margin` in [0, 1].
 * @returns The predicted value as a `Decimal`.
 * @throws {@link KpiError} `INVALID_MONEY`, `INVALID_NUMBER` (also a margin outside [0, 1]), `NEGATIVE_COUNT`.
 * @example
 * ```ts
 * import { predictedLifetimeValue } from 'xsell-kpi';
 * predictedLifetimeValue({ averageOrderValue: '82.30', purchaseFrequency: 2.5, lifespan: 3 }).toString(); // => '617.25'
 * predictedLifetimeValue({ averageOrderValue: '100', purchaseFrequency: 4, lifespan: 2, margin: 0.35 }).toString(); // => '280'
 * ```
 * @category Lifetime value
 */
export function predictedLifetimeValue(input: PredictedLifetimeValueInput): Decimal {
  const bag = argumentObject(input);
  const value = nonNegativeMoney(bag['averageOrderValue'], 'averageOrderValue');
  const frequency = nonNegativeNumber(bag['purchaseFrequency'], 'purchaseFrequency');
  const lifespan = nonNegativeNumber(bag['lifespan'], 'lifespan');
  const margin = bag['margin'] === undefined ? 1 : fraction(bag['margin'], 'margin');
  return value.times(new PrivateDecimal(frequency)).times(new PrivateDecimal(lifespan)).times(new PrivateDecimal(margin));
}
