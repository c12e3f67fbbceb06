/**
 * Timestamps in CSV cells: ISO-like dates with or without an offset, or an explicit
 * `--date-format` pattern; a local time (no offset) is read in an IANA time zone.
 *
 * Local time → instant follows Temporal's `disambiguation: 'compatible'` (the same as
 * `java.time` and the `Date` constructor): a wall-clock time that happens twice (the hour repeated
 * when clocks go back) is the earlier instant; one that never happens (the hour skipped when clocks
 * go forward) is moved forward by the length of the gap, so 02:30 on a spring-forward night in
 * Europe/Berlin is 03:30 CEST. The zone's offsets come from `Intl.DateTimeFormat`: the offsets a
 * day before and a day after the wall-clock time are the only candidates (no zone changes its offset
 * twice within two days), and each candidate is kept only if the zone really has that offset at the
 * instant it gives.
 * @internal
 * @module
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu']);

/** A date-time as written, before any time zone is applied. */
interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC when the text carries an offset. */
  offset: number | undefined;
}

/** @internal Thrown for a cell that is not a timestamp; the caller adds the line and column. */
export class TimestampError extends Error {}

// --- time zone offsets ------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Milliseconds since the epoch of a proleptic Gregorian date-time read as UTC (years 0-99 included). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, millisecond: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millisecond));
  date.setUTCFullYear(year);
  return date.getTime();
}

/**
 * The offset of `timeZone` from UTC at `instant`, in milliseconds (east positive).
 *
 * @throws RangeError for an unknown time zone.
  * @internal
 */
export function zoneOffset(timeZone: string, instant: number): number {
  if (UTC_ZONES.has(timeZone)) return 0;
  // Offsets change on the hour or half hour: one `Intl` look-up at each end of an hour serves the
  // whole hour when both give the same offset. An hour with a change in it is looked up every time.
  let hours = hourCache.get(timeZone);
  if (hours === undefined || hours.size > 100_000) hourCache.set(timeZone, (hours = new Map()));
  const hour = Math.floor(instant / MS_PER_HOUR);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const start = exactOffset(timeZone, hour * MS_PER_HOUR);
    offset = start === exactOffset(timeZone, (hour + 1) * MS_PER_HOUR - 1000) ? start : Number.NaN;
    hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? exactOffset(timeZone, instant) : offset;
}

/** Zone → hour since the epoch → the zone's offset all through that hour, or NaN when it changes within it. */
const hourCache = new Map<string, Map<number, number>>();
const MS_PER_HOUR = 3_600_000;

function exactOffset(timeZone: string, instant: number): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of formatterFor(timeZone).formatToParts(whole)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value === 'BC' || part.value === 'B';
        break;
      default:
        break;
    }
  }
  return utc(bc ? 1 - year : year, month, day, hour, minute, second, 0) - whole;
}

/**
 * The instant of a wall-clock time in `timeZone`, disambiguated like Temporal's `'compatible'`:
 * the earlier of two instants in a repeated hour, the wall-clock time shifted forward by the gap in
 * a skipped hour.
 *
 * @param local - The wall-clock time as if it were UTC, in epoch milliseconds.
 * @param timeZone - An IANA time zone.
 * @returns Epoch milliseconds.
  * @internal
 */
export function localToInstant(local: number, timeZone: string): number {
  if (UTC_ZONES.has(timeZone)) return local;
  const before = zoneOffset(timeZone, local - MS_PER_DAY);
  const after = zoneOffset(timeZone, local + MS_PER_DAY);
  let best: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = local - offset;
    if (zoneOffset(timeZone, candidate) === offset && (best === undefined || candidate < best)) best = candidate;
  }
  if (best !== undefined) return best;
  if (before !== after) {
    // A gap: read the wall-clock time with the offset in force before it, which lands after the gap.
    return local - before;
  }
  // The offset is the same a day before and after, yet neither instant has it: a zone whose offset
  // changes twice within two days (none does today). Search outward, minute by minute, for an offset.
  for (let step = 1; step <= 24 * 60; step++) {
    const offset = zoneOffset(timeZone, local - before + step * MS_PER_MINUTE);
    if (zoneOffset(timeZone, local - offset) === offset) return local - offset;
  }
  return local - before;
}

