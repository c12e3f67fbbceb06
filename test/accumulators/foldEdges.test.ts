// Edges of the per-customer folds that the property tests' small pools do not reach (mutation
// testing, docs/mutation.md): the messages of their state entries and options, a customer's first
// flag at a row far past an array's capacity, a hundred flagged customers, a merge whose new
// customers land past this side's capacity, and version 1 contributions of the wrong shape.
import { describe, expect, test } from 'vitest';
import { AttachRate, ConversionRate, CrossSellRate, CustomerLifetimeValue, UpsellRate, type KpiError, type Order, type Return } from 'xsell-kpi';
import { IdTable } from '../../src/_internal/idTable.js';
import { createOrderView, readOrder } from '../../src/_internal/orderView.js';
import { AttachRateFold, attachRateSettings } from '../../src/kpis/attachRate/fold.js';
import { expectKpiError } from '../support/expectKpiError.js';

/** The message after `[xsell-kpi] CODE at path: `. */
const detail = (error: KpiError): string => error.message.slice(error.message.indexOf(': ') + 2);

interface Restorable {
  fromJSON(json: unknown): unknown;
}

/** `fromJSON` refuses `json`: INVALID_STATE at `path`, with `message`. */
function expectRefused(Class: Restorable, json: unknown, path: string, message: string): void {
  expect(detail(expectKpiError(() => Class.fromJSON(json), 'INVALID_STATE', path))).toBe(message);
}

const saved = (kind: string, options: object, state: object, version = 3): unknown => ({ kind, version, options, state });

