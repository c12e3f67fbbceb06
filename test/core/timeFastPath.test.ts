import { afterEach, describe, expect, test, vi } from 'vitest';
import type * as Calendar from '../../src/_internal/calendar.js';
import { readDateTime } from '../../src/_internal/calendar.js';
import { toEpochMilliseconds } from '../../src/core/time.js';

/**
 * `toEpochMilliseconds` reads `YYYY-MM-DDTHH:mm:ssZ` and `YYYY-MM-DDTHH:mm:ss.sssZ` (what
 * `Date#toISOString()` writes, and most exports: one string per event) without the general
 * parser. That is a property of the hot path, like "no Decimal per line" elsewhere: the general
 * parser is wrapped in a spy that calls the real one, and every field at both ends of its range
 * (and every digit 0 and 9 in a tens or ones place) must be read by the fast path alone, at the
 * instant `Date.parse` gives. Its refusals are tested in timeEdges.test.ts, without the spy.
 */
vi.mock('../../src/_internal/calendar.js', async (importOriginal) => {
  const actual = await importOriginal<typeof Calendar>();
  return { ...actual, readDateTime: vi.fn(actual.readDateTime) };
});

const general = vi.mocked(readDateTime);

afterEach(() => {
  general.mockClear();
});

describe('the canonical UTC form skips the general parser', () => {
  test.each([
    '0000-01-01T00:00:00Z',
    '0000-01-01T00:00:00.000Z',
    '9999-12-31T23:59:59Z',
    '9999-12-31T23:59:59.999Z',
    '2099-09-09T19:29:39.909Z',
    '1990-10-20T09:09:09.090Z',
    '2026-11-30T23:30:00Z',
    '2026-11-30T23:30:00.000Z',
    '2026-11-30T23:30:00.001Z',
    '2026-11-30T23:30:00.010Z',
    '2026-11-30T23:30:00.100Z',
    '2026-11-30T23:30:00.990Z',
    '2026-01-31T00:00:00Z',
    '2026-02-28T00:00:00Z',
    '2024-02-29T00:00:00Z',
    '2026-04-30T00:00:00Z',
    '2026-12-01T00:00:00Z',
  ])('%s', (text) => {
    expect(toEpochMilliseconds(text)).toBe(Date.parse(text));
    expect(general).not.toHaveBeenCalled();
  });

  test('every instant Date#toISOString writes', () => {
    for (let ms = Date.UTC(1600, 0, 1); ms < Date.UTC(2400, 0, 1); ms += 7_919_999_937) {
      expect(toEpochMilliseconds(new Date(ms).toISOString())).toBe(ms);
    }
    expect(general).not.toHaveBeenCalled();
  });
});

describe('other forms go to the general parser', () => {
  test.each([
    ['2026-12-01T00:30:00+01:00', 1_796_081_400_000],
    ['2026-11-30T18:30:00-0500', 1_796_081_400_000],
    ['2026-11-30T23:30Z', 1_796_081_400_000],
    ['2026-11-30T23:30:00.5Z', 1_796_081_400_500],
    ['2026-11-30T23:30:00.123456789Z', 1_796_081_400_123],
  ])('%s', (text, expected) => {
    expect(toEpochMilliseconds(text)).toBe(expected);
    expect(general).toHaveBeenCalledTimes(1);
  });
});
