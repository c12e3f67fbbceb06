import Decimal from 'decimal.js';
import type { Report } from '../report.js';
import { summarize } from './json.js';
import { NONE, moneyText } from './kpis.js';

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

/** @internal What was read and what was counted, in one sentence (with its period). */
export function readAndCounted(report: Report): string {
  const { read, counted } = summarize(report).totals;
  const amount = (value: string): string => moneyText(new Decimal(value), counted.currency) ?? NONE;
  const returns = counted.returns === 0 ? '' : `; ${plural(counted.returns, 'return')} of ${amount(counted.returned)}, net revenue ${amount(counted.netRevenue)}`;
  return (
    `Read ${plural(read.rows, 'row')}: ${plural(read.orders, 'order')} of ${plural(read.customers, 'customer')}. ` +
    `Counted ${plural(counted.orders, 'order')} of ${plural(counted.customers, 'customer')}, revenue ${amount(counted.revenue)}${returns}.`
  );
}

/** @internal The skipped rows by code, with the first line of each, in a sentence (without a final period); `undefined` when none was. */
export function skippedNote(report: Report): string | undefined {
  const { skipped } = summarize(report);
  if (skipped.count === 0) return undefined;
  const codes = Object.entries(skipped.byCode).map(([code, rows]) => {
    const line = skipped.firstLineByCode[code]!.toLocaleString('en-US');
    return `${code} ${rows.toLocaleString('en-US')} (${rows === 1 ? 'line' : 'first on line'} ${line})`;
  });
  return `Skipped ${plural(skipped.count, 'row')} of ${plural(skipped.orders, 'order')}; bad rows by code: ${codes.join(', ')}`;
}

/** @internal What else was left out (rejects file, --exclude-sku, --since / --until, --unsorted), in sentences without a final period. */
export function otherNotes(report: Report): string[] {
  const { options, tally } = report;
  const { totals } = summarize(report);
  const lines: string[] = [];
  if (report.rejectedRows !== undefined) lines.push(`Wrote ${plural(report.rejectedRows, 'skipped row')} to ${options.rejects!}`);
  if (totals.excluded.rows > 0) {
    const orders = totals.excluded.orders > 0 ? `, and ${plural(totals.excluded.orders, 'order')} that had no other row` : '';
    lines.push(`Left out ${plural(totals.excluded.rows, 'row')} of --exclude-sku SKUs${orders}`);
  }
  if (totals.outOfRange.rows > 0 || totals.outOfRange.orders > 0) lines.push(`Left out ${plural(totals.outOfRange.orders, 'order')} (${plural(totals.outOfRange.rows, 'row')}) outside --since / --until`);
  if (options.window === Infinity && tally.rows > 0) lines.push(`Held every order until the end of the input (--unsorted): ${plural(totals.held.orders, 'order')}, ${plural(totals.held.rows, 'row')}`);
  return lines;
}

/** @internal The sentences (without a final period), none when nothing was left out. */
export function notes(report: Report): string[] {
  const skipped = skippedNote(report);
  return [...(skipped === undefined ? [] : [skipped]), ...otherNotes(report)];
}
