// Where an accumulator's time goes: `npm run bench:breakdown` (node --expose-gc --import tsx
// bench/breakdown.ts [--lines 1000000] [--rounds 5]). See docs/performance.md, "Where the time goes".
//
// Times, on the bench workload (bench/generate.ts), the steps `CrossSellRate.add` takes with its
// defaults, cumulatively (each row does the rows above it too, so nothing but the orders is held
// between rows), next to the hand-written reference loop, in one process and alternating rounds
// (median after a warm-up):
//   1. validating each order and reading it into the reused view (readOrder);
//   2. + the order fingerprint of de-duplication (orderFingerprint, version 2);
//   3. + the table of order ids: one IdTable lookup and one insert per new order;
//   4. + the KPI itself: the customer's row in an IdTable and its product set (addOrderProducts);
// then the whole accumulator with `dedupe: false` and `dedupe: true`. The difference between two
// rows is what that step costs.
// Nothing here asserts a timing.
import { performance } from 'node:perf_hooks';
import { hashKey } from '../src/_internal/hash.js';
import { IdTable } from '../src/_internal/idTable.js';
import { createOrderView, orderFingerprint, readOrder } from '../src/_internal/orderView.js';
import { addOrderProducts, type ProductSet } from '../src/_internal/products.js';
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

/** Steps 1 to `upTo` over every order, as CrossSellRate's engine and fold take them. */
function steps(upTo: number): void {
  const view = createOrderView();
  const ids = new IdTable();
  const customers = new IdTable();
  const products: ProductSet[] = [];
  for (const order of orders) {
    readOrder(order, view);
    if (upTo >= 2) sink += orderFingerprint(view);
    if (upTo >= 3) {
      const hash = hashKey(view.orderId);
      if (ids.find(view.orderId, hash) < 0) ids.add(view.orderId, hash);
    }
    if (upTo >= 4) {
      const customer = customers.row(view.customerId!);
      const before = products[customer];
      if (before === true) continue;
      const after = addOrderProducts(before, view, 'sku', 2);
      if (after !== before) products[customer] = after;
    }
  }
  sink += ids.size + customers.size;
}

const contenders: [string, () => void][] = [
  ['hand-written loop (CSR + TCSR + AOV)', () => void referenceLoop(orders)],
  ['1. validate and normalize', () => steps(1)],
  ['2. + fingerprint', () => steps(2)],
  ['3. + order-id table (find + add)', () => steps(3)],
  ['4. + customer row and product set', () => steps(4)],
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
