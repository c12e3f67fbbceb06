import { afterEach, describe, expect, test, vi } from 'vitest';
import { validateOrder } from 'xsell-kpi';
import { toDecimal, type Amount } from '../../src/_internal/amount.js';
import { Decimal } from '../../src/_internal/decimal.js';
import { copyOrderView, createOrderView, hasSource, orderItems, readId, readOrder, record, sourceRevenue, type OrderView } from '../../src/_internal/orderView.js';
import { refusal } from '../support/refusal.js';

/**
 * The order reader (src/_internal/orderView.ts): every refusal with its code, path and whole
 * message, the exact revenue past the integer fast path, the facts kept once computed, the copy of
 * a view, and the work a valid order does not do (no path strings for valid lines, no `Decimal`
 * multiplication, comparison or subtraction a line does not need).
 */

afterEach(() => {
  vi.restoreAllMocks();
});

const line = (fields: Record<string, unknown>): Record<string, unknown> => ({ sku: 'A', unitPrice: '10', ...fields });
const order = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  orderId: 'o1',
  customerId: 'c1',
  timestamp: '2026-11-02T10:00:00Z',
  lines: [line({})],
  ...fields,
});
/** The refusal of an order whose only line has these fields, read with the path prefix `events[3]`. */
const lineRefusal = (fields: Record<string, unknown>): [string, string, string] => refusal(() => readOrder(order({ lines: [line(fields)] }), createOrderView(), 'events[3]'));
const text = (amount: Amount): string => toDecimal(amount).toFixed();

/** The view after reading `value`. */
function read(value: unknown, view: OrderView = createOrderView()): OrderView {
  readOrder(value, view);
  return view;
}

describe('record', () => {
  test('names what it expected and what it got', () => {
    expect(refusal(() => record(null, 'x', 'a thing'))).toStrictEqual(['INVALID_EVENT', 'x', '[xsell-kpi] INVALID_EVENT at x: expected a thing object, got null']);
    expect(refusal(() => record([1], 'x', 'a thing'))).toStrictEqual(['INVALID_EVENT', 'x', '[xsell-kpi] INVALID_EVENT at x: expected a thing object, got an array']);
    expect(refusal(() => record(7, 'x', 'a thing'))).toStrictEqual(['INVALID_EVENT', 'x', '[xsell-kpi] INVALID_EVENT at x: expected a thing object, got number']);
    expect(refusal(() => record('o', 'x', 'a thing'))).toStrictEqual(['INVALID_EVENT', 'x', '[xsell-kpi] INVALID_EVENT at x: expected a thing object, got string']);
    expect(refusal(() => record(undefined, 'x', 'a thing'))).toStrictEqual(['INVALID_EVENT', 'x', '[xsell-kpi] INVALID_EVENT at x: expected a thing object, got undefined']);
    const value = { a: 1 };
    expect(record(value, 'x', 'a thing')).toBe(value);
  });
});

describe('readId', () => {
  test('an empty string is named as such, anything else is shown', () => {
    expect(refusal(() => readId('', 'id'))).toStrictEqual(['INVALID_EVENT', 'id', '[xsell-kpi] INVALID_EVENT at id: expected a non-empty string id, got an empty string']);
    expect(refusal(() => readId(null, 'id'))).toStrictEqual(['INVALID_EVENT', 'id', '[xsell-kpi] INVALID_EVENT at id: expected a non-empty string id, got null']);
    expect(readId(' ', 'id')).toBe(' ');
    expect(refusal(() => readId(Number.NaN, 'id'))).toStrictEqual(['INVALID_EVENT', 'id', '[xsell-kpi] INVALID_EVENT at id: expected a non-empty string id, got NaN']);
    expect(readId(12, 'id')).toBe('12');
  });
});