const order = (orderId: string, customerId: string, skus: readonly string[], source: 'organic' | 'upsell' = 'organic'): Order => ({
  orderId,
  customerId,
  timestamp: '2026-01-05T10:00:00Z',
  lines: skus.map((sku) => ({ sku, unitPrice: '10', source })),
});
const ids = (count: number, prefix: string): string[] => Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(3, '0')}`);

/** The restored accumulator's result and state equal the original's. */
function roundTrips(accumulator: { result(): unknown; toJSON(): unknown }, Class: { fromJSON(json: unknown): { result(): unknown; toJSON(): unknown } }): void {
  const restored = Class.fromJSON(JSON.parse(JSON.stringify(accumulator)));
  expect(restored.result()).toStrictEqual(accumulator.result());
  expect(restored.toJSON()).toStrictEqual(accumulator.toJSON());
}

describe('state entries: the layout and the duplicate in the message', () => {
  test('ConversionRate: [visitorId, converted], each visitor once', () => {
    const json = (visitors: unknown[]): unknown => saved('ConversionRate', {}, { visitors });
    expectRefused(ConversionRate, json([['ann']]), 'state.visitors[0]', 'expected [visitorId, converted]');
    expectRefused(ConversionRate, json([['ann', true], ['ann', false]]), 'state.visitors[1][0]', 'visitor "ann" appears twice');
    expectRefused(ConversionRate, json([['ann', 'yes']]), 'state.visitors[0][1]', 'expected true or false');
  });

  test('UpsellRate: [customerId, upsold], each customer once', () => {
    const json = (customers: unknown[]): unknown => saved('UpsellRate', { dedupe: false }, { customers });
    expectRefused(UpsellRate, json([['ann']]), 'state.customers[0]', 'expected [customerId, upsold]');
    expectRefused(UpsellRate, json([['ann', true], ['ann', true]]), 'state.customers[1][0]', 'customer "ann" appears twice');
  });

  test('CrossSellRate: [customerId, products], each customer once, the products at [1]', () => {
    const json = (customers: unknown[]): unknown => saved('CrossSellRate', { by: 'sku', minDistinct: 3, dedupe: false }, { customers });
    expectRefused(CrossSellRate, json([['ann']]), 'state.customers[0]', 'expected [customerId, products]');
    expectRefused(CrossSellRate, json([['ann', true], ['ann', ['A']]]), 'state.customers[1][0]', 'customer "ann" appears twice');
    expectKpiError(() => CrossSellRate.fromJSON(json([['ann', 'A']])), 'INVALID_STATE', 'state.customers[0][1]');
    expectKpiError(() => CrossSellRate.fromJSON(json([['bob', true], ['ann', [1]]])), 'INVALID_STATE', 'state.customers[1][1][0]');
  });

  test('AttachRate per customer: [customerId, bits], each customer once', () => {
    const json = (customers: unknown[]): unknown => saved('AttachRate', { anchor: { skus: ['A'], categories: [] }, attach: null, per: 'customer', dedupe: false }, { customers });
    expectRefused(AttachRate, json([['ann']]), 'state.customers[0]', 'expected [customerId, bits]');
    expectRefused(AttachRate, json([['ann', 1], ['ann', 3]]), 'state.customers[1][0]', 'customer "ann" appears twice');
  });
});

describe('options', () => {
  test('ConversionRate takes none: any option is unknown', () => {
    for (const name of ['dedupe', 'currency', 'Stryker was here']) {
      expect(detail(expectKpiError(() => new ConversionRate({ [name]: true } as never), 'INVALID_OPTION', name))).toBe('unknown option; expected no options');
    }
    expect(detail(expectKpiError(() => new UpsellRate({ by: 'sku' } as never), 'INVALID_OPTION', 'by'))).toBe('unknown option; expected one of dedupe');
  });

  test('AttachRate needs an anchor that lists something', () => {
    for (const anchor of [{}, { skus: [] }, { skus: [], categories: [] }]) {
      expect(detail(expectKpiError(() => new AttachRate({ anchor }), 'INVALID_OPTION', 'anchor'))).toBe('expected at least one anchor sku or category');
    }
    expect(new AttachRate({ anchor: { categories: ['x'] } }).result().anchors).toBe(0);
  });
});

describe('flags far past a typed array’s capacity', () => {
  test('UpsellRate: the first upsell at the 21st customer, then at the 300th, kept, written and merged', () => {
    const quiet = ids(300, 'c').map((customer) => order(`${customer}-o`, customer, ['A']));
    const accumulator = new UpsellRate().addAll(quiet.slice(0, 20)).add(order('late-1', 'c020', ['A'], 'upsell'));
    accumulator.addAll(quiet.slice(20)).add(order('late-2', 'c299', ['A'], 'upsell'));
    expect(accumulator.result()).toStrictEqual({ value: 2 / 300, upsoldCustomers: 2, customers: 300 });
    const written = (accumulator.toJSON().state as { customers: [string, boolean][] }).customers;
    expect(written.filter(([, upsold]) => upsold).map(([customer]) => customer)).toStrictEqual(['c020', 'c299']);
    roundTrips(accumulator, UpsellRate);
    // merged into a side that has seen 3 of them: the flags move to rows 2 and 298 there
    const merged = new UpsellRate().addAll([quiet[5]!, quiet[1]!, quiet[0]!]).merge(accumulator);
    expect(merged.result()).toStrictEqual({ value: 2 / 300, upsoldCustomers: 2, customers: 300 });
    expect((merged.toJSON().state as { customers: [string, boolean][] }).customers.filter(([, upsold]) => upsold).map(([customer]) => customer)).toStrictEqual(['c020', 'c299']);
  });

  test('UpsellRate: a hundred upsold customers, one after the other', () => {
    const orders = ids(100, 'u').map((customer) => order(`${customer}-o`, customer, ['A'], 'upsell'));
    const accumulator = new UpsellRate().addAll(orders);
    expect(accumulator.result()).toStrictEqual({ value: 1, upsoldCustomers: 100, customers: 100 });
    roundTrips(accumulator, UpsellRate);
  });

  test('AttachRate per customer: a merge whose only buyer of both lands at row 37 of a side with room for 8', () => {
    const options = { anchor: { skus: ['A'] }, attach: { skus: ['B'] } };
    const here = new AttachRate(options).addAll(ids(8, 'h').map((customer) => order(`${customer}-o`, customer, ['C'])));
    const there = new AttachRate(options).addAll([...ids(29, 't').map((customer) => order(`${customer}-o`, customer, ['C'])), order('both', 'zed', ['A', 'B'])]);
    here.merge(there);
    expect(here.result()).toStrictEqual({ value: 1, attached: 1, anchors: 1 });
    const written = (here.toJSON().state as { customers: [string, number][] }).customers;
    expect(written).toHaveLength(38);
    expect(written.filter(([, bits]) => bits !== 0)).toStrictEqual([['zed', 3]]);
    roundTrips(here, AttachRate);
  });

  test('AttachRate per customer: a customer who buys both twice is attached once; per order, twice', () => {
    const orders = [order('o1', 'ann', ['A', 'B']), order('o2', 'ann', ['B', 'A']), order('o3', 'bob', ['A'])];
    expect(AttachRate.of(orders, { anchor: { skus: ['A'] } })).toStrictEqual({ value: 0.5, attached: 1, anchors: 2 });
    expect(AttachRate.of(orders, { anchor: { skus: ['A'] }, per: 'order' })).toStrictEqual({ value: 2 / 3, attached: 2, anchors: 3 });
    // anchor by category: a line without a category never matches one
    const byCategory = [order('o4', 'cy', ['X']), { ...order('o5', 'dee', ['Y']), lines: [{ sku: 'Y', unitPrice: '1', category: 'cat' }] }];
    expect(AttachRate.of(byCategory, { anchor: { categories: ['cat'] } })).toStrictEqual({ value: 0, attached: 0, anchors: 1 });
  });
});

describe('a fold given any row of its scope (the Fold contract: rows need not come in order)', () => {
  test('AttachRateFold: a customer first seen at row 39, past twice its first capacity of 8', () => {
    const scope = { customers: new IdTable() };
    for (const customer of ids(40, 'c')) scope.customers.row(customer);
    const fold = new AttachRateFold(attachRateSettings({ anchor: { skus: ['A'] } }), scope);
    const view = createOrderView();
    readOrder(order('o1', 'c039', ['A', 'B']), view);
    fold.add(view, 39);
    expect(fold.result()).toStrictEqual({ value: 1, attached: 1, anchors: 1 });
    const written = (fold.toJSON() as { customers: [string, number][] }).customers;
    expect(written.filter(([, bits]) => bits !== 0)).toStrictEqual([['c039', 3]]);
  });
});

describe('CustomerLifetimeValue', () => {
  const refund = (returnId: string, customerId: string, amount: string): Return => ({ type: 'return', returnId, customerId, timestamp: '2026-02-01T10:00:00Z', amount, currency: 'EUR' });

  test('net of returns, a return alone sets the currency: the state is not empty', () => {
    const accumulator = new CustomerLifetimeValue({ netOfReturns: true }).add(refund('r1', 'ann', '4'));
    expect(accumulator.result()).toMatchObject({ value: null, customers: 0, currency: 'EUR' });
    expect(accumulator.result().revenue.toFixed()).toBe('0');
    const json = JSON.parse(JSON.stringify(accumulator)) as { state: { currency: unknown; returns: unknown } };
    expect(json.state.currency).toBe('EUR');
    expect(json.state.returns).toStrictEqual([['ann', '4']]);
    const restored = CustomerLifetimeValue.fromJSON(json);
    expect(restored.result().currency).toBe('EUR');
    expect(restored.add({ ...order('o1', 'ann', ['A']), currency: 'EUR' }).result().revenue.toFixed()).toBe('6');
  });

  test('version 1: a contribution that is not [customerId, revenue] stays a three-element entry, refused', () => {
    const v1 = (contribution: unknown): unknown => saved('CustomerLifetimeValue', { currency: null, dedupe: true }, { customers: [['ann', '10']], currency: null, seen: [['o1', 3, contribution]] }, 1);
    expect(CustomerLifetimeValue.fromJSON(v1(['ann', '10'])).result().customers).toBe(1);
    const width = 'expected 4 elements: [orderId, fingerprint, customerId, contribution]';
    expectRefused(CustomerLifetimeValue, v1(['ann', '10', 'more']), 'state.seen[0]', width);
    expectRefused(CustomerLifetimeValue, v1(['ann']), 'state.seen[0]', width);
    expectRefused(CustomerLifetimeValue, v1('an'), 'state.seen[0]', width);
    expectRefused(CustomerLifetimeValue, v1({ 0: 'ann', 1: '10', length: 2 }), 'state.seen[0]', width);
  });
});
