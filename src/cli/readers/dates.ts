import {
  DateTimeSyntax,
  MS_PER_MINUTE,
  OFFSET_OUT_OF_RANGE,
  dateTimeFields,
  isCalendarDateTime,
  localToInstant,
  readDateTime,
  readOffset,
  wallClock,
  zone,
  type DateTimeFields,
  type Zone,
} from '../../_internal/calendar.js';

/**
 * Timestamps in CSV cells: ISO-like dates with or without an offset, or an explicit
 * `--date-format` pattern; a local time (no offset) is read in an IANA time zone, with Temporal's
 * `'compatible'` disambiguation. The calendar, the zones and the ISO syntax are the library's own
 * (src/_internal/calendar.ts); this module only adds `--date-format` and the CLI's messages.
 * @internal
 * @module
 */

/** @internal Thrown for a cell that is not a timestamp; the caller adds the line and column. */
export class TimestampError extends Error {}

/** @internal Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    zone(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offsets `Z`, `+01:00`, `+0100`, `+01`, `-05:30`, as `--date-format`'s `Z` matches them (see readOffset). */
const OFFSET = 'Z|z|[+-]\\d{2}(?::?\\d{2})?';

/** Minutes east of UTC of an offset matched by {@link OFFSET}. */
function offsetOf(text: string): number {
  const minutes = readOffset(text, 0, true);
  if (minutes === OFFSET_OUT_OF_RANGE) throw new TimestampError(`offset ${text} is out of range`);
  return minutes;
}

/** Milliseconds of a fraction of a second written with 1-9 digits, the digits after the third dropped. */
function fraction(digits: string): number {
  return Number(`${digits}00`.slice(0, 3));
}

type Token = 'YYYY' | 'MM' | 'M' | 'DD' | 'D' | 'HH' | 'H' | 'hh' | 'h' | 'mm' | 'ss' | 'SSS' | 'A' | 'Z';

/** What a token reads: a field of the date-time, or (12-hour clock) the hour and the half of the day. */
type Part = 'year' | 'month' | 'day' | 'hour' | 'hour12' | 'minute' | 'second' | 'fraction' | 'meridiem' | 'offset';

/** Tokens, longest first, what each reads and the text it matches. */
const TOKENS: readonly (readonly [Token, Part, string])[] = [
  ['YYYY', 'year', '(\\d{4})'],
  ['SSS', 'fraction', '(\\d{1,9})'],
  ['MM', 'month', '(\\d{1,2})'],
  ['DD', 'day', '(\\d{1,2})'],
  ['HH', 'hour', '(\\d{1,2})'],
  ['hh', 'hour12', '(\\d{1,2})'],
  ['mm', 'minute', '(\\d{2})'],
  ['ss', 'second', '(\\d{2})'],
  ['M', 'month', '(\\d{1,2})'],
  ['D', 'day', '(\\d{1,2})'],
  ['H', 'hour', '(\\d{1,2})'],
  ['h', 'hour12', '(\\d{1,2})'],
  ['A', 'meridiem', '([AaPp][Mm])'],
  ['Z', 'offset', `(${OFFSET})`],
];

/** A compiled `--date-format` pattern. */
export interface DateFormat {
  readonly pattern: string;
  readonly regex: RegExp;
  /** What each group of `regex` reads. */
  readonly parts: readonly Part[];
}

/**
 * Compiles a `--date-format` pattern such as `DD/MM/YYYY HH:mm`.
 *
 * @remarks
 * Tokens: `YYYY` year; `MM`/`M` month and `DD`/`D` day (one or two digits either way); `HH`/`H`
 * hour 0-23, or `hh`/`h` hour 1-12 with `A` (AM/PM); `mm` minutes; `ss` seconds; `SSS` fraction of
 * a second; `Z` an offset (`Z`, `+01:00`, `-0500`). Every other character must appear as is.
 *
 * @throws Error with a message for people when the pattern lacks a year, month or day, repeats a
 * token, or mixes 12- and 24-hour clocks.
 * @internal
 */
