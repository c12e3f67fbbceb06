/**
 * CoPurchase on real baskets: the "Groceries" data of the R package arules (Hahsler, Hornik &
 * Reutterer 2006; 9,835 point-of-sale transactions, 169 item categories), one basket a line,
 * items comma-separated, no quoting, names kept verbatim (`cream cheese ` has a trailing space).
 *
 * The file lives outside the repository (`../shared/data/groceries.csv` beside the checkout) and
 * is never copied in: without it, these tests are skipped with a message. CONTRIBUTING.md, "Real
 * datasets", says where to get it.
 *
 * Pairs are counted independently here (plain Sets over the raw lines) and must equal CoPurchase
 * exactly; the well-known arules figures (as `apriori` prints them, 7 significant digits) are
 * checked too, e.g. {other vegetables} => {whole milk}: support 0.07483477, confidence 0.3867578,
 * lift 1.513634.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CoPurchase, type Order } from 'xsell-kpi';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const file = path.resolve(root, '../shared/data/groceries.csv');
const exists = existsSync(file);
if (!exists) console.warn(`[groceries.test] skipped: ${file} not found (the shared Groceries data sits beside the repository, never inside it)`);

/** The raw baskets, one per line. */
function readBaskets(): string[][] {
  const text = readFileSync(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

function toOrders(baskets: readonly string[][]): Order[] {
  return baskets.map((items, index) => ({ orderId: `basket-${index + 1}`, customerId: 'groceries', timestamp: new Date(0), lines: items.map((sku) => ({ sku, unitPrice: '0' })) }));
}

/** Independent counts: orders containing a, b, and both. */
function countsOf(baskets: readonly string[][], a: string, b: string): { both: number; withA: number; withB: number } {
  let both = 0;
  let withA = 0;
  let withB = 0;
  for (const items of baskets) {
    const set = new Set(items);
    if (set.has(a)) withA++;
    if (set.has(b)) withB++;
    if (set.has(a) && set.has(b)) both++;
  }
  return { both, withA, withB };
}

/** `actual` rounded as `published` is written (its number of decimals) gives `published`. */
function expectRounded(actual: number, published: string): void {
  const decimals = published.split('.')[1]?.length ?? 0;
  expect(actual.toFixed(decimals)).toBe(published);
}

describe.skipIf(!exists)('CoPurchase on the arules Groceries baskets (../shared/data/groceries.csv)', () => {
  const baskets = exists ? readBaskets() : [];
  const orders = toOrders(baskets);

  test('9,835 baskets, 169 items, whole milk in 2,513 (arules summary(Groceries)); run time and memory', () => {
    expect(baskets).toHaveLength(9835);
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const acc = new CoPurchase().addAll(orders);
    const addMs = performance.now() - started;
    const heapAfter = process.memoryUsage().heapUsed;
    const resultStarted = performance.now();
    const result = acc.result();
    const resultMs = performance.now() - resultStarted;
    const products = (acc.toJSON().state as { products: [string, number][] }).products;
    expect(result.orders).toBe(9835);
    expect(products).toHaveLength(169);
    expect(new Map(products).get('whole milk')).toBe(2513);
    expect(products.reduce((sum, [, count]) => sum + count, 0)).toBe(43367);
    expect(result.pairs).toHaveLength(9636);
    console.log(
      `[groceries.test] CoPurchase over 9,835 baskets (43,367 items, ${result.pairs.length} pairs): add ${addMs.toFixed(0)} ms, result ${resultMs.toFixed(0)} ms, ` +
        `heap +${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB (dedupe on; includes the orders' kept products), JSON ${(JSON.stringify(acc).length / 1e6).toFixed(2)} MB`,
    );
    expect(addMs).toBeLessThan(10_000);
  });

  test.each([
    // [a, b, support, confidence {a} => {b}, confidence {b} => {a}, lift], rounded as arules prints them (7 significant digits)
    ['other vegetables', 'whole milk', '0.07483477', '0.3867578', '0.2928770', '1.513634'],
    ['whole milk', 'yogurt', '0.05602440', '0.2192598', '0.4016035', '1.571735'],
    ['rolls/buns', 'whole milk', '0.05663447', '0.3079049', '0.2216474', '1.205032'],
    ['root vegetables', 'whole milk', '0.04890696', '0.4486940', '0.1914047', '1.756031'],
  ])('%s & %s: count, support, confidences and lift equal independent counting, and the published figures', (a, b, support, confidenceAB, confidenceBA, lift) => {
    const { both, withA, withB } = countsOf(baskets, a, b);
    const n = baskets.length;
    const pair = CoPurchase.of(orders).pairs.find((candidate) => candidate.a === a && candidate.b === b);
    expect(pair).toStrictEqual({ a, b, count: both, support: both / n, confidenceAB: both / withA, confidenceBA: both / withB, lift: (both * n) / (withA * withB) });
    expectRounded(pair!.support, support);
    expectRounded(pair!.confidenceAB, confidenceAB);
    expectRounded(pair!.confidenceBA, confidenceBA);
    expectRounded(pair!.lift, lift);
  });

  test('other vegetables & whole milk: 736 of 9,835 baskets; 1,903 with other vegetables, 2,513 with whole milk', () => {
    expect(countsOf(baskets, 'other vegetables', 'whole milk')).toStrictEqual({ both: 736, withA: 1903, withB: 2513 });
  });

  test('every pair equals plain counting, and the top complements of whole milk rank as documented', () => {
    const pairs = new Map<string, number>();
    const items = new Map<string, number>();
    for (const basket of baskets) {
      const set = [...new Set(basket)];
      for (const item of set) items.set(item, (items.get(item) ?? 0) + 1);
      for (let x = 0; x < set.length; x++) {
        for (let y = x + 1; y < set.length; y++) {
          const [a, b] = set[x]! < set[y]! ? [set[x]!, set[y]!] : [set[y]!, set[x]!];
          pairs.set(`${a}\u0000${b}`, (pairs.get(`${a}\u0000${b}`) ?? 0) + 1);
        }
      }
    }
    const acc = new CoPurchase().addAll(orders);
    expect(new Map(acc.result().pairs.map((pair) => [`${pair.a}\u0000${pair.b}`, pair.count]))).toStrictEqual(pairs);
    const milk = items.get('whole milk')!;
    const together = (other: string): number => pairs.get(other < 'whole milk' ? `${other}\u0000whole milk` : `whole milk\u0000${other}`) ?? 0;
    const byConfidence = [...items.keys()]
      .filter((item) => item !== 'whole milk' && together(item) > 0)
      .sort((p, q) => together(q) - together(p) || (p < q ? -1 : 1))
      .slice(0, 5);
    expect(byConfidence).toStrictEqual(['other vegetables', 'rolls/buns', 'yogurt', 'root vegetables', 'tropical fruit']);
    expect(acc.topComplements('whole milk', { limit: 5 })).toStrictEqual(
      byConfidence.map((sku) => ({ sku, count: together(sku), confidence: together(sku) / milk, lift: (together(sku) * 9835) / (milk * items.get(sku)!) })),
    );
    // by lift, with at least 50 baskets together: the complements whole milk goes with far more than by chance
    const top = acc.topComplements('whole milk', { rankBy: 'lift', minCount: 50, limit: 3 });
    expect(top.every((complement, index) => index === 0 || complement.lift <= top[index - 1]!.lift)).toBe(true);
    expect(top.map((complement) => complement.sku)).toStrictEqual(['baking powder', 'butter', 'curd']);
    expect(top[0]).toStrictEqual({ sku: 'baking powder', count: 91, confidence: 91 / 2513, lift: (91 * 9835) / (2513 * items.get('baking powder')!) });
  });

  test('bounded mode (capacity 1,000 of 9,636 pairs): every reported count within [true, true + maxError], maxError ≤ occurrences ÷ 1,000', () => {
    const exact = new Map(CoPurchase.of(orders).pairs.map((pair) => [`${pair.a}\u0000${pair.b}`, pair.count]));
    const occurrences = baskets.reduce((sum, basket) => sum + (basket.length * (basket.length - 1)) / 2, 0);
    expect(occurrences).toBe(137278);
    const result = CoPurchase.of(orders, { mode: 'bounded', capacity: 1000 });
    expect(result.maxError! * 1000).toBeLessThanOrEqual(occurrences);
    for (const pair of result.pairs) {
      const truth = exact.get(`${pair.a}\u0000${pair.b}`) ?? 0;
      expect(pair.count >= truth && pair.count <= truth + result.maxError!).toBe(true);
    }
    const reported = new Set(result.pairs.map((pair) => `${pair.a}\u0000${pair.b}`));
    expect([...exact].filter(([key, count]) => count > result.maxError! && !reported.has(key))).toStrictEqual([]);
    expect(result.pairs[0]).toMatchObject({ a: 'other vegetables', b: 'whole milk', count: 736 });
  });
});
