// What to cross-sell: which products are bought together, with support, confidence and lift.
// A seeded, made-up electronics shop (the same baskets every run): the top complements of a
// laptop, the strongest pairs by lift, the same figures by category, and the bounded-memory mode
// with its error bound. Run with `npx tsx examples/bought-together.ts`.
import { mulberry32 } from './support/random.js';
import { CoPurchase, formatPercent, type Order } from 'xsell-kpi';

// Each product: how popular it is on its own, and which products its buyers tend to add.
const CATALOG: Record<string, { category: string; price: string; popularity: number; goesWith: Record<string, number> }> = {
  'laptop-13': { category: 'laptops', price: '999.00', popularity: 0.18, goesWith: { sleeve: 0.45, mouse: 0.3, 'care-plan': 0.2, 'usb-c-hub': 0.25 } },
  'laptop-15': { category: 'laptops', price: '1299.00', popularity: 0.12, goesWith: { 'sleeve-15': 0.5, mouse: 0.35, 'care-plan': 0.3, 'usb-c-hub': 0.3 } },
  phone: { category: 'phones', price: '699.00', popularity: 0.2, goesWith: { 'phone-case': 0.6, 'screen-guard': 0.45, charger: 0.25 } },
  headphones: { category: 'audio', price: '199.00', popularity: 0.15, goesWith: { 'phone-case': 0.05 } },
  sleeve: { category: 'cases', price: '29.90', popularity: 0.04, goesWith: {} },
  'sleeve-15': { category: 'cases', price: '34.90', popularity: 0.02, goesWith: {} },
  'phone-case': { category: 'cases', price: '19.90', popularity: 0.06, goesWith: { 'screen-guard': 0.3 } },
  'screen-guard': { category: 'accessories', price: '9.90', popularity: 0.04, goesWith: {} },
  mouse: { category: 'accessories', price: '24.99', popularity: 0.1, goesWith: {} },
  'usb-c-hub': { category: 'accessories', price: '49.50', popularity: 0.06, goesWith: { charger: 0.2 } },
  charger: { category: 'accessories', price: '29.00', popularity: 0.08, goesWith: {} },
  'care-plan': { category: 'services', price: '149.00', popularity: 0.01, goesWith: {} },
};

/** `count` orders: each starts from one or two products by popularity, then adds what goes with them. */
function sampleBaskets(count: number, seed: number): Order[] {
  const next = mulberry32(seed);
  const skus = Object.keys(CATALOG);
  const total = skus.reduce((sum, sku) => sum + CATALOG[sku]!.popularity, 0);
  const pickByPopularity = (): string => {
    let roll = next() * total;
    for (const sku of skus) if ((roll -= CATALOG[sku]!.popularity) < 0) return sku;
    return skus[skus.length - 1]!;
  };
  const orders: Order[] = [];
  for (let index = 0; index < count; index++) {
    const basket = new Set([pickByPopularity()]);
    if (next() < 0.25) basket.add(pickByPopularity());
    for (const sku of [...basket]) {
      for (const [other, chance] of Object.entries(CATALOG[sku]!.goesWith)) if (next() < chance) basket.add(other);
    }
    orders.push({
      orderId: `o${index + 1}`,
      customerId: `c${Math.floor(next() * 900)}`,
      timestamp: new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString(),
      lines: [...basket].map((sku) => ({ sku, category: CATALOG[sku]!.category, unitPrice: CATALOG[sku]!.price })),
    });
  }
  return orders;
}

const orders = sampleBaskets(3000, 42);
const pad = (text: string, width: number): string => text.padEnd(width);
const number = (value: number): string => value.toFixed(2);

const together = new CoPurchase();
together.addAll(orders);
together.addAll(orders.slice(0, 100)); // re-delivered orders (same orderId, same content): counted once
const { pairs } = together.result();
console.log(`${together.result().orders} orders, ${pairs.length} pairs of products bought together\n`);

console.log('What to offer with a laptop-13 (ranked by confidence: the share of laptop-13 orders that also have it)');
for (const complement of together.topComplements('laptop-13', { limit: 5 })) {
  console.log(`  ${pad(complement.sku, 14)} in ${String(complement.count).padStart(4)} orders  confidence ${pad(formatPercent(complement.confidence), 6)} lift ${number(complement.lift)}`);
}

console.log('\nThe same, ranked by lift (how much more often than by chance), at least 20 orders together');
for (const complement of together.topComplements('laptop-13', { rankBy: 'lift', minCount: 20, limit: 5 })) {
  console.log(`  ${pad(complement.sku, 14)} lift ${number(complement.lift)}  confidence ${formatPercent(complement.confidence)}`);
}

console.log('\nStrongest pairs by lift (at least 30 orders together)');
const byLift = pairs.filter((pair) => pair.count >= 30).sort((p, q) => q.lift - p.lift || q.count - p.count);
for (const pair of byLift.slice(0, 6)) {
  console.log(
    `  ${pad(`${pair.a} + ${pair.b}`, 26)} ${String(pair.count).padStart(4)} orders  support ${pad(formatPercent(pair.support), 6)}` +
      ` ${pair.a} → ${pair.b} ${pad(formatPercent(pair.confidenceAB), 6)} ${pair.b} → ${pair.a} ${pad(formatPercent(pair.confidenceBA), 6)} lift ${number(pair.lift)}`,
  );
}

console.log('\nBy category: what goes with laptops');
const categories = CoPurchase.of(orders, { by: 'category' });
for (const pair of categories.pairs.filter((candidate) => candidate.a === 'laptops' || candidate.b === 'laptops')) {
  const other = pair.a === 'laptops' ? pair.b : pair.a;
  const confidence = pair.a === 'laptops' ? pair.confidenceAB : pair.confidenceBA;
  console.log(`  ${pad(other, 12)} ${formatPercent(confidence)} of laptop orders  lift ${number(pair.lift)}`);
}

// Bounded memory: at most 20 pair counters. Counts are upper bounds, at most maxError too high.
const bounded = CoPurchase.of(orders, { mode: 'bounded', capacity: 20 });
const exact = new Map(pairs.map((pair) => [`${pair.a} + ${pair.b}`, pair.count]));
console.log(`\nBounded mode, capacity 20 of ${pairs.length} pairs: maxError ${bounded.maxError}; the top 5`);
for (const pair of bounded.pairs.slice(0, 5)) {
  const truth = exact.get(`${pair.a} + ${pair.b}`) ?? 0;
  console.log(`  ${pad(`${pair.a} + ${pair.b}`, 26)} reported ${String(pair.count).padStart(4)}  exact ${String(truth).padStart(4)}`);
  if (pair.count < truth || pair.count > truth + bounded.maxError!) throw new Error('the bounded count is outside its documented bound');
}

// The figures are exact: the exact mode agrees with a merge of two workers' saved states.
const workerA = JSON.stringify(new CoPurchase().addAll(orders.slice(0, 2000)));
const workerB = JSON.stringify(new CoPurchase().addAll(orders.slice(1500)));
const merged = CoPurchase.fromJSON(JSON.parse(workerA)).merge(CoPurchase.fromJSON(JSON.parse(workerB)));
if (JSON.stringify(merged.result()) !== JSON.stringify(together.result())) throw new Error('merged workers disagree with one pass');
console.log('\nTwo workers (overlapping by 500 orders), saved as JSON, restored and merged: identical figures.');
