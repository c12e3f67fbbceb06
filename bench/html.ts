// The HTML case of `npm run bench` (issue #15): what `--format html` adds to `xsell-kpi report`.
// Target (SPEC section 12): generating the HTML adds under 10 % to the report's run time on UCI Online
// Retail. Measured two ways, on the README's Online Retail command line (bench/cli.ts's), and on the
// same command by country (--group-by country: 38 lines a chart, a page far larger than by month alone):
// - In this process: the command line is parsed by the CLI's own parser, then each round reads the
//   file into the report (runReport: reading, parsing, the Scorecard) and lays the same report out
//   as JSON, as the table (120 columns) and as the HTML page, each timed on its own: CPU time from
//   process.cpuUsage() (user + sys, every thread of this process) and wall time; median of the
//   rounds after one warm-up. The HTML's share is its layout time ÷ (reading + the JSON's layout),
//   the run of `--format json`.
// - End to end: `node dist/cli.js report ... --format json` and `--format html` as child processes
//   (bench/cli.ts's runCli: CPU time from GNU time when it is there), alternating, median of the
//   rounds; the difference of the medians is within the runs' noise, and is shown as measured.
// With --smoke: examples/data/orders.csv with `npm run demo`'s command line, one round.
// The case is skipped, with a message, when Online Retail is absent. Nothing here asserts a timing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseCommand, type ReportOptions } from '../src/cli/args.js';
import { formatHtml } from '../src/cli/output/html.js';
import { formatJson } from '../src/cli/output/json.js';
import { formatTable } from '../src/cli/output/table.js';
import { runReport, type Report } from '../src/cli/report.js';
import { RETAIL_COLUMNS, RETAIL_EXCLUDED, ensureCli, hasGnuTime, runCli, type ChildRun } from './cli.js';
import { fullGc } from './retained.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface HtmlCaseOptions {
  smoke: boolean;
  /** Timed rounds (after one warm-up round in this process). */
  rounds: number;
}

interface Workload {
  title: string;
  args: string[];
}

function workloads(smoke: boolean): Workload[] | string {
  if (smoke) {
    const file = join(root, 'examples', 'data', 'orders.csv');
    return [{ title: 'examples/data/orders.csv (--smoke)', args: ['report', file, '--grain', 'month', '--time-zone', 'Europe/Berlin'] }];
  }
  const file = join(root, '..', 'shared', 'data', 'online_retail.csv.gz');
  if (!existsSync(file)) return `skipped: ${file} is absent (UCI Online Retail; see CONTRIBUTING.md, "Real datasets")`;
  const readme = ['report', file, '--time-zone', 'Europe/London', '--currency', 'GBP', '--cancelled-prefix', 'C', '--exclude-sku', RETAIL_EXCLUDED, '--skip-invalid'];
  return [
    { title: 'UCI Online Retail, the README command (by month)', args: [...readme, '--columns', RETAIL_COLUMNS] },
    { title: 'UCI Online Retail by country (--group-by country)', args: [...readme, '--columns', `${RETAIL_COLUMNS},country=Country`, '--group-by', 'country'] },
  ];
}

function options(args: readonly string[]): ReportOptions {
  const command = parseCommand(args);
  if (command.kind !== 'report') throw new Error(`not a report: ${args.join(' ')}`);
  return command.options;
}

