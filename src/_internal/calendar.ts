import { KpiError } from '../core/KpiError.js';
import type { Grain } from '../core/time.js';
import { show } from './show.js';

/**
 * The one calendar and time-zone engine of the library and the CLI: proleptic Gregorian dates,
 * ISO 8601 date-times, IANA time zones (their UTC offsets, cached per UTC hour), and the periods of
 * each grain numbered by consecutive integers (ordinals). `src/core/time.ts` is its public face;
 * nothing else knows a time zone or a calendar.
 *
 * Ordinals, one integer per period, increasing by 1 from one period to the next:
 *
 * | grain     | ordinal                                                   | key          |
 * |-----------|-----------------------------------------------------------|--------------|
 * | `day`     | days since 1970-01-01                                     | `2026-11-30` |
 * | `week`    | ISO weeks since the week of Monday 1970-01-05 (week 0)    | `2026-W48`   |
 * | `month`   | months since January of year 0: `year * 12 + month - 1`   | `2026-11`    |
 * | `quarter` | quarters since year 0: `year * 4 + quarter - 1`           | `2026-Q4`    |
 * | `year`    | the year                                                  | `2026`       |
 *
 * Only periods within the years 0000-9999 have a key (a week's year is the ISO week-year, the year
 * of its Thursday).
 * @internal
 * @module
 */

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian; day 0 is 1970-01-01). After Howard Hinnant,
// "chrono-Compatible Low-Level Date Algorithms", https://howardhinnant.github.io/date_algorithms.html
// ---------------------------------------------------------------------------------------------

/** @internal */
export const MS_PER_MINUTE = 60_000;
/** @internal */
export const MS_PER_HOUR = 3_600_000;
/** @internal */
export const MS_PER_DAY = 86_400_000;
/** @internal The largest distance from the epoch that a `Date` can hold (ECMA-262, "Time Values"). */
export const MAX_EPOCH_MS = 8.64e15;
const MIN_YEAR = 0;
const MAX_YEAR = 9999;

/** @internal Days since 1970-01-01 of a proleptic Gregorian date (any year, month 1-12, day 1-31). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The first and the last day of the years 0000-9999. */
const MIN_DAY = /* @__PURE__ */ daysFromCivil(MIN_YEAR, 1, 1);
const MAX_DAY = /* @__PURE__ */ daysFromCivil(MAX_YEAR, 12, 31);

/** `year * 12 + month - 1` of a day number (any day a `Date` can hold). */
function monthOfDays(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // 0 is March
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** @internal Whether a proleptic Gregorian year has a February 29. */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** @internal The number of days of a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The ISO week of a day: weeks start on Monday, and 1970-01-05 (day 4) starts week 0. */
function weekOfDays(days: number): number {
  return Math.floor((days - 4) / 7);
}

/** The Thursday of a week: it names the week's ISO week-year (ISO 8601 §3.2.2). */
function thursdayOfWeek(week: number): number {
  return week * 7 + 7;
}

/** Number of ISO weeks in an ISO week-year: 53 when it starts on a Thursday, or on a Wednesday in a leap year. */
function weeksInYear(year: number): number {
  return weekOfDays(daysFromCivil(year, 12, 28)) - weekOfDays(daysFromCivil(year, 1, 4)) + 1;
}

// ---------------------------------------------------------------------------------------------
// Period keys <-> ordinals
// ---------------------------------------------------------------------------------------------

function pad4(year: number): string {
  return year >= 1000 ? String(year) : String(year).padStart(4, '0');
}

function pad2(value: number): string {
  return value >= 10 ? String(value) : `0${value}`;
}

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;
const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;
const YEAR_KEY = /^(\d{4})$/;

/**
 * @internal The ordinal of a period key of a grain, or `undefined` when `key` is not one: strictly
 * the format {@link periodKeyOfOrdinal} writes, of a period that exists (`2026-02-29` and
 * `2025-W53` do not). O(1).
 */
export function ordinalOfPeriodKey(key: unknown, grain: Grain): number | undefined {
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
      return weekOfDays(daysFromCivil(year, 1, 4)) + week - 1;
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
    default:
      return undefined;
  }
}

