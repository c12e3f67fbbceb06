import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { GRAINS, isKpiError, isPeriodKey, nextPeriod, periodKey, periodsBetween, previousPeriod, toEpochMilliseconds, type Grain } from 'xsell-kpi';

const DAY = 86_400_000;
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo'] as const;

// ---------------------------------------------------------------------------------------------
// An independent reference: the zone's UTC offset from Intl's `longOffset` name ("GMT+05:30"),
// the instant shifted by it, and the calendar fields read back with Date's own UTC getters.
// ---------------------------------------------------------------------------------------------

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

function offsetMilliseconds(instant: number, timeZone: string): number {
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
  return (match[1] === '-' ? -1 : 1) * seconds * 1000;
}

const two = (value: number) => String(value).padStart(2, '0');
const four = (value: number) => String(value).padStart(4, '0');

/** ISO week of a UTC calendar date (a `Date` at midnight UTC), by the Thursday rule. */
function isoWeekOf(date: Date): string {
  const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay(); // Monday 1 … Sunday 7
  const thursday = new Date(date.getTime() + (4 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const januaryFirst = new Date(0);
  januaryFirst.setUTCFullYear(year, 0, 1);
  const week = Math.floor((thursday.getTime() - januaryFirst.getTime()) / (7 * DAY)) + 1;
  return `${four(year)}-W${two(week)}`;
}

function referenceKey(instant: number, grain: Grain, timeZone: string): string {
  const local = new Date(instant + offsetMilliseconds(instant, timeZone));
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  switch (grain) {
    case 'day':
      return `${four(year)}-${two(month)}-${two(local.getUTCDate())}`;
    case 'week': {
      const midnight = new Date(0);
      midnight.setUTCFullYear(year, month - 1, local.getUTCDate());
      return isoWeekOf(midnight);
    }
    case 'month':
      return `${four(year)}-${two(month)}`;
    case 'quarter':
      return `${four(year)}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return four(year);
  }
}

/** How many periods `later` is after `earlier` (negative when before), from the keys' fields and Date arithmetic. */
function periodsApart(earlier: string, later: string, grain: Grain): number {
  return (periodIndex(later, grain) - periodIndex(earlier, grain)) / (grain === 'week' ? 7 : 1);
}

/** Days since 1970 of a day key or of the Monday of a week key; months, quarters and years counted directly. */
function periodIndex(key: string, grain: Grain): number {
  const year = Number(key.slice(0, 4));
  switch (grain) {
    case 'day': {
      const date = new Date(0);
      date.setUTCFullYear(year, Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)));
      return date.getTime() / DAY;
    }
    case 'week': {
      const januaryFourth = new Date(0);
      januaryFourth.setUTCFullYear(year, 0, 4);
      const mondayOfWeekOne = januaryFourth.getTime() / DAY - ((januaryFourth.getUTCDay() + 6) % 7);
      return mondayOfWeekOne + (Number(key.slice(6, 8)) - 1) * 7;
    }
    case 'month':
      return year * 12 + Number(key.slice(5, 7)) - 1;
    case 'quarter':
      return year * 4 + Number(key.slice(6, 7)) - 1;
    case 'year':
      return year;
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Integers in [min, max] beyond the 32-bit range of `fc.integer`. */
const epoch = (min: number, max: number) => fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);

const FROM_1970 = 0;
const TO_2100 = Date.UTC(2100, 0, 1) - 1;
const grain = fc.constantFrom<Grain>(...GRAINS);
const zone = fc.constantFrom(...ZONES);
/** Instants from 1970 to 2100, with extra weight on whole hours and half hours near midnights and DST changes. */
const instant = fc.oneof(
  { weight: 3, arbitrary: epoch(FROM_1970, TO_2100) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: Math.floor(TO_2100 / (30 * 60_000)) }), fc.constantFrom(-1000, -1, 0, 1, 999))
      .map(([halfHours, nudge]) => Math.max(FROM_1970, halfHours * 30 * 60_000 + nudge)),
  },
);
/** Any instant whose UTC date is within the years 0001-9998 (periods of every grain exist around it). */
const wideInstant = epoch(Date.parse('0001-01-01T00:00:00Z'), Date.parse('9998-12-31T23:59:59.999Z'));

describe('periodKey agrees with an independent reference', () => {
  test('every grain, in seven time zones, for instants from 1970 to 2100', () => {
    fc.assert(
      fc.property(instant, zone, grain, (at, timeZone, chosen) => {
        expect(periodKey(new Date(at), chosen, timeZone)).toBe(referenceKey(at, chosen, timeZone));
      }),
      { numRuns: 1000 },
    );
  });

  test('all grains of one instant at once, in every zone (interleaved, so any per-zone memo is exercised)', () => {
    fc.assert(
      fc.property(instant, (at) => {
        for (const timeZone of ZONES) {
          for (const chosen of GRAINS) expect(periodKey(new Date(at), chosen, timeZone)).toBe(referenceKey(at, chosen, timeZone));
        }
      }),
    );
  });

  test('in UTC, for instants from year 1 to 9998, by pure Date arithmetic', () => {
    fc.assert(
      fc.property(wideInstant, grain, (at, chosen) => {
        expect(periodKey(new Date(at), chosen)).toBe(referenceKey(at, chosen, 'UTC'));
      }),
    );
  });

  test('a Date, an ISO string with an offset and epoch milliseconds give the same key', () => {
    fc.assert(
      fc.property(instant, zone, grain, (at, timeZone, chosen) => {
        const key = periodKey(new Date(at), chosen, timeZone);
        if (at >= 1e11 && at <= 1e13) expect(periodKey(at, chosen, timeZone)).toBe(key);
        expect(periodKey(new Date(at).toISOString(), chosen, timeZone)).toBe(key);
      }),
    );
  });
});

describe('period keys and their neighbours', () => {
  const keyAndGrain = fc.oneof(
    fc.tuple(instant, grain, zone).map(([at, chosen, timeZone]) => ({ key: periodKey(new Date(at), chosen, timeZone), grain: chosen })),
    fc.tuple(wideInstant, grain).map(([at, chosen]) => ({ key: periodKey(new Date(at), chosen), grain: chosen })),
  );

  test('periodKey makes valid keys of its grain only', () => {
    fc.assert(
      fc.property(keyAndGrain, ({ key, grain: chosen }) => {
        for (const other of GRAINS) expect(isPeriodKey(key, other)).toBe(other === chosen);
      }),
    );
  });

  test('previousPeriod sorts before, nextPeriod after, and each undoes the other', () => {
    fc.assert(
      fc.property(keyAndGrain, ({ key, grain: chosen }) => {
        const previous = previousPeriod(key, chosen);
        const next = nextPeriod(key, chosen);
        expect(previous < key).toBe(true);
        expect(key < next).toBe(true);
        expect(nextPeriod(previous, chosen)).toBe(key);
        expect(previousPeriod(next, chosen)).toBe(key);
        expect(periodsApart(previous, key, chosen)).toBe(1);
        expect(periodsApart(key, next, chosen)).toBe(1);
        expect(isPeriodKey(previous, chosen) && isPeriodKey(next, chosen)).toBe(true);
      }),
    );
  });

  test('the period of an instant one period-length later is the next period (days and weeks, UTC)', () => {
    fc.assert(
      fc.property(wideInstant, fc.constantFrom<Grain>('day', 'week'), (at, chosen) => {
        const step = chosen === 'day' ? DAY : 7 * DAY;
        expect(periodKey(new Date(at + step), chosen)).toBe(nextPeriod(periodKey(new Date(at), chosen), chosen));
      }),
    );
  });

  test('periodsBetween links consecutive periods and counts them like the reference', () => {
    const span = fc
      .tuple(instant, epoch(-40 * DAY, 800 * DAY), grain, zone)
      .map(([start, length, chosen, timeZone]) => ({
        first: periodKey(new Date(start), chosen, timeZone),
        last: periodKey(new Date(Math.min(TO_2100, Math.max(FROM_1970, start + (chosen === 'day' || chosen === 'week' ? length : length * 40)))), chosen, timeZone),
        grain: chosen,
      }));
    fc.assert(
      fc.property(span, ({ first, last, grain: chosen }) => {
        const keys = periodsBetween(first, last, chosen);
        expect(keys.length).toBe(Math.max(0, periodsApart(first, last, chosen) + 1));
        if (first <= last) {
          expect(keys[0]).toBe(first);
          expect(keys.at(-1)).toBe(last);
        } else {
          expect(keys).toEqual([]);
        }
        for (let position = 1; position < keys.length; position += 1) {
          expect(nextPeriod(keys[position - 1] ?? '', chosen)).toBe(keys[position]);
        }
        expect([...keys].sort()).toEqual(keys);
      }),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// toEpochMilliseconds
// ---------------------------------------------------------------------------------------------

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0); // day 0 of the next month
  return date.getUTCDate();
}

const dateFields = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([year, month, day]) => ({ year, month, day: Math.min(day, daysInMonth(year, month)) }));
const timeText = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.option(fc.tuple(fc.integer({ min: 0, max: 59 }), fc.option(fc.stringMatching(/^\d{1,9}$/)))),
  )
  .map(([hour, minute, seconds]) => {
    const base = `${two(hour)}:${two(minute)}`;
    if (seconds === null) return base;
    const [second, fraction] = seconds;
    return `${base}:${two(second)}${fraction === null ? '' : `.${fraction}`}`;
  });
const offsetText = fc.oneof(
  fc.constant('Z'),
  fc
    .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.boolean())
    .map(([sign, hours, minutes, colon]) => `${sign}${two(hours)}${colon ? ':' : ''}${two(minutes)}`),
);
const validIso = fc
  .tuple(dateFields, timeText, offsetText)
  .map(([{ year, month, day }, time, offset]) => `${four(year)}-${two(month)}-${two(day)}T${time}${offset}`);

function expectInvalidTimestamp(value: unknown, path: string): void {
  let thrown: unknown;
  try {
    toEpochMilliseconds(value, path);
  } catch (error) {
    thrown = error;
  }
  expect(isKpiError(thrown), `${String(value)} should be refused`).toBe(true);
  expect((thrown as { code: string }).code).toBe('INVALID_TIMESTAMP');
  expect((thrown as { path: string }).path).toBe(path);
}

describe('toEpochMilliseconds', () => {
  test('equals Date.parse on every valid ISO 8601 string with an offset', () => {
    fc.assert(
      fc.property(validIso, (text) => {
        expect(toEpochMilliseconds(text)).toBe(Date.parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  test('round-trips Date#toISOString and Dates across the whole Date range, and epoch milliseconds from 1e11 to 1e13', () => {
    fc.assert(
      fc.property(epoch(-8.64e15, 8.64e15), (milliseconds) => {
        if (milliseconds >= 1e11 && milliseconds <= 1e13) expect(toEpochMilliseconds(milliseconds)).toBe(milliseconds);
        else expectInvalidTimestamp(milliseconds, 'at');
        expect(toEpochMilliseconds(new Date(milliseconds))).toBe(milliseconds);
        const text = new Date(milliseconds).toISOString();
        if (/^\d{4}-/.test(text)) expect(toEpochMilliseconds(text)).toBe(milliseconds);
        else expectInvalidTimestamp(text, 'at'); // years beyond 0000-9999 print as ±YYYYYY
      }),
    );
  });

  test('refuses a day that the month does not have, even where Date.parse accepts it', () => {
    const badDay = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 99 }))
      .filter(([year, month, day]) => day === 0 || day > daysInMonth(year, month))
      .map(([year, month, day]) => `${four(year)}-${two(month)}-${two(day)}T12:00:00Z`);
    fc.assert(fc.property(badDay, (text) => expectInvalidTimestamp(text, 'orders[0].timestamp')));
  });

  test('refuses a valid date-time with its offset removed', () => {
    fc.assert(
      fc.property(dateFields, timeText, ({ year, month, day }, time) => {
        expectInvalidTimestamp(`${four(year)}-${two(month)}-${two(day)}T${time}`, 'timestamp');
        expectInvalidTimestamp(`${four(year)}-${two(month)}-${two(day)}`, 'timestamp');
      }),
    );
  });

  test('refuses numbers that are not integers within the Date range', () => {
    const badNumber = fc.oneof(
      fc.double({ noInteger: true }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
      fc.double({ min: 8.64e15 + 1, max: Number.MAX_VALUE, noNaN: true }),
      fc.double({ min: -Number.MAX_VALUE, max: -8.64e15 - 1, noNaN: true }),
    );
    fc.assert(fc.property(badNumber, (value) => expectInvalidTimestamp(value, 'visits[1].timestamp')));
  });
});
