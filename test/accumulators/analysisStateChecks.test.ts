// What fromJSON of the Scorecard, CoPurchase and CrossSellCohorts refuses across fields (issue 16):
// the parts of a state that contradict each other, each at the path of the offending field with
// its message pinned; and, as properties, that every state these classes write (after merges too)
// still loads and writes itself back unchanged.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CoPurchase, CrossSellCohorts, Scorecard, type CommerceEvent, type CoPurchaseOptions, type Order } from 'xsell-kpi';
import { streamArb } from '../arbitraries/events.js';
import { expectKpiError } from '../support/expectKpiError.js';

interface Restorable {
  fromJSON(json: unknown): unknown;
}

/** Refused: INVALID_STATE at `path`, the message ending with `message`. */
function expectRefused(Class: Restorable, json: unknown, path: string, message: string): void {
  const error = expectKpiError(() => Class.fromJSON(json), 'INVALID_STATE', path);
  expect(error.message.slice(error.message.indexOf(': ') + 2)).toBe(message);
}

/** A Scorecard's saved state, as far as these tests edit it: each cell's KPIs by name. */
interface SavedScorecard {
  cells: [string, number, Record<string, Record<string, unknown>>][];
  groups: string[][];
  offers: [string, number][];
}

/** A deep copy of a saved Scorecard, its state changed by `edit`. */
function edited(json: unknown, edit: (state: SavedScorecard) => void): unknown {
  const copy = JSON.parse(JSON.stringify(json)) as { state: SavedScorecard };
  edit(copy.state);
  return copy;
}

const line = (sku: string, unitPrice: string, source?: 'cross-sell' | 'upsell') => ({ sku, unitPrice, ...(source === undefined ? {} : { source }) });

