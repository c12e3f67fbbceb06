/**
 * The built bin (tsup.config.ts's CLI build, dist/cli.js), spawned as a user would run it: fixtures
 * through files and standard input, the Shopify layout, and the real exports in ../shared/data
 * (UCI Online Retail, a Shopify "Export orders" sample) checked against DuckDB and the library's own
 * Scorecard. The real-data tests are skipped, saying so, when ../shared/data is absent (CONTRIBUTING.md,
 * "Real datasets", says where to get the files).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Order, ScorecardOptions, ScorecardRow } from 'xsell-kpi';
import { int, sqlSections, str, type Row } from '../support/sql.js';
import { buildCli, expectedRows, fixtures, hasSharedData, parseReport, repoRoot, sharedData, spawnCli, type JsonReport } from './support.js';

let bin = '';
let cleanUp = (): void => {};

beforeAll(async () => {
  ({ bin, cleanUp } = await buildCli());
}, 120_000);
afterAll(() => cleanUp());

if (!hasSharedData) console.warn(`test/cli/bin.test.ts: ${sharedData} is absent; the UCI Online Retail and Shopify sample tests are skipped`);

/** A DuckDB decimal string without trailing zeros: '572713.890' → '572713.89', '12.000' → '12'. */
function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

async function duckdb<T>(sqlFile: string, file: string, use: (sections: Map<string, string>, connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const sections = sqlSections(readFileSync(new URL(sqlFile, import.meta.url), 'utf8').replaceAll('{file}', file.replaceAll("'", "''")));
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    return await use(sections, connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function query(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[];
}

describe('the built bin', () => {
  test('--help, --version, and exit codes 2 (usage) and 1 (bad data)', async () => {
    const help = await spawnCli(bin, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: xsell-kpi report <file|-> [options]');
    const version = await spawnCli(bin, ['--version']);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
    const usage = await spawnCli(bin, ['report', 'orders.csv', '--colour']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^xsell-kpi: unknown option --colour\nUsage: xsell-kpi report/);
    const typo = await spawnCli(bin, ['report', 'orders.csv', '--grian', 'month']);
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toMatch(/^xsell-kpi: unknown option --grian; did you mean --grain\?\nUsage: xsell-kpi report .*\n$/);
    const bad = await spawnCli(bin, ['report', '-'], 'order_id,customer_id,timestamp,sku,unit_price\nA,ann,2026-01-01,x,1\nB,bob,2026-01-01,x,1.2.3\n');
    expect(bad).toMatchObject({ code: 1, stdout: '', stderr: 'xsell-kpi: line 3, unit_price: INVALID_MONEY: expected a plain decimal string such as "19.99", got "1.2.3" (order "B")\n' });
  });

  test('reads a CSV file, and the same CSV with CRLF and a BOM on standard input, as the library would', async () => {
    const args = ['--time-zone', 'Europe/Berlin', '--grain', 'quarter', '--group-by', 'channel', '--format', 'json'];
    const fromFile = parseReport(await spawnCli(bin, ['report', join(fixtures, 'orders.csv'), ...args]));
    const crlf = `\ufeff${readFileSync(join(fixtures, 'orders.csv'), 'utf8').replaceAll('\n', '\r\n')}`;
    const fromStdin = parseReport(await spawnCli(bin, ['report', '-', ...args], crlf));
    expect(fromStdin.rows).toEqual(fromFile.rows);
    // The first quarter in Berlin: A1 (web), A2 (store, 2026-01-31T23:30Z, which is February there), A3 (web), A4 (app).
    const q1 = (fromFile.rows as ScorecardRow[]).filter((row) => row.period === '2026-Q1');
    expect(q1.map((row) => row.group)).toEqual([{}, { channel: 'app' }, { channel: 'store' }, { channel: 'web' }]);
    expect(fromFile.totals.counted).toEqual({ rows: 8, orders: 6, customers: 4, revenue: '3333.09', currency: 'EUR' });
  });

  test('reads JSON Lines events', async () => {
    const text = readFileSync(join(fixtures, 'events.jsonl'), 'utf8');
    const events = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Order);
    const report = parseReport(await spawnCli(bin, ['report', join(fixtures, 'events.jsonl'), '--currency', 'USD', '--grain', 'week', '--format', 'json']));
    expect(report.rows).toEqual(expectedRows(events, { grain: 'week', currency: 'USD' }));
  });

  test('reads a Shopify export: one order per Name, order-level fields from its first row, cancellations skipped', async () => {
    const report = parseReport(await spawnCli(bin, ['report', join(fixtures, 'shopify.csv'), '--from', 'shopify', '--group-by', 'channel', '--format', 'json']));
    const orders: Order[] = [
      {
        orderId: '#1003',
        customerId: 'ann@example.com',
        timestamp: '2026-01-10T09:00:00Z',
        currency: 'EUR',
        channel: 'web',
        lines: [
          { sku: 'MUG-1', quantity: 2, unitPrice: '30', discount: '2' },
          { sku: 'Tea, green', quantity: 1, unitPrice: '50' },
        ],
      },
      { orderId: '#1001', customerId: 'cy@example.com', timestamp: '2026-01-02T14:00:00Z', currency: 'EUR', channel: 'pos', lines: [{ sku: 'MUG-1', quantity: 1, unitPrice: '20' }] },
    ];
    expect(report.rows).toEqual(expectedRows(orders, { groupBy: ['channel'] }));
    expect(report.skipped).toEqual({ count: 1, byCode: { CANCELLED_ORDER: 1 }, firstLineByCode: { CANCELLED_ORDER: 4 }, orders: 1 });
    // Revenue is the lines' (108 + 20), never the order-level Subtotal, Total or Discount Amount.
    expect(report.totals.counted).toEqual({ rows: 3, orders: 2, customers: 2, revenue: '128', currency: 'EUR' });
  });

  test('prints the demo scorecard as a table, with the benchmark band and sudden-change flags', async () => {
    const run = await spawnCli(bin, ['report', join(repoRoot, 'examples/data/orders.csv'), '--grain', 'month', '--time-zone', 'Europe/Berlin']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^period\s+orders\s+customers\s+revenue\s+AOV\s+items\/order\s+cross-sell\s+band\s+txn x-sell/);
    expect(lines.filter((line) => /^2025-\d\d /.test(line))).toHaveLength(12);
    expect(run.stdout).toMatch(/^2025-08 .* ▼/m);
    expect(run.stdout).toMatch(/^2025-11 .* ▲/m);
    expect(run.stdout).toMatch(/€[\d,]+\.\d\d/);
    expect(run.stdout).toContain('Counted 1,855 orders');
  });
});

describe.skipIf(!hasSharedData)('real exports in ../shared/data', () => {
  test('UCI Online Retail (541,909 lines, gzip): the published figures, and every counted figure, as DuckDB computes them', async () => {
    const file = join(sharedData, 'online_retail.csv.gz');
    const run = await spawnCli(bin, [
      'report',
      file,
      '--columns',
      'order_id=InvoiceNo,customer_id=CustomerID,timestamp=InvoiceDate,sku=StockCode,quantity=Quantity,unit_price=UnitPrice',
      '--time-zone',
      'Europe/London',
      '--currency',
      'GBP',
      '--cancelled-prefix',
      'C',
      '--skip-invalid',
      '--format',
      'json',
    ]);
    const report: JsonReport = parseReport(run);
    // The commonly published figures of the file: every line, invoice (cancellations included) and customer read.
    expect(report.totals.read).toEqual({ rows: 541_909, orders: 25_900, customers: 4_372 });

    await duckdb('./onlineRetail.sql', file, async (sections, connection) => {
      for (const name of ['load', 'number', 'verdict', 'counted']) await connection.run(sections.get(name)!);
      const [read] = await query(connection, sections.get('read')!);
      expect(report.totals.read).toEqual({ rows: int(read!, 'rows'), orders: int(read!, 'orders'), customers: int(read!, 'customers') });
      const [totals] = await query(connection, sections.get('totals')!);
      expect(report.totals.counted).toEqual({ rows: int(totals!, 'rows'), orders: int(totals!, 'orders'), customers: int(totals!, 'customers'), revenue: trimDecimal(str(totals!, 'revenue')), currency: 'GBP' });
      const [skipped] = await query(connection, sections.get('skipped')!);
      const codes = await query(connection, sections.get('byCode')!);
      const byCode = Object.fromEntries(codes.map((row) => [str(row, 'code'), int(row, 'rows')]));
      const firstLineByCode = Object.fromEntries(codes.map((row) => [str(row, 'code'), int(row, 'first_line')]));
      expect(report.skipped).toEqual({ count: int(skipped!, 'rows'), byCode, firstLineByCode, orders: int(skipped!, 'orders') });
      // Cancellation lines and lines without a customer, as published. (Invoice 542806, split by another invoice, is one order.)
      expect(byCode).toEqual({ CANCELLED_ORDER: 9_288, INVALID_EVENT: 134_697 });
      const months = await query(connection, sections.get('months')!);
      const totalRows = (report.rows as ScorecardRow[]).map((row) => row as unknown as Record<string, Record<string, unknown>> & { period: string });
      expect(
        totalRows.map((row) => ({
          period: row.period,
          orders: row['averageOrderValue']!['orders'],
          customers: row['crossSellRate']!['customers'],
          items: row['itemsPerOrder']!['items'],
          revenue: row['averageOrderValue']!['revenue'],
        })),
      ).toEqual(
        months.map((month) => ({
          period: str(month, 'period'),
          orders: int(month, 'orders'),
          customers: int(month, 'customers'),
          items: Number(str(month, 'items')),
          revenue: trimDecimal(str(month, 'revenue')),
        })),
      );
    });
  }, 180_000);

  test('the Shopify sample: one order per Name, line revenue, no order-level field counted twice; the same as the library over DuckDB-read orders', async () => {
    const file = join(sharedData, 'shopify_orders_export_sample.csv');
    const failed = await spawnCli(bin, ['report', file, '--from', 'shopify']);
    // Order #1001 (a draft order) has no Email: a customer is required.
    expect(failed).toMatchObject({ code: 1, stderr: 'xsell-kpi: line 122, Email (customer_id): INVALID_EVENT: expected a non-empty string id, got an empty string (order "#1001")\n' });
    const report = parseReport(await spawnCli(bin, ['report', file, '--from', 'shopify', '--skip-invalid', '--group-by', 'channel', '--format', 'json']));

    await duckdb('./shopify.sql', file, async (sections, connection) => {
      await connection.run(sections.get('load')!);
      const [summary] = await query(connection, sections.get('orders')!);
      expect(int(summary!, 'orders')).toBe(51);
      expect(int(summary!, 'rows')).toBe(121);
      expect(report.totals.read).toEqual({ rows: 121, orders: 51, customers: 2 });
      expect(report.totals.counted).toMatchObject({ orders: int(summary!, 'withCustomer'), revenue: trimDecimal(str(summary!, 'revenue')), currency: 'INR' });
      expect(report.skipped).toEqual({ count: 1, byCode: { INVALID_EVENT: 1 }, firstLineByCode: { INVALID_EVENT: 122 }, orders: 1 });

      // The orders, built here from DuckDB's reading of the file: consecutive rows of a Name, order-level fields from the first row.
      const orders: Order[] = [];
      let subtotal = 0;
      for (const row of await query(connection, sections.get('rows')!)) {
        const name = str(row, 'name');
        let order = orders.at(-1);
        if (order?.orderId !== name) {
          const created = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d\d)(\d\d)$/.exec(str(row, 'created'))!;
          order = { orderId: name, customerId: (row['email'] as string | null) ?? '', timestamp: `${created[1]}T${created[2]}${created[3]}:${created[4]}`, currency: str(row, 'currency'), lines: [] };
          if (row['source'] !== null) order.channel = str(row, 'source');
          orders.push(order);
          if (row['email'] !== null) subtotal += Number(str(row, 'subtotal'));
        }
        order.lines.push({ sku: (row['sku'] as string | null) ?? str(row, 'product'), quantity: Number(str(row, 'quantity')), unitPrice: str(row, 'price'), discount: str(row, 'discount') });
      }
      const counted = orders.filter((order) => order.customerId !== '');
      expect(orders).toHaveLength(51);
      expect(counted).toHaveLength(50);
      const options: ScorecardOptions = { groupBy: ['channel'] };
      expect(report.rows).toEqual(expectedRows(counted, options));
      // Each order's Subtotal (on its first row only) adds up to the line revenue: nothing was counted twice.
      expect(Number(report.totals.counted.revenue)).toBe(subtotal);
      const [total] = report.rows as ScorecardRow[];
      expect(total!.transactionCrossSellRate.orders).toBe(50);
    });
  }, 60_000);
});
