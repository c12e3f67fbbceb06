/**
 * The calendar engine (src/_internal/calendar.ts) against independent references: the zone's
 * offset as Intl names it (`longOffset`, "GMT-04:56:02"), calendar fields read back with `Date`'s
 * UTC getters, and the CLI's former regular expression for ISO-like cells. Zones with DST, half-hour
 * and 45-minute offsets, historic local mean time offsets with seconds, and a skipped day.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { GRAINS, periodKey, type Grain } from 'xsell-kpi';
import {
  DateTimeSyntax,
  dateTimeFields,
  isPeriodOrdinal,
  localToInstant,
  ordinalOfPeriodKey,
  periodKeyOfOrdinal,
  periodOrdinal,
  readDateTime,
  zone,
  type DateTimeFields,
} from '../../src/_internal/calendar.js';
import { expectKpiError } from '../support/expectKpiError.js';

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Dublin', // Dublin Mean Time −00:25:21 until 1916; "negative DST" in winter since 1971
  'America/New_York', // local mean time −04:56:02 until 1883
  'America/Sao_Paulo',
  'America/St_Johns', // −03:30 with DST
  'Africa/Monrovia', // −00:44:30 until 1972
  'Asia/Kolkata', // +05:30; +05:53:28 before 1854
  'Asia/Kathmandu', // +05:45 since 1986
  'Asia/Tehran', // +03:30, DST until 2022
  'Australia/Lord_Howe', // +10:30, half-hour DST
  'Australia/Eucla', // +08:45
  'Pacific/Chatham', // +12:45 / +13:45
  'Pacific/Apia', // skipped 2011-12-30
] as const;

// ---------------------------------------------------------------------------------------------
// References
// ---------------------------------------------------------------------------------------------

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset by the name Intl gives it ("GMT+05:45", "GMT-04:56:02", "GMT"). */
function referenceOffset(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name);
  if (match === null) throw new Error(`unexpected offset name ${JSON.stringify(name)}`);
  if (match[1] === undefined) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  return (match[1] === '-' ? -1 : 1) * seconds * SECOND;
}

const two = (value: number) => String(value).padStart(2, '0');
const four = (value: number) => String(value).padStart(4, '0');

/** The ordinal and key of the period of an instant, from the reference offset and Date's UTC getters. */
function reference(instant: number, grain: Grain, timeZone: string): { ordinal: number; key: string } {
  const local = new Date(instant + referenceOffset(instant, timeZone));
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const days = Math.floor(local.getTime() / DAY);
  switch (grain) {
    case 'day':
      return { ordinal: days, key: `${four(year)}-${two(month)}-${two(local.getUTCDate())}` };
    case 'week': {
      const monday = days - ((local.getUTCDay() + 6) % 7);
      const thursday = new Date((monday + 3) * DAY);
      const januaryFirst = new Date(0);
      januaryFirst.setUTCFullYear(thursday.getUTCFullYear(), 0, 1);
      const week = Math.floor((thursday.getTime() - januaryFirst.getTime()) / (7 * DAY)) + 1;
      // Week 0 is the week of Monday 1970-01-05 (day 4).
      return { ordinal: (monday - 4) / 7, key: `${four(thursday.getUTCFullYear())}-W${two(week)}` };
    }
    case 'month':
      return { ordinal: year * 12 + month - 1, key: `${four(year)}-${two(month)}` };
    case 'quarter':
      return { ordinal: year * 4 + Math.ceil(month / 3) - 1, key: `${four(year)}-Q${Math.ceil(month / 3)}` };
    case 'year':
      return { ordinal: year, key: four(year) };
  }
}

/**
 * Every offset change of a zone between two instants, with the offsets before and after: found week
 * by week with the reference, then bisected to the second (a change a few days after another is
 * missed, which only makes the sample smaller).
 */
function transitions(timeZone: string, from: number, to: number): { at: number; before: number; after: number }[] {
  const found: { at: number; before: number; after: number }[] = [];
  const step = 7 * DAY;
  let before = referenceOffset(from, timeZone);
  for (let start = from; start < to; start += step) {
    const after = referenceOffset(start + step, timeZone);
    if (before === after) continue;
    let low = start;
    let high = start + step;
    while (high - low > SECOND) {
      const middle = low + Math.floor((high - low) / (2 * SECOND)) * SECOND;
      if (referenceOffset(middle, timeZone) === before) low = middle;
      else high = middle;
    }
    found.push({ at: high, before, after: referenceOffset(high, timeZone) });
    before = after;
  }
  return found;
}

