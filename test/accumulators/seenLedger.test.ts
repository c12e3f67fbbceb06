import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { AverageOrderValue, CrossSellRate, CustomerLifetimeValue, NetRevenue, RepeatPurchaseRate, type AccumulatorJSON } from 'xsell-kpi';
import { refusal } from '../support/refusal.js';

/**
 * The de-duplication ledger of a saved state (`seen`, `seenReturns`) and the conflicts of
 * re-delivered events: every refusal with its code, path and whole message. A per-customer KPI
 * (CustomerLifetimeValue, net of returns) and an order-level one (NetRevenue) write different
 * layouts, so each is checked in both.
 */

type State = Record<string, unknown> & { seen: unknown[][]; seenReturns: unknown[][] };

const order = (orderId: string, customerId: string | null, unitPrice = '10') => ({
  orderId,
  customerId,
  timestamp: '2026-11-02T10:00:00Z',
  currency: 'EUR',
  lines: [{ sku: 'A', quantity: 1, unitPrice }],
});
const refund = (returnId: string, orderId: string, customerId: string | null, amount = '4') => ({
  type: 'return' as const,
  returnId,
  orderId,
  customerId,
  timestamp: '2026-11-03T10:00:00Z',
  currency: 'EUR',
  amount,
});

const perCustomer = (): CustomerLifetimeValue =>
  new CustomerLifetimeValue({ currency: 'EUR', dedupe: true, netOfReturns: true }).addAll([order('o1', 'ann'), order('o2', null), refund('r1', 'o1', 'ann'), refund('r2', 'o2', null)]);
const perOrder = (): NetRevenue => new NetRevenue({ currency: 'EUR', dedupe: true }).addAll([order('o1', 'ann'), order('o2', null), refund('r1', 'o1', 'ann')]);

/** The accumulator's JSON with its state edited. */
function edited(acc: { toJSON(): AccumulatorJSON }, edit: (state: State) => void): unknown {
  const json = JSON.parse(JSON.stringify(acc.toJSON())) as { state: State };
  edit(json.state);
  return json;
}

const lastOf = (entry: unknown[]): number => entry.length - 1;

describe('fromJSON refuses a ledger that contradicts itself or the totals', () => {
  const cases: [name: string, run: () => unknown, path: string, detail: string][] = [
    ['an order entry of the wrong length (per customer)', () => CustomerLifetimeValue.fromJSON(edited(perCustomer(), (s) => s.seen[0]!.pop())), 'state.seen[0]', 'expected 4 elements: [orderId, fingerprint, customerId, contribution]'],
    ['an order entry of the wrong length (per order)', () => NetRevenue.fromJSON(edited(perOrder(), (s) => s.seen[0]!.pop())), 'state.seen[0]', 'expected 3 elements: [orderId, fingerprint, contribution]'],
    ['an order twice', () => CustomerLifetimeValue.fromJSON(edited(perCustomer(), (s) => (s.seen[1]![0] = s.seen[0]![0]))), 'state.seen[1][0]', 'order "o1" appears twice'],
    ['a guest order that adds to a customer', () => CustomerLifetimeValue.fromJSON(edited(perCustomer(), (s) => (s.seen[1]![3] = '10'))), 'state.seen[1][3]', 'expected null: a guest order adds nothing to a figure per customer'],
    ['a return entry of the wrong length (per customer)', () => CustomerLifetimeValue.fromJSON(edited(perCustomer(), (s) => s.seenReturns[0]!.pop())), 'state.seenReturns[0]', 'expected [returnId, fingerprint, customerId, amount]'],
    ['a return entry of the wrong length (per order)', () => NetRevenue.fromJSON(edited(perOrder(), (s) => s.seenReturns[0]!.pop())), 'state.seenReturns[0]', 'expected [returnId, fingerprint, amount]'],
    ['a return twice', () => CustomerLifetimeValue.fromJSON(edited(perCustomer(), (s) => (s.seenReturns[1]![0] = s.seenReturns[0]![0]))), 'state.seenReturns[1][0]', 'return "r1" appears twice'],
    ['a return of nothing', () => NetRevenue.fromJSON(edited(perOrder(), (s) => (s.seenReturns[0]![lastOf(s.seenReturns[0]!)] = '0'))), 'state.seenReturns[0][2]', 'expected an amount > 0'],
    ['a return of a customer the totals do not know', () => CustomerLifetimeValue.fromJSON(edited(perCustomer(), (s) => (s.seenReturns[0]![2] = 'bob'))), 'state.seenReturns[0][2]', 'customer "bob" has no entry in the totals'],
    ['returns that do not add up to the totals', () => NetRevenue.fromJSON(edited(perOrder(), (s) => (s.seenReturns[0]![lastOf(s.seenReturns[0]!)] = '5'))), 'state.seen', "the orders' and returns' contributions do not add up to the totals"],
    ['a return id that is not a string', () => NetRevenue.fromJSON(edited(perOrder(), (s) => (s.seenReturns[0]![0] = 5))), 'state.seenReturns[0][0]', 'expected a non-empty string'],
    ['a return fingerprint that is not a count', () => NetRevenue.fromJSON(edited(perOrder(), (s) => (s.seenReturns[0]![1] = -1))), 'state.seenReturns[0][1]', 'expected a non-negative safe integer'],
    ['returns that are not a list', () => NetRevenue.fromJSON(edited(perOrder(), (s) => (s.seenReturns = 5 as never))), 'state.seenReturns', 'expected an array'],
    ['a currency that is not a code', () => NetRevenue.fromJSON(edited(perOrder(), (s) => (s['currency'] = 'eur'))), 'state.currency', 'expected an ISO 4217 code or null'],
  ];
  test.each(cases)('%s', (_, run, path, detail) => {
    expect(refusal(run)).toStrictEqual(['INVALID_STATE', path, `[xsell-kpi] INVALID_STATE at ${path}: ${detail}`]);
  });

  test('the states themselves load and write themselves back', () => {
    for (const acc of [perCustomer(), perOrder()]) {
      const json = JSON.stringify(acc.toJSON());
      const Class = acc instanceof NetRevenue ? NetRevenue : CustomerLifetimeValue;
      expect(JSON.stringify(Class.fromJSON(JSON.parse(json)).toJSON())).toBe(json);
    }
  });
});

