import Decimal from 'decimal.js';
import {
  CROSS_SELL_BANDS,
  benchmarkBand,
  formatMoney,
  scorecardSeries,
  suddenChanges,
  type Grain,
  type ScorecardRateKpi,
  type ScorecardRow,
  type SuddenChange,
} from '../../index.js';

/**
 * The KPIs of the reports for people (the table and the HTML page): one name per KPI (the
 * Scorecard's field name, or `orders`, `customers`, `revenue`, `crossSellBenchmark`), the words a
 * product manager knows for it, what it means, and how a value is written. The table and the page
 * read them from here, so a KPI is called the same everywhere.
 * @internal
 * @module
 */

/** What a report's reader needs to know to explain a KPI. */
export interface KpiContext {
  readonly grain: Grain;
  readonly by: 'sku' | 'category';
}

/** A KPI of the reports. */
export interface ReportKpi {
  /** Its `--kpis` name: the Scorecard field, or `orders`, `customers`, `revenue`, `crossSellBenchmark`. */
  readonly name: string;
  /** Its name for people, lower case: the table's column heading (on up to two lines) and the chart's title. */
  readonly label: string;
  /** What it is, in one sentence without a final period (the table's legend, the chart's caption); none where the label says it all. */
  readonly meaning?: (context: KpiContext) => string;
  /** Its cell: text, or `null` where the KPI has no value. */
  readonly cell: (row: ScorecardRow) => string | null;
  readonly align: 'left' | 'right';
  /** A rate with successes and trials: ▲/▼ flag its sudden changes (p-chart). */
  readonly flagged?: ScorecardRateKpi;
  /** Charted in the HTML page: a rate (a fraction) or an amount of money, read from `row[name].value`. */
  readonly chart?: 'rate' | 'money';
  /** Left out of the default table when 0 throughout (it needs data the input may not have). */
  readonly hideZero?: boolean;
  /** Left out of the default table when it says nothing another column does not (net revenue without returns is revenue). */
  readonly redundant?: (rows: readonly ScorecardRow[]) => boolean;
}

/** @internal What a report prints where a KPI has no value. */
export const NONE = '—';

const PERCENT = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** @internal A fraction as a percent with one decimal, always (`0.31` → `31.0%`); `null` as is. */
export function percentText(value: number | null): string | null {
  return value === null ? null : PERCENT.format(value);
}

/** @internal An amount in its currency (rounded half-even to the currency's minor unit; 2 decimals without a currency). */
export function moneyText(value: Decimal | null, currency: string | null): string | null {
  if (value === null) return null;
  return currency === null ? formatMoney(value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN), null) : formatMoney(value, currency);
}

function countText(value: number): string {
  return value.toLocaleString('en-US');
}

/** The period in words: `month`, or `day` … `year`. */
function previous(grain: Grain): string {
  return grain === 'day' ? 'the day before' : `the ${grain} before`;
}

function distinct(context: KpiContext): string {
  return context.by === 'sku' ? '2 or more different products' : 'products of 2 or more categories';
}

function rate(name: ScorecardRateKpi, label: string, meaning: (context: KpiContext) => string, options: { hideZero?: boolean } = {}): ReportKpi {
  return { name, label, meaning, cell: (row) => percentText(row[name].value), align: 'right', flagged: name, chart: 'rate', ...options };
}

/**
 * Every KPI of the table, in priority order: a table too narrow for all of them shows the first
 * ones that fit.
 * @internal
 */