const FROM = Date.UTC(1850, 0, 1);
const TO = Date.UTC(2040, 0, 1);
const TRANSITIONS = ZONES.flatMap((timeZone) => transitions(timeZone, FROM, TO).map((change) => ({ timeZone, ...change })));

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Integers in [min, max] beyond the 32-bit range of `fc.integer`. */
const epoch = (min: number, max: number) => fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
const zoneName = fc.constantFrom(...ZONES);
const grain = fc.constantFrom<Grain>(...GRAINS);
/** An instant in some zone: anywhere in 1850-2040, or within two hours of one of its offset changes (to the millisecond). */
const zonedInstant = fc.oneof(
  fc.tuple(zoneName, epoch(FROM, TO)).map(([timeZone, instant]) => ({ timeZone: timeZone as string, instant })),
  fc
    .tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -2 * 3600, max: 2 * 3600 }), fc.integer({ min: 0, max: 999 }))
    .map(([{ timeZone, at }, seconds, milliseconds]) => ({ timeZone, instant: at + seconds * SECOND + milliseconds })),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.constantFrom(-SECOND, -1, 0, 1, SECOND - 1)).map(([{ timeZone, at }, nudge]) => ({ timeZone, instant: at + nudge })),
);

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('zone offsets', () => {
  test('the sample has offset changes of every kind: DST, 30 and 45 minutes, local mean time with seconds, a skipped day', () => {
    expect(TRANSITIONS.length).toBeGreaterThan(1000);
    expect(TRANSITIONS.some(({ before }) => before % 60_000 !== 0)).toBe(true); // local mean time with seconds
    expect(TRANSITIONS.some(({ before, after }) => (after - before) % HOUR !== 0 && (after - before) % (15 * 60_000) === 0)).toBe(true);
    expect(TRANSITIONS.some(({ at }) => at % HOUR !== 0)).toBe(true); // changes off the UTC hour
    expect(TRANSITIONS.some(({ before, after }) => Math.abs(after - before) === DAY)).toBe(true); // Pacific/Apia
  });

  test('offsetAt equals the offset Intl names, to the second, anywhere and around every change', () => {
    fc.assert(
      fc.property(zonedInstant, ({ timeZone, instant }) => {
        expect(zone(timeZone).offsetAt(instant)).toBe(referenceOffset(instant, timeZone));
      }),
      { numRuns: 3000 },
    );
  });

  test('at each change, the last second has the offset before and the first second the offset after', () => {
    for (const { timeZone, at, before, after } of TRANSITIONS) {
      const inZone = zone(timeZone);
      for (const instant of [at - SECOND, at - 1]) expect(inZone.offsetAt(instant), `${timeZone} ${new Date(instant).toISOString()}`).toBe(before);
      for (const instant of [at, at + 1, at + SECOND - 1]) expect(inZone.offsetAt(instant), `${timeZone} ${new Date(instant).toISOString()}`).toBe(after);
    }
  });

  describe('Intl calls', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    test('one hour is looked up once: later instants in it need no Intl call, even an hour with a change in it', () => {
      const paris = zone('Europe/Paris');
      const parts = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
      // `format` is a getter (of a bound function): count its reads.
      const format = vi.spyOn(Intl.DateTimeFormat.prototype as unknown as { readonly format: unknown }, 'format', 'get');
      const calls = () => parts.mock.calls.length + format.mock.calls.length;
      const start = Date.UTC(2026, 5, 1, 10);
      paris.offsetAt(start);
      const first = calls();
      // The first and the last second of the hour, each read with format() (formatToParts() only where format() could not be read).
      expect(first).toBe(2);
      expect(parts.mock.calls.length).toBe(0);
      for (let instant = start; instant < start + HOUR; instant += 997) paris.offsetAt(instant);
      expect(calls()).toBe(first);
      // 2026-03-29 01:00 UTC: CET → CEST, on the hour; 1911-03-11 00:00 UTC: Paris Mean Time +00:09:21 → WET, off the hour.
      for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(1911, 2, 10, 23, 50, 39)]) {
        const before = calls();
        for (let instant = change - 2 * HOUR; instant < change + 2 * HOUR; instant += 1009) paris.offsetAt(instant);
        // At most five hours, two look-ups each, and 12 + 1 more to bisect the hour of the change.
        expect(calls() - before).toBeLessThanOrEqual(5 * 2 + 13);
      }
    });
  });
});

