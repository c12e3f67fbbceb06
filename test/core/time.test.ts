import { describe, expect, test } from 'vitest';
import { GRAINS, isPeriodKey, nextPeriod, periodKey, periodsBetween, previousPeriod, toEpochMilliseconds, type Grain } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

describe('toEpochMilliseconds', () => {
  test.each([
    ['2026-11-30T23:30:00Z', Date.UTC(2026, 10, 30, 23, 30)],
    ['2026-11-30T23:30Z', Date.UTC(2026, 10, 30, 23, 30)],
    ['2026-11-30T23:30:00.123+01:00', Date.UTC(2026, 10, 30, 22, 30, 0, 123)],
    ['2026-11-30T23:30:00.1+01:00', Date.UTC(2026, 10, 30, 22, 30, 0, 100)],
    ['2026-11-30T23:30:00.123456789+01:00', Date.UTC(2026, 10, 30, 22, 30, 0, 123)],
    ['2026-11-30T23:30:00-0500', Date.UTC(2026, 11, 1, 4, 30)],
    ['2026-11-30T23:30:00-05:00', Date.UTC(2026, 11, 1, 4, 30)],
    ['2026-11-30T23:30:00+05:30', Date.UTC(2026, 10, 30, 18, 0)],
    ['2026-11-30T23:30:00+1345', Date.UTC(2026, 10, 30, 9, 45)],
    ['2026-11-30T23:30:00-00:00', Date.UTC(2026, 10, 30, 23, 30)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['1969-12-31T23:59:59.9999Z', -1],
    ['1970-01-01T00:00:00Z', 0],
    ['0000-01-01T00:00:00Z', -62_167_219_200_000],
    ['9999-12-31T23:59:59.999Z', 253_402_300_799_999],
  ])('%s is %d', (text, expected) => {
    expect(toEpochMilliseconds(text)).toBe(expected);
    expect(toEpochMilliseconds(text)).toBe(Date.parse(text));
  });

  test('accepts a valid Date within the Date range, and integer epoch milliseconds from 1e11 to 1e13 (both ends)', () => {
    expect(toEpochMilliseconds(new Date(Date.UTC(2026, 10, 30)))).toBe(Date.UTC(2026, 10, 30));
    expect(toEpochMilliseconds(new Date(-1))).toBe(-1);
    expect(toEpochMilliseconds(new Date(8.64e15))).toBe(8.64e15);
    expect(toEpochMilliseconds(new Date(-8.64e15))).toBe(-8.64e15);
    expect(toEpochMilliseconds(1_796_081_400_000)).toBe(1_796_081_400_000);
    expect(toEpochMilliseconds(1e11)).toBe(1e11);
    expect(toEpochMilliseconds(1e13)).toBe(1e13);
  });

  test.each<[string, number, string]>([
    ['epoch seconds', 1_796_081_400, 'epoch seconds? multiply by 1000'],
    ['epoch microseconds', 1_796_081_400_000_000, 'epoch microseconds? divide by 1000'],
    ['just below 1e11', 1e11 - 1, 'epoch seconds? multiply by 1000'],
    ['just above 1e13', 1e13 + 1, 'epoch microseconds? divide by 1000'],
  ])('a number of %s is INVALID_TIMESTAMP, with a hint', (_name, value, hint) => {
    const error = expectKpiError(() => toEpochMilliseconds(value, 'lines[0].timestamp'), 'INVALID_TIMESTAMP', 'lines[0].timestamp');
    expect(error.message).toContain('from 1e11 (1973-03-03) to 1e13 (2286-11-20)');
    expect(error.message).toContain(hint);
  });

  test.each([0, -1, 42, -1_796_081_400_000, 1e18])('the number %d is INVALID_TIMESTAMP without a guess at its unit', (value) => {
    const error = expectKpiError(() => toEpochMilliseconds(value), 'INVALID_TIMESTAMP');
    expect(error.message).not.toContain('?');
  });

  test.each<[string, unknown]>([
    ['a string without an offset', '2026-11-30T23:30:00'],
    ['a date-only string', '2026-11-30'],
    ['February 30', '2026-02-30T00:00:00Z'],
    ['February 29 in a common year', '2026-02-29T00:00:00Z'],
    ['February 29 in 1900', '1900-02-29T00:00:00Z'],
    ['April 31', '2026-04-31T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['month 00', '2026-00-01T00:00:00Z'],
    ['day 00', '2026-11-00T00:00:00Z'],
    ['hour 24', '2026-11-30T24:00:00Z'],
    ['minute 60', '2026-11-30T23:60:00Z'],
    ['second 60', '2026-11-30T23:59:60Z'],
    ['offset hour 24', '2026-11-30T23:30:00+24:00'],
    ['offset minute 60', '2026-11-30T23:30:00+01:60'],
    ['an hour-only offset', '2026-11-30T23:30:00+01'],
    ['ten fraction digits', '2026-11-30T23:30:00.1234567890Z'],
    ['an empty fraction', '2026-11-30T23:30:00.Z'],
    ['a lower-case t and z', '2026-11-30t23:30:00z'],
    ['a space separator', '2026-11-30 23:30:00Z'],
    ['a 5-digit year', '+02026-11-30T23:30:00Z'],
    ['a 2-digit year', '26-11-30T23:30:00Z'],
    ['surrounding spaces', ' 2026-11-30T23:30:00Z '],
    ['a basic-format date', '20261130T233000Z'],
    ['non-ASCII digits', '٢٠٢٦-11-30T23:30:00Z'],
    ['the empty string', ''],
    ['a word', 'yesterday'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a fraction of a millisecond', 1.5],
    ['a number beyond the Date range', 8.64e15 + 1],
    ['an Invalid Date', new Date(Number.NaN)],
    ['an object', { time: 0 }],
    ['an array', [0]],
    ['null', null],
    ['undefined', undefined],
    ['a bigint', 0n],
    ['a boolean', true],
  ])('%s is INVALID_TIMESTAMP at the given path', (_name, value) => {
    expectKpiError(() => toEpochMilliseconds(value, 'orders[3].timestamp'), 'INVALID_TIMESTAMP', 'orders[3].timestamp');
  });

  test("the default path is 'timestamp'", () => {
    expectKpiError(() => toEpochMilliseconds('2026-11-30'), 'INVALID_TIMESTAMP', 'timestamp');
  });
});

/** periodKey for every grain at once. */
const keys = (timestamp: string | number | Date, timeZone?: string) =>
  Object.fromEntries(GRAINS.map((grain) => [grain, periodKey(timestamp, grain, timeZone)]));

describe('periodKey', () => {
  test('GRAINS lists the five grains in order and is frozen', () => {
    expect(GRAINS).toEqual(['day', 'week', 'month', 'quarter', 'year']);
    expect(Object.isFrozen(GRAINS)).toBe(true);
  });

  test('every grain of one instant, in UTC by default', () => {
    expect(keys('2026-11-30T23:30:00Z')).toEqual({ day: '2026-11-30', week: '2026-W49', month: '2026-11', quarter: '2026-Q4', year: '2026' });
    expect(keys('2026-05-17T08:00:00Z', 'UTC')).toEqual({ day: '2026-05-17', week: '2026-W20', month: '2026-05', quarter: '2026-Q2', year: '2026' });
  });

  test('a Date, an ISO string and epoch milliseconds of the same instant give the same keys', () => {
    const instant = Date.UTC(2026, 10, 30, 23, 30);
    for (const timeZone of ['UTC', 'Europe/Berlin', 'Pacific/Kiritimati']) {
      expect(keys(new Date(instant), timeZone)).toEqual(keys(instant, timeZone));
      expect(keys('2026-12-01T00:30:00+01:00', timeZone)).toEqual(keys(instant, timeZone));
    }
  });

  test.each([
    ['2020-12-31T12:00:00Z', '2020-W53'],
    ['2021-01-03T23:59:59Z', '2020-W53'],
    ['2021-01-04T00:00:00Z', '2021-W01'],
    ['2026-12-31T12:00:00Z', '2026-W53'],
    ['2027-01-01T12:00:00Z', '2026-W53'],
    ['2027-01-03T23:59:59Z', '2026-W53'],
    ['2027-01-04T00:00:00Z', '2027-W01'],
    ['2024-12-29T23:59:59Z', '2024-W52'],
    ['2024-12-30T00:00:00Z', '2025-W01'],
    ['2025-12-28T12:00:00Z', '2025-W52'],
    ['2025-12-29T12:00:00Z', '2026-W01'],
    ['2026-01-01T12:00:00Z', '2026-W01'],
    ['2015-12-31T12:00:00Z', '2015-W53'],
    ['2016-01-03T12:00:00Z', '2015-W53'],
    ['2008-12-29T12:00:00Z', '2009-W01'],
    ['2010-01-03T12:00:00Z', '2009-W53'],
    ['1970-01-01T00:00:00Z', '1970-W01'],
    ['1969-12-29T00:00:00Z', '1970-W01'],
    ['1969-12-28T23:59:59Z', '1969-W52'],
  ])('%s is in ISO week %s', (timestamp, week) => {
    expect(periodKey(timestamp, 'week')).toBe(week);
  });

  test('the ISO week-years with 53 weeks from 2000 to 2050 (the ISO 8601 long years)', () => {
    const longYears = [2004, 2009, 2015, 2020, 2026, 2032, 2037, 2043, 2048];
    const years = Array.from({ length: 51 }, (_, index) => 2000 + index);
    expect(years.filter((year) => isPeriodKey(`${year}-W53`, 'week'))).toEqual(longYears);
    // December 28 is always in the last week of its ISO week-year.
    expect(years.filter((year) => periodKey(`${year}-12-28T12:00:00Z`, 'week') === `${year}-W53`)).toEqual(longYears);
    expect(years.filter((year) => periodKey(`${year}-12-28T12:00:00Z`, 'week') === `${year}-W52`)).toEqual(years.filter((year) => !longYears.includes(year)));
  });

  describe('daylight-saving changes', () => {
    test('Europe/Berlin, spring forward (2026-03-29, 02:00 CET → 03:00 CEST)', () => {
      expect(periodKey('2026-03-29T00:59:59Z', 'day', 'Europe/Berlin')).toBe('2026-03-29'); // 01:59:59 CET
      expect(periodKey('2026-03-29T01:00:00Z', 'day', 'Europe/Berlin')).toBe('2026-03-29'); // 03:00:00 CEST
      expect(periodKey('2026-03-28T22:59:59Z', 'day', 'Europe/Berlin')).toBe('2026-03-28'); // 23:59:59 CET
      expect(periodKey('2026-03-28T23:00:00Z', 'day', 'Europe/Berlin')).toBe('2026-03-29'); // 00:00 CET
      // The next midnight is an hour earlier in UTC: the day was 23 hours long.
      expect(periodKey('2026-03-29T21:59:59Z', 'day', 'Europe/Berlin')).toBe('2026-03-29');
      expect(periodKey('2026-03-29T22:00:00Z', 'day', 'Europe/Berlin')).toBe('2026-03-30');
      expect(periodKey('2026-03-29T21:59:59Z', 'week', 'Europe/Berlin')).toBe('2026-W13');
      expect(periodKey('2026-03-29T22:00:00Z', 'week', 'Europe/Berlin')).toBe('2026-W14');
    });

    test('Europe/Berlin, fall back (2026-10-25, 03:00 CEST → 02:00 CET): 02:30 twice, same day', () => {
      expect(periodKey('2026-10-25T00:30:00Z', 'day', 'Europe/Berlin')).toBe('2026-10-25'); // 02:30 CEST
      expect(periodKey('2026-10-25T01:30:00Z', 'day', 'Europe/Berlin')).toBe('2026-10-25'); // 02:30 CET
      expect(periodKey('2026-10-24T21:59:59Z', 'day', 'Europe/Berlin')).toBe('2026-10-24');
      expect(periodKey('2026-10-24T22:00:00Z', 'day', 'Europe/Berlin')).toBe('2026-10-25'); // 00:00 CEST
      // The day was 25 hours long: it ends at 23:00 UTC.
      expect(periodKey('2026-10-25T22:59:59Z', 'day', 'Europe/Berlin')).toBe('2026-10-25');
      expect(periodKey('2026-10-25T23:00:00Z', 'day', 'Europe/Berlin')).toBe('2026-10-26');
    });

    test('a month and a year that start in summer time and in winter time (Europe/Berlin)', () => {
      expect(periodKey('2026-09-30T21:59:59Z', 'month', 'Europe/Berlin')).toBe('2026-09');
      expect(periodKey('2026-09-30T22:00:00Z', 'month', 'Europe/Berlin')).toBe('2026-10'); // 00:00 CEST
      expect(periodKey('2026-09-30T22:00:00Z', 'quarter', 'Europe/Berlin')).toBe('2026-Q4');
      expect(periodKey('2026-12-31T22:59:59Z', 'year', 'Europe/Berlin')).toBe('2026');
      expect(periodKey('2026-12-31T23:00:00Z', 'year', 'Europe/Berlin')).toBe('2027'); // 00:00 CET
    });

    test('America/New_York: evenings are the next day in UTC', () => {
      expect(periodKey('2026-11-30T03:00:00Z', 'day', 'America/New_York')).toBe('2026-11-29'); // 22:00 EST
      expect(periodKey('2026-11-30T03:00:00Z', 'day')).toBe('2026-11-30');
      expect(periodKey('2026-07-01T03:59:59Z', 'day', 'America/New_York')).toBe('2026-06-30'); // 23:59:59 EDT
      expect(periodKey('2026-07-01T04:00:00Z', 'day', 'America/New_York')).toBe('2026-07-01');
      expect(periodKey('2026-07-01T03:59:59Z', 'quarter', 'America/New_York')).toBe('2026-Q2');
      expect(periodKey('2027-01-01T04:59:59Z', 'year', 'America/New_York')).toBe('2026'); // 23:59:59 EST
      expect(periodKey('2027-01-01T05:00:00Z', 'year', 'America/New_York')).toBe('2027');
      // Sunday 2026-11-29 22:00 local is still in the week that began on Monday 2026-11-23.
      expect(periodKey('2026-11-30T03:00:00Z', 'week', 'America/New_York')).toBe('2026-W48');
      expect(periodKey('2026-11-30T03:00:00Z', 'week')).toBe('2026-W49');
    });

    test('Australia/Lord_Howe: a 30-minute daylight-saving shift (+11:00 → +10:30 on 2026-04-05)', () => {
      expect(periodKey('2026-01-15T12:59:59Z', 'day', 'Australia/Lord_Howe')).toBe('2026-01-15');
      expect(periodKey('2026-01-15T13:00:00Z', 'day', 'Australia/Lord_Howe')).toBe('2026-01-16'); // 00:00 +11:00
      expect(periodKey('2026-07-15T13:29:59Z', 'day', 'Australia/Lord_Howe')).toBe('2026-07-15');
      expect(periodKey('2026-07-15T13:30:00Z', 'day', 'Australia/Lord_Howe')).toBe('2026-07-16'); // 00:00 +10:30
      // 01:30-02:00 happens twice on 2026-04-05.
      expect(periodKey('2026-04-04T14:45:00Z', 'day', 'Australia/Lord_Howe')).toBe('2026-04-05');
      expect(periodKey('2026-04-04T15:15:00Z', 'day', 'Australia/Lord_Howe')).toBe('2026-04-05');
      expect(periodKey('2026-04-05T13:29:59Z', 'day', 'Australia/Lord_Howe')).toBe('2026-04-05');
      expect(periodKey('2026-04-05T13:30:00Z', 'day', 'Australia/Lord_Howe')).toBe('2026-04-06');
    });
  });

  test('Asia/Kolkata (+05:30) and Pacific/Chatham (+12:45, +13:45 in summer)', () => {
    expect(periodKey('2026-11-30T18:29:59Z', 'day', 'Asia/Kolkata')).toBe('2026-11-30');
    expect(periodKey('2026-11-30T18:30:00Z', 'day', 'Asia/Kolkata')).toBe('2026-12-01');
    expect(periodKey('2026-11-30T18:30:00Z', 'month', 'Asia/Kolkata')).toBe('2026-12');
    expect(periodKey('2026-11-30T10:14:59Z', 'day', 'Pacific/Chatham')).toBe('2026-11-30');
    expect(periodKey('2026-11-30T10:15:00Z', 'day', 'Pacific/Chatham')).toBe('2026-12-01'); // 00:00 +13:45
    expect(periodKey('2026-07-15T11:14:59Z', 'day', 'Pacific/Chatham')).toBe('2026-07-15');
    expect(periodKey('2026-07-15T11:15:00Z', 'day', 'Pacific/Chatham')).toBe('2026-07-16'); // 00:00 +12:45
    expect(periodKey('2026-12-31T10:15:00Z', 'year', 'Pacific/Chatham')).toBe('2027');
  });

  test('UTC+14 (Pacific/Kiritimati) and UTC+13 (Pacific/Apia)', () => {
    expect(periodKey('2026-11-30T09:59:59Z', 'day', 'Pacific/Kiritimati')).toBe('2026-11-30');
    expect(periodKey('2026-11-30T10:00:00Z', 'day', 'Pacific/Kiritimati')).toBe('2026-12-01');
    expect(periodKey('2026-12-31T10:00:00Z', 'year', 'Pacific/Kiritimati')).toBe('2027');
    expect(periodKey('2026-11-30T10:59:59Z', 'day', 'Pacific/Apia')).toBe('2026-11-30');
    expect(periodKey('2026-11-30T11:00:00Z', 'day', 'Pacific/Apia')).toBe('2026-12-01');
  });

  test('Pacific/Apia skipped 2011-12-30 when it crossed the date line', () => {
    expect(periodKey('2011-12-30T09:59:59Z', 'day', 'Pacific/Apia')).toBe('2011-12-29'); // 23:59:59 −10:00
    expect(periodKey('2011-12-30T10:00:00Z', 'day', 'Pacific/Apia')).toBe('2011-12-31'); // 00:00 +14:00
    const seen = new Set<string>();
    for (let instant = Date.UTC(2011, 11, 28); instant <= Date.UTC(2012, 0, 2); instant += 15 * 60_000) {
      seen.add(periodKey(instant, 'day', 'Pacific/Apia'));
    }
    expect([...seen]).toEqual(['2011-12-27', '2011-12-28', '2011-12-29', '2011-12-31', '2012-01-01', '2012-01-02']);
    expect(periodKey('2011-12-30T10:00:00Z', 'week', 'Pacific/Apia')).toBe('2011-W52');
  });

  test('time zone names are read as Intl reads them (any case, links, Etc zones)', () => {
    const instant = '2026-11-30T23:30:00Z';
    expect(periodKey(instant, 'day', 'europe/berlin')).toBe('2026-12-01');
    expect(periodKey(instant, 'day', 'Etc/UTC')).toBe('2026-11-30');
    expect(periodKey(instant, 'day', 'Etc/GMT-1')).toBe('2026-12-01'); // POSIX sign: UTC+1
    expect(periodKey(instant, 'day', 'Asia/Calcutta')).toBe('2026-12-01');
  });

  test('years before 1000 get four digits; the calendar is proleptic Gregorian', () => {
    expect(keys('0999-06-15T12:00:00Z')).toEqual({ day: '0999-06-15', week: '0999-W24', month: '0999-06', quarter: '0999-Q2', year: '0999' });
    expect(periodKey('0000-01-03T00:00:00Z', 'week')).toBe('0000-W01');
    // Year 0 is 1 BC, which Intl prints with era BC.
    expect(periodKey('0000-06-15T12:00:00Z', 'day', 'Europe/Berlin')).toBe('0000-06-15');
    expect(periodKey('0000-12-31T20:00:00Z', 'year', 'Asia/Tokyo')).toBe('0001');
    expect(periodKey('0001-01-01T02:00:00Z', 'year', 'America/New_York')).toBe('0000');
    // These days do not exist in the Julian-to-Gregorian switch of 1582, but do in the proleptic calendar.
    expect(periodKey('1582-10-10T12:00:00Z', 'day')).toBe('1582-10-10');
    expect(periodKey('1582-10-10T12:00:00Z', 'day', 'America/New_York')).toBe('1582-10-10');
    expect(periodKey('9999-12-31T12:00:00Z', 'week')).toBe('9999-W52');
  });

  test('a period outside the years 0000-9999 is INVALID_TIMESTAMP', () => {
    expect(periodKey('0000-01-01T00:00:00Z', 'day')).toBe('0000-01-01');
    expectKpiError(() => periodKey('0000-01-01T00:00:00Z', 'day', 'America/New_York'), 'INVALID_TIMESTAMP', 'timestamp');
    expectKpiError(() => periodKey('0000-01-02T23:59:59Z', 'week'), 'INVALID_TIMESTAMP', 'timestamp'); // ISO week-year −1
    expectKpiError(() => periodKey('9999-12-31T23:00:00Z', 'year', 'Asia/Tokyo'), 'INVALID_TIMESTAMP', 'timestamp');
    expectKpiError(() => periodKey(8.64e15, 'year'), 'INVALID_TIMESTAMP', 'timestamp');
    expectKpiError(() => periodKey(-8.64e15, 'day', 'Europe/Berlin'), 'INVALID_TIMESTAMP', 'timestamp');
  });

  test('rejects an unknown grain, an unknown time zone and an invalid timestamp', () => {
    expectKpiError(() => periodKey(0, 'fortnight' as Grain), 'INVALID_OPTION', 'grain');
    expectKpiError(() => periodKey(0, 'Month' as Grain), 'INVALID_OPTION', 'grain');
    expectKpiError(() => periodKey(0, 'day', 'Mars/Olympus_Mons'), 'INVALID_OPTION', 'timeZone');
    expectKpiError(() => periodKey(0, 'day', ''), 'INVALID_OPTION', 'timeZone');
    expectKpiError(() => periodKey(0, 'day', null as unknown as string), 'INVALID_OPTION', 'timeZone');
    expectKpiError(() => periodKey('2026-11-30T23:30:00', 'day'), 'INVALID_TIMESTAMP', 'timestamp');
    expectKpiError(() => periodKey(Number.NaN, 'day', 'Europe/Berlin'), 'INVALID_TIMESTAMP', 'timestamp');
  });

  test('an unknown time zone is refused every time (it is not cached as valid)', () => {
    expectKpiError(() => periodKey(0, 'day', 'Nowhere/Land'), 'INVALID_OPTION', 'timeZone');
    expectKpiError(() => periodKey(0, 'day', 'Nowhere/Land'), 'INVALID_OPTION', 'timeZone');
  });

  test('the same instant asked again, in another zone in between, gives each zone its own day', () => {
    const instant = Date.UTC(2026, 10, 30, 23, 30);
    expect(periodKey(instant, 'day', 'America/New_York')).toBe('2026-11-30');
    expect(periodKey(instant, 'day', 'Asia/Tokyo')).toBe('2026-12-01');
    expect(periodKey(instant, 'day', 'America/New_York')).toBe('2026-11-30');
    expect(periodKey(instant + 3_600_000, 'day', 'America/New_York')).toBe('2026-11-30');
    expect(periodKey(instant + 6 * 3_600_000, 'day', 'America/New_York')).toBe('2026-12-01');
  });
});

describe('isPeriodKey', () => {
  test.each<[string, Grain, boolean]>([
    ['2026-11-30', 'day', true],
    ['2024-02-29', 'day', true],
    ['2000-02-29', 'day', true],
    ['0000-02-29', 'day', true],
    ['2026-02-29', 'day', false],
    ['1900-02-29', 'day', false],
    ['2026-04-31', 'day', false],
    ['2026-11-00', 'day', false],
    ['2026-00-10', 'day', false],
    ['2026-11-3', 'day', false],
    ['2026-11-30T00:00:00Z', 'day', false],
    ['2026-W48', 'week', true],
    ['2026-W01', 'week', true],
    ['2026-W53', 'week', true],
    ['2020-W53', 'week', true],
    ['2025-W53', 'week', false],
    ['2026-W54', 'week', false],
    ['2026-W00', 'week', false],
    ['2026-W1', 'week', false],
    ['2026W48', 'week', false],
    ['2026-w48', 'week', false],
    ['2026-11', 'month', true],
    ['2026-01', 'month', true],
    ['2026-12', 'month', true],
    ['2026-13', 'month', false],
    ['2026-00', 'month', false],
    ['2026-1', 'month', false],
    ['2026-Q4', 'quarter', true],
    ['2026-Q1', 'quarter', true],
    ['2026-Q5', 'quarter', false],
    ['2026-Q0', 'quarter', false],
    ['2026-q4', 'quarter', false],
    ['2026', 'year', true],
    ['0000', 'year', true],
    ['9999', 'year', true],
    ['10000', 'year', false],
    ['-2026', 'year', false],
    ['26', 'year', false],
    ['', 'year', false],
    [' 2026', 'year', false],
    ['2026\n', 'year', false],
    ['٢٠٢٦', 'year', false],
    ['2026-11', 'day', false],
    ['2026-11-30', 'month', false],
    ['2026-W48', 'month', false],
    ['2026', 'quarter', false],
  ])('%j as a %s key is %s', (key, grain, expected) => {
    expect(isPeriodKey(key, grain)).toBe(expected);
  });

  test('a non-string is not a key; an unknown grain is INVALID_OPTION', () => {
    expect(isPeriodKey(2026 as unknown as string, 'year')).toBe(false);
    expect(isPeriodKey(null as unknown as string, 'day')).toBe(false);
    expectKpiError(() => isPeriodKey('2026', 'decade' as Grain), 'INVALID_OPTION', 'grain');
  });
});

describe('previousPeriod and nextPeriod', () => {
  test.each<[Grain, string, string]>([
    ['day', '2026-02-28', '2026-03-01'],
    ['day', '2024-02-29', '2024-03-01'],
    ['day', '2025-12-31', '2026-01-01'],
    ['day', '0999-12-31', '1000-01-01'],
    ['week', '2025-W52', '2026-W01'],
    ['week', '2026-W53', '2027-W01'],
    ['week', '2026-W52', '2026-W53'],
    ['week', '2020-W53', '2021-W01'],
    ['week', '2026-W09', '2026-W10'],
    ['month', '2025-12', '2026-01'],
    ['month', '2026-09', '2026-10'],
    ['quarter', '2025-Q4', '2026-Q1'],
    ['quarter', '2026-Q1', '2026-Q2'],
    ['year', '2025', '2026'],
    ['year', '0999', '1000'],
  ])('%s: %s comes just before %s', (grain, before, after) => {
    expect(nextPeriod(before, grain)).toBe(after);
    expect(previousPeriod(after, grain)).toBe(before);
  });

  test('an invalid key is INVALID_OPTION at period, an unknown grain at grain', () => {
    expectKpiError(() => previousPeriod('2026-13', 'month'), 'INVALID_OPTION', 'period');
    expectKpiError(() => nextPeriod('2025-W53', 'week'), 'INVALID_OPTION', 'period');
    expectKpiError(() => nextPeriod('2026-11', 'day'), 'INVALID_OPTION', 'period');
    expectKpiError(() => previousPeriod('2026', 'week' as Grain), 'INVALID_OPTION', 'period');
    expectKpiError(() => nextPeriod('2026', 'decade' as Grain), 'INVALID_OPTION', 'grain');
  });

  test('no period before 0000 or after 9999: INVALID_OPTION at period', () => {
    expectKpiError(() => previousPeriod('0000-01-01', 'day'), 'INVALID_OPTION', 'period');
    expectKpiError(() => previousPeriod('0000-W01', 'week'), 'INVALID_OPTION', 'period');
    expectKpiError(() => previousPeriod('0000-01', 'month'), 'INVALID_OPTION', 'period');
    expectKpiError(() => previousPeriod('0000-Q1', 'quarter'), 'INVALID_OPTION', 'period');
    expectKpiError(() => previousPeriod('0000', 'year'), 'INVALID_OPTION', 'period');
    expectKpiError(() => nextPeriod('9999-12-31', 'day'), 'INVALID_OPTION', 'period');
    expectKpiError(() => nextPeriod('9999-W52', 'week'), 'INVALID_OPTION', 'period');
    expectKpiError(() => nextPeriod('9999-12', 'month'), 'INVALID_OPTION', 'period');
    expectKpiError(() => nextPeriod('9999-Q4', 'quarter'), 'INVALID_OPTION', 'period');
    expectKpiError(() => nextPeriod('9999', 'year'), 'INVALID_OPTION', 'period');
    expect(nextPeriod('0000-01-01', 'day')).toBe('0000-01-02');
    expect(previousPeriod('9999-W52', 'week')).toBe('9999-W51');
  });
});

describe('periodsBetween', () => {
  test('lists every period from first to last, both included', () => {
    expect(periodsBetween('2026-02-27', '2026-03-02', 'day')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(periodsBetween('2026-W52', '2027-W02', 'week')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(periodsBetween('2025-W52', '2026-W01', 'week')).toEqual(['2025-W52', '2026-W01']);
    expect(periodsBetween('2026-11', '2027-02', 'month')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodsBetween('2026-Q3', '2027-Q1', 'quarter')).toEqual(['2026-Q3', '2026-Q4', '2027-Q1']);
    expect(periodsBetween('1999', '2001', 'year')).toEqual(['1999', '2000', '2001']);
    expect(periodsBetween('2026-11', '2026-11', 'month')).toEqual(['2026-11']);
    expect(periodsBetween('2024-01-01', '2024-12-31', 'day')).toHaveLength(366);
    expect(periodsBetween('0000', '9999', 'year')).toHaveLength(10_000);
  });

  test('is empty when first is after last', () => {
    expect(periodsBetween('2026-12', '2026-11', 'month')).toEqual([]);
    expect(periodsBetween('2027-W01', '2026-W53', 'week')).toEqual([]);
  });

  test('rejects invalid keys at first or last, and an unknown grain', () => {
    expectKpiError(() => periodsBetween('2026-13', '2027-01', 'month'), 'INVALID_OPTION', 'first');
    expectKpiError(() => periodsBetween('2026-01', '2026-Q2', 'month'), 'INVALID_OPTION', 'last');
    expectKpiError(() => periodsBetween('2026', '2027', 'decade' as Grain), 'INVALID_OPTION', 'grain');
  });
});

