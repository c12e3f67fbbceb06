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

const MAX = Number.MAX_SAFE_INTEGER;
const saved = (kind: string, options: Record<string, unknown>, state: Record<string, unknown>, version = 2) => ({ kind, version, options, state });

describe('TransactionCrossSellRate, UpsellRate, RepeatPurchaseRate: states that cannot be are refused', () => {
  test('TransactionCrossSellRate: more cross-sell orders than orders; contributions that do not add up', () => {
    const tcsr = (state: Record<string, unknown>, dedupe = false) => TransactionCrossSellRate.fromJSON(saved('TransactionCrossSellRate', { by: 'sku', dedupe }, state));
    expectKpiError(() => tcsr({ crossSellOrders: 3, orders: 2 }), 'INVALID_STATE', 'state.crossSellOrders');
    expectKpiError(() => tcsr({ crossSellOrders: 1, orders: 2, seen: [['o1', 1, true], ['o2', 2, true]] }, true), 'INVALID_STATE', 'state.seen');
    expectKpiError(() => tcsr({ crossSellOrders: 0, orders: 1, seen: [['o1', 1, 0]] }, true), 'INVALID_STATE', 'state.seen[0][2]');
    expect(tcsr({ crossSellOrders: 1, orders: 2, seen: [['o1', 1, true], ['o2', 2, false]] }, true).result()).toStrictEqual({ value: 0.5, crossSellOrders: 1, orders: 2 });
  });

  test('UpsellRate: a customer listed twice, or a flag that is not a boolean', () => {
    const upsell = (customers: unknown) => UpsellRate.fromJSON(saved('UpsellRate', { dedupe: false }, { customers }));
    expectKpiError(() => upsell([['ann', true], ['ann', false]]), 'INVALID_STATE', 'state.customers[1][0]');
    expectKpiError(() => upsell([['ann', 1]]), 'INVALID_STATE', 'state.customers[0][1]');
    expectKpiError(() => upsell([['ann']]), 'INVALID_STATE', 'state.customers[0]');
    expect(upsell([['ann', true], ['bob', false]]).result()).toStrictEqual({ value: 0.5, upsoldCustomers: 1, customers: 2 });
  });

  test('RepeatPurchaseRate: a customer listed twice, without an order, or orders past 2^53 − 1; seen orders that do not match the customers', () => {
    const repeat = (state: Record<string, unknown>, dedupe = false, version = 2) => RepeatPurchaseRate.fromJSON(saved('RepeatPurchaseRate', { dedupe }, state, version));
    expectKpiError(() => repeat({ customers: [['ann', 1], ['ann', 2]] }), 'INVALID_STATE', 'state.customers[1][0]');
    expectKpiError(() => repeat({ customers: [['ann', 0]] }), 'INVALID_STATE', 'state.customers[0][1]');
    expectKpiError(() => repeat({ customers: [['ann', MAX - 1], ['bob', 2]] }), 'INVALID_STATE', 'state.customers[1][1]');
    expectKpiError(() => repeat({ customers: [['ann', 2]], seen: [['o1', 1, 'ann', null]] }, true), 'INVALID_STATE', 'state.seen');
    expectKpiError(() => repeat({ customers: [['ann', 1]], seen: [['o1', 1, 'bob', null]] }, true), 'INVALID_STATE', 'state.seen[0][2]');
    expectKpiError(() => repeat({ customers: [['ann', 1]], seen: [['o1', 1, 'ann', 1]] }, true), 'INVALID_STATE', 'state.seen[0][3]');
    expectKpiError(() => repeat({ customers: [['ann', 1]], seen: [['o1', 1, 'ann']] }, true), 'INVALID_STATE', 'state.seen[0]');
  });

  test('RepeatPurchaseRate: version 1 seen entries [orderId, fingerprint, customerId] load, and are written as [orderId, fingerprint, customerId, null]', () => {
    const v1 = RepeatPurchaseRate.fromJSON(saved('RepeatPurchaseRate', { dedupe: true }, { customers: [['ann', 2], ['bob', 1]], seen: [['o1', 1, 'ann'], ['o2', 2, 'bob'], ['o3', 3, 'ann']] }, 1));
    expect(v1.result()).toStrictEqual({ value: 0.5, repeatCustomers: 1, customers: 2 });
    const state = v1.toJSON();
    expect(state.version).toBe(3);
    expect((state.state as { seen: unknown }).seen).toStrictEqual([['o1', 1, 'ann', null], ['o2', 2, 'bob', null], ['o3', 3, 'ann', null]]);
    expect(RepeatPurchaseRate.fromJSON(JSON.parse(JSON.stringify(state))).toJSON()).toStrictEqual(state);
    expectKpiError(() => RepeatPurchaseRate.fromJSON(saved('RepeatPurchaseRate', { dedupe: true }, { customers: [['ann', 2]], seen: [['o1', 1, 'ann']] }, 1)), 'INVALID_STATE', 'state.seen');
  });
});

describe('TransactionCrossSellRate, RepeatPurchaseRate: counts refuse to pass 2^53 − 1, changing nothing', () => {
  test('add and merge at the limit', () => {
    const full = TransactionCrossSellRate.fromJSON(saved('TransactionCrossSellRate', { by: 'sku', dedupe: false }, { crossSellOrders: 0, orders: MAX }));
    expectKpiError(() => full.add(order('o1', 'ann', line('A'))), 'INVALID_NUMBER', 'orders');
    expectKpiError(() => new TransactionCrossSellRate({ dedupe: false }).add(order('o1', 'ann', line('A'))).merge(full), 'INVALID_NUMBER', 'orders');
    expect(full.result()).toStrictEqual({ value: 0, crossSellOrders: 0, orders: MAX });

    const repeat = RepeatPurchaseRate.fromJSON(saved('RepeatPurchaseRate', { dedupe: false }, { customers: [['ann', MAX - 1], ['bob', 1]] }));
    expectKpiError(() => repeat.add(order('o1', 'cy', line('A'))), 'INVALID_NUMBER', 'orders');
    expectKpiError(() => new RepeatPurchaseRate({ dedupe: false }).add(order('o1', 'ann', line('A'))).merge(repeat), 'INVALID_NUMBER', 'orders');
    expect(repeat.result()).toStrictEqual({ value: 0.5, repeatCustomers: 1, customers: 2 });
    // the count a merge leaves is exact: it still stops the next order
    const merged = RepeatPurchaseRate.fromJSON(saved('RepeatPurchaseRate', { dedupe: false }, { customers: [['ann', MAX - 2]] })).merge(new RepeatPurchaseRate({ dedupe: false }).add(order('o1', 'bob', line('A'))));
    expect(merged.add(order('o2', 'bob', line('A'))).result()).toStrictEqual({ value: 1, repeatCustomers: 2, customers: 2 });
    expectKpiError(() => merged.add(order('o3', 'cy', line('A'))), 'INVALID_NUMBER', 'orders');
  });
});