describe('periodOrdinal', () => {
  test('is the reference ordinal, and its key the reference key, for every grain', () => {
    fc.assert(
      fc.property(zonedInstant, grain, ({ timeZone, instant }, chosen) => {
        const expected = reference(instant, chosen, timeZone);
        const ordinal = periodOrdinal(instant, chosen, zone(timeZone));
        expect(ordinal).toBe(expected.ordinal);
        expect(periodKeyOfOrdinal(ordinal, chosen)).toBe(expected.key);
        expect(ordinalOfPeriodKey(expected.key, chosen)).toBe(expected.ordinal);
      }),
      { numRuns: 3000 },
    );
  });

  test('agrees with periodKey, all grains of one instant interleaved across zones', () => {
    fc.assert(
      fc.property(zonedInstant, ({ instant }) => {
        for (const timeZone of ZONES) {
          for (const chosen of GRAINS) expect(periodKeyOfOrdinal(periodOrdinal(instant, chosen, zone(timeZone)), chosen)).toBe(periodKey(new Date(instant), chosen, timeZone));
        }
      }),
      { numRuns: 100 },
    );
  });

  test('from year 1 to 9998, in UTC and in zones with local mean time', () => {
    const wide = epoch(Date.parse('0001-01-01T00:00:00Z'), Date.parse('9998-12-31T00:00:00Z'));
    fc.assert(
      fc.property(wide, grain, fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'), (instant, chosen, timeZone) => {
        expect(periodOrdinal(instant, chosen, zone(timeZone))).toBe(reference(instant, chosen, timeZone).ordinal);
      }),
    );
  });

  test('2026-12-31 and 2027-01-01 are one ISO week apart by zero, and one period apart in every other grain', () => {
    for (const chosen of GRAINS) {
      const [before, after] = ['2026-12-31T23:59:59.999Z', '2027-01-01T00:00:00Z'].map((text) => periodOrdinal(Date.parse(text), chosen, zone('UTC')));
      expect(after! - before!).toBe(chosen === 'week' ? 0 : 1);
    }
  });

  test('outside the years 0000-9999, or not an instant, is INVALID_TIMESTAMP at timestamp', () => {
    for (const chosen of GRAINS) {
      expectKpiError(() => periodOrdinal(8.64e15, chosen, zone('UTC')), 'INVALID_TIMESTAMP', 'timestamp');
      expectKpiError(() => periodOrdinal(-8.64e15, chosen, zone('Europe/Berlin')), 'INVALID_TIMESTAMP', 'timestamp');
      expectKpiError(() => periodOrdinal(Number.NaN, chosen, zone('Europe/Berlin')), 'INVALID_TIMESTAMP', 'timestamp');
      expectKpiError(() => periodOrdinal(Number.POSITIVE_INFINITY, chosen, zone('UTC')), 'INVALID_TIMESTAMP', 'timestamp');
      expectKpiError(() => periodOrdinal(Date.UTC(10_000, 0, 1), chosen, zone('UTC')), 'INVALID_TIMESTAMP', 'timestamp');
    }
    const yearZero = Date.parse('0000-01-01T00:00:00Z');
    expect(periodOrdinal(yearZero, 'day', zone('UTC'))).toBe(ordinalOfPeriodKey('0000-01-01', 'day'));
    expectKpiError(() => periodOrdinal(yearZero, 'day', zone('America/New_York')), 'INVALID_TIMESTAMP', 'timestamp');
    expectKpiError(() => periodOrdinal(Date.parse('0000-01-02T23:59:59Z'), 'week', zone('UTC')), 'INVALID_TIMESTAMP', 'timestamp'); // ISO week-year −1
    expectKpiError(() => periodOrdinal(Date.parse('9999-12-31T23:00:00Z'), 'year', zone('Asia/Tokyo')), 'INVALID_TIMESTAMP', 'timestamp');
  });
});

