// The engines case of `npm run bench` (issue #13): `xsell-kpi report --engine duckdb` against the
// default engine (`--engine stream`), each a child process of the built CLI (dist/cli.js; see
// bench/cli.ts for how it is built, run and measured: wall time around the child, CPU time user + sys
// of every thread of the child and peak RSS from GNU time, else from process.resourceUsage() in the
// child).
//
// Inputs:
// - UCI Online Retail (../shared/data/online_retail.csv.gz, 541,909 lines) with the README's
//   command and --format json; skipped, with a message, when the file is absent;
// - a generated CSV of --engine-lines order lines (2,000,000 by default; bench/generate.ts's orders:
//   ~2.5 lines an order, 4 channels, sources, 10% of lines discounted) written to a temporary folder,
//   with --group-by channel --format json: the file as generated (the rows of an order together),
//   and the same rows shuffled, where the default engine needs --unsorted;
// - with --smoke: examples/data/orders.csv only, one run each.
// Check (outside the timings): both engines' JSON reports are equal but for totals.held (what the
// stream held in memory); a difference stops the bench. Nothing here asserts a timing.
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../examples/support/random.js';
import { ensureCli, hasGnuTime, runCli, type ChildRun } from './cli.js';
import { generateOrders } from './generate.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface EnginesCaseOptions {
  smoke: boolean;
  /** Runs of each engine on each input. */
  rounds: number;
  /** Lines of the generated file. */
  lines: number;
}

interface Input {
  title: string;
  file: string;
  /** Data rows of the file. */
  rows: number;
  /** Arguments after `report FILE`, for both engines. */
  args: string[];
  /** What the default engine needs more (`--unsorted` for a shuffled file). */
  streamArgs: string[];
}

const RETAIL_ARGS = [
  '--time-zone',
  'Europe/London',
  '--currency',
  'GBP',
  '--columns',
  'order_id=InvoiceNo,customer_id=CustomerID,timestamp=InvoiceDate,sku=StockCode,quantity=Quantity,unit_price=UnitPrice',
  '--cancelled-prefix',
  'C',
  '--exclude-sku',
  'POST,DOT,C2,M,m,BANK CHARGES,AMAZONFEE,CRUK,S,B',
  '--skip-invalid',
  '--format',
  'json',
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Writes `lines` generated order lines as CSV, in the order generated and shuffled; returns both paths. */
async function writeGenerated(folder: string, lines: number): Promise<{ sorted: string; shuffled: string }> {
  const header = 'order_id,customer_id,timestamp,channel,sku,category,quantity,unit_price,discount,currency,source';
  const rows: string[] = [];
  for (const order of generateOrders(lines)) {
    const timestamp = (order.timestamp as string).slice(0, 19).replace('T', ' ');
    for (const line of order.lines) {
      rows.push(
        `${order.orderId},${order.customerId},${timestamp},${order.channel ?? ''},${line.sku},${line.category ?? ''},${line.quantity ?? ''},${line.unitPrice as string},${(line.discount as string | undefined) ?? ''},${order.currency ?? ''},${line.source ?? ''}`,
      );
    }
  }
  const write = async (path: string, body: readonly string[]): Promise<void> => {
    const stream = createWriteStream(path);
    stream.write(`${header}\n`);
    for (let start = 0; start < body.length; start += 100_000) stream.write(`${body.slice(start, start + 100_000).join('\n')}\n`);
    await new Promise<void>((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done())));
  };
  const sorted = join(folder, `generated-${lines}.csv`);
  await write(sorted, rows);
  const next = mulberry32(20261206);
  for (let index = rows.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [rows[index], rows[other]] = [rows[other]!, rows[index]!];
  }
  const shuffled = join(folder, `generated-${lines}-shuffled.csv`);
  await write(shuffled, rows);
  return { sorted, shuffled };
}

/** The JSON report without totals.held, as text. */
function comparable(run: ChildRun): string {
  const report = JSON.parse(run.stdout) as { totals: Record<string, unknown> };
  delete report.totals['held'];
  return JSON.stringify(report);
}

