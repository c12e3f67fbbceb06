import { readPurchases, type Purchases } from '../../_internal/histories.js';
import { MODEL_VERSION, readLogLikelihood, readModelJSON, readParameters } from '../../_internal/modelState.js';
import { logBeta, logGamma, purchasesBracket, regularizedBeta } from '../../_internal/special.js';
import { count, nonNegativeNumber } from '../../_internal/validate.js';
import type { PurchaseHistory } from './histories.js';

const { exp, log, log1p } = Math;

/**
 * The four parameters of the BG/NBD model.
 *
 * @remarks
 * While alive, a customer buys at a rate λ that varies across customers as a Gamma distribution
 * with shape `r` and rate `alpha` (mean r ÷ α purchases per time unit); after each repeat purchase
 * the customer drops out with a probability p that varies across customers as a Beta distribution
 * with parameters `a` and `b` (mean a ÷ (a + b)). `alpha` is in the time unit of the data.
 * @category Lifetime value
 */
export interface BgNbdParameters {
  /** Shape of the Gamma distribution of purchase rates. */
  readonly r: number;
  /** Rate (scale, in time units) of the Gamma distribution of purchase rates. */
  readonly alpha: number;
  /** First shape parameter of the Beta distribution of dropout probabilities. */
  readonly a: number;
  /** Second shape parameter of the Beta distribution of dropout probabilities. */
  readonly b: number;
}

/**
 * A {@link BgNbdModel} as plain JSON: what `toJSON()` writes and `fromJSON` reads.
 * @category Lifetime value
 */
export interface BgNbdModelJSON {
  /** Always `'BgNbdModel'`. */
  kind: 'BgNbdModel';
  /** The layout version (1). */
  version: number;
  /** The parameters, as {@link BgNbdParameters}. */
  params: {
    /** As {@link BgNbdParameters.r}. */
    r: number;
    /** As {@link BgNbdParameters.alpha}. */
    alpha: number;
    /** As {@link BgNbdParameters.a}. */
    a: number;
    /** As {@link BgNbdParameters.b}. */
    b: number;
  };
  /** The log-likelihood of the data the model was fitted to; `null` for a model made from known parameters. */
  logLikelihood: number | null;
}

const NAMES = ['r', 'alpha', 'a', 'b'] as const;

/**
 * The BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchases: how
 * many purchases a customer will make, and whether they are still a customer at all.
 *
 * @remarks
 * Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An Alternative to the
 * Pareto/NBD Model", Marketing Science 24(2):275-284. Fit one to your customers with
 * {@link fitBgNbd}, or make one from known parameters; every prediction is O(1) (the expectations
 * sum a hypergeometric series, more terms the longer `t` is against α + T). Times are in the unit of
 * the data the parameters come from (the {@link CustomerSummary}'s `timeUnit`). A model is
 * immutable; `toJSON()` and {@link BgNbdModel.fromJSON} save and restore it.
 *
 * @example
 * ```ts
 * import { BgNbdModel } from 'xsell-kpi';
 * // The CDNOW estimates of Fader, Hardie & Lee (2005), in weeks.
 * const model = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
 * model.expectedPurchases(52).toFixed(3); // => '1.446'
 * model.probabilityAlive({ frequency: 2, recency: 30.43, T: 38.86 }).toFixed(3); // => '0.727'
 * model.conditionalExpectedPurchases(39, { frequency: 2, recency: 30.43, T: 38.86 }).toFixed(3); // => '1.226'
 * ```
 * @category Lifetime value
 */
export class BgNbdModel {
  /** The parameters (frozen). */
  readonly params: BgNbdParameters;
  /** The log-likelihood of the data the model was fitted to (without any penalizer); `null` for a model made from known parameters. */
  readonly logLikelihood: number | null;

  /**
   * @param params - `r`, `alpha`, `a`, `b`, each a finite number > 0.
   * @param logLikelihood - The log-likelihood of the data behind the parameters, if any (`null` by default).
   * @throws {@link KpiError} `INVALID_NUMBER` for a parameter that is not a finite number > 0;
   *   `INVALID_ARGUMENT` for `params` that is not an object of exactly these four.
   */
  constructor(params: BgNbdParameters, logLikelihood: number | null = null) {
    this.params = readParameters(params, NAMES);
    this.logLikelihood = readLogLikelihood(logLikelihood);
  }

  /**
   * Restores a model from {@link BgNbdModel.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON: `{ kind: 'BgNbdModel', version, params: { r, alpha, a, b }, logLikelihood }`.
   * @returns The model.
   * @throws {@link KpiError} `INVALID_STATE` for anything malformed (a parameter that is not a
   *   finite number > 0 included); `UNSUPPORTED_VERSION` for a newer layout.
   * @example
   * ```ts
   * import { BgNbdModel } from 'xsell-kpi';
   * const model = BgNbdModel.fromJSON({ kind: 'BgNbdModel', version: 1, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, logLikelihood: null });
   * model.probabilityOfPurchases(0, 39).toFixed(4); // => '0.5738'
   * BgNbdModel.fromJSON({ kind: 'BgNbdModel', version: 1, params: { r: -1, alpha: 4.414, a: 0.793, b: 2.426 }, logLikelihood: null }); // throws INVALID_STATE
   * ```
   */
  static fromJSON(json: unknown): BgNbdModel {
    const { params, logLikelihood } = readModelJSON(json, 'BgNbdModel', NAMES);
    return new BgNbdModel(params, logLikelihood);
  }

