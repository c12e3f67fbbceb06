// Throughput bench: `npm run bench` (= node --expose-gc --max-old-space-size=16384 --import tsx bench/run.ts;
// the heap limit is for 5M lines, where the orders, the Scorecard and arquero's tables can pass V8's default of about 4 GB).
// See docs/performance.md for what each number means and the figures it gave.
//
// Flags: --lines 100000,1000000 (the default; 5000000 works too, given the heap limit the npm script
// sets), --rounds 5 (the default; median of the rounds after one warm-up round), --smoke (10,000
// lines, 1 round, the tiny versions of the cases below: finishes in seconds), --no-duckdb,
// --no-arquero, --no-main (skip the table of every contender at --lines);
// the many-groups case (bench/groups.ts): --groups-lines 300000, --groups-stores 1000,
// --groups-days 731 (its rounds are --rounds), --no-groups;
// the CLI case (bench/cli.ts): --cli-rounds 3, --no-cli;
// the HTML case (bench/html.ts, what --format html adds): --html-rounds 3, --no-html;
// the lifetime-value case (bench/clv.ts, the CDNOW files of ../shared/data): --clv-rounds 5, --no-clv;
// the engines case (bench/engines.ts, report --engine duckdb against the default engine):
// --engine-lines 2000000, --engine-rounds 3, --no-engines.
// Everything runs in this one process. Per size, the orders are generated once into an array
// (bench/generate.ts) and every contender reads those same objects; the contenders run in
// alternating rounds (round r starts at contender r, so none always runs first or last).
// Bytes retained are the growth of heapUsed and of ArrayBuffers (typed arrays' elements live outside
// the V8 heap) between two forced GCs around building one contender's state (kept alive) on the same
// orders (bench/retained.ts); the orders themselves are not counted. A throwaway state holding a
// 10 MiB Float64Array checks first that the readings count it.
// CrossSellRate, TransactionCrossSellRate and AverageOrderValue are also set against a hand-written
// loop doing exactly their work (with dedupe; bench/reference.ts) and against arquero's load plus the
// query for the same figures; the Scorecard against arquero's load plus its grouped query.
// Nothing here asserts a timing.
import type { ColumnTable } from 'arquero';
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
} from '../src/index.js';
import type { BenchOrder as Order } from './generate.js';
import {
  loadArquero,
  queryArqueroAverageOrderValue,
  queryArqueroCrossSellRate,
  queryArqueroGrouped,
  queryArqueroTransactionCrossSellRate,
  type ArqueroAverageOrderValue,
  type ArqueroCrossSellRate,
  type ArqueroGroupedRow,
  type ArqueroTransactionCrossSellRate,
} from './arquero.js';
import { benchCli } from './cli.js';
import { benchClv } from './clv.js';
import { benchEngines } from './engines.js';
import { loadDuckDb, openDuckDb, queryDuckDb, queryDuckDbGrouped } from './duckdb.js';
import { ANCHOR_CATEGORIES, materializeOrders, type Workload } from './generate.js';
import { benchManyGroups } from './groups.js';
import { benchHtml } from './html.js';
import {
  checkReferences,
  dedupeAverageOrderValue,
  dedupeCrossSellRate,
  dedupeTransactionCrossSellRate,
  naiveDecimalRevenue,
  referenceGroupedLoop,
  referenceLoop,
} from './reference.js';
import { buildProbe, checkProbe, retainedBy, type Retained } from './retained.js';

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
const withArquero = !process.argv.includes('--no-arquero');
const withMain = !process.argv.includes('--no-main');
const withGroups = !process.argv.includes('--no-groups');
const withCli = !process.argv.includes('--no-cli');
const withHtml = !process.argv.includes('--no-html');
const withClv = !process.argv.includes('--no-clv');
const count = (name: string, fallback: number): number => Number((argument(name) ?? String(fallback)).replace(/_/g, ''));
const groups = smoke
  ? { lines: 10_000, stores: 100, days: 731, rounds: 1 }
  : { lines: count('--groups-lines', 300_000), stores: count('--groups-stores', 1_000), days: count('--groups-days', 731), rounds };
