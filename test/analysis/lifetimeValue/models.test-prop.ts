/**
 * Properties of the lifetime-value models over random parameters and histories: probabilities in
 * [0, 1], expectations that are 0 at t = 0 and grow with t, the two BG/NBD formulas (eq. 8 and eq. 9)
 * agreeing with each other, fits that do not depend on the order of the customers, predictions
 * that survive a JSON round trip, and a fromJSON that refuses hostile input with INVALID_STATE.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BgNbdModel, GammaGammaModel, fitBgNbd, fitGammaGamma, isKpiError, predictCustomerValue, type BgNbdParameters, type PurchaseHistory } from 'xsell-kpi';

/** A positive number spread evenly on a log scale from `min` to `max`. */
const logUniform = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min: Math.log(min), max: Math.log(max), noNaN: true }).map((value) => Number(Math.exp(value).toPrecision(6)));

const bgParamsArb: fc.Arbitrary<BgNbdParameters> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ r: logUniform(0.01, 20), alpha: logUniform(0.01, 1000), a: logUniform(0.01, 20), b: logUniform(0.01, 50) }) },
  // the published CDNOW estimates, a = 1 and a + b = 1 (where the textbook formulas are 0/0)
  { weight: 1, arbitrary: fc.constantFrom({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { r: 0.5, alpha: 2, a: 1, b: 1.2 }, { r: 2.5, alpha: 0.3, a: 0.4, b: 0.6 }) },
);

const historyArb: fc.Arbitrary<PurchaseHistory> = fc.oneof(
  fc.record({ T: fc.double({ min: 0, max: 500, noNaN: true }), share: fc.double({ min: 0, max: 1, noNaN: true }), frequency: fc.integer({ min: 1, max: 300 }) }).map(({ T, share, frequency }) => ({ frequency, recency: T * share, T })),
  fc.double({ min: 0, max: 500, noNaN: true }).map((T) => ({ frequency: 0, recency: 0, T })),
);

const timeArb = fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(0, 1e-9, 1));

/** b ≥ a × (1 − 1e-12): a within rounding below b counts as not above it. */
const atLeast = (b: number, a: number): boolean => b >= a - 1e-12 * Math.abs(a) - 1e-300;

describe('BG/NBD predictions', () => {
  test('P(alive) is in [0, 1], and 1 for a customer without a repeat purchase', () => {
    fc.assert(
      fc.property(bgParamsArb, historyArb, (params, customer) => {
        const alive = new BgNbdModel(params).probabilityAlive(customer);
        expect(alive >= 0 && alive <= 1).toBe(true);
        if (customer.frequency === 0) expect(alive).toBe(1);
      }),
    );
  });

  test('expectations are finite, ≥ 0, 0 at t = 0 and grow with t', () => {
    fc.assert(
      fc.property(bgParamsArb, historyArb, timeArb, timeArb, (params, customer, t1, t2) => {
        const model = new BgNbdModel(params);
        const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1];
        expect(model.expectedPurchases(0)).toBe(0);
        expect(model.conditionalExpectedPurchases(0, customer)).toBe(0);
        for (const expected of [(t: number) => model.expectedPurchases(t), (t: number) => model.conditionalExpectedPurchases(t, customer)]) {
          const before = expected(early);
          const after = expected(late);
          expect(Number.isFinite(before) && before >= 0).toBe(true);
          expect({ early, late, before, after, grows: atLeast(after, before) }).toMatchObject({ grows: true });
        }
      }),
    );
  });

  // From one repeat purchase on. A customer with none is the model's exception: they cannot have
  // dropped out yet (P(alive) = 1), so with b < r·a one repeat purchase can mean fewer expected.
  test('at recency = T, a customer with more purchases is expected to buy more (from one repeat purchase on)', () => {
    fc.assert(
      fc.property(bgParamsArb, fc.double({ min: 0.01, max: 500, noNaN: true }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 50 }), timeArb, (params, T, fewer, more, t) => {
        const model = new BgNbdModel(params);
        const few = model.conditionalExpectedPurchases(t, { frequency: fewer, recency: T, T });
        const many = model.conditionalExpectedPurchases(t, { frequency: fewer + more, recency: T, T });
        expect({ few, many, more: atLeast(many, few) }).toMatchObject({ more: true });
      }),
    );
  });

  test('P(X(t) = n) is a distribution whose mean is E[X(t)]: eq. 8 and eq. 9 agree', () => {
    const moderate = fc.record({ r: logUniform(0.1, 3), alpha: logUniform(2, 50), a: logUniform(0.5, 10), b: logUniform(0.5, 20) });
    fc.assert(
      fc.property(moderate, fc.double({ min: 0, max: 20, noNaN: true }), (params, t) => {
        const model = new BgNbdModel(params);
        let total = 0;
        let mean = 0;
        for (let n = 0; n <= 3000; n++) {
          const p = model.probabilityOfPurchases(n, t);
          expect(p >= 0 && p <= 1).toBe(true);
          total += p;
          mean += n * p;
        }
        expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(mean - model.expectedPurchases(t))).toBeLessThanOrEqual(1e-7 * Math.max(1, mean));
      }),
      { numRuns: 20 },
    );
  });

  test('with no repeat purchase against one at recency = T, the first can be expected to buy more: when b < r·a', () => {
    const model = new BgNbdModel({ r: 1, alpha: 1, a: 2, b: 1 });
    const none = model.conditionalExpectedPurchases(10, { frequency: 0, recency: 0, T: 5 });
    const one = model.conditionalExpectedPurchases(10, { frequency: 1, recency: 5, T: 5 });
    expect(one).toBeLessThan(none);
  });

  test('a JSON round trip keeps every prediction, to the bit', () => {
    fc.assert(
      fc.property(bgParamsArb, historyArb, timeArb, fc.option(fc.double({ min: -1e6, max: 0, noNaN: true }), { nil: null }), (params, customer, t, logLikelihood) => {
        const model = new BgNbdModel(params, logLikelihood);
        const copy = BgNbdModel.fromJSON(JSON.parse(JSON.stringify(model)));
        expect(copy.toJSON()).toStrictEqual(model.toJSON());
        expect(copy.conditionalExpectedPurchases(t, customer)).toBe(model.conditionalExpectedPurchases(t, customer));
        expect(copy.probabilityAlive(customer)).toBe(model.probabilityAlive(customer));
      }),
    );
  });
});

