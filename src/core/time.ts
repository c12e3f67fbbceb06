import { KpiError } from './KpiError.js';
import { show } from '../_internal/show.js';

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

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian; day 0 is 1970-01-01). After Howard Hinnant,
// "chrono-Compatible Low-Level Date Algorithms", https://howardhinnant.github.io/date_algorithms.html
// ---------------------------------------------------------------------------------------------

const MS_PER_DAY = 86_400_000;
/** The largest distance from the epoch that a `Date` can hold (ECMA-262, "Time Values"). */
const MAX_EPOCH_MS = 8.64e15;
const MIN_YEAR = 0;
const MAX_YEAR = 9999;

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date of a day number, packed as `year * 10000 + month * 100 + day` (year ≥ 0 only). */
function civilFromDays(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year < MIN_YEAR || year > MAX_YEAR ? -1 : year * 10_000 + month * 100 + day;
}

function yearOfDays(days: number): number {
  const packed = civilFromDays(days);
  return packed < 0 ? -1 : Math.floor(packed / 10_000);
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * ISO weeks are numbered from Monday 1970-01-05 (day 4): week ordinal 0. The week of a day is the
 * week of its Monday; its ISO week-year is the calendar year of its Thursday (ISO 8601 §3.2.2).
 */
function weekOrdinalOfDays(days: number): number {
  return Math.floor((days - 4) / 7);
}

/** Number of ISO weeks in an ISO week-year: 53 when it starts on a Thursday, or on a Wednesday in a leap year. */
function weeksInYear(year: number): number {
  return weekOrdinalOfDays(daysFromCivil(year, 12, 28)) - weekOrdinalOfDays(daysFromCivil(year, 1, 4)) + 1;
}

function pad4(year: number): string {
  return year >= 1000 ? String(year) : String(year).padStart(4, '0');
}

function pad2(value: number): string {
  return value >= 10 ? String(value) : `0${value}`;
}

/** The key of a week ordinal, or `undefined` when its ISO week-year is outside 0000-9999. */
function weekKey(ordinal: number): string | undefined {
  const thursday = ordinal * 7 + 7;
  const year = yearOfDays(thursday);
  if (year < 0) return undefined;
  return `${pad4(year)}-W${pad2(Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1)}`;
}

// ---------------------------------------------------------------------------------------------
// Keys <-> ordinals: each grain numbers its periods with consecutive integers.
// ---------------------------------------------------------------------------------------------

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;
const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;
const YEAR_KEY = /^(\d{4})$/;

/** The ordinal of a key of that grain, or `undefined` when it is not one. */
function ordinalOfKey(key: unknown, grain: Grain): number | undefined {
  if (typeof key !== 'string') return undefined;
  switch (grain) {
    case 'day': {
      const match = DAY_KEY.exec(key);
      if (match === null) return undefined;
      const year = Number(match[1]);
      const month = Number(match[2]);
      const day = Number(match[3]);
      if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
      return daysFromCivil(year, month, day);
    }
    case 'week': {
      const match = WEEK_KEY.exec(key);
      if (match === null) return undefined;
      const year = Number(match[1]);
      const week = Number(match[2]);
      if (week < 1 || week > weeksInYear(year)) return undefined;
      return weekOrdinalOfDays(daysFromCivil(year, 1, 4)) + week - 1;
    }
    case 'month': {
      const match = MONTH_KEY.exec(key);
      if (match === null) return undefined;
      const month = Number(match[2]);
      return month < 1 || month > 12 ? undefined : Number(match[1]) * 12 + month - 1;
    }
    case 'quarter': {
      const match = QUARTER_KEY.exec(key);
      return match === null ? undefined : Number(match[1]) * 4 + Number(match[2]) - 1;
    }
    case 'year':
      return YEAR_KEY.test(key) ? Number(key) : undefined;
  }
}

/** The key of an ordinal of that grain, or `undefined` when it falls outside the years 0000-9999. */
function keyOfOrdinal(ordinal: number, grain: Grain): string | undefined {
  switch (grain) {
    case 'day': {
      const packed = civilFromDays(ordinal);
      if (packed < 0) return undefined;
      return `${pad4(Math.floor(packed / 10_000))}-${pad2(Math.floor(packed / 100) % 100)}-${pad2(packed % 100)}`;
    }
    case 'week':
      return weekKey(ordinal);
    case 'month': {
      const year = Math.floor(ordinal / 12);
      return year < MIN_YEAR || year > MAX_YEAR ? undefined : `${pad4(year)}-${pad2(ordinal - year * 12 + 1)}`;
    }
    case 'quarter': {
      const year = Math.floor(ordinal / 4);
      return year < MIN_YEAR || year > MAX_YEAR ? undefined : `${pad4(year)}-Q${ordinal - year * 4 + 1}`;
    }
    case 'year':
      return ordinal < MIN_YEAR || ordinal > MAX_YEAR ? undefined : pad4(ordinal);
  }
}

function describe(value: unknown): string {
  return value instanceof Date ? 'an Invalid Date' : show(value);
}

function checkGrain(grain: unknown): asserts grain is Grain {
  if (grain !== 'day' && grain !== 'week' && grain !== 'month' && grain !== 'quarter' && grain !== 'year') {
    throw new KpiError('INVALID_OPTION', 'grain', `expected 'day', 'week', 'month', 'quarter' or 'year', got ${describe(grain)}`);
  }
}

function checkedOrdinal(key: unknown, grain: Grain, path: string): number {
  const ordinal = ordinalOfKey(key, grain);
  if (ordinal === undefined) throw new KpiError('INVALID_OPTION', path, `expected a ${grain} key such as ${JSON.stringify(EXAMPLE_KEYS[grain])}, got ${describe(key)}`);
  return ordinal;
}

const EXAMPLE_KEYS: Readonly<Record<Grain, string>> = { day: '2026-11-30', week: '2026-W48', month: '2026-11', quarter: '2026-Q4', year: '2026' };

// ---------------------------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------------------------

/** The number written by `count` ASCII digits at `start`, or -1 when any of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Reads an extended ISO 8601 date-time with `Z` or a numeric offset,
 * `YYYY-MM-DDTHH:mm[:ss[.f…]](Z|±HH:mm|±HHmm)`, character by character (it runs once per event).
 */
function parseIsoDateTime(text: string): number | undefined {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) return undefined;
  let index = 16;
  let second = 0;
  let millisecond = 0;
  if (text.charCodeAt(index) === 58 /* : */) {
    second = digitsAt(text, 17, 2);
    if (second < 0) return undefined;
    index = 19;
    if (text.charCodeAt(index) === 46 /* . */) {
      const start = ++index;
      while (digitsAt(text, index, 1) >= 0) index++;
      const digits = index - start;
      if (digits < 1 || digits > 9) return undefined;
      // Digits after the milliseconds are dropped (towards the earlier instant), as `Date.parse` does.
      millisecond = digitsAt(text, start, Math.min(3, digits)) * (digits >= 3 ? 1 : digits === 2 ? 10 : 100);
    }
  }
  let offset = 0;
  const sign = text.charCodeAt(index);
  if (sign === 90 /* Z */) {
    if (index + 1 !== text.length) return undefined;
  } else if (sign === 43 /* + */ || sign === 45 /* - */) {
    const offsetHours = digitsAt(text, index + 1, 2);
    const colon = text.length === index + 6 && text.charCodeAt(index + 3) === 58;
    if (!colon && text.length !== index + 5) return undefined;
    const offsetMinutes = digitsAt(text, index + (colon ? 4 : 3), 2);
    if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 23 || offsetMinutes > 59) return undefined;
    offset = (sign === 45 ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  } else {
    return undefined;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond - offset;
}

/**
 * Turns a {@link TimestampInput} into milliseconds since 1970-01-01T00:00:00Z, validating it strictly.
 *
 * @remarks
 * Accepts a valid `Date`; an integer number of epoch milliseconds within ±8.64e15 (the range of
 * `Date`); or an extended ISO 8601 date-time that carries `Z` or a numeric offset:
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
    if (Number.isInteger(value) && value >= -MAX_EPOCH_MS && value <= MAX_EPOCH_MS) return value === 0 ? 0 : value;
    throw new KpiError('INVALID_TIMESTAMP', path, `expected an integer number of epoch milliseconds within ±8.64e15, got ${describe(value)}`);
  }
  if (typeof value === 'string') {
    const milliseconds = parseIsoDateTime(value);
    if (milliseconds !== undefined) return milliseconds;
    throw new KpiError(
      'INVALID_TIMESTAMP',
      path,
      `expected an ISO 8601 date-time with Z or an offset, such as "2026-11-30T23:30:00Z" or "2026-11-30T23:30:00+01:00", got ${describe(value)}`,
    );
  }
  if (value instanceof Date) {
    const milliseconds = value.getTime();
    if (!Number.isNaN(milliseconds)) return milliseconds;
  }
  throw new KpiError('INVALID_TIMESTAMP', path, `expected a Date, an ISO 8601 string with an offset or epoch milliseconds, got ${describe(value)}`);
}

// ---------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------

/** One IANA time zone: its formatter (none for the zones that are UTC by definition) and a one-entry memo. */
interface Zone {
  readonly formatter: Intl.DateTimeFormat | undefined;
  /** Whether `formatter.format()` was checked to print `MM/DD/Y AD|BC`, which is read faster than `formatToParts()`. */
  readonly readsFormat: boolean;
  lastInstant: number;
  lastDate: number;
}

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu', 'Etc/GMT0', 'GMT0', 'Etc/GMT+0', 'Etc/GMT-0', 'GMT+0', 'GMT-0', 'Etc/Greenwich', 'Greenwich']);
/** Creating an `Intl.DateTimeFormat` costs about 0.1 ms (hundreds of `format()` calls); one per zone name is kept. */
const zones = new Map<string, Zone>();
/** Bounds the cache if a caller cycles through many spellings of zone names. */
const MAX_CACHED_ZONES = 512;

/** Packs a date read from the formatter; -1 outside the years 0000-9999. */
function packDate(month: number, day: number, eraYear: number, era: string): number {
  // In the proleptic Gregorian calendar, 1 BC is year 0, 2 BC is year -1.
  const year = era === 'BC' ? 1 - eraYear : eraYear;
  return year < MIN_YEAR || year > MAX_YEAR ? -1 : year * 10_000 + month * 100 + day;
}

function dateFromParts(formatter: Intl.DateTimeFormat, instant: number): number {
  let month = 0;
  let day = 0;
  let year = 0;
  let era = 'AD';
  for (const part of formatter.formatToParts(instant)) {
    if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'era') era = part.value;
  }
  return packDate(month, day, year, era);
}

