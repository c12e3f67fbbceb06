import { KpiError } from '../core/KpiError.js';
import { isCurrencyCode } from '../core/currency.js';
import { isPeriodOrdinal, periodKeyOfOrdinal } from '../_internal/calendar.js';
import { Decimal, ZERO } from '../_internal/decimal.js';
import { PeriodSpan } from '../_internal/periodSpan.js';
import { show } from '../_internal/show.js';
import { averageOrderValue } from '../kpis/averageOrderValue/formula.js';
import { churnRate } from '../kpis/churnRate/formula.js';
import { conversionRate } from '../kpis/conversionRate/formula.js';
import { crossSellRate } from '../kpis/crossSellRate/formula.js';
import { customerLifetimeValue } from '../kpis/customerLifetimeValue/formula.js';
import { itemsPerOrder } from '../kpis/itemsPerOrder/formula.js';
import { offerAcceptanceRate } from '../kpis/offerAcceptanceRate/formula.js';
import { repeatPurchaseRate } from '../kpis/repeatPurchaseRate/formula.js';
import { retentionRate } from '../kpis/retentionRate/formula.js';
import { revenuePerConversion } from '../kpis/revenuePerConversion/formula.js';
import { revenueShare } from '../kpis/revenueShare/formula.js';
import { transactionCrossSellRate } from '../kpis/transactionCrossSellRate/formula.js';
import { upsellRate } from '../kpis/upsellRate/formula.js';
import type { ScorecardRow } from '../scorecard/Scorecard.js';
import type { ScorecardSettings } from '../scorecard/settings.js';
import { COUNTS, TEXTS } from './scorecardQuery.js';

/**
 * The Scorecard's rows from the counts and sums its SQL returns: the same rows, in the same order,
 * each KPI computed by its formula function from the same counts and sums the folds keep.
 * @internal
 * @module
 */

/** One result row, read: its kind, cell, counts and texts. */
interface Part {
  readonly kind: string;
  readonly period: number;
  readonly total: boolean;
  readonly group: readonly string[];
  readonly counts: readonly number[];
  readonly texts: readonly (string | null)[];
}

/** What the SQL says of one (period × group) cell. */
interface Cell {
  orders: number;
  crossSellOrders: number;
  crossSellConversions: number;
  upsellConversions: number;
  revenue: Decimal;
  items: number;
  crossSellRevenue: Decimal;
  upsellRevenue: Decimal;
  customerRevenue: Decimal;
  customers: number;
  crossSoldCustomers: number;
  upsoldCustomers: number;
  repeatCustomers: number;
  retained: number;
  returns: number;
  returned: Decimal;
  crossSellOffered: number;
  crossSellAccepted: number;
  upsellOffered: number;
  upsellAccepted: number;
  visitors: number;
  converted: number;
}

function emptyCell(): Cell {
  return {
    orders: 0,
    crossSellOrders: 0,
    crossSellConversions: 0,
    upsellConversions: 0,
    revenue: ZERO,
    items: 0,
    crossSellRevenue: ZERO,
    upsellRevenue: ZERO,
    customerRevenue: ZERO,
    customers: 0,
    crossSoldCustomers: 0,
    upsoldCustomers: 0,
    repeatCustomers: 0,
    retained: 0,
    returns: 0,
    returned: ZERO,
    crossSellOffered: 0,
    crossSellAccepted: 0,
    upsellOffered: 0,
    upsellAccepted: 0,
    visitors: 0,
    converted: 0,
  };
}

/** Fills a cell from one part of its kind: its counts, and its exact sums (`sums(i)`, the i-th text column). */
const READERS: Readonly<Record<string, (cell: Cell, counts: readonly number[], sums: (index: number) => Decimal, part: Part) => void>> = {
  orders: (cell, [orders, crossSellOrders, crossSellConversions, upsellConversions], sums, part) =>
    Object.assign(cell, {
      orders,
      crossSellOrders,
      crossSellConversions,
      upsellConversions,
      revenue: sums(0),
      // Items is a number in the result, read from the exact sum as the fold reads its own.
      items: Number(part.texts[1] ?? '0'),
      crossSellRevenue: sums(2),
      upsellRevenue: sums(3),
      customerRevenue: sums(4),
    }),
  customers: (cell, [customers, crossSoldCustomers, upsoldCustomers, repeatCustomers]) => Object.assign(cell, { customers, crossSoldCustomers, upsoldCustomers, repeatCustomers }),
  retained: (cell, [retained]) => Object.assign(cell, { retained }),
  returns: (cell, [returns], sums) => Object.assign(cell, { returns, returned: sums(0) }),
  offers: (cell, [crossSellOffered, crossSellAccepted, upsellOffered, upsellAccepted]) => Object.assign(cell, { crossSellOffered, crossSellAccepted, upsellOffered, upsellAccepted }),
  visits: (cell, [visitors, converted]) => Object.assign(cell, { visitors, converted }),
};

