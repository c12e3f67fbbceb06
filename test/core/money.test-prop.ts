import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  averageOrderValue,
  currencyMinorUnit,
  customerLifetimeValue,
  predictedLifetimeValue,
  revenuePerConversion,
  revenueShare,
  roi,
  roundMoney,
  toMoney,
  type RoundingMode,
} from 'xsell-kpi';
import * as big from '../reference/bigDecimal.js';
import { moneyString } from '../support/arbitraries.js';

const plain = (text: string) => big.toPlainString(big.parse(text));

describe('money is exact (checked against a BigInt reference)', () => {
  test('toMoney reads every plain decimal string exactly', () => {
    fc.assert(
      fc.property(moneyString({ negative: true }), (text) => {
        expect(toMoney(text).toFixed()).toBe(plain(text));
      }),
    );
  });

  test('sums of any length equal the exact sum', () => {
    fc.assert(
      fc.property(fc.array(moneyString({ negative: true }), { maxLength: 60 }), (amounts) => {
        const sum = amounts.reduce((total, amount) => total.plus(toMoney(amount)), toMoney(0));
        const reference = amounts.reduce((total, amount) => big.add(total, big.parse(amount)), big.parse('0'));
        expect(sum.toFixed()).toBe(big.toPlainString(reference));
      }),
    );
  });

  test('numbers are read through their shortest decimal string', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }), (unscaled, scale) => {
        const number = unscaled / 10 ** scale;
        expect(toMoney(number).toString()).toBe(String(number));
      }),
    );
    expect(toMoney(19.99).toString()).toBe('19.99');
    expect(toMoney(0.1 + 0.2).toString()).toBe('0.30000000000000004');
  });

  test.each([
    ['averageOrderValue', (revenue: string, n: number) => averageOrderValue({ revenue, orders: n })],
    ['customerLifetimeValue', (revenue: string, n: number) => customerLifetimeValue({ revenue, customers: n })],
    ['revenuePerConversion', (revenue: string, n: number) => revenuePerConversion({ revenue, conversions: n })],
  ])('%s is the exact quotient rounded half-even to 34 significant digits', (_name, formula) => {
    fc.assert(
      fc.property(moneyString(), fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 2 ** 53 - 1 })), (revenue, n) => {
        const expected = big.divideSignificant(big.parse(revenue), big.parse(String(n)), 34);
        expect(formula(revenue, n)?.toFixed()).toBe(big.toPlainString(expected));
        expect(formula(revenue, 0)).toBeNull();
      }),
    );
  });

  test('roi is (revenue − cost) ÷ cost to 34 significant digits, null for zero cost', () => {
    fc.assert(
      fc.property(moneyString(), moneyString(), (revenue, cost) => {
        const value = roi({ revenue, cost });
        if (big.parse(cost).unscaled === 0n) {
          expect(value).toBeNull();
        } else {
          const expected = big.divideSignificant(big.subtract(big.parse(revenue), big.parse(cost)), big.parse(cost), 34);
          expect(value?.toFixed()).toBe(big.toPlainString(expected));
        }
      }),
    );
  });

  test('revenueShare is in [0, 1] and equals the exact quotient read as a number', () => {
    const partAndTotal = fc
      .tuple(moneyString(), moneyString())
      .map(([a, b]) => (big.compare(big.parse(a), big.parse(b)) <= 0 ? ([a, b] as const) : ([b, a] as const)));
    fc.assert(
      fc.property(partAndTotal, ([part, total]) => {
        const value = revenueShare({ part, total });
        if (big.parse(total).unscaled === 0n) {
          expect(value).toBeNull();
        } else {
          expect(value).toBe(Number(big.toPlainString(big.divideSignificant(big.parse(part), big.parse(total), 34))));
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  test('predictedLifetimeValue multiplies exactly', () => {
    const factor = fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 3 })).map(([u, s]) => u / 10 ** s);
    const margin = fc.integer({ min: 0, max: 100 }).map((percent) => percent / 100);
    fc.assert(
      fc.property(moneyString(), factor, factor, margin, (value, frequency, lifespan, m) => {
        const expected = [String(frequency), String(lifespan), String(m)].reduce((product, f) => big.multiply(product, big.parse(f)), big.parse(value));
        const actual = predictedLifetimeValue({ averageOrderValue: value, purchaseFrequency: frequency, lifespan, margin: m });
        expect(actual.toFixed()).toBe(big.toPlainString(expected));
      }),
    );
  });

  test('roundMoney half-even equals the reference for every minor unit', () => {
    fc.assert(
      fc.property(moneyString({ negative: true }), fc.constantFrom('USD', 'JPY', 'BHD', 'CLF', 'EUR'), (amount, currency) => {
        const expected = big.roundHalfEven(big.parse(amount), currencyMinorUnit(currency));
        expect(roundMoney(amount, currency).toFixed()).toBe(big.toPlainString(expected));
      }),
    );
  });
});

describe('roundMoney modes', () => {
  const cases: [RoundingMode, string, string][] = [
    ['half-even', '2.345', '2.34'],
    ['half-even', '2.355', '2.36'],
    ['half-up', '2.345', '2.35'],
    ['half-up', '-2.345', '-2.35'],
    ['half-down', '2.345', '2.34'],
    ['up', '2.341', '2.35'],
    ['down', '2.349', '2.34'],
    ['ceil', '-2.349', '-2.34'],
    ['floor', '-2.341', '-2.35'],
  ];
  test.each(cases)('%s rounds %s to %s (USD)', (mode, amount, expected) => {
    expect(roundMoney(amount, 'USD', mode).toFixed()).toBe(expected);
  });
});
