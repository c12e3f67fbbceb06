import { describe, expect, test } from 'vitest';
import {
  attachRate,
  averageOrderValue,
  churnRate,
  crossSellRate,
  customerLifetimeValue,
  itemsPerOrder,
  predictedLifetimeValue,
  retentionRate,
  revenueShare,
  roi,
  transactionCrossSellRate,
} from 'xsell-kpi';

// The worked examples that cross-selling KPI guides use (100 of 500 customers, 50 of 200 laptop
// buyers) and the standard retention formula's.
describe('worked examples', () => {
  test('100 of 500 customers cross-sold: 20 %', () => {
    expect(crossSellRate({ crossSoldCustomers: 100, customers: 500 })).toBe(0.2);
  });
  test('50 of 200 laptop buyers also bought an accessory: attach rate 25 %', () => {
    expect(attachRate({ attached: 50, anchors: 200 })).toBe(0.25);
  });
  test('retention S = 200, E = 180, N = 40: 70 %, and churn is its complement', () => {
    expect(retentionRate({ customersAtStart: 200, customersAtEnd: 180, newCustomers: 40 })).toBe(0.7);
    expect(churnRate({ customersAtStart: 200, customersLost: 60 })).toBe(0.3);
  });
});

describe('known values', () => {
  test('transaction cross-sell rate and items per order', () => {
    expect(transactionCrossSellRate({ crossSellOrders: 1, orders: 3 })).toBe(1 / 3);
    expect(itemsPerOrder({ items: 2.5, orders: 1 })).toBe(2.5);
  });
  test('money results are exact decimals', () => {
    expect(averageOrderValue({ revenue: '0.30', orders: 3 })?.toFixed()).toBe('0.1');
    expect(averageOrderValue({ revenue: '19.99', orders: 1 })?.toFixed()).toBe('19.99');
    expect(customerLifetimeValue({ revenue: '10', customers: 4 })?.toFixed()).toBe('2.5');
    expect(revenueShare({ part: '0.1', total: '0.3' })).toBe(1 / 3);
    expect(roi({ revenue: '1', cost: '1' })?.toFixed()).toBe('0');
    expect(predictedLifetimeValue({ averageOrderValue: '0.1', purchaseFrequency: 0.2, lifespan: 3 }).toFixed()).toBe('0.06');
  });
  test('retention bounds: N > E is NEGATIVE_COUNT, E − N > S is NUMERATOR_EXCEEDS_DENOMINATOR', () => {
    expect(() => retentionRate({ customersAtStart: 10, customersAtEnd: 5, newCustomers: 6 })).toThrow(/NEGATIVE_COUNT at newCustomers/);
    expect(() => retentionRate({ customersAtStart: 10, customersAtEnd: 25, newCustomers: 4 })).toThrow(/NUMERATOR_EXCEEDS_DENOMINATOR at customersAtEnd/);
    expect(retentionRate({ customersAtStart: 0, customersAtEnd: 0, newCustomers: 0 })).toBeNull();
  });
});
