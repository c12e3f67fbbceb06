import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  attachRate,
  churnRate,
  conversionRate,
  crossSellRate,
  offerAcceptanceRate,
  repeatPurchaseRate,
  transactionCrossSellRate,
  upsellRate,
} from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

type CountRatio = (input: never) => number | null;

const ratios: [name: string, formula: CountRatio, part: string, whole: string][] = [
  ['crossSellRate', crossSellRate, 'crossSoldCustomers', 'customers'],
  ['transactionCrossSellRate', transactionCrossSellRate, 'crossSellOrders', 'orders'],
  ['attachRate', attachRate, 'attached', 'anchors'],
  ['upsellRate', upsellRate, 'upsoldCustomers', 'customers'],
  ['offerAcceptanceRate', offerAcceptanceRate, 'accepted', 'offered'],
  ['conversionRate', conversionRate, 'converted', 'visitors'],
  ['repeatPurchaseRate', repeatPurchaseRate, 'repeatCustomers', 'customers'],
  ['churnRate', churnRate, 'customersLost', 'customersAtStart'],
];

const countArb = fc.oneof(fc.nat({ max: 1000 }), fc.nat({ max: Number.MAX_SAFE_INTEGER - 1000 }));
const partAndWhole = countArb.chain((whole) => fc.tuple(fc.nat({ max: whole }), fc.constant(whole)));
const notFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
const notANumber = fc.oneof(fc.string(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.constant(1n), fc.object());

describe.each(ratios)('%s', (_name, formula, part, whole) => {
  const call = (a: unknown, b: unknown) => formula({ [part]: a, [whole]: b } as never);

  test('is part ÷ whole, a fraction in [0, 1], and null exactly when the whole is 0', () => {
    fc.assert(
      fc.property(partAndWhole, ([a, b]) => {
        const value = call(a, b);
        if (b === 0) {
          expect(value).toBeNull();
        } else {
          expect(value).toBe(a / b);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  test('a part above the whole is NUMERATOR_EXCEEDS_DENOMINATOR at the part', () => {
    fc.assert(
      fc.property(partAndWhole, fc.integer({ min: 1, max: 1000 }), ([, b], extra) => {
        expectKpiError(() => call(b + extra, b), 'NUMERATOR_EXCEEDS_DENOMINATOR', part);
      }),
    );
  });

  test('negative counts are NEGATIVE_COUNT, fractional ones NOT_AN_INTEGER, at their path', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: -1 }), fc.double({ min: 0.001, max: 1e6, noNaN: true }), fc.nat(100), (negative, real, b) => {
        fc.pre(!Number.isInteger(real));
        expectKpiError(() => call(negative, b), 'NEGATIVE_COUNT', part);
        expectKpiError(() => call(0, negative), 'NEGATIVE_COUNT', whole);
        expectKpiError(() => call(real, 1e7), 'NOT_AN_INTEGER', part);
        expectKpiError(() => call(0, real), 'NOT_AN_INTEGER', whole);
      }),
    );
  });

  test('NaN, ±Infinity and non-numbers are INVALID_NUMBER, never a number', () => {
    fc.assert(
      fc.property(fc.oneof(notFinite, notANumber), fc.nat(100), (bad, b) => {
        expectKpiError(() => call(bad, b), 'INVALID_NUMBER', part);
        expectKpiError(() => call(0, bad), 'INVALID_NUMBER', whole);
      }),
    );
  });

  test('counts beyond Number.MAX_SAFE_INTEGER are NOT_AN_INTEGER', () => {
    expectKpiError(() => call(0, 2 ** 53), 'NOT_AN_INTEGER', whole);
  });

  test('a call without an argument object is INVALID_ARGUMENT', () => {
    expectKpiError(() => formula(null as never), 'INVALID_ARGUMENT', '');
  });
});