/**
 * Reads `MM/DD/Y AD` or `MM/DD/Y BC` (what the en-US formatter prints) character by character,
 * faster than a regular expression; `undefined` for a string of any other shape.
 */
function readFormattedDate(text: string): number | undefined {
  const length = text.length;
  // Shortest: `01/01/1 AD` (10 characters).
  if (length < 10 || text.charCodeAt(2) !== 47 || text.charCodeAt(5) !== 47 || text.charCodeAt(length - 3) !== 32) return undefined;
  const era = text.slice(length - 2);
  if (era !== 'AD' && era !== 'BC') return undefined;
  const m1 = text.charCodeAt(0) - 48;
  const m2 = text.charCodeAt(1) - 48;
  const d1 = text.charCodeAt(3) - 48;
  const d2 = text.charCodeAt(4) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
  let year = 0;
  for (let index = 6; index < length - 3; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return undefined;
    year = year * 10 + digit;
  }
  return packDate(m1 * 10 + m2, d1 * 10 + d2, year, era);
}

function dateFromFormat(formatter: Intl.DateTimeFormat, instant: number): number {
  return readFormattedDate(formatter.format(instant)) ?? dateFromParts(formatter, instant);
}

function zoneFor(timeZone: unknown): Zone {
  if (typeof timeZone !== 'string') {
    throw new KpiError('INVALID_OPTION', 'timeZone', `expected an IANA time zone name such as 'Europe/Berlin', got ${describe(timeZone)}`);
  }
  const cached = zones.get(timeZone);
  if (cached !== undefined) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      era: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  } catch {
    throw new KpiError('INVALID_OPTION', 'timeZone', `expected an IANA time zone name such as 'Europe/Berlin', got ${describe(timeZone)}`);
  }
  const resolved = formatter.resolvedOptions().timeZone;
  let zone: Zone;
  if (UTC_ZONES.has(resolved)) {
    zone = { formatter: undefined, readsFormat: false, lastInstant: Number.NaN, lastDate: -1 };
  } else {
    // Read `format()` (about 3× faster than `formatToParts()`) only if it agrees with `formatToParts()`
    // on dates that differ in every field, AD and BC; a string of another shape falls back per call.
    const probes = [Date.UTC(2026, 10, 30, 12), Date.UTC(1969, 0, 2, 12), daysFromCivil(0, 7, 15) * MS_PER_DAY + 12 * 3_600_000];
    const readsFormat = probes.every((instant) => readFormattedDate(formatter.format(instant)) === dateFromParts(formatter, instant));
    zone = { formatter, readsFormat, lastInstant: Number.NaN, lastDate: -1 };
  }
  if (zones.size >= MAX_CACHED_ZONES) zones.clear();
  zones.set(timeZone, zone);
  return zone;
}

