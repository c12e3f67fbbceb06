/**
 * `xsell-kpi sql`: prints exactly `scorecardSql(options).sql` and a newline; the printed statement,
 * run on DuckDB over a table of examples/data/orders.csv, read back with `readRows`, gives the rows
 * `xsell-kpi report` gives for the file; bad usage exits 2 with one line and the usage.
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test } from 'vitest';
import { scorecardSql, type ScorecardSqlOptions } from 'xsell-kpi/sql';
import { toJson } from '../../src/cli/output/json.js';
import { SQL_USAGE } from '../../src/cli/sqlCommand.js';
import { repoRoot, runMain } from './support.js';

const orders = join(repoRoot, 'examples/data/orders.csv');

describe('xsell-kpi sql', () => {
  test.each<[string[], ScorecardSqlOptions]>([
    [['--dialect', 'duckdb', '--table', 'order_lines'], { dialect: 'duckdb', orders: { table: 'order_lines' } }],
    [
      ['--dialect', 'postgres', '--table', 'sales.order_lines', '--columns', 'order_id=invoice_no,unitPrice=price,discount=', '--grain', 'week', '--time-zone', 'Europe/Berlin', '--group-by', 'channel,country', '--by', 'category', '--min-distinct', '3', '--currency', 'EUR', '--max-periods', '500'],
      {
        dialect: 'postgres',
        orders: { table: 'sales.order_lines', columns: { orderId: 'invoice_no', unitPrice: 'price', discount: null } },
        grain: 'week',
        timeZone: 'Europe/Berlin',
        groupBy: ['channel', 'country'],
        by: 'category',
        minDistinct: 3,
        currency: 'EUR',
        maxPeriods: 500,
      },
    ],
    [
      ['--dialect', 'duckdb', '--table', 'o', '--returns-table', 'r', '--returns-columns', 'return_id=refund_id', '--offers-table', 'x.offers', '--visits-table', 'v', '--visits-columns', 'visitor_id=session'],
      {
        dialect: 'duckdb',
        orders: { table: 'o' },
        returns: { table: 'r', columns: { returnId: 'refund_id' } },
        offers: { table: 'x.offers' },
        visits: { table: 'v', columns: { visitorId: 'session' } },
      },
    ],
    [['--table', 'Weird "name"; --', '--dialect', 'postgres', '--columns', 'sku=my sku'], { dialect: 'postgres', orders: { table: 'Weird "name"; --', columns: { sku: 'my sku' } } }],
  ])('%j prints scorecardSql(options).sql and a newline', async (args, options) => {
    const run = await runMain(['sql', ...args]);
    expect(run).toEqual({ code: 0, stdout: `${scorecardSql(options).sql}\n`, stderr: '' });
  });

  test('the statement runs on DuckDB: its rows are the report\'s', async () => {
    const args = ['--grain', 'week', '--time-zone', 'Europe/Berlin', '--group-by', 'channel'];
    const printed = await runMain(['sql', '--dialect', 'duckdb', '--table', 'shop.order_lines', '--columns', 'order_id=invoice_no', ...args]);
    expect(printed.code).toBe(0);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    let result: Record<string, unknown>[];
    try {
      // The CSV's timestamps are wall-clock times in --time-zone, as the report reads them.
      await connection.run(
        `CREATE SCHEMA shop; CREATE TABLE shop.order_lines AS SELECT order_id AS invoice_no, customer_id, timezone('Europe/Berlin', CAST("timestamp" AS TIMESTAMP)) AS "timestamp",
           sku, category, CAST(quantity AS DECIMAL(18,4)) AS quantity, CAST(unit_price AS DECIMAL(18,4)) AS unit_price, CAST(discount AS DECIMAL(18,4)) AS discount,
           currency, channel, segment, source FROM read_csv('${orders}', all_varchar = true)`,
      );
      result = (await connection.runAndReadAll(printed.stdout)).getRowObjectsJS() as Record<string, unknown>[];
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    const query = scorecardSql({ dialect: 'duckdb', orders: { table: 'shop.order_lines', columns: { orderId: 'invoice_no' } }, grain: 'week', timeZone: 'Europe/Berlin', groupBy: ['channel'] });
    const report = await runMain(['report', orders, ...args, '--format', 'json']);
    const rows = toJson(query.readRows(result));
    expect(rows).toEqual((JSON.parse(report.stdout) as { rows: unknown }).rows);
    expect((rows as unknown[]).length).toBeGreaterThan(50);
  });

  test('--help', async () => {
    const run = await runMain(['sql', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^xsell-kpi sql: the Scorecard as one SQL statement/);
    expect(run.stdout).toContain('--returns-table');
  });

  test.each([
    [['--table', 't'], 'missing --dialect (allowed: duckdb, postgres)'],
    [['--dialect', 'mysql', '--table', 't'], 'invalid value "mysql" for --dialect (allowed: duckdb, postgres)'],
    [['--dialect', 'duckdb'], 'missing --dialect'.replace('--dialect', '--table') + ' (a table name, such as order_lines or sales.order_lines)'],
    [['--dialect', 'duckdb', '--table', 't', '--time-zone', 'Mars/Olympus'], /^--time-zone: expected an IANA time zone/],
    [['--dialect', 'duckdb', '--table', 't', '--grain', 'fortnight'], /^invalid value "fortnight" for --grain/],
    [['--dialect', 'duckdb', '--table', 't', '--columns', 'colour=c'], /^--columns: unknown field "colour"; fields are order_id, customer_id/],
    [['--dialect', 'duckdb', '--table', 't', '--columns', 'sku'], /^--columns: expected field=column pairs/],
    [['--dialect', 'duckdb', '--table', 't', '--min-distinct', '0'], /^--min-distinct: /],
    [['--dialect', 'duckdb', '--table', 't', '--currency', 'euro'], /^--currency: /],
    [['--dialect', 'duckdb', '--table', ''], /^missing value for --table|^--table: expected a non-empty identifier/],
    [['--dialect', 'duckdb', '--table', 't', '--skip-invalid'], '--skip-invalid is an option of xsell-kpi report, not of this command'],
    [['--dialect', 'duckdb', '--table', 't', '--grian', 'week'], 'unknown option --grian; did you mean --grain?'],
    [['--dialect', 'duckdb', '--table', 't', 'orders.csv'], /^xsell-kpi sql reads no file/],
    [['--dialect', 'duckdb', '--table', 't', '--returns-columns', 'amount=a'], '--returns-columns without --returns-table'],
  ])('%j: exit 2, one line and the usage', async (args, message) => {
    const run = await runMain(['sql', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const [line, usage, rest] = run.stderr.split('\n');
    expect(line!.startsWith('xsell-kpi: ')).toBe(true);
    if (typeof message === 'string') expect(line!.slice('xsell-kpi: '.length)).toBe(message);
    else expect(line!.slice('xsell-kpi: '.length)).toMatch(message);
    expect(usage).toBe(SQL_USAGE);
    expect(rest).toBe('');
  });
});
