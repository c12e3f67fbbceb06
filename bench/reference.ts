// The hand-written reference loops of `npm run bench`: what a developer would write by hand for the
// same figures, with no library. Plain Maps, money in integer minor units (1/10,000 of the currency
// unit, because some prices carry 4 decimals), no validation, no dedupe of re-delivered orders.
// They are the practical speed limit and the denominator of every ratio the bench prints.
//
// The dedupe references (dedupeCrossSellRate, …) each do exactly one accumulator's work, including
// at-least-once de-duplication: a Map from orderId to a content fingerprint (and, where the figure
// needs it, the order's contribution, as a mergeable accumulator must keep it), re-delivered
// identical orders skipped, a conflicting re-delivery thrown. They still do no validation. They are
// the denominator of the "÷ its exact-work reference" ratio.
//
// checkReferences() verifies (outside any timing) that they compute the same figures as the
// accumulators and the Scorecard, and that naive decimal.js gives the same revenue.
import Decimal from 'decimal.js';
import { AverageOrderValue, CrossSellRate, Scorecard, TransactionCrossSellRate, type ScorecardRow } from '../src/index.js';
import type { BenchOrder as Order } from './generate.js';

/** 1/10,000 of the currency unit: prices have 2 or 4 decimals. */
export const SCALE = 10_000;

/** Parses a plain decimal string (at most 4 decimals) to integer minor units. */
export function minor(amount: unknown): number {
  return Math.round(Number(amount) * SCALE);
}

export interface ReferenceFigures {
  customers: number;
  crossSoldCustomers: number;
  orders: number;
  crossSellOrders: number;
  /** Revenue in minor units (1/10,000). */
  revenue: number;
}

export interface ReferenceState {
  figures: ReferenceFigures;
  /** Customer id → the first SKU they bought, or null once they bought a second distinct one. */
  firstSku: Map<string, string | null>;
}

/** Counts the order's customer (once) and whether they are cross-sold by now; `firstSku` as in ReferenceState. */
function addCustomer(
  figures: { customers: number; crossSoldCustomers: number },
  firstSku: Map<string, string | null>,
  order: Order,
  multi: boolean,
): void {
  const seen = firstSku.get(order.customerId);
  if (seen === undefined) {
    figures.customers++;
    // An order with two distinct SKUs cross-sells its customer at once (minDistinct 2).
    if (multi) {
      figures.crossSoldCustomers++;
      firstSku.set(order.customerId, null);
    } else {
      firstSku.set(order.customerId, order.lines[0]!.sku);
    }
  } else if (seen !== null) {
    let other = false;
    for (const line of order.lines) if (line.sku !== seen) other = true;
    if (other) {
      figures.crossSoldCustomers++;
      firstSku.set(order.customerId, null);
    }
  }
}

function updateCell(cell: ReferenceState, order: Order, multi: boolean, revenue: number): void {
  const figures = cell.figures;
  addCustomer(figures, cell.firstSku, order, multi);
  figures.orders++;
  if (multi) figures.crossSellOrders++;
  figures.revenue += revenue;
}

function newCell(): ReferenceState {
  return { figures: { customers: 0, crossSoldCustomers: 0, orders: 0, crossSellOrders: 0, revenue: 0 }, firstSku: new Map() };
}

/** A line's revenue in minor units: quantity × unit price − discount. */
function lineRevenue(line: Order['lines'][number]): number {
  return (line.quantity ?? 1) * minor(line.unitPrice) - (line.discount === undefined ? 0 : minor(line.discount));
}

/** Order revenue in minor units, and whether the order has ≥ 2 distinct SKUs. */
function orderFacts(order: Order): { multi: boolean; revenue: number } {
  const lines = order.lines;
  const first = lines[0]!.sku;
  let multi = false;
  let revenue = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.sku !== first) multi = true;
    revenue += lineRevenue(line);
  }
  return { multi, revenue };
}

/** Customer cross-sell rate, transaction cross-sell rate and AOV together, in one pass. */
export function referenceLoop(orders: readonly Order[]): ReferenceState {
  const cell = newCell();
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i]!;
    const { multi, revenue } = orderFacts(order);
    updateCell(cell, order, multi, revenue);
  }
  return cell;
}

