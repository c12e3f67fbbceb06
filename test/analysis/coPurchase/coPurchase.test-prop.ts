/**
 * CoPurchase: the shared law suite (exact mode), fromJSON fuzzing (both modes), the bounded
 * mode's error bound, topComplements against a naive reference, and known values.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CoPurchase, type CoPurchaseOptions, type CoPurchasePair, type CoPurchaseResult, type Complement, type Order, type TopComplementsOptions } from 'xsell-kpi';
import { HOSTILE_IDS, deepCopy, invalidEventArb, streamArb } from '../../arbitraries/events.js';
import { checkLaws } from '../../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../../laws/fromJSONFuzz.js';
import { expectKpiError } from '../../support/expectKpiError.js';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Orders containing each product, as the serialized state records them. */
function productCounts(acc: CoPurchase): Map<string, number> {
  const { products } = acc.toJSON().state as { products: [string, number][] };
  return new Map(products);
}

/** Each pair with the counts its ratios are made of, and `value`: the ratios as the result gives them. */
function pairSubjects(acc: CoPurchase): Record<string, unknown>[] {
  const counts = productCounts(acc);
  const { orders, pairs } = acc.result();
  return pairs.map((pair) => ({
    ...pair,
    orders,
    ordersWithA: counts.get(pair.a),
    ordersWithB: counts.get(pair.b),
    aBeforeB: pair.a < pair.b,
    value: [pair.support, pair.confidenceAB, pair.confidenceBA, pair.lift, true],
  }));
}

/** The definitions, from the counts (small test counts: each product is exact, so one division is correctly rounded). */
function definitions(subject: { count: number; orders: number; ordersWithA: number; ordersWithB: number; aBeforeB: boolean }): unknown[] {
  const { count, orders, ordersWithA, ordersWithB } = subject;
  return [count / orders, count / ordersWithA, count / ordersWithB, (count * orders) / (ordersWithA * ordersWithB), subject.aBeforeB];
}

/** What laws 1-5 and 7 compare: the result and a few topComplements reads. */
function observe(acc: CoPurchase): unknown {
  const anchors = ['A', '42', '__proto__', 'shoes', 'constructor'];
  return {
    result: acc.result(),
    confidence: anchors.map((anchor) => acc.topComplements(anchor)),
    lift: anchors.map((anchor) => acc.topComplements(anchor, { rankBy: 'lift', limit: 3, minCount: 1 })),
  };
}

const product = (line: Order['lines'][number], by: 'sku' | 'category'): string => String(by === 'sku' ? line.sku : line.category);

/** Distinct orders (the first delivery of each orderId) as sets of products. */
function baskets(orders: readonly Order[], by: 'sku' | 'category' = 'sku', dedupe = true): Set<string>[] {
  const seen = new Set<string>();
  const out: Set<string>[] = [];
  for (const order of orders) {
    const id = String(order.orderId);
    if (dedupe && seen.has(id)) continue;
    seen.add(id);
    out.push(new Set(order.lines.map((line) => product(line, by))));
  }
  return out;
}

const pairKey = (a: string, b: string): string => JSON.stringify(a < b ? [a, b] : [b, a]);

interface Naive {
  orders: number;
  products: Map<string, number>;
  pairs: Map<string, number>;
  occurrences: number;
}

/** Plain counting over the baskets. */
function naive(sets: readonly Set<string>[]): Naive {
  const products = new Map<string, number>();
  const pairs = new Map<string, number>();
  let occurrences = 0;
  for (const set of sets) {
    const items = [...set];
    for (const item of items) products.set(item, (products.get(item) ?? 0) + 1);
    for (let x = 0; x < items.length; x++) {
      for (let y = x + 1; y < items.length; y++) {
        const key = pairKey(items[x]!, items[y]!);
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
        occurrences++;
      }
    }
  }
  return { orders: sets.length, products, pairs, occurrences };
}