/** CPU seconds (user + sys) and wall seconds of `fn`. */
function timed<T>(fn: () => T): { value: T; cpu: number; wall: number } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = fn();
  const wallSeconds = (performance.now() - wall) / 1000;
  const used = process.cpuUsage(cpu);
  return { value, cpu: (used.user + used.system) / 1e6, wall: wallSeconds };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; cpu: number; wall: number }> {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = await fn();
  const wallSeconds = (performance.now() - wall) / 1000;
  const used = process.cpuUsage(cpu);
  return { value, cpu: (used.user + used.system) / 1e6, wall: wallSeconds };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const quiet = (): Writable => new Writable({ write: (_chunk, _encoding, done) => done() });

type Step = 'read' | 'json' | 'table' | 'html';

async function inProcess(work: Workload, rounds: number): Promise<{ cpu: Record<Step, number>; wall: Record<Step, number>; bytes: Record<Exclude<Step, 'read'>, number>; report: Report }> {
  const reportOptions = options(work.args);
  const samples: Record<Step, { cpu: number[]; wall: number[] }> = { read: { cpu: [], wall: [] }, json: { cpu: [], wall: [] }, table: { cpu: [], wall: [] }, html: { cpu: [], wall: [] } };
  const bytes = { json: 0, table: 0, html: 0 };
  let report: Report | undefined;
  for (let round = 0; round <= rounds; round++) {
    fullGc();
    const read = await timedAsync(() => runReport(reportOptions, { stdin: Readable.from([]), stdout: quiet(), stderr: quiet() }));
    report = read.value;
    const current = report;
    const steps: [Exclude<Step, 'read'>, () => string][] = [
      ['json', () => formatJson(current)],
      ['table', () => formatTable(current, 120)],
      ['html', () => formatHtml(current)],
    ];
    // A different order each round, so that none always runs first after the read.
    const order = steps.map((_, index) => steps[(index + round) % steps.length]!);
    const layouts = order.map(([step, fn]) => {
      fullGc();
      return { step, ...timed(fn) };
    });
    if (round === 0) continue; // warm-up
    samples.read.cpu.push(read.cpu);
    samples.read.wall.push(read.wall);
    for (const layout of layouts) {
      samples[layout.step].cpu.push(layout.cpu);
      samples[layout.step].wall.push(layout.wall);
      bytes[layout.step] = Buffer.byteLength(layout.value);
    }
    console.error(`[html] ${work.title}: round ${round}/${rounds} done`);
  }
  const pick = (kind: 'cpu' | 'wall'): Record<Step, number> => ({
    read: median(samples.read[kind]),
    json: median(samples.json[kind]),
    table: median(samples.table[kind]),
    html: median(samples.html[kind]),
  });
  return { cpu: pick('cpu'), wall: pick('wall'), bytes, report: report! };
}

/** Runs the case and prints its tables (markdown on stdout, progress on stderr). */
export async function benchHtml(options: HtmlCaseOptions): Promise<void> {
  console.log('\n### The HTML report: what `--format html` adds to `xsell-kpi report`\n');
  const works = workloads(options.smoke);
  if (typeof works === 'string') {
    console.log(works);
    console.error(`[html] ${works}`);
    return;
  }
  const built = ensureCli();
  console.log(
    `In this process: the report read once per round (runReport: reading, parsing, the Scorecard), then laid out as JSON, as the table (120 columns) and as the HTML page, ` +
      `each timed on its own; CPU time (user + sys) from process.cpuUsage(); median of ${options.rounds} round${options.rounds === 1 ? '' : 's'} after a warm-up. ` +
      `"HTML ÷ the JSON run": the page's layout time ÷ (reading + the JSON's layout).\n`,
  );
  console.log('| workload | periods × groups (and the total) | reading ms CPU | JSON ms | table ms | HTML ms | HTML ÷ the JSON run (CPU) | HTML ÷ the JSON run (wall) | JSON bytes | HTML bytes |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const ends: { work: Workload; json: ChildRun[]; html: ChildRun[] }[] = [];
  for (const work of works) {
    const { cpu, wall, bytes, report } = await inProcess(work, options.rounds);
    const periods = new Set(report.rows.map((row) => row.period)).size;
    const groups = new Set(report.rows.map((row) => JSON.stringify(row.group))).size - 1;
    const ms = (seconds: number): string => format(seconds * 1000, 1);
    console.log(
      `| ${work.title} | ${periods} × ${groups} | ${ms(cpu.read)} | ${ms(cpu.json)} | ${ms(cpu.table)} | ${ms(cpu.html)} | ` +
        `${format((100 * cpu.html) / (cpu.read + cpu.json), 2)} % | ${format((100 * wall.html) / (wall.read + wall.json), 2)} % | ${format(bytes.json)} | ${format(bytes.html)} |`,
    );
    // End to end, alternating (json first in even rounds).
    const json: ChildRun[] = [];
    const html: ChildRun[] = [];
    for (let round = 0; round < options.rounds; round++) {
      for (const format of round % 2 === 0 ? ['json', 'html'] : ['html', 'json']) (format === 'json' ? json : html).push(runCli([...work.args, '--format', format]));
    }
    ends.push({ work, json, html });
  }
  console.log(
    `\nEnd to end: \`node dist/cli.js report … --format json\` and \`--format html\`, each run a fresh process, alternating; median of ${options.rounds} run${options.rounds === 1 ? '' : 's'} each; ` +
      `CPU time from ${hasGnuTime() ? 'GNU time' : 'process.resourceUsage() in the child'}${built === '' ? '' : `; ${built}`}.\n`,
  );
  console.log('| workload | --format json: wall s | CPU s | --format html: wall s | CPU s | HTML − JSON, CPU s | (HTML − JSON) ÷ JSON, CPU |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const { work, json, html } of ends) {
    const jsonCpu = median(json.map((run) => run.cpuSeconds));
    const htmlCpu = median(html.map((run) => run.cpuSeconds));
    console.log(
      `| ${work.title} | ${format(median(json.map((run) => run.wallSeconds)), 2)} | ${format(jsonCpu, 2)} | ${format(median(html.map((run) => run.wallSeconds)), 2)} | ${format(htmlCpu, 2)} | ` +
        `${format(htmlCpu - jsonCpu, 2)} | ${format((100 * (htmlCpu - jsonCpu)) / jsonCpu, 1)} % |`,
    );
  }
}