const cliRounds = smoke ? 1 : count('--cli-rounds', 3);
const htmlRounds = smoke ? 1 : count('--html-rounds', 3);
const clvRounds = smoke ? 1 : count('--clv-rounds', 5);
const withEngines = !process.argv.includes('--no-engines');
const engineRounds = smoke ? 1 : count('--engine-rounds', 3);
const engineLines = count('--engine-lines', 2_000_000);
const positive = (value: number): boolean => Number.isInteger(value) && value > 0;
if (!sizes.every(positive) || !positive(rounds) || ![groups.lines, groups.stores, groups.days, cliRounds, htmlRounds, clvRounds, engineRounds, engineLines].every(positive)) {
  console.error(
    'usage: bench/run.ts [--lines 100000,1000000] [--rounds 5] [--smoke] [--no-duckdb] [--no-arquero] [--no-main]\n' +
      '         [--groups-lines 300000] [--groups-stores 1000] [--groups-days 731] [--no-groups] [--cli-rounds 3] [--no-cli]\n' +
      '         [--html-rounds 3] [--no-html] [--clv-rounds 5] [--no-clv] [--engine-lines 2000000] [--engine-rounds 3] [--no-engines]',
  );
  process.exit(1);
}

interface Accumulating {
  addAll(orders: Iterable<Order>): unknown;
  result(): unknown;
}

/** The contenders a row's further ratios are taken against, besides the hand-written loop. */
interface Ratios {
  /** A closer baseline ("÷ its own baseline"). */
  versus?: string;
  /** A hand-written loop doing exactly its work, dedupe included ("÷ its exact-work reference"). */
  exact?: string;
  /** The arquero query for the same figures, taken with arquero's load ("÷ arquero (load + its query)"). */
  arquero?: string;
}

interface Contender extends Ratios {
  name: string;
  /** Builds the contender's whole state from the orders and returns it (kept alive for the heap reading). */
  run(orders: readonly Order[]): unknown;
}

const LOOP = 'hand-written loop (CSR + TCSR + AOV)';
const GROUPED = 'hand-written loop per month × channel';
const DECIMAL = 'naive decimal.js (revenue for AOV)';
const DEDUPE_CSR = 'hand-written CSR with dedupe';
const DEDUPE_TCSR = 'hand-written TCSR with dedupe';
const DEDUPE_AOV = 'hand-written AOV with dedupe';

const ARQUERO_LOAD = 'arquero load';
const ARQUERO_CSR = 'arquero CSR';
const ARQUERO_TCSR = 'arquero TCSR';
const ARQUERO_AOV = 'arquero AOV';
const ARQUERO_GROUPED = 'arquero per month × channel';
const ARQUERO_QUERIES = [ARQUERO_CSR, ARQUERO_TCSR, ARQUERO_AOV, ARQUERO_GROUPED];
/** The timing key of arquero's load plus one of its queries, summed within each round. */
const withLoad = (query: string): string => `${ARQUERO_LOAD} + ${query.slice('arquero '.length)}`;

