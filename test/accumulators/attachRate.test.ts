import { describe, expect, test } from 'vitest';
import { AttachRate, attachRate, type Order } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

const line = (sku: string, category: string) => ({ sku, category, unitPrice: '10.0000' });
const order = (orderId: string, customerId: string, ...lines: ReturnType<typeof line>[]): Order => ({ orderId, customerId, timestamp: '2026-11-02T10:00:00Z', lines });

// ann bought a laptop, then a sleeve in another order; bob a laptop with a mouse; cy two laptops in two orders.
const orders: Order[] = [
  order('o1', 'ann', line('x1', 'laptops')),
  order('o2', 'ann', line('sleeve', 'cases')),
  order('o3', 'bob', line('x1', 'laptops'), line('mouse', 'accessories')),
  order('o4', 'cy', line('x2', 'laptops')),
  order('o5', 'cy', line('x2', 'laptops')),
];
const anchor = { categories: ['laptops'] };

describe('AttachRate: known values', () => {
  test('per customer and per order differ on the same data', () => {
    // customers: ann (sleeve, another order) and bob attached, cy not → 2 of 3
    expect(AttachRate.of(orders, { anchor })).toStrictEqual({ value: 2 / 3, attached: 2, anchors: 3 });
    // orders: o1, o3, o4, o5 hold a laptop; only o3 holds something else too → 1 of 4
    expect(AttachRate.of(orders, { anchor, per: 'order' })).toStrictEqual({ value: 0.25, attached: 1, anchors: 4 });
  });

  test('with attach: only matching lines count as an attachment', () => {
    const attach = { categories: ['cases'] };
    expect(AttachRate.of(orders, { anchor, attach })).toStrictEqual({ value: 1 / 3, attached: 1, anchors: 3 });
    // the sleeve is in an order without a laptop
    expect(AttachRate.of(orders, { anchor, attach, per: 'order' })).toStrictEqual({ value: 0, attached: 0, anchors: 4 });
    expect(AttachRate.of(orders, { anchor, attach: { skus: ['mouse'] }, per: 'order' })).toStrictEqual({ value: 0.25, attached: 1, anchors: 4 });
  });

  test('anchor by SKU; a line matching the anchor by SKU or by category is an anchor line', () => {
    expect(AttachRate.of(orders, { anchor: { skus: ['x2'] } })).toStrictEqual({ value: 0, attached: 0, anchors: 1 });
    expect(AttachRate.of(orders, { anchor: { skus: ['x1'], categories: ['accessories'] }, per: 'order' })).toStrictEqual({ value: 0, attached: 0, anchors: 2 });
  });

  test('the worked example: 50 of 200 laptop buyers also bought an accessory → 0.25, per customer and per order', () => {
    const laptopOrders: Order[] = [];
    for (let index = 0; index < 200; index++) {
      laptopOrders.push(index < 50 ? order(`o${index}`, `c${index}`, line('x1', 'laptops'), line('bag', 'accessories')) : order(`o${index}`, `c${index}`, line('x1', 'laptops')));
    }
    laptopOrders.push(order('only-accessory', 'c999', line('bag', 'accessories')));
    expect(AttachRate.of(laptopOrders, { anchor })).toStrictEqual({ value: 0.25, attached: 50, anchors: 200 });
    expect(AttachRate.of(laptopOrders, { anchor, per: 'order' })).toStrictEqual({ value: 0.25, attached: 50, anchors: 200 });
    expect(attachRate({ attached: 50, anchors: 200 })).toBe(0.25);
  });

  test('hostile ids are ordinary: "__proto__" customers, SKUs and categories', () => {
    const hostile = [order('__proto__', '__proto__', line('__proto__', 'constructor')), order('o2', '__proto__', line('toString', 'x')), order('o3', 'constructor', line('__proto__', 'y'))];
    expect(AttachRate.of(hostile, { anchor: { skus: ['__proto__'] } })).toStrictEqual({ value: 0.5, attached: 1, anchors: 2 });
    expect(AttachRate.of(hostile, { anchor: { categories: ['constructor'] }, per: 'order' })).toStrictEqual({ value: 0, attached: 0, anchors: 1 });
  });

  test('merging per-customer accumulators joins a customer’s anchor and attachment seen by different workers', () => {
    const first = new AttachRate({ anchor }).add(orders[0]!);
    const second = new AttachRate({ anchor }).add(orders[1]!);
    expect(first.result()).toStrictEqual({ value: 0, attached: 0, anchors: 1 });
    expect(second.result()).toStrictEqual({ value: null, attached: 0, anchors: 0 });
    expect(first.merge(second).result()).toStrictEqual({ value: 1, attached: 1, anchors: 1 });
  });

  test('an anchor listing nothing is INVALID_OPTION; other options do not merge', () => {
    expectKpiError(() => new AttachRate({ anchor: {} }), 'INVALID_OPTION', 'anchor');
    expectKpiError(() => new AttachRate({ anchor }).merge(new AttachRate({ anchor, per: 'order' })), 'INCOMPATIBLE_MERGE');
    expect(new AttachRate({ anchor }).result()).toStrictEqual({ value: null, attached: 0, anchors: 0 });
  });
});