describe('Scorecard.fromJSON refuses cells, groups and offers that contradict each other', () => {
  // Month 2026-10, by channel: web (ann: two orders, one with two products and a cross-sell line)
  // and store (bob: an upsell order; cy: an order of one product).
  const events: CommerceEvent[] = [
    { orderId: 'o1', customerId: 'ann', channel: 'web', timestamp: '2026-10-05T10:00:00Z', lines: [line('A', '10'), line('B', '5', 'cross-sell')] },
    { orderId: 'o2', customerId: 'ann', channel: 'web', timestamp: '2026-10-06T10:00:00Z', lines: [line('A', '10')] },
    { orderId: 'o3', customerId: 'bob', channel: 'store', timestamp: '2026-10-07T10:00:00Z', lines: [line('C', '20', 'upsell')] },
    { orderId: 'o4', customerId: 'cy', channel: 'store', timestamp: '2026-10-08T10:00:00Z', lines: [line('C', '20')] },
    { type: 'offer', offerId: 'f1', customerId: 'ann', channel: 'web', timestamp: '2026-10-05T09:00:00Z', kind: 'cross-sell', accepted: true },
    { type: 'offer', offerId: 'f2', customerId: 'bob', channel: 'store', timestamp: '2026-10-07T09:00:00Z', kind: 'upsell', accepted: false },
  ];
  const saved = (options: object = {}): unknown => new Scorecard({ grain: 'month', groupBy: ['channel'], dedupe: false, ...options }).addAll(events).toJSON();
  const json = saved();
  const web = 0;
  const store = 1;

  test('the state as written loads, and writes itself back unchanged', () => {
    expect(Scorecard.fromJSON(json).toJSON()).toStrictEqual(json);
    expect(Scorecard.fromJSON(saved({ dedupe: true })).toJSON()).toStrictEqual(saved({ dedupe: true }));
  });

  test('cells spanning more periods than maxPeriods (result() would make a row for each)', () => {
    const days: unknown = new Scorecard({ grain: 'day', maxPeriods: 10, dedupe: false }).addAll(events.slice(0, 2)).toJSON();
    expect(Scorecard.fromJSON(edited(days, (state) => (state.cells[1]![0] = '2026-10-14'))).result()).toHaveLength(10);
    expectRefused(Scorecard, edited(days, (state) => (state.cells[1]![0] = '2026-10-15')), 'state.cells[1][0]', 'the events would span 11 day periods, from 2026-10-05 to 2026-10-15, more than maxPeriods (10); check the timestamp, or raise maxPeriods');
    // the default bound, 10,000 periods: year 1 to 2026 in months is 24,310 of them
    expectRefused(Scorecard, edited(json, (state) => (state.cells[0]![0] = '0001-01')), 'state.cells[1][0]', 'the events would span 24310 month periods, from 0001-01 to 2026-10, more than maxPeriods (10000); check the timestamp, or raise maxPeriods');
  });

  test('a group that no cell has', () => {
    expectRefused(Scorecard, edited(json, (state) => state.groups.push(['mail'])), 'state.groups[2]', 'a group without a cell in state.cells');
  });

  test('a cell without any event (a cell is made by its first event)', () => {
    const visit: CommerceEvent = { type: 'visit', visitorId: 'v1', channel: 'store', timestamp: '2026-10-07T09:00:00Z', converted: false };
    const visited = new Scorecard({ grain: 'month', groupBy: ['channel'], dedupe: false }).addAll([events[0]!, visit]).toJSON();
    expect(Scorecard.fromJSON(visited).toJSON()).toStrictEqual(visited);
    expectRefused(
      Scorecard,
      edited(visited, (state) => (state.cells[store]![2]['conversionRate']!['visitors'] = [])),
      'state.cells[1][2]',
      'a cell without an event (order, return, offer or visit): a cell is made by its first event',
    );
  });

  test('the KPIs of cross-sell and upsell lines count every order of the cell', () => {
    for (const kpi of ['revenuePerCrossSell', 'revenuePerUpsell', 'crossSellRevenueShare']) {
      expectRefused(Scorecard, edited(json, (state) => (state.cells[web]![2][kpi]!['orders'] = 3)), `state.cells[0][2].${kpi}.orders`, 'expected the 2 orders of averageOrderValue');
    }
  });

  test("cross-sell and upsell lines worth more than the orders' revenue", () => {
    const upsell = (revenue: string) => edited(json, (state) => (state.cells[store]![2]['revenuePerUpsell']!['revenue'] = revenue));
    const storeRow = Scorecard.fromJSON(upsell('40'))
      .result()
      .find((row) => row.group['channel'] === 'store');
    expect(storeRow?.revenuePerUpsell.revenue.toFixed()).toBe('40');
    expectRefused(Scorecard, upsell('40.01'), 'state.cells[1][2].revenuePerUpsell.revenue', "with the cross-sell revenue, exceeds the orders' revenue (averageOrderValue)");
  });

  test('upsell orders: at least one per upsold customer, none of a customer not upsold', () => {
    const conversions = 'state.cells[1][2].revenuePerUpsell.conversions';
    const message = "expected 1 to 1 orders with an upsell line: at least one per upsold customer, none of the others' (upsellRate)";
    expectRefused(Scorecard, edited(json, (state) => (state.cells[store]![2]['revenuePerUpsell'] = { revenue: '0', conversions: 0, orders: 2 })), conversions, message);
    expectRefused(Scorecard, edited(json, (state) => (state.cells[store]![2]['revenuePerUpsell'] = { revenue: '20', conversions: 2, orders: 2 })), conversions, message);
  });

  test('orders with two products of customers who bought one product', () => {
    expectRefused(
      Scorecard,
      edited(json, (state) => (state.cells[store]![2]['transactionCrossSellRate']!['crossSellOrders'] = 1)),
      'state.cells[1][2].transactionCrossSellRate.crossSellOrders',
      'expected at most 0 orders with two products: none of a customer who bought one product (crossSellRate)',
    );
  });

  test('offers of the cells against state.offers: missing, in no cell, of another fingerprint, in two cells', () => {
    const offers = (state: SavedScorecard, cell: number, kpi: string): [string, number, boolean][] => state.cells[cell]![2][kpi]!['offers'] as [string, number, boolean][];
    expectRefused(Scorecard, edited(json, (state) => state.offers.shift()), 'state.cells[0][2].crossSellAcceptanceRate.offers[0][0]', 'offer "f1" is not in state.offers');
    expectRefused(Scorecard, edited(json, (state) => state.offers.push(['f9', 1])), 'state.offers[2]', 'offer "f9" is in no cell');
    expectRefused(Scorecard, edited(json, (state) => (state.offers[0]![1] += 1)), 'state.cells[0][2].crossSellAcceptanceRate.offers[0][1]', 'not the fingerprint of offer "f1" in state.offers');
    const twice = 'offer "f1" is in two cells or offer KPIs: an offer is one event';
    expectRefused(Scorecard, edited(json, (state) => offers(state, store, 'crossSellAcceptanceRate').push([...offers(state, web, 'crossSellAcceptanceRate')[0]!])), 'state.cells[1][2].crossSellAcceptanceRate.offers[0][0]', twice);
    expectRefused(Scorecard, edited(json, (state) => offers(state, web, 'upsellAcceptanceRate').push([...offers(state, web, 'crossSellAcceptanceRate')[0]!])), 'state.cells[0][2].upsellAcceptanceRate.offers[0][0]', twice);
    // Version 1 fingerprints are never compared (a merge takes such an offer as the same one): not refused.
    const legacy = edited(json, (state) => {
      offers(state, store, 'crossSellAcceptanceRate').push([...offers(state, web, 'crossSellAcceptanceRate')[0]!]);
      state.cells[store]![2]['crossSellAcceptanceRate']!['legacy'] = [0];
    });
    expect(Scorecard.fromJSON(legacy).toJSON()).toStrictEqual(legacy);
  });
});