describe('Gamma-Gamma predictions', () => {
  test('the conditional expected value lies between the population mean and the customer’s own mean (q > 1), and is the population mean at frequency 0', () => {
    const params = fc.record({ p: logUniform(0.05, 50), q: logUniform(1.01, 50), v: logUniform(0.01, 1e5) });
    fc.assert(
      fc.property(params, fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 1e6, noNaN: true }), ({ p, q, v }, frequency, monetary) => {
        const value = new GammaGammaModel({ p, q, v }).conditionalExpectedAverageValue({ frequency, monetary }).toNumber();
        const population = (p * v) / (q - 1);
        const own = frequency === 0 ? population : monetary;
        expect(value >= Math.min(population, own) * (1 - 1e-12) && value <= Math.max(population, own) * (1 + 1e-12)).toBe(true);
      }),
    );
  });
});

describe('fits', () => {
  /** Histories drawn from a BG/NBD world of random parameters (a few customers, so penalized). */
  const worldArb = fc.array(
    fc.record({ T: fc.integer({ min: 1, max: 60 }), rate: fc.double({ min: 0, max: 1, noNaN: true }), share: fc.double({ min: 0, max: 1, noNaN: true }), value: fc.integer({ min: 1, max: 20000 }) }).map(({ T, rate, share, value }) => {
      const frequency = Math.floor(rate * rate * 8);
      return { frequency, recency: frequency === 0 ? 0 : Math.round(T * share * 100) / 100, T, monetary: frequency === 0 ? null : (value / 100).toFixed(2) };
    }),
    { minLength: 1, maxLength: 60 },
  );

  test('do not depend on the order of the customers: the same doubles, or the same error', () => {
    fc.assert(
      fc.property(worldArb.chain((customers) => fc.tuple(fc.constant(customers), fc.shuffledSubarray(customers, { minLength: customers.length, maxLength: customers.length }))), ([customers, shuffled]) => {
        const outcome = (fit: () => { toJSON(): unknown }): unknown => {
          try {
            return fit().toJSON();
          } catch (error) {
            expect(isKpiError(error) && error.code === 'DEGENERATE_DATA').toBe(true);
            return (error as { code: string }).code;
          }
        };
        expect(outcome(() => fitBgNbd(shuffled, { penalizer: 0.01 }))).toStrictEqual(outcome(() => fitBgNbd(customers, { penalizer: 0.01 })));
        expect(outcome(() => fitGammaGamma(shuffled, { penalizer: 0.01 }))).toStrictEqual(outcome(() => fitGammaGamma(customers, { penalizer: 0.01 })));
      }),
      { numRuns: 50 },
    );
  });

  test('never return NaN: a model with finite parameters, or DEGENERATE_DATA', () => {
    fc.assert(
      fc.property(worldArb, fc.constantFrom(0, 1e-4, 0.1), (customers, penalizer) => {
        for (const fit of [() => fitBgNbd(customers, { penalizer }), () => fitGammaGamma(customers, { penalizer })]) {
          try {
            const { params, logLikelihood } = fit().toJSON();
            expect(Object.values(params).every((value) => Number.isFinite(value) && value > 0) && Number.isFinite(logLikelihood)).toBe(true);
          } catch (error) {
            expect(isKpiError(error) && error.code === 'DEGENERATE_DATA').toBe(true);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('predictCustomerValue', () => {
  const purchases = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
  const spend = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });
  const customerArb = historyArb.chain((history) => fc.integer({ min: 0, max: 50000 }).map((cents) => ({ ...history, monetary: history.frequency === 0 ? null : (cents / 100).toFixed(2) })));

  test('is ≥ 0, grows with the horizon, falls with the discount rate, and without a discount is E[value] × E[X(horizon)]', () => {
    fc.assert(
      fc.property(customerArb, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 0.2, noNaN: true }), (customer, h1, h2, rate) => {
        const [short, long] = h1 <= h2 ? [h1, h2] : [h2, h1];
        const value = (horizon: number, discountRate: number) => predictCustomerValue({ purchases, spend, customer, horizon, discountRate }).toNumber();
        expect(value(short, rate) >= 0).toBe(true);
        expect(atLeast(value(long, rate), value(short, rate))).toBe(true);
        expect(atLeast(value(long, 0), value(long, rate))).toBe(true);
        const undiscounted = spend.conditionalExpectedAverageValue(customer).toNumber() * purchases.conditionalExpectedPurchases(long, customer);
        expect(Math.abs(value(long, 0) - undiscounted)).toBeLessThanOrEqual(1e-12 * undiscounted);
      }),
    );
  });
});

describe('fromJSON of the models', () => {
  const hostile = fc.oneof(
    fc.constantFrom<unknown>(null, undefined, 0, '', 'x', [], {}, Number.NaN, Infinity, -1, 1e308, true, JSON.parse('{"__proto__": {"polluted": "yes"}}'), Object.create(null)),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const good = (kind: 'BgNbdModel' | 'GammaGammaModel') =>
    kind === 'BgNbdModel' ? { kind, version: 1, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, logLikelihood: -9582.43 } : { kind, version: 1, params: { p: 6.25, q: 3.74, v: 15.44 }, logLikelihood: null };

  test('refuses any field replaced by a hostile value with INVALID_STATE (a newer version with UNSUPPORTED_VERSION), never anything else, and pollutes nothing', () => {
    fc.assert(
      fc.property(fc.constantFrom('BgNbdModel', 'GammaGammaModel') as fc.Arbitrary<'BgNbdModel' | 'GammaGammaModel'>, fc.constantFrom('kind', 'version', 'params', 'logLikelihood', 'params.first', 'params.extra', 'extra', 'whole'), hostile, (kind, field, value) => {
        const json: Record<string, unknown> = good(kind);
        const params = { ...(json['params'] as Record<string, unknown>) };
        if (field === 'whole') return expectRefusedOrWorking(kind, value);
        if (field === 'params.first') params[Object.keys(params)[0]!] = value;
        else if (field === 'params.extra') params['extra'] = value;
        else json[field] = value;
        if (field.startsWith('params.')) json['params'] = params;
        expectRefusedOrWorking(kind, json);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  function expectRefusedOrWorking(kind: 'BgNbdModel' | 'GammaGammaModel', json: unknown): void {
    const Class = kind === 'BgNbdModel' ? BgNbdModel : GammaGammaModel;
    try {
      const model = Class.fromJSON(json);
      // Accepted only when it is a valid model (a log-likelihood or a value that reads the same).
      expect(Class.fromJSON(JSON.parse(JSON.stringify(model))).toJSON()).toStrictEqual(model.toJSON());
    } catch (error) {
      expect(isKpiError(error) && (error.code === 'INVALID_STATE' || error.code === 'UNSUPPORTED_VERSION')).toBe(true);
    }
  }
});
