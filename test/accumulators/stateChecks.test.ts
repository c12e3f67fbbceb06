// What each accumulator's fromJSON refuses, field by field and across fields (counts against
// sums, parts against totals, squares against revenue, per-customer entries), with the path and
// the message of each refusal pinned; and the counters that refuse to pass 2⁵³ − 1 on add and
// merge, changing nothing (issue 16, defects 1–3; mutation testing, docs/mutation.md).
import { describe, expect, test } from 'vitest';
import {
  AttachRate,
  AverageOrderValue,
  CustomerLifetimeValue,
  ItemsPerOrder,
  NetRevenue,
  OfferAcceptanceRate,
  RepeatPurchaseRate,
  RevenuePerConversion,
  RevenueShare,
  TransactionCrossSellRate,
  type Order,
} from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

const order: Order = { orderId: 'o1', customerId: 'ann', timestamp: '2026-01-05T10:00:00Z', lines: [{ sku: 'A', unitPrice: '10', source: 'cross-sell' }] };

interface Restorable {
  fromJSON(json: unknown): { result(): unknown; toJSON(): unknown };
}

/** `{ kind, version: 3, options, state }` as the class writes it. */
const saved = (kind: string, options: object, state: object): unknown => ({ kind, version: 3, options, state });

/** Refused: INVALID_STATE at `path`, the message ending with `message`. */
function refused(Class: Restorable, json: unknown, path: string, message: string): void {
  const error = expectKpiError(() => Class.fromJSON(json), 'INVALID_STATE', path);
  expect(error.message.slice(error.message.indexOf(': ') + 2)).toBe(message);
}

