/**
 * `xsell-kpi report --engine duckdb` against the default engine on the same files: the same
 * `--format json` report (rows, skipped, totals; `totals.held` aside, which says what each engine
 * held in memory), the same CSV, the same exit codes and messages for bad data; CSV, .csv.gz and
 * Parquet; rows in any order. Real DuckDB (the devDependency), in this process.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MISSING_DUCKDB } from '../../src/cli/engines/duckdb.js';
import { buildCli, fixtures, hasSharedData, repoRoot, runMain, sharedData, spawnCli, type Run } from './support.js';
import { shuffledCsv } from '../support/shuffle.js';

const orders = join(repoRoot, 'examples/data/orders.csv');
let folder = '';

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'xsell-kpi-duckdb-engine-'));
});
afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

/** The JSON report without `totals.held` (the stream's window; DuckDB holds the whole file). */
function withoutHeld(run: Run): unknown {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { totals: Record<string, unknown> };
  delete report.totals['held'];
  return report;
}

/** Both engines on the same arguments: the same JSON report. */
async function expectSameReport(args: readonly string[], duckdbArgs: readonly string[] = args, duckdbText: (text: string) => string = (text) => text): Promise<unknown> {
  const stream = await runMain(['report', ...args, '--format', 'json']);
  const duck = await runMain(['report', ...duckdbArgs, '--format', 'json', '--engine', 'duckdb']);
  // The notes on stderr too, but for the one on what the stream held (--unsorted).
  expect(duckdbText(duck.stderr)).toBe(stream.stderr.replace(/^xsell-kpi: Held every order .*\n/m, ''));
  expect(withoutHeld(duck)).toEqual(withoutHeld(stream));
  return JSON.parse(duck.stdout) as unknown;
}