export const REPORT_KPIS: readonly ReportKpi[] = [
  { name: 'orders', label: 'orders', cell: (row) => countText(row.averageOrderValue.orders), align: 'right' },
  {
    name: 'revenue',
    label: 'revenue',
    cell: (row) => moneyText(row.averageOrderValue.revenue, row.averageOrderValue.currency),
    align: 'right',
  },
  {
    name: 'netRevenue',
    label: 'net revenue',
    meaning: (context) => `revenue (gross) less the money returned in the ${context.grain}`,
    cell: (row) => moneyText(row.netRevenue.value, row.netRevenue.currency),
    align: 'right',
    chart: 'money',
    redundant: (rows) => rows.every((row) => row.netRevenue.returns.isZero()),
  },
  rate('crossSellRate', 'cross-sold customers', (context) => `share of the ${context.grain}’s customers who bought ${distinct(context)}`),
  {
    name: 'crossSellBenchmark',
    label: 'benchmark',
    meaning: () =>
      `the cross-sold customers’ benchmark band: ${CROSS_SELL_BANDS.map((band, index) => (index === 0 ? band.label : `${band.label} from ${percentText(band.from)!}`)).join(', ')} (commonly quoted figures, not a universal truth)`,
    cell: (row) => benchmarkBand(row.crossSellRate.value),
    align: 'left',
  },
  rate('transactionCrossSellRate', 'cross-sold orders', (context) => `share of orders with ${distinct(context)}`),
  {
    name: 'averageOrderValue',
    label: 'average order value',
    meaning: () => 'revenue ÷ orders',
    cell: (row) => moneyText(row.averageOrderValue.value, row.averageOrderValue.currency),
    align: 'right',
    chart: 'money',
  },
  rate('upsellRate', 'upsold customers', () => 'share of customers who bought a line sold as an upsell (source upsell)', { hideZero: true }),
  { name: 'customers', label: 'customers', meaning: () => 'customers who ordered (guests are not counted)', cell: (row) => countText(row.crossSellRate.customers), align: 'right' },
  rate('repeatPurchaseRate', 'repeat customers', (context) => `share of customers with 2 or more orders in the ${context.grain}`),
  rate('retentionRate', 'retained customers', (context) => `share of the customers of ${previous(context.grain)} who ordered again`),
  rate('churnRate', 'churned customers', (context) => `share of the customers of ${previous(context.grain)} who did not order again`),
  {
    name: 'crossSellRevenueShare',
    label: 'revenue from cross-sell',
    meaning: () => 'share of revenue from lines sold as a cross-sell (source cross-sell)',
    cell: (row) => percentText(row.crossSellRevenueShare.value),
    align: 'right',
    chart: 'rate',
    hideZero: true,
  },
  {
    name: 'customerLifetimeValue',
    label: 'revenue per customer',
    meaning: (context) => `the ${context.grain}’s revenue ÷ its customers (customer lifetime value over the ${context.grain})`,
    cell: (row) => moneyText(row.customerLifetimeValue.value, row.customerLifetimeValue.currency),
    align: 'right',
    chart: 'money',
  },
  {
    name: 'itemsPerOrder',
    label: 'items per order',
    meaning: () => 'units bought ÷ orders',
    cell: (row) => (row.itemsPerOrder.value === null ? null : row.itemsPerOrder.value.toLocaleString('en-US', { maximumFractionDigits: 2 })),
    align: 'right',
  },
  rate('crossSellAcceptanceRate', 'cross-sell offers taken', () => 'share of cross-sell offers accepted'),
  rate('upsellAcceptanceRate', 'upsell offers taken', () => 'share of upsell offers accepted'),
  rate('conversionRate', 'visitors who bought', () => 'share of visitors who converted'),
];

/** @internal The `--kpis` names, in priority order. */
export const TABLE_KPI_NAMES: readonly string[] = REPORT_KPIS.map((kpi) => kpi.name);

/** @internal Whether a KPI has a nonzero value in some row (for those left out when 0 throughout). */
export function anyNonZero(rows: readonly ScorecardRow[], kpi: ReportKpi): boolean {
  return rows.some((row) => {
    const value = (row[kpi.name as keyof ScorecardRow] as { value: number | null }).value;
    return value !== null && value !== 0;
  });
}

/** @internal A group's key, for maps: its values in the Scorecard's `groupBy` order. */
export function groupKey(group: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.values(group));
}

/** @internal The groups of the rows: the total (`{}`) first, then each group in code-unit order of its values. */
export function groupsOf(rows: readonly ScorecardRow[]): Record<string, string>[] {
  const groups = new Map<string, Record<string, string>>();
  for (const row of rows) if (Object.keys(row.group).length > 0 && !groups.has(groupKey(row.group))) groups.set(groupKey(row.group), row.group);
  const sorted = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
  return [{}, ...sorted];
}

/** @internal A group for people: its values joined by ` / `, an empty value as `(none)`; the total as `total`. */
export function groupLabel(group: Readonly<Record<string, string>>, separator = ' / '): string {
  const values = Object.values(group);
  return values.length === 0 ? 'total' : values.map((value) => value || '(none)').join(separator);
}

/**
 * @internal `suddenChanges` of a rate KPI for each group (by {@link groupKey}): each period's p-chart
 * limits and status, from the group's own series (`scorecardSeries`). O(rows) per KPI: each group's
 * series is read from its own rows (the periods outside them have no row to flag).
 */
export function suddenChangesByGroup(rows: readonly ScorecardRow[], kpi: ScorecardRateKpi): Map<string, Map<string, SuddenChange>> {
  const rowsByGroup = new Map<string, ScorecardRow[]>();
  for (const row of rows) {
    const key = groupKey(row.group);
    let list = rowsByGroup.get(key);
    if (list === undefined) rowsByGroup.set(key, (list = []));
    list.push(row);
  }
  const byGroup = new Map<string, Map<string, SuddenChange>>();
  for (const [key, groupRows] of rowsByGroup) {
    const changes = new Map<string, SuddenChange>();
    for (const change of suddenChanges(scorecardSeries(groupRows, kpi, groupRows[0]!.group))) changes.set(change.period, change);
    byGroup.set(key, changes);
  }
  return byGroup;
}

/** @internal The ▲/▼ legend, shared by the table and the page. */
export function flagMeaning(grain: Grain): string {
  return `above / below the rate’s p-chart limits: 3 standard errors around the pooled rate of up to 6 earlier ${grain}s that had at least 30 in the rate’s denominator`;
}