/** The exact result by the definitions, sorted as documented. */
function naiveResult(reference: Naive): CoPurchaseResult {
  const pairs: CoPurchasePair[] = [...reference.pairs].map(([key, count]) => {
    const [a, b] = JSON.parse(key) as [string, string];
    const na = reference.products.get(a)!;
    const nb = reference.products.get(b)!;
    return { a, b, count, support: count / reference.orders, confidenceAB: count / na, confidenceBA: count / nb, lift: (count * reference.orders) / (na * nb) };
  });
  pairs.sort((p, q) => q.count - p.count || (p.a < q.a ? -1 : p.a > q.a ? 1 : 0) || (p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
  return { orders: reference.orders, pairs };
}

const line = (sku: string | number, category?: string) => ({ sku: sku as string, unitPrice: '10', ...(category === undefined ? {} : { category }) });
const order = (orderId: string, ...lines: ReturnType<typeof line>[]): Order => ({ orderId, customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines });

/** Small baskets from a pool that repeats (hostile names included), as orders with unique ids. */
const POOL = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', '42', ...HOSTILE_IDS];
const basketsArb = (maxLength = 60, pool = POOL): fc.Arbitrary<Order[]> =>
  fc
    .array(
      fc.tuple(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 7 }), fc.array(fc.nat({ max: 6 }), { maxLength: 2 })),
      { maxLength },
    )
    .map((rows) => rows.map(([skus, repeats], index) => order(`o${index}`, ...skus.map((sku) => line(sku)), ...repeats.map((at) => line(skus[at % skus.length]!)))));

// ---------------------------------------------------------------------------------------------
// The laws (exact mode)
// ---------------------------------------------------------------------------------------------

const common = {
  name: 'CoPurchase',
  Class: CoPurchase,
  invalid: invalidEventArb(['order']),
  observe: (acc: CoPurchase) => observe(acc),
  results: (acc: CoPurchase) => pairSubjects(acc),
  formula: definitions,
  ratioFields: ['support', 'confidenceAB', 'confidenceBA'],
  countFields: ['count', 'orders', 'ordersWithA', 'ordersWithB'],
};

checkLaws({ ...common, events: streamArb(), dedupe: true, incompatibleOptions: [{ by: 'category' }, { mode: 'bounded' }, { mode: 'bounded', capacity: 5 }] });
checkLaws({ ...common, options: { by: 'category' }, events: streamArb({ categories: 'always', maxLines: 6 }), dedupe: true, incompatibleOptions: [{}, { by: 'category', mode: 'bounded' }] });
checkLaws({ ...common, options: { dedupe: false }, events: streamArb({ maxLines: 6 }), dedupe: false, incompatibleOptions: [{}, { dedupe: false, mode: 'bounded' }] });
checkLaws({ ...common, options: { by: 'category', dedupe: false, mode: 'exact' }, events: streamArb({ categories: 'always' }), dedupe: false, incompatibleOptions: [{ by: 'category' }] });

const fuzz = { name: 'CoPurchase', Class: CoPurchase, countFields: ['orders'] };
checkFromJSONFuzz({ ...fuzz, events: streamArb({ maxLines: 5 }) });
checkFromJSONFuzz({ ...fuzz, options: { by: 'category', dedupe: false }, events: streamArb({ categories: 'always', maxLines: 5 }) });
checkFromJSONFuzz({ ...fuzz, options: { mode: 'bounded', capacity: 3 }, events: streamArb({ maxLines: 5 }), numRuns: 5000 });
checkFromJSONFuzz({ ...fuzz, options: { mode: 'bounded', capacity: 4, dedupe: false }, events: streamArb({ maxLines: 5 }), numRuns: 5000 });

// ---------------------------------------------------------------------------------------------
// Exact mode against plain counting
// ---------------------------------------------------------------------------------------------

