import { KpiError } from './KpiError.js';
import {
  DateTimeSyntax,
  MS_PER_DAY,
  MS_PER_MINUTE,
  dateTimeFields,
  daysFromCivil,
  daysInMonth,
  describeValue,
  isCalendarDateTime,
  isPeriodOrdinal,
  ordinalOfPeriodKey,
  periodKeyOfOrdinal,
  periodOrdinal,
  readDateTime,
  wallClock,
  zone,
} from '../_internal/calendar.js';

/**
 * A calendar period length that KPIs are bucketed by.
 *
 * @remarks
 * `'day'` (key `2026-11-30`), `'week'` (ISO 8601 week, Monday start, ISO week-year: `2026-W48`),
 * `'month'` (`2026-11`), `'quarter'` (`2026-Q4`) and `'year'` (`2026`). See {@link periodKey}.
 *
 * @category Time
 */
export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * A moment in time as the caller has it.
 *
 * @remarks
 * A `Date` (not an Invalid Date), an ISO-8601 string that carries `Z` or a numeric offset
 * (`'2026-11-30T23:30:00Z'`, `'2026-11-30T23:30:00.123+01:00'`), or an integer number of
 * milliseconds since 1970-01-01T00:00:00Z. See {@link toEpochMilliseconds}.
 *
 * @category Time
 */
export type TimestampInput = Date | string | number;

/**
 * Every {@link Grain}, from the shortest to the longest.
 *
 * @remarks
 * Handy to validate a `--grain` flag or to build a menu. Frozen.
 *
 * @example
 * ```ts
 * import { GRAINS } from 'xsell-kpi';
 * GRAINS; // => ['day', 'week', 'month', 'quarter', 'year']
 * GRAINS.includes('month'); // => true
 * ```
 * @category Time
 */
export const GRAINS: readonly Grain[] = /* @__PURE__ */ Object.freeze(['day', 'week', 'month', 'quarter', 'year'] as const);

// Calendar arithmetic, time zones and period ordinals live in src/_internal/calendar.ts; this
// module is their public face.

function checkGrain(grain: unknown): asserts grain is Grain {
  if (grain !== 'day' && grain !== 'week' && grain !== 'month' && grain !== 'quarter' && grain !== 'year') {
    throw new KpiError('INVALID_OPTION', 'grain', `expected 'day', 'week', 'month', 'quarter' or 'year', got ${describeValue(grain)}`);
  }
}

function checkedOrdinal(key: unknown, grain: Grain, path: string): number {
  const ordinal = ordinalOfPeriodKey(key, grain);
  if (ordinal === undefined) throw new KpiError('INVALID_OPTION', path, `expected a ${grain} key such as ${JSON.stringify(EXAMPLE_KEYS[grain])}, got ${describeValue(key)}`);
  return ordinal;
}

const EXAMPLE_KEYS: Readonly<Record<Grain, string>> = { day: '2026-11-30', week: '2026-W48', month: '2026-11', quarter: '2026-Q4', year: '2026' };

// ---------------------------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------------------------

/** Filled by each string read: no object per call. */
const FIELDS = /* @__PURE__ */ dateTimeFields();

/** Epoch milliseconds of an extended ISO 8601 date-time with `Z` or a numeric offset, or `undefined`. */
function parseIsoDateTime(text: string): number | undefined {
  const utc = canonicalUtc(text);
  if (utc !== undefined) return utc;
  if (readDateTime(text, false, FIELDS) !== DateTimeSyntax.Read || !isCalendarDateTime(FIELDS)) return undefined;
  return wallClock(FIELDS) - FIELDS.offset * MS_PER_MINUTE;
}

/** Two digits at `at`, or NaN. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : Number.NaN;
}

/**
 * The instant of `YYYY-MM-DDTHH:mm:ssZ` or `YYYY-MM-DDTHH:mm:ss.sssZ` (what `Date#toISOString()`
 * writes, and most exports), read without the general parser; `undefined` for any other form (or
 * an impossible date), which the general parser then reads or refuses.
 */
function canonicalUtc(text: string): number | undefined {
  const length = text.length;
  if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== 90 /* Z */) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  let milliseconds = 0;
  if (length === 24) {
    const digit = text.charCodeAt(22) - 48;
    if (text.charCodeAt(19) !== 46 || digit < 0 || digit > 9) return undefined;
    milliseconds = twoDigits(text, 20) * 10 + digit;
  }
  // NaN (a non-digit) fails every comparison below.
  if (!(year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59 && milliseconds >= 0)) return undefined;
  return daysFromCivil(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + milliseconds;
}

/**
 * Numbers are read as epoch milliseconds only from 1973-03-03 to 2286-11-20: outside that range a
 * number is far more likely epoch seconds or microseconds (or a mistake) than a real instant, and
 * reading it as milliseconds would silently file the event decades away.
 */