describe('re-delivered events with other content, and what is not an event', () => {
  const fresh = (): NetRevenue => new NetRevenue({ currency: 'EUR', dedupe: true });
  test('orders and returns, added and merged, name what they are', () => {
    const orderConflict = ['CONFLICTING_DUPLICATE', 'orderId', '[xsell-kpi] CONFLICTING_DUPLICATE at orderId: order "o1" was already added with different content'];
    const returnConflict = ['CONFLICTING_DUPLICATE', 'returnId', '[xsell-kpi] CONFLICTING_DUPLICATE at returnId: return "r1" was already added with different content'];
    expect(refusal(() => fresh().add(order('o1', 'ann')).add(order('o1', 'ann', '11')))).toStrictEqual(orderConflict);
    expect(refusal(() => fresh().add(order('o1', 'ann')).merge(fresh().add(order('o1', 'ann', '11'))))).toStrictEqual(orderConflict);
    expect(refusal(() => fresh().add(refund('r1', 'o1', 'ann')).add(refund('r1', 'o1', 'ann', '5')))).toStrictEqual(returnConflict);
    expect(refusal(() => fresh().add(refund('r1', 'o1', 'ann')).merge(fresh().add(refund('r1', 'o1', 'ann', '5'))))).toStrictEqual(returnConflict);
  });
  test('an event or a state whose reading throws names which it was', () => {
    const boom = (): never => {
      throw new Error('boom');
    };
    const hostile = new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom });
    expect(refusal(() => fresh().add(hostile as never))).toStrictEqual(['INVALID_EVENT', '', '[xsell-kpi] INVALID_EVENT: reading the event threw Error: boom']);
    const state = { kind: 'NetRevenue', version: 3, options: { currency: 'EUR', dedupe: true }, state: hostile };
    expect(refusal(() => NetRevenue.fromJSON(state))).toStrictEqual(['INVALID_STATE', '', '[xsell-kpi] INVALID_STATE: reading the state threw Error: boom']);
  });
  test('null and a string are not orders (nor returns)', () => {
    expect(refusal(() => fresh().add(null as never))).toStrictEqual(['INVALID_EVENT', '', '[xsell-kpi] INVALID_EVENT: expected an order object, got null']);
    expect(refusal(() => fresh().add('return' as never))).toStrictEqual(['INVALID_EVENT', '', '[xsell-kpi] INVALID_EVENT: expected an order object, got string']);
  });
});

