import { describe, expect, test } from 'vitest';
import { RepeatPurchaseRate, TransactionCrossSellRate, UpsellRate, type Order, type OrderLine } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

const line = (sku: string, extra: Partial<OrderLine> = {}): OrderLine => ({ sku, unitPrice: '9.9999', ...extra });
const order = (orderId: string, customerId: string, ...lines: OrderLine[]): Order => ({ orderId, customerId, timestamp: '2026-11-02T10:00:00Z', lines });

describe('TransactionCrossSellRate: known values', () => {
  const orders = [
    order('o1', 'ann', line('A'), line('B')),
    order('o2', 'ann', line('A'), line('A', { quantity: 2 })), // the same product twice: not a cross-sell
    order('o3', 'bob', line('A', { category: 'shoes' }), line('B', { category: 'shoes' })),
    order('o4', 'cy', line('C', { category: 'socks' })),
  ];

  test('orders with two distinct products over orders, by SKU and by category', () => {
    expect(TransactionCrossSellRate.of(orders)).toStrictEqual({ value: 0.5, crossSellOrders: 2, orders: 4 });
    const categorised = [order('o3', 'bob', line('A', { category: 'shoes' }), line('B', { category: 'shoes' })), order('o5', 'dee', line('A', { category: 'shoes' }), line('C', { category: 'socks' }))];
    expect(TransactionCrossSellRate.of(categorised, { by: 'category' })).toStrictEqual({ value: 0.5, crossSellOrders: 1, orders: 2 });
    expectKpiError(() => TransactionCrossSellRate.of(orders, { by: 'category' }), 'INVALID_EVENT');
  });

  test("{ by: 'category' } checks every line, also after two distinct categories", () => {
    const late = order('o1', 'ann', line('A', { category: 'shoes' }), line('B', { category: 'socks' }), line('C'));
    expectKpiError(() => TransactionCrossSellRate.of([late], { by: 'category' }), 'INVALID_EVENT', 'lines[2].category');
  });

  test('numeric SKUs are strings: 42 and "42" are one product; "__proto__" is an ordinary SKU', () => {
    expect(TransactionCrossSellRate.of([order('o1', 'ann', line(42 as never), line('42')), order('o2', 'ann', line('__proto__'), line('constructor'))])).toStrictEqual({ value: 0.5, crossSellOrders: 1, orders: 2 });
  });

  test('re-delivery: counted once with dedupe, twice without', () => {
    const redelivered = [...orders, structuredClone(orders[0]!)];
    expect(TransactionCrossSellRate.of(redelivered).orders).toBe(4);
    expect(TransactionCrossSellRate.of(redelivered, { dedupe: false })).toStrictEqual({ value: 0.6, crossSellOrders: 3, orders: 5 });
  });
});

describe('UpsellRate: known values', () => {
  test('customers with at least one upsold line over customers', () => {
    const orders = [
      order('o1', 'ann', line('A'), line('A+', { source: 'upsell' })),
      order('o2', 'bob', line('B', { source: 'cross-sell' })),
      order('o3', 'cy', line('C')),
      order('o4', 'cy', line('C+', { source: 'upsell' })),
      order('o5', '__proto__', line('D', { source: 'organic' })),
    ];
    expect(UpsellRate.of(orders)).toStrictEqual({ value: 0.5, upsoldCustomers: 2, customers: 4 });
    expect(new UpsellRate().result()).toStrictEqual({ value: null, upsoldCustomers: 0, customers: 0 });
  });
});

describe('RepeatPurchaseRate: known values', () => {
  test('customers with two or more orders over customers; a re-delivered order is not a repeat', () => {
    const orders = [order('o1', 'ann', line('A')), order('o2', 'ann', line('A')), order('o3', 'bob', line('B')), order('o4', 7 as never, line('C')), order('o5', '7', line('C'))];
    expect(RepeatPurchaseRate.of(orders)).toStrictEqual({ value: 2 / 3, repeatCustomers: 2, customers: 3 });
    expect(RepeatPurchaseRate.of([order('o3', 'bob', line('B')), order('o3', 'bob', line('B'))])).toStrictEqual({ value: 0, repeatCustomers: 0, customers: 1 });
    expect(RepeatPurchaseRate.of([order('o3', 'bob', line('B')), order('o3', 'bob', line('B'))], { dedupe: false })).toStrictEqual({ value: 1, repeatCustomers: 1, customers: 1 });
  });
});
