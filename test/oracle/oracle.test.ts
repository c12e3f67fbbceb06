/**
 * The DuckDB oracle: a seeded stream of ~9k orders (20k+ lines, ~10% of them guest orders), ~3k
 * offers, 5k visits and ~1.2k returns (test/oracle/dataset.ts) is loaded into DuckDB, every KPI is computed in SQL
 * (test/oracle/kpis.sql), and every accumulator must agree with SQL exactly: counts as integers,
 * money as exact decimal strings (to the last digit), ratios as part ÷ whole of SQL's counts, and
 * money quotients as SQL's exact amount ÷ SQL's count to 34 significant digits (half-even), by the
 * BigInt reference in test/reference/bigDecimal.ts and by the library's own formula function.
 *
 * Each accumulator is checked twice: one pass over the whole stream, and the stream dealt
 * round-robin to three accumulators, each saved to JSON and restored, then merged (re-delivered
 * orders, offers and returns land in different shards, so the merge must count them once).
 * Guests and returns follow SPEC section 9: guest orders in every order-level figure and in no
 * customer-level one; returns in NetRevenue, the Scorecard's netRevenue and
 * CustomerLifetimeValue({ netOfReturns: true }) only. The number of figures compared is printed.
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  AttachRate,
  AverageOrderValue,
  ChurnRate,
  CoPurchase,
  ConversionRate,
  CrossSellCohorts,
  CrossSellRate,
  CustomerLifetimeValue,
  ItemsPerOrder,
  NetRevenue,
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
  netRevenue,
  revenuePerConversion,
  revenueShare,
  type AttachRateOptions,
  type CommerceEvent,
  type Offer,
  type Order,
  type Return,
  type ScorecardOptions,
  type ScorecardRow,
  type Visit,
} from 'xsell-kpi';
import { divideSignificant, parse, toPlainString } from '../reference/bigDecimal.js';
import { buildDataset, type Dataset } from './dataset.js';
import { coPurchasePair, int, sqlSections, str, type Row } from '../support/sql.js';

// --- SQL ---------------------------------------------------------------------------------------

/** The Scorecard's groupings checked: a section with `{group}` in kpis.sql runs once per grouping, as `<name>:<grouping>`. */
const GROUPINGS = ['channel', 'segment', 'region'] as const;
type Grouping = (typeof GROUPINGS)[number];

const SETUP_BEFORE_LOAD = ['createRawLines', 'createRawOffers', 'createRawVisits', 'createRawReturns'];
const SETUP_AFTER_LOAD = [
  'createLines',
  'createCustomerLines',
  'createReturns',
  'createOffers',
  'createVisits',
  'createScoped',
];

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

/** An optional field as text: absent (and, for ids, `null`) is SQL NULL; numbers are read as strings. */
const textOf = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));

