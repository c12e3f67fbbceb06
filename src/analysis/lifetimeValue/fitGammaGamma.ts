import { KpiError } from '../../core/KpiError.js';
import { fitSettings, maximizeLikelihood } from '../../_internal/fitting.js';
import { columnMean, customerList, distinctRows, readSpend } from '../../_internal/histories.js';
import { gammaGammaLogLikelihood } from '../../_internal/likelihoods.js';
import type { FitOptions } from './fitBgNbd.js';
import { GammaGammaModel } from './GammaGammaModel.js';
import type { SpendHistory } from './histories.js';

/**
 * Fits the Gamma-Gamma model of spend per purchase to customers' repeat purchases by maximum likelihood.
 *
 * @remarks
 * Only repeat buyers with spend tell about spend per purchase: customers with frequency 0 are
 * ignored, and so are repeat buyers whose `monetary` is 0 (the model's purchase values are > 0).
 * Maximizes the likelihood of the mean value z̄ of each customer's x repeat purchases (Hardie, note
 * 025) over p, q, v by BFGS on their logarithms with an exact gradient, to a gradient of at most
 * 1e-10 per customer; deterministic and independent of the order of the customers. The mean
 * values are read as numbers (doubles) for the fit: a fit is an estimate, not money.
 * O(n log n) for n customers, plus O(distinct (x, z̄)) per step.
 *
 * The model assumes spend per purchase does not depend on how often a customer buys: check that
 * the correlation between `frequency` and `monetary` of your repeat buyers is weak before using it.
 * The model's {@link GammaGammaModel.logLikelihood} is at the estimate, without the penalizer.
 *
 * @param customers - `{ frequency, monetary }` per customer (an array or any iterable), such as
 *   {@link CustomerSummary}'s `result().customers`; other fields are ignored.
 * @param options - `penalizer` (0), an L2 penalty on p, q and v as in `lifetimes`.
 * @returns The fitted model.
 * @throws {@link KpiError} `DEGENERATE_DATA` when no customer has a repeat purchase with a value above 0, or the
 *   likelihood has no finite maximum (for example when every repeat buyer spent the same);
 *   `INVALID_NUMBER`, `NEGATIVE_COUNT`, `NOT_AN_INTEGER` for a bad frequency; `INVALID_MONEY` for a
 *   negative `monetary` or none with frequency > 0; `INVALID_OPTION`, `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { fitGammaGamma } from 'xsell-kpi';
 * const customers = [
 *   { frequency: 2, monetary: '22.35' },
 *   { frequency: 1, monetary: '11.77' },
 *   { frequency: 0, monetary: null },
 *   { frequency: 7, monetary: '73.74' },
 *   { frequency: 3, monetary: '28.50' },
 *   { frequency: 1, monetary: '54.10' },
 *   { frequency: 4, monetary: '19.90' },
 * ];
 * const spend = fitGammaGamma(customers);
 * spend.conditionalExpectedAverageValue(customers[2]!).toFixed(2); // => '36.30'
 * fitGammaGamma([{ frequency: 0 }]); // throws DEGENERATE_DATA
 * ```
 * @category Lifetime value
 */
export function fitGammaGamma(customers: Iterable<SpendHistory>, options?: FitOptions): GammaGammaModel {
  const settings = fitSettings(options);
  const list = customerList(customers);
  const rows: [number, number, number][] = [];
  for (let index = 0; index < list.length; index++) {
    const { frequency, monetary } = readSpend(list[index], `customers[${index}]`);
    if (frequency === 0 || monetary === null || monetary.isZero()) continue;
    rows.push([frequency, monetary.toNumber(), 0]);
  }
  if (rows.length === 0) {
    throw new KpiError('DEGENERATE_DATA', 'customers', `no repeat buyers with spend among the ${list.length} customers: the Gamma-Gamma model learns from customers with frequency > 0 and monetary > 0`);
  }
  const data = distinctRows(rows);
  const [p, q, v] = maximizeLikelihood(
    (params, gradient) => gammaGammaLogLikelihood(data, params[0]!, params[1]!, params[2]!, gradient),
    // The start, like everything else, from the rows in their fixed order: the same doubles whatever the order of the customers.
    [1, 2, columnMean(data, 'second')],
    rows.length,
    { ...settings, scale: [1, 1, 1] },
    'Gamma-Gamma',
    ['p', 'q', 'v'],
  ) as [number, number, number];
  return new GammaGammaModel({ p, q, v }, gammaGammaLogLikelihood(data, p, q, v));
}
