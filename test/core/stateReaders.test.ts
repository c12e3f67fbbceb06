// The readers every fromJSON is built from (src/_internal/state.ts): each refusal is INVALID_STATE
// at the path of the offending field, with a message that says what was expected. Pinned one by
// one (mutation testing, docs/mutation.md: a message or a path nobody checks is one that can rot).
import { describe, expect, test } from 'vitest';
import { isKpiError } from 'xsell-kpi';
import {
  asStateError,
  readHeader,
  sameState,
  stateArray,
  stateBoolean,
  stateCount,
  stateCurrency,
  stateEntries,
  stateId,
  stateMoney,
  stateObject,
  stateString,
} from '../../src/_internal/state.js';
import { KpiError } from '../../src/core/KpiError.js';
import { expectKpiError } from '../support/expectKpiError.js';

/** The message after `[xsell-kpi] CODE at path: `. */
const detail = (error: KpiError): string => error.message.slice(error.message.indexOf(': ') + 2);

describe('state readers', () => {
  test('stateObject: an object, plain, with exactly the required keys and some optional ones', () => {
    expect(detail(expectKpiError(() => stateObject([], 'state', []), 'INVALID_STATE', 'state'))).toBe('expected an object');
    expect(detail(expectKpiError(() => stateObject(null, 'state', []), 'INVALID_STATE', 'state'))).toBe('expected an object');
    expect(detail(expectKpiError(() => stateObject('x', 'state', []), 'INVALID_STATE', 'state'))).toBe('expected an object');
    expect(detail(expectKpiError(() => stateObject(new Date(0), 'state', []), 'INVALID_STATE', 'state'))).toBe('expected a plain object');
    expect(stateObject(Object.assign(Object.create(null) as object, { a: 1 }), 'state', ['a'])).toStrictEqual(Object.assign(Object.create(null) as object, { a: 1 }));
    // at the root, a field's path is its name alone
    expect(detail(expectKpiError(() => stateObject({ a: 1, b: 2 }, '', ['a']), 'INVALID_STATE', 'b'))).toBe('unexpected field');
    expect(detail(expectKpiError(() => stateObject({ a: 1, b: 2 }, 'state', ['a']), 'INVALID_STATE', 'state.b'))).toBe('unexpected field');
    expect(detail(expectKpiError(() => stateObject({}, '', ['a']), 'INVALID_STATE', 'a'))).toBe('missing field');
    expect(detail(expectKpiError(() => stateObject({}, 'state', ['a']), 'INVALID_STATE', 'state.a'))).toBe('missing field');
    expect(stateObject({ a: 1, b: 2 }, 'state', ['a'], ['b'])).toStrictEqual({ a: 1, b: 2 });
    expect(stateObject({ a: 1 }, 'state', ['a'], ['b'])).toStrictEqual({ a: 1 });
    // Saved state is anyone's JSON: without optional keys, every key but the required ones is refused, whatever its name.
    for (const key of ['b', '', '__proto__', 'constructor', 'Stryker was here']) {
      expect(detail(expectKpiError(() => stateObject(JSON.parse(`{"a":1,${JSON.stringify(key)}:2}`), 'state', ['a']), 'INVALID_STATE', `state.${key}`))).toBe('unexpected field');
    }
    // an inherited key is not an own field
    expectKpiError(() => stateObject(Object.create({ a: 1 }) as object, 'state', ['a']), 'INVALID_STATE', 'state');
  });

  test('stateArray: an array of at most maxLength elements', () => {
    expect(detail(expectKpiError(() => stateArray({}, 'state.list'), 'INVALID_STATE', 'state.list'))).toBe('expected an array');
    expect(stateArray([1, 2], 'state.list', 2)).toStrictEqual([1, 2]);
    expect(detail(expectKpiError(() => stateArray([1, 2, 3], 'state.list', 2), 'INVALID_STATE', 'state.list'))).toBe('expected at most 2 elements, got 3');
  });

  test('strings, ids, booleans', () => {
    expect(stateString('', 'p')).toBe('');
    expect(detail(expectKpiError(() => stateString(1, 'p'), 'INVALID_STATE', 'p'))).toBe('expected a string');
    expect(stateId('a', 'p')).toBe('a');
    expect(detail(expectKpiError(() => stateId('', 'p'), 'INVALID_STATE', 'p'))).toBe('expected a non-empty string');
    expect(detail(expectKpiError(() => stateId(7, 'p'), 'INVALID_STATE', 'p'))).toBe('expected a non-empty string');
    expect(stateBoolean(false, 'p')).toBe(false);
    expect(detail(expectKpiError(() => stateBoolean('true', 'p'), 'INVALID_STATE', 'p'))).toBe('expected true or false');
  });

  test('stateCount: a non-negative safe integer; -0 reads as 0', () => {
    expect(stateCount(0, 'p')).toBe(0);
    expect(Object.is(stateCount(-0, 'p'), 0)).toBe(true);
    expect(stateCount(Number.MAX_SAFE_INTEGER, 'p')).toBe(Number.MAX_SAFE_INTEGER);
    for (const bad of [-1, 1.5, 2 ** 53, Number.NaN, '1', null]) {
      expect(detail(expectKpiError(() => stateCount(bad, 'p'), 'INVALID_STATE', 'p'))).toBe('expected a non-negative safe integer');
    }
  });

  test('stateMoney: the canonical decimal text of an amount ≥ 0, as toFixed() writes it', () => {
    for (const good of ['0', '1', '10', '0.5', '12.25', '100000000000000000000.000001']) expect(stateMoney(good, 'p').toFixed()).toBe(good);
    for (const bad of ['', '-1', '-0', '01', '1.0', '1.', '.5', '1e3', ' 1', '1 ', '+1', 'NaN', 'Infinity', '0.10', 1, null]) {
      expect({ bad, detail: detail(expectKpiError(() => stateMoney(bad, 'p'), 'INVALID_STATE', 'p')) }).toStrictEqual({ bad, detail: 'expected a canonical decimal string ≥ 0' });
    }
  });

  test('stateCurrency: null or a code the check accepts', () => {
    const isCode = (code: unknown): boolean => code === 'EUR';
    expect(stateCurrency(null, 'p', isCode)).toBeNull();
    expect(stateCurrency('EUR', 'p', isCode)).toBe('EUR');
    expect(detail(expectKpiError(() => stateCurrency('XXX', 'p', isCode), 'INVALID_STATE', 'p'))).toBe('expected an ISO 4217 code or null');
  });

  test('asStateError: other KpiErrors become INVALID_STATE under the path; INVALID_STATE and the listed codes pass; other errors pass', () => {
    expect(asStateError('p', () => 5)).toBe(5);
    const inner = expectKpiError(() => asStateError('state.x', () => { throw new KpiError('INVALID_MONEY', 'amount', 'bad'); }), 'INVALID_STATE', 'state.x.amount');
    expect(inner.message).toContain('INVALID_MONEY at amount: bad');
    expectKpiError(() => asStateError('state.x', () => { throw new KpiError('INVALID_MONEY', '', 'bad'); }), 'INVALID_STATE', 'state.x');
    expectKpiError(() => asStateError('state.x', () => { throw new KpiError('INVALID_STATE', 'elsewhere', 'bad'); }), 'INVALID_STATE', 'elsewhere');
    expectKpiError(() => asStateError('state.x', () => { throw new KpiError('INVALID_MONEY', 'amount', 'bad'); }, ['INVALID_MONEY']), 'INVALID_MONEY', 'amount');
    let thrown: unknown;
    try {
      asStateError('p', () => { throw new TypeError('host'); });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(isKpiError(thrown)).toBe(false);
  });

  test('sameState: the same data whatever the order of entry lists (arrays of arrays); other arrays in order', () => {
    expect(sameState({ a: [['x', 1], ['y', 2]], b: 1 }, { b: 1, a: [['y', 2], ['x', 1]] })).toBe(true);
    expect(sameState({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameState({ a: [['x', 1]] }, { a: [['x', 2]] })).toBe(false);
    expect(sameState({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameState([[1], 2], [2, [1]])).toBe(false);
    expect(sameState('1', 1)).toBe(false);
    // Separators keep neighbours apart: [1, 2] is not [12], nor ["a","b"] one string.
    expect(sameState([1, 2], [12])).toBe(false);
    expect(sameState([[1, 2]], [[12]])).toBe(false);
    expect(sameState({ a: [1, 23] }, { a: [12, 3] })).toBe(false);
    expect(sameState(['a', 'b'], ['a","b'])).toBe(false);
    // undefined is written, not dropped; null is a value like any other.
    expect(sameState([undefined], [])).toBe(false);
    expect(sameState([undefined, 1], [1])).toBe(false);
    expect(sameState(null, null)).toBe(true);
    expect(sameState({ a: null, b: [null] }, { b: [null], a: null })).toBe(true);
    expect(sameState({ a: null }, { a: {} })).toBe(false);
  });

  test('readHeader: kind, a version from 1 to the latest, an options object', () => {
    const header = { kind: 'K', version: 2, options: { a: 1 }, state: { s: 1 } };
    expect(readHeader(header, 'K', 2)).toStrictEqual({ version: 2, options: { a: 1 }, state: { s: 1 } });
    expect(readHeader({ ...header, version: 1 }, 'K', 2).version).toBe(1);
    expect(detail(expectKpiError(() => readHeader({ ...header, kind: 'L' }, 'K', 2), 'INVALID_STATE', 'kind'))).toBe('expected "K", got "L"');
    for (const version of [0, -1, 1.5, '1', null]) {
      expect(detail(expectKpiError(() => readHeader({ ...header, version }, 'K', 2), 'INVALID_STATE', 'version'))).toBe('expected a positive integer');
    }
    const newer = expectKpiError(() => readHeader({ ...header, version: 3 }, 'K', 2), 'UNSUPPORTED_VERSION', 'version');
    expect(detail(newer)).toBe('state version 3 is newer than this xsell-kpi reads (2); upgrade xsell-kpi');
    expectKpiError(() => readHeader({ ...header, options: [1] }, 'K', 2), 'INVALID_STATE', 'options');
    expectKpiError(() => readHeader({ ...header, options: null }, 'K', 2), 'INVALID_STATE', 'options');
    expectKpiError(() => readHeader({ ...header, extra: 1 }, 'K', 2), 'INVALID_STATE', 'extra');
  });

  test('stateEntries: [id, ...values] of the layout, each id once, at their paths', () => {
    const read = (entries: unknown): [string, boolean][] => stateEntries({ customers: entries }, 'customers', ['customerId', 'flag'], (entry, path, id): [string, boolean] => [id, stateBoolean(entry[1], `${path}[1]`)]);
    expect(read([['a', true], ['b', false]])).toStrictEqual([['a', true], ['b', false]]);
    expect(detail(expectKpiError(() => read([['a', true], ['a', false]]), 'INVALID_STATE', 'state.customers[1][0]'))).toBe('customer "a" appears twice');
    expect(detail(expectKpiError(() => read([['a']]), 'INVALID_STATE', 'state.customers[0]'))).toBe('expected [customerId, flag]');
    expect(detail(expectKpiError(() => read([['a', true, 1]]), 'INVALID_STATE', 'state.customers[0]'))).toBe('expected at most 2 elements, got 3');
    expectKpiError(() => read([['', true]]), 'INVALID_STATE', 'state.customers[0][0]');
    expectKpiError(() => read([['a', 1]]), 'INVALID_STATE', 'state.customers[0][1]');
    expectKpiError(() => read({}), 'INVALID_STATE', 'state.customers');
    // Only a final "Id" is dropped from the name of what appears twice.
    const twice = [['a', 1], ['a', 2]];
    expect(detail(expectKpiError(() => stateEntries({ list: twice }, 'list', ['IdentifierId', 'n'], () => 0), 'INVALID_STATE', 'state.list[1][0]'))).toBe('Identifier "a" appears twice');
    expect(detail(expectKpiError(() => stateEntries({ list: twice }, 'list', ['period', 'n'], () => 0), 'INVALID_STATE', 'state.list[1][0]'))).toBe('period "a" appears twice');
  });
});