/** Appends the stream, exactly as the events carry it, to the raw tables (re-deliveries included). */
async function loadEvents(connection: DuckDBConnection, events: readonly CommerceEvent[]): Promise<void> {
  const lines = await connection.createAppender('raw_lines');
  const offers = await connection.createAppender('raw_offers');
  const visits = await connection.createAppender('raw_visits');
  const returns = await connection.createAppender('raw_returns');
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
      varchar(offers, event.dimensions?.['region']);
      offers.endRow();
    } else if (event.type === 'visit') {
      visits.appendInteger(delivery);
      visits.appendVarchar(String(event.visitorId));
      timestampColumns(visits, event.timestamp);
      visits.appendBoolean(event.converted);
      varchar(visits, event.channel);
      varchar(visits, event.segment);
      varchar(visits, event.dimensions?.['region']);
      visits.endRow();
    } else if (event.type === 'return') {
      returns.appendInteger(delivery);
      returns.appendVarchar(event.returnId);
      varchar(returns, event.orderId);
      varchar(returns, textOf(event.customerId));
      timestampColumns(returns, event.timestamp);
      varchar(returns, event.currency);
      returns.appendVarchar(String(event.amount));
      varchar(returns, event.channel);
      varchar(returns, event.segment);
      varchar(returns, event.dimensions?.['region']);
      returns.endRow();
    } else if (event.type === undefined || event.type === 'order') {
      if (typeof event.timestamp !== 'string') throw new Error('the oracle loads order timestamps as ISO strings');
      event.lines.forEach((line, lineNo) => {
        lines.appendInteger(delivery);
        lines.appendVarchar(String(event.orderId));
        lines.appendInteger(lineNo);
        varchar(lines, textOf(event.customerId));
        lines.appendVarchar(event.timestamp as string);
        varchar(lines, event.currency);
        varchar(lines, event.channel);
        varchar(lines, event.segment);
        varchar(lines, event.dimensions?.['region']);
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
  for (const appender of [lines, offers, visits, returns]) {
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
    const read = async (sql: string): Promise<Row[]> => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[];
    for (const name of sections.keys()) {
      if (SETUP_BEFORE_LOAD.includes(name) || SETUP_AFTER_LOAD.includes(name)) continue;
      if (!section(name).includes('{group}')) results.set(name, await read(section(name)));
      else for (const grouping of GROUPINGS) results.set(`${name}:${grouping}`, await read(section(name).replaceAll('{group}', grouping)));
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

// --- counting what was compared ----------------------------------------------------------------

/** Figures found equal to SQL so far: each leaf of an expected result, once per comparison that passed. */
let figuresCompared = 0;

/**
 * The figures in an expected result: its leaves (counts, ratios, decimal strings, currencies,
 * nulls). A Scorecard row's or a period's `period` and `group`, and a Map's keys, name a figure
 * rather than being one.
 */
function figuresIn(value: unknown): number {
  if (value instanceof Map) return figuresIn([...value.values()]);
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + figuresIn(item), 0);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).reduce((sum, [key, item]) => sum + (key === 'period' || key === 'group' ? 0 : figuresIn(item)), 0);
  }
  return 1;
}

/** `actual` (a library result, made plain) equals `expected` (from SQL), and its figures are counted. */
function expectFigures(actual: unknown, expected: unknown, where: string): void {
  expect(plain(actual), `${where}: the figures equal SQL`).toEqual(expected);
  figuresCompared += figuresIn(expected);
}

afterAll(() => {
  console.info(`DuckDB oracle: ${figuresCompared} figures compared with SQL and equal`);
});

/** The formula functions, applied to SQL's exact figures, give the same quotient as the BigInt reference. */
function expectFormula(actual: Decimal | number | null, expected: string | number | null): void {
  expectFigures(actual, expected, 'formula function');
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
  expectFigures(onePass.result(), expected, 'one pass');
  more?.(onePass, 'one pass');
  const merged = sharded(K, options, events);
  expectFigures(merged.result(), expected, 'sharded, JSON round trip, merged');
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

  test('has guest orders in both forms, and returns of every kind, some of them re-delivered', () => {
    const stats = one('datasetStats');
    const { guestOrdersWithoutId, guestOrdersWithNull, uniqueReturns, redeliveredReturns } = data.generated;
    expect(guestOrdersWithoutId).toBeGreaterThan(300);
    expect(guestOrdersWithNull).toBeGreaterThan(300);
    expect(int(stats, 'guest_orders')).toBe(guestOrdersWithoutId + guestOrdersWithNull);
    // Some guest orders are re-delivered.
    expect(int(stats, 'guest_order_deliveries')).toBeGreaterThan(int(stats, 'guest_orders'));
    expect(int(stats, 'returns')).toBe(uniqueReturns);
    expect(int(stats, 'return_deliveries')).toBe(uniqueReturns + redeliveredReturns);
    expect(redeliveredReturns).toBeGreaterThan(20);
    // Every re-delivered return is identical to its first delivery.
    expect(int(stats, 'return_versions')).toBe(uniqueReturns);
    expect(int(stats, 'returns_with_order')).toBeGreaterThan(500);
    expect(int(stats, 'guest_returns')).toBeGreaterThan(100);
    expect(data.returns.some((item) => item.customerId === null)).toBe(true);
    expect(data.returns.some((item) => !('customerId' in item))).toBe(true);
    expect(data.returns.some((item) => typeof item.customerId === 'number')).toBe(true);
    expect(int(stats, 'returns_of_customers_without_orders')).toBeGreaterThan(50);
    expect(int(stats, 'returns_of_customers_with_orders')).toBeGreaterThan(300);
    // August (no orders) and 2027 (December's returns) have returns.
    expect(int(stats, 'returns_in_months_without_orders')).toBeGreaterThan(10);
    for (const form of ['string', 'number', 'object'] as const) expect(data.returns.some((item) => typeof item.timestamp === form)).toBe(true);
  });
});

describe('DuckDB oracle: every accumulator equals SQL', () => {
  const orders = (): Order[] => data.orders;
  const offers = (): Offer[] => data.offers;
  const visits = (): Visit[] => data.visits;
  const returns = (): Return[] => data.returns;
  const ordersAndReturns = (): (Order | Return)[] => data.events.filter((event): event is Order | Return => event.type !== 'offer' && event.type !== 'visit');

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
      expectFigures(accumulator.resultsByPeriod(), retention, `${how}: resultsByPeriod`);
    });
    expectAgreement(ChurnRate, options, orders(), latest(churn), (accumulator, how) => {
      expectFigures(accumulator.resultsByPeriod(), churn, `${how}: resultsByPeriod`);
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

  test('NetRevenue: every order (guests included) minus every return', () => {
    const row = one('netRevenue');
    const grossRevenue = money(row, 'gross_revenue');
    const returned = money(row, 'returns');
    const value = money(row, 'net_revenue');
    expectFormula(netRevenue({ grossRevenue, returns: returned }), value);
    const currency = nullableStr(row, 'order_currency');
    expect(currency).toBe(nullableStr(row, 'return_currency'));
    expectAgreement(NetRevenue, {}, ordersAndReturns(), { value, grossRevenue, returns: returned, currency });
    // Returns alone: nothing sold, everything given back, in the returns' currency.
    expectAgreement(NetRevenue, {}, returns(), { value: normalizeDecimal(`-${returned}`), grossRevenue: '0', returns: returned, currency });
  });

  // The whole stream, and each channel's events on their own ('' = no channel; 'phone' has returns only).
  const lifetimeValueScopes = [null, 'web', 'app', 'store', '', 'phone'] as const;
  test.each(lifetimeValueScopes)('CustomerLifetimeValue, gross and net of returns, over channel %o (null: every event)', (channel) => {
    const scopes = rows('customerLifetimeValue');
    expect(scopes.map((scope) => (scope['total'] === true ? null : str(scope, 'channel')))).toEqual([null, '', 'app', 'phone', 'store', 'web']);
    const row = scopes.find((scope) => (channel === null ? scope['total'] === true : scope['total'] === false && scope['channel'] === channel))!;
    const inScope = (event: { channel?: string }): boolean => channel === null || (event.channel ?? '') === channel;
    const customers = int(row, 'customers');
    const grossRevenue = money(row, 'gross_revenue');
    const netRevenueOfCustomers = money(row, 'net_revenue');
    const grossValue = quotient(grossRevenue, customers);
    const netValue = quotient(netRevenueOfCustomers, customers);
    expectFormula(customerLifetimeValue({ revenue: grossRevenue, customers }), grossValue);
    expectFormula(customerLifetimeValue({ revenue: netRevenueOfCustomers, customers }), netValue);
    if (channel === 'phone') expect(customers).toBe(0);
    else expect(money(row, 'returned')).not.toBe('0');

    // valuesByCustomer over the whole stream, gross and net.
    const perCustomer = rows('customerLifetimeValueByCustomer');
    const values = (column: string): Map<string, string> => new Map(perCustomer.map((customer) => [str(customer, 'customer_id'), money(customer, column)]));
    const valuesByCustomer = (expected: Map<string, string>) => (accumulator: CustomerLifetimeValue, how: string) =>
      expectFigures(accumulator.valuesByCustomer(), expected, `${how}: valuesByCustomer`);
    if (channel === null) {
      expect(perCustomer).toHaveLength(customers);
      // Some customers gave back all they bought, some more than that.
      expect([...values('net_revenue').values()].filter((value) => value === '0').length).toBeGreaterThan(0);
      expect([...values('net_revenue').values()].filter((value) => value.startsWith('-')).length).toBeGreaterThan(0);
    }

    expectAgreement(
      CustomerLifetimeValue,
      {},
      orders().filter(inScope),
      { value: grossValue, revenue: grossRevenue, customers, currency: nullableStr(row, 'order_currency') },
      channel === null ? valuesByCustomer(values('revenue')) : undefined,
    );
    expectAgreement(
      CustomerLifetimeValue,
      { netOfReturns: true },
      ordersAndReturns().filter(inScope),
      { value: netValue, revenue: netRevenueOfCustomers, customers, currency: nullableStr(row, 'currency') },
      channel === null ? valuesByCustomer(values('net_revenue')) : undefined,
    );
  });

  test('CrossSellCohorts: identified customers only', () => {
    const cohort = (crossSold: boolean): unknown => {
      const row = rows('crossSellCohorts').find((candidate) => candidate['cross_sold'] === crossSold)!;
      const customers = int(row, 'customers');
      const revenue = money(row, 'revenue');
      return { customers, revenue, averageLifetimeValue: quotient(revenue, customers), repeatPurchaseRate: ratio(int(row, 'repeat_customers'), customers) };
    };
    const currency = nullableStr(one('averageOrderValue'), 'currency');
    expectAgreement(CrossSellCohorts, {}, orders(), { currency, crossSold: cohort(true), other: cohort(false) });
  });

  test('CoPurchase({ by: category }): every order, guests included, every pair', () => {
    const pairs = rows('coPurchaseByCategory');
    const count = int(one('averageOrderValue'), 'orders');
    expect(pairs.every((row) => int(row, 'orders') === count)).toBe(true);
    const expected = {
      orders: count,
      pairs: pairs.map(coPurchasePair),
    };
    expectAgreement(CoPurchase, { by: 'category' }, orders(), expected);
  });
});

// --- Scorecard ---------------------------------------------------------------------------------

/** The expected Scorecard rows, from the `scorecard` query. */
function expectedScorecard(grouping: Grouping): unknown[] {
  return rows(`scorecard:${grouping}`).map((row) => {
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
    const customerRevenue = money(row, 'customer_revenue');
    return {
      period: str(row, 'period'),
      group: row['total'] === true ? {} : { [grouping]: str(row, 'grp') },
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
      // A fold per customer leaves guest orders out, their currency too: a row of guests only has the option's (none here).
      customerLifetimeValue: { value: quotient(customerRevenue, customers), revenue: customerRevenue, customers, currency: customers === 0 ? null : currency },
      revenuePerCrossSell: { value: quotient(crossSellRevenue, crossSellConversions), revenue: crossSellRevenue, conversions: crossSellConversions, currency },
      revenuePerUpsell: { value: quotient(upsellRevenue, upsellConversions), revenue: upsellRevenue, conversions: upsellConversions, currency },
      crossSellRevenueShare: { value: share(crossSellRevenue, revenue), part: crossSellRevenue, total: revenue, currency },
      netRevenue: { value: money(row, 'net_revenue'), grossRevenue: revenue, returns: money(row, 'returns'), currency: nullableStr(row, 'net_revenue_currency') },
    };
  });
}

const rowLabel = (row: { period: string; group: Record<string, string> }): string => `${row.period} ${JSON.stringify(row.group)}`;

function expectScorecardRows(actual: ScorecardRow[], expected: unknown[], how: string): void {
  // The same rows in the same order (period, then the total row, then groups in code-unit order) ...
  expect(actual.map(rowLabel), `${how}: rows`).toEqual(expected.map((row) => rowLabel(row as ScorecardRow)));
  // ... and every field of every row.
  expected.forEach((row, index) => expectFigures(actual[index], row, `${how}: ${rowLabel(row as ScorecardRow)}`));
}

/** What the dataset checks below read of an expected row (money is a decimal string there). */
interface ExpectedRow {
  period: string;
  group: Record<string, string>;
  averageOrderValue: { orders: number };
  netRevenue: { value: string; returns: string };
}

describe('DuckDB oracle: Scorecard({ grain: month, groupBy: [channel | segment | region] }) equals SQL per month × group and per month, guests and returns included', () => {
  test.each(GROUPINGS)('groupBy [%s]: every row and every field', (grouping) => {
    const options: ScorecardOptions = { grain: 'month', groupBy: [grouping] };
    const expected = expectedScorecard(grouping) as ExpectedRow[];
    // Every grouping has a '' group (offers and visits carry no segment or region; some orders and
    // returns no channel, segment or region), rows without orders (August; 2027, returns only)
    // and rows whose net revenue is negative.
    expect(expected.some((row) => row.group[grouping] === '')).toBe(true);
    expect(expected.filter((row) => row.averageOrderValue.orders === 0).length).toBeGreaterThan(8);
    expect(expected.filter((row) => row.period.startsWith('2027-') && row.netRevenue.returns !== '0').length).toBeGreaterThan(3);
    expect(expected.filter((row) => row.netRevenue.value.startsWith('-')).length).toBeGreaterThan(8);
    if (grouping === 'channel') {
      // Channel 'email' has offers only, channel 'phone' returns only.
      expect(expected.filter((row) => row.group['channel'] === 'email').every((row) => row.averageOrderValue.orders === 0 && row.netRevenue.returns === '0')).toBe(true);
      expect(expected.filter((row) => row.group['channel'] === 'phone' && row.netRevenue.value.startsWith('-')).length).toBeGreaterThan(8);
    }
    const onePass = new Scorecard(options);
    for (const event of data.events) onePass.add(event);
    expectScorecardRows(onePass.result(), expected, 'one pass');
    expectScorecardRows(sharded(Scorecard, options, data.events).result(), expected, 'sharded, JSON round trip, merged');
  });
});