describe('readOrder refuses, with the path under its prefix', () => {
  test('an order that is not an object', () => {
    expect(refusal(() => readOrder(null, createOrderView()))).toStrictEqual(['INVALID_EVENT', '', '[xsell-kpi] INVALID_EVENT: expected an order object, got null']);
    expect(refusal(() => readOrder(5, createOrderView(), 'events[0]'))).toStrictEqual(['INVALID_EVENT', 'events[0]', '[xsell-kpi] INVALID_EVENT at events[0]: expected an order object, got number']);
    expect(refusal(() => validateOrder([]))).toStrictEqual(['INVALID_EVENT', '', '[xsell-kpi] INVALID_EVENT: expected an order object, got an array']);
  });
  test('another type', () => {
    expect(refusal(() => readOrder(order({ type: 'return' }), createOrderView(), 'e'))).toStrictEqual(['INVALID_EVENT', 'e.type', '[xsell-kpi] INVALID_EVENT at e.type: expected "order", got "return"']);
  });
  test('a currency that is not an ISO 4217 code', () => {
    expect(refusal(() => readOrder(order({ currency: 'eur' }), createOrderView(), 'e'))).toStrictEqual(['INVALID_CURRENCY', 'e.currency', '[xsell-kpi] INVALID_CURRENCY at e.currency: expected an ISO 4217 code, got "eur"']);
    expect(refusal(() => validateOrder(order({ currency: 978 })))).toStrictEqual(['INVALID_CURRENCY', 'currency', '[xsell-kpi] INVALID_CURRENCY at currency: expected an ISO 4217 code, got 978']);
    expect(read(order({ currency: 'EUR' })).currency).toBe('EUR');
    expect(read(order()).currency).toBeNull();
  });
  test('no lines, or an empty array of them', () => {
    const expected = ['INVALID_EVENT', 'e.lines', '[xsell-kpi] INVALID_EVENT at e.lines: expected an array of at least one line'];
    expect(refusal(() => readOrder(order({ lines: [] }), createOrderView(), 'e'))).toStrictEqual(expected);
    expect(refusal(() => readOrder(order({ lines: undefined }), createOrderView(), 'e'))).toStrictEqual(expected);
    expect(refusal(() => readOrder(order({ lines: { 0: line({}) } }), createOrderView(), 'e'))).toStrictEqual(expected);
  });
  test('a line that is not an object', () => {
    expect(refusal(() => readOrder(order({ lines: [line({}), 'A'] }), createOrderView()))).toStrictEqual(['INVALID_EVENT', 'lines[1]', '[xsell-kpi] INVALID_EVENT at lines[1]: expected an order line object, got string']);
    expect(refusal(() => readOrder(order({ lines: [null] }), createOrderView(), 'e'))).toStrictEqual(['INVALID_EVENT', 'e.lines[0]', '[xsell-kpi] INVALID_EVENT at e.lines[0]: expected an order line object, got null']);
    expect(refusal(() => readOrder(order({ lines: [[]] }), createOrderView(), 'e'))).toStrictEqual(['INVALID_EVENT', 'e.lines[0]', '[xsell-kpi] INVALID_EVENT at e.lines[0]: expected an order line object, got an array']);
  });
});

describe("the order's fields, with the path under its prefix", () => {
  const orderRefusal = (fields: Record<string, unknown>): [string, string, string] => refusal(() => readOrder(order(fields), createOrderView(), 'e'));
  test('ids, time, labels and dimensions', () => {
    expect(orderRefusal({ orderId: undefined })).toStrictEqual(['INVALID_EVENT', 'e.orderId', '[xsell-kpi] INVALID_EVENT at e.orderId: expected a non-empty string id, got undefined']);
    expect(orderRefusal({ timestamp: 'yesterday' })).toStrictEqual([
      'INVALID_TIMESTAMP',
      'e.timestamp',
      '[xsell-kpi] INVALID_TIMESTAMP at e.timestamp: expected an ISO 8601 date-time with Z or an offset, such as "2026-11-30T23:30:00Z" or "2026-11-30T23:30:00+01:00", got "yesterday"',
    ]);
    expect(orderRefusal({ segment: 5 })).toStrictEqual(['INVALID_EVENT', 'e.segment', '[xsell-kpi] INVALID_EVENT at e.segment: expected a string, got 5']);
    expect(orderRefusal({ dimensions: 5 })).toStrictEqual(['INVALID_EVENT', 'e.dimensions', '[xsell-kpi] INVALID_EVENT at e.dimensions: expected a dimensions object, got number']);
    expect(orderRefusal({ dimensions: { region: 5 } })).toStrictEqual(['INVALID_EVENT', 'e.dimensions["region"]', '[xsell-kpi] INVALID_EVENT at e.dimensions["region"]: expected a string, got 5']);
  });
});

