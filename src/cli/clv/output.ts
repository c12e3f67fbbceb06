import Decimal from 'decimal.js';
import { formatMoney } from '../../index.js';
import { decimalString, type Json } from '../output/json.js';
import { notes as readerNotes, plural } from '../output/summary.js';
import type { ClvReport } from './command.js';

/**
 * The `clv` command's output: a table for people (the fits above a table of customers), JSON
 * `{ bgNbd, gammaGamma, customers, ... }` as SPEC section 11 gives it, or one CSV row per customer.
 * Money is exact in JSON and CSV (decimal strings), rounded to the currency's minor unit in the table.
 * @internal
 * @module
 */

/** The fitted parameters, shortest round-trip doubles. */
function fits(report: ClvReport): { bgNbd: Json; gammaGamma: Json } {
  const { bgNbd, gammaGamma } = report;
  return {
    bgNbd: { params: { ...bgNbd.params }, logLikelihood: bgNbd.logLikelihood },
    gammaGamma: { params: { ...gammaGamma.params }, logLikelihood: gammaGamma.logLikelihood },
  };
}

/** What was read and skipped, as the report's JSON has it. */
function skipped(report: ClvReport): Json {
  const { tally } = report;
  const byCode: Record<string, number> = {};
  for (const code of [...tally.byCode.keys()].sort()) byCode[code] = tally.byCode.get(code)!;
  return { count: tally.skippedRows, byCode };
}

/** @internal The report as JSON text. */
export function formatClvJson(report: ClvReport): string {
  const { options } = report;
  const json = {
    observationEnd: options.observationEnd,
    timeUnit: options.timeUnit,
    horizon: options.horizon,
    discountRate: options.discountRate,
    currency: report.currency,
    ...fits(report),
    customers: report.customers.map((customer) => ({
      customerId: customer.customerId,
      frequency: customer.frequency,
      recency: customer.recency,
      T: customer.T,
      probabilityAlive: customer.probabilityAlive,
      expectedPurchases: customer.expectedPurchases,
      expectedValue: decimalString(customer.expectedValue),
      clv: decimalString(customer.clv),
    })),
    unused: { ...report.unused },
    skipped: skipped(report),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Quotes a cell when it holds a comma, a quote or a line break (RFC 4180). */
function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** @internal One CSV row per customer, by CLV descending. */
export function formatClvCsv(report: ClvReport): string {
  const lines = ['customer_id,frequency,recency,T,probability_alive,expected_purchases,expected_value,clv'];
  for (const customer of report.customers) {
    lines.push(
      [cell(customer.customerId), customer.frequency, customer.recency, customer.T, customer.probabilityAlive, customer.expectedPurchases, decimalString(customer.expectedValue), decimalString(customer.clv)].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function money(value: Decimal, currency: string | null): string {
  return currency === null ? formatMoney(value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN), null) : formatMoney(value, currency);
}

/** Six significant digits, without exponent notation for the parameters' usual range. */
function parameter(value: number): string {
  return Number(value.toPrecision(6)).toString();
}

/** Left-aligned first column, the others right-aligned. */
function layout(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows.map((row) =>
    row
      .map((text, column) => (column === 0 ? text.padEnd(widths[column]!) : text.padStart(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** @internal The fits, then a table of customers by CLV descending, then what was left out. */
export function formatClvTable(report: ClvReport): string {
  const { options, bgNbd, gammaGamma, currency } = report;
  const unit = options.timeUnit;
  const { r, alpha, a, b } = bgNbd.params;
  const { p, q, v } = gammaGamma.params;
  const logLikelihood = (value: number | null) => (value === null ? '—' : value.toFixed(2));
  const head = [
    `Customers: ${report.customers.length.toLocaleString('en-US')} with an order up to ${options.observationEnd} (${unit}s)`,
    `BG/NBD (purchases): r ${parameter(r)}, alpha ${parameter(alpha)}, a ${parameter(a)}, b ${parameter(b)}; log-likelihood ${logLikelihood(bgNbd.logLikelihood)}`,
    `Gamma-Gamma (value per purchase): p ${parameter(p)}, q ${parameter(q)}, v ${parameter(v)}; log-likelihood ${logLikelihood(gammaGamma.logLikelihood)}`,
    `Horizon ${plural(options.horizon, unit)}, discount rate ${options.discountRate} a ${unit}`,
    '',
  ];
  const rows: string[][] = [['customer', 'frequency', 'recency', 'T', 'P(alive)', 'expected purchases', 'expected value', 'CLV']];
  for (const customer of report.customers) {
    rows.push([
      customer.customerId,
      String(customer.frequency),
      customer.recency.toFixed(2),
      customer.T.toFixed(2),
      customer.probabilityAlive.toFixed(3),
      customer.expectedPurchases.toFixed(2),
      money(customer.expectedValue, currency),
      money(customer.clv, currency),
    ]);
  }
  const left = notes(report, true);
  return `${[...head, ...layout(rows), ...(left.length > 0 ? ['', ...left.map((note) => `${note}.`)] : [])].join('\n')}\n`;
}

/**
 * @internal What was read and not used, and what the readers left out, in sentences without a
 * final period (below the table; on stderr for the other formats).
 */
export function notes(report: ClvReport, table = false): string[] {
  const lines = readerNotes({ options: report.options.input, rows: [], tally: report.tally, rejectedRows: report.rejectedRows });
  const { returns, offers, visits } = report.unused;
  const unused = [returns > 0 ? plural(returns, 'return') : '', offers > 0 ? plural(offers, 'offer') : '', visits > 0 ? plural(visits, 'visit') : ''].filter((part) => part !== '');
  if (unused.length > 0) lines.push(`Read and not used by the models: ${unused.join(', ')}`);
  if (table && report.customers.length > 0) lines.push('CLV is revenue (not margin), discounted; expected purchases and CLV are over the horizon');
  return lines;
}
