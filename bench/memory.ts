// Retained memory of accumulator state, with and without `dedupe`: `npm run bench:memory`
// (= node --expose-gc --import tsx bench/memory.ts). See docs/memory.md for what it measures and
// the numbers it gave.
//
// The parent process runs every case in a fresh child process (one at a time) and prints a
// markdown table. A child builds one accumulator, streams a seeded synthetic order log into it
// (generated lazily, so the input is never held), calls result() once, and reports the growth of
// process.memoryUsage().heapUsed and .arrayBuffers between two forced full garbage collections: the
// bytes the accumulator retains on the V8 heap and in ArrayBuffers (typed arrays keep their elements
// outside the V8 heap), reported apart and summed (bench/retained.ts). A first child holds a
// throwaway state with a 10 MiB Float64Array and must read as 10 MiB of ArrayBuffers, or the run
// stops. After the tables come the headline figures: the Scorecard's bytes per order with and
// without dedupe, CrossSellRate's per customer and per order.
//
// Flags: --customers N (50000), --orders-per-customer K (4), --only Name,Name (case names),
// --repeat R (1; the median retained size is reported), --seed S (20260101).
// Timings are printed for information only: they include generating the orders, the machine may
// be busy, and nothing is repeated or warmed up enough for them to be a benchmark.
import { mulberry32 } from '../examples/support/random.js';
import { ANCHOR_CATEGORIES, catalogue, lineOfRank, zipfRank, type Catalogue } from './generate.js';
import { PROBE_BYTES, buildProbe, checkProbe, difference, fullGc as collect, keepAlive, readMemory, type MemoryReading, type Retained } from './retained.js';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  AttachRate,
  AverageOrderValue,
  ChurnRate,
  CrossSellCohorts,
  CrossSellRate,
  CustomerLifetimeValue,
  ItemsPerOrder,
  RepeatPurchaseRate,
  RetentionRate,
  RevenuePerConversion,
  RevenueShare,
  Scorecard,
  TransactionCrossSellRate,
  UpsellRate,
  type Order,
  type OrderLine,
} from '../src/index.js';

// ---------------------------------------------------------------------------------------------
// Seeded synthetic orders.

const CHANNELS = ['web', 'app', 'store'] as const;
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_MS = Date.UTC(2027, 0, 1) - YEAR_START;

interface Workload {
  customers: number;
  orders: number;
  seed: number;
  /** Prefix of the order and customer ids (the warm-up uses its own, so nothing is shared). */
  prefix: string;
}

/**
 * Yields `orders` orders lazily. Customer i places order i for i < customers, so exactly
 * `customers` distinct customers appear; the other orders go to customers drawn with a mild skew
 * toward low ids. About 2.5 lines per order (1 + geometric), SKUs Zipf-distributed (s = 1.07) over
 * 5,000 SKUs in 50 categories, prices as strings with 2 or 4 decimals, ~15% of lines with quantity
 * 2 or 3, ~10% with a discount, sources organic 80% / cross-sell 15% / upsell 5%, channels web 50%
 * / app 30% / store 20%, timestamps uniform over 2026 as ISO strings, currency 'EUR'.
 * Ids and timestamps are fresh strings per order, as when parsed from JSON or CSV; SKU, category,
 * price, channel, source and currency strings are shared constants.
 */
