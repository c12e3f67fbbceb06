/**
 * The lifetime-value models on the CDNOW data of Fader, Hardie & Lee (2005), against the published
 * results (`cdnow_reference_values.json`, whose `source` fields name where each value comes from):
 * the per-customer summary of the 2,357-customer sample, the BG/NBD and Gamma-Gamma estimates,
 * the expectations and probabilities, and the holdout table of the guide "Who will come back, and
 * what are they worth?". The data sit beside the repository (`../shared/data/`) and are never
 * copied in: without them these tests are skipped with a message.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { BgNbdModel, CustomerSummary, GammaGammaModel, fitBgNbd, fitGammaGamma, predictCustomerValue, toMoney, type SummarizedCustomer } from 'xsell-kpi';
import { cdnowPath, readCdnowOrders, readPublishedSummary } from '../../support/cdnow.js';

const samplePath = cdnowPath('CDNOW_sample.txt', 'cdnow.test');
const masterPath = cdnowPath('CDNOW_master.txt', 'cdnow.test');
const summaryPath = cdnowPath('cdnow_customers_summary_with_transactions.csv', 'cdnow.test');
const referencePath = cdnowPath('cdnow_reference_values.json', 'cdnow.test');
const available = samplePath !== undefined && summaryPath !== undefined && referencePath !== undefined;

interface ReferenceValues {
  bg_nbd: {
    params_lifetimes_fit: { r: number; alpha: number; a: number; b: number };
    params_published_3dp: { r: number; alpha: number; a: number; b: number };
    log_likelihood_at_lifetimes_fit: number;
    conditional_expected_purchases: { t: number; x: number; t_x: number; T: number; expected: number; tolerance: number };
    expected_purchases_up_to_time: { t: number[]; expected: number[]; decimal: number };
    probability_of_n_purchases_up_to_time: { params: { r: number; alpha: number; a: number; b: number }; cases: { t: number; n: number; p: number }[]; pmf_t30_n11_to_20: number[]; tolerance: number };
  };
  gamma_gamma: { n_customers_fitted: number; params: { p: number; q: number; v: number }; conditional_expected_average_profit_first10: { ids: number[]; expected: number[]; atol: number } };
}

/** The published sample summary as the models' input (x, t_x, T as written, zbar for repeat buyers). */
function published(): (SummarizedCustomer & { id: number })[] {
  return readPublishedSummary(summaryPath!).map(({ id, x, tx, T, zbar }) => ({ id, customerId: String(id), frequency: x, recency: Number(tx), T: Number(T), monetary: x > 0 ? toMoney(zbar) : null }));
}

const calibration = (): SummarizedCustomer[] => CustomerSummary.of(readCdnowOrders(samplePath!), { observationEnd: '1997-09-30', timeUnit: 'week', currency: 'USD' }).customers;
const reference = (): ReferenceValues => JSON.parse(readFileSync(referencePath!, 'utf8')) as ReferenceValues;

/** numpy's assert_almost_equal(decimal): |actual − desired| < 1.5 × 10^−decimal. */
const almostEqual = (actual: number, desired: number, decimal: number) => Math.abs(actual - desired) < 1.5 * 10 ** -decimal;

