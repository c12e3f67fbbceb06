import type { Report } from '../report.js';
import { summarize } from './json.js';

/**
 * What a run left out, in sentences for people: the skipped rows by code with the first line of
 * each, the rejects file, the rows of `--exclude-sku` and outside `--since` / `--until`, and what
 * `--unsorted` held. Below the table, or on stderr when the report is not a table on stdout.
 * @internal
 * @module
 */

/** @internal `1 row`, `2 rows`, with thousands separators. */
export function plural(value: number, noun: string): string {
  return `${value.toLocaleString('en-US')} ${noun}${value === 1 ? '' : 's'}`;
}

/** @internal The sentences (without a final period), none when nothing was left out. */
export function notes(report: Report): string[] {
  const { options, tally } = report;
  const { skipped, totals } = summarize(report);
  const lines: string[] = [];
  if (skipped.count > 0) {
    const codes = Object.entries(skipped.byCode).map(([code, rows]) => {
      const line = skipped.firstLineByCode[code]!.toLocaleString('en-US');
      return `${code} ${rows.toLocaleString('en-US')} (${rows === 1 ? 'line' : 'first on line'} ${line})`;
    });
    lines.push(`Skipped ${plural(skipped.count, 'row')} of ${plural(skipped.orders, 'order')}; bad rows by code: ${codes.join(', ')}`);
  }
  if (report.rejectedRows !== undefined) lines.push(`Wrote ${plural(report.rejectedRows, 'skipped row')} to ${options.rejects!}`);
  if (totals.excluded.rows > 0) {
    const orders = totals.excluded.orders > 0 ? `, and ${plural(totals.excluded.orders, 'order')} that had no other row` : '';
    lines.push(`Left out ${plural(totals.excluded.rows, 'row')} of --exclude-sku SKUs${orders}`);
  }
  if (totals.outOfRange.rows > 0 || totals.outOfRange.orders > 0) lines.push(`Left out ${plural(totals.outOfRange.orders, 'order')} (${plural(totals.outOfRange.rows, 'row')}) outside --since / --until`);
  if (options.window === Infinity && tally.rows > 0) lines.push(`Held every order until the end of the input (--unsorted): ${plural(totals.held.orders, 'order')}, ${plural(totals.held.rows, 'row')}`);
  return lines;
}
