import Decimal from 'decimal.js';
import { toMoney, type ScorecardRow } from '../../index.js';
import type { Report } from '../report.js';

/**
 * `--format json`: `{ rows, skipped, totals }` (as the README's *Command line* shows), money as decimal strings.
 * @internal
 * @module
 */

/** A JSON value. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** @internal A decimal's exact digits, without exponent notation or a negative zero. */
export function decimalString(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** @internal A result value as plain JSON: `Decimal` → decimal string, everything else as is. */
export function toJson(value: unknown): Json {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Decimal.isDecimal(value)) return decimalString(value as Decimal);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== undefined) out[key] = toJson(item);
    }
    return out;
  }
  throw new TypeError(`cannot write ${typeof value} as JSON`);
}

/** What was skipped, and the totals of what was read and counted. */
export interface Summary {
  skipped: {
    /** Every row skipped. */
    count: number;
    /** The bad rows among them, by code, codes in alphabetical order. */
    byCode: Record<string, number>;
    /** The first (lowest) line of each code of `byCode`. */
    firstLineByCode: Record<string, number>;
    /** Orders skipped (read and not counted). */
    orders: number;
  };
  totals: {
    /** Everything read: rows (CSV records or JSON lines), distinct order ids, distinct customer ids on orders. */
    read: { rows: number; orders: number; customers: number };
    /** Rows of `--exclude-sku` SKUs, and orders that had no other row: neither counted nor skipped. */
    excluded: { rows: number; orders: number };
    /** Rows and orders (or returns) outside `--since` / `--until`: neither counted nor skipped. */
    outOfRange: { rows: number; orders: number };
    /** The most orders, and the most rows, held in memory at once until they were complete (CSV; every order with `--unsorted`). */
    held: { orders: number; rows: number };
    /**
     * What the Scorecard counted: rows, orders, returns, distinct customers (guests are none), the
     * revenue of those orders (gross), the money returned, and net revenue (revenue − returned).
     */
    counted: { rows: number; orders: number; returns: number; customers: number; revenue: string; returned: string; netRevenue: string; currency: string | null };
  };
}

/** @internal The period total rows: those with an empty group. */
export function totalRows(rows: readonly ScorecardRow[]): ScorecardRow[] {
  return rows.filter((row) => Object.keys(row.group).length === 0);
}

/** @internal Skipped rows and totals of a report. */
export function summarize(report: Report): Summary {
  const { tally, rows } = report;
  // The library's Decimal (exact sums), not decimal.js's default one (20 significant digits).
  let revenue = toMoney(0);
  let returned = toMoney(0);
  let currency: string | null = null;
  for (const row of totalRows(rows)) {
    revenue = revenue.plus(row.netRevenue.grossRevenue);
    returned = returned.plus(row.netRevenue.returns);
    currency ??= row.netRevenue.currency;
  }
  const byCode: Record<string, number> = {};
  const firstLineByCode: Record<string, number> = {};
  for (const code of [...tally.byCode.keys()].sort()) {
    byCode[code] = tally.byCode.get(code)!;
    firstLineByCode[code] = tally.firstLineByCode.get(code)!;
  }
  const readOrders = tally.orders.size;
  return {
    skipped: { count: tally.skippedRows, byCode, firstLineByCode, orders: tally.skippedOrders },
    totals: {
      read: { rows: tally.rows, orders: readOrders, customers: tally.customers.size },
      excluded: { rows: tally.excludedRows, orders: tally.excludedOrders },
      outOfRange: { rows: tally.outOfRangeRows, orders: tally.outOfRangeOrders },
      held: { orders: tally.heldOrders, rows: tally.heldRows },
      counted: {
        rows: tally.countedRows,
        orders: tally.countedOrders,
        returns: tally.countedReturns,
        customers: tally.countedCustomers(),
        revenue: decimalString(revenue),
        returned: decimalString(returned),
        netRevenue: decimalString(revenue.minus(returned)),
        currency: currency ?? report.options.currency ?? null,
      },
    },
  };
}

/** @internal The report as JSON text. */
export function formatJson(report: Report): string {
  const { skipped, totals } = summarize(report);
  return `${JSON.stringify({ rows: toJson(report.rows), skipped, totals }, null, 2)}\n`;
}
