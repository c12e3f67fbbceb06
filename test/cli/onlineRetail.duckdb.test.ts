/**
 * UCI Online Retail (../shared/data/online_retail.csv.gz) with the README's command and
 * `--engine duckdb`: the same JSON report as the default engine (rows, skipped rows by code and
 * first line, totals; `totals.held` aside, which says what each engine held), the same rejects
 * file; on a shuffled copy, the same report as the default engine with `--unsorted`. Skipped,
 * saying so, when the file is absent.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasSharedData, repoRoot, runMain, sharedData, type Run } from './support.js';
import { readmeOnlineRetailCommand } from '../support/readme.js';
import { shuffledCsv } from '../support/shuffle.js';

const file = join(sharedData, 'online_retail.csv.gz');

if (!hasSharedData) console.warn(`test/cli/onlineRetail.duckdb.test.ts: ${sharedData} is absent; the UCI Online Retail tests of --engine duckdb are skipped`);

/** The JSON report without `totals.held`. */
function withoutHeld(run: Run): Record<string, unknown> {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { totals: Record<string, unknown> };
  delete report.totals['held'];
  return report;
}

describe.skipIf(!hasSharedData)('UCI Online Retail, --engine duckdb', () => {
  let folder = '';
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'xsell-kpi-retail-duckdb-'));
  });
  afterAll(() => {
    if (folder !== '') rmSync(folder, { recursive: true, force: true });
  });

  /** The README command on `input`, its rejects file named `rejects`, as JSON. */
  const command = (input: string, rejects: string, ...more: string[]): string[] => {
    const args = readmeOnlineRetailCommand(repoRoot);
    return [...args.map((arg, index) => (arg === 'online_retail.csv.gz' ? input : args[index - 1] === '--rejects' ? join(folder, rejects) : arg)), '--format', 'json', ...more];
  };

  test('the README command: the default engine\'s JSON report and rejects file', async () => {
    const stream = await runMain(command(file, 'stream.csv'));
    const duck = await runMain(command(file, 'duckdb.csv', '--engine', 'duckdb'));
    const report = withoutHeld(duck);
    expect(report).toEqual(withoutHeld(stream));
    expect(report['totals']).toMatchObject({ read: { rows: 541_909, orders: 25_900, customers: 4_372 } });
    expect((report['rows'] as unknown[]).length).toBe(13);
    expect(duck.stderr.replace(join(folder, 'duckdb.csv'), 'REJECTS')).toBe(stream.stderr.replace(join(folder, 'stream.csv'), 'REJECTS'));
    expect(readFileSync(join(folder, 'duckdb.csv'), 'utf8')).toBe(readFileSync(join(folder, 'stream.csv'), 'utf8'));
  }, 300_000);

  test('a shuffled copy: the same report as the default engine with --unsorted', async () => {
    const copy = join(folder, 'online_retail_shuffled.csv');
    writeFileSync(copy, shuffledCsv(gunzipSync(readFileSync(file)).toString('utf8'), 20261206));
    const duck = withoutHeld(await runMain(command(copy, 'duckdb-shuffled.csv', '--engine', 'duckdb')));
    const stream = withoutHeld(await runMain(command(copy, 'stream-shuffled.csv', '--unsorted')));
    expect(duck).toEqual(stream);
    expect(readFileSync(join(folder, 'duckdb-shuffled.csv'), 'utf8')).toBe(readFileSync(join(folder, 'stream-shuffled.csv'), 'utf8'));
    // And the rows and counts of the file in its own order.
    const sorted = withoutHeld(await runMain(command(file, 'sorted.csv', '--engine', 'duckdb')));
    expect(duck['rows']).toEqual(sorted['rows']);
    expect((duck['skipped'] as { count: number }).count).toBe((sorted['skipped'] as { count: number }).count);
  }, 300_000);
});
