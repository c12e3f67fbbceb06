import { KpiError } from '../../core/KpiError.js';
import { maximizeLikelihood, fitSettings } from '../../_internal/fitting.js';
import { columnMean, customerList, distinctRows, readPurchases } from '../../_internal/histories.js';
import { bgNbdLogLikelihood } from '../../_internal/likelihoods.js';
import { BgNbdModel } from './BgNbdModel.js';
import type { PurchaseHistory } from './histories.js';

/**
 * Options of {@link fitBgNbd} and {@link fitGammaGamma}.
 * @category Lifetime value
 */
export interface FitOptions {
  /**
   * L2 penalty on the parameters, as in the Python package `lifetimes`: the fit minimizes the mean
   * negative log-likelihood + penalizer × Σ θ². 0 (none) by default; a small value (0.001 to 0.1)
   * keeps the parameters finite on sparse data. (BG/NBD: α is penalized in units of a tenth of the
   * longest T, as lifetimes does, so the penalty does not depend on the time unit.)
   */
  penalizer?: number;
}

/**
 * Fits the BG/NBD model to customers' purchase histories by maximum likelihood.
 *
 * @remarks
 * Maximizes the likelihood of Fader, Hardie & Lee (2005, eq. 6) over r, α, a, b by BFGS on their
 * logarithms, with an exact gradient, to a gradient of at most 1e-10 per customer: a tight
 * optimum (on the CDNOW sample it reproduces the published estimates to six digits). Customers
 * with the same history are counted together and the histories are taken in a fixed order, so the
 * result is deterministic and does not depend on the order of the customers. Customers without a
 * repeat purchase count too. O(n log n) for n customers, plus O(distinct histories) per step of the
 * search (the 2,357 CDNOW customers fit in milliseconds; see the performance notes).
 *
 * The model's {@link BgNbdModel.logLikelihood} is the log-likelihood at the estimate, without
 * the penalizer.
 *
 * @param customers - `{ frequency, recency, T }` per customer (an array or any iterable), such as
 *   {@link CustomerSummary}'s `result().customers`; other fields are ignored.
 * @param options - `penalizer` (0).
 * @returns The fitted model.
 * @throws {@link KpiError} `DEGENERATE_DATA` when there is no customer, no repeat buyer, or no
 *   finite maximum (the search does not converge); `INVALID_NUMBER` for NaN or ±Infinity;
 *   `NEGATIVE_COUNT` for a negative number; `NOT_AN_INTEGER` for a fractional frequency;
 *   `INVALID_ARGUMENT` for recency > T (or > 0 with frequency 0) or customers that are not a list;
 *   `INVALID_OPTION` for a bad option. Paths name the customer: `customers[12].recency`.
 * @example
 * ```ts
 * import { fitBgNbd } from 'xsell-kpi';
 * const customers = [
 *   { frequency: 2, recency: 30.43, T: 38.86 },
 *   { frequency: 1, recency: 1.71, T: 38.86 },
 *   { frequency: 0, recency: 0, T: 38.86 },
 *   { frequency: 0, recency: 0, T: 38.86 },
 *   { frequency: 5, recency: 35, T: 38 },
 *   { frequency: 3, recency: 10, T: 37.5 },
 * ];
 * // Six customers are too few for four parameters: without a penalizer, a and b run off to infinity.
 * fitBgNbd(customers); // throws DEGENERATE_DATA
 * const model = fitBgNbd(customers, { penalizer: 0.001 });
 * model.logLikelihood?.toFixed(2); // => '-42.70'
 * model.probabilityAlive(customers[5]!).toFixed(2); // => '0.12'
 * fitBgNbd([{ frequency: 0, recency: 0, T: 10 }]); // throws DEGENERATE_DATA
 * fitBgNbd([{ frequency: 1, recency: 12, T: 10 }]); // throws INVALID_ARGUMENT
 * ```
 * @category Lifetime value
 */
export function fitBgNbd(customers: Iterable<PurchaseHistory>, options?: FitOptions): BgNbdModel {
  const settings = fitSettings(options);
  const list = customerList(customers);
  const rows: [number, number, number][] = [];
  let longest = 0;
  let repeatBuyers = 0;
  for (let index = 0; index < list.length; index++) {
    const { frequency, recency, T } = readPurchases(list[index], `customers[${index}]`);
    rows.push([frequency, recency, T]);
    if (T > longest) longest = T;
    if (frequency > 0) repeatBuyers++;
  }
  if (rows.length === 0) throw new KpiError('DEGENERATE_DATA', 'customers', 'no customers: the BG/NBD model needs customers, some of them with repeat purchases');
  if (repeatBuyers === 0) {
    throw new KpiError('DEGENERATE_DATA', 'customers', `no repeat buyers: all ${rows.length} customers have frequency 0, so nothing tells how often customers come back`);
  }
  const data = distinctRows(rows);
  // The start, like everything else, from the rows in their fixed order: the same doubles whatever the order of the customers.
  const meanT = columnMean(data, 'third');
  const [r, alpha, a, b] = maximizeLikelihood(
    (params, gradient) => bgNbdLogLikelihood(data, params[0]!, params[1]!, params[2]!, params[3]!, gradient),
    [1, meanT > 0 ? meanT : 1, 1, 1],
    rows.length,
    // lifetimes penalizes α of times scaled to a longest T of 10.
    { ...settings, scale: [1, longest > 0 ? 10 / longest : 1, 1, 1] },
    'BG/NBD',
    ['r', 'alpha', 'a', 'b'],
  ) as [number, number, number, number];
  return new BgNbdModel({ r, alpha, a, b }, bgNbdLogLikelihood(data, r, alpha, a, b));
}
