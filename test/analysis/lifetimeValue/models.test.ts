/**
 * The lifetime-value models' contract beyond the known values: the KpiError of every invalid input
 * (SPEC section 11: DEGENERATE_DATA, INVALID_NUMBER, NEGATIVE_COUNT, NOT_AN_INTEGER, INVALID_MONEY),
 * the penalizer, the serialized form, and models of another copy of the library.
 */
import { describe, expect, test } from 'vitest';
import { BgNbdModel, CustomerSummary, GammaGammaModel, fitBgNbd, fitGammaGamma, predictCustomerValue, type Order } from 'xsell-kpi';
import { simulateCustomers } from '../../support/bgNbdWorld.js';
import { expectKpiError } from '../../support/expectKpiError.js';

const cdnow = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
const spend = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });

/** Customers simulated from the models' own story (test/support/bgNbdWorld.ts): enough to fit without a penalizer. */
const someCustomers = () => simulateCustomers(300, { r: 0.5, alpha: 5, a: 0.8, b: 2.5 }, { p: 6, q: 4, v: 15 }, { seed: 3 });

describe('invalid customers', () => {
  test('a customer’s numbers: INVALID_NUMBER, NEGATIVE_COUNT, NOT_AN_INTEGER, INVALID_ARGUMENT, each with its path', () => {
    const good = { frequency: 1, recency: 2, T: 3 };
    for (const run of [(list: unknown[]) => fitBgNbd(list as never), (list: unknown[]) => cdnow.probabilityAlive(list[1] as never)]) {
      expectKpiError(() => run([good, { ...good, frequency: Number.NaN }]), 'INVALID_NUMBER');
      expectKpiError(() => run([good, { ...good, T: Infinity }]), 'INVALID_NUMBER');
      expectKpiError(() => run([good, { ...good, recency: '2' }]), 'INVALID_NUMBER');
      expectKpiError(() => run([good, { ...good, frequency: -1 }]), 'NEGATIVE_COUNT');
      expectKpiError(() => run([good, { ...good, recency: -0.5 }]), 'NEGATIVE_COUNT');
      expectKpiError(() => run([good, { ...good, frequency: 1.5 }]), 'NOT_AN_INTEGER');
      expectKpiError(() => run([good, { ...good, recency: 4 }]), 'INVALID_ARGUMENT');
      expectKpiError(() => run([good, { frequency: 0, recency: 1, T: 3 }]), 'INVALID_ARGUMENT');
      expectKpiError(() => run([good, null]), 'INVALID_ARGUMENT');
    }
    expectKpiError(() => fitBgNbd([{ frequency: 1, recency: 2, T: 3 }, { frequency: 1, recency: -2, T: 3 }]), 'NEGATIVE_COUNT', 'customers[1].recency');
    expectKpiError(() => cdnow.conditionalExpectedPurchases(1, { frequency: 2, recency: 1, T: Number.NaN }), 'INVALID_NUMBER', 'customer.T');
    expectKpiError(() => fitBgNbd(42 as never), 'INVALID_ARGUMENT', 'customers');
  });

  test('monetary: INVALID_MONEY when negative, or missing for a repeat buyer; INVALID_NUMBER for NaN', () => {
    expectKpiError(() => fitGammaGamma([{ frequency: 2, monetary: '10' }, { frequency: 1, monetary: '-3' }]), 'INVALID_MONEY', 'customers[1].monetary');
    expectKpiError(() => fitGammaGamma([{ frequency: 2, monetary: null }]), 'INVALID_MONEY', 'customers[0].monetary');
    expectKpiError(() => fitGammaGamma([{ frequency: 2, monetary: Number.NaN }]), 'INVALID_NUMBER', 'customers[0].monetary');
    expectKpiError(() => spend.conditionalExpectedAverageValue({ frequency: 1, monetary: 'ten' }), 'INVALID_MONEY', 'customer.monetary');
    expectKpiError(() => spend.conditionalExpectedAverageValue({ frequency: -1, monetary: '1' }), 'NEGATIVE_COUNT', 'customer.frequency');
  });

  test('times and counts of the predictions', () => {
    expectKpiError(() => cdnow.expectedPurchases(-1), 'NEGATIVE_COUNT', 't');
    expectKpiError(() => cdnow.expectedPurchases(Number.NaN), 'INVALID_NUMBER', 't');
    expectKpiError(() => cdnow.expectedPurchases(Infinity), 'INVALID_NUMBER', 't');
    expectKpiError(() => cdnow.probabilityOfPurchases(1.5, 3), 'NOT_AN_INTEGER', 'n');
    expectKpiError(() => cdnow.probabilityOfPurchases(-1, 3), 'NEGATIVE_COUNT', 'n');
    const customer = { frequency: 2, recency: 30.43, T: 38.86, monetary: '22.35' };
    expectKpiError(() => predictCustomerValue({ purchases: cdnow, spend, customer, horizon: 10_001, discountRate: 0 }), 'INVALID_NUMBER', 'horizon');
    expectKpiError(() => predictCustomerValue({ purchases: cdnow, spend, customer, horizon: -1, discountRate: 0 }), 'NEGATIVE_COUNT', 'horizon');
    expectKpiError(() => predictCustomerValue({ purchases: cdnow, spend, customer, horizon: 52, discountRate: -0.01 }), 'NEGATIVE_COUNT', 'discountRate');
    expectKpiError(() => predictCustomerValue({ purchases: cdnow, spend, customer, horizon: 52, discountRate: Number.NaN }), 'INVALID_NUMBER', 'discountRate');
    expectKpiError(() => predictCustomerValue({ purchases: spend as never, spend, customer, horizon: 52, discountRate: 0 }), 'INVALID_ARGUMENT', 'purchases');
    expectKpiError(() => predictCustomerValue({ purchases: cdnow, spend: cdnow.toJSON() as never, customer, horizon: 52, discountRate: 0 }), 'INVALID_ARGUMENT', 'spend');
  });
});

