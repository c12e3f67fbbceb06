import { KpiError } from '../../core/KpiError.js';
import type { Decimal } from '../../core/decimal.js';
import { Decimal as PrivateDecimal, ZERO, divide } from '../../_internal/decimal.js';
import { readPurchases, readSpend } from '../../_internal/histories.js';
import { show } from '../../_internal/show.js';
import { argumentObject, count, nonNegativeNumber } from '../../_internal/validate.js';
import { BgNbdModel, expectedAhead } from './BgNbdModel.js';
import { GammaGammaModel, expectedSpend } from './GammaGammaModel.js';
import type { PurchaseHistory, SpendHistory } from './histories.js';

/**
 * The named arguments of {@link predictCustomerValue}.
 * @category Lifetime value
 */
export interface PredictCustomerValueInput {
  /** How many purchases: a fitted (or restored) BG/NBD model. */
  purchases: BgNbdModel;
  /** What each is worth: a fitted (or restored) Gamma-Gamma model. */
  spend: GammaGammaModel;
  /** `{ frequency, recency, T, monetary }`, such as an entry of {@link CustomerSummary}'s `result().customers`. */
  customer: PurchaseHistory & SpendHistory;
  /** Periods ahead (in the summary's time unit): an integer from 0 to 10,000. */
  horizon: number;
  /** Discount rate per period (0.01 is 1 % per week for weekly summaries), a finite number ≥ 0. */
  discountRate: number;
}

/** The longest horizon: with a discount rate near 0, each period costs a series evaluation. */
const MAX_HORIZON = 10_000;

/**
 * A customer's predicted lifetime value over a horizon: the discounted value of the purchases the
 * BG/NBD model expects of them, each worth what the Gamma-Gamma model expects.
 *
 * @remarks
 * Σ from i = 1 to horizon of E[value] × (E[X(i) | customer] − E[X(i − 1) | customer]) ÷ (1 + discountRate)^i,
 * where E[X(i) | customer] is {@link BgNbdModel.conditionalExpectedPurchases} (0 at i = 0) and E[value]
 * is {@link GammaGammaModel.conditionalExpectedAverageValue}: the expected purchases of each period
 * ahead, valued and discounted. `horizon` and `discountRate` are per time unit of the summary (52
 * and 0.01 for a year of weeks at 1 % a week). Revenue, not margin: multiply by your margin for
 * profit. The expected purchases are doubles; the result is their discounted sum times the exact
 * expected value, rounded once to 34 significant digits. O(horizon) expectations (it stops early
 * once the discount makes the rest negligible; with a discount rate of 0 it is one).
 *
 * @param input - `purchases`, `spend`, `customer`, `horizon`, `discountRate`.
 * @returns The predicted value, ≥ 0, in the unit of the customer's `monetary`.
 * @throws {@link KpiError} `INVALID_ARGUMENT` when `purchases` or `spend` is not a model;
 *   `NOT_AN_INTEGER`, `NEGATIVE_COUNT`, `INVALID_NUMBER` for the horizon (also above 10,000), the
 *   discount rate and the customer's numbers; `INVALID_MONEY`; `DEGENERATE_DATA` from the spend model.
 * @example
 * ```ts
 * import { BgNbdModel, GammaGammaModel, predictCustomerValue } from 'xsell-kpi';
 * const purchases = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
 * const spend = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });
 * const customer = { frequency: 2, recency: 30.43, T: 38.86, monetary: '22.35' };
 * predictCustomerValue({ purchases, spend, customer, horizon: 52, discountRate: 0.01 }).toFixed(2); // => '30.41'
 * predictCustomerValue({ purchases, spend, customer, horizon: 0, discountRate: 0.01 }).toString(); // => '0'
 * predictCustomerValue({ purchases, spend, customer, horizon: 52.5, discountRate: 0.01 }); // throws NOT_AN_INTEGER
 * ```
 * @category Lifetime value
 */
export function predictCustomerValue(input: PredictCustomerValueInput): Decimal {
  const bag = argumentObject(input);
  const purchases = model(bag['purchases'], 'purchases', BgNbdModel, 'BgNbdModel');
  const spend = model(bag['spend'], 'spend', GammaGammaModel, 'GammaGammaModel');
  const customer = readPurchases(bag['customer'], 'customer');
  const spent = readSpend(bag['customer'], 'customer');
  const horizon = count(bag['horizon'], 'horizon');
  if (horizon > MAX_HORIZON) throw new KpiError('INVALID_NUMBER', 'horizon', `expected at most ${MAX_HORIZON} periods, got ${horizon}`);
  const rate = nonNegativeNumber(bag['discountRate'], 'discountRate');
  const value = expectedSpend(spend.params, spent);
  const params = purchases.params;
  const final = horizon === 0 ? 0 : expectedAhead(params, customer, horizon);
  let factor = final;
  if (rate > 0 && horizon > 0) {
    factor = 0;
    let previous = 0;
    let discount = 1;
    for (let period = 1; period <= horizon; period++) {
      discount /= 1 + rate;
      const current = period === horizon ? final : expectedAhead(params, customer, period);
      factor += (current - previous) * discount;
      // The purchases still to come, E[X(horizon)] − E[X(period)], are worth at most this much more.
      if (discount * (final - current) <= 1e-17 * factor) break;
      previous = current;
    }
  }
  if (!(factor > 0)) return ZERO;
  // Rounded once to 34 significant digits, as every quotient of the library.
  return divide(value.times(new PrivateDecimal(factor)), 1);
}

/**
 * The model in `value`: an instance of this copy of the class, or one of another copy of xsell-kpi
 * (the CommonJS build beside the ESM one), read through its JSON.
 */
function model<T>(value: unknown, name: string, Class: (abstract new (...args: never) => T) & { fromJSON(json: unknown): T }, kind: string): T {
  if (value instanceof Class) return value;
  const other = value as { toJSON?: unknown } | null;
  if (typeof other === 'object' && other !== null && typeof other.toJSON === 'function') {
    const json = (other.toJSON as () => unknown).call(other) as { kind?: unknown } | null;
    if (typeof json === 'object' && json !== null && json.kind === kind) return Class.fromJSON(json);
  }
  throw new KpiError('INVALID_ARGUMENT', name, `expected a ${kind}, got ${show(value)}`);
}
