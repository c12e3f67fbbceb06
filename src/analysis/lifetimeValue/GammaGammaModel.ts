import { KpiError } from '../../core/KpiError.js';
import type { Decimal } from '../../core/decimal.js';
import { Decimal as PrivateDecimal, divide } from '../../_internal/decimal.js';
import { readSpend } from '../../_internal/histories.js';
import { MODEL_VERSION, readLogLikelihood, readModelJSON, readParameters } from '../../_internal/modelState.js';
import type { SpendHistory } from './histories.js';

/**
 * The three parameters of the Gamma-Gamma model of spend per purchase.
 *
 * @remarks
 * A customer's purchases have values drawn from a Gamma distribution with shape `p` and a rate ν
 * of their own, so their mean value is p ÷ ν; ν varies across customers as a Gamma distribution
 * with shape `q` and rate `v`. The mean value of a purchase across customers is p·v ÷ (q − 1)
 * (finite for q > 1). `v` is in the unit of the money.
 * @category Lifetime value
 */
export interface GammaGammaParameters {
  /** Shape of the Gamma distribution of a customer's purchase values. */
  readonly p: number;
  /** Shape of the Gamma distribution of the customers' rates ν. */
  readonly q: number;
  /** Rate of the Gamma distribution of the customers' rates ν (in units of money). */
  readonly v: number;
}

/**
 * A {@link GammaGammaModel} as plain JSON: what `toJSON()` writes and `fromJSON` reads.
 * @category Lifetime value
 */
export interface GammaGammaModelJSON {
  /** Always `'GammaGammaModel'`. */
  kind: 'GammaGammaModel';
  /** The layout version (1). */
  version: number;
  /** The parameters, as {@link GammaGammaParameters}. */
  params: {
    /** As {@link GammaGammaParameters.p}. */
    p: number;
    /** As {@link GammaGammaParameters.q}. */
    q: number;
    /** As {@link GammaGammaParameters.v}. */
    v: number;
  };
  /** The log-likelihood of the data the model was fitted to; `null` for a model made from known parameters. */
  logLikelihood: number | null;
}

const NAMES = ['p', 'q', 'v'] as const;

/**
 * The Gamma-Gamma model of spend per purchase: what a customer's purchases are worth, given what
 * their repeat purchases were worth so far.
 *
 * @remarks
 * Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
 * Journal of Marketing Research 42(4):415-430; Hardie, "The Gamma-Gamma Model of Monetary Value"
 * (brucehardie.com/notes/025). It assumes spend per purchase is independent of how often a
 * customer buys. Fit one with {@link fitGammaGamma}, or make one from known parameters; a
 * prediction is O(1). A model is immutable; `toJSON()` and {@link GammaGammaModel.fromJSON} save and
 * restore it.
 *
 * @example
 * ```ts
 * import { GammaGammaModel } from 'xsell-kpi';
 * const spend = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });
 * spend.conditionalExpectedAverageValue({ frequency: 2, monetary: '22.35' }).toFixed(2); // => '24.66'
 * spend.conditionalExpectedAverageValue({ frequency: 0, monetary: null }).toFixed(2); // => '35.22'
 * ```
 * @category Lifetime value
 */
export class GammaGammaModel {
  /** The parameters (frozen). */
  readonly params: GammaGammaParameters;
  /** The log-likelihood of the data the model was fitted to; `null` for a model made from known parameters. */
  readonly logLikelihood: number | null;

  /**
   * @param params - `p`, `q`, `v`, each a finite number > 0.
   * @param logLikelihood - The log-likelihood of the data behind the parameters, if any (`null` by default).
   * @throws {@link KpiError} `INVALID_NUMBER` for a parameter that is not a finite number > 0;
   *   `INVALID_ARGUMENT` for `params` that is not an object of exactly these three.
   */
  constructor(params: GammaGammaParameters, logLikelihood: number | null = null) {
    this.params = readParameters(params, NAMES);
    this.logLikelihood = readLogLikelihood(logLikelihood);
  }

