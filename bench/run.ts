// Throughput bench: `npm run bench` (= node --expose-gc --import tsx bench/run.ts).
// See docs/performance.md for what each number means and the figures it gave.
//
// Flags: --lines 100000,1000000 (the default), --rounds 5 (the default; median of the rounds after
// one warm-up round), --smoke (10,000 lines, 1 round: finishes in seconds), --no-duckdb.
// Everything runs in this one process. Per size, the orders are generated once into an array
// (bench/generate.ts) and every contender reads those same objects; the contenders run in
// alternating rounds (round r starts at contender r, so none always runs first or last).
// Heap bytes retained are the growth of heapUsed between two forced GCs around building one
// contender's state (kept alive) on the same orders; the orders themselves are not counted.
// Nothing here asserts a timing.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
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
} from '../src/index.js';
import { loadDuckDb, openDuckDb, queryDuckDb, queryDuckDbGrouped } from './duckdb.js';
import { ANCHOR_CATEGORIES, materializeOrders, type Workload } from './generate.js';
import { checkReferences, naiveDecimalRevenue, referenceGroupedLoop, referenceLoop } from './reference.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error('run with --expose-gc: npm run bench (node --expose-gc --import tsx bench/run.ts)');
  process.exit(1);
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}
const smoke = process.argv.includes('--smoke');
const sizes = smoke ? [10_000] : (argument('--lines') ?? '100000,1000000').split(',').map((text) => Number(text.replace(/_/g, '')));
const rounds = smoke ? 1 : Number(argument('--rounds') ?? 5);
const withDuckDb = !process.argv.includes('--no-duckdb');
if (sizes.some((size) => !Number.isInteger(size) || size <= 0) || !Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: bench/run.ts [--lines 100000,1000000] [--rounds 5] [--smoke] [--no-duckdb]');
  process.exit(1);
}

interface Accumulating {
  addAll(orders: Iterable<Order>): unknown;
  result(): unknown;
}

interface Contender {
  name: string;
  /** The contender its second ratio is taken against, when it has one besides the hand-written loop. */
  versus?: string;
  /** Builds the contender's whole state from the orders and returns it (kept alive for the heap reading). */
  run(orders: readonly Order[]): unknown;
}

const LOOP = 'hand-written loop (CSR + TCSR + AOV)';
const GROUPED = 'hand-written loop per month × channel';
const DECIMAL = 'naive decimal.js (revenue for AOV)';

function accumulator(name: string, create: () => Accumulating, versus?: string): Contender {
  return {
    name,
    ...(versus === undefined ? {} : { versus }),
    run(orders) {
      const target = create();
      target.addAll(orders);
      target.result();
      return target;
    },
  };
}

const CONTENDERS: Contender[] = [
  { name: LOOP, run: (orders) => referenceLoop(orders) },
  { name: GROUPED, run: (orders) => referenceGroupedLoop(orders) },
  { name: DECIMAL, run: (orders) => naiveDecimalRevenue(orders) },
  accumulator('CrossSellRate', () => new CrossSellRate()),
  accumulator('TransactionCrossSellRate', () => new TransactionCrossSellRate()),
  accumulator('AverageOrderValue', () => new AverageOrderValue(), DECIMAL),
  accumulator('AttachRate', () => new AttachRate({ anchor: { categories: ANCHOR_CATEGORIES } })),
  accumulator('UpsellRate', () => new UpsellRate()),
  accumulator('RepeatPurchaseRate', () => new RepeatPurchaseRate()),
  accumulator('RetentionRate', () => new RetentionRate({ grain: 'month' })),
  accumulator('ChurnRate', () => new ChurnRate({ grain: 'month' })),
  accumulator('RevenuePerConversion', () => new RevenuePerConversion({ source: 'cross-sell' }), DECIMAL),
  accumulator('RevenueShare', () => new RevenueShare({ source: 'cross-sell' }), DECIMAL),
  accumulator('ItemsPerOrder', () => new ItemsPerOrder()),
  accumulator('CustomerLifetimeValue', () => new CustomerLifetimeValue(), DECIMAL),
  accumulator('CrossSellCohorts', () => new CrossSellCohorts()),
  accumulator('Scorecard (month × channel)', () => new Scorecard({ grain: 'month', groupBy: ['channel'] }), GROUPED),
];

const DUCK_LOAD = 'DuckDB load (appender + cast)';
const DUCK_QUERY = 'DuckDB query (CSR + TCSR + AOV)';
const DUCK_GROUPED = 'DuckDB query per month × channel';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function heapRetained(run: () => unknown): number {
  gc!();
  gc!();
  const before = process.memoryUsage().heapUsed;
  const state = run();
  gc!();
  gc!();
  const after = process.memoryUsage().heapUsed;
  if (state === undefined) console.error('unreachable');
  return after - before;
}