describe('DEGENERATE_DATA', () => {
  test('no customers, no repeat buyers (all frequencies 0), no repeat buyer with spend', () => {
    expectKpiError(() => fitBgNbd([]), 'DEGENERATE_DATA', 'customers');
    expectKpiError(() => fitBgNbd([{ frequency: 0, recency: 0, T: 5 }, { frequency: 0, recency: 0, T: 9 }]), 'DEGENERATE_DATA', 'customers');
    expectKpiError(() => fitGammaGamma([]), 'DEGENERATE_DATA', 'customers');
    expectKpiError(() => fitGammaGamma([{ frequency: 0, monetary: null }, { frequency: 3, monetary: '0' }]), 'DEGENERATE_DATA', 'customers');
  });

  test('no finite maximum: a search that runs off is refused, with a message that names the parameter and suggests a penalizer', () => {
    // Every repeat buyer spent the same: the spread of spend is 0 and p grows without bound.
    const error = expectKpiError(() => fitGammaGamma([{ frequency: 2, monetary: '10' }, { frequency: 3, monetary: '10' }, { frequency: 1, monetary: '10' }]), 'DEGENERATE_DATA', 'customers');
    expect(error.message).toContain('penalizer');
    // Six customers, four parameters: a and b run off together.
    const few = [
      { frequency: 2, recency: 30.43, T: 38.86 },
      { frequency: 1, recency: 1.71, T: 38.86 },
      { frequency: 0, recency: 0, T: 38.86 },
      { frequency: 0, recency: 0, T: 38.86 },
      { frequency: 5, recency: 35, T: 38 },
      { frequency: 3, recency: 10, T: 37.5 },
    ];
    expect(expectKpiError(() => fitBgNbd(few), 'DEGENERATE_DATA').message).toMatch(/runs off to infinity/);
    // A penalizer gives the likelihood a finite maximum.
    expect(fitBgNbd(few, { penalizer: 0.001 }).params.b).toBeLessThan(100);
  });

  test('a Gamma-Gamma model without a finite mean: q ≤ 1 at frequency 0', () => {
    const heavy = new GammaGammaModel({ p: 1, q: 0.5, v: 10 });
    expectKpiError(() => heavy.conditionalExpectedAverageValue({ frequency: 0 }), 'DEGENERATE_DATA', 'customer.frequency');
    expect(heavy.conditionalExpectedAverageValue({ frequency: 1, monetary: '4' }).toString()).toBe('28');
  });
});

