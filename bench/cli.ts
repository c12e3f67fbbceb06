// The CLI case of `npm run bench` (issue #11): `xsell-kpi report` end to end, as a child process of
// the built CLI (dist/cli.js), against the same orders fed to a Scorecard alone in this process.
//
// Input: UCI Online Retail (541,909 invoice lines; see CONTRIBUTING.md, "Real datasets"), read from
// ../shared/data/online_retail.csv.gz next to the repository, with the README's command line:
//   report online_retail.csv.gz --columns order_id=InvoiceNo,customer_id=CustomerID,timestamp=InvoiceDate,
//     sku=StockCode,quantity=Quantity,unit_price=UnitPrice --time-zone Europe/London --currency GBP
//     --cancelled-prefix C --exclude-sku POST,DOT,C2,M,m,BANK CHARGES,AMAZONFEE,CRUK,S,B --skip-invalid
//     --format json
// The case is skipped, with a message, when the file is absent. With --smoke it runs on
// examples/data/orders.csv with `npm run demo`'s command line (--grain month --time-zone Europe/Berlin)
// and --format json instead.
//
// - The CLI: dist/cli.js is built first (npm run build, under the same lock as the tests'
//   globalSetup) when it is missing or older than src/, tsup.config.ts, tsconfig.json or package.json;
//   when that build fails, a stale dist/cli.js is used and the table says so. Each run is a fresh
//   `node dist/cli.js report ...`; its CPU time (user + sys, every thread of the child) and peak RSS
//   come from GNU time (`/usr/bin/time -f`) when it is there, else from process.resourceUsage() read
//   in the child at exit (a --import hook). Wall time is measured here around the child.
// - The Scorecard alone: the file is parsed once, outside any timing, into the orders and returns
//   the CLI counts (an order is every row with its order id, rows of excluded SKUs dropped, guest
//   orders counted, cancellations as returns, orders with a bad row skipped whole, wall-clock
//   timestamps read in the time zone), then
//   `new Scorecard(the CLI's options).addAll(events).result()` is timed: CPU time from
//   process.cpuUsage() (user + sys, every thread of this process) and wall time; median of the rounds
//   after one warm-up.
// - Check (outside the timings): the CLI's JSON (totals.counted and every row's customers, cross-sold
//   customers, orders, cross-sell orders, exact revenue and net revenue) equals the in-process Scorecard's. A
//   disagreement stops the bench.
// Lines per CPU-second divide the data rows of the file (every row the CLI reads, skipped ones
// included) by the CPU time, for both, so the two rates compare the same work; the difference of the
// CPU times is the CLI's own overhead (process start, reading, gunzip, CSV parsing, timestamps, the
// order assembler, validation for --skip-invalid, JSON output).
// Nothing here asserts a timing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { Scorecard, validateOrder, type CommerceEvent, type Order, type OrderLine, type Return, type ScorecardOptions, type ScorecardRow } from '../src/index.js';
import { fullGc, retainedBy } from './retained.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface CliCaseOptions {
  smoke: boolean;
  /** Timed runs of each side (the Scorecard also gets one warm-up run before them). */
  rounds: number;
}

/** One command line and what the in-process side needs to read the same file the same way. */
interface Workload {
  title: string;
  file: string;
  args: string[];
  /** field → CSV header; fields not given are looked for under their own name. */
  columns: Record<string, string>;
  timeZone: string;
  cancelledPrefix: string | undefined;
  /** --exclude-sku. */
  excludeSkus: ReadonlySet<string>;
  scorecard: ScorecardOptions;
}

export const RETAIL_COLUMNS = 'order_id=InvoiceNo,customer_id=CustomerID,timestamp=InvoiceDate,sku=StockCode,quantity=Quantity,unit_price=UnitPrice';
/** The README's --exclude-sku list: postage, carriage, fees, commissions and manual adjustments, not products. */
export const RETAIL_EXCLUDED = 'POST,DOT,C2,M,m,BANK CHARGES,AMAZONFEE,CRUK,S,B';