/** The first and the last ordinal of each grain within the years 0000-9999. */
const ORDINAL_RANGE: Readonly<Record<Grain, readonly [number, number]>> = /* @__PURE__ */ Object.freeze({
  day: [MIN_DAY, MAX_DAY],
  // The first week whose Thursday is in year 0, the last whose Thursday is in year 9999 (see thursdayOfWeek).
  week: [Math.ceil((MIN_DAY - 7) / 7), Math.floor((MAX_DAY - 7) / 7)],
  month: [MIN_YEAR * 12, MAX_YEAR * 12 + 11],
  quarter: [MIN_YEAR * 4, MAX_YEAR * 4 + 3],
  year: [MIN_YEAR, MAX_YEAR],
});

/** @internal Whether an ordinal of a grain is an integer whose period lies within the years 0000-9999 (and so has a key). */
export function isPeriodOrdinal(ordinal: number, grain: Grain): boolean {
  const range = ORDINAL_RANGE[grain];
  return Number.isInteger(ordinal) && ordinal >= range[0] && ordinal <= range[1];
}

/**
 * @internal The key of the period of a grain with that ordinal: `2026-11-30`, `2026-W48`,
 * `2026-11`, `2026-Q4`, `2026`. O(1).
 *
 * @throws RangeError when the ordinal is not one of a period within 0000-9999 ({@link isPeriodOrdinal}).
 */
export function periodKeyOfOrdinal(ordinal: number, grain: Grain): string {
  if (!isPeriodOrdinal(ordinal, grain)) throw new RangeError(`${ordinal} is not the ordinal of a ${String(grain)} within the years 0000-9999`);
  switch (grain) {
    case 'day': {
      const month = monthOfDays(ordinal);
      const year = Math.floor(month / 12);
      const day = ordinal - daysFromCivil(year, month - year * 12 + 1, 1) + 1;
      return `${pad4(year)}-${pad2(month - year * 12 + 1)}-${pad2(day)}`;
    }
    case 'week': {
      const thursday = thursdayOfWeek(ordinal);
      const year = Math.floor(monthOfDays(thursday) / 12);
      return `${pad4(year)}-W${pad2(Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1)}`;
    }
    case 'month': {
      const year = Math.floor(ordinal / 12);
      return `${pad4(year)}-${pad2(ordinal - year * 12 + 1)}`;
    }
    case 'quarter': {
      const year = Math.floor(ordinal / 4);
      return `${pad4(year)}-Q${ordinal - year * 4 + 1}`;
    }
    case 'year':
      return pad4(ordinal);
  }
}

// ---------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------

/** @internal A value shown in an error message (an Invalid Date as such). */
export function describeValue(value: unknown): string {
  return value instanceof Date ? 'an Invalid Date' : show(value);
}

/**
 * Names that are UTC by definition (as Intl resolves them, or as a runtime that does not
 * canonicalize them keeps them): their offset is 0 without asking Intl.
 */
const UTC_NAMES: ReadonlySet<string> = /* @__PURE__ */ new Set([
  'UTC',
  'Etc/UTC',
  'Etc/UCT',
  'UCT',
  'Etc/Universal',
  'Universal',
  'Etc/Zulu',
  'Zulu',
  'GMT',
  'Etc/GMT',
  'Etc/GMT0',
  'GMT0',
  'Etc/GMT+0',
  'Etc/GMT-0',
  'GMT+0',
  'GMT-0',
  'Etc/Greenwich',
  'Greenwich',
]);

/** An hour in which the zone's offset changes, once: `before` until the instant `at`, `after` from it on. */
interface OffsetChange {
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

/** Hours kept per zone before the cache starts over (2¹⁸ hours is 30 years). */
const MAX_CACHED_HOURS = 1 << 18;

/**
 * @internal An IANA time zone, validated, with its UTC offsets cached per UTC hour. Made (and
 * cached per name) by {@link zone}.
 *
 * @remarks
 * The offset at an instant comes from `Intl.DateTimeFormat` to the second (local mean time offsets
 * such as +00:19:32 included). Each UTC hour is looked up once: when the offset at its first and
 * at its last second agree, the hour is taken to have that offset throughout (no zone changes its
 * offset twice within an hour); when they differ, the second of the change is found by bisection
 * (12 look-ups) and kept too. So the common case costs a `Map` look-up, never an `Intl` call, and
 * stays exact for offsets that are not whole hours and changes that are not on the hour.
 */
export class Zone {
  /** The name as given (messages use it). */
  readonly name: string;
  /** Whether the offset is always 0 (UTC and its aliases): no `Intl`, no cache. */
  readonly isUtc: boolean;
  readonly #formatter: Intl.DateTimeFormat | undefined;
  /** Whether `format()` was checked to print the fields as `localFromFormat` reads them (4× faster than `formatToParts()`). */
  readonly #readsFormat: boolean;
  /** UTC hour since the epoch → the offset (ms) throughout it, or NaN when it changes within it (see #changes). */
  readonly #hours = new Map<number, number>();
  readonly #changes = new Map<number, OffsetChange | undefined>();
  #lastHour = Number.NaN;
  #lastOffset = 0;

