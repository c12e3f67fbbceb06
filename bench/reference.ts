// The hand-written reference loops of `npm run bench`: what a developer would write by hand for the
// same figures, with no library. Plain Maps, money in integer minor units (1/10,000 of the currency
// unit, because some prices carry 4 decimals), no validation, no dedupe of re-delivered orders.
// They are the practical speed limit and the denominator of every ratio the bench prints.
//
// checkReferences() verifies (outside any timing) that they compute the same figures as the
// accumulators and the Scorecard, and that naive decimal.js gives the same revenue.
import Decimal from 'decimal.js';
import { AverageOrderValue, CrossSellRate, Scorecard, TransactionCrossSellRate, type Order } from '../src/index.js';

/** 1/10,000 of the currency unit: prices have 2 or 4 decimals. */
const SCALE = 10_000;

/** Parses a plain decimal string (at most 4 decimals) to integer minor units. */
function minor(amount: unknown): number {
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

function updateCell(cell: ReferenceState, order: Order, multi: boolean, revenue: number): void {
  const figures = cell.figures;
  const seen = cell.firstSku.get(order.customerId);
  if (seen === undefined) {
    figures.customers++;
    // An order with two distinct SKUs cross-sells its customer at once (minDistinct 2).
    if (multi) {
      figures.crossSoldCustomers++;
      cell.firstSku.set(order.customerId, null);
    } else {
      cell.firstSku.set(order.customerId, order.lines[0]!.sku);
    }
  } else if (seen !== null) {
    let other = false;
    for (const line of order.lines) if (line.sku !== seen) other = true;
    if (other) {
      figures.crossSoldCustomers++;
      cell.firstSku.set(order.customerId, null);
    }
  }
  figures.orders++;
  if (multi) figures.crossSellOrders++;
  figures.revenue += revenue;
}

function newCell(): ReferenceState {
  return { figures: { customers: 0, crossSoldCustomers: 0, orders: 0, crossSellOrders: 0, revenue: 0 }, firstSku: new Map() };
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
    revenue += (line.quantity ?? 1) * minor(line.unitPrice) - (line.discount === undefined ? 0 : minor(line.discount));
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

  const grouped = referenceGroupedLoop(orders);
  const rows = new Scorecard({ grain: 'month', groupBy: ['channel'] }).addAll(orders).result();
  let compared = 0;
  for (const row of rows) {
    const key = `${row.period}|${row.group['channel'] ?? ''}`;
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
  if (failures.length > 0) throw new Error(`reference check failed:\n  ${failures.slice(0, 20).join('\n  ')}`);
  return (
    `check: reference loop = CrossSellRate, TransactionCrossSellRate, AverageOrderValue = naive decimal.js ` +
    `(${reference.orders} orders, revenue ${aov.revenue.toString()}); grouped reference = Scorecard on ${compared} rows`
  );
}
