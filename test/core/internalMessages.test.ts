// The messages of the shared validators, merge checks and currency checks (src/_internal), pinned
// word for word: what a user reads when a figure is refused (mutation testing, docs/mutation.md).
import { describe, expect, test } from 'vitest';
import { AverageOrderValue, CrossSellRate, type KpiError } from 'xsell-kpi';
import { nonNegativeMoney } from '../../src/_internal/money.js';
import { currencyFromJSON, currencyToJSON, mergedCurrency, orderCurrency } from '../../src/_internal/orderCurrency.js';
import { incompatibleOptions, mergeable, optionsDifference } from '../../src/_internal/merge.js';
import { argumentObject, count, countable, finiteNumber, fraction, nonNegativeNumber } from '../../src/_internal/validate.js';
import { expectKpiError } from '../support/expectKpiError.js';

/** The message after `[xsell-kpi] CODE at path: ` (or `[xsell-kpi] CODE: `). */
const detail = (error: KpiError): string => error.message.slice(error.message.indexOf(': ') + 2);

describe('validators', () => {
  test('numbers, counts and fractions', () => {
    expect(detail(expectKpiError(() => finiteNumber('1', 'n'), 'INVALID_NUMBER', 'n'))).toBe('expected a finite number, got "1"');
    expect(detail(expectKpiError(() => finiteNumber(Number.NaN, 'n'), 'INVALID_NUMBER', 'n'))).toBe('expected a finite number, got NaN');
    expect(finiteNumber(-2.5, 'n')).toBe(-2.5);
    expect(detail(expectKpiError(() => nonNegativeNumber(-1, 'n'), 'NEGATIVE_COUNT', 'n'))).toBe('expected a number ≥ 0, got -1');
    expect(nonNegativeNumber(0, 'n')).toBe(0);
    expect(detail(expectKpiError(() => count(1.5, 'n'), 'NOT_AN_INTEGER', 'n'))).toBe('expected a non-negative safe integer, got 1.5');
    expect(fraction(0, 'f')).toBe(0);
    expect(fraction(1, 'f')).toBe(1);
    expect(detail(expectKpiError(() => fraction(1.0001, 'f'), 'INVALID_NUMBER', 'f'))).toBe('expected a number in [0, 1], got 1.0001');
    expect(detail(expectKpiError(() => fraction(-0.5, 'f'), 'INVALID_NUMBER', 'f'))).toBe('expected a number in [0, 1], got -0.5');
    expectKpiError(() => fraction('0.5', 'f'), 'INVALID_NUMBER', 'f');
  });

  test('argument objects and counts near 2⁵³', () => {
    expect(detail(expectKpiError(() => argumentObject([1], 'args'), 'INVALID_ARGUMENT', 'args'))).toBe('expected an object of named arguments, got an array');
    expectKpiError(() => argumentObject(null), 'INVALID_ARGUMENT', '');
    expectKpiError(() => argumentObject('x'), 'INVALID_ARGUMENT', '');
    expect(argumentObject({ a: 1 })).toStrictEqual({ a: 1 });
    countable(Number.MAX_SAFE_INTEGER - 2, 2, 'orders');
    const error = expectKpiError(() => countable(Number.MAX_SAFE_INTEGER - 2, 3, 'orders'), 'INVALID_NUMBER', 'orders');
    expect(detail(error)).toBe('counting 3 more would pass 9007199254740991 (2^53 − 1), the largest count kept exactly');
  });

  test('non-negative money', () => {
    expect(detail(expectKpiError(() => nonNegativeMoney('-2.50', 'revenue'), 'INVALID_MONEY', 'revenue'))).toBe('expected an amount ≥ 0, got -2.5');
    expect(nonNegativeMoney('-0', 'revenue').isZero()).toBe(true);
  });
});

describe('currencies', () => {
  test('an order or a return in another currency names itself and both currencies', () => {
    expect(orderCurrency({ orderId: 'o1', currency: null }, 'EUR', undefined)).toBe('EUR');
    expect(orderCurrency({ orderId: 'o1', currency: 'USD' }, null, 'USD')).toBe('USD');
    const order = expectKpiError(() => orderCurrency({ orderId: 'o2', currency: 'USD' }, null, 'EUR'), 'MIXED_CURRENCY', 'currency');
    expect(detail(order)).toBe('order "o2" is in USD, earlier events in EUR');
    const ret = expectKpiError(() => orderCurrency({ orderId: 'o2', returnId: 'r1', currency: null }, null, 'EUR'), 'MIXED_CURRENCY', 'currency');
    expect(detail(ret)).toBe('return "r1" is in no currency, earlier events in EUR');
    const none = expectKpiError(() => orderCurrency({ orderId: 'o3', currency: 'EUR' }, null, null), 'MIXED_CURRENCY', 'currency');
    expect(detail(none)).toBe('order "o3" is in EUR, earlier events in no currency');
  });

  test('merged and saved currencies', () => {
    expect(mergedCurrency(undefined, 'EUR')).toBe('EUR');
    expect(mergedCurrency('EUR', undefined)).toBe('EUR');
    expect(mergedCurrency(null, null)).toBeNull();
    expect(detail(expectKpiError(() => mergedCurrency('EUR', null), 'MIXED_CURRENCY', 'currency'))).toBe('cannot merge figures in EUR and no currency');
    expect(detail(expectKpiError(() => mergedCurrency(null, 'USD'), 'MIXED_CURRENCY', 'currency'))).toBe('cannot merge figures in no currency and USD');
    expect(currencyToJSON(undefined)).toBeNull();
    expect(currencyToJSON('EUR')).toBe('EUR');
    expect(currencyFromJSON(null, 0, 'state.currency')).toBeUndefined();
    expect(currencyFromJSON('EUR', 2, 'state.currency')).toBe('EUR');
    expect(currencyFromJSON(null, 2, 'state.currency')).toBeNull();
    expect(detail(expectKpiError(() => currencyFromJSON('EUR', 0, 'state.currency'), 'INVALID_STATE', 'state.currency'))).toBe('expected null before any order');
  });
});