function accumulator(name: string, create: () => Accumulating, ratios: Ratios = {}): Contender {
  return {
    name,
    ...ratios,
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
  { name: DEDUPE_CSR, run: (orders) => dedupeCrossSellRate(orders) },
  { name: DEDUPE_TCSR, run: (orders) => dedupeTransactionCrossSellRate(orders) },
  { name: DEDUPE_AOV, run: (orders) => dedupeAverageOrderValue(orders) },
  accumulator('CrossSellRate', () => new CrossSellRate(), { exact: DEDUPE_CSR, arquero: ARQUERO_CSR }),
  accumulator('TransactionCrossSellRate', () => new TransactionCrossSellRate(), { exact: DEDUPE_TCSR, arquero: ARQUERO_TCSR }),
  accumulator('AverageOrderValue', () => new AverageOrderValue(), { versus: DECIMAL, exact: DEDUPE_AOV, arquero: ARQUERO_AOV }),
  accumulator('AttachRate', () => new AttachRate({ anchor: { categories: ANCHOR_CATEGORIES } })),
  accumulator('UpsellRate', () => new UpsellRate()),
  accumulator('RepeatPurchaseRate', () => new RepeatPurchaseRate()),
  accumulator('RetentionRate', () => new RetentionRate({ grain: 'month' })),
  accumulator('ChurnRate', () => new ChurnRate({ grain: 'month' })),
  accumulator('RevenuePerConversion', () => new RevenuePerConversion({ source: 'cross-sell' }), { versus: DECIMAL }),
  accumulator('RevenueShare', () => new RevenueShare({ source: 'cross-sell' }), { versus: DECIMAL }),
  accumulator('ItemsPerOrder', () => new ItemsPerOrder()),
  accumulator('CustomerLifetimeValue', () => new CustomerLifetimeValue(), { versus: DECIMAL }),
  accumulator('CrossSellCohorts', () => new CrossSellCohorts()),
  accumulator('Scorecard (month × channel)', () => new Scorecard({ grain: 'month', groupBy: ['channel'] }), {
    versus: GROUPED,
    arquero: ARQUERO_GROUPED,
  }),
];

const DUCK_LOAD = 'DuckDB load (appender + cast)';
const DUCK_QUERY = 'DuckDB query (CSR + TCSR + AOV)';
const DUCK_GROUPED = 'DuckDB query per month × channel';

interface ArqueroResults {
  csr: ArqueroCrossSellRate;
  tcsr: ArqueroTransactionCrossSellRate;
  aov: ArqueroAverageOrderValue;
  grouped: ArqueroGroupedRow[];
}

/** Throws unless arquero's figures equal the reference loops' (revenue exactly, in minor units), row by row. */
function checkArquero(orders: readonly Order[], results: ArqueroResults): void {
  const failures: string[] = [];
  const expect = (label: string, actual: unknown, expected: unknown): void => {
    if (actual !== expected) failures.push(`${label}: arquero ${String(actual)} vs reference ${String(expected)}`);
  };
  const reference = referenceLoop(orders).figures;
  expect('customers', results.csr.customers, reference.customers);
  expect('crossSoldCustomers', results.csr.crossSoldCustomers, reference.crossSoldCustomers);
  expect('TCSR orders', results.tcsr.orders, reference.orders);
  expect('crossSellOrders', results.tcsr.crossSellOrders, reference.crossSellOrders);
  expect('AOV orders', results.aov.orders, reference.orders);
  expect('revenue', results.aov.revenue, reference.revenue);
  const grouped = referenceGroupedLoop(orders);
  for (const row of results.grouped) {
    const key = `${row.month}|${row.channel ?? ''}`;
    const cell = grouped.get(key)?.figures;
    if (cell === undefined) {
      failures.push(`row ${key} missing from the grouped reference`);
      continue;
    }
    expect(`${key} customers`, row.customers, cell.customers);
    expect(`${key} crossSoldCustomers`, row.cross_sold, cell.crossSoldCustomers);
    expect(`${key} orders`, row.orders, cell.orders);
    expect(`${key} crossSellOrders`, row.cross_sell_orders, cell.crossSellOrders);
    expect(`${key} revenue`, row.revenue, cell.revenue);
  }
  expect('grouped rows', results.grouped.length, grouped.size);
  if (failures.length > 0) throw new Error(`arquero disagrees with the reference loops:\n  ${failures.slice(0, 20).join('\n  ')}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
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
  const names = [
    ...CONTENDERS.map((contender) => contender.name),
    ...(connection === undefined ? [] : ['duckdb']),
    ...(withArquero ? ['arquero'] : []),
  ];
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
      if (name === 'arquero') {
        // Load and each query timed apart, each after a forced GC like every other contender.
        gc!();
        const start = performance.now();
        const table = loadArquero(orders);
        const load = performance.now() - start;
        const timed = <T>(query: (loaded: ColumnTable) => T): { result: T; ms: number } => {
          gc!();
          const begin = performance.now();
          const result = query(table);
          return { result, ms: performance.now() - begin };
        };
        const csr = timed(queryArqueroCrossSellRate);
        const tcsr = timed(queryArqueroTransactionCrossSellRate);
        const aov = timed(queryArqueroAverageOrderValue);
        const grouped = timed(queryArqueroGrouped);
        if (warmUp) {
          checkArquero(orders, { csr: csr.result, tcsr: tcsr.result, aov: aov.result, grouped: grouped.result });
          console.error(`[${format(lines)} lines] check: arquero = reference loops (${grouped.result.length} grouped rows)`);
        } else {
          record(ARQUERO_LOAD, load);
          const queries = [
            [ARQUERO_CSR, csr.ms],
            [ARQUERO_TCSR, tcsr.ms],
            [ARQUERO_AOV, aov.ms],
            [ARQUERO_GROUPED, grouped.ms],
          ] as const;
          for (const [query, ms] of queries) {
            record(query, ms);
            record(withLoad(query), load + ms);
          }
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

  const heap = new Map<string, Retained>();
  for (const contender of CONTENDERS) heap.set(contender.name, retainedBy(() => contender.run(orders)));
  // arquero's table with the four (small) query results, on its load row; its query rows keep nothing else.
  if (withArquero) {
    heap.set(
      ARQUERO_LOAD,
      retainedBy(() => {
        const table = loadArquero(orders);
        return [table, queryArqueroCrossSellRate(table), queryArqueroTransactionCrossSellRate(table), queryArqueroAverageOrderValue(table), queryArqueroGrouped(table)];
      }),
    );
  }

  const loopRate = lines / (median(times.get(LOOP)!) / 1000);
  const rate = (name: string): number => lines / (median(times.get(name)!) / 1000);
  console.log(
    `\n### ${format(lines)} lines (${format(orders.length)} orders, ${format(customers)} customers; median of ${rounds} round${rounds === 1 ? '' : 's'} after a warm-up)\n`,
  );
  console.log(
    '| contender | median ms | lines/s | ÷ hand-written loop | ÷ its own baseline | ÷ its exact-work reference | ÷ arquero (load + its query) | ' +
      'heap B/order | ArrayBuffer B/order | heap + ArrayBuffers B/customer | heap + ArrayBuffers B/order |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const rows = [
    ...CONTENDERS.map((contender) => contender.name),
    ...(connection === undefined ? [] : [DUCK_LOAD, DUCK_QUERY, DUCK_GROUPED]),
    ...(withArquero ? [ARQUERO_LOAD, ...ARQUERO_QUERIES] : []),
  ];
  const ratio = (name: string, versus: string | undefined): string =>
    versus === undefined ? '' : `${format(rate(name) / rate(versus), 3)} (÷ ${versus})`;
  for (const name of rows) {
    const contender = CONTENDERS.find((candidate) => candidate.name === name);
    const versus = contender?.versus ?? (name === DUCK_GROUPED || name === ARQUERO_GROUPED ? GROUPED : undefined);
    const arquero = withArquero && contender?.arquero !== undefined ? withLoad(contender.arquero) : undefined;
    const retained = heap.get(name);
    const bytes = (value: number | undefined, per: number): string => (value === undefined ? 'n/a' : format(value / per, 1));
    console.log(
      `| ${name} | ${format(median(times.get(name)!), 1)} | ${format(rate(name))} | ${format(rate(name) / loopRate, 3)} | ` +
        `${ratio(name, versus)} | ${ratio(name, contender?.exact)} | ${ratio(name, arquero)} | ` +
        `${bytes(retained?.heap, orders.length)} | ${bytes(retained?.arrayBuffers, orders.length)} | ${bytes(retained?.total, customers)} | ${bytes(retained?.total, orders.length)} |`,
    );
  }
}

const cpuModel = cpus()[0]?.model ?? 'unknown';
console.log(
  `node ${process.version}, ${cpus().length} CPUs (${cpuModel}), load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} at start`,
);
console.log(checkProbe(retainedBy(buildProbe)));
if (withMain) {
  // Not kept in a variable: every forced GC below would walk these orders too.
  console.log(checkReferences(materializeOrders(20_000).orders));
  for (const lines of sizes) await benchSize(lines);
}
if (withGroups) benchManyGroups(groups);
if (withCli) benchCli({ smoke, rounds: cliRounds });
if (withHtml) await benchHtml({ smoke, rounds: htmlRounds });
if (withClv) benchClv({ smoke, rounds: clvRounds });
if (withEngines) await benchEngines({ smoke, rounds: engineRounds, lines: engineLines });
console.log(`\nload average ${loadavg().map((value) => value.toFixed(2)).join(' ')} at end`);
