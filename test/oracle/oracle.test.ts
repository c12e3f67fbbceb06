/**
 * The DuckDB oracle: a seeded stream of ~9k orders (20k+ lines), ~3k offers and 5k visits
 * (test/oracle/dataset.ts) is loaded into DuckDB, every KPI is computed in SQL
 * (test/oracle/kpis.sql), and every accumulator must agree with SQL exactly: counts as integers,
 * money as exact decimal strings (to the last digit), ratios as part ÷ whole of SQL's counts, and
 * money quotients as SQL's exact amount ÷ SQL's count to 34 significant digits (half-even), by the
 * BigInt reference in test/reference/bigDecimal.ts and by the library's own formula function.
 *
 * Each accumulator is checked twice: one pass over the whole stream, and the stream dealt
 * round-robin to three accumulators, each saved to JSON and restored, then merged (re-delivered
 * orders and offers land in different shards, so the merge must count them once).
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import Decimal from 'decimal.js';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  AttachRate,
  AverageOrderValue,
  ChurnRate,
  ConversionRate,
  CrossSellRate,
  CustomerLifetimeValue,
  ItemsPerOrder,
  OfferAcceptanceRate,
  RepeatPurchaseRate,
  RetentionRate,
  RevenuePerConversion,
  RevenueShare,
  Scorecard,
  TransactionCrossSellRate,
  UpsellRate,
  averageOrderValue,
  customerLifetimeValue,
  revenuePerConversion,
  revenueShare,
  type AttachRateOptions,
  type CommerceEvent,
  type Offer,
  type Order,
  type ScorecardOptions,
  type ScorecardRow,
  type Visit,
} from 'xsell-kpi';
import { divideSignificant, parse, toPlainString } from '../reference/bigDecimal.js';
import { buildDataset, type Dataset } from './dataset.js';
import { int, sqlSections, str, type Row } from '../support/sql.js';

// --- SQL ---------------------------------------------------------------------------------------

const SETUP_BEFORE_LOAD = ['createRawLines', 'createRawOffers', 'createRawVisits'];
const SETUP_AFTER_LOAD = ['createLines', 'createOffers', 'createVisits'];

function varchar(appender: DuckDBAppender, value: string | undefined): void {
  if (value === undefined) appender.appendNull();
  else appender.appendVarchar(value);
}

/** Epoch ms or ISO text of a timestamp, as the event carries it. */
function timestampColumns(appender: DuckDBAppender, timestamp: Date | string | number): void {
  if (typeof timestamp === 'string') {
    appender.appendVarchar(timestamp);
    appender.appendNull();
  } else {
    appender.appendNull();
    appender.appendBigInt(BigInt(typeof timestamp === 'number' ? timestamp : timestamp.getTime()));
  }
}

const textOf = (value: unknown): string | undefined => (value === undefined ? undefined : String(value));

/** Appends the stream, exactly as the events carry it, to the raw tables (re-deliveries included). */
async function loadEvents(connection: DuckDBConnection, events: readonly CommerceEvent[]): Promise<void> {
  const lines = await connection.createAppender('raw_lines');
  const offers = await connection.createAppender('raw_offers');
  const visits = await connection.createAppender('raw_visits');
  events.forEach((event, delivery) => {
    if (event.type === 'offer') {
      offers.appendInteger(delivery);
      varchar(offers, textOf(event.offerId));
      offers.appendVarchar(String(event.customerId));
      timestampColumns(offers, event.timestamp);
      offers.appendVarchar(event.kind);
      offers.appendBoolean(event.accepted);
      varchar(offers, event.channel);
      varchar(offers, event.segment);
      offers.endRow();
    } else if (event.type === 'visit') {
      visits.appendInteger(delivery);
      visits.appendVarchar(String(event.visitorId));
      timestampColumns(visits, event.timestamp);
      visits.appendBoolean(event.converted);
      varchar(visits, event.channel);
      varchar(visits, event.segment);
      visits.endRow();
    } else if (event.type === undefined || event.type === 'order') {
      if (typeof event.timestamp !== 'string') throw new Error('the oracle loads order timestamps as ISO strings');
      event.lines.forEach((line, lineNo) => {
        lines.appendInteger(delivery);
        lines.appendVarchar(String(event.orderId));
        lines.appendInteger(lineNo);
        lines.appendVarchar(String(event.customerId));
        lines.appendVarchar(event.timestamp as string);
        varchar(lines, event.currency);
        varchar(lines, event.channel);
        varchar(lines, event.segment);
        lines.appendVarchar(String(line.sku));
        varchar(lines, line.category);
        varchar(lines, textOf(line.quantity));
        lines.appendVarchar(String(line.unitPrice));
        varchar(lines, textOf(line.discount));
        varchar(lines, line.source);
        lines.endRow();
      });
    }
  });
  for (const appender of [lines, offers, visits]) {
    appender.flushSync();
    appender.closeSync();
  }
}

