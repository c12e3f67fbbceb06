/**
 * The built bin (tsup.config.ts's CLI build, dist/cli.js), spawned as a user would run it: fixtures
 * through files and standard input, the Shopify layout, and the real Shopify "Export orders" sample
 * in ../shared/data checked against DuckDB and the library's own Scorecard (UCI Online Retail has a
 * file of its own, onlineRetail.test.ts). The real-data test is skipped, saying so, when
 * ../shared/data is absent (CONTRIBUTING.md, "Real datasets", says where to get the files).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CommerceEvent, Order, Return, ScorecardRow } from 'xsell-kpi';
import { int, str, type Row } from '../support/sql.js';
import { NOTHING_SKIPPED, buildCli, duckdb, expectedRows, fixtures, hasSharedData, parseReport, query, repoRoot, runMain, sharedData, spawnCli, trimDecimal } from './support.js';

let bin = '';
let cleanUp = (): void => {};

beforeAll(async () => {
  ({ bin, cleanUp } = await buildCli());
}, 120_000);
afterAll(() => cleanUp());

if (!hasSharedData) console.warn(`test/cli/bin.test.ts: ${sharedData} is absent; the Shopify sample test is skipped`);

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
    expect(fromFile.totals.counted).toEqual({ rows: 8, orders: 6, returns: 0, customers: 4, revenue: '3333.09', returned: '0', netRevenue: '3333.09', currency: 'EUR' });
  });

  test('clv: the orders on standard input give what the in-process command gives for the file', async () => {
    const example = join(repoRoot, 'examples/data/orders.csv');
    const args = ['--observation-end', '2025-12-31', '--format', 'json'];
    const spawned = await spawnCli(bin, ['clv', '-', ...args], readFileSync(example));
    expect(spawned.code).toBe(0);
    expect(spawned.stdout).toBe((await runMain(['clv', example, ...args])).stdout);
    const help = await spawnCli(bin, ['clv', '--help']);
    expect(help.stdout).toContain('Usage: xsell-kpi clv <file|-> --observation-end YYYY-MM-DD [options]');
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

  test('reads a Shopify export: one order per Name, order-level fields from its first row, guests counted, refunds netted, voided orders skipped', async () => {
    const report = parseReport(await spawnCli(bin, ['report', join(fixtures, 'shopify.csv'), '--from', 'shopify', '--group-by', 'channel', '--format', 'json']));
    const mug = (quantity: number, unitPrice: string): Order['lines'][number] => ({ sku: 'MUG-1', quantity, unitPrice });
    const events: CommerceEvent[] = [
      { orderId: '#1003', customerId: 'ann@example.com', timestamp: '2026-01-10T09:00:00Z', currency: 'EUR', channel: 'web', lines: [{ ...mug(2, '30'), discount: '2' }, { sku: 'Tea, green', quantity: 1, unitPrice: '50' }] },
      { orderId: '#1001', customerId: 'cy@example.com', timestamp: '2026-01-02T14:00:00Z', currency: 'EUR', channel: 'pos', lines: [mug(1, '20')] },
      // A draft order without an Email: a guest's, counted in the order-level figures.
      { orderId: '#1004', customerId: null, timestamp: '2026-01-15T10:00:00Z', currency: 'EUR', channel: 'shopify_draft_order', lines: [mug(3, '20')] },
      // Partly refunded: the order counts gross, the refund is a return dated at Paid at (no Cancelled at).
      { orderId: '#1005', customerId: 'dee@example.com', timestamp: '2026-01-20T07:55:00Z', currency: 'EUR', channel: 'web', lines: [mug(1, '30'), { sku: 'Tea, green', quantity: 1, unitPrice: '50' }] },
      { type: 'return', returnId: '#1005', orderId: '#1005', customerId: 'dee@example.com', timestamp: '2026-01-20T08:00:00Z', currency: 'EUR', channel: 'web', amount: '15.00' },
      // Refunded and cancelled: a return of the Refunded Amount (shipping included) in the month of Cancelled at.
      { orderId: '#1006', customerId: 'ann@example.com', timestamp: '2026-01-30T16:58:00Z', currency: 'EUR', channel: 'web', lines: [mug(2, '30')] },
      { type: 'return', returnId: '#1006', orderId: '#1006', customerId: 'ann@example.com', timestamp: '2026-02-03T09:00:00Z', currency: 'EUR', channel: 'web', amount: '64.90' },
    ];
    expect(report.rows).toEqual(expectedRows(events, { groupBy: ['channel'] }));
    // #1002 was voided (no sale); #1007 was cancelled and nothing refunded.
    expect(report.skipped).toEqual({ count: 2, byCode: { CANCELLED_ORDER: 1, VOIDED_ORDER: 1 }, firstLineByCode: { CANCELLED_ORDER: 10, VOIDED_ORDER: 4 }, orders: 2 });
    // Revenue is the lines' (108 + 20 + 60 + 80 + 60), never the order-level Subtotal, Total or Discount Amount.
    expect(report.totals.counted).toEqual({ rows: 7, orders: 5, returns: 2, customers: 3, revenue: '328', returned: '79.9', netRevenue: '248.1', currency: 'EUR' });
  });

  test('prints the demo scorecard as a table, with the benchmark band and sudden-change flags', async () => {
    const run = await spawnCli(bin, ['report', join(repoRoot, 'examples/data/orders.csv'), '--grain', 'month', '--time-zone', 'Europe/Berlin']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    // Not a terminal: 80 columns, headings on two lines.
    expect(lines[0]).toMatch(/^\s+cross-sold\s+cross-sold\s+average$/);
    expect(lines[1]).toMatch(/^period\s+orders\s+revenue\s+customers\s+benchmark\s+orders\s+order value$/);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(lines.filter((line) => /^2025-\d\d /.test(line))).toHaveLength(12);
    expect(run.stdout).toMatch(/^2025-08 .* ▼/m);
    expect(run.stdout).toMatch(/^2025-11 .* ▲/m);
    expect(run.stdout).toMatch(/€[\d,]+\.\d\d/);
    expect(run.stdout).toContain('Counted 1,855 orders');
  });
});

/** A Shopify timestamp (`2025-12-06 10:37:33 -0500`) as ISO 8601. */
function shopifyTime(text: string): string {
  const [, date, time, hours, minutes] = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d\d)(\d\d)$/.exec(text)!;
  return `${date!}T${time!}${hours!}:${minutes!}`;
}