  /**
   * The expected number of purchases in a period of length `t` of a customer just acquired (with
   * no purchase yet besides the first): E[X(t)].
   *
   * @remarks
   * (a + b − 1) ÷ (a − 1) · [1 − (α ÷ (α + t))^r · ₂F₁(r, b; a + b − 1; t ÷ (α + t))] (Fader, Hardie &
   * Lee 2005, eq. 9), continuous at a = 1. 0 at t = 0, increasing in t.
   *
   * @param t - The length of the period, ≥ 0, in the model's time unit.
   * @returns The expected number of purchases, ≥ 0.
   * @throws {@link KpiError} `INVALID_NUMBER` for NaN or ±Infinity; `NEGATIVE_COUNT` for t < 0.
   * @example
   * ```ts
   * import { BgNbdModel } from 'xsell-kpi';
   * const model = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
   * model.expectedPurchases(0); // => 0
   * model.expectedPurchases(78).toFixed(4); // => '1.8605'
   * ```
   */
  expectedPurchases(t: number): number {
    const time = nonNegativeNumber(t, 't');
    const { r, alpha, a, b } = this.params;
    return purchasesBracket(r, a, b, 0, alpha, time);
  }

  /**
   * The expected number of purchases in the next `t` time units of a customer with this history:
   * E[Y(t) | x, tₓ, T].
   *
   * @remarks
   * (a + b + x − 1) ÷ (a − 1) · [1 − ((α + T) ÷ (α + T + t))^(r+x) · ₂F₁(r + x, b + x; a + b + x − 1;
   * t ÷ (α + T + t))] ÷ [1 + δ(x > 0) · a ÷ (b + x − 1) · ((α + T) ÷ (α + tₓ))^(r+x)] (Fader, Hardie &
   * Lee 2005, eq. 10), where x is `frequency`, tₓ `recency`; the denominator is
   * 1 ÷ {@link BgNbdModel.probabilityAlive}. 0 at t = 0, increasing in t. With the last purchase
   * at the end of the observation (recency = T), more repeat purchases mean more expected ones; not
   * in general: with the last purchase long ago, more purchases before it make it likelier that the
   * customer has left. (A customer with no repeat purchase cannot have left yet in the model, so
   * against them one repeat purchase can also mean fewer expected, when b < r·a.)
   *
   * @param t - The length of the period ahead, ≥ 0, in the model's time unit.
   * @param customer - `{ frequency, recency, T }`, as {@link CustomerSummary} gives it.
   * @returns The expected number of purchases, ≥ 0.
   * @throws {@link KpiError} `INVALID_NUMBER`, `NEGATIVE_COUNT`, `NOT_AN_INTEGER` (frequency) for
   *   invalid numbers; `INVALID_ARGUMENT` for recency > T, or recency > 0 with frequency 0.
   * @example
   * ```ts
   * import { BgNbdModel } from 'xsell-kpi';
   * const model = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
   * model.conditionalExpectedPurchases(52, { frequency: 0, recency: 0, T: 38.86 }).toFixed(3); // => '0.252'
   * model.conditionalExpectedPurchases(52, { frequency: 5, recency: 38, T: 38.86 }).toFixed(3); // => '4.223'
   * model.conditionalExpectedPurchases(52, { frequency: 5, recency: 10, T: 38.86 }).toFixed(3); // => '0.119'
   * model.conditionalExpectedPurchases(52, { frequency: 1.5, recency: 10, T: 38.86 }); // throws NOT_AN_INTEGER
   * ```
   */
  conditionalExpectedPurchases(t: number, customer: PurchaseHistory): number {
    const time = nonNegativeNumber(t, 't');
    return expectedAhead(this.params, readPurchases(customer, 'customer'), time);
  }