function workload(smoke: boolean): Workload | string {
  if (smoke) {
    const file = join(root, 'examples', 'data', 'orders.csv');
    return {
      title: 'examples/data/orders.csv (--smoke)',
      file,
      args: ['report', file, '--grain', 'month', '--time-zone', 'Europe/Berlin', '--format', 'json'],
      columns: {},
      timeZone: 'Europe/Berlin',
      cancelledPrefix: undefined,
      excludeSkus: new Set(),
      scorecard: { grain: 'month', timeZone: 'Europe/Berlin', groupBy: [], by: 'sku', dedupe: false },
    };
  }
  const file = join(root, '..', 'shared', 'data', 'online_retail.csv.gz');
  if (!existsSync(file)) return `skipped: ${file} is absent (UCI Online Retail; see CONTRIBUTING.md, "Real datasets")`;
  return {
    title: 'UCI Online Retail (../shared/data/online_retail.csv.gz)',
    file,
    args: ['report', file, '--columns', RETAIL_COLUMNS, '--time-zone', 'Europe/London', '--currency', 'GBP', '--cancelled-prefix', 'C', '--exclude-sku', RETAIL_EXCLUDED, '--skip-invalid', '--format', 'json'],
    columns: Object.fromEntries(RETAIL_COLUMNS.split(',').map((pair) => pair.split('=') as [string, string])),
    timeZone: 'Europe/London',
    cancelledPrefix: 'C',
    excludeSkus: new Set(RETAIL_EXCLUDED.split(',')),
    scorecard: { grain: 'month', timeZone: 'Europe/London', groupBy: [], by: 'sku', dedupe: false, currency: 'GBP' },
  };
}

// ---------------------------------------------------------------------------------------------
// The built CLI.

const BUILD_INPUTS = ['src', 'tsup.config.ts', 'tsconfig.json', 'package.json'];
const CLI = join(root, 'dist', 'cli.js');