/**
 * The events of a Shopify export, built here from DuckDB's reading of it (shopify.sql): one order per
 * run of rows of a Name, order-level fields and payment status from its first row; a voided order
 * is no sale, a cancelled one with nothing refunded neither; a Refunded Amount above 0 is a return
 * dated at Cancelled at, else Paid at, else Created at.
 */
async function shopifyEvents(file: string): Promise<{ events: CommerceEvent[]; rows: number; skipped: Record<string, number>; subtotal: number; revenue: string }> {
  return duckdb('./shopify.sql', file, async (sections, connection) => {
    await connection.run(sections.get('load')!);
    const [summary] = await query(connection, sections.get('orders')!);
    const orders: { order: Order; status: Row; rows: number }[] = [];
    for (const row of await query(connection, sections.get('rows')!)) {
      const name = str(row, 'name');
      let last = orders.at(-1);
      if (last?.order.orderId !== name) {
        const order: Order = { orderId: name, customerId: (row['email'] as string | null) ?? null, timestamp: shopifyTime(str(row, 'created')), currency: str(row, 'currency'), lines: [] };
        if (row['source'] !== null) order.channel = str(row, 'source');
        last = { order, status: row, rows: 0 };
        orders.push(last);
      }
      last.rows += 1;
      last.order.lines.push({ sku: (row['sku'] as string | null) ?? str(row, 'product'), quantity: Number(str(row, 'quantity')), unitPrice: str(row, 'price'), discount: str(row, 'discount') });
    }
    const events: CommerceEvent[] = [];
    const skipped: Record<string, number> = {};
    let subtotal = 0;
    for (const { order, status, rows } of orders) {
      const refunded = Number(status['refunded'] ?? 0) > 0;
      const code = status['status'] === 'voided' ? 'VOIDED_ORDER' : status['cancelled'] !== null && !refunded ? 'CANCELLED_ORDER' : undefined;
      if (code !== undefined) {
        skipped[code] = (skipped[code] ?? 0) + rows;
        continue;
      }
      events.push(order);
      subtotal += Number(str(status, 'subtotal'));
      if (!refunded) continue;
      const at = (status['cancelled'] ?? status['paid'] ?? status['created']) as string;
      const { orderId, customerId, currency, channel } = order;
      events.push({ type: 'return', returnId: orderId, orderId, customerId: customerId ?? null, timestamp: shopifyTime(at), currency: currency!, channel: channel!, amount: str(status, 'refunded') });
    }
    expect(int(summary!, 'orders')).toBe(orders.length);
    return { events, rows: int(summary!, 'rows'), skipped, subtotal, revenue: trimDecimal(str(summary!, 'revenue')) };
  });
}