describe('version 2: the rows of `seen` with version 1 fingerprints (`legacy`)', () => {
  const saved = (legacy: unknown): unknown => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/v2/AverageOrderValue.json', import.meta.url), 'utf8')) as { state: { state: Record<string, unknown> } };
    fixture.state.state['legacy'] = legacy;
    return fixture.state;
  };
  test('are distinct rows of the ledger, and kept', () => {
    const distinct = ['INVALID_STATE', 'state.legacy', '[xsell-kpi] INVALID_STATE at state.legacy: expected distinct indexes of state.seen'];
    expect(refusal(() => AverageOrderValue.fromJSON(saved([0, 0])))).toStrictEqual(distinct);
    expect(refusal(() => AverageOrderValue.fromJSON(saved([5])))).toStrictEqual(distinct);
    expect(refusal(() => AverageOrderValue.fromJSON(saved([-1])))).toStrictEqual(['INVALID_STATE', 'state.legacy[0]', '[xsell-kpi] INVALID_STATE at state.legacy[0]: expected a non-negative safe integer']);
    expect(refusal(() => AverageOrderValue.fromJSON(saved('x')))).toStrictEqual(['INVALID_STATE', 'state.legacy', '[xsell-kpi] INVALID_STATE at state.legacy: expected an array']);
    expect((AverageOrderValue.fromJSON(saved([4])).toJSON().state as { legacy?: unknown }).legacy).toStrictEqual([4]);
  });
});

describe('the ledger past its first eight rows, where its columns grow', () => {
  test('every order and return keeps its fingerprint and customer: re-deliveries pass, the state reads back', () => {
    const events = Array.from({ length: 20 }, (_, index) => [order(`o${index}`, `c${index}`, `${index + 10}`), refund(`r${index}`, `o${index}`, `c${index}`, `${index + 1}`)]).flat();
    const acc = new CustomerLifetimeValue({ currency: 'EUR', dedupe: true, netOfReturns: true }).addAll(events);
    const before = JSON.stringify(acc.toJSON());
    acc.addAll(events);
    expect(JSON.stringify(acc.toJSON())).toBe(before);
    const state = acc.toJSON().state as State;
    expect(state.seen.map((entry) => entry[2])).toStrictEqual(Array.from({ length: 20 }, (_, index) => `c${index}`));
    expect(state.seenReturns.map((entry) => entry[2])).toStrictEqual(Array.from({ length: 20 }, (_, index) => `c${index}`));
    expect(JSON.stringify(CustomerLifetimeValue.fromJSON(JSON.parse(before)).addAll(events).toJSON())).toBe(before);
  });
});

describe("a guest's return is outside a figure per customer, currency included", () => {
  test('per customer, a guest refund in another currency neither counts nor fixes the currency', () => {
    const acc = new CustomerLifetimeValue({ currency: null, netOfReturns: true }).add({ ...refund('r1', 'o9', null), currency: 'USD' }).add(order('o1', 'ann'));
    expect(acc.result().currency).toBe('EUR');
  });
  test("per order, a guest's refund counts and must be in the orders' currency", () => {
    const acc = new NetRevenue({ currency: null }).add(order('o1', 'ann'));
    expect(refusal(() => acc.add({ ...refund('r1', 'o1', null), currency: 'USD' }))).toStrictEqual([
      'MIXED_CURRENCY',
      'currency',
      '[xsell-kpi] MIXED_CURRENCY at currency: return "r1" is in USD, earlier events in EUR',
    ]);
  });
});

describe('what is not an event, for a KPI that reads returns', () => {
  test('undefined is refused as an order, not as a failed read', () => {
    expect(refusal(() => new NetRevenue({ currency: 'EUR' }).add(undefined as never))).toStrictEqual(['INVALID_EVENT', '', '[xsell-kpi] INVALID_EVENT: expected an order object, got undefined']);
  });
});

