import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AverageOrderValue, type Order, type OrderLine } from 'xsell-kpi';
import { exactOrderRevenue, streamArb } from '../arbitraries/events.js';
import * as big from '../reference/bigDecimal.js';
import { expectKpiError } from '../support/expectKpiError.js';

const order = (orderId: string, lines: OrderLine[], currency?: string): Order => ({ orderId, customerId: orderId, timestamp: '2026-11-02T10:00:00Z', lines, ...(currency === undefined ? {} : { currency }) });

/** A high-precision reference of its own (the host's decimal.js, cloned: the library's private one is not touched). */
const Reference = DecimalJs.clone({ precision: 200 });

describe('AverageOrderValue: known values', () => {
  test('exact money: 2 × 19.99 and 10.00 − 0.98 average 24.5; 0.1 + 0.2 is 0.3; 4-decimal prices', () => {
    const result = AverageOrderValue.of([order('o1', [{ sku: 'A', unitPrice: '19.99', quantity: 2 }]), order('o2', [{ sku: 'B', unitPrice: '10.00', discount: '0.98' }])], { currency: 'USD' });
    expect([result.value?.toFixed(), result.revenue.toFixed(), result.orders, result.currency]).toStrictEqual(['24.5', '49', 2, 'USD']);
    expect(AverageOrderValue.of([order('o1', [{ sku: 'A', unitPrice: 0.1 }, { sku: 'B', unitPrice: 0.2 }])]).revenue.toFixed()).toBe('0.3');
    const fourDecimals = AverageOrderValue.of(['0.0001', '1.2345', '0.0004', '0.0002'].map((price, index) => order(`o${index}`, [{ sku: 'A', unitPrice: price, quantity: index === 0 ? 3 : 1 }])));
    expect([fourDecimals.revenue.toFixed(), fourDecimals.value?.toFixed()]).toStrictEqual(['1.2354', '0.30885']);
  });

  test('moments: count, mean and sample variance (n − 1); 0 variance with one order; zeros when empty', () => {
    const aov = new AverageOrderValue().addAll(['10', '20', '30'].map((price, index) => order(`o${index}`, [{ sku: 'A', unitPrice: price }])));
    expect(aov.moments()).toStrictEqual({ count: 3, mean: 20, variance: 100 });
    expect(new AverageOrderValue().add(order('o1', [{ sku: 'A', unitPrice: '7.5' }])).moments()).toStrictEqual({ count: 1, mean: 7.5, variance: 0 });
    expect(new AverageOrderValue().moments()).toStrictEqual({ count: 0, mean: 0, variance: 0 });
    // huge values: Σx² − (Σx)²/n is done exactly, so no catastrophic cancellation
    const huge = new AverageOrderValue().addAll(['1000000000000.01', '1000000000000.02', '1000000000000.03'].map((price, index) => order(`h${index}`, [{ sku: 'A', unitPrice: price }])));
    expect(huge.moments().variance).toBeCloseTo(0.0001, 15);
  });

  test('moments match a 200-digit reference over any stream', () => {
    fc.assert(
      fc.property(streamArb(), (orders) => {
        const values = orders.map((item) => new Reference(big.toPlainString(exactOrderRevenue(item))));
        const { count, mean, variance } = new AverageOrderValue().addAll(orders).moments();
        expect(count).toBe(orders.length);
        if (count === 0) return;
        const exactMean = values.reduce((sum, value) => sum.plus(value), new Reference(0)).dividedBy(count);
        const exactVariance = count < 2 ? new Reference(0) : values.reduce((sum, value) => sum.plus(value.minus(exactMean).pow(2)), new Reference(0)).dividedBy(count - 1);
        expect(mean).toBe(exactMean.toNumber());
        expect(Math.abs(variance - exactVariance.toNumber())).toBeLessThanOrEqual(Math.abs(exactVariance.toNumber()) * 1e-15);
      }),
      { numRuns: 100 },
    );
  });

  test('two currencies: separate accumulators are fine; mixing orders or merging them is MIXED_CURRENCY and changes nothing', () => {
    const usd = new AverageOrderValue().add(order('o1', [{ sku: 'A', unitPrice: '10' }], 'USD'));
    const eur = new AverageOrderValue().add(order('o2', [{ sku: 'A', unitPrice: '20' }], 'EUR'));
    expect([usd.result().currency, eur.result().currency]).toStrictEqual(['USD', 'EUR']);
    const before = JSON.stringify(usd);
    expectKpiError(() => usd.add(order('o3', [{ sku: 'A', unitPrice: '1' }], 'EUR')), 'MIXED_CURRENCY');
    expectKpiError(() => usd.add(order('o3', [{ sku: 'A', unitPrice: '1' }])), 'MIXED_CURRENCY');
    expectKpiError(() => usd.merge(eur), 'MIXED_CURRENCY');
    expect(JSON.stringify(usd)).toBe(before);
    expect(new AverageOrderValue({ currency: 'JPY' }).result()).toMatchObject({ value: null, orders: 0, currency: 'JPY' });
  });
});