/** A count as the drivers give it (number, bigint or text), or 0 for NULL. */
function count(value: unknown, column: string): number {
  if (value === null || value === undefined) return 0;
  const number = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) throw new KpiError('INVALID_ARGUMENT', column, `expected a count, got ${show(value)}`);
  return number;
}

function text(value: unknown, column: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new KpiError('INVALID_ARGUMENT', column, `expected text, got ${show(value)}`);
}

/** A sum the engine returned as text, exactly. */
function sum(value: string | null, column: string): Decimal {
  if (value === null) return ZERO;
  try {
    const amount = new Decimal(value);
    if (amount.isFinite()) return amount.isZero() ? ZERO : amount;
  } catch {
    // reported below
  }
  throw new KpiError('INVALID_ARGUMENT', column, `expected an exact sum as text, got ${show(value)}`);
}

function readPart(value: unknown, index: number, groups: number): Part {
  if (typeof value !== 'object' || value === null) throw new KpiError('INVALID_ARGUMENT', `rows[${index}]`, 'expected a row object');
  const row = value as Record<string, unknown>;
  const at = (column: string) => `rows[${index}].${column}`;
  const kind = text(row['kind'], at('kind'));
  if (kind === null) throw new KpiError('INVALID_ARGUMENT', at('kind'), 'expected the kind of the row');
  return {
    kind,
    period: count(row['p'], at('p')),
    total: count(row['t'], at('t')) === 1,
    group: Array.from({ length: groups }, (_, position) => text(row[`g${position}`], at(`g${position}`)) ?? ''),
    counts: Array.from({ length: COUNTS }, (_, position) => count(row[`n${position + 1}`], at(`n${position + 1}`))),
    texts: Array.from({ length: TEXTS }, (_, position) => text(row[`m${position + 1}`], at(`m${position + 1}`))),
  };
}

/** Code-unit order of two lists of group values. */
function compareGroups(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < a.length; index++) {
    if (a[index] !== b[index]) return a[index]! < b[index]! ? -1 : 1;
  }
  return 0;
}

/**
 * @internal The rows of a Scorecard with these settings, from the result rows of its SQL (in any
 * order). Throws the KpiError that adding the same events to a Scorecard would have thrown, where
 * the SQL found one.
 */
export function readScorecardRows(rows: readonly unknown[], settings: ScorecardSettings): ScorecardRow[] {
  if (!Array.isArray(rows)) throw new KpiError('INVALID_ARGUMENT', 'rows', 'expected the rows of the query, as an array of objects');
  const { grain, groupBy } = settings;
  const parts = rows.map((row, index) => readPart(row, index, groupBy.length));
  const problem = parts.find((part) => part.kind === 'problem');
  if (problem !== undefined) {
    const [code, path, id] = problem.texts;
    throw new KpiError(code as never, path ?? '', `${problem.counts[0]} row(s) of the table are not valid events${id ? `, the first of them of ${show(id)}` : ''}`);
  }
  const currencies = new Set(parts.filter((part) => part.kind === 'currency').map((part) => part.texts[0] ?? null));
  for (const code of currencies) if (code !== null && !isCurrencyCode(code)) throw new KpiError('INVALID_CURRENCY', 'currency', `expected an ISO 4217 code, got ${show(code)}`);
  if (currencies.size > 1) throw new KpiError('MIXED_CURRENCY', 'currency', `the events are in ${[...currencies].map((code) => code ?? 'no currency').join(', ')}`);
  const counted = currencies.size === 0 ? settings.currency : [...currencies][0]!;

  const cells = new Map<string, { period: number; group: readonly string[] | undefined; cell: Cell }>();
  for (const part of parts) {
    const read = READERS[part.kind];
    if (read === undefined) continue;
    if (!isPeriodOrdinal(part.period, grain)) throw new KpiError('INVALID_TIMESTAMP', 'timestamp', `an event's ${grain} is outside the years 0000-9999`);
    const key = part.total ? `${part.period}` : `${part.period} ${JSON.stringify(part.group)}`;
    let entry = cells.get(key);
    if (entry === undefined) cells.set(key, (entry = { period: part.period, group: part.total ? undefined : part.group, cell: emptyCell() }));
    read(entry.cell, part.counts, (position) => sum(part.texts[position] ?? null, `m${position + 1}`), part);
  }
  if (cells.size === 0) return [];
  const periods = [...cells.values()].map((entry) => entry.period);
  const first = Math.min(...periods);
  const last = Math.max(...periods);
  const span = new PeriodSpan(grain, settings.maxPeriods);
  span.add(first);
  span.check(last);
  const cellAt = (period: number, group: readonly string[] | undefined) => cells.get(group === undefined ? `${period}` : `${period} ${JSON.stringify(group)}`)?.cell;
  const byPeriod = new Map<number, (readonly string[])[]>();
  for (const entry of cells.values()) {
    if (entry.group === undefined) continue;
    const groups = byPeriod.get(entry.period) ?? [];
    groups.push(entry.group);
    byPeriod.set(entry.period, groups);
  }
  const result: ScorecardRow[] = [];
  for (let period = first; period <= last; period++) {
    const key = periodKeyOfOrdinal(period, grain);
    result.push(row(key, {}, cellAt(period, undefined) ?? emptyCell(), cellAt(period - 1, undefined), settings, counted));
    if (groupBy.length === 0) continue;
    for (const values of (byPeriod.get(period) ?? []).sort(compareGroups)) {
      const group = Object.fromEntries(groupBy.map((name, index) => [name, values[index]!]));
      result.push(row(key, group, cellAt(period, values)!, cellAt(period - 1, values), settings, counted));
    }
  }
  return result;
}