export function compileDateFormat(pattern: string): DateFormat {
  const parts: Part[] = [];
  let source = '^';
  for (let index = 0; index < pattern.length; ) {
    const found = TOKENS.find(([token]) => pattern.startsWith(token, index));
    if (found === undefined) {
      source += pattern[index]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      index += 1;
      continue;
    }
    const [token, part, regex] = found;
    if (parts.includes(part)) throw new Error(`--date-format ${JSON.stringify(pattern)} has ${token} twice`);
    parts.push(part);
    source += regex;
    index += token.length;
  }
  const has = (part: Part): boolean => parts.includes(part);
  if (!has('year') || !has('month') || !has('day')) throw new Error(`--date-format ${JSON.stringify(pattern)} needs YYYY, MM (or M) and DD (or D)`);
  if (has('hour') && (has('hour12') || has('meridiem'))) throw new Error(`--date-format ${JSON.stringify(pattern)} mixes a 24-hour clock (HH) with a 12-hour one (hh, A)`);
  if (has('hour12') !== has('meridiem')) throw new Error(`--date-format ${JSON.stringify(pattern)}: a 12-hour clock (hh) needs A (AM/PM), and A needs hh`);
  if (has('second') && !has('minute')) throw new Error(`--date-format ${JSON.stringify(pattern)} has seconds (ss) without minutes (mm)`);
  return { pattern, regex: new RegExp(`${source}$`), parts };
}

/** Reads `text` with a `--date-format` into `fields`; `false` when it does not match. */
function withFormat(text: string, format: DateFormat, fields: DateTimeFields): boolean {
  const match = format.regex.exec(text);
  if (match === null) return false;
  // Year, month and day are in every format; the rest may not be.
  fields.hour = 0;
  fields.minute = 0;
  fields.second = 0;
  fields.millisecond = 0;
  fields.offset = Number.NaN;
  let pm: boolean | undefined;
  format.parts.forEach((part, index) => {
    const value = match[index + 1]!;
    if (part === 'fraction') fields.millisecond = fraction(value);
    else if (part === 'meridiem') pm = value.toUpperCase() === 'PM';
    else if (part === 'offset') fields.offset = offsetOf(value);
    else fields[part === 'hour12' ? 'hour' : part] = Number(value);
  });
  if (pm !== undefined) {
    if (fields.hour < 1 || fields.hour > 12) throw new TimestampError(`hour ${fields.hour} is not 1-12 on a 12-hour clock`);
    fields.hour = (fields.hour % 12) + (pm ? 12 : 0);
  }
  return true;
}

/**
 * Reads timestamps of CSV cells into epoch milliseconds.
 *
 * @remarks
 * Without a format: `YYYY-MM-DD` with an optional time (`HH:mm`, `HH:mm:ss`, fractions) after `T`
 * or a space, and an optional offset (`Z`, `+01:00`, ` -0500` as in Shopify exports). With a format,
 * exactly that pattern. A time without an offset is wall-clock time in `timeZone`. The last few
 * cells are remembered: the rows of one order repeat the same timestamp.
  * @internal
 */
export class TimestampReader {
  readonly #zone: Zone;
  readonly #format: DateFormat | undefined;
  readonly #fields = dateTimeFields();
  /** The last cell read and its instant: the rows of one order repeat the same timestamp. */
  #lastText = '';
  #lastInstant = 0;

  /**
   * @param timeZone - IANA zone of wall-clock times (checked by the command line already).
   * @param format - A compiled `--date-format`, or none for ISO-like dates.
   */
  constructor(timeZone: string, format: DateFormat | undefined) {
    this.#zone = zone(timeZone);
    this.#format = format;
  }

  /**
   * @param text - The cell, trimmed.
   * @returns Epoch milliseconds.
   * @throws {@link TimestampError} for anything else.
   */
  read(text: string): number {
    if (text === this.#lastText) return this.#lastInstant;
    const fields = this.#fields;
    if (this.#format === undefined) {
      const syntax = readDateTime(text, true, fields);
      if (syntax === DateTimeSyntax.OffsetOutOfRange) throw new TimestampError(`offset ${/[+-][\d:]+$/.exec(text)?.[0] ?? text} is out of range`);
      if (syntax !== DateTimeSyntax.Read) throw new TimestampError(this.expected(text));
    } else if (!withFormat(text, this.#format, fields)) {
      throw new TimestampError(this.expected(text));
    }
    if (!isCalendarDateTime(fields)) throw new TimestampError(`${JSON.stringify(text)} is not a date and time of the calendar`);
    const wall = wallClock(fields);
    const instant = Number.isNaN(fields.offset) ? localToInstant(wall, this.#zone) : wall - fields.offset * MS_PER_MINUTE;
    this.#lastText = text;
    this.#lastInstant = instant;
    return instant;
  }

  private expected(text: string): string {
    if (this.#format !== undefined) return `expected a timestamp like --date-format ${JSON.stringify(this.#format.pattern)}, got ${JSON.stringify(text)}`;
    const hint = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(text)
      ? `; day and month order is ambiguous: pass --date-format, such as "DD/MM/YYYY HH:mm" or "MM/DD/YYYY HH:mm"`
      : '; pass --date-format for another layout';
    return `expected a timestamp such as "2026-11-30 14:05:00" (read in --time-zone) or "2026-11-30T14:05:00+01:00", got ${JSON.stringify(text)}${hint}`;
  }
}
