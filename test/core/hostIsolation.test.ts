import DecimalJs from 'decimal.js';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { averageOrderValue, predictedLifetimeValue, roi, roundMoney, toMoney } from 'xsell-kpi';

// A host application that configures its own global decimal.js must neither change our results
// nor have its settings changed by us.
const original = { precision: DecimalJs.precision, rounding: DecimalJs.rounding };

beforeEach(() => {
  DecimalJs.set({ precision: 5, rounding: DecimalJs.ROUND_DOWN });
});
afterEach(() => {
  DecimalJs.set(original);
});

test('results ignore the host global decimal.js settings', () => {
  expect(toMoney('123456789.123456789').plus('0.000000001').toFixed()).toBe('123456789.12345679');
  expect(averageOrderValue({ revenue: '100', orders: 3 })?.toFixed()).toBe('33.33333333333333333333333333333333');
  expect(roi({ revenue: '2', cost: '3' })?.toFixed()).toBe('-0.3333333333333333333333333333333333');
  expect(roundMoney('2.345', 'USD').toFixed()).toBe('2.34');
  expect(predictedLifetimeValue({ averageOrderValue: '1234.5678', purchaseFrequency: 3.3, lifespan: 7 }).toFixed()).toBe('28518.51618');
});

test('the host keeps its settings', () => {
  averageOrderValue({ revenue: '100', orders: 3 });
  roundMoney('2.345', 'USD', 'half-up');
  expect(DecimalJs.precision).toBe(5);
  expect(DecimalJs.rounding).toBe(DecimalJs.ROUND_DOWN);
  expect(new DecimalJs(100).div(3).toString()).toBe('33.333');
});

test("a host's Decimal, from its global or its own clone, is accepted as money by value", () => {
  const HostDecimal = DecimalJs.clone({ precision: 3 });
  expect(toMoney(new DecimalJs('19.99')).toFixed()).toBe('19.99');
  expect(toMoney(new HostDecimal('123456.789')).toFixed()).toBe('123456.789');
  expect(averageOrderValue({ revenue: new HostDecimal('10.5'), orders: 2 })?.toFixed()).toBe('5.25');
});