  /**
   * The probability that a customer with this history is still a customer (has not dropped out).
   *
   * @remarks
   * 1 ÷ [1 + δ(x > 0) · a ÷ (b + x − 1) · ((α + T) ÷ (α + tₓ))^(r+x)] (Fader, Hardie & Lee 2005,
   * eq. 11; computed in logarithms, so it is never NaN). 1 for a customer without a repeat purchase
   * (in the model, a customer can drop out only after a repeat purchase); it falls the longer ago
   * the last purchase was.
   *
   * @param customer - `{ frequency, recency, T }`.
   * @returns A probability in [0, 1].
   * @throws {@link KpiError} `INVALID_NUMBER`, `NEGATIVE_COUNT`, `NOT_AN_INTEGER`, `INVALID_ARGUMENT`, as
   *   {@link BgNbdModel.conditionalExpectedPurchases}.
   * @example
   * ```ts
   * import { BgNbdModel } from 'xsell-kpi';
   * const model = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
   * model.probabilityAlive({ frequency: 0, recency: 0, T: 38.86 }); // => 1
   * model.probabilityAlive({ frequency: 5, recency: 38, T: 38.86 }).toFixed(3); // => '0.879'
   * model.probabilityAlive({ frequency: 5, recency: 10, T: 38.86 }).toFixed(3); // => '0.025'
   * ```
   */
  probabilityAlive(customer: PurchaseHistory): number {
    return aliveProbability(this.params, readPurchases(customer, 'customer'));
  }

  /**
   * The probability that a customer just acquired makes exactly `n` purchases in a period of length
   * `t`: P(X(t) = n).
   *
   * @remarks
   * Fader, Hardie & Lee (2005), eq. 8: B(a, b + n) ÷ B(a, b) · Γ(r + n) ÷ (Γ(r) n!) · (α ÷ (α + t))^r ·
   * (t ÷ (α + t))^n, plus, for n > 0, B(a + 1, b + n − 1) ÷ B(a, b) times the probability that a
   * negative binomial count with these r and α reaches n (a regularized incomplete beta function,
   * so the far tail keeps its precision). Summed over n it is 1.
   *
   * @param n - The number of purchases, a non-negative integer.
   * @param t - The length of the period, ≥ 0.
   * @returns A probability in [0, 1].
   * @throws {@link KpiError} `INVALID_NUMBER`, `NEGATIVE_COUNT`, `NOT_AN_INTEGER`.
   * @example
   * ```ts
   * import { BgNbdModel } from 'xsell-kpi';
   * const model = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
   * model.probabilityOfPurchases(0, 39).toFixed(7); // => '0.5737864'
   * model.probabilityOfPurchases(11, 30).toFixed(7); // => '0.0019995'
   * model.probabilityOfPurchases(0, 0); // => 1
   * ```
   */
  probabilityOfPurchases(n: number, t: number): number {
    const purchases = count(n, 'n');
    const time = nonNegativeNumber(t, 't');
    if (time === 0) return purchases === 0 ? 1 : 0;
    const { r, alpha, a, b } = this.params;
    // q = t ÷ (α + t) and 1 − q = α ÷ (α + t), both without cancellation.
    const logRest = -log1p(time / alpha);
    const logShare = -log1p(alpha / time);
    const logBetaAB = logBeta(a, b);
    // (t ÷ (α + t))^n, 1 for n = 0 even where t is so small that its logarithm is −∞.
    const power = purchases === 0 ? 0 : purchases * logShare;
    const first = exp(logBeta(a, b + purchases) - logBetaAB + logGamma(r + purchases) - logGamma(r) - logGamma(purchases + 1) + r * logRest + power);
    // P(NB(r, q) ≥ n) = I_q(n, r).
    const second = purchases === 0 ? 0 : exp(logBeta(a + 1, b + purchases - 1) - logBetaAB) * regularizedBeta(exp(logShare), exp(logRest), purchases, r);
    const probability = first + second;
    return probability > 1 ? 1 : probability;
  }

  /**
   * The model as plain JSON, `{ kind: 'BgNbdModel', version: 1, params, logLikelihood }`.
   *
   * @returns A new object on every call.
   * @example
   * ```ts
   * import { BgNbdModel } from 'xsell-kpi';
   * new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }).toJSON(); // => { kind: 'BgNbdModel', version: 1, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, logLikelihood: null }
   * ```
   */
  toJSON(): BgNbdModelJSON {
    const { r, alpha, a, b } = this.params;
    return { kind: 'BgNbdModel', version: MODEL_VERSION, params: { r, alpha, a, b }, logLikelihood: this.logLikelihood };
  }
}

/** ln(a ÷ (b + x − 1) · ((α + T) ÷ (α + tₓ))^(r+x)) for x > 0: the odds of having dropped out. */
function logDropoutOdds({ r, alpha, a, b }: BgNbdParameters, { frequency: x, recency, T }: Purchases): number {
  return (r + x) * log1p((T - recency) / (alpha + recency)) + log(a / (b + x - 1));
}

/** @internal P(alive) of a validated history. */
export function aliveProbability(params: BgNbdParameters, customer: Purchases): number {
  return customer.frequency === 0 ? 1 : 1 / (1 + exp(logDropoutOdds(params, customer)));
}

/** @internal E[Y(t) | history] of a validated history and t ≥ 0. */
export function expectedAhead(params: BgNbdParameters, customer: Purchases, t: number): number {
  const { r, alpha, a, b } = params;
  return purchasesBracket(r, a, b, customer.frequency, alpha + customer.T, t) * aliveProbability(params, customer);
}