/** The local calendar date of an instant in a zone, packed as `year * 10000 + month * 100 + day`; -1 outside 0000-9999. */
function localDate(instant: number, zone: Zone): number {
  const formatter = zone.formatter;
  if (formatter === undefined) return civilFromDays(Math.floor(instant / MS_PER_DAY));
  // A memo of the last instant only: exact, and cheap when events arrive with equal timestamps.
  if (instant === zone.lastInstant) return zone.lastDate;
  const date = zone.readsFormat ? dateFromFormat(formatter, instant) : dateFromParts(formatter, instant);
  zone.lastInstant = instant;
  zone.lastDate = date;
  return date;
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
 * O(1); formatters are cached per time zone, and `'UTC'` needs none.
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
  const zone = zoneFor(timeZone);
  const instant = toEpochMilliseconds(timestamp, 'timestamp');
  const date = localDate(instant, zone);
  if (date >= 0) {
    const year = Math.floor(date / 10_000);
    const month = Math.floor(date / 100) % 100;
    switch (grain) {
      case 'day':
        return `${pad4(year)}-${pad2(month)}-${pad2(date % 100)}`;
      case 'month':
        return `${pad4(year)}-${pad2(month)}`;
      case 'quarter':
        return `${pad4(year)}-Q${Math.floor((month + 2) / 3)}`;
      case 'year':
        return pad4(year);
      case 'week': {
        const key = weekKey(weekOrdinalOfDays(daysFromCivil(year, month, date % 100)));
        if (key !== undefined) return key;
      }
    }
  }
  throw new KpiError('INVALID_TIMESTAMP', 'timestamp', `the ${grain} of ${new Date(instant).toISOString()} in ${timeZone} is outside the years 0000-9999`);
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
  return ordinalOfKey(key, grain) !== undefined;
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
  const previous = keyOfOrdinal(checkedOrdinal(key, grain, 'period') - 1, grain);
  if (previous === undefined) throw new KpiError('INVALID_OPTION', 'period', `${describe(key)} has no previous ${grain} within the years 0000-9999`);
  return previous;
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
  const next = keyOfOrdinal(checkedOrdinal(key, grain, 'period') + 1, grain);
  if (next === undefined) throw new KpiError('INVALID_OPTION', 'period', `${describe(key)} has no next ${grain} within the years 0000-9999`);
  return next;
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
  for (let ordinal = from; ordinal <= to; ordinal += 1) keys.push(keyOfOrdinal(ordinal, grain) as string);
  return keys;
}
