// Where an accumulator's time goes: `npm run bench:breakdown` (node --expose-gc --import tsx
// bench/breakdown.ts [--lines 1000000] [--rounds 5]). See docs/performance.md, "Where the time goes".
//
// Times, on the bench workload (bench/generate.ts), the steps `CrossSellRate.add` takes with its
// defaults, cumulatively (each row does the rows above it too, so nothing but the orders is held
// between rows), next to the hand-written reference loop, in one process and alternating rounds
// (median after a warm-up):
//   1. validating and normalizing each order (normalizeOrder);
//   2. + the order fingerprint of de-duplication (orderFingerprint);
//   3. + the registry of order ids: one Map lookup and one insert per new order;
//   4. + the KPI itself: one lookup (and an insert when it changes) in the customer Map;
// then the whole accumulator with `dedupe: false` and `dedupe: true`. The difference between two
// rows is what that step costs.
// Nothing here asserts a timing.
import { performance } from 'node:perf_hooks';
import { orderFingerprint } from '../src/_internal/fingerprint.js';
import { normalizeOrder } from '../src/_internal/normalize.js';
import { CrossSellRate } from '../src/index.js';
import { materializeOrders } from './generate.js';
import { referenceLoop } from './reference.js';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]!.replace(/_/g, ''));
}
const lines = argument('--lines', 1_000_000);
const rounds = argument('--rounds', 5);
const gc = (globalThis as { gc?: () => void }).gc;

const { orders } = materializeOrders(lines);
let sink = 0;

/** Steps 1 to `upTo` over every order; step 4 is a first-SKU cross-sell check like the reference loop's. */
function steps(upTo: number): void {
  const rows = new Map<string, number>();
  const customers = new Map<string, string | true>();
  for (const order of orders) {
    const normalized = normalizeOrder(order, '');
    if (upTo >= 2) sink += orderFingerprint(normalized);
    if (upTo >= 3 && rows.get(normalized.orderId) === undefined) rows.set(normalized.orderId, rows.size);
    if (upTo >= 4) {
      const before = customers.get(normalized.customerId);
      if (before === true) continue;
      const first = normalized.lines[0]!.sku;
      const after = before === undefined ? first : normalized.lines.some((line) => line.sku !== before) ? true : before;
      if (after !== before) customers.set(normalized.customerId, after);
    }
  }
  sink += rows.size + customers.size;
}

const contenders: [string, () => void][] = [
  ['hand-written loop (CSR + TCSR + AOV)', () => void referenceLoop(orders)],
  ['1. validate and normalize', () => steps(1)],
  ['2. + fingerprint', () => steps(2)],
  ['3. + order-id registry (get + set)', () => steps(3)],
  ['4. + customer Map (get, set on change)', () => steps(4)],
  ['CrossSellRate { dedupe: false }', () => void new CrossSellRate({ dedupe: false }).addAll(orders)],
  ['CrossSellRate (dedupe: true)', () => void new CrossSellRate().addAll(orders)],
];

const times = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
for (let round = 0; round <= rounds; round++) {
  for (let step = 0; step < contenders.length; step++) {
    const [name, run] = contenders[(round + step) % contenders.length]!;
    gc?.();
    const start = performance.now();
    run();
    if (round > 0) times.get(name)!.push(performance.now() - start);
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const reference = median(times.get(contenders[0]![0])!);
console.log(`### Where the time goes: ${lines.toLocaleString('en-US')} lines, ${orders.length.toLocaleString('en-US')} orders, median of ${rounds} rounds\n`);
console.log('| steps (cumulative) | median ms | ns per order | ÷ hand-written loop time |');
console.log('|---|---:|---:|---:|');
for (const [name] of contenders) {
  const ms = median(times.get(name)!);
  console.log(`| ${name} | ${ms.toFixed(1)} | ${((ms * 1e6) / orders.length).toFixed(0)} | ${(ms / reference).toFixed(2)} |`);
}
if (sink === 0) console.error('unreachable');