describe('AttachRate: states that cannot be are refused; counts stop at 2^53 − 1', () => {
  const saved = (per: 'customer' | 'order', state: Record<string, unknown>, dedupe = false) => ({
    kind: 'AttachRate',
    version: 2,
    options: { anchor: { skus: [], categories: ['laptops'] }, attach: null, per, dedupe },
    state,
  });

  test('per order: more attached than anchors, bits out of 0-3, contributions that do not add up', () => {
    expectKpiError(() => AttachRate.fromJSON(saved('order', { attached: 2, anchors: 1 })), 'INVALID_STATE', 'state.attached');
    expectKpiError(() => AttachRate.fromJSON(saved('order', { attached: 0, anchors: 1, seen: [['o1', 1, 4]] }, true)), 'INVALID_STATE', 'state.seen[0][2]');
    expectKpiError(() => AttachRate.fromJSON(saved('order', { attached: 1, anchors: 1, seen: [['o1', 1, 1]] }, true)), 'INVALID_STATE', 'state.seen');
    expect(AttachRate.fromJSON(saved('order', { attached: 1, anchors: 2, seen: [['o1', 1, 3], ['o2', 2, 1], ['o3', 3, 2]] }, true)).result()).toStrictEqual({ value: 0.5, attached: 1, anchors: 2 });
  });

  test('per customer: a customer listed twice, bits out of 0-3; the per-order fields are not those of a per-customer state', () => {
    expectKpiError(() => AttachRate.fromJSON(saved('customer', { customers: [['ann', 1], ['ann', 3]] })), 'INVALID_STATE', 'state.customers[1][0]');
    expectKpiError(() => AttachRate.fromJSON(saved('customer', { customers: [['ann', 7]] })), 'INVALID_STATE', 'state.customers[0][1]');
    expectKpiError(() => AttachRate.fromJSON(saved('customer', { attached: 0, anchors: 0 })), 'INVALID_STATE');
    expect(AttachRate.fromJSON(saved('customer', { customers: [['ann', 3], ['bob', 1], ['cy', 2], ['dee', 0]] })).result()).toStrictEqual({ value: 0.5, attached: 1, anchors: 2 });
  });

  test('per order, add and merge refuse to count a 2^53-th anchor', () => {
    const full = AttachRate.fromJSON(saved('order', { attached: 0, anchors: Number.MAX_SAFE_INTEGER }));
    expectKpiError(() => full.add(orders[0]!), 'INVALID_NUMBER', 'anchors');
    expectKpiError(() => new AttachRate({ anchor, per: 'order', dedupe: false }).add(orders[0]!).merge(full), 'INVALID_NUMBER', 'anchors');
    expect(full.result()).toStrictEqual({ value: 0, attached: 0, anchors: Number.MAX_SAFE_INTEGER });
  });
});