/** The same three KPIs per month × channel, plus a total row per month (key `month|`). */
export function referenceGroupedLoop(orders: readonly Order[]): Map<string, ReferenceState> {
  const cells = new Map<string, ReferenceState>();
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i]!;
    const month = (order.timestamp as string).slice(0, 7); // ISO timestamps in UTC
    const { multi, revenue } = orderFacts(order);
    const groupKey = `${month}|${order.channel ?? ''}`;
    let group = cells.get(groupKey);
    if (group === undefined) cells.set(groupKey, (group = newCell()));
    updateCell(group, order, multi, revenue);
    const totalKey = `${month}|`;
    let total = cells.get(totalKey);
    if (total === undefined) cells.set(totalKey, (total = newCell()));
    updateCell(total, order, multi, revenue);
  }
  return cells;
}

/**
 * The same three KPIs per day × one dimension's value (`dimensions[dimension]`), plus a total row
 * per day (key `day|`): the baseline of the many-groups Scorecard (grain day, groupBy [dimension]).
 * The same code as referenceGroupedLoop but for the key, kept apart so that neither loop's timing
 * depends on the other's call sites.
 */
export function referenceDayGroupLoop(orders: readonly Order[], dimension: string): Map<string, ReferenceState> {
  const cells = new Map<string, ReferenceState>();
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i]!;
    const day = (order.timestamp as string).slice(0, 10); // ISO timestamps in UTC
    const { multi, revenue } = orderFacts(order);
    const groupKey = `${day}|${order.dimensions?.[dimension] ?? ''}`;
    let group = cells.get(groupKey);
    if (group === undefined) cells.set(groupKey, (group = newCell()));
    updateCell(group, order, multi, revenue);
    const totalKey = `${day}|`;
    let total = cells.get(totalKey);
    if (total === undefined) cells.set(totalKey, (total = newCell()));
    updateCell(total, order, multi, revenue);
  }
  return cells;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;

/** FNV-1a over `text`'s UTF-16 code units, continuing from `hash`, then a separator code unit. */
function fnv1a(hash: number, text: string, separator: number): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return Math.imul(hash ^ separator, FNV_PRIME);
}

/**
 * A cheap 32-bit content fingerprint of an order: FNV-1a over its customer, timestamp and each
 * line's SKU, quantity, unit price and discount (the fields these figures read). The separators
 * (code units 1–4, absent from ids and amounts) keep `ab|c` and `a|bc` apart.
 */
function fingerprint(order: Order): number {
  let hash = fnv1a(FNV_OFFSET, order.customerId, 1);
  hash = fnv1a(hash, order.timestamp as string, 1);
  const lines = order.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    hash = fnv1a(hash, line.sku, 2);
    hash = Math.imul(hash ^ (line.quantity ?? 1), FNV_PRIME);
    hash = fnv1a(hash, line.unitPrice as string, 3);
    hash = fnv1a(hash, (line.discount as string | undefined) ?? '', 4);
  }
  return hash;
}

/** Whether the order was seen before with this fingerprint; throws when it was seen with another. */
function redelivered(known: number | undefined, print: number, order: Order): boolean {
  if (known === undefined) return false;
  if (known !== print) throw conflict(order);
  return true;
}

function conflict(order: Order): Error {
  return new Error(`order ${order.orderId} was already added with different content`);
}

function hasTwoSkus(order: Order): boolean {
  const lines = order.lines;
  const first = lines[0]!.sku;
  for (let i = 1; i < lines.length; i++) if (lines[i]!.sku !== first) return true;
  return false;
}

/** CrossSellRate's exact work: customers and cross-sold customers, each orderId counted once. */
export function dedupeCrossSellRate(orders: readonly Order[]): {
  figures: { customers: number; crossSoldCustomers: number };
  firstSku: Map<string, string | null>;
  /** orderId → fingerprint. */
  seen: Map<string, number>;
} {
  const figures = { customers: 0, crossSoldCustomers: 0 };
  const firstSku = new Map<string, string | null>();
  const seen = new Map<string, number>();
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i]!;
    const print = fingerprint(order);
    if (redelivered(seen.get(order.orderId), print, order)) continue;
    seen.set(order.orderId, print);
    addCustomer(figures, firstSku, order, hasTwoSkus(order));
  }
  return { figures, firstSku, seen };
}

