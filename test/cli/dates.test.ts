/**
 * CSV timestamps: local time → instant in an IANA zone with Temporal's 'compatible' disambiguation,
 * checked on known DST changes and, as a property, against the wall clock that Intl prints.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { TimestampError, TimestampReader, compileDateFormat, localToInstant } from '../../src/cli/readers/dates.js';

const utc = (text: string): number => Date.parse(text);

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time at `instant` in `timeZone`, as epoch milliseconds read as UTC (an independent Intl reading). */
function wallClock(instant: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second'])) + (instant % 1000);
}

describe('localToInstant', () => {
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
    // No DST, a half-hour offset; and UTC.
    ['Asia/Kolkata', '2026-01-01T00:00:00Z', '2025-12-31T18:30:00Z'],
    ['UTC', '2026-06-01T12:00:00Z', '2026-06-01T12:00:00Z'],
  ])('%s %s (wall clock) is %s', (timeZone, wall, instant) => {
    expect(localToInstant(utc(wall), timeZone)).toBe(utc(instant));
  });

  const zones = ['Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Australia/Sydney', 'Asia/Tehran', 'Pacific/Chatham', 'Africa/Casablanca', 'Asia/Kolkata'];
  const instants = fc.integer({ min: utc('1990-01-01T00:00:00Z'), max: utc('2060-01-01T00:00:00Z') }).map((ms) => ms - (ms % 1000));

  test('gives back the wall clock, at its earliest instant (property)', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (instant, timeZone) => {
        const wall = wallClock(instant, timeZone);
        const found = localToInstant(wall, timeZone);
        expect(wallClock(found, timeZone)).toBe(wall);
        expect(found).toBeLessThanOrEqual(instant);
      }),
      { numRuns: 1000 },
    );
  });

  /** Offset of `timeZone` at `instant` by the independent Intl reading. */
  const offsetAt = (instant: number, timeZone: string): number => wallClock(instant, timeZone) - instant;

  /** Every offset change of `timeZone` between two instants: found day by day, then bisected to the second. */
  function transitions(timeZone: string, from: number, to: number): { at: number; before: number; after: number }[] {
    const found: { at: number; before: number; after: number }[] = [];
    const day = 86_400_000;
    let before = offsetAt(from, timeZone);
    for (let start = from; start < to; start += day) {
      const after = offsetAt(start + day, timeZone);
      if (before === after) continue;
      let low = start;
      let high = start + day;
      while (high - low > 1000) {
        const middle = low + Math.floor((high - low) / 2000) * 1000;
        if (offsetAt(middle, timeZone) === before) low = middle;
        else high = middle;
      }
      found.push({ at: high, before, after });
      before = after;
    }
    return found;
  }

  test('every offset change of ten zones, 2018-2032: a skipped wall clock moves forward by the gap, a repeated one takes the earlier instant', () => {
    let gaps = 0;
    let overlaps = 0;
    for (const timeZone of zones) {
      for (const { at, before, after } of transitions(timeZone, utc('2018-01-01T00:00:00Z'), utc('2032-01-01T00:00:00Z'))) {
        const first = at + Math.min(before, after); // the first wall-clock time the change affects
        const last = at + Math.max(before, after) - 1000;
        for (const wall of [first, first + Math.floor((last - first) / 2000) * 1000, last]) {
          // Forward (a gap): read with the offset before, which lands after the gap. Back (an overlap): the earlier instant, also the offset before.
          expect(localToInstant(wall, timeZone), `${timeZone} ${new Date(wall).toISOString()}`).toBe(wall - before);
        }
        // Just outside the affected wall-clock times, the instant is the only one.
        expect(localToInstant(first - 1000, timeZone)).toBe(first - 1000 - before);
        expect(localToInstant(last + 1000, timeZone)).toBe(last + 1000 - after);
        if (after > before) gaps += 1;
        else overlaps += 1;
      }
    }
    expect(gaps).toBeGreaterThan(80);
    expect(overlaps).toBeGreaterThan(80);
  });
});

describe('TimestampReader', () => {
  const berlin = new TimestampReader('Europe/Berlin', undefined);

  test.each([
    ['2026-11-30 14:05:00', '2026-11-30T13:05:00Z'],
    ['2026-11-30T14:05', '2026-11-30T13:05:00Z'],
    ['2026-11-30', '2026-11-29T23:00:00Z'],
    ['2026-07-01 00:00:00.250', '2026-06-30T22:00:00.250Z'],
    ['2026-11-30T14:05:00Z', '2026-11-30T14:05:00Z'],
    ['2026-11-30T14:05:00+05:30', '2026-11-30T08:35:00Z'],
    ['2025-12-06 10:37:33 -0500', '2025-12-06T15:37:33Z'],
    ['2025-12-06 10:37:33-05', '2025-12-06T15:37:33Z'],
  ])('reads %s', (text, instant) => {
    expect(berlin.read(text)).toBe(utc(instant));
  });

  test.each([
    ['DD/MM/YYYY HH:mm', '01/02/2026 09:15', '2026-02-01T08:15:00Z'],
    ['MM/DD/YYYY HH:mm', '01/02/2026 09:15', '2026-01-02T08:15:00Z'],
    ['M/D/YYYY H:mm', '12/1/2010 8:26', '2010-12-01T07:26:00Z'],
    ['MM/DD/YYYY h:mm A', '03/15/2026 12:05 AM', '2026-03-14T23:05:00Z'],
    ['MM/DD/YYYY h:mm A', '03/15/2026 1:05 pm', '2026-03-15T12:05:00Z'],
    ['DD.MM.YYYY HH:mm:ss', '29.03.2026 02:30:00', '2026-03-29T01:30:00Z'],
    ['YYYYMMDD', '20260101', '2025-12-31T23:00:00Z'],
    ['YYYY-MM-DD HH:mm:ss Z', '2026-01-01 10:00:00 +0200', '2026-01-01T08:00:00Z'],
    ['DD/MM/YYYY HH:mm:ss.SSS', '01/01/2026 10:00:00.5', '2026-01-01T09:00:00.500Z'],
  ])('--date-format %s reads %s', (pattern, text, instant) => {
    expect(new TimestampReader('Europe/Berlin', compileDateFormat(pattern)).read(text)).toBe(utc(instant));
  });

  test.each(['2026-02-30', '2026-11-30 24:00', '2026-13-01', 'yesterday', '2026-11-30T14:05:00+25:00'])('refuses %s', (text) => {
    expect(() => berlin.read(text)).toThrow(TimestampError);
  });

  test('refuses what is not a date and time, with a hint for ambiguous day and month', () => {
    expect(() => berlin.read('01/02/2026 10:00')).toThrow('day and month order is ambiguous: pass --date-format');
    const dayFirst = new TimestampReader('UTC', compileDateFormat('DD/MM/YYYY'));
    expect(() => dayFirst.read('2026-01-02')).toThrow('expected a timestamp like --date-format "DD/MM/YYYY", got "2026-01-02"');
    expect(() => dayFirst.read('31/02/2026')).toThrow(TimestampError);
  });

  test('compileDateFormat refuses patterns without a date, with a token twice, or mixing clocks', () => {
    expect(() => compileDateFormat('HH:mm')).toThrow('needs YYYY, MM (or M) and DD (or D)');
    expect(() => compileDateFormat('YYYY-MM-DD MM')).toThrow('has MM twice');
    expect(() => compileDateFormat('YYYY-MM-DD HH:mm A')).toThrow('mixes a 24-hour clock');
    expect(() => compileDateFormat('YYYY-MM-DD hh:mm')).toThrow('needs A (AM/PM)');
  });
});