describe.skipIf(!available)('CDNOW sample (2,357 customers)', () => {
  test('CustomerSummary (weeks, observation end 1997-09-30) reproduces the published x, t_x, T for every customer, and zbar within 0.005', () => {
    const customers = calibration();
    const rows = readPublishedSummary(summaryPath!);
    expect(customers.length).toBe(2357);
    expect(rows.length).toBe(2357);
    const mismatches: string[] = [];
    let halfCents = 0;
    for (const row of rows) {
      const customer = customers.find((candidate) => Number(candidate.customerId) === row.id)!;
      const monetary = customer.monetary ?? toMoney(0);
      const gap = monetary.minus(row.zbar).abs();
      if (gap.greaterThan(0) && gap.lessThanOrEqualTo('0.005')) halfCents++;
      if (customer.frequency !== row.x || customer.recency.toFixed(2) !== row.tx || customer.T.toFixed(2) !== row.T || gap.greaterThan('0.005')) {
        mismatches.push(`${row.id}: published ${row.x} ${row.tx} ${row.T} ${row.zbar}, got ${customer.frequency} ${customer.recency} ${customer.T} ${customer.monetary?.toString()}`);
      }
    }
    expect(mismatches).toStrictEqual([]);
    expect(customers.filter((customer) => customer.frequency > 0).length).toBe(946);
    // The CSV rounds each mean to the cent (half cents up): the summary keeps the exact mean.
    expect(halfCents).toBeGreaterThan(0);
  });

  test('BG/NBD on the published summary: lifetimes’ estimates to 1e-5 (target 0.0015) and the log-likelihood −9582.4256 (± 0.01)', () => {
    const values = reference().bg_nbd;
    const model = fitBgNbd(published());
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      const gap = Math.abs(model.params[name] - values.params_lifetimes_fit[name]);
      expect(gap, `${name}: ${model.params[name]} vs ${values.params_lifetimes_fit[name]}`).toBeLessThanOrEqual(1e-5);
    }
    expect(Math.abs(model.logLikelihood! - values.log_likelihood_at_lifetimes_fit)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(model.logLikelihood! - -9582.43)).toBeLessThanOrEqual(0.01);
  });

  test('BG/NBD on the summary of the orders (exact times, not rounded to 2 decimals): within 0.0015 of lifetimes, log-likelihood −9582.43 ± 0.01', () => {
    const values = reference().bg_nbd;
    const model = fitBgNbd(calibration());
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(model.params[name] - values.params_lifetimes_fit[name]), `${name}`).toBeLessThanOrEqual(0.0015);
      expect(Math.abs(model.params[name] - values.params_published_3dp[name]), `${name}`).toBeLessThanOrEqual(0.0015);
    }
    expect(Math.abs(model.logLikelihood! - -9582.43)).toBeLessThanOrEqual(0.01);
  });

  test('the BG/NBD expectations of the reference values, at the fitted parameters', () => {
    const values = reference().bg_nbd;
    for (const model of [fitBgNbd(published()), fitBgNbd(calibration())]) {
      const { t, expected, decimal } = values.expected_purchases_up_to_time;
      t.forEach((time, index) => expect(almostEqual(model.expectedPurchases(time), expected[index]!, decimal), `E[X(${time})] = ${model.expectedPurchases(time)}, published ${expected[index]}`).toBe(true));
      const conditional = values.conditional_expected_purchases;
      const value = model.conditionalExpectedPurchases(conditional.t, { frequency: conditional.x, recency: conditional.t_x, T: conditional.T });
      expect(Math.abs(value - conditional.expected)).toBeLessThanOrEqual(conditional.tolerance);
    }
  });

  test('P(X(t) = n) of a model restored with exactly the published parameters: BTYD’s values to 1e-9 (tolerance 1e-4)', () => {
    const values = reference().bg_nbd.probability_of_n_purchases_up_to_time;
    const model = BgNbdModel.fromJSON({ kind: 'BgNbdModel', version: 1, params: values.params, logLikelihood: null });
    for (const { t, n, p } of values.cases) {
      expect(Math.abs(model.probabilityOfPurchases(n, t) - p), `P(X(${t}) = ${n})`).toBeLessThanOrEqual(Math.min(values.tolerance, 1e-9 + 1e-6 * p));
    }
    values.pmf_t30_n11_to_20.forEach((p, index) => expect(Math.abs(model.probabilityOfPurchases(11 + index, 30) - p), `P(X(30) = ${11 + index})`).toBeLessThanOrEqual(1e-9));
  });

  test('Gamma-Gamma on the 946 repeat buyers: p, q, v within 0.01 of 6.25, 3.74, 15.44 (the maximum, 6.2488, 3.7446, 15.4477, to 1e-4); the ten conditional values within 0.1', () => {
    const values = reference().gamma_gamma;
    for (const customers of [published(), calibration()]) {
      const spend = fitGammaGamma(customers);
      for (const name of ['p', 'q', 'v'] as const) expect(Math.abs(spend.params[name] - values.params[name]), `${name}`).toBeLessThanOrEqual(0.01);
      const { ids, expected, atol } = values.conditional_expected_average_profit_first10;
      ids.forEach((id, index) => {
        const customer = customers.find((candidate) => Number(candidate.customerId) === id)!;
        expect(Math.abs(spend.conditionalExpectedAverageValue(customer).toNumber() - expected[index]!), `customer ${id}`).toBeLessThanOrEqual(atol);
      });
    }
    const exact = fitGammaGamma(published()).params;
    expect([exact.p, exact.q, exact.v].map((value) => Number(value.toFixed(4)))).toStrictEqual([6.2488, 3.7446, 15.4477]);
    // The published rounding gives the values the reference notes for it.
    const rounded = new GammaGammaModel(values.params);
    expect(published().slice(0, 10).map((customer) => rounded.conditionalExpectedAverageValue(customer).toFixed(2))).toStrictEqual(['24.66', '18.92', '35.22', '35.22', '35.22', '71.47', '18.92', '35.22', '27.29', '35.22']);
  });

  test('fits are deterministic and do not depend on the order of the customers (the same doubles)', () => {
    const customers = calibration();
    const shuffled = [...customers].reverse().sort((a, b) => (a.customerId.endsWith('7') ? -1 : 0) - (b.customerId.endsWith('7') ? -1 : 0));
    expect(fitBgNbd(shuffled).toJSON()).toStrictEqual(fitBgNbd(customers).toJSON());
    expect(fitGammaGamma(shuffled).toJSON()).toStrictEqual(fitGammaGamma(customers).toJSON());
  });

  test('the holdout table of the guide: predicted against actual repeat purchases in weeks 40-78, in total and by frequency', () => {
    const orders = readCdnowOrders(samplePath!);
    const customers = calibration();
    const whole = new Map(CustomerSummary.of(orders, { observationEnd: '1998-06-30', timeUnit: 'week', currency: 'USD' }).customers.map((customer) => [customer.customerId, customer]));
    const model = fitBgNbd(customers);
    const groups = new Map<string, { customers: number; actual: number; predicted: number }>();
    for (const customer of customers) {
      const key = customer.frequency >= 7 ? '7+' : String(customer.frequency);
      const group = groups.get(key) ?? { customers: 0, actual: 0, predicted: 0 };
      group.customers++;
      group.actual += whole.get(customer.customerId)!.frequency - customer.frequency;
      group.predicted += model.conditionalExpectedPurchases(39, customer);
      groups.set(key, group);
    }
    const rows = [...groups].sort(([a], [b]) => (a < b ? -1 : 1));
    const total = rows.reduce((sum, [, group]) => ({ customers: sum.customers + group.customers, actual: sum.actual + group.actual, predicted: sum.predicted + group.predicted }), { customers: 0, actual: 0, predicted: 0 });
    const line = (label: string, { customers: count, actual, predicted }: { customers: number; actual: number; predicted: number }) =>
      `| ${label} | ${count.toLocaleString('en-US')} | ${actual.toLocaleString('en-US')} | ${predicted.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} | ${(actual / count).toFixed(2)} | ${(predicted / count).toFixed(2)} |`;
    const guide = readFileSync(new URL('../../../docs/guides/who-comes-back.md', import.meta.url), 'utf8');
    for (const [key, group] of rows) expect(guide).toContain(line(key, group));
    // The fits the guide prints (scripts/cdnow-holdout.ts), and its four customers.
    const six = (value: number) => Number(value.toPrecision(6)).toString();
    const { r, alpha, a, b } = model.params;
    expect(guide).toContain(`BG/NBD: r ${six(r)}, alpha ${six(alpha)}, a ${six(a)}, b ${six(b)}; log-likelihood ${model.logLikelihood!.toFixed(4)}`);
    const spend = fitGammaGamma(customers);
    expect(guide).toContain(`Gamma-Gamma: p ${six(spend.params.p)}, q ${six(spend.params.q)}, v ${six(spend.params.v)}; log-likelihood ${spend.logLikelihood!.toFixed(4)}`);
    for (const id of ['1', '3', '6', '142']) {
      const customer = customers.find((candidate) => Number(candidate.customerId) === Number(id))!;
      const clv = predictCustomerValue({ purchases: model, spend, customer, horizon: 52, discountRate: 0.01 });
      const cells = [id, customer.frequency, customer.recency.toFixed(2), customer.T.toFixed(2), model.probabilityAlive(customer).toFixed(3), model.conditionalExpectedPurchases(39, customer).toFixed(2), `$${spend.conditionalExpectedAverageValue(customer).toFixed(2)}`, `$${clv.toFixed(2)}`];
      expect(guide).toContain(`| ${cells.join(' | ')} |`);
    }
    expect(guide).toContain(line('**all**', total));
    expect(total.customers).toBe(2357);
  });
});

