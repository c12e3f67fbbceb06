import { describe, expect, test } from 'vitest';
import { isPeriodKey, nextPeriod, periodKey, periodsBetween, previousPeriod, toEpochMilliseconds, type Grain } from 'xsell-kpi';
import { refusal } from '../support/refusal.js';

/**
 * The edges of the time module that mutation testing found unread: the whole message of each
 * error (code, path, words), the hint a number outside the epoch range gets, and the fast reader
 * of `YYYY-MM-DDTHH:mm:ss[.sss]Z`, which must accept exactly what the general parser accepts and
 * give the same instant: each refused string below has the fast path's shape (length 20 or 24,
 * `Z` last) with one character wrong, so a fast path that let it through would return a number.
 */

const stringRefused = (text: string, path = 'timestamp'): [string, string, string] => [
  'INVALID_TIMESTAMP',
  path,
  `[xsell-kpi] INVALID_TIMESTAMP at ${path}: expected an ISO 8601 date-time with Z or an offset, such as "2026-11-30T23:30:00Z" or "2026-11-30T23:30:00+01:00", got ${JSON.stringify(text)}`,
];

const numberRefused = (shown: string, hint = ''): [string, string, string] => [
  'INVALID_TIMESTAMP',
  'timestamp',
  `[xsell-kpi] INVALID_TIMESTAMP at timestamp: expected an integer number of epoch milliseconds from 1e11 (1973-03-03) to 1e13 (2286-11-20), got ${shown}${hint}`,
];

