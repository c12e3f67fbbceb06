/**
 * UCI Online Retail (../shared/data/online_retail.csv.gz, 541,909 invoice lines; CONTRIBUTING.md,
 * "Real datasets") read by the built bin with the README's own command, as an analyst runs it:
 * guest invoices counted as orders, cancellations (C…) as returns, postage and fee lines left out.
 * Every figure of every month's total row is compared with SQL over the same file in DuckDB
 * (onlineRetail.sql: its counts and sums; the values are the formula functions of those), and so are
 * the totals and the skipped rows. The same report from a shuffled copy of the file with
 * --unsorted is the same (the crash of issue 12 was on such a copy). Skipped, saying so, when the
 * file is absent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  averageOrderValue,
  churnRate,
  conversionRate,
  crossSellRate,
  customerLifetimeValue,
  itemsPerOrder,
  netRevenue,
  offerAcceptanceRate,
  repeatPurchaseRate,
  retentionRate,
  revenuePerConversion,
  revenueShare,
  toMoney,
  transactionCrossSellRate,
  upsellRate,
} from 'xsell-kpi';
import { int, str, type Row } from '../support/sql.js';
import { buildCli, duckdb, hasSharedData, parseReport, plain, query, repoRoot, sharedData, spawnCli, trimDecimal, type JsonReport } from './support.js';
import { readmeOnlineRetailCommand } from '../support/readme.js';
import { shuffled } from '../support/shuffle.js';

const file = join(sharedData, 'online_retail.csv.gz');

if (!hasSharedData) console.warn(`test/cli/onlineRetail.test.ts: ${sharedData} is absent; the UCI Online Retail tests are skipped`);

/** A month's total row as the Scorecard makes it, from the month's counts and sums in SQL. */
function expectedRow(month: Row): unknown {
  const money = (column: string) => toMoney(str(month, column));
  const currency = 'GBP';
  const orders = int(month, 'orders');
  const customers = int(month, 'customers');
  const revenue = money('revenue');
  const items = Number(str(month, 'items'));
  const customerRevenue = money('customer_revenue');
  const returned = money('returned');
  const customersAtStart = int(month, 'customers_at_start');
  const newCustomers = int(month, 'new_customers');
  const customersLost = int(month, 'customers_lost');
  const none = { revenue: toMoney(0), conversions: 0 };
  const parts = {
    crossSellRate: { crossSoldCustomers: int(month, 'cross_sold_customers'), customers },
    transactionCrossSellRate: { crossSellOrders: int(month, 'cross_sell_orders'), orders },
    upsellRate: { upsoldCustomers: 0, customers },
    crossSellAcceptanceRate: { accepted: 0, offered: 0 },
    upsellAcceptanceRate: { accepted: 0, offered: 0 },
    conversionRate: { converted: 0, visitors: 0 },
    repeatPurchaseRate: { repeatCustomers: int(month, 'repeat_customers'), customers },
    retentionRate: { customersAtStart, customersAtEnd: customers, newCustomers },
    churnRate: { customersLost, customersAtStart },
  };
  return plain({
    period: str(month, 'period'),
    group: {},
    crossSellRate: { value: crossSellRate(parts.crossSellRate), ...parts.crossSellRate },
    transactionCrossSellRate: { value: transactionCrossSellRate(parts.transactionCrossSellRate), ...parts.transactionCrossSellRate },
    upsellRate: { value: upsellRate(parts.upsellRate), ...parts.upsellRate },
    crossSellAcceptanceRate: { value: offerAcceptanceRate(parts.crossSellAcceptanceRate), ...parts.crossSellAcceptanceRate },
    upsellAcceptanceRate: { value: offerAcceptanceRate(parts.upsellAcceptanceRate), ...parts.upsellAcceptanceRate },
    conversionRate: { value: conversionRate(parts.conversionRate), ...parts.conversionRate },
    repeatPurchaseRate: { value: repeatPurchaseRate(parts.repeatPurchaseRate), ...parts.repeatPurchaseRate },
    retentionRate: { value: retentionRate(parts.retentionRate), ...parts.retentionRate },
    churnRate: { value: churnRate(parts.churnRate), ...parts.churnRate },
    averageOrderValue: { value: averageOrderValue({ revenue, orders }), revenue, orders, currency },
    itemsPerOrder: { value: itemsPerOrder({ items, orders }), items, orders },
    // Customer-level: guests' orders are not in it.
    customerLifetimeValue: { value: customerLifetimeValue({ revenue: customerRevenue, customers }), revenue: customerRevenue, customers, currency },
    revenuePerCrossSell: { value: revenuePerConversion(none), ...none, currency },
    revenuePerUpsell: { value: revenuePerConversion(none), ...none, currency },
    crossSellRevenueShare: { value: revenueShare({ part: toMoney(0), total: revenue }), part: toMoney(0), total: revenue, currency },
    netRevenue: { value: netRevenue({ grossRevenue: revenue, returns: returned }), grossRevenue: revenue, returns: returned, currency },
  });
}

let bin = '';
let cleanUp = (): void => {};