/** One row, as `Scorecard.row` makes it from the folds: each KPI by its formula, money KPIs in the events' currency once they have counted one. */
function row(period: string, group: Record<string, string>, cell: Cell, previous: Cell | undefined, settings: ScorecardSettings, counted: string | null): ScorecardRow {
  const ordersCurrency = cell.orders === 0 ? settings.currency : counted;
  const customersAtStart = previous?.customers ?? 0;
  const customersAtEnd = cell.customers;
  // Customers of this period also active in the one before; none when that period had no cell.
  const retained = previous === undefined ? 0 : cell.retained;
  const newCustomers = customersAtEnd - retained;
  const customersLost = customersAtStart - retained;
  const { orders, revenue } = cell;
  const counts = {
    crossSellRate: { crossSoldCustomers: cell.crossSoldCustomers, customers: cell.customers },
    transactionCrossSellRate: { crossSellOrders: cell.crossSellOrders, orders },
    upsellRate: { upsoldCustomers: cell.upsoldCustomers, customers: cell.customers },
    crossSellAcceptanceRate: { accepted: cell.crossSellAccepted, offered: cell.crossSellOffered },
    upsellAcceptanceRate: { accepted: cell.upsellAccepted, offered: cell.upsellOffered },
    conversionRate: { converted: cell.converted, visitors: cell.visitors },
    repeatPurchaseRate: { repeatCustomers: cell.repeatCustomers, customers: cell.customers },
    itemsPerOrder: { items: cell.items, orders },
  };
  return {
    period,
    group,
    crossSellRate: { value: crossSellRate(counts.crossSellRate), ...counts.crossSellRate },
    transactionCrossSellRate: { value: transactionCrossSellRate(counts.transactionCrossSellRate), ...counts.transactionCrossSellRate },
    upsellRate: { value: upsellRate(counts.upsellRate), ...counts.upsellRate },
    crossSellAcceptanceRate: { value: offerAcceptanceRate(counts.crossSellAcceptanceRate), ...counts.crossSellAcceptanceRate },
    upsellAcceptanceRate: { value: offerAcceptanceRate(counts.upsellAcceptanceRate), ...counts.upsellAcceptanceRate },
    conversionRate: { value: conversionRate(counts.conversionRate), ...counts.conversionRate },
    repeatPurchaseRate: { value: repeatPurchaseRate(counts.repeatPurchaseRate), ...counts.repeatPurchaseRate },
    retentionRate: { value: retentionRate({ customersAtStart, customersAtEnd, newCustomers }), customersAtStart, customersAtEnd, newCustomers },
    churnRate: { value: churnRate({ customersAtStart, customersLost }), customersLost, customersAtStart },
    averageOrderValue: { value: averageOrderValue({ revenue, orders }), revenue, orders, currency: ordersCurrency },
    itemsPerOrder: { value: itemsPerOrder(counts.itemsPerOrder), ...counts.itemsPerOrder },
    customerLifetimeValue: {
      value: customerLifetimeValue({ revenue: cell.customerRevenue, customers: cell.customers }),
      revenue: cell.customerRevenue,
      customers: cell.customers,
      currency: cell.customers === 0 ? settings.currency : counted,
    },
    revenuePerCrossSell: { value: revenuePerConversion({ revenue: cell.crossSellRevenue, conversions: cell.crossSellConversions }), revenue: cell.crossSellRevenue, conversions: cell.crossSellConversions, currency: ordersCurrency },
    revenuePerUpsell: { value: revenuePerConversion({ revenue: cell.upsellRevenue, conversions: cell.upsellConversions }), revenue: cell.upsellRevenue, conversions: cell.upsellConversions, currency: ordersCurrency },
    crossSellRevenueShare: { value: revenueShare({ part: cell.crossSellRevenue, total: revenue }), part: cell.crossSellRevenue, total: revenue, currency: ordersCurrency },
    netRevenue: { value: revenue.minus(cell.returned), grossRevenue: revenue, returns: cell.returned, currency: orders === 0 && cell.returns === 0 ? settings.currency : counted },
  };
}