/** TransactionCrossSellRate's exact work: orders and cross-sell orders, keeping each order's flag. */
export function dedupeTransactionCrossSellRate(orders: readonly Order[]): {
  figures: { orders: number; crossSellOrders: number };
  seen: Map<string, { fingerprint: number; crossSell: boolean }>;
} {
  const figures = { orders: 0, crossSellOrders: 0 };
  const seen = new Map<string, { fingerprint: number; crossSell: boolean }>();
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i]!;
    const print = fingerprint(order);
    if (redelivered(seen.get(order.orderId)?.fingerprint, print, order)) continue;
    const crossSell = hasTwoSkus(order);
    seen.set(order.orderId, { fingerprint: print, crossSell });
    figures.orders++;
    if (crossSell) figures.crossSellOrders++;
  }
  return { figures, seen };
}

/** AverageOrderValue's exact work: orders and revenue (minor units), keeping each order's revenue. */
export function dedupeAverageOrderValue(orders: readonly Order[]): {
  figures: { orders: number; revenue: number };
  seen: Map<string, { fingerprint: number; revenue: number }>;
} {
  const figures = { orders: 0, revenue: 0 };
  const seen = new Map<string, { fingerprint: number; revenue: number }>();
  for (let i = 0; i < orders.length; i++) {
    const order = orders[i]!;
    const print = fingerprint(order);
    if (redelivered(seen.get(order.orderId)?.fingerprint, print, order)) continue;
    const lines = order.lines;
    let revenue = 0;
    for (let j = 0; j < lines.length; j++) revenue += lineRevenue(lines[j]!);
    seen.set(order.orderId, { fingerprint: print, revenue });
    figures.orders++;
    figures.revenue += revenue;
  }
  return { figures, seen };
}

/** Naive decimal.js: `Decimal.plus` per line for the revenue behind AOV. */
export function naiveDecimalRevenue(orders: readonly Order[]): { revenue: Decimal; orders: number } {
  let revenue = new Decimal(0);
  for (let i = 0; i < orders.length; i++) {
    const lines = orders[i]!.lines;
    for (let j = 0; j < lines.length; j++) {
      const line = lines[j]!;
      let amount = new Decimal(line.unitPrice as string).times(line.quantity ?? 1);
      if (line.discount !== undefined) amount = amount.minus(line.discount as string);
      revenue = revenue.plus(amount);
    }
  }
  return { revenue, orders: orders.length };
}

function minorToDecimal(value: number): Decimal {
  return new Decimal(value).dividedBy(SCALE);
}

/**
 * Compares Scorecard rows with a grouped reference keyed `period|value of groupKey` (`period|` for
 * the totals) on customers, cross-sold customers, orders, cross-sell orders and exact revenue; pushes
 * each disagreement to `failures` and returns the number of rows compared. A Scorecard row without
 * orders (retention and churn can make one) may be absent from the reference.
 */
export function compareScorecard(rows: readonly ScorecardRow[], grouped: ReadonlyMap<string, ReferenceState>, groupKey: string, failures: string[]): number {
  const expect = (label: string, actual: unknown, expected: unknown): void => {
    if (String(actual) !== String(expected)) failures.push(`${label}: library ${String(actual)} vs reference ${String(expected)}`);
  };
  let compared = 0;
  for (const row of rows) {
    const key = `${row.period}|${row.group[groupKey] ?? ''}`;
    const cell = grouped.get(key);
    if (cell === undefined) {
      if (row.transactionCrossSellRate.orders !== 0) failures.push(`scorecard row ${key} missing from the grouped reference`);
      continue;
    }
    compared++;
    expect(`${key} customers`, row.crossSellRate.customers, cell.figures.customers);
    expect(`${key} crossSoldCustomers`, row.crossSellRate.crossSoldCustomers, cell.figures.crossSoldCustomers);
    expect(`${key} orders`, row.transactionCrossSellRate.orders, cell.figures.orders);
    expect(`${key} crossSellOrders`, row.transactionCrossSellRate.crossSellOrders, cell.figures.crossSellOrders);
    expect(`${key} revenue`, row.averageOrderValue.revenue.toString(), minorToDecimal(cell.figures.revenue).toString());
  }
  if (compared !== grouped.size) failures.push(`scorecard has ${compared} matching rows, grouped reference ${grouped.size}`);
  return compared;
}