describe.skipIf(!hasSharedData)('the real Shopify export in ../shared/data', () => {
  const sample = join(sharedData, 'shopify_orders_export_sample.csv');
  const args = ['--from', 'shopify', '--group-by', 'channel', '--format', 'json'];

  test('the Shopify sample: one order per Name, line revenue, the draft order without an Email counted as a guest\'s; the same as the library over DuckDB-read orders', async () => {
    const report = parseReport(await spawnCli(bin, ['report', sample, ...args]));
    const { events, rows, subtotal, revenue } = await shopifyEvents(sample);
    expect(events).toHaveLength(51);
    expect(report.totals.read).toEqual({ rows, orders: 51, customers: 2 });
    // #1001, a paid draft order (₹24,995 of lines) without an Email: in every order-level figure, in no customer-level one.
    expect(events.find((event) => 'orderId' in event && event.orderId === '#1001')).toMatchObject({ customerId: null });
    expect(report.totals.counted).toEqual({ rows: 121, orders: 51, returns: 0, customers: 2, revenue, returned: '0', netRevenue: revenue, currency: 'INR' });
    expect(report.skipped).toEqual(NOTHING_SKIPPED);
    expect(report.rows).toEqual(expectedRows(events, { groupBy: ['channel'] }));
    // Each order's Subtotal (on its first row only) adds up to the line revenue: nothing was counted twice.
    expect(Number(report.totals.counted.revenue)).toBe(subtotal);
    const [total] = report.rows as ScorecardRow[];
    expect(total!.transactionCrossSellRate.orders).toBe(51);
    expect(total!.crossSellRate.customers).toBe(2);
  }, 60_000);

  test('a copy with orders refunded, partly refunded, voided and cancelled: refunds netted, voided and cancelled orders skipped and reported', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'xsell-kpi-shopify-'));
    try {
      // The real file, with the payment status of four orders changed on their first rows.
      const [header, ...records] = parse(readFileSync(sample)) as string[][];
      const column = (name: string): number => header!.indexOf(name);
      const changes: Record<string, Record<string, string>> = {
        '#1051': { 'Financial Status': 'refunded', 'Refunded Amount': '1299.00', 'Cancelled at': '2025-12-08 09:00:00 -0500' },
        '#1049': { 'Financial Status': 'partially_refunded', 'Refunded Amount': '100.00' },
        '#1050': { 'Financial Status': 'voided', 'Cancelled at': '2025-12-07 10:00:00 -0500' },
        '#1048': { 'Cancelled at': '2025-12-07 11:00:00 -0500' },
      };
      for (const record of records) {
        const change = changes[record[column('Name')]!];
        if (change === undefined || record[column('Financial Status')] === '') continue;
        for (const [name, value] of Object.entries(change)) record[column(name)] = value;
      }
      const copy = join(folder, 'orders_export.csv');
      const cell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
      writeFileSync(copy, `${[header!, ...records].map((record) => record.map(cell).join(',')).join('\n')}\n`);

      const report = parseReport(await spawnCli(bin, ['report', copy, ...args]));
      const { events, skipped } = await shopifyEvents(copy);
      expect(events.filter((event) => event.type === 'return').map((event) => [(event as Return).returnId, (event as Return).amount])).toEqual([
        ['#1051', '1299.00'],
        ['#1049', '100.00'],
      ]);
      expect(Object.keys(skipped).sort()).toEqual(['CANCELLED_ORDER', 'VOIDED_ORDER']);
      expect(report.skipped.byCode).toEqual(skipped);
      expect(report.skipped.orders).toBe(2);
      expect(report.rows).toEqual(expectedRows(events, { groupBy: ['channel'] }));
      expect(report.totals.counted).toMatchObject({ orders: 49, returns: 2, returned: '1399' });
      const [total] = report.rows as ScorecardRow[];
      expect(total!.netRevenue.value).toBe(new Decimal(String(total!.netRevenue.grossRevenue)).minus(1399).toFixed());
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