describe("a line's fields", () => {
  test('an empty SKU, a category that is not a string, an unknown source', () => {
    expect(lineRefusal({ sku: '' })).toStrictEqual(['INVALID_EVENT', 'events[3].lines[0].sku', '[xsell-kpi] INVALID_EVENT at events[3].lines[0].sku: expected a non-empty string id, got an empty string']);
    expect(read(order({ lines: [line({ sku: 42 })] })).skus[0]).toBe('42');
    expect(lineRefusal({ category: 5 })).toStrictEqual(['INVALID_EVENT', 'events[3].lines[0].category', '[xsell-kpi] INVALID_EVENT at events[3].lines[0].category: expected a string, got 5']);
    expect(lineRefusal({ category: null })).toStrictEqual(['INVALID_EVENT', 'events[3].lines[0].category', '[xsell-kpi] INVALID_EVENT at events[3].lines[0].category: expected a string, got null']);
    expect(lineRefusal({ source: 'cross_sell' })).toStrictEqual([
      'INVALID_EVENT',
      'events[3].lines[0].source',
      `[xsell-kpi] INVALID_EVENT at events[3].lines[0].source: expected 'organic', 'cross-sell' or 'upsell', got "cross_sell"`,
    ]);
    expect(read(order({ lines: [line({ category: 'shoes', source: 'upsell' }), line({ source: 'cross-sell' }), line({ source: 'organic' })] }))).toMatchObject({
      categories: ['shoes', undefined, undefined],
      sources: [2, 1, 0],
    });
  });

  test('a quantity of zero, a negative one, one that is not a finite number', () => {
    const at = 'events[3].lines[0].quantity';
    const prefix = `[xsell-kpi] INVALID_NUMBER at ${at}: expected a positive finite quantity, got`;
    expect(lineRefusal({ quantity: 0 })).toStrictEqual(['INVALID_NUMBER', at, `[xsell-kpi] INVALID_NUMBER at ${at}: expected a positive quantity, got 0`]);
    expect(lineRefusal({ quantity: -0 })).toStrictEqual(['INVALID_NUMBER', at, `[xsell-kpi] INVALID_NUMBER at ${at}: expected a positive quantity, got 0`]);
    expect(lineRefusal({ quantity: -1 })).toStrictEqual(['NEGATIVE_COUNT', at, `[xsell-kpi] NEGATIVE_COUNT at ${at}: expected a positive quantity, got -1`]);
    expect(lineRefusal({ quantity: -0.5 })).toStrictEqual(['NEGATIVE_COUNT', at, `[xsell-kpi] NEGATIVE_COUNT at ${at}: expected a positive quantity, got -0.5`]);
    expect(lineRefusal({ quantity: Number.NaN })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} NaN`]);
    expect(lineRefusal({ quantity: Infinity })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} Infinity`]);
    expect(lineRefusal({ quantity: -Infinity })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} -Infinity`]);
    expect(lineRefusal({ quantity: null })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} null`]);
    expect(lineRefusal({ quantity: true })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} true`]);
    expect(lineRefusal({ quantity: 2n })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} 2n`]);
  });

  test('a quantity given as a numeric string gets a hint; blank or other strings do not', () => {
    const at = 'events[3].lines[0].quantity';
    const prefix = `[xsell-kpi] INVALID_NUMBER at ${at}: expected a positive finite quantity, got`;
    expect(lineRefusal({ quantity: '2' })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} "2" (a string: pass the number 2)`]);
    expect(lineRefusal({ quantity: ' 1.5 ' })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} " 1.5 " (a string: pass the number 1.5)`]);
    expect(lineRefusal({ quantity: '-3' })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} "-3" (a string: pass the number -3)`]);
    expect(lineRefusal({ quantity: '' })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} ""`]);
    expect(lineRefusal({ quantity: '  ' })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} "  "`]);
    expect(lineRefusal({ quantity: 'two' })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} "two"`]);
    expect(lineRefusal({ quantity: 'Infinity' })).toStrictEqual(['INVALID_NUMBER', at, `${prefix} "Infinity"`]);
  });

  test('a unit price that is not an amount ≥ 0, as a string or a number', () => {
    const at = 'events[3].lines[0].unitPrice';
    expect(lineRefusal({ unitPrice: 'ten' })).toStrictEqual(['INVALID_MONEY', at, `[xsell-kpi] INVALID_MONEY at ${at}: expected a plain decimal string such as "19.99", got "ten"`]);
    expect(lineRefusal({ unitPrice: -5 })).toStrictEqual(['INVALID_MONEY', at, `[xsell-kpi] INVALID_MONEY at ${at}: expected an amount ≥ 0, got -5`]);
    expect(lineRefusal({ unitPrice: Infinity })).toStrictEqual(['INVALID_NUMBER', at, `[xsell-kpi] INVALID_NUMBER at ${at}: expected a finite amount, got Infinity`]);
  });

  test('a negative discount, and one above the gross', () => {
    const at = 'events[3].lines[0].discount';
    expect(lineRefusal({ discount: '-1' })).toStrictEqual(['INVALID_MONEY', at, `[xsell-kpi] INVALID_MONEY at ${at}: expected an amount ≥ 0, got -1`]);
    expect(lineRefusal({ discount: '10.01' })).toStrictEqual(['INVALID_MONEY', at, `[xsell-kpi] INVALID_MONEY at ${at}: discount 10.01 exceeds the line's gross 10`]);
    expect(lineRefusal({ quantity: 3, unitPrice: '0.1', discount: '0.3000001' })).toStrictEqual([
      'INVALID_MONEY',
      at,
      `[xsell-kpi] INVALID_MONEY at ${at}: discount 0.3000001 exceeds the line's gross 0.3`,
    ]);
    const view = read(order({ lines: [line({ quantity: 3, unitPrice: '0.1', discount: '0.3' }), line({ quantity: 2, discount: '0.5' })] }));
    expect([view.revenues.slice(0, 2).map(text), text(view.revenue)]).toStrictEqual([['0', '19.5'], '19.5']);
  });
});