describe('toEpochMilliseconds: the canonical UTC form', () => {
  test.each([
    ['0000-01-01T00:00:00Z', Date.UTC(2000, 0, 1) - 730_485 * 86_400_000],
    ['1970-01-01T00:00:00Z', 0],
    ['1999-12-31T23:59:59Z', Date.UTC(1999, 11, 31, 23, 59, 59)],
    ['2024-02-29T12:00:00Z', Date.UTC(2024, 1, 29, 12)],
    ['2026-11-30T23:30:00Z', 1_796_081_400_000],
    ['2026-11-30T23:30:00.000Z', 1_796_081_400_000],
    ['2026-11-30T23:30:00.001Z', 1_796_081_400_001],
    ['2026-11-30T23:30:00.090Z', 1_796_081_400_090],
    ['2026-11-30T23:30:00.999Z', 1_796_081_400_999],
    ['2099-09-09T19:29:39.909Z', Date.UTC(2099, 8, 9, 19, 29, 39, 909)],
    ['9999-12-31T23:59:59.999Z', Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
  ])('%s is read at its instant', (text, expected) => {
    expect(toEpochMilliseconds(text)).toBe(expected);
    if (text.startsWith('0000')) expect(new Date(expected).toISOString()).toBe('0000-01-01T00:00:00.000Z');
  });

  test('what Date#toISOString writes is read back at the same instant', () => {
    for (let ms = Date.UTC(1600, 0, 1); ms < Date.UTC(2400, 0, 1); ms += 7_919_999_937) {
      expect(toEpochMilliseconds(new Date(ms).toISOString())).toBe(ms);
    }
  });

  test.each([
    // A separator that is not '-', 'T' or ':' in its place.
    '2026/11-30T00:00:00Z',
    '2026-11/30T00:00:00Z',
    '2026-11-30x00:00:00Z',
    '2026-11-30t00:00:00Z',
    '2026-11-30T00.00:00Z',
    '2026-11-30T00:00.00Z',
    // A character just below '0' ('/') or just above '9' (':') where a digit belongs.
    ':026-11-30T00:00:00Z',
    '2:26-11-30T00:00:00Z',
    '2026-11-30T/9:00:00Z',
    '2026-11-30T1/:00:00Z',
    '2026-11-30T1::00:00Z',
    '2026-11-30T10:/5:00Z',
    '2026-11-30T10:1/:00Z',
    '2026-11-30T10:00:/5Z',
    '2026-11-30T10:00:1:Z',
    '2/2/-1/-1/T1/:1/:1/Z',
    '1:1:-0:-0:T0::0::0:Z',
    // The fraction: its separator and each of its three digits.
    '2026-11-30T00:00:00x123Z',
    '2026-11-30T00:00:00,123Z',
    '2026-11-30T00:00:00.12xZ',
    '2026-11-30T00:00:00.12/Z',
    '2026-11-30T00:00:00.12:Z',
    '2026-11-30T00:00:00.1x3Z',
    '2026-11-30T00:00:00.:00Z',
    // Fields out of range, one past each limit.
    '2026-00-10T00:00:00Z',
    '2026-13-10T00:00:00Z',
    '2026-11-00T00:00:00Z',
    '2026-11-31T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-11-30T24:00:00Z',
    '2026-11-30T23:60:00Z',
    '2026-11-30T23:59:60Z',
    '2026-11-30T23:59:60.000Z',
  ])('%s is refused', (text) => {
    expect(refusal(() => toEpochMilliseconds(text))).toStrictEqual(stringRefused(text));
  });

  test('the path given is the one named', () => {
    expect(refusal(() => toEpochMilliseconds('2026-11-30', 'orders[3].timestamp'))).toStrictEqual(stringRefused('2026-11-30', 'orders[3].timestamp'));
  });
});

describe('toEpochMilliseconds: numbers and other values', () => {
  test.each([
    [100_000_000, '100000000', ' (epoch seconds? multiply by 1000)'],
    [99_999_999, '99999999', ''],
    [99_999_999_999, '99999999999', ' (epoch seconds? multiply by 1000)'],
    [10_000_000_000_001, '10000000000001', ' (epoch microseconds? divide by 1000)'],
    [99_999_999_999_999_984, '99999999999999980', ' (epoch microseconds? divide by 1000)'],
    [1e17, '100000000000000000', ''],
    [5, '5', ''],
    [-1_796_081_400_000, '-1796081400000', ''],
    [1.5, '1.5', ''],
    [Number.NaN, 'NaN', ''],
  ])('%s is refused with its hint', (value, shown, hint) => {
    expect(refusal(() => toEpochMilliseconds(value))).toStrictEqual(numberRefused(shown, hint));
  });

  test('both ends of the range are read', () => {
    expect(toEpochMilliseconds(1e11)).toBe(1e11);
    expect(toEpochMilliseconds(1e13)).toBe(1e13);
  });

  test.each([
    [null, 'null'],
    [{}, 'an object'],
    [new Date(Number.NaN), 'an Invalid Date'],
  ])('%s is refused', (value, shown) => {
    expect(refusal(() => toEpochMilliseconds(value, 'x'))).toStrictEqual([
      'INVALID_TIMESTAMP',
      'x',
      `[xsell-kpi] INVALID_TIMESTAMP at x: expected a Date, an ISO 8601 string with an offset or epoch milliseconds, got ${shown}`,
    ]);
  });
});

describe('period errors', () => {
  const badGrain = (grain: string): [string, string, string] => [
    'INVALID_OPTION',
    'grain',
    `[xsell-kpi] INVALID_OPTION at grain: expected 'day', 'week', 'month', 'quarter' or 'year', got ${JSON.stringify(grain)}`,
  ];

  test('an unknown grain', () => {
    expect(refusal(() => periodKey('2026-11-30T23:30:00Z', 'hour' as Grain))).toStrictEqual(badGrain('hour'));
    expect(refusal(() => isPeriodKey('2026', 'decade' as Grain))).toStrictEqual(badGrain('decade'));
  });

  test.each([
    ['day', '2026-11-30'],
    ['week', '2026-W48'],
    ['month', '2026-11'],
    ['quarter', '2026-Q4'],
    ['year', '2026'],
  ] as const)('a key that is not a %s names an example', (grain, example) => {
    expect(refusal(() => previousPeriod('2026-13-45', grain))).toStrictEqual([
      'INVALID_OPTION',
      'period',
      `[xsell-kpi] INVALID_OPTION at period: expected a ${grain} key such as "${example}", got "2026-13-45"`,
    ]);
  });

  test('periodsBetween names first and last', () => {
    expect(refusal(() => periodsBetween('2026-W54', '2027-W01', 'week'))).toStrictEqual([
      'INVALID_OPTION',
      'first',
      '[xsell-kpi] INVALID_OPTION at first: expected a week key such as "2026-W48", got "2026-W54"',
    ]);
    expect(refusal(() => periodsBetween('2026-W01', '2025-W53', 'week'))).toStrictEqual([
      'INVALID_OPTION',
      'last',
      '[xsell-kpi] INVALID_OPTION at last: expected a week key such as "2026-W48", got "2025-W53"',
    ]);
  });

  test.each([
    ['0000-01-01', 'day'],
    ['0000-W01', 'week'],
    ['0000-01', 'month'],
    ['0000-Q1', 'quarter'],
    ['0000', 'year'],
  ] as const)('%s has no previous %s', (key, grain) => {
    expect(refusal(() => previousPeriod(key, grain))).toStrictEqual([
      'INVALID_OPTION',
      'period',
      `[xsell-kpi] INVALID_OPTION at period: "${key}" has no previous ${grain} within the years 0000-9999`,
    ]);
  });

  test.each([
    ['9999-12-31', 'day'],
    ['9999-W52', 'week'],
    ['9999-12', 'month'],
    ['9999-Q4', 'quarter'],
    ['9999', 'year'],
  ] as const)('%s has no next %s', (key, grain) => {
    expect(refusal(() => nextPeriod(key, grain))).toStrictEqual([
      'INVALID_OPTION',
      'period',
      `[xsell-kpi] INVALID_OPTION at period: "${key}" has no next ${grain} within the years 0000-9999`,
    ]);
  });
});