describe('merge', () => {
  test('only another accumulator of the kind; saved JSON and other kinds are refused with the fix', () => {
    const mine = new CrossSellRate();
    expect(mergeable(mine, CrossSellRate, 'CrossSellRate')).toBe(mine);
    const otherKind = expectKpiError(() => mergeable(new AverageOrderValue(), CrossSellRate, 'CrossSellRate'), 'INCOMPATIBLE_MERGE', '');
    expect(detail(otherKind)).toBe('cannot merge an AverageOrderValue into a CrossSellRate: merge takes another CrossSellRate');
    const json = expectKpiError(() => mergeable(JSON.parse(JSON.stringify(mine)), CrossSellRate, 'CrossSellRate'), 'INCOMPATIBLE_MERGE', '');
    expect(detail(json)).toBe('cannot merge saved CrossSellRate state (JSON) into a CrossSellRate: restore it first with CrossSellRate.fromJSON(json), then merge the accumulator it returns');
    for (const value of [null, undefined, 5, 'CrossSellRate', { kind: 'CrossSellRate' }, { state: {} }]) {
      expect(detail(expectKpiError(() => mergeable(value, AverageOrderValue, 'AverageOrderValue'), 'INCOMPATIBLE_MERGE', ''))).toMatch(/^cannot merge .* into an AverageOrderValue: merge takes another AverageOrderValue$/);
    }
  });

  test('an accumulator of the kind from another copy of the library is read through its JSON', () => {
    const original = new CrossSellRate().add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-01-05T10:00:00Z', lines: [{ sku: 'A', unitPrice: '1' }] });
    // the brand every copy of xsell-kpi shares (src/_internal/merge.ts)
    const marker = Symbol.for('xsell-kpi.Accumulator');
    expect((original as unknown as Record<symbol, unknown>)[marker]).toBe('CrossSellRate');
    const foreign = { [marker]: 'CrossSellRate', toJSON: () => original.toJSON() };
    expect(mergeable(foreign, CrossSellRate, 'CrossSellRate').result()).toStrictEqual(original.result());
    const withoutJSON = { [marker]: 'CrossSellRate' };
    expect(detail(expectKpiError(() => mergeable(withoutJSON, CrossSellRate, 'CrossSellRate'), 'INCOMPATIBLE_MERGE', ''))).toBe('cannot merge a CrossSellRate into a CrossSellRate: merge takes another CrossSellRate');
    expect(detail(expectKpiError(() => mergeable({ [marker]: 'UpsellRate', toJSON: () => ({}) }, CrossSellRate, 'CrossSellRate'), 'INCOMPATIBLE_MERGE', ''))).toBe('cannot merge an UpsellRate into a CrossSellRate: merge takes another CrossSellRate');
    // A function is no accumulator, whatever properties it carries.
    const branded = Object.assign(() => original, { [marker]: 'CrossSellRate', toJSON: () => original.toJSON() });
    expect(detail(expectKpiError(() => mergeable(branded, CrossSellRate, 'CrossSellRate'), 'INCOMPATIBLE_MERGE', ''))).toMatch(/^cannot merge .* into a CrossSellRate: merge takes another CrossSellRate$/);
  });

  test('which options differ, for people', () => {
    expect(optionsDifference({ by: 'sku', dedupe: true }, { by: 'category', dedupe: true })).toBe('by is "sku" here and "category" in the other');
    expect(optionsDifference({ a: 1 }, { b: 2 })).toBe('a is 1 here and absent in the other; b is absent here and 2 in the other');
    expect(optionsDifference({ a: 1 }, { a: 1 })).toBe('the options differ');
    expect(detail(incompatibleOptions('UpsellRate', { dedupe: true }, { dedupe: false }))).toBe(
      'cannot merge an UpsellRate made with other options (dedupe is true here and false in the other): merge only accumulators made with the same options',
    );
    expect(incompatibleOptions('UpsellRate', { dedupe: true }, { dedupe: false })).toMatchObject({ code: 'INCOMPATIBLE_MERGE', path: '' });
    // "an" only before a kind that starts with a vowel, not one that holds a capital vowel further on.
    expect(detail(incompatibleOptions('NetIncome', { a: 1 }, { a: 2 }))).toMatch(/^cannot merge a NetIncome made with other options/);
    expect(detail(incompatibleOptions('ItemsPerOrder', { a: 1 }, { a: 2 }))).toMatch(/^cannot merge an ItemsPerOrder made with other options/);
  });
});