function* generateOrders(world: Catalogue, workload: Workload): Generator<Order> {
  const random = mulberry32(workload.seed);
  for (let index = 0; index < workload.orders; index++) {
    const customer = index < workload.customers ? index : Math.floor(workload.customers * Math.pow(random(), 1.5));
    let lineCount = 1;
    while (lineCount < 12 && random() < 0.6) lineCount++;
    const lines: OrderLine[] = [];
    const used: number[] = [];
    for (let position = 0; position < lineCount; position++) {
      let rank = zipfRank(world.cdf, random());
      for (let retry = 0; retry < 8 && used.includes(rank); retry++) rank = zipfRank(world.cdf, random());
      if (used.includes(rank)) continue;
      used.push(rank);
      lines.push(lineOfRank(world, rank, random));
    }
    const channelRoll = random();
    yield {
      orderId: `${workload.prefix}ORD-${String(index + 1).padStart(8, '0')}`,
      customerId: `${workload.prefix}CUST-${String(customer).padStart(6, '0')}`,
      timestamp: new Date(YEAR_START + Math.floor(random() * YEAR_MS)).toISOString(),
      currency: 'EUR',
      channel: channelRoll < 0.5 ? CHANNELS[0] : channelRoll < 0.8 ? CHANNELS[1] : CHANNELS[2],
      lines,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The cases.

interface Accumulating {
  addAll(orders: Iterable<Order>): unknown;
  result(): unknown;
}

interface Case {
  name: string;
  options: string;
  create(dedupe: boolean): Accumulating;
}

const CASES: Case[] = [
  { name: 'CrossSellRate', options: '{}', create: (dedupe) => new CrossSellRate({ dedupe }) },
  { name: 'TransactionCrossSellRate', options: '{}', create: (dedupe) => new TransactionCrossSellRate({ dedupe }) },
  {
    name: 'AttachRate',
    options: `{ anchor: { categories: ${JSON.stringify(ANCHOR_CATEGORIES)} } }`,
    create: (dedupe) => new AttachRate({ anchor: { categories: ANCHOR_CATEGORIES }, dedupe }),
  },
  {
    name: 'AttachRate/order',
    options: `{ anchor: { categories: ${JSON.stringify(ANCHOR_CATEGORIES)} }, per: 'order' }`,
    create: (dedupe) => new AttachRate({ anchor: { categories: ANCHOR_CATEGORIES }, per: 'order', dedupe }),
  },
  { name: 'UpsellRate', options: '{}', create: (dedupe) => new UpsellRate({ dedupe }) },
  { name: 'RepeatPurchaseRate', options: '{}', create: (dedupe) => new RepeatPurchaseRate({ dedupe }) },
  { name: 'RetentionRate', options: "{ grain: 'month' }", create: (dedupe) => new RetentionRate({ grain: 'month', dedupe }) },
  { name: 'ChurnRate', options: "{ grain: 'month' }", create: (dedupe) => new ChurnRate({ grain: 'month', dedupe }) },
  { name: 'AverageOrderValue', options: '{}', create: (dedupe) => new AverageOrderValue({ dedupe }) },
  { name: 'RevenuePerConversion', options: "{ source: 'cross-sell' }", create: (dedupe) => new RevenuePerConversion({ source: 'cross-sell', dedupe }) },
  { name: 'RevenueShare', options: "{ source: 'cross-sell' }", create: (dedupe) => new RevenueShare({ source: 'cross-sell', dedupe }) },
  { name: 'ItemsPerOrder', options: '{}', create: (dedupe) => new ItemsPerOrder({ dedupe }) },
  { name: 'CustomerLifetimeValue', options: '{}', create: (dedupe) => new CustomerLifetimeValue({ dedupe }) },
  { name: 'CrossSellCohorts', options: '{}', create: (dedupe) => new CrossSellCohorts({ dedupe }) },
  { name: 'Scorecard', options: "{ grain: 'month', groupBy: ['channel'] }", create: (dedupe) => new Scorecard({ grain: 'month', groupBy: ['channel'], dedupe }) },
];

/** Streams the orders through the generator only: the measurement floor and the generator's speed. */
const BASELINE = 'baseline';
/** Streams the orders through the generator and keeps a throwaway state holding a 10 MiB Float64Array: the check of the readings. */
const PROBE = 'probe';

// ---------------------------------------------------------------------------------------------
// Child: one measurement.

interface Measurement {
  name: string;
  dedupe: boolean;
  customers: number;
  orders: number;
  before: MemoryReading;
  after: MemoryReading;
  /** heap, arrayBuffers, their sum (total), and other external memory, retained. */
  retained: Retained;
  milliseconds: number;
}

function fullGc(): void {
  collect(6);
}

function drain(orders: Iterable<Order>): number {
  let lines = 0;
  for (const order of orders) lines += order.lines.length;
  return lines;
}

function measure(name: string, dedupe: boolean, customers: number, ordersPerCustomer: number, seed: number): Measurement {
  const found = CASES.find((candidate) => candidate.name === name);
  if (found === undefined && name !== BASELINE && name !== PROBE) throw new Error(`unknown case ${name}`);
  const orders = customers * ordersPerCustomer;
  const world = catalogue(seed);
  // Warm-up on a separate, small stream with other ids: compiles the hot paths and fills any
  // module-level caches (time zone formatters, ...) before the first reading.
  const warmUp: Workload = { customers: 500, orders: 2_000, seed: seed + 1, prefix: 'W' };
  if (found === undefined) drain(generateOrders(world, warmUp));
  else found.create(dedupe).addAll(generateOrders(world, warmUp));

  fullGc();
  const before = readMemory();
  const started = performance.now();
  const input = generateOrders(world, { customers, orders, seed, prefix: '' });
  let kept: Accumulating | number | ReturnType<typeof buildProbe>;
  if (found !== undefined) {
    kept = found.create(dedupe);
    kept.addAll(input);
    kept.result();
  } else if (name === PROBE) {
    drain(input);
    kept = buildProbe();
  } else kept = drain(input);
  const milliseconds = performance.now() - started;
  keepAlive(kept);
  fullGc();
  const after = readMemory();
  keepAlive(undefined);
  // Used after the reading too, so the accumulator is certainly alive when it is taken.
  if (typeof kept === 'object' && 'result' in kept) kept.result();
  return { name, dedupe, customers, orders, before, after, retained: difference(before, after), milliseconds };
}

// ---------------------------------------------------------------------------------------------
// Parent: one child per case, then the tables.

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1]! : fallback;
}

function positiveInteger(name: string, fallback: number): number {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} expects a positive integer`);
  return value;
}

function runChild(name: string, dedupe: boolean, customers: number, ordersPerCustomer: number, seed: number): Measurement {
  const args = [
    ...process.execArgv,
    fileURLToPath(import.meta.url),
    '--child',
    name,
    '--dedupe',
    String(dedupe),
    '--customers',
    String(customers),
    '--orders-per-customer',
    String(ordersPerCustomer),
    '--seed',
    String(seed),
  ];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`case ${name} (dedupe: ${dedupe}) failed:\n${child.stderr}${child.stdout}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Measurement;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function mib(bytes: number): string {
  return oneDecimal.format(bytes / 1024 / 1024);
}

function main(): void {
  const customers = positiveInteger('customers', 50_000);
  const ordersPerCustomer = positiveInteger('orders-per-customer', 4);
  const repeat = positiveInteger('repeat', 1);
  const seed = positiveInteger('seed', 20260101);
  const only = flag('only', '');
  const names = only === '' ? CASES.map((entry) => entry.name) : only.split(',');
  const orders = customers * ordersPerCustomer;
  const startedAt = new Date();
  const loadBefore = loadavg();

  console.log(`# xsell-kpi retained accumulator memory`);
  console.log();
  console.log(`- node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${mib(totalmem())} MiB RAM`);
  console.log(`- ${integer.format(customers)} customers, ${integer.format(orders)} orders, seed ${seed}, median of ${repeat} run(s) per case, each in a fresh child process`);
  console.log(`- started ${startedAt.toISOString()}, load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')}`);
  console.log();

  const widest = { bytes: 0, label: '' };
  let otherExternal = 0;
  const run = (name: string, dedupe: boolean): Measurement => {
    const runs: Measurement[] = [];
    for (let round = 0; round < repeat; round++) runs.push(runChild(name, dedupe, customers, ordersPerCustomer, seed));
    const sizes = runs.map((entry) => entry.retained.total);
    // The run with the median heap + ArrayBuffers (the lower middle one for an even number of runs).
    const middle = [...runs].sort((a, b) => a.retained.total - b.retained.total)[(runs.length - 1) >> 1]!;
    const milliseconds = median(runs.map((entry) => entry.milliseconds));
    const spread = Math.max(...sizes) - Math.min(...sizes);
    if (spread >= widest.bytes) Object.assign(widest, { bytes: spread, label: `${name}, dedupe: ${dedupe}` });
    for (const entry of runs) otherExternal = Math.max(otherExternal, Math.abs(entry.retained.otherExternal));
    const shown = runs.map((entry) => `${integer.format(entry.retained.heap)} + ${integer.format(entry.retained.arrayBuffers)}`).join(' / ');
    process.stderr.write(`${name} dedupe=${dedupe}: ${shown} B retained (heap + ArrayBuffers), ${integer.format(milliseconds)} ms\n`);
    return { ...middle, milliseconds };
  };

  const probe = run(PROBE, false);
  const probeCheck = checkProbe(probe.retained);
  const baseline = run(BASELINE, false);
  const rows = names.map((name) => {
    const entry = CASES.find((candidate) => candidate.name === name);
    if (entry === undefined) throw new Error(`unknown case ${name}; known: ${CASES.map((candidate) => candidate.name).join(', ')}`);
    return { entry, on: run(name, true), off: run(name, false) };
  });

  console.log('## Retained memory: V8 heap and ArrayBuffers (bytes after result(), forced full GCs apart)');
  console.log();
  console.log('B/customer and B/order are heap + ArrayBuffers, divided by customers and by orders.');
  console.log();
  console.log(
    '| accumulator | options | dedupe: true heap MiB | ArrayBuffers MiB | heap + ArrayBuffers MiB | B/customer | B/order | ' +
      'dedupe: false heap MiB | ArrayBuffers MiB | heap + ArrayBuffers MiB | B/customer | B/order | dedupe cost B/order |',
  );
  console.log('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  const side = (measured: Measurement): string[] => [
    mib(measured.retained.heap),
    mib(measured.retained.arrayBuffers),
    mib(measured.retained.total),
    integer.format(measured.retained.total / customers),
    integer.format(measured.retained.total / orders),
  ];
  for (const { entry, on, off } of rows) {
    const cells = [entry.name, `\`${entry.options}\``, ...side(on), ...side(off), integer.format((on.retained.total - off.retained.total) / orders)];
    console.log(`| ${cells.join(' | ')} |`);
  }
  console.log();
  console.log(
    `Measurement floor (the same stream through the generator, no accumulator): ${integer.format(baseline.retained.heap)} B of heap and ` +
      `${integer.format(baseline.retained.arrayBuffers)} B of ArrayBuffers retained.`,
  );
  console.log(`The reading is checked first: ${probeCheck.replace(/^check: /, '')} (${integer.format(PROBE_BYTES)} B expected, beside the same stream).`);
  console.log(`External memory other than ArrayBuffers retained by any case: at most ${integer.format(otherExternal)} B.`);
  if (repeat > 1) console.log(`Largest difference between the ${repeat} runs of one case: ${integer.format(widest.bytes)} B (${widest.label}).`);
  console.log();
  console.log('## Throughput — for information only, NOT a benchmark');
  console.log();
  console.log('Orders per second of addAll + result, including generating the orders; one unwarmed run on a possibly busy machine.');
  console.log();
  console.log('| accumulator | dedupe: true orders/s | dedupe: false orders/s |');
  console.log('|---|--:|--:|');
  console.log(`| (generator only) | | ${integer.format(orders / (baseline.milliseconds / 1000))} |`);
  for (const { entry, on, off } of rows) {
    console.log(`| ${entry.name} | ${integer.format(orders / (on.milliseconds / 1000))} | ${integer.format(orders / (off.milliseconds / 1000))} |`);
  }
  const headline = (name: string) => rows.find((row) => row.entry.name === name);
  const scorecard = headline('Scorecard');
  const crossSellRate = headline('CrossSellRate');
  if (scorecard !== undefined || crossSellRate !== undefined) {
    const split = (measured: Measurement, per: number): string =>
      `${oneDecimal.format(measured.retained.total / per)} (heap ${oneDecimal.format(measured.retained.heap / per)} + ArrayBuffers ${oneDecimal.format(measured.retained.arrayBuffers / per)})`;
    console.log();
    console.log('## Headline figures (heap + ArrayBuffers)');
    console.log();
    console.log('| accumulator | figure | dedupe: true | dedupe: false |');
    console.log('|---|---|--:|--:|');
    if (scorecard !== undefined) console.log(`| Scorecard \`${scorecard.entry.options}\` | B/order | ${split(scorecard.on, orders)} | ${split(scorecard.off, orders)} |`);
    if (crossSellRate !== undefined) {
      console.log(`| CrossSellRate | B/customer | ${split(crossSellRate.on, customers)} | ${split(crossSellRate.off, customers)} |`);
      console.log(`| CrossSellRate | B/order | ${split(crossSellRate.on, orders)} | ${split(crossSellRate.off, orders)} |`);
    }
  }
  console.log();
  console.log(`Finished ${new Date().toISOString()}, load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}.`);
}

if (process.argv.includes('--child')) {
  const result = measure(
    flag('child', ''),
    flag('dedupe', 'true') === 'true',
    positiveInteger('customers', 50_000),
    positiveInteger('orders-per-customer', 4),
    positiveInteger('seed', 20260101),
  );
  console.log(JSON.stringify(result));
} else {
  main();
}