describe('ordinals and keys', () => {
  const FIRST: Record<Grain, string> = { day: '0000-01-01', week: '0000-W01', month: '0000-01', quarter: '0000-Q1', year: '0000' };
  const LAST: Record<Grain, string> = { day: '9999-12-31', week: '9999-W52', month: '9999-12', quarter: '9999-Q4', year: '9999' };

  test.each(GRAINS)('%s: the first and last keys of 0000-9999 bound the ordinals that have keys', (chosen) => {
    const first = ordinalOfPeriodKey(FIRST[chosen], chosen)!;
    const last = ordinalOfPeriodKey(LAST[chosen], chosen)!;
    expect(isPeriodOrdinal(first, chosen) && isPeriodOrdinal(last, chosen)).toBe(true);
    expect(isPeriodOrdinal(first - 1, chosen) || isPeriodOrdinal(last + 1, chosen) || isPeriodOrdinal(first + 0.5, chosen)).toBe(false);
    expect(periodKeyOfOrdinal(first, chosen)).toBe(FIRST[chosen]);
    expect(periodKeyOfOrdinal(last, chosen)).toBe(LAST[chosen]);
    expect(() => periodKeyOfOrdinal(first - 1, chosen)).toThrow(RangeError);
    expect(() => periodKeyOfOrdinal(last + 1, chosen)).toThrow(RangeError);
  });

  test('every ordinal in range round-trips through its key, and keys sort as their ordinals', () => {
    fc.assert(
      fc.property(grain, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 3 }), (chosen, where, distance) => {
        const first = ordinalOfPeriodKey(FIRST[chosen], chosen)!;
        const last = ordinalOfPeriodKey(LAST[chosen], chosen)!;
        const ordinal = Math.min(last - distance, first + Math.floor(where * (last - first)));
        const key = periodKeyOfOrdinal(ordinal, chosen);
        expect(ordinalOfPeriodKey(key, chosen)).toBe(ordinal);
        const later = periodKeyOfOrdinal(ordinal + distance, chosen);
        expect(distance === 0 ? later === key : key < later).toBe(true);
      }),
    );
  });

  test('what is not a key of the grain has no ordinal', () => {
    for (const [key, chosen] of [
      ['2026-02-29', 'day'],
      ['2025-W53', 'week'],
      ['2026-W00', 'week'],
      ['2026-13', 'month'],
      ['2026-Q5', 'quarter'],
      ['026', 'year'],
      ['2026-11', 'day'],
    ] as const) {
      expect(ordinalOfPeriodKey(key, chosen)).toBeUndefined();
    }
    expect(ordinalOfPeriodKey(2026, 'year')).toBeUndefined();
  });
});

describe('zone', () => {
  test('is validated and cached: the same name gives the same zone; a bad one INVALID_OPTION at timeZone every time', () => {
    expect(zone('Europe/Berlin')).toBe(zone('Europe/Berlin'));
    expect(zone('europe/berlin').name).toBe('europe/berlin');
    expect(zone('Etc/GMT0').isUtc && zone('utc').isUtc && zone('Etc/Greenwich').isUtc).toBe(true);
    expect(zone('Europe/London').isUtc).toBe(false);
    for (const bad of ['Mars/Olympus_Mons', 'Mars/Olympus_Mons', '', null, undefined, 1, new Date(Number.NaN)]) {
      expectKpiError(() => zone(bad), 'INVALID_OPTION', 'timeZone');
    }
  });
});