describe('fromJSON refuses states whose fields contradict each other', () => {
  const aov = (state: object): unknown => saved('AverageOrderValue', { currency: null, dedupe: false }, { currency: null, ...state });
  test('AverageOrderValue: revenue or squares without orders (defect 1); squares that do not fit the revenue (defect 2)', () => {
    expect(AverageOrderValue.fromJSON(aov({ revenue: '10', squares: '100', orders: 1 })).result().revenue.toFixed()).toBe('10');
    expect(AverageOrderValue.fromJSON(aov({ revenue: '0', squares: '0', orders: 0 })).result().orders).toBe(0);
    refused(AverageOrderValue, aov({ revenue: '5', squares: '0', orders: 0 }), 'state.revenue', 'expected revenue and squares of 0 with no orders');
    refused(AverageOrderValue, aov({ revenue: '0', squares: '5', orders: 0 }), 'state.revenue', 'expected revenue and squares of 0 with no orders');
    const misfit = 'the sum of squared order values does not fit the revenue and the number of orders';
    // (Σx)² ÷ n ≤ Σx² ≤ (Σx)², both ends included
    refused(AverageOrderValue, aov({ revenue: '10', squares: '0', orders: 2 }), 'state.squares', misfit);
    refused(AverageOrderValue, aov({ revenue: '10', squares: '49.99', orders: 2 }), 'state.squares', misfit);
    refused(AverageOrderValue, aov({ revenue: '10', squares: '100.01', orders: 2 }), 'state.squares', misfit);
    expect(AverageOrderValue.fromJSON(aov({ revenue: '10', squares: '50', orders: 2 })).moments().variance).toBe(0);
    expect(AverageOrderValue.fromJSON(aov({ revenue: '10', squares: '100', orders: 2 })).moments().variance).toBe(50);
    refused(AverageOrderValue, aov({ revenue: '-1', squares: '1', orders: 1 }), 'state.revenue', 'expected a canonical decimal string ≥ 0');
    refused(AverageOrderValue, aov({ revenue: '1', squares: 'x', orders: 1 }), 'state.squares', 'expected a canonical decimal string ≥ 0');
    refused(AverageOrderValue, aov({ revenue: '1', squares: '1', orders: -1 }), 'state.orders', 'expected a non-negative safe integer');
  });

  test('NetRevenue: revenue without orders, returns without a count, a count of returns worth nothing', () => {
    const json = (state: object): unknown => saved('NetRevenue', { currency: null, dedupe: false }, { currency: null, grossRevenue: '10', orders: 1, returns: '4', returnCount: 1, ...state });
    expect(NetRevenue.fromJSON(json({})).result().value.toFixed()).toBe('6');
    refused(NetRevenue, json({ orders: 0 }), 'state.grossRevenue', 'expected 0 with no orders');
    refused(NetRevenue, json({ returnCount: 0 }), 'state.returns', 'expected 0 with no returns');
    refused(NetRevenue, json({ returns: '0' }), 'state.returns', 'expected more than 0: every return gives money back');
    expect(NetRevenue.fromJSON(json({ grossRevenue: '0', returns: '0', returnCount: 0 })).result().value.toFixed()).toBe('0');
    refused(NetRevenue, json({ grossRevenue: 'x' }), 'state.grossRevenue', 'expected a canonical decimal string ≥ 0');
    refused(NetRevenue, json({ orders: 1.5 }), 'state.orders', 'expected a non-negative safe integer');
    refused(NetRevenue, json({ returns: '-4' }), 'state.returns', 'expected a canonical decimal string ≥ 0');
    refused(NetRevenue, json({ returnCount: -1 }), 'state.returnCount', 'expected a non-negative safe integer');
  });

  test('ItemsPerOrder: items without orders, orders without items, items beyond a number', () => {
    const json = (state: object): unknown => saved('ItemsPerOrder', { dedupe: false }, { items: '1', orders: 1, ...state });
    refused(ItemsPerOrder, json({ orders: 0 }), 'state.items', 'expected 0 with no orders');
    refused(ItemsPerOrder, json({ items: '0', orders: 3 }), 'state.items', 'expected more than 0 items in 3 orders');
    refused(ItemsPerOrder, json({ items: `1${'0'.repeat(400)}` }), 'state.items', 'expected a quantity a number can hold');
    refused(ItemsPerOrder, json({ items: 'x' }), 'state.items', 'expected a canonical decimal string ≥ 0');
    refused(ItemsPerOrder, json({ orders: 'x' }), 'state.orders', 'expected a non-negative safe integer');
    expect(ItemsPerOrder.fromJSON(json({ items: '0.5', orders: 2 })).result().value).toBe(0.25);
    const seen = saved('ItemsPerOrder', { dedupe: true }, { items: '1', orders: 1, seen: [['o1', 1, '0']] });
    refused(ItemsPerOrder, seen, 'state.seen[0][2]', "expected an order's items, more than 0");
  });

  test('RevenueShare: a part above the total, a total without orders; per order, each part within its total', () => {
    const json = (state: object): unknown => saved('RevenueShare', { source: 'cross-sell', currency: null, dedupe: false }, { currency: null, part: '10', total: '10', orders: 1, ...state });
    refused(RevenueShare, json({ part: '11' }), 'state.part', 'part 11 exceeds total 10 (state.total)');
    refused(RevenueShare, json({ orders: 0 }), 'state.total', 'expected 0 without orders');
    refused(RevenueShare, json({ part: '-1' }), 'state.part', 'expected a canonical decimal string ≥ 0');
    refused(RevenueShare, json({ total: '' }), 'state.total', 'expected a canonical decimal string ≥ 0');
    refused(RevenueShare, json({ orders: null }), 'state.orders', 'expected a non-negative safe integer');
    expect(RevenueShare.fromJSON(json({ part: '0', total: '0', orders: 2 })).result().value).toBeNull();
    const dedupe = (entry: unknown): unknown => saved('RevenueShare', { source: 'cross-sell', currency: null, dedupe: true }, { currency: null, part: '10', total: '10', orders: 1, seen: [['o1', 1, entry]] });
    expect(RevenueShare.fromJSON(dedupe(['10', '10'])).result().part.toFixed()).toBe('10');
    refused(RevenueShare, dedupe(['10', '10', '10']), 'state.seen[0][2]', 'expected at most 2 elements, got 3');
    refused(RevenueShare, dedupe(['10']), 'state.seen[0][2]', 'expected [part, total]');
    refused(RevenueShare, dedupe(['11', '10']), 'state.seen[0][2][0]', 'exceeds the total');
    refused(RevenueShare, dedupe(['x', '10']), 'state.seen[0][2][0]', 'expected a canonical decimal string ≥ 0');
    refused(RevenueShare, dedupe(['10', 'x']), 'state.seen[0][2][1]', 'expected a canonical decimal string ≥ 0');
  });

  test('RevenuePerConversion: more conversions than orders, revenue without conversions', () => {
    const json = (state: object): unknown => saved('RevenuePerConversion', { source: 'cross-sell', currency: null, dedupe: false }, { currency: null, revenue: '10', conversions: 1, orders: 1, ...state });
    refused(RevenuePerConversion, json({ conversions: 2 }), 'state.conversions', '2 conversions exceed 1 orders (state.orders)');
    refused(RevenuePerConversion, json({ conversions: 0 }), 'state.revenue', 'expected 0 without conversions');
    refused(RevenuePerConversion, json({ conversions: -1 }), 'state.conversions', 'expected a non-negative safe integer');
    refused(RevenuePerConversion, json({ revenue: '1.50' }), 'state.revenue', 'expected a canonical decimal string ≥ 0');
    expect(RevenuePerConversion.fromJSON(json({ revenue: '0', conversions: 1 })).result().revenue.toFixed()).toBe('0');
  });

  test('TransactionCrossSellRate and AttachRate per order: a part above its whole', () => {
    const tx = (state: object): unknown => saved('TransactionCrossSellRate', { by: 'sku', dedupe: false }, { crossSellOrders: 0, orders: 1, ...state });
    refused(TransactionCrossSellRate, tx({ crossSellOrders: 2 }), 'state.crossSellOrders', '2 cross-sell orders exceed the 1 orders');
    refused(TransactionCrossSellRate, tx({ crossSellOrders: -1 }), 'state.crossSellOrders', 'expected a non-negative safe integer');
    expect(TransactionCrossSellRate.fromJSON(tx({ crossSellOrders: 1 })).result().value).toBe(1);
    const attach = (state: object): unknown => saved('AttachRate', { anchor: { skus: ['A'], categories: [] }, attach: null, per: 'order', dedupe: false }, { attached: 0, anchors: 1, ...state });
    refused(AttachRate, attach({ attached: 2 }), 'state.attached', '2 attached orders exceed the 1 anchor orders');
    refused(AttachRate, attach({ attached: 0.5 }), 'state.attached', 'expected a non-negative safe integer');
    refused(AttachRate, attach({ anchors: -1 }), 'state.anchors', 'expected a non-negative safe integer');
    expect(AttachRate.fromJSON(attach({ attached: 1 })).result().value).toBe(1);
    const perCustomer = (bits: unknown): unknown => saved('AttachRate', { anchor: { skus: ['A'], categories: [] }, attach: null, per: 'customer', dedupe: false }, { customers: [['ann', bits]] });
    for (const bits of [0, 1, 2, 3]) expect(AttachRate.fromJSON(perCustomer(bits)).result().attached).toBe(bits === 3 ? 1 : 0);
    refused(AttachRate, perCustomer(4), 'state.customers[0][1]', 'expected 0, 1, 2 or 3');
    refused(AttachRate, perCustomer(-1), 'state.customers[0][1]', 'expected 0, 1, 2 or 3');
  });

  test('RepeatPurchaseRate: [customerId, orders] pairs, each customer once with an order, orders adding up to at most 2⁵³ − 1', () => {
    const json = (customers: unknown[]): unknown => saved('RepeatPurchaseRate', { dedupe: false }, { customers });
    expect(RepeatPurchaseRate.fromJSON(json([['ann', 2], ['bob', 1]])).result()).toStrictEqual({ value: 0.5, repeatCustomers: 1, customers: 2 });
    refused(RepeatPurchaseRate, json([['ann']]), 'state.customers[0]', 'expected [customerId, orders]');
    refused(RepeatPurchaseRate, json([['ann', 1, 1]]), 'state.customers[0]', 'expected at most 2 elements, got 3');
    refused(RepeatPurchaseRate, json({} as unknown[]), 'state.customers', 'expected an array');
    refused(RepeatPurchaseRate, json([['', 1]]), 'state.customers[0][0]', 'expected a non-empty string');
    refused(RepeatPurchaseRate, json([['ann', 1], ['ann', 2]]), 'state.customers[1][0]', 'customer "ann" appears twice');
    refused(RepeatPurchaseRate, json([['ann', 0]]), 'state.customers[0][1]', 'expected a customer with at least one order');
    refused(RepeatPurchaseRate, json([['ann', 1.5]]), 'state.customers[0][1]', 'expected a non-negative safe integer');
    refused(RepeatPurchaseRate, json([['ann', Number.MAX_SAFE_INTEGER], ['bob', 1]]), 'state.customers[1][1]', `the customers' orders add up to more than ${Number.MAX_SAFE_INTEGER} (2^53 − 1)`);
    const seen = saved('RepeatPurchaseRate', { dedupe: true }, { customers: [['ann', 1]], seen: [['o1', 1, 'ann', 0]] });
    refused(RepeatPurchaseRate, seen, 'state.seen[0][3]', 'expected null: an order keeps nothing beyond its customer');
  });

  test('CustomerLifetimeValue: customers and returns at their paths; a return worth nothing', () => {
    const json = (state: object): unknown => saved('CustomerLifetimeValue', { currency: null, dedupe: false, netOfReturns: true }, { currency: null, customers: [['ann', '10']], returns: [['ann', '4']], ...state });
    expect(CustomerLifetimeValue.fromJSON(json({})).result().revenue.toFixed()).toBe('6');
    refused(CustomerLifetimeValue, json({ returns: [['ann', '0']] }), 'state.returns[0][1]', 'expected an amount > 0: a return gives money back');
    expect(CustomerLifetimeValue.fromJSON(json({ customers: [['ann', '0']], returns: [] })).result().revenue.toFixed()).toBe('0');
    refused(CustomerLifetimeValue, json({ customers: [['ann', '-1']] }), 'state.customers[0][1]', 'expected a canonical decimal string ≥ 0');
    refused(CustomerLifetimeValue, json({ returns: [['ann', 'x']] }), 'state.returns[0][1]', 'expected a canonical decimal string ≥ 0');
    refused(CustomerLifetimeValue, json({ customers: [['ann']] }), 'state.customers[0]', 'expected [customerId, revenue]');
    refused(CustomerLifetimeValue, json({ returns: [['ann']] }), 'state.returns[0]', 'expected [customerId, amount]');
    // gross: no returns field
    const gross = saved('CustomerLifetimeValue', { currency: null, dedupe: false, netOfReturns: false }, { currency: null, customers: [['ann', '10']], returns: [] });
    expectKpiError(() => CustomerLifetimeValue.fromJSON(gross), 'INVALID_STATE', 'state.returns');
  });

  test('OfferAcceptanceRate: accepted within offered, offers and offered within 2⁵³ − 1, legacy rows distinct indexes of the offers', () => {
    const json = (state: object): unknown => saved('OfferAcceptanceRate', { kind: null }, { offers: [['f1', 5, true]], accepted: 0, offered: 1, legacy: [], ...state });
    expect(OfferAcceptanceRate.fromJSON(json({})).result()).toStrictEqual({ value: 0.5, accepted: 1, offered: 2 });
    refused(OfferAcceptanceRate, json({ accepted: 2 }), 'state.accepted', 'exceeds offered');
    refused(OfferAcceptanceRate, json({ accepted: -1 }), 'state.accepted', 'expected a non-negative safe integer');
    refused(OfferAcceptanceRate, json({ offered: 'x' }), 'state.offered', 'expected a non-negative safe integer');
    refused(OfferAcceptanceRate, json({ offered: Number.MAX_SAFE_INTEGER }), 'state.offered', 'with the offers, exceeds the largest safe integer');
    refused(OfferAcceptanceRate, json({ offers: [['f1', 5]] }), 'state.offers[0]', 'expected [offerId, fingerprint, accepted]');
    refused(OfferAcceptanceRate, json({ offers: [['f1', -5, true]] }), 'state.offers[0][1]', 'expected a non-negative safe integer');
    refused(OfferAcceptanceRate, json({ offers: [['f1', 5, 1]] }), 'state.offers[0][2]', 'expected true or false');
    expect(OfferAcceptanceRate.fromJSON(json({ legacy: [0] })).result().offered).toBe(2);
    refused(OfferAcceptanceRate, json({ legacy: [1] }), 'state.legacy', 'expected distinct indexes of state.offers');
    refused(OfferAcceptanceRate, json({ offers: [['f1', 5, true], ['f2', 6, false]], legacy: [0, 0] }), 'state.legacy', 'expected distinct indexes of state.offers');
    refused(OfferAcceptanceRate, json({ legacy: [0, 0] }), 'state.legacy', 'expected at most 1 elements, got 2');
    refused(OfferAcceptanceRate, json({ legacy: [-1] }), 'state.legacy[0]', 'expected a non-negative safe integer');
  });
});