describe('CoPurchase (exact): the definitions, counted naively', () => {
  test('equals plain counting over Sets, by SKU and by category, with and without dedupe', () => {
    fc.assert(
      fc.property(streamArb({ categories: 'always', maxLines: 6 }), fc.constantFrom('sku' as const, 'category' as const), fc.boolean(), (orders, by, dedupe) => {
        expect(CoPurchase.of(orders, { by, dedupe })).toStrictEqual(naiveResult(naive(baskets(orders, by, dedupe))));
      }),
    );
  });

  test('re-delivered orders and overlapping shards, merged in any order, count each order once', () => {
    fc.assert(
      fc.property(basketsArb(), fc.array(fc.nat({ max: 3 }), { maxLength: 200 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (orders, shardOf, redeliveries) => {
        const shards = [new CoPurchase(), new CoPurchase(), new CoPurchase(), new CoPurchase()];
        orders.forEach((item, index) => {
          shards[(shardOf[index] ?? 0) % 4]!.add(item);
          for (const extra of redeliveries) shards[(index + extra) % 4]!.add(deepCopy(item));
        });
        const restored = shards.map((shard) => CoPurchase.fromJSON(JSON.parse(JSON.stringify(shard))));
        const total = restored.reduceRight((into, shard) => into.merge(shard));
        expect(total.result()).toStrictEqual(naiveResult(naive(baskets(orders))));
      }),
    );
  });

  test('an order counts each distinct product once, whatever its lines and quantities; single-product orders count as orders', () => {
    const acc = new CoPurchase();
    acc.add(order('o1', line('tea'), line('tea'), line('cups')));
    acc.add({ ...order('o2', line('tea')), lines: [{ sku: 'tea', unitPrice: '4', quantity: 3 }] });
    expect(acc.result()).toStrictEqual({ orders: 2, pairs: [{ a: 'cups', b: 'tea', count: 1, support: 0.5, confidenceAB: 1, confidenceBA: 0.5, lift: 1 }] });
  });

  test('ids are read as strings (42 and "42" are one product), "__proto__" is an ordinary product, a < b in code-unit order', () => {
    const { pairs } = CoPurchase.of([order('o1', line(42), line('__proto__')), order('o2', line('42'), line('Z'), line('a'))]);
    expect(pairs.map(({ a, b, count }) => [a, b, count])).toStrictEqual([
      ['42', 'Z', 1],
      ['42', '__proto__', 1],
      ['42', 'a', 1],
      ['Z', 'a', 1],
    ]);
  });

  test('an empty accumulator: no orders, no pairs; topComplements of anything is []', () => {
    const acc = new CoPurchase();
    expect(acc.result()).toStrictEqual({ orders: 0, pairs: [] });
    expect(acc.topComplements('A')).toStrictEqual([]);
  });

  test("{ by: 'category' } refuses a line without a category, at its path, and changes nothing", () => {
    const acc = new CoPurchase({ by: 'category' }).add(order('o1', line('A', 'shoes'), line('B', 'socks')));
    const before = JSON.stringify(acc);
    expectKpiError(() => acc.add(order('o2', line('A', 'shoes'), line('C'))), 'INVALID_EVENT', 'lines[1].category');
    expect(JSON.stringify(acc)).toBe(before);
  });

  test('options: unknown ones, bad values and capacity without bounded mode are INVALID_OPTION; other options do not merge', () => {
    expectKpiError(() => new CoPurchase({ mode: 'fast' } as unknown as CoPurchaseOptions), 'INVALID_OPTION', 'mode');
    expectKpiError(() => new CoPurchase({ capacity: 10 }), 'INVALID_OPTION', 'capacity');
    expectKpiError(() => new CoPurchase({ mode: 'bounded', capacity: 0 }), 'INVALID_OPTION', 'capacity');
    expectKpiError(() => new CoPurchase({ mode: 'bounded', capacity: 1.5 }), 'INVALID_OPTION', 'capacity');
    expectKpiError(() => new CoPurchase({ minCount: 2 } as unknown as CoPurchaseOptions), 'INVALID_OPTION', 'minCount');
    expectKpiError(() => new CoPurchase().merge(new CoPurchase({ mode: 'bounded' })), 'INCOMPATIBLE_MERGE');
    expectKpiError(() => new CoPurchase({ mode: 'bounded', capacity: 5 }).merge(new CoPurchase({ mode: 'bounded', capacity: 6 })), 'INCOMPATIBLE_MERGE');
    expect(new CoPurchase({ mode: 'bounded' }).toJSON().options).toStrictEqual({ by: 'sku', dedupe: true, mode: 'bounded', capacity: 10_000 });
    expect(new CoPurchase().toJSON().options).toStrictEqual({ by: 'sku', dedupe: true, mode: 'exact' });
  });
});

// ---------------------------------------------------------------------------------------------
// fromJSON: inconsistent states
// ---------------------------------------------------------------------------------------------

describe('CoPurchase.fromJSON refuses inconsistent state', () => {
  const header = (state: unknown, options: CoPurchaseOptions = { dedupe: false }) => ({ kind: 'CoPurchase', version: 1, options, state });
  const products = [
    ['tea', 3],
    ['cups', 2],
    ['milk', 1],
  ];
  test('a consistent state loads', () => {
    const json = header({ orders: 4, products, pairs: [['cups', 'tea', 2], ['milk', 'tea', 1]] });
    expect(CoPurchase.fromJSON(json).result().pairs.map((pair) => pair.count)).toStrictEqual([2, 1]);
  });
  test.each([
    ['a pair count above a product count', { orders: 4, products, pairs: [['milk', 'tea', 2]] }, 'state.pairs[0][2]'],
    ['n(a) + n(b) − count above orders', { orders: 3, products, pairs: [['cups', 'tea', 1]] }, 'state.pairs[0][2]'],
    ['a zero pair count', { orders: 4, products, pairs: [['cups', 'tea', 0]] }, 'state.pairs[0][2]'],
    ['an unknown product in a pair', { orders: 4, products, pairs: [['cups', 'sugar', 1]] }, 'state.pairs[0][1]'],
    ['a ≥ b', { orders: 4, products, pairs: [['tea', 'cups', 2]] }, 'state.pairs[0]'],
    ['a = b', { orders: 4, products, pairs: [['tea', 'tea', 2]] }, 'state.pairs[0]'],
    ['a duplicate pair', { orders: 4, products, pairs: [['cups', 'tea', 2], ['cups', 'tea', 2]] }, 'state.pairs[1]'],
    ['a duplicate product', { orders: 4, products: [...products, ['tea', 1]], pairs: [] }, 'state.products[3][0]'],
    ['a product in more orders than there are', { orders: 2, products, pairs: [] }, 'state.products[0][1]'],
    ['a product in no order', { orders: 4, products: [['tea', 0]], pairs: [] }, 'state.products[0][1]'],
    ['an empty SKU', { orders: 4, products: [['', 1]], pairs: [] }, 'state.products[0][0]'],
    ['a pair of three', { orders: 4, products, pairs: [['cups', 'tea', 2, 1]] }, 'state.pairs[0]'],
    ['orders without a product', { orders: 4, products: [['tea', 3]], pairs: [] }, 'state.products'],
    ['a pair though no order had two products', { orders: 4, products: [['tea', 2], ['cups', 2]], pairs: [['cups', 'tea', 1]] }, 'state.pairs'],
  ])('%s', (_what, state, path) => {
    expectKpiError(() => CoPurchase.fromJSON(header(state)), 'INVALID_STATE', path);
  });
  test('bounded: more pairs than the capacity, a count below the floor, counters adding up to more than the occurrences', () => {
    const bounded = { mode: 'bounded', capacity: 2, dedupe: false } as const;
    // what capacity 2 makes of {tea, cups, milk}, {tea, cups}, {tea}, {sugar}
    const ok = { orders: 4, products: [...products, ['sugar', 1]], pairs: [['cups', 'tea', 2], ['cups', 'milk', 2]], occurrences: 4, floor: 1 };
    expect(CoPurchase.fromJSON(header(ok, bounded)).result().maxError).toBe(1);
    expectKpiError(() => CoPurchase.fromJSON(header({ ...ok, pairs: [...ok.pairs, ['milk', 'tea', 1]] }, bounded)), 'INVALID_STATE', 'state.pairs');
    expectKpiError(() => CoPurchase.fromJSON(header({ ...ok, floor: 3 }, bounded)), 'INVALID_STATE', 'state.pairs[0][2]');
    expectKpiError(() => CoPurchase.fromJSON(header({ ...ok, occurrences: 3 }, bounded)), 'INVALID_STATE', 'state.floor');
    expectKpiError(() => CoPurchase.fromJSON(header({ ...ok, occurrences: undefined }, bounded)), 'INVALID_STATE');
    expectKpiError(() => CoPurchase.fromJSON(header({ orders: 0, products: [], pairs: [], occurrences: 5, floor: 0 }, bounded)), 'INVALID_STATE', 'state.occurrences');
    expectKpiError(() => CoPurchase.fromJSON(header({ orders: 2, products: [['tea', 1], ['cups', 1]], pairs: [], occurrences: 1, floor: 0 }, bounded)), 'INVALID_STATE', 'state.occurrences');
    expectKpiError(() => CoPurchase.fromJSON(header({ orders: 2, products: [['tea', 1]], pairs: [], occurrences: 0, floor: 0 }, bounded)), 'INVALID_STATE', 'state.products');
  });
  test('an order, or a merge, past 2^53 − 1 orders is refused and changes nothing', () => {
    const full = CoPurchase.fromJSON(header({ orders: Number.MAX_SAFE_INTEGER, products: [['tea', Number.MAX_SAFE_INTEGER]], pairs: [] }));
    const before = JSON.stringify(full);
    expectKpiError(() => full.add(order('o1', line('tea'))), 'INVALID_NUMBER', 'orders');
    expectKpiError(() => full.merge(new CoPurchase({ dedupe: false }).add(order('o1', line('tea')))), 'INVALID_NUMBER', 'orders');
    expect(JSON.stringify(full)).toBe(before);
  });
  test("dedupe: the orders' contributions must add up to the totals", () => {
    const acc = new CoPurchase().add(order('o1', line('tea'), line('cups')));
    const json = acc.toJSON() as unknown as { state: { pairs: [string, string, number][] } };
    expect(CoPurchase.fromJSON(json).result()).toStrictEqual(acc.result());
    const seen = (json.state as unknown as { seen: [string, number, string[]][] }).seen;
    seen[0]![2] = ['tea'];
    expectKpiError(() => CoPurchase.fromJSON(json), 'INVALID_STATE', 'state.seen');
  });
});

// ---------------------------------------------------------------------------------------------
// Exact ratios beyond 2^53
// ---------------------------------------------------------------------------------------------

/** p ÷ q to 40 significant decimal digits (truncated), read as a double. */
function referenceRatio(p: bigint, q: bigint): number {
  const digits = 40n;
  const integer = p / q;
  const scale = 10n ** (digits - BigInt(integer.toString().length));
  const scaled = (p * scale) / q;
  return Number(`${scaled}e-${scale.toString().length - 1}`);
}

describe('CoPurchase: lift is the exact fraction rounded once, also when count × orders exceeds 2^53', () => {
  test('huge counts (restored state): lift equals the BigInt reference; ties in lift are exact ties', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 2n ** 40n, max: 2n ** 53n - 1n }),
        fc.double({ min: 0.3, max: 0.95, noNaN: true }),
        fc.double({ min: 0.3, max: 0.95, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (ordersBig, shareA, shareB, shareBoth) => {
          const orders = Number(ordersBig);
          // orders {a, b} and {b, c} (count each), {a} and {c} (na − count each), {b} (nb − 2 count), {d} (the rest)
          const na = Math.max(1, Math.floor((orders * shareA) / 2));
          const nb = Math.max(2, Math.floor((orders - 2 * na) * shareB));
          const count = Math.max(1, Math.floor(Math.min(na, nb / 2) * shareBoth));
          const rest = orders - (2 * na + nb - 2 * count);
          const state = { orders, products: [['a', na], ['b', nb], ['c', na], ...(rest > 0 ? [['d', rest]] : [])], pairs: [['a', 'b', count], ['b', 'c', count]] };
          const acc = CoPurchase.fromJSON({ kind: 'CoPurchase', version: 1, options: { dedupe: false }, state });
          const expected = referenceRatio(BigInt(count) * ordersBig, BigInt(na) * BigInt(nb));
          for (const pair of acc.result().pairs) expect(pair.lift).toBe(expected);
          const top = acc.topComplements('b', { rankBy: 'lift' });
          expect(top.map((complement) => complement.sku)).toStrictEqual(['a', 'c']);
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// topComplements against a naive reference
// ---------------------------------------------------------------------------------------------

/** The documented ranking, compared with BigInt cross-multiplication. */
function naiveComplements(reference: Naive, sku: string, { limit = 10, rankBy = 'confidence', minCount = 1 }: TopComplementsOptions): Complement[] {
  const own = reference.products.get(sku);
  if (own === undefined) return [];
  const found: { sku: string; count: number; n: number }[] = [];
  for (const [other, n] of reference.products) {
    if (other === sku) continue;
    const count = reference.pairs.get(pairKey(sku, other)) ?? 0;
    if (count >= Math.max(1, minCount)) found.push({ sku: other, count, n });
  }
  const measure = (item: { count: number; n: number }): [bigint, bigint] =>
    rankBy === 'lift' ? [BigInt(item.count) * BigInt(reference.orders), BigInt(own) * BigInt(item.n)] : [BigInt(item.count), BigInt(own)];
  found.sort((p, q) => {
    const [pn, pd] = measure(p);
    const [qn, qd] = measure(q);
    const byMeasure = qn * pd - pn * qd;
    if (byMeasure !== 0n) return byMeasure > 0n ? 1 : -1;
    return q.count - p.count || (p.sku < q.sku ? -1 : p.sku > q.sku ? 1 : 0);
  });
  return found.slice(0, limit).map((item) => ({ sku: item.sku, count: item.count, confidence: item.count / own, lift: (item.count * reference.orders) / (own * item.n) }));
}

describe('CoPurchase.topComplements', () => {
  const optionsArb: fc.Arbitrary<TopComplementsOptions> = fc.record(
    { limit: fc.nat({ max: 12 }), rankBy: fc.constantFrom('confidence' as const, 'lift' as const), minCount: fc.integer({ min: 1, max: 4 }) },
    { requiredKeys: [] },
  );

  test('ranks by the measure as an exact fraction, then count (descending), then sku (code-unit order), like a BigInt reference', () => {
    fc.assert(
      fc.property(basketsArb(80), fc.constantFrom(...POOL, 'absent'), optionsArb, (orders, sku, options) => {
        const reference = naive(baskets(orders));
        expect(CoPurchase.of(orders).orders).toBe(reference.orders);
        expect(new CoPurchase().addAll(orders).topComplements(sku, options)).toStrictEqual(naiveComplements(reference, sku, options));
      }),
    );
  });

  test('equal lifts tie exactly (2/4 and 3/6 of the orders), and then count decides', () => {
    const acc = new CoPurchase();
    let id = 0;
    const add = (...skus: string[]) => acc.add(order(`o${id++}`, ...skus.map((sku) => line(sku))));
    // 10 orders: x+y twice, y alone twice, x+z three times, z alone three times; so n(x) = 5, n(y) = 4, n(z) = 6
    add('x', 'y');
    add('x', 'y');
    add('y');
    add('y');
    add('x', 'z');
    add('x', 'z');
    add('x', 'z');
    add('z');
    add('z');
    add('z');
    // lift(x, y) = 2 · 10 ÷ (5 · 4) = 1 and lift(x, z) = 3 · 10 ÷ (5 · 6) = 1: a tie, so count (3 > 2) puts z first
    expect(acc.topComplements('x', { rankBy: 'lift' })).toStrictEqual([
      { sku: 'z', count: 3, confidence: 0.6, lift: 1 },
      { sku: 'y', count: 2, confidence: 0.4, lift: 1 },
    ]);
  });

  test('sku may be a number (read as a string); anything else is INVALID_ARGUMENT; bad options are INVALID_OPTION', () => {
    const acc = new CoPurchase().add(order('o1', line(42), line('B')));
    expect(acc.topComplements(42 as unknown as string)).toStrictEqual([{ sku: 'B', count: 1, confidence: 1, lift: 1 }]);
    expectKpiError(() => acc.topComplements(null as unknown as string), 'INVALID_ARGUMENT', 'sku');
    expectKpiError(() => acc.topComplements(Number.NaN as unknown as string), 'INVALID_ARGUMENT', 'sku');
    expectKpiError(() => acc.topComplements('B', { rankBy: 'support' } as unknown as TopComplementsOptions), 'INVALID_OPTION', 'rankBy');
    expectKpiError(() => acc.topComplements('B', { minCount: 0 }), 'INVALID_OPTION', 'minCount');
    expectKpiError(() => acc.topComplements('B', { limit: 1.5 }), 'INVALID_OPTION', 'limit');
    expectKpiError(() => acc.topComplements('B', { top: 3 } as unknown as TopComplementsOptions), 'INVALID_OPTION', 'top');
    expect(acc.topComplements('B', { limit: 0 })).toStrictEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Bounded mode: the error bound
// ---------------------------------------------------------------------------------------------

/** Checks the documented guarantee of a bounded result against the true counts. */
function expectWithinBound(result: CoPurchaseResult, reference: Naive, capacity: number): void {
  const maxError = result.maxError!;
  expect(Number.isSafeInteger(maxError) && maxError >= 0).toBe(true);
  // ε ≤ N ÷ capacity
  expect(maxError * capacity).toBeLessThanOrEqual(reference.occurrences);
  expect(result.orders).toBe(reference.orders);
  expect(result.pairs.length).toBeLessThanOrEqual(capacity);
  const reported = new Map(result.pairs.map((pair) => [pairKey(pair.a, pair.b), pair]));
  for (const pair of result.pairs) {
    const truth = reference.pairs.get(pairKey(pair.a, pair.b)) ?? 0;
    const na = reference.products.get(pair.a)!;
    const nb = reference.products.get(pair.b)!;
    expect({ pair: [pair.a, pair.b], truth, within: truth <= pair.count && pair.count <= truth + maxError }).toStrictEqual({ pair: [pair.a, pair.b], truth, within: true });
    expect(pair.count).toBeLessThanOrEqual(Math.min(na, nb));
    expect(pair.a < pair.b).toBe(true);
    expect([pair.support, pair.confidenceAB, pair.confidenceBA, pair.lift]).toStrictEqual([
      pair.count / reference.orders,
      pair.count / na,
      pair.count / nb,
      (pair.count * reference.orders) / (na * nb),
    ]);
  }
  for (const [key, truth] of reference.pairs) {
    if (truth > maxError) expect({ key, truth, reported: reported.has(key) }).toStrictEqual({ key, truth, reported: true });
  }
}

describe('CoPurchase (bounded): every reported count is within [true, true + maxError], maxError ≤ pair occurrences ÷ capacity', () => {
  const capacityArb = fc.integer({ min: 1, max: 12 });

  test('one stream', () => {
    fc.assert(
      fc.property(basketsArb(), capacityArb, fc.boolean(), (orders, capacity, dedupe) => {
        const acc = new CoPurchase({ mode: 'bounded', capacity, dedupe }).addAll(orders);
        const reference = naive(baskets(orders));
        expectWithinBound(acc.result(), reference, capacity);
        // topComplements reads the same counts
        for (const sku of ['A', '__proto__']) {
          for (const complement of acc.topComplements(sku, { limit: 20 })) {
            const truth = reference.pairs.get(pairKey(sku, complement.sku)) ?? 0;
            expect(complement.count >= truth && complement.count <= truth + acc.result().maxError!).toBe(true);
          }
        }
      }),
    );
  });

  test('with skewed baskets (a few products in most orders), the frequent pairs are found exactly enough', () => {
    const skewed = fc
      .array(fc.tuple(fc.subarray(['milk', 'bread', 'eggs'], { minLength: 1 }), fc.uniqueArray(fc.constantFrom(...POOL), { maxLength: 4 })), { minLength: 50, maxLength: 150 })
      .map((rows) => rows.map(([common, rare], index) => order(`o${index}`, ...[...new Set([...common, ...rare])].map((sku) => line(sku)))));
    fc.assert(
      fc.property(skewed, fc.integer({ min: 4, max: 10 }), (orders, capacity) => {
        const result = CoPurchase.of(orders, { mode: 'bounded', capacity, dedupe: false });
        expectWithinBound(result, naive(baskets(orders)), capacity);
      }),
    );
  });

  test('shards merged (dedupe: false: disjoint shards, Agarwal et al. merge), in any grouping and after JSON round trips', () => {
    fc.assert(
      fc.property(basketsArb(), capacityArb, fc.array(fc.nat({ max: 4 }), { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 6 }), (orders, capacity, shardOf, plan) => {
        const options = { mode: 'bounded', capacity, dedupe: false } as const;
        let parts = Array.from({ length: 5 }, () => new CoPurchase(options));
        orders.forEach((item, index) => parts[(shardOf[index] ?? 0) % 5]!.add(item));
        parts = parts.map((part, index) => (index % 2 === 0 ? CoPurchase.fromJSON(JSON.parse(JSON.stringify(part))) : part));
        // merge in an order given by the plan: pick two, merge one into the other
        for (const step of plan) {
          if (parts.length < 2) break;
          const into = step % parts.length;
          const from = (into + 1 + ((step >> 3) % (parts.length - 1))) % parts.length;
          parts[into]!.merge(parts[from]!);
          parts.splice(from, 1);
        }
        const total = parts.reduce((into, part) => into.merge(part));
        expectWithinBound(total.result(), naive(baskets(orders)), capacity);
      }),
    );
  });

  test('overlapping shards with re-deliveries (dedupe: true): each order counts once and the bound holds', () => {
    fc.assert(
      fc.property(basketsArb(), capacityArb, fc.array(fc.nat({ max: 2 }), { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 40 }), (orders, capacity, shardOf, again) => {
        const options = { mode: 'bounded', capacity } as const;
        const shards = [new CoPurchase(options), new CoPurchase(options), new CoPurchase(options)];
        orders.forEach((item, index) => shards[(shardOf[index] ?? 0) % 3]!.add(item));
        if (orders.length > 0) for (const pick of again) shards[pick % 3]!.add(deepCopy(orders[pick % orders.length]!));
        const total = CoPurchase.fromJSON(JSON.parse(JSON.stringify(shards[0]))).merge(shards[1]!).merge(shards[2]!);
        expectWithinBound(total.result(), naive(baskets(orders)), capacity);
      }),
    );
  });

  test('with capacity for every distinct pair, bounded mode is exact (maxError 0), also through merges', () => {
    fc.assert(
      fc.property(basketsArb(40), fc.boolean(), fc.nat(), (orders, dedupe, cut) => {
        const capacity = naive(baskets(orders)).pairs.size + 1;
        const options = { mode: 'bounded', capacity, dedupe } as const;
        const at = cut % (orders.length + 1);
        const merged = new CoPurchase(options).addAll(orders.slice(0, at)).merge(new CoPurchase(options).addAll(orders.slice(at)));
        const exact = CoPurchase.of(orders);
        expect(merged.result()).toStrictEqual({ ...exact, maxError: 0 });
      }),
    );
  });

  test('deterministic and restorable: the same stream gives the same state; a restored summary continues identically', () => {
    fc.assert(
      fc.property(basketsArb(), capacityArb, fc.boolean(), fc.nat(), (orders, capacity, dedupe, cut) => {
        const options = { mode: 'bounded', capacity, dedupe } as const;
        const at = cut % (orders.length + 1);
        const acc = new CoPurchase(options).addAll(orders.slice(0, at));
        const copy = CoPurchase.fromJSON(JSON.parse(JSON.stringify(acc)));
        expect(copy.toJSON()).toStrictEqual(acc.toJSON());
        acc.addAll(orders.slice(at));
        copy.addAll(orders.slice(at));
        expect(JSON.stringify(copy)).toBe(JSON.stringify(acc));
        expect(JSON.stringify(new CoPurchase(options).addAll(orders))).toBe(JSON.stringify(acc));
        expect(CoPurchase.of(orders, options)).toStrictEqual(acc.result());
      }),
    );
  });

  test('a known stream: capacity 2, the frequent pair survives, a rare one is evicted, maxError is the floor', () => {
    const acc = new CoPurchase({ mode: 'bounded', capacity: 2 });
    acc.add(order('o1', line('milk'), line('bread')));
    acc.add(order('o2', line('milk'), line('bread')));
    acc.add(order('o3', line('milk'), line('eggs')));
    acc.add(order('o4', line('tea'), line('cups')));
    // bread+milk 2, eggs+milk 1; then cups+tea takes the smallest counter (eggs+milk, 1): floor 1, counter 1 + 1 = 2,
    // reported as 1 because no pair can be in more orders than either product (tea is in one)
    expect(acc.result()).toStrictEqual({
      orders: 4,
      pairs: [
        { a: 'bread', b: 'milk', count: 2, support: 0.5, confidenceAB: 1, confidenceBA: 2 / 3, lift: 4 / 3 },
        { a: 'cups', b: 'tea', count: 1, support: 0.25, confidenceAB: 1, confidenceBA: 1, lift: 4 },
      ],
      maxError: 1,
    });
  });
});
