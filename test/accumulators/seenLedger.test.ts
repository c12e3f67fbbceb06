import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { AverageOrderValue, CustomerLifetimeValue, NetRevenue, type AccumulatorJSON } from 'xsell-kpi';
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