describe.skipIf(masterPath === undefined)('CDNOW master file (23,570 customers)', () => {
  test('the summary to 1997-09-30 has every customer, and both models fit', () => {
    const customers = CustomerSummary.of(readCdnowOrders(masterPath!), { observationEnd: '1997-09-30', timeUnit: 'week', currency: 'USD' }).customers;
    expect(customers.length).toBe(23570);
    const model = fitBgNbd(customers);
    const spend = fitGammaGamma(customers);
    // The whole cohort behaves like its tenth: the same parameters within a few standard errors of the sample's.
    expect(model.params.r).toBeGreaterThan(0.2);
    expect(model.params.r).toBeLessThan(0.3);
    expect(spend.params.q).toBeGreaterThan(1);
    // The guide's holdout total for the whole cohort (scripts/cdnow-holdout.ts).
    const later = new Map(CustomerSummary.of(readCdnowOrders(masterPath!), { observationEnd: '1998-06-30', timeUnit: 'week', currency: 'USD' }).customers.map((customer) => [customer.customerId, customer]));
    let actual = 0;
    let predicted = 0;
    for (const customer of customers) {
      actual += later.get(customer.customerId)!.frequency - customer.frequency;
      predicted += model.conditionalExpectedPurchases(39, customer);
    }
    const guide = readFileSync(new URL('../../../docs/guides/who-comes-back.md', import.meta.url), 'utf8');
    const cells = ['**whole cohort** (CDNOW_master.txt)', '23,570', actual.toLocaleString('en-US'), predicted.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }), (actual / 23570).toFixed(2), (predicted / 23570).toFixed(2)];
    expect(guide).toContain(`| ${cells.join(' | ')} |`);
  });
});