describe('localToInstant (wall-clock time → instant, Temporal\'s \'compatible\')', () => {
  const utc = (text: string): number => Date.parse(text);

  test.each([
    // Europe/Berlin, 2026-03-29: 02:00 CET → 03:00 CEST. 02:30 does not exist: 'compatible' moves it forward by the gap.
    ['Europe/Berlin', '2026-03-29T01:59:00Z', '2026-03-29T00:59:00Z'],
    ['Europe/Berlin', '2026-03-29T02:30:00Z', '2026-03-29T01:30:00Z'],
    ['Europe/Berlin', '2026-03-29T03:00:00Z', '2026-03-29T01:00:00Z'],
    // 2026-10-25: 03:00 CEST → 02:00 CET. 02:30 happens twice: 'compatible' takes the earlier (CEST).
    ['Europe/Berlin', '2026-10-25T02:30:00Z', '2026-10-25T00:30:00Z'],
    ['Europe/Berlin', '2026-10-25T03:00:00Z', '2026-10-25T02:00:00Z'],
    // America/New_York: 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
    ['America/New_York', '2026-03-08T02:30:00Z', '2026-03-08T07:30:00Z'],
    ['America/New_York', '2026-11-01T01:30:00Z', '2026-11-01T05:30:00Z'],
    // No DST, a half-hour offset, a 45-minute one; local mean time with seconds; and UTC.
    ['Asia/Kolkata', '2026-01-01T00:00:00Z', '2025-12-31T18:30:00Z'],
    ['Asia/Kathmandu', '2026-01-01T00:00:00Z', '2025-12-31T18:15:00Z'],
    ['America/New_York', '1850-01-01T00:00:00Z', '1850-01-01T04:56:02Z'],
    ['UTC', '2026-06-01T12:00:00Z', '2026-06-01T12:00:00Z'],
  ])('%s %s (wall clock) is %s', (timeZone, wall, instant) => {
    expect(localToInstant(utc(wall), zone(timeZone))).toBe(utc(instant));
  });

  test('gives back the wall clock, at its earliest instant (property)', () => {
    fc.assert(
      fc.property(zonedInstant, ({ timeZone, instant }) => {
        const wall = instant + referenceOffset(instant, timeZone);
        const found = localToInstant(wall, zone(timeZone));
        expect(found + referenceOffset(found, timeZone)).toBe(wall);
        expect(found).toBeLessThanOrEqual(instant);
      }),
      { numRuns: 2000 },
    );
  });

  test('at every offset change: a skipped wall clock moves forward by the gap, a repeated one takes the earlier instant', () => {
    let gaps = 0;
    let overlaps = 0;
    for (const { timeZone, at, before, after } of TRANSITIONS) {
      if (Math.abs(after - before) >= DAY) continue; // Pacific/Apia's skipped day: its wall clocks are checked by the property
      const first = at + Math.min(before, after); // the first wall-clock time the change affects
      const last = at + Math.max(before, after) - SECOND;
      for (const wall of [first, first + Math.floor((last - first) / (2 * SECOND)) * SECOND, last]) {
        // Forward (a gap): read with the offset before, which lands after the gap. Back (an overlap): the earlier instant, also the offset before.
        expect(localToInstant(wall, zone(timeZone)), `${timeZone} ${new Date(wall).toISOString()}`).toBe(wall - before);
      }
      // Just outside the affected wall-clock times, the instant is the only one.
      expect(localToInstant(first - SECOND, zone(timeZone))).toBe(first - SECOND - before);
      expect(localToInstant(last + SECOND, zone(timeZone))).toBe(last + SECOND - after);
      if (after > before) gaps += 1;
      else overlaps += 1;
    }
    expect(gaps).toBeGreaterThan(500);
    expect(overlaps).toBeGreaterThan(500);
  });
});

// ---------------------------------------------------------------------------------------------
// Date-time text
// ---------------------------------------------------------------------------------------------