describe('the ledger of a saved state, field by field', () => {
  const fixture = (version: number, name: string): { kind: string; version: number; options: object; state: State } =>
    (JSON.parse(readFileSync(new URL(`../fixtures/v${version}/${name}.json`, import.meta.url), 'utf8')) as { state: { kind: string; version: number; options: object; state: State } }).state;
  const withState = (version: number, name: string, edit: (state: State) => void): unknown => {
    const json = fixture(version, name);
    edit(json.state);
    return json;
  };
  const refused = (path: string, detail: string): [string, string, string] => ['INVALID_STATE', path, `[xsell-kpi] INVALID_STATE at ${path}: ${detail}`];

  test('version 1 entries that are not [orderId, fingerprint, contribution] are refused, not migrated', () => {
    expect(refusal(() => RepeatPurchaseRate.fromJSON(withState(1, 'RepeatPurchaseRate', (s) => (s.seen[0] = null as never))))).toStrictEqual(refused('state.seen[0]', 'expected an array'));
    expect(refusal(() => RepeatPurchaseRate.fromJSON(withState(1, 'RepeatPurchaseRate', (s) => s.seen[0]!.push('extra'))))).toStrictEqual(refused('state.seen[0][3]', 'expected null: an order keeps nothing beyond its customer'));
  });

  test('`legacy` belongs to versions 2 and 3, and to a ledger', () => {
    expect(refusal(() => AverageOrderValue.fromJSON(withState(1, 'AverageOrderValue', (s) => (s['legacy'] = []))))).toStrictEqual(refused('state.legacy', 'unexpected field'));
    expect(refusal(() => AverageOrderValue.fromJSON(withState(3, 'AverageOrderValue-eur-nodedupe', (s) => (s['legacy'] = []))))).toStrictEqual(refused('state.legacy', 'unexpected field'));
  });

  test('each entry of `seen` and its fields', () => {
    expect(refusal(() => AverageOrderValue.fromJSON(withState(3, 'AverageOrderValue', (s) => (s.seen = 5 as never))))).toStrictEqual(refused('state.seen', 'expected an array'));
    expect(refusal(() => AverageOrderValue.fromJSON(withState(3, 'AverageOrderValue', (s) => (s.seen[1]![0] = ''))))).toStrictEqual(refused('state.seen[1][0]', 'expected a non-empty string'));
    expect(refusal(() => AverageOrderValue.fromJSON(withState(3, 'AverageOrderValue', (s) => (s.seen[1]![1] = 1.5))))).toStrictEqual(refused('state.seen[1][1]', 'expected a non-negative safe integer'));
    // A fold that keeps neither customers nor contributions: two elements.
    expect(refusal(() => CrossSellRate.fromJSON(withState(3, 'CrossSellRate', (s) => s.seen[0]!.pop())))).toStrictEqual(refused('state.seen[0]', 'expected 2 elements: [orderId, fingerprint]'));
  });

  test('a guest (customer null) exists from version 3 on', () => {
    expect(refusal(() => CustomerLifetimeValue.fromJSON(withState(2, 'CustomerLifetimeValue', (s) => (s.seen[0]![2] = null))))).toStrictEqual(refused('state.seen[0][2]', 'expected a non-empty string'));
  });

  test('`legacy` rows must be rows of `seen`', () => {
    const json = fixture(2, 'AverageOrderValue');
    json.state['legacy'] = [0, json.state.seen.length];
    expect(refusal(() => AverageOrderValue.fromJSON(json))).toStrictEqual(refused('state.legacy', 'expected distinct indexes of state.seen'));
  });
});

describe('merging a version 1 ledger', () => {
  test("an order whose fingerprints are of two versions is taken as the same order, whichever side has which", () => {
    const saved = JSON.parse(readFileSync(new URL('../fixtures/v1/AverageOrderValue.json', import.meta.url), 'utf8')) as { state: AccumulatorJSON; redelivered: unknown };
    const options = saved.state.options as { currency: null; dedupe: true };
    const orders = AverageOrderValue.fromJSON(saved.state).result().orders;
    expect(AverageOrderValue.fromJSON(saved.state).merge(new AverageOrderValue(options).add(saved.redelivered as never)).result().orders).toBe(orders);
    expect(new AverageOrderValue(options).add(saved.redelivered as never).merge(AverageOrderValue.fromJSON(saved.state)).result().orders).toBe(orders);
  });
  test('a re-delivered order saved by version 1 is compared with its version 1 fingerprint', () => {
    const saved = JSON.parse(readFileSync(new URL('../fixtures/v1/AverageOrderValue.json', import.meta.url), 'utf8')) as { state: AccumulatorJSON; redelivered: { channel: string } };
    const acc = AverageOrderValue.fromJSON(saved.state);
    expect(acc.add(saved.redelivered as never).result().orders).toBe(5);
    expect(refusal(() => acc.add({ ...saved.redelivered, channel: 'store' } as never))).toStrictEqual([
      'CONFLICTING_DUPLICATE',
      'orderId',
      '[xsell-kpi] CONFLICTING_DUPLICATE at orderId: order "o1" was already added with different content',
    ]);
  });
});