export async function benchEngines(options: EnginesCaseOptions): Promise<void> {
  console.log(`\n### \`report --engine duckdb\` against the default engine\n`);
  const built = ensureCli();
  const folder = mkdtempSync(join(tmpdir(), 'xsell-bench-engines-'));
  try {
    const inputs: Input[] = [];
    if (options.smoke) {
      inputs.push({ title: 'examples/data/orders.csv (--smoke)', file: join(root, 'examples', 'data', 'orders.csv'), rows: 2_339, args: ['--grain', 'month', '--format', 'json'], streamArgs: [] });
    } else {
      const retail = join(root, '..', 'shared', 'data', 'online_retail.csv.gz');
      inputs.push({ title: 'UCI Online Retail, the README command', file: retail, rows: 541_909, args: RETAIL_ARGS, streamArgs: [] });
      const started = performance.now();
      const generated = await writeGenerated(folder, options.lines);
      console.error(`[engines] wrote ${format(options.lines)} generated lines (and a shuffled copy) in ${format(performance.now() - started)} ms (not timed)`);
      const args = ['--group-by', 'channel', '--format', 'json'];
      inputs.push({ title: `generated, ${format(options.lines)} lines, rows of an order together`, file: generated.sorted, rows: options.lines, args, streamArgs: [] });
      inputs.push({ title: `generated, ${format(options.lines)} lines, shuffled`, file: generated.shuffled, rows: options.lines, args, streamArgs: ['--unsorted'] });
    }
    console.log(
      `Each run a fresh \`node dist/cli.js report FILE ...\`; median of ${options.rounds} run${options.rounds === 1 ? '' : 's'} per engine, the engines alternating; ` +
        `CPU time (user + sys, every thread) and peak RSS from ${hasGnuTime() ? 'GNU time' : 'process.resourceUsage() in the child'}${built === '' ? '' : `; ${built}`}. ` +
        'Checked: both engines print the same JSON report but for totals.held.',
    );
    console.log();
    console.log('| input | engine | median wall s | median CPU s (user + sys) | lines/CPU-s | lines/s (wall) | peak RSS MiB |');
    console.log('|---|---|---:|---:|---:|---:|---:|');
    for (const input of inputs) {
      if (!existsSync(input.file)) {
        console.log(`| ${input.title} | skipped: ${relative(root, input.file)} is absent |  |  |  |  |  |`);
        console.error(`[engines] ${input.file} is absent; skipped`);
        continue;
      }
      const runs: Record<'stream' | 'duckdb', ChildRun[]> = { stream: [], duckdb: [] };
      for (let round = 0; round < options.rounds; round++) {
        for (const engine of round % 2 === 0 ? (['stream', 'duckdb'] as const) : (['duckdb', 'stream'] as const)) {
          const args = ['report', input.file, ...input.args, ...(engine === 'duckdb' ? ['--engine', 'duckdb'] : input.streamArgs)];
          runs[engine].push(runCli(args));
        }
        console.error(`[engines] ${input.title}: round ${round + 1}/${options.rounds} done`);
      }
      if (comparable(runs.stream[0]!) !== comparable(runs.duckdb[0]!)) throw new Error(`${input.title}: --engine duckdb and the default engine printed different reports`);
      for (const engine of ['stream', 'duckdb'] as const) {
        const wall = median(runs[engine].map((run) => run.wallSeconds));
        const cpu = median(runs[engine].map((run) => run.cpuSeconds));
        const label = engine === 'duckdb' ? '`--engine duckdb`' : `default (stream)${input.streamArgs.length > 0 ? ` ${input.streamArgs.join(' ')}` : ''}`;
        console.log(
          `| ${input.title} | ${label} | ${format(wall, 2)} | ${format(cpu, 2)} | ${format(input.rows / cpu)} | ${format(input.rows / wall)} | ${format(median(runs[engine].map((run) => run.peakRssMiB)), 1)} |`,
        );
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