describe.skipIf(!hasSharedData)('UCI Online Retail with the README command', () => {
  const args = readmeOnlineRetailCommand(repoRoot);
  const excluded = args[args.indexOf('--exclude-sku') + 1]!.split(',');
  let folder = '';
  let rejects = '';
  // The input and the rejects file where the test has them.
  const command = (input: string, ...more: string[]): string[] => [
    ...args.map((arg, index) => (arg === 'online_retail.csv.gz' ? input : args[index - 1] === '--rejects' ? rejects : arg)),
    '--format',
    'json',
    ...more,
  ];
  let sorted: JsonReport;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'xsell-kpi-retail-'));
    rejects = join(folder, 'rejects.csv');
    ({ bin, cleanUp } = await buildCli());
    sorted = parseReport(await spawnCli(bin, command(file)));
  }, 180_000);
  afterAll(() => {
    cleanUp();
    if (folder !== '') rmSync(folder, { recursive: true, force: true });
  });

  test('the command is the one the README shows, on the analyst\'s terms', () => {
    expect(args.slice(0, 2)).toEqual(['report', 'online_retail.csv.gz']);
    expect(args).toEqual(expect.arrayContaining(['--cancelled-prefix', 'C', '--skip-invalid', '--exclude-sku']));
    expect(excluded).toEqual(expect.arrayContaining(['POST', 'DOT', 'M', 'C2', 'BANK CHARGES', 'AMAZONFEE']));
  });

  test('every figure of every month, the totals and the skipped rows, as DuckDB computes them', async () => {
    const report = sorted;
    // The commonly published figures of the file: every line, invoice (cancellations included) and customer read.
    expect(report.totals.read).toEqual({ rows: 541_909, orders: 25_900, customers: 4_372 });
    await duckdb(
      './onlineRetail.sql',
      file,
      async (sections, connection) => {
        for (const name of ['load', 'number', 'kept', 'verdict', 'counted', 'orders']) await connection.run(sections.get(name)!);
        const [read] = await query(connection, sections.get('read')!);
        expect(report.totals.read).toEqual({ rows: int(read!, 'rows'), orders: int(read!, 'orders'), customers: int(read!, 'customers') });
        const [dropped] = await query(connection, sections.get('excluded')!);
        expect(report.totals.excluded).toEqual({ rows: int(dropped!, 'rows'), orders: int(dropped!, 'orders') });
        expect(report.totals.outOfRange).toEqual({ rows: 0, orders: 0 });
        const [totals] = await query(connection, sections.get('totals')!);
        expect(report.totals.counted).toEqual({
          rows: int(totals!, 'rows'),
          orders: int(totals!, 'orders'),
          returns: int(totals!, 'returns'),
          customers: int(totals!, 'customers'),
          revenue: trimDecimal(str(totals!, 'revenue')),
          returned: trimDecimal(str(totals!, 'returned')),
          netRevenue: trimDecimal(str(totals!, 'net')),
          currency: 'GBP',
        });
        const [skipped] = await query(connection, sections.get('skipped')!);
        const codes = await query(connection, sections.get('byCode')!);
        expect(report.skipped).toEqual({
          count: int(skipped!, 'rows'),
          byCode: Object.fromEntries(codes.map((row) => [str(row, 'code'), int(row, 'rows')])),
          firstLineByCode: Object.fromEntries(codes.map((row) => [str(row, 'code'), int(row, 'first_line')])),
          orders: int(skipped!, 'orders'),
        });
        // Every skipped row is in the rejects file, with its line and code.
        const rejected = readFileSync(rejects, 'utf8').trimEnd().split('\n');
        expect(rejected[0]).toBe('InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,line,code,message');
        expect(rejected).toHaveLength(report.skipped.count + 1);
        expect(rejected.filter((line) => line.includes(',NEGATIVE_COUNT,'))).toHaveLength(report.skipped.byCode['NEGATIVE_COUNT']!);
        const months = await query(connection, sections.get('months')!);
        expect(months.map((month) => str(month, 'period'))).toEqual(['2010-12', ...Array.from({ length: 12 }, (_, index) => `2011-${String(index + 1).padStart(2, '0')}`)]);
        expect(report.rows).toEqual(months.map(expectedRow));
      },
      { excluded: excluded.map((sku) => `'${sku.replaceAll("'", "''")}'`).join(', ') },
    );
  }, 180_000);

  test('a shuffled copy with --unsorted gives the same report; without it, the first order too far apart is named', async () => {
    try {
      const [header, ...lines] = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
      const copy = join(folder, 'online_retail_shuffled.csv');
      writeFileSync(copy, `${[header, ...shuffled(lines, 20261201)].join('\n')}\n`);
      const run = await spawnCli(bin, command(copy, '--unsorted'));
      const report = parseReport(run);
      expect(report.rows).toEqual(sorted.rows);
      expect(report.totals.counted).toEqual(sorted.totals.counted);
      expect(report.totals.excluded).toEqual(sorted.totals.excluded);
      expect({ count: report.skipped.count, byCode: report.skipped.byCode, orders: report.skipped.orders }).toEqual({ count: sorted.skipped.count, byCode: sorted.skipped.byCode, orders: sorted.skipped.orders });
      expect(report.totals.held.rows).toBe(541_909);
      expect(run.stderr).toContain('Held every order until the end of the input (--unsorted): 25,900 orders, 541,909 rows');
      // The window of 10,000 orders is too small for a shuffled file: an error naming both lines, never a crash.
      const windowed = await spawnCli(bin, command(copy));
      expect(windowed.code).toBe(1);
      expect(windowed.stderr).toMatch(/^xsell-kpi: line \d+, InvoiceNo \(order_id\): NON_CONSECUTIVE_ORDER: order "\w+" comes back after its rows were closed: they began on line \d+, and 10,000 newer orders started since\. .*--unsorted/);
    } finally {
      rmSync(join(folder, 'online_retail_shuffled.csv'), { force: true });
    }
  }, 180_000);
});