/** Builds the database and runs every query of kpis.sql; returns each query's rows by name. */
async function runOracle(events: readonly CommerceEvent[]): Promise<Map<string, Row[]>> {
  const sections = sqlSections(readFileSync(new URL('./kpis.sql', import.meta.url), 'utf8'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const section = (name: string): string => {
      const sql = sections.get(name);
      if (sql === undefined) throw new Error(`kpis.sql has no section ${name}`);
      return sql;
    };
    for (const name of SETUP_BEFORE_LOAD) await connection.run(section(name));
    await loadEvents(connection, events);
    for (const name of SETUP_AFTER_LOAD) await connection.run(section(name));
    const results = new Map<string, Row[]>();
    for (const name of sections.keys()) {
      if (SETUP_BEFORE_LOAD.includes(name) || SETUP_AFTER_LOAD.includes(name)) continue;
      results.set(name, (await connection.runAndReadAll(section(name))).getRowObjectsJS() as Row[]);
    }
    return results;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function nullableStr(row: Row, column: string): string | null {
  return row[column] === null ? null : str(row, column);
}

/** A plain decimal string without trailing zeros (and without a trailing point): DuckDB's '12.3400' → '12.34', '0.000' → '0'. */
function normalizeDecimal(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (match === null) throw new Error(`not a plain decimal: ${text}`);
  const whole = match[2]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const body = fraction === '' ? whole : `${whole}.${fraction}`;
  return body === '0' ? '0' : `${match[1]!}${body}`;
}

/** An exact money column, normalized. */
function money(row: Row, column: string): string {
  return normalizeDecimal(str(row, column));
}

// --- expected values ---------------------------------------------------------------------------

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** amount ÷ count to 34 significant digits, half-even, by the BigInt reference; `null` for a zero count. */
function quotient(amount: string, divisor: number): string | null {
  return divisor === 0 ? null : toPlainString(divideSignificant(parse(amount), parse(String(divisor)), 34));
}

/** part ÷ total as the library documents it: the 34-digit quotient read as a number. */
function share(part: string, total: string): number | null {
  return normalizeDecimal(total) === '0' ? null : Number(toPlainString(divideSignificant(parse(part), parse(total), 34)));
}

/** Library results made comparable: Decimals become normalized plain strings, recursively. */
function plain(value: unknown): unknown {
  if (Decimal.isDecimal(value)) return normalizeDecimal((value as Decimal).toFixed());
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map) return new Map(Array.from(value, ([key, item]) => [key, plain(item)]));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  return value;
}

/** The formula functions, applied to SQL's exact figures, give the same quotient as the BigInt reference. */
function expectFormula(actual: Decimal | number | null, expected: string | number | null): void {
  expect(plain(actual)).toEqual(expected);
}

// --- checking an accumulator -------------------------------------------------------------------

interface Accumulator<E, R> {
  add(event: E): unknown;
  merge(other: this): unknown;
  toJSON(): unknown;
  result(): R;
}

interface AccumulatorClass<O, E, R, A extends Accumulator<E, R>> {
  new (options: O): A;
  of(events: Iterable<E>, options: O): R;
  fromJSON(json: unknown): A;
}

const SHARDS = 3;

/** Deals the events round-robin to three accumulators, round-trips each through JSON, merges them. */
function sharded<O, E, R, A extends Accumulator<E, R>>(K: AccumulatorClass<O, E, R, A>, options: O, events: readonly E[]): A {
  const shards = Array.from({ length: SHARDS }, () => new K(options));
  events.forEach((event, index) => shards[index % SHARDS]!.add(event));
  const [first, ...rest] = shards.map((shard) => K.fromJSON(JSON.parse(JSON.stringify(shard))));
  for (const shard of rest) first!.merge(shard);
  return first!;
}

/**
 * One accumulator fed the whole stream, and the sharded, JSON-round-tripped, merged accumulator,
 * both give `expected`; `more` checks other read methods (resultsByPeriod, valuesByCustomer) of both.
 */
function expectAgreement<O, E, R, A extends Accumulator<E, R>>(
  K: AccumulatorClass<O, E, R, A>,
  options: O,
  events: readonly E[],
  expected: unknown,
  more?: (accumulator: A, how: string) => void,
): void {
  const onePass = new K(options);
  for (const event of events) onePass.add(event);
  expect(plain(onePass.result()), 'one pass').toEqual(expected);
  more?.(onePass, 'one pass');
  const merged = sharded(K, options, events);
  expect(plain(merged.result()), 'sharded, JSON round trip, merged').toEqual(expected);
  more?.(merged, 'sharded, JSON round trip, merged');
}

// --- the test ----------------------------------------------------------------------------------

let data: Dataset;
let sql: Map<string, Row[]>;

beforeAll(async () => {
  data = buildDataset();
  sql = await runOracle(data.events);
}, 60_000);

function rows(name: string): Row[] {
  const result = sql.get(name);
  if (result === undefined) throw new Error(`no SQL result ${name}`);
  return result;
}

function one(name: string): Row {
  const [row, ...rest] = rows(name);
  if (row === undefined || rest.length > 0) throw new Error(`SQL result ${name} is not one row`);
  return row;
}

function bySource(name: string, source: string): Row {
  const row = rows(name).find((candidate) => candidate['source'] === source);
  if (row === undefined) throw new Error(`SQL result ${name} has no source ${source}`);
  return row;
}

describe('DuckDB oracle: the dataset', () => {
  test('is large, and exercises re-deliveries, offsets and time zones', () => {
    const stats = one('datasetStats');
    expect(int(stats, 'lines')).toBeGreaterThanOrEqual(20_000);
    expect(int(stats, 'lines')).toBe(data.generated.uniqueLines);
    expect(int(stats, 'orders')).toBe(data.generated.uniqueOrders);
    expect(int(stats, 'order_deliveries')).toBe(data.generated.uniqueOrders + data.generated.redeliveredOrders);
    expect(data.generated.redeliveredOrders).toBeGreaterThan(100);
    // Every re-delivered order is identical to its first delivery.
    expect(int(stats, 'order_versions')).toBe(int(stats, 'orders'));
    expect(int(stats, 'customers')).toBeGreaterThan(1000);
    expect(int(stats, 'skus')).toBeGreaterThan(250);
    expect(int(stats, 'categories')).toBe(20);
    expect(int(stats, 'offers')).toBe(data.generated.uniqueOffers + data.generated.duplicatedOffersWithoutId);
    expect(int(stats, 'offer_deliveries')).toBe(int(stats, 'offers') + data.generated.redeliveredOffers);
    expect(int(stats, 'visits')).toBe(data.generated.visits);
    expect(int(stats, 'visitors')).toBeLessThan(int(stats, 'visits'));
    expect(int(stats, 'lines_in_another_berlin_month')).toBeGreaterThan(0);
    expect(int(stats, 'line_deliveries_with_offset')).toBeGreaterThan(0);
  });
});

describe('DuckDB oracle: every accumulator equals SQL', () => {
  const orders = (): Order[] => data.orders;
  const offers = (): Offer[] => data.offers;
  const visits = (): Visit[] => data.visits;

  test.each([
    ['crossSellRate', {}],
    ['crossSellRateByCategory', { by: 'category' as const }],
    ['crossSellRateMinDistinct3', { minDistinct: 3 }],
  ])('CrossSellRate: %s %o', (name, options) => {
    const row = one(name);
    const crossSoldCustomers = int(row, 'cross_sold_customers');
    const customers = int(row, 'customers');
    expect(crossSoldCustomers).toBeGreaterThan(0);
    expectAgreement(CrossSellRate, options, orders(), { value: ratio(crossSoldCustomers, customers), crossSoldCustomers, customers });
  });

  test.each([
    ['transactionCrossSellRate', {}],
    ['transactionCrossSellRateByCategory', { by: 'category' as const }],
  ])('TransactionCrossSellRate: %s %o', (name, options) => {
    const row = one(name);
    const crossSellOrders = int(row, 'cross_sell_orders');
    const count = int(row, 'orders');
    expectAgreement(TransactionCrossSellRate, options, orders(), { value: ratio(crossSellOrders, count), crossSellOrders, orders: count });
  });

  const attachCases: [string, AttachRateOptions][] = [
    ['attachRateCustomer', { anchor: { categories: ['cat-03'] } }],
    ['attachRateOrder', { anchor: { categories: ['cat-03'] }, per: 'order' }],
    ['attachRateCustomerWithAttach', { anchor: { categories: ['cat-03'] }, attach: { categories: ['cat-07', 'cat-11'] } }],
    ['attachRateOrderWithAttach', { anchor: { categories: ['cat-03'] }, attach: { categories: ['cat-07', 'cat-11'] }, per: 'order' }],
    ['attachRateSkusAndCategories', { anchor: { skus: ['sku-005', 'sku-006'], categories: ['cat-03'] } }],
    [
      'attachRateSkusAndCategoriesWithAttach',
      { anchor: { skus: ['sku-005', 'sku-006'], categories: ['cat-03'] }, attach: { skus: ['sku-004'], categories: ['cat-07'] }, per: 'order' },
    ],
  ];
  test.each(attachCases)('AttachRate: %s %o', (name, options) => {
    const row = one(name);
    const attached = int(row, 'attached');
    const anchors = int(row, 'anchors');
    expect(attached).toBeGreaterThan(0);
    expect(attached).toBeLessThanOrEqual(anchors);
    // With an attach set or per order, some anchor buyers are not attached.
    if (name.endsWith('WithAttach') || options.per === 'order') expect(attached).toBeLessThan(anchors);
    expectAgreement(AttachRate, options, orders(), { value: ratio(attached, anchors), attached, anchors });
  });

  test('UpsellRate', () => {
    const row = one('upsellRate');
    const upsoldCustomers = int(row, 'upsold_customers');
    const customers = int(row, 'customers');
    expectAgreement(UpsellRate, {}, orders(), { value: ratio(upsoldCustomers, customers), upsoldCustomers, customers });
  });

  test.each(['cross-sell', 'upsell', 'all'] as const)('OfferAcceptanceRate: kind %s', (kind) => {
    const row = rows('offerAcceptanceRate').find((candidate) => candidate['kind'] === kind);
    if (row === undefined) throw new Error(`no offers of kind ${kind}`);
    const accepted = int(row, 'accepted');
    const offered = int(row, 'offered');
    expectAgreement(OfferAcceptanceRate, kind === 'all' ? {} : { kind }, offers(), { value: ratio(accepted, offered), accepted, offered });
  });

  test('ConversionRate', () => {
    const row = one('conversionRate');
    const converted = int(row, 'converted');
    const visitors = int(row, 'visitors');
    expectAgreement(ConversionRate, {}, visits(), { value: ratio(converted, visitors), converted, visitors });
  });

  test('RepeatPurchaseRate', () => {
    const row = one('repeatPurchaseRate');
    const repeatCustomers = int(row, 'repeat_customers');
    const customers = int(row, 'customers');
    expectAgreement(RepeatPurchaseRate, {}, orders(), { value: ratio(repeatCustomers, customers), repeatCustomers, customers });
  });

  test.each([
    ['retentionByMonth', {}],
    ['retentionByMonthBerlin', { timeZone: 'Europe/Berlin' }],
  ])('RetentionRate and ChurnRate: %s %o, every period', (name, options) => {
    const periods = rows(name).map((row) => ({
      period: str(row, 'period'),
      customersAtStart: int(row, 'customers_at_start'),
      customersAtEnd: int(row, 'customers_at_end'),
      newCustomers: int(row, 'new_customers'),
      customersLost: int(row, 'customers_lost'),
    }));
    const retention = periods.map(({ period, customersAtStart, customersAtEnd, newCustomers }) => ({
      period,
      value: customersAtStart === 0 ? null : (customersAtEnd - newCustomers) / customersAtStart,
      customersAtStart,
      customersAtEnd,
      newCustomers,
    }));
    const churn = periods.map(({ period, customersAtStart, customersLost }) => ({ period, value: ratio(customersLost, customersAtStart), customersAtStart, customersLost }));
    if (name === 'retentionByMonth') {
      // The month without orders is a period too, and the one after it has nobody at the start.
      expect(retention.some((period) => period.customersAtEnd === 0)).toBe(true);
      expect(retention.some((period) => period.value === null && period.customersAtEnd > 0 && period.period !== '2026-01')).toBe(true);
    }
    // result() is the latest period's result, without its key.
    const latest = (list: readonly { period: string }[]): unknown => Object.fromEntries(Object.entries(list[list.length - 1]!).filter(([key]) => key !== 'period'));
    expectAgreement(RetentionRate, options, orders(), latest(retention), (accumulator, how) => {
      expect(plain(accumulator.resultsByPeriod()), `${how}: resultsByPeriod`).toEqual(retention);
    });
    expectAgreement(ChurnRate, options, orders(), latest(churn), (accumulator, how) => {
      expect(plain(accumulator.resultsByPeriod()), `${how}: resultsByPeriod`).toEqual(churn);
    });
  });

  test('AverageOrderValue', () => {
    const row = one('averageOrderValue');
    const revenue = money(row, 'revenue');
    const count = int(row, 'orders');
    const value = quotient(revenue, count);
    expectFormula(averageOrderValue({ revenue, orders: count }), value);
    expectAgreement(AverageOrderValue, {}, orders(), { value, revenue, orders: count, currency: nullableStr(row, 'currency') });
  });

  test.each(['cross-sell', 'upsell'] as const)('RevenuePerConversion: source %s', (source) => {
    const row = bySource('revenuePerConversion', source);
    const revenue = money(row, 'revenue');
    const conversions = int(row, 'conversions');
    const value = quotient(revenue, conversions);
    expectFormula(revenuePerConversion({ revenue, conversions }), value);
    expectAgreement(RevenuePerConversion, { source }, orders(), { value, revenue, conversions, currency: nullableStr(row, 'currency') });
  });

  test.each(['cross-sell', 'upsell'] as const)('RevenueShare: source %s', (source) => {
    const row = bySource('revenueShare', source);
    const part = money(row, 'part');
    const total = money(row, 'total');
    const value = share(part, total);
    expectFormula(revenueShare({ part, total }), value);
    expect(value).toBeCloseTo(Number(part) / Number(total), 12);
    expectAgreement(RevenueShare, { source }, orders(), { value, part, total, currency: nullableStr(row, 'currency') });
  });

  test('ItemsPerOrder', () => {
    const row = one('itemsPerOrder');
    const items = money(row, 'items');
    const count = int(row, 'orders');
    // Quantities are multiples of 0.25, so the library's number of items is exact.
    expect(items).toMatch(/\.(25|5|75)$/);
    expectAgreement(ItemsPerOrder, {}, orders(), { value: ratio(Number(items), count), items: Number(items), orders: count });
  });

  test('CustomerLifetimeValue, and every customer value', () => {
    const row = one('customerLifetimeValue');
    const revenue = money(row, 'revenue');
    const customers = int(row, 'customers');
    const value = quotient(revenue, customers);
    expectFormula(customerLifetimeValue({ revenue, customers }), value);
    const perCustomer = rows('customerLifetimeValueByCustomer').map((customer) => [str(customer, 'customer_id'), money(customer, 'revenue')] as const);
    expect(perCustomer).toHaveLength(customers);
    const sortedEntries = (map: Map<string, unknown>): [string, unknown][] => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    expectAgreement(CustomerLifetimeValue, {}, orders(), { value, revenue, customers, currency: nullableStr(row, 'currency') }, (accumulator, how) => {
      expect(sortedEntries(plain(accumulator.valuesByCustomer()) as Map<string, unknown>), `${how}: valuesByCustomer`).toEqual(
        [...perCustomer].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    });
  });
});

// --- Scorecard ---------------------------------------------------------------------------------

/** The expected Scorecard rows, from the `scorecard` query. */
function expectedScorecard(): unknown[] {
  return rows('scorecard').map((row) => {
    const count = (column: string): number => int(row, column);
    const customers = count('customers');
    const orders = count('orders');
    const revenue = money(row, 'revenue');
    const items = Number(money(row, 'items'));
    const currency = nullableStr(row, 'currency');
    const crossSellRevenue = money(row, 'cross_sell_revenue');
    const crossSellConversions = count('cross_sell_conversions');
    const upsellRevenue = money(row, 'upsell_revenue');
    const upsellConversions = count('upsell_conversions');
    const customersAtStart = count('customers_at_start');
    const customersAtEnd = count('customers_at_end');
    const newCustomers = count('new_customers');
    const customersLost = count('customers_lost');
    return {
      period: str(row, 'period'),
      group: row['total'] === true ? {} : { channel: str(row, 'channel') },
      crossSellRate: { value: ratio(count('cross_sold_customers'), customers), crossSoldCustomers: count('cross_sold_customers'), customers },
      transactionCrossSellRate: { value: ratio(count('cross_sell_orders'), orders), crossSellOrders: count('cross_sell_orders'), orders },
      upsellRate: { value: ratio(count('upsold_customers'), customers), upsoldCustomers: count('upsold_customers'), customers },
      crossSellAcceptanceRate: {
        value: ratio(count('cross_sell_accepted'), count('cross_sell_offered')),
        accepted: count('cross_sell_accepted'),
        offered: count('cross_sell_offered'),
      },
      upsellAcceptanceRate: { value: ratio(count('upsell_accepted'), count('upsell_offered')), accepted: count('upsell_accepted'), offered: count('upsell_offered') },
      conversionRate: { value: ratio(count('converted'), count('visitors')), converted: count('converted'), visitors: count('visitors') },
      repeatPurchaseRate: { value: ratio(count('repeat_customers'), customers), repeatCustomers: count('repeat_customers'), customers },
      retentionRate: {
        value: customersAtStart === 0 ? null : (customersAtEnd - newCustomers) / customersAtStart,
        customersAtStart,
        customersAtEnd,
        newCustomers,
      },
      churnRate: { value: ratio(customersLost, customersAtStart), customersAtStart, customersLost },
      averageOrderValue: { value: quotient(revenue, orders), revenue, orders, currency },
      itemsPerOrder: { value: ratio(items, orders), items, orders },
      customerLifetimeValue: { value: quotient(revenue, customers), revenue, customers, currency },
      revenuePerCrossSell: { value: quotient(crossSellRevenue, crossSellConversions), revenue: crossSellRevenue, conversions: crossSellConversions, currency },
      revenuePerUpsell: { value: quotient(upsellRevenue, upsellConversions), revenue: upsellRevenue, conversions: upsellConversions, currency },
      crossSellRevenueShare: { value: share(crossSellRevenue, revenue), part: crossSellRevenue, total: revenue, currency },
      // The dataset has no returns yet: net revenue is the gross revenue.
      netRevenue: { value: revenue, grossRevenue: revenue, returns: '0', currency },
    };
  });
}

const rowLabel = (row: { period: string; group: Record<string, string> }): string => `${row.period} ${JSON.stringify(row.group)}`;

function expectScorecardRows(actual: ScorecardRow[], expected: unknown[], how: string): void {
  // The same rows in the same order (period, then the total row, then channel in code-unit order) ...
  expect(actual.map(rowLabel), `${how}: rows`).toEqual(expected.map((row) => rowLabel(row as ScorecardRow)));
  // ... and every field of every row.
  expected.forEach((row, index) => expect(plain(actual[index]), `${how}: ${rowLabel(row as ScorecardRow)}`).toEqual(row));
}

describe('DuckDB oracle: Scorecard({ grain: month, groupBy: [channel] }) equals SQL per month × channel and per month', () => {
  test('every row and every field', () => {
    const options: ScorecardOptions = { grain: 'month', groupBy: ['channel'] };
    const expected = expectedScorecard();
    // The data has rows without orders (channel 'email' has offers only; August has no orders) and a '' channel.
    expect(expected.filter((row) => (row as ScorecardRow).averageOrderValue.orders === 0).length).toBeGreaterThan(12);
    expect(expected.some((row) => (row as ScorecardRow).group['channel'] === '')).toBe(true);
    const onePass = new Scorecard(options);
    for (const event of data.events) onePass.add(event);
    expectScorecardRows(onePass.result(), expected, 'one pass');
    expectScorecardRows(sharded(Scorecard, options, data.events).result(), expected, 'sharded, JSON round trip, merged');
  });
});