const MIN_EPOCH_NUMBER = 1e11;
const MAX_EPOCH_NUMBER = 1e13;

/** What a number outside the range probably is. */
function numberHint(value: number): string {
  if (value >= 1e8 && value < 1e11) return ' (epoch seconds? multiply by 1000)';
  if (value > 1e13 && value < 1e17) return ' (epoch microseconds? divide by 1000)';
  return '';
}

/**
 * Turns a {@link TimestampInput} into milliseconds since 1970-01-01T00:00:00Z, validating it strictly.
 *
 * @remarks
 * Accepts a valid `Date`; an integer number of epoch milliseconds from 1e11 (1973-03-03) to 1e13
 * (2286-11-20), both allowed (a number outside is more likely epoch seconds or microseconds, and the
 * error says so); or an extended ISO 8601 date-time that carries `Z` or a numeric offset:
 * `YYYY-MM-DDTHH:mm[:ss[.fraction]]` followed by `Z`, `±HH:mm` or `±HHmm`, with a 4-digit year, an
 * upper-case `T` and `Z`, and a fraction of 1 to 9 digits (digits after the milliseconds are
 * dropped, as `Date.parse` does). Every field is checked (month 1-12, a day that exists in that
 * month, hour 0-23, minute and second 0-59, offset hours 0-23), unlike `Date.parse`, which reads
 * `'2026-02-30T00:00:00Z'` as March 2.
 *
 * A string without an offset (`'2026-11-30T10:00:00'`, `'2026-11-30'`) is refused: it names a
 * different instant in every time zone, and guessing one would silently shift events between
 * periods. O(1).
 *
 * @param value - A `Date`, an ISO 8601 string with `Z` or an offset, or epoch milliseconds.
 * @param path - Where the value came from, for the error; `'timestamp'` by default.
 * @returns The instant as epoch milliseconds (an integer).
 * @throws {@link KpiError} `INVALID_TIMESTAMP` (at `path`) for anything else: an Invalid Date, NaN,
 * ±Infinity, a fractional or out-of-range number, a string without an offset or with an impossible
 * field, or a value of another type.
 * @example
 * ```ts
 * import { toEpochMilliseconds } from 'xsell-kpi';
 * toEpochMilliseconds('2026-11-30T23:30:00Z'); // => 1796081400000
 * toEpochMilliseconds('2026-12-01T00:30:00.000+01:00'); // => 1796081400000
 * toEpochMilliseconds('2026-11-30T18:30:00-0500'); // => 1796081400000
 * toEpochMilliseconds(new Date(Date.UTC(2026, 10, 30, 23, 30))); // => 1796081400000
 * toEpochMilliseconds(1796081400000); // => 1796081400000
 * toEpochMilliseconds(1796081400); // throws INVALID_TIMESTAMP
 * toEpochMilliseconds('2026-11-30T23:30:00'); // throws INVALID_TIMESTAMP
 * toEpochMilliseconds('2026-02-30T00:00:00Z'); // throws INVALID_TIMESTAMP
 * ```
 * @example
 * ```ts
 * import { isKpiError, toEpochMilliseconds } from 'xsell-kpi';
 * try {
 *   toEpochMilliseconds(1.5, 'orders[3].timestamp');
 * } catch (error) {
 *   isKpiError(error) && error.path; // => 'orders[3].timestamp'
 * }
 * ```
 * @category Time
 */
export function toEpochMilliseconds(value: unknown, path = 'timestamp'): number {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= MIN_EPOCH_NUMBER && value <= MAX_EPOCH_NUMBER) return value;
    throw new KpiError('INVALID_TIMESTAMP', path, `expected an integer number of epoch milliseconds from 1e11 (1973-03-03) to 1e13 (2286-11-20), got ${describeValue(value)}${numberHint(value)}`);
  }
  if (typeof value === 'string') {
    const milliseconds = parseIsoDateTime(value);
    if (milliseconds !== undefined) return milliseconds;
    throw new KpiError(
      'INVALID_TIMESTAMP',
      path,
      `expected an ISO 8601 date-time with Z or an offset, such as "2026-11-30T23:30:00Z" or "2026-11-30T23:30:00+01:00", got ${describeValue(value)}`,
    );
  }
  if (value instanceof Date) {
    const milliseconds = value.getTime();
    if (!Number.isNaN(milliseconds)) return milliseconds;
  }
  throw new KpiError('INVALID_TIMESTAMP', path, `expected a Date, an ISO 8601 string with an offset or epoch milliseconds, got ${describeValue(value)}`);
}

