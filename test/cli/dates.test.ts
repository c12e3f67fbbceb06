/**
 * CSV timestamps: ISO-like cells and --date-format patterns, read in --time-zone (local time →
 * instant itself is tested with the calendar, test/core/timeCalendar.test-prop.ts).
 */
import { describe, expect, test } from 'vitest';
import { TimestampError, TimestampReader, compileDateFormat } from '../../src/cli/readers/dates.js';

const utc = (text: string): number => Date.parse(text);

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
