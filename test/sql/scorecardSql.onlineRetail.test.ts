/**
 * SPEC section 10's contract on UCI Online Retail (../shared/data/online_retail.csv.gz; skipped
 * with a message when absent), loaded into DuckDB and PostgreSQL (test/sql/engines.ts):
 * `readRows` of `scorecardSql`'s result equals the in-memory Scorecard's rows.
 *
 * The subset: every invoice not cancelled (InvoiceNo not starting with `C`) whose rows all have
 * Quantity > 0 and UnitPrice ≥ 0 and agree on InvoiceDate, CustomerID and Country: 20,684
 * invoices in 527,939 rows (42 invoices with rows a minute apart are left out). Rows without a
 * CustomerID are guest orders. An invoice is one order (its rows wherever they are in the file),
 * StockCode its sku, Quantity and UnitPrice as written, InvoiceDate UK wall-clock time
 * (Europe/London), Country a dimension column.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Order, ScorecardOptions } from 'xsell-kpi';
import { DIALECTS, useEngine, type Dialect, type Loaded } from './engines.js';
import { expectSameOutcome, memoryOutcome, sqlOutcomes, type Outcome } from './support.js';

const FILE = fileURLToPath(new URL('../../../shared/data/online_retail.csv.gz', import.meta.url));
const present = existsSync(FILE);
if (!present) console.warn(`test/sql/scorecardSql.onlineRetail.test.ts: ${FILE} is absent; the Online Retail tests are skipped`);

const VARIANTS: { name: string; options: ScorecardOptions }[] = [
  { name: 'month in Europe/London × country, GBP', options: { grain: 'month', timeZone: 'Europe/London', currency: 'GBP', groupBy: ['country'] } },
  { name: 'ISO week in Europe/London, GBP, minDistinct 3', options: { grain: 'week', timeZone: 'Europe/London', currency: 'GBP', minDistinct: 3 } },
];

/** The subset's invoices as orders (see the module comment), read with DuckDB's CSV reader. */
async function readOrders(): Promise<Order[]> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`
      WITH raw AS (SELECT *, row_number() OVER () AS line FROM read_csv('${FILE.replaceAll("'", "''")}', header = true, all_varchar = true)),
      kept AS (
        SELECT InvoiceNo FROM raw GROUP BY InvoiceNo
        HAVING InvoiceNo NOT LIKE 'C%'
          AND bool_and(CAST(Quantity AS INTEGER) > 0 AND CAST(UnitPrice AS DECIMAL(18, 4)) >= 0)
          AND count(DISTINCT InvoiceDate) = 1 AND count(DISTINCT coalesce(CustomerID, '')) = 1 AND count(DISTINCT Country) = 1
      )
      SELECT InvoiceNo AS invoice, StockCode AS sku, Quantity AS quantity, UnitPrice AS price, CustomerID AS customer, Country AS country,
        epoch_ms(timezone('Europe/London', CAST(InvoiceDate AS TIMESTAMP))) AS instant
      FROM raw WHERE InvoiceNo IN (SELECT InvoiceNo FROM kept) ORDER BY line`);
    const { invoice, sku, quantity, price, customer, country, instant } = reader.getColumnsObjectJS() as Record<string, (string | bigint | null)[]>;
    const orders = new Map<string, Order>();
    invoice!.forEach((id, row) => {
      let order = orders.get(id as string);
      if (order === undefined) {
        order = { orderId: id as string, timestamp: Number(instant![row]), currency: 'GBP', dimensions: { country: country![row] as string }, lines: [] };
        if (customer![row] !== null) order.customerId = customer![row] as string;
        orders.set(id as string, order);
      }
      order.lines.push({ sku: sku![row] as string, quantity: Number(quantity![row]), unitPrice: price![row] as string });
    });
    return [...orders.values()];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The orders and each variant's in-memory rows, made once for both engines. */
let orders: Promise<Order[]> | undefined;
const ordersOnce = (): Promise<Order[]> => (orders ??= readOrders());
const expected = new Map<string, Outcome>();

describe.each(DIALECTS)('%s: UCI Online Retail, every valid invoice (guests included)', (dialect: Dialect) => {
  const { skip, engine } = useEngine(dialect);
  let loaded: Loaded;
  beforeAll(async () => {
    if (!skip && present) loaded = await engine().load(await ordersOnce(), { groupBy: ['country'] });
  }, 120_000);

  test.skipIf(skip || !present)('the subset is the one described', async () => {
    const events = await ordersOnce();
    expect(events).toHaveLength(20_684);
    expect(loaded.rows.orders).toBe(527_939);
    expect(events.filter((event) => event.customerId === undefined).length).toBeGreaterThan(1000);
  });

  test.skipIf(skip || !present).each(VARIANTS)('$name', async ({ name, options }) => {
    if (!expected.has(name)) expected.set(name, memoryOutcome(options, await ordersOnce()));
    const rows = expected.get(name)!;
    expect('rows' in rows && rows.rows.length, 'rows in memory').toBeGreaterThan(13);
    for (const { reader, outcome } of await sqlOutcomes(engine(), loaded, options, [])) expectSameOutcome(outcome, rows, reader);
  }, 120_000);
});