describe('CoPurchase.fromJSON refuses pairs that the products cannot make', () => {
  const header = (state: object, options: CoPurchaseOptions = { dedupe: false }): unknown => ({ kind: 'CoPurchase', version: 3, options: { by: 'sku', mode: 'exact', ...options }, state });
  const bounded: CoPurchaseOptions = { mode: 'bounded', capacity: 2, dedupe: false };

  test('exact: the pair counts add up to what the orders of the products make', () => {
    // {tea, cups, milk}, {tea, cups}, {milk}: extra products 2 + 1, pairs 3 + 1
    const three = { orders: 3, products: [['tea', 2], ['cups', 2], ['milk', 2]] };
    expect(CoPurchase.fromJSON(header({ ...three, pairs: [['cups', 'tea', 2], ['milk', 'tea', 1], ['cups', 'milk', 1]] })).result().pairs).toHaveLength(3);
    expectRefused(CoPurchase, header({ ...three, pairs: [['cups', 'tea', 2], ['milk', 'tea', 2], ['cups', 'milk', 1]] }), 'state.pairs', "the pair counts add up to 5, but the products' orders (state.products) make 3 to 4 pair occurrences");
    expectRefused(CoPurchase, header({ orders: 4, products: [['tea', 3], ['cups', 2], ['milk', 1]], pairs: [['cups', 'tea', 1]] }), 'state.pairs', "the pair counts add up to 1, but the products' orders (state.products) make 2 to 3 pair occurrences");
    // an order of two products, and no pair
    expectRefused(CoPurchase, header({ orders: 1, products: [['tea', 1], ['cups', 1]], pairs: [] }), 'state.pairs', "the pair counts add up to 0, but the products' orders (state.products) make 1 to 1 pair occurrences");
  });

  test('exact: two products that must share an order have a pair', () => {
    // tea and cups are in 2 of 3 orders each: together in at least one
    expectRefused(
      CoPurchase,
      header({ orders: 3, products: [['tea', 2], ['cups', 2], ['milk', 2]], pairs: [['milk', 'tea', 2], ['cups', 'milk', 1]] }),
      'state.pairs',
      'expected the pair "cups", "tea": they share at least 1 orders (n(a) + n(b) − orders), more than 0',
    );
  });

  test('bounded: occurrences that the orders of the products make; counters the products allow; pairs above the floor stored', () => {
    // what capacity 2 makes of {tea, cups, milk}, {tea, cups}, {tea}, {sugar}
    const ok = { orders: 4, products: [['tea', 3], ['cups', 2], ['milk', 1], ['sugar', 1]], pairs: [['cups', 'tea', 2], ['cups', 'milk', 2]], occurrences: 4, floor: 1 };
    expect(CoPurchase.fromJSON(header(ok, bounded)).result().maxError).toBe(1);
    expectRefused(CoPurchase, header({ ...ok, occurrences: 7 }, bounded), 'state.occurrences', "expected 3 to 6: the pair occurrences the products' orders (state.products) make");
    // tea, cups and milk in both orders: 6 pair occurrences, and every pair twice, above a floor of 0
    const both = { orders: 2, products: [['tea', 2], ['cups', 2], ['milk', 2]], pairs: [], floor: 0 };
    expectRefused(CoPurchase, header({ ...both, occurrences: 3 }, bounded), 'state.occurrences', "expected 4 to 6: the pair occurrences the products' orders (state.products) make");
    expectRefused(CoPurchase, header({ ...both, occurrences: 6 }, bounded), 'state.pairs', 'expected the pair "cups", "tea": they share at least 2 orders (n(a) + n(b) − orders), more than 0');
    const counter = "expected at most state.floor above either product's orders, with n(a) + n(b) − count ≤ orders";
    // u − floor ≤ true count ≤ n(milk) = 1
    expectRefused(CoPurchase, header({ ...ok, pairs: [['cups', 'tea', 2], ['cups', 'milk', 3]], occurrences: 5 }, bounded), 'state.pairs[1][2]', counter);
    // u ≥ true count ≥ n(tea) + n(cups) − orders = 2
    expectRefused(CoPurchase, header({ orders: 2, products: [['tea', 2], ['cups', 2]], pairs: [['cups', 'tea', 1]], occurrences: 2, floor: 0 }, bounded), 'state.pairs[0][2]', counter);
  });

  const orders = streamArb({ maxLength: 24, maxLines: 5 }).filter((stream): stream is Order[] => stream.length > 0);
  const modes: CoPurchaseOptions[] = [{ dedupe: false }, { dedupe: false, mode: 'bounded', capacity: 2 }, { dedupe: false, mode: 'bounded', capacity: 5 }, {}];
  test('every state CoPurchase writes loads and writes itself back, also after merging workers', () => {
    fc.assert(
      fc.property(orders, fc.constantFrom(...modes), fc.integer({ min: 1, max: 3 }), (stream, options, workers) => {
        const parts = Array.from({ length: workers }, () => new CoPurchase(options));
        stream.forEach((order, index) => parts[index % workers]!.add(order));
        const merged = parts.reduce((into, part) => into.merge(part));
        const json = merged.toJSON();
        expect(CoPurchase.fromJSON(json).toJSON()).toStrictEqual(json);
      }),
      { numRuns: 150 },
    );
  });
});

describe('CrossSellCohorts.fromJSON refuses an empty SKU (SKUs are never empty)', () => {
  const header = (by: 'sku' | 'category', state: object, dedupe = false): unknown => ({ kind: 'CrossSellCohorts', version: 3, options: { by, minDistinct: 3, currency: null, dedupe }, state: { currency: null, ...state } });
  test('in the totals and in an order kept for de-duplication; a category may be empty', () => {
    expectRefused(CrossSellCohorts, header('sku', { customers: [['ann', ['A', ''], '10', 1]] }), 'state.customers[0][1][1]', 'expected a non-empty string');
    expect(CrossSellCohorts.fromJSON(header('category', { customers: [['ann', ['shoes', ''], '10', 1]] })).result().other.customers).toBe(1);
    const kept = header('sku', { customers: [['ann', ['A'], '10', 1]], seen: [['o1', 1, 'ann', [[''], '10']]] }, true);
    expectRefused(CrossSellCohorts, kept, 'state.seen[0][3][0][0]', 'expected a non-empty string');
  });
});