/**
 * The key of the calendar period (day, ISO week, month, quarter or year) that an instant falls in, in an IANA time zone.
 *
 * @remarks
 * The instant is first placed on the local calendar of `timeZone` (daylight-saving changes
 * included, through `Intl.DateTimeFormat`), then bucketed: day `2026-11-30`, week `2026-W48`
 * (ISO 8601: weeks start on Monday and belong to the ISO week-year of their Thursday, so
 * 2026-12-31 and 2027-01-01 are both in `2026-W53`), month `2026-11`, quarter `2026-Q4`, year
 * `2026`.
 *
 * Keys of one grain sort chronologically as plain strings (`a < b`), so no `comparePeriods` is
 * needed; see also {@link previousPeriod}, {@link nextPeriod} and {@link periodsBetween}.
 * Years are four digits, 0000 to 9999.
 *
 * O(1): each zone's UTC offsets are looked up once per hour and cached, and `'UTC'` needs no
 * `Intl` at all.
 *
 * @param timestamp - A {@link TimestampInput}: `Date`, ISO 8601 string with an offset, or epoch milliseconds.
 * @param grain - A {@link Grain}.
 * @param timeZone - An IANA time zone name such as `'Europe/Berlin'`; `'UTC'` by default.
 * @returns The period key.
 * @throws {@link KpiError} `INVALID_OPTION` at `grain` for an unknown grain and at `timeZone` for an
 * unknown time zone; `INVALID_TIMESTAMP` at `timestamp` for an invalid timestamp (see
 * {@link toEpochMilliseconds}) or one whose local period is outside the years 0000-9999.
 * @example
 * ```ts
 * import { periodKey } from 'xsell-kpi';
 * periodKey('2026-11-30T23:30:00Z', 'day'); // => '2026-11-30'
 * periodKey('2026-11-30T23:30:00Z', 'day', 'Europe/Berlin'); // => '2026-12-01'
 * periodKey('2026-11-30T23:30:00Z', 'week'); // => '2026-W49'
 * periodKey('2026-11-30T23:30:00Z', 'month', 'America/New_York'); // => '2026-11'
 * periodKey('2026-11-30T23:30:00Z', 'quarter', 'Asia/Tokyo'); // => '2026-Q4'
 * periodKey('2026-12-31T23:30:00Z', 'year', 'Asia/Tokyo'); // => '2027'
 * ```
 * @example
 * ```ts
 * import { periodKey } from 'xsell-kpi';
 * // ISO weeks belong to the year of their Thursday.
 * periodKey('2027-01-01T12:00:00Z', 'week'); // => '2026-W53'
 * periodKey('2024-12-30T12:00:00Z', 'week'); // => '2025-W01'
 * periodKey('2026-11-30T12:00:00Z', 'week', 'Mars/Olympus_Mons'); // throws INVALID_OPTION
 * ```
 * @category Time
 */
export function periodKey(timestamp: TimestampInput, grain: Grain, timeZone = 'UTC'): string {
  checkGrain(grain);
  const inZone = zone(timeZone);
  return periodKeyOfOrdinal(periodOrdinal(toEpochMilliseconds(timestamp, 'timestamp'), grain, inZone), grain);
}

/**
 * Tells whether a string is a well-formed, existing period key of a grain.
 *
 * @remarks
 * Strict: the exact format {@link periodKey} produces, with a 4-digit year, and a period that
 * exists: `2026-02-29` is not a day (2026 is not a leap year), `2026-W53` is a week but
 * `2025-W53` is not (2025 has 52 ISO weeks), `2026-13` and `2026-Q5` are not periods. O(1).
 *
 * @param key - The candidate key (a non-string gives `false`).
 * @param grain - The {@link Grain} it should be a key of.
 * @returns `true` when `key` is a key of that grain.
 * @throws {@link KpiError} `INVALID_OPTION` at `grain` for an unknown grain.
 * @example
 * ```ts
 * import { isPeriodKey } from 'xsell-kpi';
 * isPeriodKey('2026-W53', 'week'); // => true
 * isPeriodKey('2025-W53', 'week'); // => false
 * isPeriodKey('2024-02-29', 'day'); // => true
 * isPeriodKey('2026-02-29', 'day'); // => false
 * isPeriodKey('2026-Q5', 'quarter'); // => false
 * isPeriodKey('2026-11', 'day'); // => false
 * ```
 * @category Time
 */
export function isPeriodKey(key: string, grain: Grain): boolean {
  checkGrain(grain);
  return ordinalOfPeriodKey(key, grain) !== undefined;
}