describe('counts refuse to pass 2⁵³ − 1, changing nothing (defect 3)', () => {
  const full = Number.MAX_SAFE_INTEGER;
  const cases: { name: string; Class: Restorable; state: object; options: object }[] = [
    { name: 'AverageOrderValue', Class: AverageOrderValue, options: { currency: null, dedupe: false }, state: { revenue: '0', squares: '0', orders: full, currency: null } },
    { name: 'NetRevenue', Class: NetRevenue, options: { currency: null, dedupe: false }, state: { grossRevenue: '0', orders: full, returns: '0', returnCount: 0, currency: null } },
    { name: 'RevenueShare', Class: RevenueShare, options: { source: 'cross-sell', currency: null, dedupe: false }, state: { part: '0', total: '0', orders: full, currency: null } },
    { name: 'RevenuePerConversion', Class: RevenuePerConversion, options: { source: 'cross-sell', currency: null, dedupe: false }, state: { revenue: '0', conversions: 0, orders: full, currency: null } },
  ];
  for (const { name, Class, state, options } of cases) {
    test(`${name}: add and merge at the bound are INVALID_NUMBER at orders`, () => {
      const restored = Class.fromJSON(saved(name, options, state)) as unknown as { add(order: Order): unknown; merge(other: unknown): unknown; toJSON(): unknown };
      const before = JSON.stringify(restored.toJSON());
      const added = expectKpiError(() => restored.add(order), 'INVALID_NUMBER', 'orders');
      expect(added.message).toContain('orders');
      expect(JSON.stringify(restored.toJSON())).toBe(before);
      const one = Class.fromJSON(saved(name, options, { ...state, orders: 1 }));
      expectKpiError(() => restored.merge(one), 'INVALID_NUMBER', 'orders');
      expect(JSON.stringify(restored.toJSON())).toBe(before);
      // one below the bound: the last order still counts
      const below = Class.fromJSON(saved(name, options, { ...state, orders: full - 1 })) as unknown as { add(order: Order): unknown; toJSON(): { state: { orders: number } } };
      below.add(order);
      expect(below.toJSON().state.orders).toBe(full);
    });
  }

  test('NetRevenue: returns at the bound', () => {
    const json = saved('NetRevenue', { currency: null, dedupe: false }, { grossRevenue: '0', orders: 0, returns: '1', returnCount: full, currency: null });
    const restored = NetRevenue.fromJSON(json);
    const other = NetRevenue.fromJSON(saved('NetRevenue', { currency: null, dedupe: false }, { grossRevenue: '0', orders: 0, returns: '1', returnCount: 1, currency: null }));
    const before = JSON.stringify(restored.toJSON());
    expectKpiError(() => restored.merge(other), 'INVALID_NUMBER', 'returns');
    expect(JSON.stringify(restored.toJSON())).toBe(before);
  });
});