describe('--engine duckdb gives the default engine\'s report', () => {
  test.each([
    [[]],
    [['--grain', 'week', '--time-zone', 'America/New_York', '--group-by', 'channel,segment']],
    [['--grain', 'day', '--by', 'category', '--since', '2025-03-01', '--until', '2025-06-01']],
    [['--grain', 'quarter', '--time-zone', 'Asia/Kathmandu', '--exclude-sku', 'LAPTOP-13,MOUSE-1', '--group-by', 'channel']],
    [['--grain', 'year', '--time-zone', 'Pacific/Chatham', '--cancelled-prefix', 'A1000', '--skip-invalid']],
  ])('examples/data/orders.csv %j', async (options) => {
    const report = (await expectSameReport([orders, ...options])) as { rows: unknown[] };
    expect(report.rows.length).toBeGreaterThan(0);
  });

  test('--format csv, table and html print the same text', async () => {
    for (const format of ['csv', 'table', 'html']) {
      const stream = await runMain(['report', orders, '--group-by', 'channel', '--format', format]);
      const duck = await runMain(['report', orders, '--group-by', 'channel', '--format', format, '--engine', 'duckdb']);
      expect(stream.code).toBe(0);
      // The table's notes say what the stream held; nothing else differs.
      const held = (text: string): string => text.replace(/^.*[Hh]eld.*$/gm, '');
      expect(held(duck.stdout)).toBe(held(stream.stdout));
    }
  });

  test('--date-format, --delimiter and quoted fields: the file read the same way', async () => {
    const [header, ...lines] = readFileSync(orders, 'utf8').trimEnd().split('\n');
    // 2025-01-01 09:47:13 → 01/01/2025 09:47, fields separated by ";", the SKUs quoted.
    const rewritten = lines.map((line) => {
      const fields = line.split(',');
      const [date, time] = fields[2]!.split(' ');
      const [year, month, day] = date!.split('-');
      fields[2] = `${day}/${month}/${year} ${time!.slice(0, 5)}`;
      fields[3] = `"${fields[3]!}"`;
      return fields.join(';');
    });
    const file = join(folder, 'orders-semicolon.csv');
    writeFileSync(file, `${header!.replaceAll(',', ';')}\n${rewritten.join('\n')}\n`);
    await expectSameReport([file, '--date-format', 'DD/MM/YYYY HH:mm', '--delimiter', ';', '--time-zone', 'Europe/Berlin', '--grain', 'week']);
    await expectSameReport([file, '--date-format', 'DD/MM/YYYY HH:mm', '--time-zone', 'Europe/Berlin']);
  });

  test('a shuffled copy: the same report as the stream with --unsorted', async () => {
    const copy = join(folder, 'orders-shuffled.csv');
    writeFileSync(copy, shuffledCsv(readFileSync(orders, 'utf8'), 20261206));
    await expectSameReport([copy, '--unsorted', '--group-by', 'channel'], [copy, '--group-by', 'channel']);
    await expectSameReport([orders, '--group-by', 'channel'], [copy, '--group-by', 'channel']);
  });

  test('a .csv.gz file, and a gzipped file with another name', async () => {
    const gz = join(folder, 'orders.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(orders)));
    await expectSameReport([orders, '--grain', 'week'], [gz, '--grain', 'week']);
    const other = join(folder, 'orders.data');
    copyFileSync(gz, other);
    await expectSameReport([orders], [other]);
  });

  test('a Parquet file written by DuckDB: text columns, and typed columns', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const text = join(folder, 'orders-text.parquet');
    const typed = join(folder, 'orders-typed.parquet');
    try {
      await connection.run(`COPY (SELECT * FROM read_csv('${orders}', all_varchar = true)) TO '${text}' (FORMAT parquet)`);
      await connection.run(`COPY (SELECT * FROM read_csv('${orders}')) TO '${typed}' (FORMAT parquet)`);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    await expectSameReport([orders, '--group-by', 'channel'], [text, '--group-by', 'channel']);
    await expectSameReport([orders, '--group-by', 'channel'], [typed, '--group-by', 'channel']);
  });

  test('Shopify exports: refunds are returns, voided and cancelled orders are skipped', async () => {
    await expectSameReport([join(fixtures, 'shopify.csv'), '--from', 'shopify']);
    if (hasSharedData) await expectSameReport([join(sharedData, 'shopify_orders_export_sample.csv'), '--from', 'shopify', '--skip-invalid', '--group-by', 'channel']);
  });

  test('bad rows: the same skips with --skip-invalid (codes, first lines, --rejects file), the same error without', async () => {
    const file = join(folder, 'bad.csv');
    writeFileSync(
      file,
      [
        'order_id,customer_id,timestamp,sku,unit_price,quantity,category,discount',
        'A1,c1,2025-01-01 10:00,S1,1.50,2,"two\nlines",',
        'A2,c2,2025-01-02 10:00,S2,abc,1,x,',
        'A1,c1,2025-01-01 10:05,S3,2.5,,,0.5',
        ',c3,2025-01-03 10:00,S4,1,1,,',
        'A3,c1,not a date,S1,1,1,,',
        'A4,,2025-02-01 00:00,S1, 3 ,1.5,,',
        'A5,c5,2025-02-01 00:00,S1,3,1,,',
        'A5,c6,2025-02-01 00:00,S2,3,1,,',
        'A6,c6,2025-02-02 00:00,S2,3,2,,6',
        'A7,c7,2025-02-02 00:00,S2,3,2,,6.01',
        'A9,c8,1970-01-01 00:00,S2,1,1,,',
        '',
      ].join('\n'),
    );
    const streamRejects = join(folder, 'stream-rejects.csv');
    const duckRejects = join(folder, 'duck-rejects.csv');
    const report = (await expectSameReport([file, '--skip-invalid', '--rejects', streamRejects], [file, '--skip-invalid', '--rejects', duckRejects], (text) => text.replace(duckRejects, streamRejects))) as { skipped: { count: number } };
    expect(report.skipped.count).toBeGreaterThan(4);
    expect(readFileSync(duckRejects, 'utf8')).toBe(readFileSync(streamRejects, 'utf8'));
    const stream = await runMain(['report', file, '--format', 'json']);
    const duck = await runMain(['report', file, '--format', 'json', '--engine', 'duckdb']);
    expect(stream.code).toBe(1);
    expect(duck).toEqual(stream);
  });

  test('what it cannot do the same is refused by name (exit 2), never a different number', async () => {
    const refused = async (args: readonly string[], message: RegExp): Promise<void> => {
      const run = await runMain(['report', ...args, '--engine', 'duckdb']);
      expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 2 });
      expect(run.stderr.split('\n')[0]).toMatch(message);
    };
    await refused([orders, '--window', '5'], /^xsell-kpi: --window: for --engine stream only/);
    await refused([orders, '--unsorted'], /^xsell-kpi: --unsorted: for --engine stream only/);
    await refused(['-'], /standard input/);
    await refused([orders, '--encoding', 'latin1'], /--encoding windows-1252|--encoding latin1/);
    await refused([join(fixtures, 'events.jsonl')], /JSON Lines/);
    await refused([orders, '--from', 'jsonl'], /--from jsonl/);
    await refused([join(folder, 'absent.csv')], /no such file/);
    const precise = join(folder, 'precise.csv');
    writeFileSync(precise, 'order_id,customer_id,timestamp,sku,unit_price\nA1,c1,2025-01-01,S1,0.123456789012\n');
    const rounded = await runMain(['report', precise, '--engine', 'duckdb']);
    expect(rounded.code).toBe(1);
    expect(rounded.stderr).toBe('xsell-kpi: a unit price 0.123456789012 has more than 10 decimals or 28 digits: --engine duckdb sums DECIMAL(38,10); use --engine stream\n');
    const mixed = join(folder, 'mixed.csv');
    writeFileSync(mixed, 'order_id,customer_id,timestamp,sku,unit_price,currency\nA1,c1,2025-01-01,S1,1,EUR\nA2,c1,2025-01-02,S1,1,USD\n');
    const run = await runMain(['report', mixed, '--skip-invalid', '--engine', 'duckdb']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^xsell-kpi: MIXED_CURRENCY: .*use --engine stream/);
  });

  test('without @duckdb/node-api installed: exit 2 and how to install it (the built bin, in a folder of its own)', async () => {
    const { bin, cleanUp } = await buildCli();
    // A project with the bin and decimal.js (its one dependency), and no @duckdb/node-api anywhere above it.
    const project = join(folder, 'no-duckdb');
    try {
      mkdirSync(join(project, 'node_modules'), { recursive: true });
      copyFileSync(bin, join(project, 'cli.js'));
      cpSync(join(repoRoot, 'node_modules', 'decimal.js'), join(project, 'node_modules', 'decimal.js'), { recursive: true, dereference: true });
      writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
      const stream = await spawnCli(join(project, 'cli.js'), ['report', orders, '--format', 'json']);
      expect(stream.code).toBe(0);
      const run = await spawnCli(join(project, 'cli.js'), ['report', orders, '--engine', 'duckdb']);
      expect({ code: run.code, stdout: run.stdout, line: run.stderr.split('\n')[0] }).toEqual({ code: 2, stdout: '', line: `xsell-kpi: ${MISSING_DUCKDB}` });
      expect(MISSING_DUCKDB).toContain('npm install @duckdb/node-api');
    } finally {
      cleanUp();
    }
  }, 120_000);
});