describe('fits', () => {
  test('log-likelihood without the penalizer: the penalized fit’s is lower, and its parameters smaller', () => {
    const customers = someCustomers();
    const plain = fitBgNbd(customers);
    const penalized = fitBgNbd(customers, { penalizer: 0.1 });
    expect(penalized.logLikelihood!).toBeLessThan(plain.logLikelihood!);
    const sum = (params: Record<string, number>) => Object.values(params).reduce((total, value) => total + value * value, 0);
    expect(sum({ ...penalized.params, alpha: 0 })).toBeLessThan(sum({ ...plain.params, alpha: 0 }));
    const spendPlain = fitGammaGamma(customers);
    const spendPenalized = fitGammaGamma(customers, { penalizer: 0.1 });
    expect(spendPenalized.logLikelihood!).toBeLessThan(spendPlain.logLikelihood!);
  });

  test('the BG/NBD penalizer does not depend on the time unit (α is penalized in tenths of the longest T, as in lifetimes)', () => {
    const days = someCustomers().map((customer) => ({ ...customer, recency: customer.recency * 7, T: customer.T * 7 }));
    const inWeeks = fitBgNbd(someCustomers(), { penalizer: 0.05 }).params;
    const inDays = fitBgNbd(days, { penalizer: 0.05 }).params;
    expect(inDays.r).toBeCloseTo(inWeeks.r, 6);
    expect(inDays.alpha / 7).toBeCloseTo(inWeeks.alpha, 5);
    expect(inDays.b).toBeCloseTo(inWeeks.b, 5);
  });

  test('options: penalizer a finite number ≥ 0, nothing else', () => {
    expectKpiError(() => fitBgNbd(someCustomers(), { penalizer: -1 }), 'INVALID_OPTION', 'penalizer');
    expectKpiError(() => fitGammaGamma(someCustomers(), { penalizer: Number.NaN }), 'INVALID_OPTION', 'penalizer');
    expectKpiError(() => fitBgNbd(someCustomers(), { tolerance: 1 } as never), 'INVALID_OPTION', 'tolerance');
  });

  test('take any iterable, and the CustomerSummary result as it is', () => {
    // Each simulated customer's purchases as orders, on days from 2026-01-01, the observation ending on day 273.
    const orders: Order[] = [];
    someCustomers().forEach((customer, index) => {
      const first = Math.floor(273 - customer.T * 7);
      for (let purchase = 0; purchase <= customer.frequency; purchase++) {
        const day = first + Math.round((customer.recency * 7 * purchase) / Math.max(1, customer.frequency));
        orders.push({ orderId: `${index}-${purchase}`, customerId: `c${index}`, timestamp: new Date(Date.UTC(2026, 0, 1) + day * 86_400_000), lines: [{ sku: 'A', unitPrice: customer.monetary ?? '20' }] });
      }
    });
    const summary = CustomerSummary.of(orders, { observationEnd: '2026-10-01', timeUnit: 'week' });
    const model = fitBgNbd(summary.customers);
    expect(
      fitBgNbd(
        (function* () {
          yield* summary.customers;
        })(),
      ).toJSON(),
    ).toStrictEqual(model.toJSON());
    expect(fitGammaGamma(summary.customers).params.q).toBeGreaterThan(1);
  });

  test('find the parameters simulated customers were made with (20,000 customers: within a few standard errors)', () => {
    const customers = simulateCustomers(20_000, { r: 0.5, alpha: 5, a: 0.8, b: 2.5 }, { p: 6, q: 4, v: 15 }, { seed: 7 });
    const { r, alpha, a, b } = fitBgNbd(customers).params;
    expect(Math.abs(r - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(alpha / 5 - 1)).toBeLessThan(0.06);
    expect(Math.abs(a - 0.8)).toBeLessThan(0.1);
    expect(Math.abs(b / 2.5 - 1)).toBeLessThan(0.15);
    const { p, q, v } = fitGammaGamma(customers).params;
    expect(Math.abs(p / 6 - 1)).toBeLessThan(0.1);
    expect(Math.abs(q / 4 - 1)).toBeLessThan(0.1);
    // p·v ÷ (q − 1), the mean spend per purchase, is what the data pin down best.
    expect(Math.abs((p * v) / (q - 1) / 30 - 1)).toBeLessThan(0.05);
  });
});

describe('models', () => {
  test('params are validated and frozen; toJSON is { kind, version, params, logLikelihood }', () => {
    expectKpiError(() => new BgNbdModel({ r: 0, alpha: 1, a: 1, b: 1 }), 'INVALID_NUMBER', 'params.r');
    expectKpiError(() => new BgNbdModel({ r: 1, alpha: Infinity, a: 1, b: 1 }), 'INVALID_NUMBER', 'params.alpha');
    expectKpiError(() => new GammaGammaModel({ p: 1, q: 2, v: 3, w: 4 } as never), 'INVALID_ARGUMENT', 'params.w');
    expectKpiError(() => new GammaGammaModel({ p: 1, q: 2, v: 3 }, Number.NaN), 'INVALID_NUMBER', 'logLikelihood');
    expect(Object.isFrozen(cdnow.params)).toBe(true);
    expect(spend.toJSON()).toStrictEqual({ kind: 'GammaGammaModel', version: 1, params: { p: 6.25, q: 3.74, v: 15.44 }, logLikelihood: null });
    const params = { r: 1, alpha: 2, a: 3, b: 4 };
    const model = new BgNbdModel(params, -12.5);
    params.r = 99;
    expect(model.params.r).toBe(1);
    expect(BgNbdModel.fromJSON(JSON.parse(JSON.stringify(model))).logLikelihood).toBe(-12.5);
  });

  test('fromJSON: INVALID_STATE for another kind, missing or extra fields, bad parameters; UNSUPPORTED_VERSION for a newer layout', () => {
    const json = cdnow.toJSON();
    expectKpiError(() => BgNbdModel.fromJSON({ ...json, kind: 'GammaGammaModel' }), 'INVALID_STATE', 'kind');
    expectKpiError(() => GammaGammaModel.fromJSON(json), 'INVALID_STATE', 'kind');
    expectKpiError(() => BgNbdModel.fromJSON({ ...json, extra: 1 }), 'INVALID_STATE', 'extra');
    expectKpiError(() => BgNbdModel.fromJSON({ kind: 'BgNbdModel', version: 1, params: json.params }), 'INVALID_STATE', 'logLikelihood');
    expectKpiError(() => BgNbdModel.fromJSON({ ...json, params: { ...json.params, b: '2.426' } }), 'INVALID_STATE', 'params.b');
    expectKpiError(() => BgNbdModel.fromJSON({ ...json, params: { r: 1, alpha: 1, a: 1 } }), 'INVALID_STATE', 'params.b');
    expectKpiError(() => BgNbdModel.fromJSON({ ...json, logLikelihood: 'high' }), 'INVALID_STATE', 'logLikelihood');
    expectKpiError(() => BgNbdModel.fromJSON({ ...json, version: 0 }), 'INVALID_STATE', 'version');
    expectKpiError(() => BgNbdModel.fromJSON({ ...json, version: 2 }), 'UNSUPPORTED_VERSION', 'version');
    expectKpiError(() => BgNbdModel.fromJSON(JSON.stringify(json)), 'INVALID_STATE');
  });

  test('predictCustomerValue takes models of another copy of the library (read through their JSON)', () => {
    const customer = { frequency: 2, recency: 30.43, T: 38.86, monetary: '22.35' };
    const lookalike = (model: { toJSON(): unknown }) => ({ toJSON: () => model.toJSON() });
    const value = predictCustomerValue({ purchases: cdnow, spend, customer, horizon: 52, discountRate: 0.01 });
    expect(predictCustomerValue({ purchases: lookalike(cdnow) as never, spend: lookalike(spend) as never, customer, horizon: 52, discountRate: 0.01 }).toString()).toBe(value.toString());
    expect(predictCustomerValue({ purchases: cdnow, spend, customer: { ...customer, frequency: 0, recency: 0, monetary: null }, horizon: 52, discountRate: 0.01 }).isPositive()).toBe(true);
  });
});