  /**
   * Restores a model from {@link GammaGammaModel.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON: `{ kind: 'GammaGammaModel', version, params: { p, q, v }, logLikelihood }`.
   * @returns The model.
   * @throws {@link KpiError} `INVALID_STATE` for anything malformed (a parameter that is not a
   *   finite number > 0 included); `UNSUPPORTED_VERSION` for a newer layout.
   * @example
   * ```ts
   * import { GammaGammaModel } from 'xsell-kpi';
   * const spend = GammaGammaModel.fromJSON({ kind: 'GammaGammaModel', version: 1, params: { p: 6.25, q: 3.74, v: 15.44 }, logLikelihood: null });
   * spend.params.q; // => 3.74
   * GammaGammaModel.fromJSON({ kind: 'GammaGammaModel', version: 2, params: { p: 6.25, q: 3.74, v: 15.44 }, logLikelihood: null }); // throws UNSUPPORTED_VERSION
   * ```
   */
  static fromJSON(json: unknown): GammaGammaModel {
    const { params, logLikelihood } = readModelJSON(json, 'GammaGammaModel', NAMES);
    return new GammaGammaModel(params, logLikelihood);
  }

  /**
   * The expected value of a customer's purchases, given the number and mean value of their repeat
   * purchases so far, as an exact-to-34-digits `Decimal`.
   *
   * @remarks
   * p·(v + x·z̄) ÷ (p·x + q − 1), with x the `frequency` and z̄ the `monetary` value: a weighted
   * mean of the population mean p·v ÷ (q − 1) and the customer's own mean z̄, the customer's weight
   * p·x ÷ (p·x + q − 1) growing with their purchases. A customer without a repeat purchase
   * (frequency 0) gets the population mean. Computed in `Decimal` from the parameters' exact binary
   * values, rounded once to 34 significant digits.
   *
   * @param customer - `{ frequency, monetary }` (`monetary` may be `null` when frequency is 0).
   * @returns The expected value of a purchase, in the unit of `monetary`.
   * @throws {@link KpiError} `DEGENERATE_DATA` when the model has no finite answer (p·x + q ≤ 1:
   *   frequency 0 with q ≤ 1); `INVALID_NUMBER`, `NEGATIVE_COUNT`, `NOT_AN_INTEGER` for the frequency;
   *   `INVALID_MONEY` for a negative `monetary`, or none with frequency > 0.
   * @example
   * ```ts
   * import { GammaGammaModel } from 'xsell-kpi';
   * const spend = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });
   * spend.conditionalExpectedAverageValue({ frequency: 7, monetary: 73.74 }).toFixed(2); // => '71.47'
   * spend.conditionalExpectedAverageValue({ frequency: 1, monetary: '-5' }); // throws INVALID_MONEY
   * new GammaGammaModel({ p: 1, q: 0.5, v: 10 }).conditionalExpectedAverageValue({ frequency: 0 }); // throws DEGENERATE_DATA
   * ```
   */
  conditionalExpectedAverageValue(customer: SpendHistory): Decimal {
    return expectedSpend(this.params, readSpend(customer, 'customer'));
  }

  /**
   * The model as plain JSON, `{ kind: 'GammaGammaModel', version: 1, params, logLikelihood }`.
   *
   * @returns A new object on every call.
   * @example
   * ```ts
   * import { GammaGammaModel } from 'xsell-kpi';
   * new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 }).toJSON(); // => { kind: 'GammaGammaModel', version: 1, params: { p: 6.25, q: 3.74, v: 15.44 }, logLikelihood: null }
   * ```
   */
  toJSON(): GammaGammaModelJSON {
    const { p, q, v } = this.params;
    return { kind: 'GammaGammaModel', version: MODEL_VERSION, params: { p, q, v }, logLikelihood: this.logLikelihood };
  }
}

/** @internal p(v + x·z̄) ÷ (px + q − 1) of a validated spend history. */
export function expectedSpend({ p, q, v }: GammaGammaParameters, { frequency, monetary }: { readonly frequency: number; readonly monetary: Decimal | null }): Decimal {
  const P = new PrivateDecimal(p);
  const denominator = P.times(frequency).plus(q).minus(1);
  if (!denominator.isPositive() || denominator.isZero()) {
    throw new KpiError(
      'DEGENERATE_DATA',
      'customer.frequency',
      `the Gamma-Gamma model has no finite expected value here: p·frequency + q − 1 = ${denominator.toSignificantDigits(6).toString()} is not above 0${frequency === 0 ? ' (its population mean p·v ÷ (q − 1) is infinite for q ≤ 1)' : ''}`,
    );
  }
  const total = frequency === 0 || monetary === null ? new PrivateDecimal(v) : monetary.times(frequency).plus(v);
  return divide(P.times(total), denominator);
}