  /** @throws RangeError for a name Intl does not know. */
  constructor(name: string) {
    this.name = name;
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    this.isUtc = UTC_NAMES.has(formatter.resolvedOptions().timeZone);
    this.#formatter = this.isUtc ? undefined : formatter;
    // Read `format()` only if it agrees with `formatToParts()` on instants that differ in every
    // field, AD and BC; otherwise (another runtime's format) every look-up reads the parts.
    const probes = [Date.UTC(2026, 10, 30, 13, 47, 59), Date.UTC(1969, 0, 2, 9, 5, 1), daysFromCivil(-1, 7, 15) * MS_PER_DAY + 22 * MS_PER_HOUR + 33 * MS_PER_MINUTE + 44_000];
    this.#readsFormat = !this.isUtc && probes.every((instant) => localFromFormat(formatter.format(instant)) === localFromParts(formatter.formatToParts(instant)));
  }

  /**
   * The zone's offset from UTC at an instant, in milliseconds (east positive): local wall-clock
   * time = instant + offset. NaN for an instant that is not a number within ±8.64e15. O(1).
   */
  offsetAt(instant: number): number {
    if (this.isUtc) return instant >= -MAX_EPOCH_MS && instant <= MAX_EPOCH_MS ? 0 : Number.NaN;
    const hour = Math.floor(instant / MS_PER_HOUR);
    if (hour === this.#lastHour) return this.#lastOffset;
    if (!(instant >= -MAX_EPOCH_MS && instant <= MAX_EPOCH_MS)) return Number.NaN;
    let offset = this.#hours.get(hour);
    if (offset === undefined) offset = this.#learnHour(hour);
    if (!Number.isNaN(offset)) {
      this.#lastHour = hour;
      this.#lastOffset = offset;
      return offset;
    }
    const change = this.#changes.get(hour);
    if (change === undefined) return this.#exactOffset(instant);
    return instant < change.at ? change.before : change.after;
  }

  /** Looks up the offsets of one UTC hour and caches them; returns the hour's offset, or NaN when it changes within the hour. */
  #learnHour(hour: number): number {
    if (this.#hours.size >= MAX_CACHED_HOURS) {
      this.#hours.clear();
      this.#changes.clear();
    }
    const first = Math.max(hour * MS_PER_HOUR, -MAX_EPOCH_MS);
    const last = Math.min(hour * MS_PER_HOUR + MS_PER_HOUR - 1000, MAX_EPOCH_MS);
    const before = this.#exactOffset(first);
    const after = this.#exactOffset(last);
    if (before === after) {
      this.#hours.set(hour, before);
      return before;
    }
    // Bisect to the first second with another offset (offsets change on whole seconds).
    let low = first;
    let high = last;
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (this.#exactOffset(middle) === before) low = middle;
      else high = middle;
    }
    // Two changes within the hour (no zone has one) would leave `high` with a third offset: then
    // every instant of the hour is looked up on its own (`undefined`).
    this.#changes.set(hour, this.#exactOffset(high) === after ? { at: high, before, after } : undefined);
    this.#hours.set(hour, Number.NaN);
    return Number.NaN;
  }

  /** The offset at an instant, from Intl (about 1 µs; 4 µs without `#readsFormat`). */
  #exactOffset(instant: number): number {
    const whole = instant - (((instant % 1000) + 1000) % 1000);
    const formatter = this.#formatter!;
    let local = this.#readsFormat ? localFromFormat(formatter.format(whole)) : Number.NaN;
    if (Number.isNaN(local)) local = localFromParts(formatter.formatToParts(whole));
    return local - whole;
  }
}

