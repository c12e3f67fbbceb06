import Decimal from 'decimal.js';
import {
  benchmarkBand,
  formatMoney,
  formatPercent,
  scorecardSeries,
  suddenChanges,
  type ScorecardRateKpi,
  type ScorecardRow,
  type SuddenChangeStatus,
} from '../../index.js';
import type { Report } from '../report.js';
import { summarize } from './json.js';
import { notes, plural } from './summary.js';

/**
 * `--format table`: a text table for people, one line per period (and group), one column per KPI;
 * percents and money formatted, the cross-sell benchmark band beside the cross-sell rate, and ▲/▼
 * where a rate is above or below its p-chart limits (suddenChanges). Columns with no data are left
 * out and named below the table.
 * @internal
 * @module
 */

interface Column {
  readonly title: string;
  /** The cell of a row; `null` when the KPI is not defined for it. */
  readonly value: (row: ScorecardRow) => string | null;
  /** A rate KPI whose sudden changes are flagged. */
  readonly flagged?: ScorecardRateKpi;
  readonly align: 'left' | 'right';
  /** Whether a column whose every value is zero is left out too (KPIs that need data the input may not have). */
  readonly hideZero?: boolean;
  /** Whether the column says nothing another does not for these rows (net revenue without returns is revenue). */
  readonly redundant?: (rows: readonly ScorecardRow[]) => boolean;
}

const NONE = '—';

function money(value: Decimal | null, currency: string | null): string | null {
  if (value === null) return null;
  return currency === null ? formatMoney(value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN), null) : formatMoney(value, currency);
}

function percent(value: number | null): string | null {
  return value === null ? null : formatPercent(value);
}

function rate(title: string, kpi: ScorecardRateKpi, options: { hideZero?: boolean } = {}): Column {
  return { title, value: (row) => percent(row[kpi].value), flagged: kpi, align: 'right', ...options };
}

const COLUMNS: readonly Column[] = [
  { title: 'orders', value: (row) => row.averageOrderValue.orders.toLocaleString('en-US'), align: 'right' },
  { title: 'customers', value: (row) => row.crossSellRate.customers.toLocaleString('en-US'), align: 'right' },
  { title: 'revenue', value: (row) => money(row.averageOrderValue.revenue, row.averageOrderValue.currency), align: 'right' },
  {
    title: 'net revenue',
    value: (row) => money(row.netRevenue.value, row.netRevenue.currency),
    align: 'right',
    redundant: (rows) => rows.every((row) => row.netRevenue.returns.isZero()),
  },
  { title: 'AOV', value: (row) => money(row.averageOrderValue.value, row.averageOrderValue.currency), align: 'right' },
  { title: 'items/order', value: (row) => (row.itemsPerOrder.value === null ? null : row.itemsPerOrder.value.toLocaleString('en-US', { maximumFractionDigits: 2 })), align: 'right' },
  rate('cross-sell', 'crossSellRate'),
  { title: 'band', value: (row) => benchmarkBand(row.crossSellRate.value), align: 'left' },
  rate('txn x-sell', 'transactionCrossSellRate'),
  rate('upsell', 'upsellRate', { hideZero: true }),
  { title: 'x-sell rev', value: (row) => percent(row.crossSellRevenueShare.value), align: 'right', hideZero: true },
  rate('repeat', 'repeatPurchaseRate'),
  rate('retention', 'retentionRate'),
  { title: 'CLV', value: (row) => money(row.customerLifetimeValue.value, row.customerLifetimeValue.currency), align: 'right' },
  rate('x-sell offers', 'crossSellAcceptanceRate'),
  rate('upsell offers', 'upsellAcceptanceRate'),
  rate('conversion', 'conversionRate'),
];

const MARKS: Partial<Record<SuddenChangeStatus, string>> = { above: ' ▲', below: ' ▼' };

/** `{ period → status }` for each group and flagged KPI. */
function flags(rows: readonly ScorecardRow[], groups: readonly Record<string, string>[]): Map<string, Map<string, SuddenChangeStatus>> {
  const byKey = new Map<string, Map<string, SuddenChangeStatus>>();
  for (const group of groups) {
    for (const column of COLUMNS) {
      if (column.flagged === undefined) continue;
      const statuses = new Map<string, SuddenChangeStatus>();
      for (const flag of suddenChanges(scorecardSeries(rows, column.flagged, group))) statuses.set(flag.period, flag.status);
      byKey.set(`${JSON.stringify(group)}\u0000${column.flagged}`, statuses);
    }
  }
  return byKey;
}