/** The CLI's reading of an ISO-like cell before this module: a regular expression. */
const OFFSET = 'Z|z|[+-]\\d{2}(?::?\\d{2})?';
const ISO_LIKE = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?(?: ?(${OFFSET}))?$`);

function regexReading(text: string): { syntax: DateTimeSyntax; fields?: DateTimeFields } {
  const match = ISO_LIKE.exec(text);
  if (match === null) return { syntax: DateTimeSyntax.Unreadable };
  let offset = Number.NaN;
  if (match[8] !== undefined) {
    const written = match[8];
    if (written === 'Z' || written === 'z') offset = 0;
    else {
      const digits = written.slice(1).replace(':', '');
      const hours = Number(digits.slice(0, 2));
      const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (hours > 23 || minutes > 59) return { syntax: DateTimeSyntax.OffsetOutOfRange };
      offset = (written[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
    }
  }
  const fraction = match[7];
  return {
    syntax: DateTimeSyntax.Read,
    fields: {
      year: Number(match[1]),
      month: Number(match[2]),
      day: Number(match[3]),
      hour: match[4] === undefined ? 0 : Number(match[4]),
      minute: match[5] === undefined ? 0 : Number(match[5]),
      second: match[6] === undefined ? 0 : Number(match[6]),
      millisecond: fraction === undefined ? 0 : Number(`${fraction}00`.slice(0, 3)),
      offset,
    },
  };
}

/** Text close to the ISO-like syntax: each piece right, missing, or slightly wrong. */
const digitsText = (count: number) => fc.array(fc.constantFrom('0', '1', '2', '3', '5', '9'), { minLength: count, maxLength: count }).map((digits) => digits.join(''));
const piece = <T>(right: fc.Arbitrary<T>, ...wrong: fc.Arbitrary<T>[]) => fc.oneof({ weight: 25, arbitrary: right }, ...wrong.map((arbitrary) => ({ weight: 1, arbitrary })));
const isoLikeText = fc
  .tuple(
    piece(digitsText(4), digitsText(3), digitsText(5)),
    piece(fc.constant('-'), fc.constant('/')),
    piece(digitsText(2), digitsText(1)),
    piece(fc.constant('-'), fc.constant('.')),
    piece(digitsText(2), digitsText(1)),
    fc.option(
      fc.tuple(
        piece(fc.constantFrom('T', ' '), fc.constantFrom('t', '  ', '')),
        piece(digitsText(2), digitsText(1)),
        piece(fc.constant(':'), fc.constant('')),
        piece(digitsText(2), digitsText(3)),
        fc.option(fc.tuple(piece(fc.constant(':'), fc.constant('.')), piece(digitsText(2), digitsText(1)), fc.option(fc.tuple(piece(fc.constantFrom('.', ','), fc.constant(':')), fc.integer({ min: 0, max: 11 }).chain(digitsText))))),
      ),
    ),
    fc.option(
      fc.tuple(
        piece(fc.constantFrom('', ' '), fc.constant('  ')),
        piece(
          fc.oneof(fc.constantFrom('Z', 'z'), fc.tuple(fc.constantFrom('+', '-'), digitsText(2), fc.constantFrom('', ':'), fc.oneof(digitsText(2), fc.constant(''))).map((parts) => parts.join(''))),
          fc.constantFrom('UTC', '+1', '+123', 'ZZ', '+01:', '+0100Z'),
        ),
      ),
    ),
  )
  .map(([year, dash1, month, dash2, day, time, offset]) => {
    let text = `${year}${dash1}${month}${dash2}${day}`;
    if (time !== null) {
      const [separator, hour, colon, minute, seconds] = time;
      text += `${separator}${hour}${colon}${minute}`;
      if (seconds !== null) {
        text += `${seconds[0]}${seconds[1]}`;
        if (seconds[2] !== null) text += `${seconds[2][0]}${seconds[2][1]}`;
      }
    }
    if (offset !== null) text += `${offset[0]}${offset[1]}`;
    return text;
  });

describe('readDateTime', () => {
  test('lenient: reads exactly what the CLI read with its regular expression, to the same fields', () => {
    const fields = dateTimeFields();
    fc.assert(
      fc.property(isoLikeText, (text) => {
        const expected = regexReading(text);
        expect({ text, syntax: readDateTime(text, true, fields) }).toEqual({ text, syntax: expected.syntax });
        if (expected.fields !== undefined) expect({ ...fields }).toEqual(expected.fields);
      }),
      { numRuns: 3000 },
    );
  });

  test('strict reads a subset of the lenient syntax: T, seconds optional, an offset Z, ±HH:mm or ±HHmm', () => {
    const strict = dateTimeFields();
    const lenient = dateTimeFields();
    fc.assert(
      fc.property(isoLikeText, (text) => {
        const read = readDateTime(text, false, strict);
        if (read === DateTimeSyntax.Read) {
          expect(readDateTime(text, true, lenient)).toBe(DateTimeSyntax.Read);
          expect(strict).toEqual(lenient);
          expect(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