describe("the order's revenue", () => {
  test('is exact past 2⁵² micro-units, where the sum leaves the integer fast path', () => {
    // Each line is 2⁵² − 1 micro-units, still an integer; three of them are past 2⁵³, where a float sum of odd integers rounds.
    const view = read(order({ lines: [line({ unitPrice: '4503599627.370495' }), line({ unitPrice: '4503599627.370495' }), line({ unitPrice: '4503599627.370495' })] }));
    expect(view.revenues.slice(0, 3)).toStrictEqual([4503599627370495, 4503599627370495, 4503599627370495]);
    expect(text(view.revenue)).toBe('13510798882.111485');
  });
  test('is the plain integer sum up to and including 2⁵² micro-units', () => {
    const view = read(order({ lines: [line({ unitPrice: '4503599627.370495' }), line({ unitPrice: '0.000001' })] }));
    expect(view.revenue).toBe(2 ** 52);
  });
});

describe('a valid line costs no work it does not need', () => {
  /** Counts the calls of some Decimal methods (the private clone shares decimal.js's prototype) while `run` runs. */
  function decimalCalls(run: () => void): Record<'times' | 'comparedTo' | 'plus', number> {
    const spies = { times: vi.spyOn(Decimal.prototype, 'times'), comparedTo: vi.spyOn(Decimal.prototype, 'comparedTo'), plus: vi.spyOn(Decimal.prototype, 'plus') };
    run();
    return { times: spies.times.mock.calls.length, comparedTo: spies.comparedTo.mock.calls.length, plus: spies.plus.mock.calls.length };
  }

  test('a unit price of seven decimals, quantity 1 and no discount: no multiplication, comparison or subtraction', () => {
    const view = createOrderView();
    // The one `plus` adds the line's revenue (a Decimal) to the order's (0).
    expect(decimalCalls(() => readOrder(order({ lines: [line({ unitPrice: '0.1234567' })] }), view))).toStrictEqual({ times: 0, comparedTo: 0, plus: 1 });
    expect(text(view.revenue)).toBe('0.1234567');
  });

  test('a unit price and a discount given as numbers of up to six decimals: no Decimal at all', () => {
    const view = createOrderView();
    expect(decimalCalls(() => readOrder(order({ lines: [line({ unitPrice: 10.25, discount: 0.5 })] }), view))).toStrictEqual({ times: 0, comparedTo: 0, plus: 0 });
    expect(view.revenue).toBe(9_750_000);
  });

  test('path strings are built for errors only, never per valid line', () => {
    let built = 0;
    // A prefix that counts how often a path is built from it (a string prefix would be invisible).
    const prefix = {
      toString(): string {
        built++;
        return 'e';
      },
    } as unknown as string;
    const full = line({ category: 'c', quantity: 2, discount: '1', source: 'upsell' });
    readOrder(order({ lines: [full] }), createOrderView(), prefix);
    const one = built;
    built = 0;
    readOrder(order({ lines: Array.from({ length: 40 }, () => full) }), createOrderView(), prefix);
    expect(built).toBe(one);
    expect(lineRefusal({ category: 5 })[1]).toBe('events[3].lines[0].category');
  });
});