/** The wall-clock time (as if it were UTC, in epoch milliseconds) of the parts of a date and time that the zone's formatter gives. */
function localFromParts(parts: readonly Intl.DateTimeFormatPart[]): number {
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((candidate) => candidate.type === type)?.value ?? '';
  const year = Number(part('year'));
  // In the proleptic Gregorian calendar, 1 BC is year 0, 2 BC is year -1.
  const bc = part('era').startsWith('B');
  return daysFromCivil(bc ? 1 - year : year, Number(part('month')), Number(part('day'))) * MS_PER_DAY + ((Number(part('hour')) * 60 + Number(part('minute'))) * 60 + Number(part('second'))) * 1000;
}

/**
 * The wall-clock time of `M/D/Y AD, HH:MM:SS` (or `BC`), what the en-US formatter prints: six runs
 * of digits in that order and the era between the year and the hour; NaN for text of another shape.
 */
function localFromFormat(text: string): number {
  const numbers = [0, 0, 0, 0, 0, 0];
  let count = 0;
  let bc = false;
  let inNumber = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      if (!inNumber) {
        if (count === 6) return Number.NaN;
        count += 1;
        inNumber = true;
      }
      numbers[count - 1] = numbers[count - 1]! * 10 + code - 48;
    } else {
      inNumber = false;
      if (code === 66 /* B */ && count === 3) bc = true;
    }
  }
  if (count !== 6) return Number.NaN;
  const [month, day, year, hour, minute, second] = numbers as [number, number, number, number, number, number];
  return daysFromCivil(bc ? 1 - year : year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** Making an `Intl.DateTimeFormat` costs about 0.1 ms: one `Zone` per name is kept. */
const zones = new Map<string, Zone>();
/** Bounds the cache if a caller cycles through many spellings of zone names. */
const MAX_CACHED_ZONES = 512;

/**
 * @internal The time zone of an IANA name (`'Europe/Berlin'`, `'UTC'`, any case, links and `Etc/`
 * zones as Intl reads them), validated and cached: the same name gives the same {@link Zone}.
 *
 * @throws {@link KpiError} `INVALID_OPTION` at `timeZone` for a value that is not a name Intl knows.
 */
export function zone(timeZone: unknown): Zone {
  if (typeof timeZone === 'string') {
    const cached = zones.get(timeZone);
    if (cached !== undefined) return cached;
    let made: Zone | undefined;
    try {
      made = new Zone(timeZone);
    } catch {
      // not a time zone
    }
    if (made !== undefined) {
      if (zones.size >= MAX_CACHED_ZONES) zones.clear();
      zones.set(timeZone, made);
      return made;
    }
  }
  throw new KpiError('INVALID_OPTION', 'timeZone', `expected an IANA time zone name such as 'Europe/Berlin', got ${describeValue(timeZone)}`);
}

// ---------------------------------------------------------------------------------------------
// Instants -> periods
// ---------------------------------------------------------------------------------------------

/** An instant for a message: its ISO string, or the number as is when no `Date` can hold it. */
function showInstant(instant: number): string {
  return instant >= -MAX_EPOCH_MS && instant <= MAX_EPOCH_MS ? new Date(instant).toISOString() : String(instant);
}

/**
 * @internal The ordinal of the period of a grain that an instant falls in, on the local calendar
 * of a zone (see the module's table): an integer that increases by 1 from one period to the next.
 * Exact across daylight-saving and other offset changes. O(1); no `Intl` call in the common case.
 *
 * @param instant - Epoch milliseconds (an integer within ±8.64e15, as `toEpochMilliseconds` gives).
 * @param grain - A valid {@link Grain} (not checked).
 * @param timeZone - From {@link zone}.
 * @throws {@link KpiError} `INVALID_TIMESTAMP` at `timestamp` when the period is outside the years
 * 0000-9999 (or the instant is not a number a `Date` can hold).
 */
export function periodOrdinal(instant: number, grain: Grain, timeZone: Zone): number {
  const days = Math.floor((instant + timeZone.offsetAt(instant)) / MS_PER_DAY);
  if (days >= MIN_DAY && days <= MAX_DAY) {
    switch (grain) {
      case 'day':
        return days;
      case 'week': {
        const week = weekOfDays(days);
        const thursday = thursdayOfWeek(week);
        if (thursday >= MIN_DAY && thursday <= MAX_DAY) return week;
        break;
      }
      case 'month':
        return monthOfDays(days);
      case 'quarter':
        return Math.floor(monthOfDays(days) / 3);
      case 'year':
        return Math.floor(monthOfDays(days) / 12);
    }
  }
  throw new KpiError('INVALID_TIMESTAMP', 'timestamp', `the ${grain} of ${showInstant(instant)} in ${timeZone.name} is outside the years 0000-9999`);
}

// ---------------------------------------------------------------------------------------------
// Wall-clock times -> instants
// ---------------------------------------------------------------------------------------------

/**
 * @internal The instant of a wall-clock time in a zone, disambiguated like Temporal's
 * `'compatible'` (and `java.time`, and the `Date` constructor): of two instants in a repeated hour
 * (clocks going back), the earlier; a time in a skipped hour (clocks going forward) is moved
 * forward by the length of the gap, so 02:30 on a spring-forward night in Europe/Berlin is 03:30
 * CEST.
 *
 * @remarks
 * The zone's offsets a day before and a day after the wall-clock time are the only candidates (no
 * zone changes its offset twice within two days), and each is kept only if the zone really has
 * that offset at the instant it gives. O(1), from the zone's cached offsets.
 *
 * @param wall - The wall-clock time as if it were UTC, in epoch milliseconds ({@link wallClock}).
 * @param timeZone - From {@link zone}.
 * @returns Epoch milliseconds.
 */
export function localToInstant(wall: number, timeZone: Zone): number {
  if (timeZone.isUtc) return wall;
  const before = timeZone.offsetAt(wall - MS_PER_DAY);
  const after = timeZone.offsetAt(wall + MS_PER_DAY);
  const withBefore = wall - before;
  const withAfter = wall - after;
  const beforeFits = timeZone.offsetAt(withBefore) === before;
  const afterFits = before !== after && timeZone.offsetAt(withAfter) === after;
  if (beforeFits && afterFits) return Math.min(withBefore, withAfter);
  if (beforeFits) return withBefore;
  if (afterFits) return withAfter;
  // A gap: read the wall-clock time with the offset in force before it, which lands after the gap.
  if (before !== after) return withBefore;
  // The offset is the same a day before and after, yet neither instant has it: a zone whose offset
  // changes twice within two days (none does today). Search outward, minute by minute, for an offset.
  for (let step = 1; step <= 24 * 60; step++) {
    const offset = timeZone.offsetAt(withBefore + step * MS_PER_MINUTE);
    if (timeZone.offsetAt(wall - offset) === offset) return wall - offset;
  }
  return withBefore;
}

// ---------------------------------------------------------------------------------------------
// Date-time text
// ---------------------------------------------------------------------------------------------

/** @internal A date-time as written, before any time zone is applied; filled by the readers below. */
export interface DateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC when the text carries an offset, else NaN. */
  offset: number;
}