function format(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

async function benchSize(lines: number): Promise<void> {
  const startedAt = performance.now();
  const workload: Workload = materializeOrders(lines);
  const { orders, customers } = workload;
  console.error(`[${format(lines)} lines] generated ${format(orders.length)} orders, ${format(customers)} customers in ${format(performance.now() - startedAt)} ms`);

  const connection = withDuckDb ? await openDuckDb() : undefined;
  const times = new Map<string, number[]>();
  const record = (name: string, ms: number): void => {
    let list = times.get(name);
    if (list === undefined) times.set(name, (list = []));
    list.push(ms);
  };
  const names = [...CONTENDERS.map((contender) => contender.name), ...(connection === undefined ? [] : ['duckdb'])];
  for (let round = 0; round <= rounds; round++) {
    const warmUp = round === 0;
    for (let step = 0; step < names.length; step++) {
      const name = names[(round + step) % names.length]!;
      if (name === 'duckdb') {
        let start = performance.now();
        await loadDuckDb(connection!, orders);
        const load = performance.now() - start;
        start = performance.now();
        const figures = await queryDuckDb(connection!);
        const query = performance.now() - start;
        start = performance.now();
        const groupedRows = await queryDuckDbGrouped(connection!);
        const grouped = performance.now() - start;
        if (warmUp) {
          const reference = referenceLoop(orders).figures;
          const same =
            figures.customers === reference.customers &&
            figures.crossSoldCustomers === reference.crossSoldCustomers &&
            figures.orders === reference.orders &&
            figures.crossSellOrders === reference.crossSellOrders &&
            Math.abs(Number(figures.revenue) * 10_000 - reference.revenue) < 1 &&
            groupedRows.length === referenceGroupedLoop(orders).size;
          if (!same) throw new Error(`DuckDB disagrees with the reference loop: ${JSON.stringify(figures)} vs ${JSON.stringify(reference)}`);
          console.error(`[${format(lines)} lines] check: DuckDB = reference loop (${groupedRows.length} grouped rows)`);
        } else {
          record(DUCK_LOAD, load);
          record(DUCK_QUERY, query);
          record(DUCK_GROUPED, grouped);
        }
        continue;
      }
      const contender = CONTENDERS.find((candidate) => candidate.name === name)!;
      gc!();
      const start = performance.now();
      contender.run(orders);
      const elapsed = performance.now() - start;
      if (!warmUp) record(name, elapsed);
    }
    console.error(`[${format(lines)} lines] ${warmUp ? 'warm-up' : `round ${round}/${rounds}`} done`);
  }
  connection?.closeSync();

  const heap = new Map<string, number>();
  for (const contender of CONTENDERS) heap.set(contender.name, heapRetained(() => contender.run(orders)));

  const loopRate = lines / (median(times.get(LOOP)!) / 1000);
  const rate = (name: string): number => lines / (median(times.get(name)!) / 1000);
  console.log(
    `\n### ${format(lines)} lines (${format(orders.length)} orders, ${format(customers)} customers; median of ${rounds} round${rounds === 1 ? '' : 's'} after a warm-up)\n`,
  );
  console.log('| contender | median ms | lines/s | ÷ hand-written loop | ÷ its own baseline | heap B/customer | heap B/order |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const rows = [...CONTENDERS.map((contender) => contender.name), ...(connection === undefined ? [] : [DUCK_LOAD, DUCK_QUERY, DUCK_GROUPED])];
  for (const name of rows) {
    const contender = CONTENDERS.find((candidate) => candidate.name === name);
    const versus = contender?.versus ?? (name === DUCK_GROUPED ? GROUPED : undefined);
    const retained = heap.get(name);
    console.log(
      `| ${name} | ${format(median(times.get(name)!), 1)} | ${format(rate(name))} | ${format(rate(name) / loopRate, 3)} | ` +
        `${versus === undefined ? '' : `${format(rate(name) / rate(versus), 3)} (÷ ${versus})`} | ` +
        `${retained === undefined ? 'n/a' : format(retained / customers, 1)} | ${retained === undefined ? 'n/a' : format(retained / orders.length, 1)} |`,
    );
  }
}

const cpuModel = cpus()[0]?.model ?? 'unknown';
console.log(
  `node ${process.version}, ${cpus().length} CPUs (${cpuModel}), load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} at start`,
);
const check = materializeOrders(20_000);
console.log(checkReferences(check.orders));
for (const lines of sizes) await benchSize(lines);
console.log(`\nload average ${loadavg().map((value) => value.toFixed(2)).join(' ')} at end`);