/** Throws when a reference disagrees with the library; returns a one-line summary otherwise. */
export function checkReferences(orders: readonly Order[]): string {
  const failures: string[] = [];
  const expect = (label: string, actual: unknown, expected: unknown): void => {
    if (String(actual) !== String(expected)) failures.push(`${label}: library ${String(actual)} vs reference ${String(expected)}`);
  };
  const reference = referenceLoop(orders).figures;
  const csr = CrossSellRate.of(orders);
  expect('crossSellRate.customers', csr.customers, reference.customers);
  expect('crossSellRate.crossSoldCustomers', csr.crossSoldCustomers, reference.crossSoldCustomers);
  const tcsr = TransactionCrossSellRate.of(orders);
  expect('transactionCrossSellRate.orders', tcsr.orders, reference.orders);
  expect('transactionCrossSellRate.crossSellOrders', tcsr.crossSellOrders, reference.crossSellOrders);
  const aov = AverageOrderValue.of(orders);
  expect('averageOrderValue.orders', aov.orders, reference.orders);
  expect('averageOrderValue.revenue', aov.revenue.toString(), minorToDecimal(reference.revenue).toString());
  const naive = naiveDecimalRevenue(orders);
  expect('naive decimal.js revenue', naive.revenue.toString(), aov.revenue.toString());

  // The dedupe references against the accumulators on a stream that re-delivers its first 1,000
  // orders, so both sides skip the same re-deliveries; and a conflicting re-delivery must throw.
  const redelivered = [...orders, ...orders.slice(0, 1_000)];
  const dedupeCsr = dedupeCrossSellRate(redelivered).figures;
  const libraryCsr = CrossSellRate.of(redelivered);
  expect('dedupe crossSellRate.customers', libraryCsr.customers, dedupeCsr.customers);
  expect('dedupe crossSellRate.crossSoldCustomers', libraryCsr.crossSoldCustomers, dedupeCsr.crossSoldCustomers);
  const dedupeTcsr = dedupeTransactionCrossSellRate(redelivered).figures;
  const libraryTcsr = TransactionCrossSellRate.of(redelivered);
  expect('dedupe transactionCrossSellRate.orders', libraryTcsr.orders, dedupeTcsr.orders);
  expect('dedupe transactionCrossSellRate.crossSellOrders', libraryTcsr.crossSellOrders, dedupeTcsr.crossSellOrders);
  const dedupeAov = dedupeAverageOrderValue(redelivered).figures;
  const libraryAov = AverageOrderValue.of(redelivered);
  expect('dedupe averageOrderValue.orders', libraryAov.orders, dedupeAov.orders);
  expect('dedupe averageOrderValue.revenue', libraryAov.revenue.toString(), minorToDecimal(dedupeAov.revenue).toString());
  const first = orders[0]!;
  const conflicting = [first, { ...first, customerId: `${first.customerId}-other` }];
  for (const [label, dedupe] of [
    ['dedupeCrossSellRate', dedupeCrossSellRate],
    ['dedupeTransactionCrossSellRate', dedupeTransactionCrossSellRate],
    ['dedupeAverageOrderValue', dedupeAverageOrderValue],
  ] as const) {
    let threw = false;
    try {
      dedupe(conflicting);
    } catch {
      threw = true;
    }
    if (!threw) failures.push(`${label} accepted a conflicting re-delivery`);
  }

  const grouped = referenceGroupedLoop(orders);
  const rows = new Scorecard({ grain: 'month', groupBy: ['channel'] }).addAll(orders).result();
  const compared = compareScorecard(rows, grouped, 'channel', failures);
  if (failures.length > 0) throw new Error(`reference check failed:\n  ${failures.slice(0, 20).join('\n  ')}`);
  return (
    `check: reference loop = CrossSellRate, TransactionCrossSellRate, AverageOrderValue = naive decimal.js ` +
    `(${reference.orders} orders, revenue ${aov.revenue.toString()}); dedupe references = those accumulators ` +
    `with ${redelivered.length - orders.length} re-delivered orders; grouped reference = Scorecard on ${compared} rows`
  );
}