/** @internal Fields set to midnight of 0000-01-01, without an offset. */
export function dateTimeFields(): DateTimeFields {
  return { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0, offset: Number.NaN };
}

/** @internal Whether the fields name a date and time of the calendar (month 1-12, a day the month has, hour 0-23, minute and second 0-59). */
export function isCalendarDateTime(fields: DateTimeFields): boolean {
  const { year, month, day, hour, minute, second } = fields;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
}

/** @internal The wall-clock time of the fields (their offset ignored) as if it were UTC, in epoch milliseconds. */
export function wallClock(fields: DateTimeFields): number {
  return daysFromCivil(fields.year, fields.month, fields.day) * MS_PER_DAY + ((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1000 + fields.millisecond;
}

/** @internal What {@link readDateTime} found. */
export const DateTimeSyntax = /* @__PURE__ */ Object.freeze({
  /** The text has the syntax; its fields are set (not yet checked against the calendar). */
  Read: 0,
  /** The text is not a date-time of that syntax. */
  Unreadable: 1,
  /** The syntax is right but the offset's hours are above 23 or its minutes above 59. */
  OffsetOutOfRange: 2,
} as const);
/** @internal One of {@link DateTimeSyntax}. */
export type DateTimeSyntax = (typeof DateTimeSyntax)[keyof typeof DateTimeSyntax];

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

const HYPHEN = 45;
const COLON = 58;
const PLUS = 43;
const SPACE = 32;

/** @internal What {@link readOffset} returns for an offset whose hours are above 23 or minutes above 59. */
export const OFFSET_OUT_OF_RANGE = Number.POSITIVE_INFINITY;

/**
 * @internal Reads a UTC offset from `start` to the end of `text`: `Z`, `±HH:mm` or `±HHmm`; when
 * `lenient`, also `z` and `±HH`.
 *
 * @returns Minutes east of UTC; NaN when the text is not an offset; {@link OFFSET_OUT_OF_RANGE}
 * when it is one with hours above 23 or minutes above 59.
 */
export function readOffset(text: string, start: number, lenient: boolean): number {
  const sign = text.charCodeAt(start);
  const length = text.length - start;
  if (sign === 90 /* Z */ || (lenient && sign === 122) /* z */) return length === 1 ? 0 : Number.NaN;
  if (sign !== PLUS && sign !== HYPHEN) return Number.NaN;
  const hours = digitsAt(text, start + 1, 2);
  let minutes;
  if (length === 6 && text.charCodeAt(start + 3) === COLON) minutes = digitsAt(text, start + 4, 2);
  else if (length === 5) minutes = digitsAt(text, start + 3, 2);
  else if (lenient && length === 3) minutes = 0;
  else return Number.NaN;
  if (hours < 0 || minutes < 0) return Number.NaN;
  if (hours > 23 || minutes > 59) return OFFSET_OUT_OF_RANGE;
  return (sign === HYPHEN ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * @internal Reads an ISO 8601 date-time into `fields`, character by character (it runs once per
 * event and once per CSV row).
 *
 * @remarks
 * Strict (`lenient` false: `toEpochMilliseconds`): `YYYY-MM-DDTHH:mm[:ss[.f…]]` followed by `Z`,
 * `±HH:mm` or `±HHmm`, with an upper-case `T` and `Z` and a fraction of 1 to 9 digits.
 *
 * Lenient (the CLI's cells): also a space for the `T`, a date alone, a `,` before the fraction, no
 * offset at all (`offset` NaN), a space before the offset, `z`, and `±HH`.
 *
 * Digits after the milliseconds are dropped (towards the earlier instant), as `Date.parse` does.
 * The fields are not checked against the calendar: see {@link isCalendarDateTime}.
 */
export function readDateTime(text: string, lenient: boolean, fields: DateTimeFields): DateTimeSyntax {
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || text.charCodeAt(4) !== HYPHEN || text.charCodeAt(7) !== HYPHEN) return DateTimeSyntax.Unreadable;
  let index = 10;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  const separator = text.charCodeAt(index);
  // In lenient mode a space may also start an offset (`2026-11-30 +01:00`): a time follows only when digits do.
  if (separator === 84 /* T */ || (lenient && separator === SPACE && digitsAt(text, 11, 1) >= 0)) {
    hour = digitsAt(text, 11, 2);
    minute = digitsAt(text, 14, 2);
    if (hour < 0 || minute < 0 || text.charCodeAt(13) !== COLON) return DateTimeSyntax.Unreadable;
    index = 16;
    if (text.charCodeAt(index) === COLON) {
      second = digitsAt(text, 17, 2);
      if (second < 0) return DateTimeSyntax.Unreadable;
      index = 19;
      const dot = text.charCodeAt(index);
      if (dot === 46 /* . */ || (lenient && dot === 44) /* , */) {
        const start = ++index;
        while (digitsAt(text, index, 1) >= 0) index++;
        const digits = index - start;
        if (digits < 1 || digits > 9) return DateTimeSyntax.Unreadable;
        millisecond = digitsAt(text, start, Math.min(3, digits)) * (digits >= 3 ? 1 : digits === 2 ? 10 : 100);
      }
    }
  } else if (!lenient) {
    return DateTimeSyntax.Unreadable;
  }
  let offset = Number.NaN;
  if (index < text.length) {
    offset = readOffset(text, lenient && text.charCodeAt(index) === SPACE ? index + 1 : index, lenient);
    if (Number.isNaN(offset)) return DateTimeSyntax.Unreadable;
    if (offset === OFFSET_OUT_OF_RANGE) return DateTimeSyntax.OffsetOutOfRange;
  } else if (!lenient) {
    return DateTimeSyntax.Unreadable;
  }
  fields.year = year;
  fields.month = month;
  fields.day = day;
  fields.hour = hour;
  fields.minute = minute;
  fields.second = second;
  fields.millisecond = millisecond;
  fields.offset = offset;
  return DateTimeSyntax.Read;
}
