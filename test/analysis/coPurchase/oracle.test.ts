/**
 * The DuckDB oracle for CoPurchase: a seeded stream of about 5,000 orders (with re-deliveries,
 * repeated lines and planted complements) is loaded into DuckDB, where a self-join
 * (coPurchase.sql) counts every pair; CoPurchase in exact mode must agree exactly: counts as
 * integers, support, confidence and lift as the same correctly rounded double from the same
 * exact integer counts, and topComplements' ranking. Checked by SKU and by category, in one pass
 * and sharded (round-robin to three accumulators, each saved to JSON and restored, then merged),
 * and bounded mode's guarantee against SQL's true counts.
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import { CoPurchase, type CoPurchaseOptions, type Order } from 'xsell-kpi';
import { mulberry32 } from '../../oracle/dataset.js';
import { coPurchasePair, int, num, sqlSections, str, type Row } from '../../support/sql.js';

// --- the dataset -------------------------------------------------------------------------------

const ORDER_COUNT = 5_000;
const SKU_COUNT = 150;
const CATEGORY_COUNT = 12;

const skuId = (index: number): string => `sku-${String(index).padStart(3, '0')}`;
const categoryOf = (index: number): string => `cat-${String(((index - 1) % CATEGORY_COUNT) + 1).padStart(2, '0')}`;

/**
 * Orders of 1 to 12 distinct products, popular products far more often than rare ones (index ≈
 * 150 · u³), each product pulling in its planted complement (the next SKU) 40% of the time; a
 * product sometimes on two lines; about 2% of orders delivered twice (identical copies).
 */
function buildOrders(seed: number): { orders: Order[]; unique: number } {
  const random = mulberry32(seed);
  const orders: Order[] = [];
  for (let number = 1; number <= ORDER_COUNT; number++) {
    const size = 1 + Math.floor(random() * random() * 12);
    const chosen = new Set<number>();
    while (chosen.size < size) {
      const index = 1 + Math.floor(SKU_COUNT * random() ** 3);
      chosen.add(index);
      if (random() < 0.4 && chosen.size < size) chosen.add((index % SKU_COUNT) + 1);
    }
    const lines = [...chosen].flatMap((index) => {
      const line = { sku: skuId(index), category: categoryOf(index), unitPrice: `${index}.99`, quantity: 1 + Math.floor(random() * 3) };
      return random() < 0.05 ? [line, { ...line, quantity: 1 }] : [line];
    });
    const order: Order = { orderId: `ord-${String(number).padStart(5, '0')}`, customerId: `cus-${Math.floor(random() * 1500)}`, timestamp: '2026-11-02T10:00:00Z', lines };
    orders.push(order);
    if (random() < 0.02) orders.push(structuredClone(order));
  }
  return { orders, unique: ORDER_COUNT };
}

// --- SQL ---------------------------------------------------------------------------------------