describe('facts derived from the lines are computed once per order', () => {
  // The view's columns are edited behind the reader's back: a fact computed again would see the edit.
  test('items', () => {
    const view = read(order({ lines: [line({ quantity: 2 }), line({ quantity: 0.5 })] }));
    expect(text(orderItems(view))).toBe('2.5');
    view.quantities[0] = 10;
    expect(text(orderItems(view))).toBe('2.5');
    expect(hasSource(view, 0)).toBe(true);
    expect(text(orderItems(view))).toBe('2.5');
    read(order({ lines: [line({ quantity: 4 })] }), view);
    expect(text(orderItems(view))).toBe('4');
  });

  test('sources and their revenue', () => {
    const view = read(order({ lines: [line({ source: 'cross-sell' }), line({ source: 'upsell', unitPrice: '3' }), line({ unitPrice: '1' })] }));
    expect([hasSource(view, 0), hasSource(view, 1), hasSource(view, 2)]).toStrictEqual([true, true, true]);
    view.sources[0] = 0;
    view.sources[1] = 0;
    view.revenues[0] = 0;
    expect([hasSource(view, 1), hasSource(view, 2)]).toStrictEqual([true, true]);
    expect([text(sourceRevenue(view, 1)), text(sourceRevenue(view, 2))]).toStrictEqual(['10', '3']);
    expect(text(orderItems(view))).toBe('3');
    expect([hasSource(view, 1), text(sourceRevenue(view, 1))]).toStrictEqual([true, '10']);

    const fresh = read(order({ lines: [line({ source: 'upsell', unitPrice: '2' })] }), view);
    expect([text(sourceRevenue(fresh, 2)), text(sourceRevenue(fresh, 1)), hasSource(fresh, 1), hasSource(fresh, 0)]).toStrictEqual(['2', '0', false, false]);
    fresh.revenues[0] = 5;
    expect(text(sourceRevenue(fresh, 2))).toBe('2');
  });
});

describe('copyOrderView', () => {
  test('copies the lines of the current order only, into columns of its own', () => {
    const view = read(order({ lines: [line({ sku: 'X' }), line({ sku: 'Y' }), line({ sku: 'Z' })] }));
    read(order({ orderId: 'o2', currency: 'EUR', lines: [line({ sku: 'A', category: 'c', quantity: 2, discount: '1', source: 'upsell' }), line({ sku: 'B', unitPrice: '0.5' })] }), view);
    const copy = copyOrderView(view);
    const expected = {
      orderId: 'o2',
      customerId: 'c1',
      currency: 'EUR',
      lineCount: 2,
      skus: ['A', 'B'],
      categories: ['c', undefined],
      quantities: [2, 1],
      unitPrices: [10_000_000, 500_000],
      discounts: [1_000_000, 0],
      revenues: [19_000_000, 500_000],
      sources: [2, 0],
      revenue: 19_500_000,
    };
    expect(copy).toMatchObject(expected);
    expect(copy.skus).toHaveLength(2);
    read(order({ orderId: 'o3', lines: [line({ sku: 'Q', quantity: 7, unitPrice: '1', discount: '0.5', category: 'd', source: 'cross-sell' }), line({}), line({})] }), view);
    expect(copy).toMatchObject(expected);
    expect([copy.skus, copy.categories, copy.quantities, copy.unitPrices, copy.discounts, copy.revenues, copy.sources].map((column) => column.length)).toStrictEqual([2, 2, 2, 2, 2, 2, 2]);
  });
});