function newestMtime(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why dist/cli.js must be built, or undefined when it is fresh. */
function staleReason(): string | undefined {
  if (!existsSync(CLI)) return 'dist/cli.js is missing';
  const built = statSync(CLI).mtimeMs;
  for (const input of BUILD_INPUTS) {
    const path = join(root, input);
    if (existsSync(path) && newestMtime(path) > built) return `${input} changed after dist/cli.js was built`;
  }
  return undefined;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding test/globalSetup.ts's build lock (.tmp/build.lock), so that no two builds run at once. */
function withBuildLock<T>(fn: () => T): T {
  const lock = join(root, '.tmp', 'build.lock');
  mkdirSync(join(root, '.tmp'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released meanwhile: try again.
      }
      sleep(200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds dist/cli.js when missing or stale; returns a note for the table ('' when it was fresh). */
export function ensureCli(): string {
  if (staleReason() === undefined) return '';
  return withBuildLock(() => {
    const reason = staleReason();
    if (reason === undefined) return '';
    const started = performance.now();
    try {
      execFileSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      if (!existsSync(CLI)) throw new Error(`dist/cli.js is missing and \`npm run build\` failed:\n${stdout}${stderr}`, { cause: error });
      console.error(`[cli] \`npm run build\` failed (${reason}); using the stale dist/cli.js:\n${`${stdout}${stderr}`.trim().split('\n').slice(-15).join('\n')}`);
      return `a stale dist/cli.js (${reason}; the build failed)`;
    }
    const note = `dist/cli.js built first (${reason}) in ${Math.round(performance.now() - started)} ms`;
    console.error(`[cli] ${note}`);
    return note;
  });
}

export interface ChildRun {
  stdout: string;
  wallSeconds: number;
  cpuSeconds: number;
  userSeconds: number;
  systemSeconds: number;
  peakRssMiB: number;
}

const GNU_TIME = '/usr/bin/time';
/** Writes the child's own resource usage to stderr at exit (when GNU time is not there). */
const USAGE_HOOK =
  'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\nxsell-bench-usage "+u.userCPUTime+" "+u.systemCPUTime+" "+u.maxRSS+"\\n")})';

let gnuTime: boolean | undefined;
export function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    const probe = existsSync(GNU_TIME) ? spawnSync(GNU_TIME, ['-f', '%U', 'true'], { encoding: 'utf8' }) : undefined;
    gnuTime = probe !== undefined && probe.status === 0 && /^\d+\.\d+\s*$/m.test(probe.stderr);
  }
  return gnuTime;
}

export function runCli(args: readonly string[]): ChildRun {
  const useTime = hasGnuTime();
  const folder = useTime ? mkdtempSync(join(tmpdir(), 'xsell-bench-')) : '';
  const timeFile = join(folder, 'time.txt');
  const command = useTime ? GNU_TIME : process.execPath;
  const commandArgs = useTime ? ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, CLI, ...args] : ['--import', USAGE_HOOK, CLI, ...args];
  const started = performance.now();
  const child = spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const wallSeconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`\`node dist/cli.js ${args.join(' ')}\` exited with ${String(child.status ?? child.signal)}:\n${child.stderr}`);
  let userSeconds: number;
  let systemSeconds: number;
  let peakKiB: number;
  if (useTime) {
    const fields = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    rmSync(folder, { recursive: true, force: true });
    [, userSeconds, systemSeconds, peakKiB] = fields as [number, number, number, number];
  } else {
    const match = /xsell-bench-usage (\d+) (\d+) (\d+)/.exec(child.stderr);
    if (match === null) throw new Error(`the child printed no resource usage:\n${child.stderr}`);
    userSeconds = Number(match[1]) / 1e6;
    systemSeconds = Number(match[2]) / 1e6;
    peakKiB = Number(match[3]);
  }
  return { stdout: child.stdout, wallSeconds, userSeconds, systemSeconds, cpuSeconds: userSeconds + systemSeconds, peakRssMiB: peakKiB / 1024 };
}

// ---------------------------------------------------------------------------------------------
// The same file parsed here, into the orders the CLI counts.

const FIELDS = ['order_id', 'customer_id', 'timestamp', 'currency', 'channel', 'segment', 'sku', 'category', 'quantity', 'unit_price', 'discount', 'source'] as const;
type Field = (typeof FIELDS)[number];
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** UTC offset (ms) of `timeZone` at `instant`. */
function offsetAt(formatter: Intl.DateTimeFormat, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * Reads `2026-11-30 14:05:00` (wall-clock time in `timeZone`), or ISO 8601 with an offset, to epoch
 * milliseconds; a wall time skipped by a DST change moves forward by the gap, a repeated one is the
 * earlier instant (Temporal's 'compatible', as the CLI does). Undefined when unreadable.
 */
function timestampReader(timeZone: string): (text: string) => number | undefined {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const memo = new Map<string, number | undefined>();
  return (text) => {
    if (memo.has(text)) return memo.get(text);
    const match = ISO_LIKE.exec(text);
    let instant: number | undefined;
    if (match !== null) {
      const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0', offset] = match;
      const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0')));
      if (offset === 'Z') instant = wall;
      else if (offset !== undefined) {
        const digits = offset.replace(':', '');
        const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
        instant = wall - (digits[0] === '-' ? -minutes : minutes) * 60_000;
      } else {
        const earlier = offsetAt(formatter, wall - 86_400_000);
        const later = offsetAt(formatter, wall + 86_400_000);
        const valid = [wall - earlier, wall - later].filter((candidate) => candidate + offsetAt(formatter, candidate) === wall);
        instant = valid.length > 0 ? Math.min(...valid) : wall - earlier;
      }
    }
    memo.set(text, instant);
    return instant;
  };
}

interface Parsed {
  /** Data rows of the file (the header excluded). */
  rows: number;
  /** The orders the CLI counts, in file order. */
  orders: Order[];
  /** The returns it counts (cancellations). */
  returns: Return[];
  countedRows: number;
}

/**
 * Parses the file as the CLI reads it with --skip-invalid: an order is every row with its order id
 * (wherever they are); rows of excluded SKUs are dropped first; an order with a bad row is left out
 * whole; a row without a customer is a guest's; a cancellation (--cancelled-prefix) is a return of
 * −Σ quantity × unit price, its rows' quantities negative.
 */
function parseOrders(work: Workload): Parsed {
  const bytes = readFileSync(work.file);
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  const header = records[0]!.map((name) => name.trim());
  const index = new Map<Field, number>();
  for (const field of FIELDS) {
    const name = work.columns[field] ?? field;
    let found = header.indexOf(name);
    if (found < 0) found = header.findIndex((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (found >= 0) index.set(field, found);
  }
  const cell = (record: readonly string[], field: Field): string => {
    const at = index.get(field);
    return at === undefined ? '' : (record[at] ?? '').trim();
  };
  // The rows of each order id, in the order the ids first appear.
  const byId = new Map<string, string[][]>();
  for (let row = 1; row < records.length; row++) {
    const record = records[row]!;
    if (work.excludeSkus.has(cell(record, 'sku'))) continue;
    const orderId = cell(record, 'order_id');
    const rows = byId.get(orderId);
    if (rows === undefined) byId.set(orderId, [record]);
    else rows.push(record);
  }
  const readTime = timestampReader(work.timeZone);
  const orders: Order[] = [];
  const returns: Return[] = [];
  let countedRows = 0;
  for (const [orderId, run] of byId) {
    if (orderId === '') continue;
    const first = (field: Field): string => run.map((record) => cell(record, field)).find((value) => value !== '') ?? '';
    const distinct = (field: Field): number => new Set(run.map((record) => cell(record, field)).filter((value) => value !== '')).size;
    if (distinct('customer_id') > 1 || distinct('currency') > 1) continue;
    const times = run.map((record) => cell(record, 'timestamp')).filter((value) => value !== '').map(readTime);
    if (times.length === 0 || times.some((time) => time === undefined)) continue;
    const customerId = first('customer_id') === '' ? null : first('customer_id');
    const currency = first('currency');
    if (work.cancelledPrefix !== undefined && orderId.startsWith(work.cancelledPrefix)) {
      let amount = new Decimal(0);
      let bad = false;
      for (const record of run) {
        const quantity = cell(record, 'quantity');
        const price = cell(record, 'unit_price');
        if (!DECIMAL.test(quantity) || !DECIMAL.test(price) || new Decimal(quantity).gte(0) || new Decimal(price).lt(0) || !['', '0'].includes(cell(record, 'discount'))) bad = true;
        else amount = amount.minus(new Decimal(quantity).times(price));
      }
      if (bad || amount.lte(0)) continue;
      const event: Return = { type: 'return', returnId: orderId, customerId, timestamp: times[0]!, amount: amount.toFixed() };
      if (currency !== '') event.currency = currency;
      returns.push(event);
      countedRows += run.length;
      continue;
    }
    const lines: OrderLine[] = [];
    let bad = false;
    for (const record of run) {
      const line: OrderLine = { sku: cell(record, 'sku'), unitPrice: cell(record, 'unit_price') };
      const quantity = cell(record, 'quantity');
      if (quantity !== '') {
        if (!DECIMAL.test(quantity)) bad = true;
        line.quantity = Number(quantity);
      }
      const category = cell(record, 'category');
      if (category !== '') line.category = category;
      const discount = cell(record, 'discount');
      if (discount !== '') line.discount = discount;
      const source = cell(record, 'source');
      if (source !== '') line.source = source as NonNullable<OrderLine['source']>;
      lines.push(line);
    }
    if (bad) continue;
    const order: Order = { orderId, customerId, timestamp: times[0]!, lines };
    if (currency !== '') order.currency = currency;
    const channel = first('channel');
    if (channel !== '') order.channel = channel;
    const segment = first('segment');
    if (segment !== '') order.segment = segment;
    try {
      validateOrder(order);
    } catch {
      continue;
    }
    orders.push(order);
    countedRows += run.length;
  }
  return { rows: records.length - 1, orders, returns, countedRows };
}

// ---------------------------------------------------------------------------------------------
// The check: the CLI's JSON against the in-process rows.

interface JsonReport {
  rows: {
    period: string;
    group: Record<string, string>;
    crossSellRate: { customers: number; crossSoldCustomers: number };
    transactionCrossSellRate: { orders: number; crossSellOrders: number };
    averageOrderValue: { revenue: string };
    netRevenue: { value: string };
  }[];
  totals: { read: { rows: number; orders: number; customers: number }; counted: { rows: number; orders: number; returns: number; customers: number; revenue: string; netRevenue: string } };
}

function checkCli(report: JsonReport, rows: readonly ScorecardRow[], parsed: Parsed): string {
  const failures: string[] = [];
  const expect = (label: string, cli: unknown, scorecard: unknown): void => {
    if (String(cli) !== String(scorecard)) failures.push(`${label}: CLI ${String(cli)} vs in-process ${String(scorecard)}`);
  };
  const sameMoney = (label: string, cli: string, scorecard: Decimal | { toFixed(): string }): void => {
    if (!new Decimal(cli).equals(new Decimal(scorecard.toFixed()))) failures.push(`${label}: CLI ${cli} vs in-process ${scorecard.toFixed()}`);
  };
  const counted = report.totals.counted;
  expect('rows read', report.totals.read.rows, parsed.rows);
  expect('rows counted', counted.rows, parsed.countedRows);
  expect('orders counted', counted.orders, parsed.orders.length);
  expect('returns counted', counted.returns, parsed.returns.length);
  expect('customers counted', counted.customers, new Set(parsed.orders.map((order) => order.customerId).filter((customer) => customer !== null)).size);
  let revenue = new Decimal(0);
  let net = new Decimal(0);
  for (const row of rows) {
    if (Object.keys(row.group).length > 0) continue;
    revenue = revenue.plus(row.averageOrderValue.revenue.toFixed());
    net = net.plus(row.netRevenue.value.toFixed());
  }
  sameMoney('revenue counted', counted.revenue, revenue);
  sameMoney('net revenue counted', counted.netRevenue, net);
  expect('scorecard rows', report.rows.length, rows.length);
  const key = (period: string, group: Record<string, string>): string => `${period}|${JSON.stringify(group)}`;
  const byKey = new Map(rows.map((row) => [key(row.period, row.group), row]));
  for (const row of report.rows) {
    const label = key(row.period, row.group);
    const mine = byKey.get(label);
    if (mine === undefined) {
      failures.push(`row ${label} missing in-process`);
      continue;
    }
    expect(`${label} customers`, row.crossSellRate.customers, mine.crossSellRate.customers);
    expect(`${label} crossSoldCustomers`, row.crossSellRate.crossSoldCustomers, mine.crossSellRate.crossSoldCustomers);
    expect(`${label} orders`, row.transactionCrossSellRate.orders, mine.transactionCrossSellRate.orders);
    expect(`${label} crossSellOrders`, row.transactionCrossSellRate.crossSellOrders, mine.transactionCrossSellRate.crossSellOrders);
    sameMoney(`${label} revenue`, row.averageOrderValue.revenue, mine.averageOrderValue.revenue);
    sameMoney(`${label} net revenue`, row.netRevenue.value, mine.netRevenue.value);
  }
  if (failures.length > 0) throw new Error(`the CLI disagrees with the Scorecard fed the parsed orders:\n  ${failures.slice(0, 20).join('\n  ')}`);
  return (
    `check: the CLI's JSON = the in-process Scorecard's rows (${rows.length} rows; ${counted.rows.toLocaleString('en-US')} rows, ` +
    `${counted.orders.toLocaleString('en-US')} orders, ${counted.customers.toLocaleString('en-US')} customers counted, revenue ${counted.revenue})`
  );
}

// ---------------------------------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Runs the case and prints its table (markdown on stdout, progress on stderr). */
export function benchCli(options: CliCaseOptions): void {
  const work = workload(options.smoke);
  console.log(`\n### The CLI end to end: \`xsell-kpi report\` against the Scorecard alone\n`);
  if (typeof work === 'string') {
    console.log(work);
    console.error(`[cli] ${work}`);
    return;
  }
  const built = ensureCli();
  const started = performance.now();
  const parsed = parseOrders(work);
  console.error(`[cli] parsed ${format(parsed.rows)} rows into ${format(parsed.orders.length)} counted orders and ${format(parsed.returns.length)} returns in ${format(performance.now() - started)} ms (not timed)`);
  const events: CommerceEvent[] = [...parsed.orders, ...parsed.returns];

  const cli: ChildRun[] = [];
  const inProcess: { wall: number; cpu: number }[] = [];
  let checked = '';
  const runScorecard = (): ScorecardRow[] => new Scorecard(work.scorecard).addAll(events).result();
  const warm = runScorecard(); // warm-up, and the rows the CLI's JSON is checked against
  for (let round = 0; round < options.rounds; round++) {
    for (const side of round % 2 === 0 ? ['cli', 'scorecard'] : ['scorecard', 'cli']) {
      if (side === 'cli') {
        const run = runCli(work.args);
        if (checked === '') checked = checkCli(JSON.parse(run.stdout) as JsonReport, warm, parsed);
        cli.push(run);
        continue;
      }
      fullGc();
      const cpu = process.cpuUsage();
      const wall = performance.now();
      runScorecard();
      const wallSeconds = (performance.now() - wall) / 1000;
      const used = process.cpuUsage(cpu);
      inProcess.push({ wall: wallSeconds, cpu: (used.user + used.system) / 1e6 });
    }
    console.error(`[cli] round ${round + 1}/${options.rounds} done`);
  }
  const state = retainedBy(() => new Scorecard(work.scorecard).addAll(events));

  const cliCpu = median(cli.map((run) => run.cpuSeconds));
  const cliWall = median(cli.map((run) => run.wallSeconds));
  const scorecardCpu = median(inProcess.map((run) => run.cpu));
  const scorecardWall = median(inProcess.map((run) => run.wall));
  const lines = parsed.rows;
  console.log(
    `${work.title}: ${format(lines)} data rows, ${format(parsed.countedRows)} counted in ${format(parsed.orders.length)} orders and ${format(parsed.returns.length)} returns; ` +
      `\`node dist/cli.js ${work.args.map((arg) => (arg === work.file ? relative(root, arg) : arg)).join(' ')}\`; ` +
      `median of ${options.rounds} run${options.rounds === 1 ? '' : 's'} (the Scorecard after one warm-up run; each CLI run is a fresh process); ` +
      `CPU time from ${hasGnuTime() ? 'GNU time' : 'process.resourceUsage() in the child'}${built === '' ? '' : `; ${built}`}`,
  );
  console.log();
  console.log(checked);
  console.log();
  console.log('| contender | median wall s | median CPU s (user + sys) | lines/CPU-s | lines/s (wall) | ÷ Scorecard alone (lines/CPU-s) | peak RSS MiB | state heap + ArrayBuffers MiB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const user = median(cli.map((run) => run.userSeconds));
  const system = median(cli.map((run) => run.systemSeconds));
  console.log(
    `| \`xsell-kpi report\` (child process, end to end; user ${format(user, 2)} + sys ${format(system, 2)} s) | ${format(cliWall, 2)} | ${format(cliCpu, 2)} | ` +
      `${format(lines / cliCpu)} | ${format(lines / cliWall)} | ${format(scorecardCpu / cliCpu, 3)} | ${format(median(cli.map((run) => run.peakRssMiB)), 1)} |  |`,
  );
  console.log(
    `| Scorecard alone, in-process (orders parsed outside the timing) | ${format(scorecardWall, 2)} | ${format(scorecardCpu, 2)} | ` +
      `${format(lines / scorecardCpu)} | ${format(lines / scorecardWall)} | 1.000 | n/a | ${format(state.total / 1024 / 1024, 1)} |`,
  );
  console.log(`| the CLI's own overhead (CLI − Scorecard alone) | ${format(cliWall - scorecardWall, 2)} | ${format(cliCpu - scorecardCpu, 2)} |  |  |  |  |  |`);
  console.log();
  console.log(
    `The CLI takes ${format(cliCpu / scorecardCpu, 2)}× the CPU time of the Scorecard alone: ${format((100 * (cliCpu - scorecardCpu)) / cliCpu, 1)}% of its CPU time ` +
      `is its own (process start, reading and parsing the file, timestamps, assembling and validating orders, the JSON). ` +
      `Lines per CPU-second are the file's ${format(lines)} data rows ÷ CPU time on both rows.`,
  );
}