/** Loads the lines and runs every query, with products `by` SKU or category. */
async function runOracle(orders: readonly Order[], by: 'sku' | 'category'): Promise<Map<string, Row[]>> {
  const sections = sqlSections(readFileSync(new URL('./coPurchase.sql', import.meta.url), 'utf8'));
  const section = (name: string): string => sections.get(name)!.replaceAll('{by}', by);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.run(section('createRawLines'));
    const appender = await connection.createAppender('raw_lines');
    orders.forEach((order, delivery) => {
      for (const line of order.lines) {
        appender.appendInteger(delivery);
        appender.appendVarchar(String(order.orderId));
        appender.appendVarchar(String(line.sku));
        appender.appendVarchar(String(line.category));
        appender.endRow();
      }
    });
    appender.flushSync();
    appender.closeSync();
    await connection.run(section('createBaskets'));
    const results = new Map<string, Row[]>();
    for (const name of ['stats', 'products', 'pairs', 'complements']) {
      results.set(name, (await connection.runAndReadAll(section(name))).getRowObjectsJS() as Row[]);
    }
    return results;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Round-robin to three accumulators, each through JSON, merged. */
function sharded(options: CoPurchaseOptions, orders: readonly Order[]): CoPurchase {
  const shards = [new CoPurchase(options), new CoPurchase(options), new CoPurchase(options)];
  orders.forEach((order, index) => shards[index % 3]!.add(order));
  const [first, ...rest] = shards.map((shard) => CoPurchase.fromJSON(JSON.parse(JSON.stringify(shard))));
  for (const shard of rest) first!.merge(shard);
  return first!;
}

// --- the test ----------------------------------------------------------------------------------

let data: { orders: Order[]; unique: number };
const sql = new Map<'sku' | 'category', Map<string, Row[]>>();

beforeAll(async () => {
  data = buildOrders(20261201);
  sql.set('sku', await runOracle(data.orders, 'sku'));
  sql.set('category', await runOracle(data.orders, 'category'));
}, 60_000);

const rows = (by: 'sku' | 'category', name: string): Row[] => sql.get(by)!.get(name)!;

describe('DuckDB oracle: CoPurchase (exact) equals a SQL self-join', () => {
  test('the dataset: ~5,000 orders, re-deliveries, large baskets, thousands of pairs', () => {
    const [stats] = rows('sku', 'stats');
    expect(int(stats!, 'orders')).toBe(data.unique);
    expect(int(stats!, 'deliveries')).toBe(data.orders.length);
    expect(data.orders.length - data.unique).toBeGreaterThan(50);
    expect(int(stats!, 'largest_basket')).toBeGreaterThanOrEqual(12);
    expect(rows('sku', 'pairs').length).toBeGreaterThan(3_000);
    expect(int(stats!, 'pair_occurrences')).toBeGreaterThan(20_000);
  });

  test.each(['sku', 'category'] as const)('by %s: orders, every pair (count, support, confidences, lift), in one pass and sharded', (by) => {
    const [stats] = rows(by, 'stats');
    const expected = {
      orders: int(stats!, 'orders'),
      pairs: rows(by, 'pairs').map(coPurchasePair),
    };
    expect(CoPurchase.of(data.orders, { by })).toStrictEqual(expected);
    expect(sharded({ by }, data.orders).result()).toStrictEqual(expected);
    const seen = new Set<string>();
    const firstDeliveries = data.orders.filter((order) => !seen.has(order.orderId) && seen.add(order.orderId) !== undefined);
    expect(sharded({ by, dedupe: false }, firstDeliveries).result()).toStrictEqual(expected);
  });

  test.each(['sku', 'category'] as const)('by %s: topComplements of every product, by confidence and by lift, equals the SQL ranking', (by) => {
    const acc = new CoPurchase({ by }).addAll(data.orders);
    const bySku = new Map<string, Row[]>();
    for (const row of rows(by, 'complements')) {
      const list = bySku.get(str(row, 's')) ?? [];
      list.push(row);
      bySku.set(str(row, 's'), list);
    }
    // products only ever bought alone have no complements
    for (const row of rows(by, 'products')) if (!bySku.has(str(row, 'product'))) expect(acc.topComplements(str(row, 'product'))).toStrictEqual([]);
    expect(bySku.size).toBeGreaterThan(by === 'sku' ? 100 : 10);
    for (const [sku, list] of bySku) {
      for (const [rankBy, column] of [
        ['confidence', 'rank_by_confidence'],
        ['lift', 'rank_by_lift'],
      ] as const) {
        const ranked = [...list].sort((p, q) => int(p, column) - int(q, column)).slice(0, 15);
        const expected = ranked.map((row) => ({ sku: str(row, 'c'), count: int(row, 'count'), confidence: num(row, 'confidence'), lift: num(row, 'lift') }));
        expect(acc.topComplements(sku, { rankBy, limit: 15 })).toStrictEqual(expected);
      }
      const minCount = 3;
      expect(acc.topComplements(sku, { limit: 1000, minCount }).map((complement) => complement.sku)).toStrictEqual(
        [...list].sort((p, q) => int(p, 'rank_by_confidence') - int(q, 'rank_by_confidence')).filter((row) => int(row, 'count') >= minCount).map((row) => str(row, 'c')),
      );
    }
  });

  test('bounded mode (capacity 300): orders and products exact, every reported count within [true, true + maxError], maxError ≤ occurrences ÷ 300, every pair above maxError reported', () => {
    const capacity = 300;
    const [stats] = rows('sku', 'stats');
    const occurrences = int(stats!, 'pair_occurrences');
    const truth = new Map(rows('sku', 'pairs').map((row) => [`${str(row, 'a')} ${str(row, 'b')}`, int(row, 'count')]));
    for (const acc of [new CoPurchase({ mode: 'bounded', capacity }).addAll(data.orders), sharded({ mode: 'bounded', capacity }, data.orders)]) {
      const result = acc.result();
      const maxError = result.maxError!;
      expect(result.orders).toBe(data.unique);
      const products = (acc.toJSON().state as { products: [string, number][] }).products.sort(([p], [q]) => (p < q ? -1 : 1));
      expect(products).toStrictEqual(rows('sku', 'products').map((row) => [str(row, 'product'), int(row, 'orders_with')]));
      expect(result.pairs.length).toBe(capacity);
      expect(maxError).toBeGreaterThan(0);
      expect(maxError).toBeLessThanOrEqual(occurrences / capacity);
      let outside = 0;
      for (const pair of result.pairs) {
        const count = truth.get(`${pair.a} ${pair.b}`) ?? 0;
        if (pair.count < count || pair.count > count + maxError) outside++;
      }
      expect(outside).toBe(0);
      const reported = new Set(result.pairs.map((pair) => `${pair.a} ${pair.b}`));
      expect([...truth].filter(([key, count]) => count > maxError && !reported.has(key))).toStrictEqual([]);
    }
  });
});
