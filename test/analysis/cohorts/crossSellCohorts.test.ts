import { describe, expect, test } from 'vitest';
import { CrossSellCohorts, type Order } from 'xsell-kpi';
import { expectKpiError } from '../../support/expectKpiError.js';

function order(orderId: string, customerId: string, skus: string[], unitPrice = '10'): Order {
  return { orderId, customerId, timestamp: new Date(0), lines: skus.map((sku) => ({ sku, unitPrice })) };
}

const options = { by: 'sku', minDistinct: 2, currency: null };
const state = (fields: Record<string, unknown>, dedupe = false, version = 2) => ({ kind: 'CrossSellCohorts', version, options: { ...options, dedupe }, state: fields });

describe('CrossSellCohorts: JSON', () => {
  test('layout: customers as [id, products, revenue, orders], each order as [orderId, fingerprint, customerId, [products, revenue]]', () => {
    const acc = new CrossSellCohorts().addAll([order('o1', 'ann', ['A']), order('o2', 'ann', ['A', 'A']), order('o3', 'bob', ['A', 'B', 'C'], '1.5')]);
    expect(JSON.parse(JSON.stringify(acc))).toEqual({
      kind: 'CrossSellCohorts',
      version: 3,
      options: { ...options, dedupe: true },
      state: {
        customers: [
          ['ann', ['A'], '30', 2],
          ['bob', true, '4.5', 1],
        ],
        currency: null,
        seen: [
          ['o1', expect.any(Number), 'ann', [['A'], '10']],
          ['o2', expect.any(Number), 'ann', [['A'], '20']],
          ['o3', expect.any(Number), 'bob', [true, '4.5']],
        ],
      },
    });
    const restored = CrossSellCohorts.fromJSON(JSON.parse(JSON.stringify(acc)));
    expect(restored.toJSON()).toEqual(acc.toJSON());
    restored.add(order('o4', 'ann', ['B']));
    expect(restored.result().crossSold.customers).toBe(2);
  });

  test('a de-duplicated merge replays the orders the other side saw', () => {
    const left = new CrossSellCohorts().addAll([order('o1', 'ann', ['A']), order('o2', 'bob', ['A'])]);
    const right = CrossSellCohorts.fromJSON(JSON.parse(JSON.stringify(new CrossSellCohorts().addAll([order('o2', 'bob', ['A']), order('o3', 'ann', ['B'])]))));
    left.merge(right);
    const { crossSold, other } = left.result();
    expect([crossSold.customers, crossSold.revenue.toFixed(), crossSold.repeatPurchaseRate]).toEqual([1, '20', 1]);
    expect([other.customers, other.revenue.toFixed(), other.repeatPurchaseRate]).toEqual([1, '10', 0]);
  });

  test('reads version 1, whose orders carried their customer inside the contribution', () => {
    const v1 = state({ customers: [['ann', true, '20', 2]], currency: null, seen: [['o1', 1, ['ann', ['A'], '10']], ['o2', 2, ['ann', ['B'], '10']]] }, true, 1);
    const restored = CrossSellCohorts.fromJSON(v1);
    expect(restored.result().crossSold.customers).toBe(1);
    expect(restored.toJSON().state).toEqual({ customers: [['ann', true, '20', 2]], currency: null, legacy: [0, 1], seen: [['o1', 1, 'ann', [['A'], '10']], ['o2', 2, 'ann', [['B'], '10']]] });
    expectKpiError(() => CrossSellCohorts.fromJSON(state({ customers: [['ann', true, '20', 2]], currency: null, seen: [['o1', 1, ['ann', ['A'], '20']]] }, true, 1)), 'INVALID_STATE', 'state.seen');
  });

  test('refuses impossible states', () => {
    expectKpiError(() => CrossSellCohorts.fromJSON(state({ customers: [['ann', true, '20', 0]], currency: null })), 'INVALID_STATE', 'state.customers[0][3]');
    expectKpiError(() => CrossSellCohorts.fromJSON(state({ customers: [['ann', true, '20', 1], ['ann', ['A'], '1', 1]], currency: null })), 'INVALID_STATE', 'state.customers[1][0]');
    expectKpiError(() => CrossSellCohorts.fromJSON(state({ customers: [['ann', ['A', 'B'], '20', 1]], currency: null })), 'INVALID_STATE', 'state.customers[0][1]');
    expectKpiError(() => CrossSellCohorts.fromJSON(state({ customers: [['ann', ['A', 'A'], '20', 1]], currency: null })), 'INVALID_STATE');
    expectKpiError(() => CrossSellCohorts.fromJSON(state({ customers: [['ann', ['A'], '-1', 1]], currency: null })), 'INVALID_STATE', 'state.customers[0][2]');
    const huge = Number.MAX_SAFE_INTEGER - 1;
    expectKpiError(() => CrossSellCohorts.fromJSON(state({ customers: [['ann', true, '1', huge], ['bob', true, '1', 2]], currency: null })), 'INVALID_STATE', 'state.customers[1][3]');
    expectKpiError(() => CrossSellCohorts.fromJSON(state({ customers: [], currency: 'EUR' })), 'INVALID_STATE', 'state.currency');
    // version 2: the customer of an order in its own field, listed in the totals; contributions that add up
    expectKpiError(() => CrossSellCohorts.fromJSON(state({ customers: [['ann', ['A'], '10', 1]], currency: null, seen: [['o1', 1, 'bob', [['A'], '10']]] }, true)), 'INVALID_STATE', 'state.seen[0][2]');
    expectKpiError(() => CrossSellCohorts.fromJSON(state({ customers: [['ann', ['A'], '10', 1]], currency: null, seen: [['o1', 1, 'ann', [['A', 'B'], '10']]] }, true)), 'INVALID_STATE', 'state.seen[0][3][0]');
    expectKpiError(() => CrossSellCohorts.fromJSON(state({ customers: [['ann', ['A'], '10', 2]], currency: null, seen: [['o1', 1, 'ann', [['A'], '10']]] }, true)), 'INVALID_STATE', 'state.seen');
  });

  test('refuses an order past 2^53 − 1 orders, changing nothing', () => {
    const acc = CrossSellCohorts.fromJSON(state({ customers: [['ann', true, '1', Number.MAX_SAFE_INTEGER]], currency: null }));
    const before = JSON.stringify(acc);
    expectKpiError(() => acc.add(order('o1', 'bob', ['A'])), 'INVALID_NUMBER', 'orders');
    expect(JSON.stringify(acc)).toBe(before);
    expectKpiError(() => acc.merge(new CrossSellCohorts({ dedupe: false }).add(order('o1', 'bob', ['A']))), 'INVALID_NUMBER', 'orders');
    expect(JSON.stringify(acc)).toBe(before);
  });
});