/** The lines below the table: legend, what was read, what was skipped. */
function footer(report: Report, hidden: readonly string[], flagged: boolean): string[] {
  const { totals } = summarize(report);
  const lines: string[] = [];
  if (flagged) lines.push('▲ ▼  above / below the p-chart limits (3σ) of up to 6 earlier periods with at least 30 in the rate\'s denominator');
  lines.push('band  cross-sell benchmark: weak < 20% ≤ good < 30% ≤ strong (commonly quoted; not a universal truth)');
  if (hidden.length > 0) lines.push(`Not shown (no data, or 0 throughout): ${hidden.join(', ')}.`);
  const { read, counted } = totals;
  const amount = (value: string): string => money(new Decimal(value), counted.currency) ?? NONE;
  const returns = counted.returns === 0 ? '' : `; ${plural(counted.returns, 'return')} of ${amount(counted.returned)}, net revenue ${amount(counted.netRevenue)}`;
  lines.push(
    `Read ${plural(read.rows, 'row')}: ${plural(read.orders, 'order')} of ${plural(read.customers, 'customer')}. ` +
      `Counted ${plural(counted.orders, 'order')} of ${plural(counted.customers, 'customer')}, revenue ${amount(counted.revenue)}${returns}.`,
  );
  for (const note of notes(report)) lines.push(`${note}.`);
  return lines;
}

/** @internal The report as a text table. */
export function formatTable(report: Report): string {
  const { rows, options } = report;
  if (rows.length === 0) return `No orders, offers or visits to report.\n${footer(report, [], false).slice(1).join('\n')}\n`;
  const grouped = options.groupBy.length > 0;
  const groups = [{}, ...new Map(rows.filter((row) => Object.keys(row.group).length > 0).map((row) => [JSON.stringify(row.group), row.group])).values()];
  const statuses = flags(rows, groups);
  const shown: Column[] = [];
  const hidden: string[] = [];
  for (const column of COLUMNS) {
    const values = rows.map(column.value);
    const empty = values.every((value) => value === null) || (column.hideZero === true && rows.every((row) => !(column.flagged === undefined ? row.crossSellRevenueShare.value : row[column.flagged].value)));
    if (column.redundant?.(rows) === true) continue;
    if (empty) hidden.push(column.title);
    else shown.push(column);
  }
  let anyFlag = false;
  // Flag marks take the last two characters of a cell: titles of flagged columns end in two spaces, over them.
  const titles = ['period', ...(grouped ? ['group'] : []), ...shown.map((column) => (column.flagged === undefined ? column.title : `${column.title}  `))];
  const body = rows.map((row) => {
    const isTotal = Object.keys(row.group).length === 0;
    const group = isTotal ? 'total' : options.groupBy.map((key) => row.group[key] || '(none)').join(' / ');
    const cells = shown.map((column) => {
      const value = column.value(row) ?? NONE;
      if (column.flagged === undefined) return value;
      const status = statuses.get(`${JSON.stringify(row.group)}\u0000${column.flagged}`)?.get(row.period);
      const mark = status === undefined ? undefined : MARKS[status];
      if (mark !== undefined) anyFlag = true;
      return `${value}${mark ?? '  '}`;
    });
    return [row.period, ...(grouped ? [group] : []), ...cells];
  });
  const aligns = ['left', ...(grouped ? ['left'] : []), ...shown.map((column) => column.align)];
  const widths = titles.map((title, index) => Math.max(title.length, ...body.map((cells) => cells[index]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((text, index) => (aligns[index] === 'left' ? text.padEnd(widths[index]!) : text.padStart(widths[index]!)))
      .join('  ')
      .trimEnd();
  const out = [line(titles), line(widths.map((width) => '─'.repeat(width))), ...body.map(line)];
  return `${out.join('\n')}\n\n${footer(report, hidden, anyFlag).join('\n')}\n`;
}