/** @internal Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (UTC_ZONES.has(timeZone)) return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// --- parsing ----------------------------------------------------------------------------------

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Offsets `Z`, `+01:00`, `+0100`, `+01`, `-05:30`. */
const OFFSET = 'Z|z|[+-]\\d{2}(?::?\\d{2})?';

function readOffset(text: string): number {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) throw new TimestampError(`offset ${text} is out of range`);
  return sign * (hours * 60 + minutes);
}

/** `2026-11-30`, `2026-11-30 14:05`, `2026-11-30T14:05:09.123`, each optionally with an offset (`Z`, `+01:00`, ` -0500`). */
const ISO_LIKE = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?(?: ?(${OFFSET}))?$`);

function fraction(digits: string | undefined): number {
  return digits === undefined ? 0 : Math.floor(Number(`0.${digits}`) * 1000 + 1e-9);
}

function isoLike(text: string): Fields | undefined {
  const match = ISO_LIKE.exec(text);
  if (match === null) return undefined;
  return {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: match[4] === undefined ? 0 : Number(match[4]),
    minute: match[5] === undefined ? 0 : Number(match[5]),
    second: match[6] === undefined ? 0 : Number(match[6]),
    millisecond: fraction(match[7]),
    offset: match[8] === undefined ? undefined : readOffset(match[8]),
  };
}

type Token = 'YYYY' | 'MM' | 'M' | 'DD' | 'D' | 'HH' | 'H' | 'hh' | 'h' | 'mm' | 'ss' | 'SSS' | 'A' | 'Z';

/** Tokens, longest first, and the text each matches. */
const TOKENS: readonly (readonly [Token, string])[] = [
  ['YYYY', '(\\d{4})'],
  ['SSS', '(\\d{1,9})'],
  ['MM', '(\\d{1,2})'],
  ['DD', '(\\d{1,2})'],
  ['HH', '(\\d{1,2})'],
  ['hh', '(\\d{1,2})'],
  ['mm', '(\\d{2})'],
  ['ss', '(\\d{2})'],
  ['M', '(\\d{1,2})'],
  ['D', '(\\d{1,2})'],
  ['H', '(\\d{1,2})'],
  ['h', '(\\d{1,2})'],
  ['A', '([AaPp][Mm])'],
  ['Z', `(${OFFSET})`],
];

/** A compiled `--date-format` pattern. */
export interface DateFormat {
  readonly pattern: string;
  readonly regex: RegExp;
  readonly tokens: readonly Token[];
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
  const tokens: Token[] = [];
  let source = '^';
  for (let index = 0; index < pattern.length; ) {
    const found = TOKENS.find(([token]) => pattern.startsWith(token, index));
    if (found === undefined) {
      source += pattern[index]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      index += 1;
      continue;
    }
    const [token, regex] = found;
    const kind = token === 'MM' ? 'M' : token === 'DD' ? 'D' : token === 'HH' ? 'H' : token === 'hh' ? 'h' : token;
    if (tokens.some((seen) => (seen === 'MM' ? 'M' : seen === 'DD' ? 'D' : seen === 'HH' ? 'H' : seen === 'hh' ? 'h' : seen) === kind)) {
      throw new Error(`--date-format ${JSON.stringify(pattern)} has ${token} twice`);
    }
    tokens.push(token);
    source += regex;
    index += token.length;
  }
  const has = (...names: Token[]): boolean => names.some((name) => tokens.includes(name));
  if (!has('YYYY') || !has('MM', 'M') || !has('DD', 'D')) throw new Error(`--date-format ${JSON.stringify(pattern)} needs YYYY, MM (or M) and DD (or D)`);
  if (has('H', 'HH') && has('h', 'hh', 'A')) throw new Error(`--date-format ${JSON.stringify(pattern)} mixes a 24-hour clock (HH) with a 12-hour one (hh, A)`);
  if (has('h', 'hh') !== has('A')) throw new Error(`--date-format ${JSON.stringify(pattern)}: a 12-hour clock (hh) needs A (AM/PM), and A needs hh`);
  if (has('ss') && !has('mm')) throw new Error(`--date-format ${JSON.stringify(pattern)} has seconds (ss) without minutes (mm)`);
  return { pattern, regex: new RegExp(`${source}$`), tokens };
}

function withFormat(text: string, format: DateFormat): Fields | undefined {
  const match = format.regex.exec(text);
  if (match === null) return undefined;
  const fields: Fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0, offset: undefined };
  let pm: boolean | undefined;
  format.tokens.forEach((token, index) => {
    const value = match[index + 1]!;
    switch (token) {
      case 'YYYY':
        fields.year = Number(value);
        break;
      case 'MM':
      case 'M':
        fields.month = Number(value);
        break;
      case 'DD':
      case 'D':
        fields.day = Number(value);
        break;
      case 'HH':
      case 'H':
      case 'hh':
      case 'h':
        fields.hour = Number(value);
        break;
      case 'mm':
        fields.minute = Number(value);
        break;
      case 'ss':
        fields.second = Number(value);
        break;
      case 'SSS':
        fields.millisecond = fraction(value);
        break;
      case 'A':
        pm = value.toUpperCase() === 'PM';
        break;
      case 'Z':
        fields.offset = readOffset(value);
        break;
    }
  });
  if (pm !== undefined) {
    if (fields.hour < 1 || fields.hour > 12) throw new TimestampError(`hour ${fields.hour} is not 1-12 on a 12-hour clock`);
    fields.hour = (fields.hour % 12) + (pm ? 12 : 0);
  }
  return fields;
}

function check(fields: Fields, text: string): void {
  const { year, month, day, hour, minute, second } = fields;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new TimestampError(`${JSON.stringify(text)} is not a date and time of the calendar`);
  }
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
  private readonly memo = new Map<string, number>();

  /**
   * @param timeZone - IANA zone of wall-clock times.
   * @param format - A compiled `--date-format`, or none for ISO-like dates.
   */
  constructor(
    private readonly timeZone: string,
    private readonly format: DateFormat | undefined,
  ) {}

  /**
   * @param text - The cell, trimmed.
   * @returns Epoch milliseconds.
   * @throws {@link TimestampError} for anything else.
   */
  read(text: string): number {
    const known = this.memo.get(text);
    if (known !== undefined) return known;
    const fields = this.format === undefined ? isoLike(text) : withFormat(text, this.format);
    if (fields === undefined) throw new TimestampError(this.expected(text));
    check(fields, text);
    const wall = utc(fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);
    const instant = fields.offset === undefined ? localToInstant(wall, this.timeZone) : wall - fields.offset * MS_PER_MINUTE;
    if (this.memo.size >= 4096) this.memo.clear();
    this.memo.set(text, instant);
    return instant;
  }

  private expected(text: string): string {
    if (this.format !== undefined) return `expected a timestamp like --date-format ${JSON.stringify(this.format.pattern)}, got ${JSON.stringify(text)}`;
    const hint = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(text)
      ? `; day and month order is ambiguous: pass --date-format, such as "DD/MM/YYYY HH:mm" or "MM/DD/YYYY HH:mm"`
      : '; pass --date-format for another layout';
    return `expected a timestamp such as "2026-11-30 14:05:00" (read in --time-zone) or "2026-11-30T14:05:00+01:00", got ${JSON.stringify(text)}${hint}`;
  }
}