/**
 * The key of the calendar period just before a period.
 *
 * @remarks
 * `2026-W01` → `2025-W52` (or `W53` when that ISO week-year has 53 weeks), `2026-01` → `2025-12`,
 * `2026-Q1` → `2025-Q4`, `2026-03-01` → `2026-02-28`. O(1).
 *
 * @param key - A period key of `grain`, as {@link periodKey} makes.
 * @param grain - A {@link Grain}.
 * @returns The previous period's key, which sorts before `key`.
 * @throws {@link KpiError} `INVALID_OPTION` at `grain` for an unknown grain; at `period` for a key
 * that is not one of `grain` (see {@link isPeriodKey}) or that has no previous period in the
 * years 0000-9999.
 * @example
 * ```ts
 * import { previousPeriod } from 'xsell-kpi';
 * previousPeriod('2026-03-01', 'day'); // => '2026-02-28'
 * previousPeriod('2027-W01', 'week'); // => '2026-W53'
 * previousPeriod('2026-W01', 'week'); // => '2025-W52'
 * previousPeriod('2026-01', 'month'); // => '2025-12'
 * previousPeriod('2026-Q1', 'quarter'); // => '2025-Q4'
 * previousPeriod('2026', 'year'); // => '2025'
 * previousPeriod('2026-13', 'month'); // throws INVALID_OPTION
 * ```
 * @category Time
 */
export function previousPeriod(key: string, grain: Grain): string {
  checkGrain(grain);
  const previous = checkedOrdinal(key, grain, 'period') - 1;
  if (!isPeriodOrdinal(previous, grain)) throw new KpiError('INVALID_OPTION', 'period', `${describeValue(key)} has no previous ${grain} within the years 0000-9999`);
  return periodKeyOfOrdinal(previous, grain);
}

/**
 * The key of the calendar period just after a period.
 *
 * @remarks
 * `2026-W53` → `2027-W01`, `2026-12` → `2027-01`, `2026-Q4` → `2027-Q1`, `2028-02-28` →
 * `2028-02-29`. The inverse of {@link previousPeriod}. O(1).
 *
 * @param key - A period key of `grain`, as {@link periodKey} makes.
 * @param grain - A {@link Grain}.
 * @returns The next period's key, which sorts after `key`.
 * @throws {@link KpiError} `INVALID_OPTION` at `grain` for an unknown grain; at `period` for a key
 * that is not one of `grain` (see {@link isPeriodKey}) or that has no next period in the years
 * 0000-9999.
 * @example
 * ```ts
 * import { nextPeriod } from 'xsell-kpi';
 * nextPeriod('2028-02-28', 'day'); // => '2028-02-29'
 * nextPeriod('2026-W52', 'week'); // => '2026-W53'
 * nextPeriod('2026-W53', 'week'); // => '2027-W01'
 * nextPeriod('2026-12', 'month'); // => '2027-01'
 * nextPeriod('2026-Q4', 'quarter'); // => '2027-Q1'
 * nextPeriod('9999', 'year'); // throws INVALID_OPTION
 * ```
 * @category Time
 */
export function nextPeriod(key: string, grain: Grain): string {
  checkGrain(grain);
  const next = checkedOrdinal(key, grain, 'period') + 1;
  if (!isPeriodOrdinal(next, grain)) throw new KpiError('INVALID_OPTION', 'period', `${describeValue(key)} has no next ${grain} within the years 0000-9999`);
  return periodKeyOfOrdinal(next, grain);
}

/**
 * Every period key from `first` to `last`, both included, in chronological order.
 *
 * @remarks
 * Fills the gaps in a series: a scorecard lists every period from the first to the last, also
 * those without events. Empty when `first` is after `last`. O(number of periods); a day range
 * over the whole 0000-9999 span is 3.65 million keys.
 *
 * @param first - The first period key of `grain`.
 * @param last - The last period key of `grain`.
 * @param grain - A {@link Grain}.
 * @returns The keys, each the {@link nextPeriod} of the one before.
 * @throws {@link KpiError} `INVALID_OPTION` at `grain` for an unknown grain, and at `first` or
 * `last` for a key that is not one of `grain`.
 * @example
 * ```ts
 * import { periodsBetween } from 'xsell-kpi';
 * periodsBetween('2026-11', '2027-02', 'month'); // => ['2026-11', '2026-12', '2027-01', '2027-02']
 * periodsBetween('2026-W52', '2027-W01', 'week'); // => ['2026-W52', '2026-W53', '2027-W01']
 * periodsBetween('2026-Q3', '2026-Q3', 'quarter'); // => ['2026-Q3']
 * periodsBetween('2027', '2026', 'year'); // => []
 * ```
 * @category Time
 */
export function periodsBetween(first: string, last: string, grain: Grain): string[] {
  checkGrain(grain);
  const from = checkedOrdinal(first, grain, 'first');
  const to = checkedOrdinal(last, grain, 'last');
  const keys: string[] = [];
  for (let ordinal = from; ordinal <= to; ordinal += 1) keys.push(periodKeyOfOrdinal(ordinal, grain));
  return keys;
}
