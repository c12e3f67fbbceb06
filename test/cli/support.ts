/** Helpers for the CLI tests: running it in-process or as the built bin, and an independent oracle. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import Decimal from 'decimal.js';
import { Scorecard, type CommerceEvent, type ScorecardOptions } from 'xsell-kpi';
import { main } from '../../src/cli/run.js';
import { sqlSections, type Row } from '../support/sql.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
/** The optional real datasets, in `../shared/data` beside the checkout (CONTRIBUTING.md, "Real datasets"); absent on most machines. */
export const sharedData = resolve(repoRoot, '../shared/data');
export const hasSharedData = existsSync(join(sharedData, 'online_retail.csv.gz')) && existsSync(join(sharedData, 'shopify_orders_export_sample.csv'));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, as `xsell-kpi ...args`, with `stdin` as standard input. */
export async function runMain(args: readonly string[], stdin: string | Buffer = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await main(args, {
    stdin: Readable.from([typeof stdin === 'string' ? Buffer.from(stdin) : stdin]),
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
  });
  return { code, stdout, stderr };
}

/** Builds the bin (tsup.config.ts's CLI build) into a temporary folder; returns dist/cli.js's path there and a clean-up. */
export async function buildCli(): Promise<{ bin: string; cleanUp: () => void }> {
  const { build } = await import('tsup');
  const { cliBuild } = await import('../../tsup.config.js');
  // Inside the repository (in the git-ignored .tmp/, which a fresh clone does not have yet), so that
  // the bin finds its external dependencies in node_modules.
  mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
  const outDir = mkdtempSync(join(repoRoot, '.tmp', 'cli-bin-'));
  // config: false, so that tsup does not load tsup.config.ts (whose default export empties dist/).
  await build({ ...cliBuild, outDir, config: false, silent: true });
  return { bin: join(outDir, 'cli.js'), cleanUp: () => rmSync(outDir, { recursive: true, force: true }) };
}

/** Spawns `node <bin> ...args`, writing `stdin` to it. */
export function spawnCli(bin: string, args: readonly string[], stdin?: string | Buffer): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    const input = new PassThrough();
    input.pipe(child.stdin);
    input.end(stdin ?? '');
  });
}

/** Scorecard results as JSON: every Decimal as its exact decimal string (written here, apart from the CLI's own). */
export function plain(value: unknown): unknown {
  if (Decimal.isDecimal(value)) {
    const text = (value as Decimal).toFixed();
    return text === '-0' ? '0' : text;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  return value;
}

/** The library's own scorecard over `events`, as the CLI's JSON should print it. */
export function expectedRows(events: readonly CommerceEvent[], options: ScorecardOptions): unknown {
  return plain(Scorecard.of(events, options));
}

/** Parses `--format json` output. */
export interface JsonReport {
  rows: unknown[];
  skipped: { count: number; byCode: Record<string, number>; firstLineByCode: Record<string, number>; orders: number };
  totals: {
    read: { rows: number; orders: number; customers: number };
    excluded: { rows: number; orders: number };
    outOfRange: { rows: number; orders: number };
    held: { orders: number; rows: number };
    counted: { rows: number; orders: number; customers: number; revenue: string; currency: string | null };
  };
}

/** `skipped` of a run that skipped nothing. */
export const NOTHING_SKIPPED: JsonReport['skipped'] = { count: 0, byCode: {}, firstLineByCode: {}, orders: 0 };

export function parseReport(run: Run): JsonReport {
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as JsonReport;
}

/** A DuckDB decimal string without trailing zeros: '572713.890' → '572713.89', '12.000' → '12'. */
export function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * Runs `use` with the sections of a .sql file beside this one (`-- name: ...`) and a fresh
 * in-memory DuckDB; `{file}` in the SQL is the file's path, and `{key}` any other replacement.
 */
export async function duckdb<T>(sqlFile: string, file: string, use: (sections: Map<string, string>, connection: DuckDBConnection) => Promise<T>, replacements: Record<string, string> = {}): Promise<T> {
  let text = readFileSync(new URL(sqlFile, import.meta.url), 'utf8').replaceAll('{file}', file.replaceAll("'", "''"));
  for (const [key, value] of Object.entries(replacements)) text = text.replaceAll(`{${key}}`, value);
  const sections = sqlSections(text);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    return await use(sections, connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The rows of a query as plain objects. */
export async function query(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[];
}
