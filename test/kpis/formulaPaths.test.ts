// Every formula names the field it refuses (the `path` of its KpiError) and says why with both
// values: pinned here, field by field, for the formulas outside the count ratios
// (test/kpis/countRatios.test-prop.ts pins those). Found by mutation testing (docs/mutation.md).
import { describe, expect, test } from 'vitest';
import { averageOrderValue, customerLifetimeValue, itemsPerOrder, netRevenue, retentionRate, revenuePerConversion, revenueShare } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

describe('formula errors name their field', () => {
  test('itemsPerOrder: items and orders', () => {
    expectKpiError(() => itemsPerOrder({ items: -1, orders: 1 }), 'NEGATIVE_COUNT', 'items');
    expectKpiError(() => itemsPerOrder({ items: Number.NaN, orders: 1 }), 'INVALID_NUMBER', 'items');
    expectKpiError(() => itemsPerOrder({ items: 1, orders: -1 }), 'NEGATIVE_COUNT', 'orders');
    expectKpiError(() => itemsPerOrder({ items: 1, orders: 1.5 }), 'NOT_AN_INTEGER', 'orders');
  });

  test('retentionRate: each count at its path; N > E and E − N > S with both values', () => {
    const valid = { customersAtStart: 10, customersAtEnd: 8, newCustomers: 2 };
    for (const field of ['customersAtStart', 'customersAtEnd', 'newCustomers'] as const) {
      expectKpiError(() => retentionRate({ ...valid, [field]: -1 }), 'NEGATIVE_COUNT', field);
      expectKpiError(() => retentionRate({ ...valid, [field]: 0.5 }), 'NOT_AN_INTEGER', field);
    }
    const fresh = expectKpiError(() => retentionRate({ customersAtStart: 10, customersAtEnd: 3, newCustomers: 5 }), 'NEGATIVE_COUNT', 'newCustomers');
    expect(fresh.message).toContain('newCustomers (5) exceeds customersAtEnd (3), so E − N is negative');
    const above = expectKpiError(() => retentionRate({ customersAtStart: 2, customersAtEnd: 9, newCustomers: 4 }), 'NUMERATOR_EXCEEDS_DENOMINATOR', 'customersAtEnd');
    expect(above.message).toContain('customersAtEnd (5) exceeds customersAtStart (2)');
    expect(retentionRate({ customersAtStart: 2, customersAtEnd: 6, newCustomers: 4 })).toBe(1);
  });

  test('revenueShare: part and total; a part above the total with both amounts', () => {
    expectKpiError(() => revenueShare({ part: '-1', total: '5' }), 'INVALID_MONEY', 'part');
    expectKpiError(() => revenueShare({ part: '1', total: '-5' }), 'INVALID_MONEY', 'total');
    expectKpiError(() => revenueShare({ part: '1', total: 'x' }), 'INVALID_MONEY', 'total');
    const error = expectKpiError(() => revenueShare({ part: '7.5', total: '3' }), 'NUMERATOR_EXCEEDS_DENOMINATOR', 'part');
    expect(error.message).toContain('part (7.5) exceeds total (3)');
  });

  test('the money-per formulas: the amount and the count at their paths', () => {
    expectKpiError(() => averageOrderValue({ revenue: '-1', orders: 1 }), 'INVALID_MONEY', 'revenue');
    expectKpiError(() => averageOrderValue({ revenue: '1', orders: -1 }), 'NEGATIVE_COUNT', 'orders');
    expectKpiError(() => revenuePerConversion({ revenue: '-1', conversions: 1 }), 'INVALID_MONEY', 'revenue');
    expectKpiError(() => revenuePerConversion({ revenue: '1', conversions: 2.5 }), 'NOT_AN_INTEGER', 'conversions');
    expectKpiError(() => customerLifetimeValue({ revenue: 'x', customers: 1 }), 'INVALID_MONEY', 'revenue');
    expectKpiError(() => customerLifetimeValue({ revenue: '1', customers: -1 }), 'NEGATIVE_COUNT', 'customers');
    expectKpiError(() => netRevenue({ grossRevenue: '-1', returns: '0' }), 'INVALID_MONEY', 'grossRevenue');
    expectKpiError(() => netRevenue({ grossRevenue: '1', returns: '-1' }), 'INVALID_MONEY', 'returns');
  });

  test('customerLifetimeValue is signed (returns may exceed revenue); the others are not', () => {
    expect(customerLifetimeValue({ revenue: '-25', customers: 2 })?.toString()).toBe('-12.5');
    expectKpiError(() => averageOrderValue({ revenue: '-25', orders: 2 }), 'INVALID_MONEY', 'revenue');
  });
});
