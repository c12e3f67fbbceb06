import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { KpiError } from '../../core/KpiError.js';
import type { Order } from '../../core/events.js';
import { OrderAccumulator, fromOptions, readHeader } from '../../_internal/OrderAccumulator.js';
import type { NormalizedOrder } from '../../_internal/normalize.js';
import { flag, integerOption, oneOf, optionsObject } from '../../_internal/options.js';
import { distinctProducts, type ProductKey } from '../../_internal/products.js';
import { show } from '../../_internal/show.js';
import { invalidState, stateArray, stateCount, stateId, stateString } from '../../_internal/state.js';
import { ExactPairCounts, SpaceSavingPairCounts } from './pairCounts.js';
import { compareFractions, productRatio } from './ratio.js';

/**
 * Options of {@link CoPurchase}.
 * @category Analysis
 */
export interface CoPurchaseOptions {
  /** What a product is: the line's `'sku'` (default) or its `'category'`. */
  by?: 'sku' | 'category';
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
  /**
   * `'exact'` (default): every pair's count, exactly. `'bounded'`: at most `capacity` pair
   * counters (Space-Saving), each count an upper bound within `maxError` of the truth.
   */
  mode?: 'exact' | 'bounded';
  /** With `mode: 'bounded'` only: how many pair counters to keep, 1 to 10,000,000; 10,000 by default. */
  capacity?: number;
}

/**
 * Two products bought in the same orders, and how strongly they go together.
 * @category Analysis
 */
export interface CoPurchasePair {
  /** One product; `a < b` in code-unit order. */
  a: string;
  /** The other product. */
  b: string;
  /** Orders containing both (in bounded mode an upper bound, at most `maxError` above the truth). */
  count: number;
  /** count ÷ orders: the share of all orders that contain both. */
  support: number;
  /** count ÷ orders containing `a`: of the orders with `a`, the share that also have `b`. */
  confidenceAB: number;
  /** count ÷ orders containing `b`: of the orders with `b`, the share that also have `a`. */
  confidenceBA: number;
  /** support ÷ (support(a) × support(b)) = count × orders ÷ (orders with a × orders with b); ≥ 0, 1 when independent. */
  lift: number;
}

/**
 * The result of {@link CoPurchase}.
 * @category Analysis
 */
export interface CoPurchaseResult {
  /** Orders added. */
  orders: number;
  /** Every pair of distinct products bought together (in bounded mode: those with a counter), by count (descending), then `a`, then `b`. */
  pairs: CoPurchasePair[];
  /**
   * Bounded mode only: how far any reported `count` may exceed the true count; a pair that is
   * not reported was bought together at most this often. At most (pair occurrences) ÷ capacity.
   */
  maxError?: number;
}

/**
 * Options of {@link CoPurchase.topComplements}.
 * @category Analysis
 */
export interface TopComplementsOptions {
  /** At most this many complements, 0 or more; 10 by default. */
  limit?: number;
  /** `'confidence'` (default): the share of the product's orders that also have the complement. `'lift'`: how much more often than by chance. */
  rankBy?: 'confidence' | 'lift';
  /** Only complements bought with the product in at least this many orders (1 or more); 1 by default. */
  minCount?: number;
}

/**
 * A product bought together with a given one.
 * @category Analysis
 */
export interface Complement {
  /** The complement: a SKU, or a category with `{ by: 'category' }`. */
  sku: string;
  /** Orders containing both. */
  count: number;
  /** count ÷ orders containing the given product. */
  confidence: number;
  /** count × orders ÷ (orders with the given product × orders with the complement). */
  lift: number;
}

interface Options {
  by: ProductKey;
  dedupe: boolean;
  mode: 'exact' | 'bounded';
  capacity?: number;
}

const EXACT_FIELDS = ['orders', 'products', 'pairs'] as const;
const BOUNDED_FIELDS = ['orders', 'products', 'pairs', 'occurrences', 'floor'] as const;

/**
 * Streams orders into "bought together" figures: for each pair of products, how many orders
 * contain both, with support, confidence and lift, and the best complements of a product.
 *
 * @remarks
 * Market-basket analysis (association rules, Agrawal, Imieliński & Swami 1993): for products a
 * and b, count = orders containing both; support = count ÷ orders; confidence(a → b) = count ÷
 * orders containing a ("of the orders with a, how many also have b"); lift = support ÷
 * (support(a) × support(b)) = count × orders ÷ (n(a) × n(b)), 1 when a and b are bought
 * independently, above 1 when together more often than chance. An order counts each distinct
 * product once, whatever its quantity or lines. Ratios are never `null`: a pair exists only once
 * an order contains it. Every ratio is the exact fraction of integer counts, rounded once to the
 * nearest double (lift too, even beyond 2^53).
 *
 * **Exact mode** (default) keeps every product's order count and every pair's count: `add` is
 * O(k²) for an order of k distinct products (k(k − 1)/2 pairs: an order of 100 products adds 4,950
 * pair counts), memory is O(distinct pairs). With `dedupe` (default) it also keeps each order's
 * id, fingerprint and distinct products, so re-delivered orders count once and merges of
 * overlapping streams are exact. It obeys every accumulator law.
 *
 * **Bounded mode** (`mode: 'bounded'`) keeps at most `capacity` pair counters: Space-Saving
 * (Metwally, Agrawal & El Abbadi 2005) over the stream of pair occurrences. Orders and
 * per-product counts stay exact. Guarantee, with N = pair occurrences seen (Σ k(k − 1)/2 over
 * orders) and ε = `maxError` ≤ N ÷ capacity: every reported count satisfies
 * true ≤ count ≤ true + ε, and every pair bought together more than ε times is reported. With
 * `dedupe`, merging replays the orders the other side saw and this one did not (the same
 * guarantee as one stream); with `dedupe: false`, memory is O(capacity + products) and `merge`
 * combines summaries as in Agarwal et al. 2012 ("Mergeable summaries": add the counters, then take
 * the (capacity + 1)-th largest excess off all), and the guarantee holds for the combined stream.
 * Bounded results depend on the order of the stream and of merges, so bounded mode is **not**
 * order-free; its error bound is property-tested instead. Ties between counters are broken by
 * product order of first appearance, so results are reproducible for one stream. When `capacity`
 * is at least the number of distinct pairs, bounded mode is exact.
 *
 * `result` is O(P log P) for P pairs; {@link CoPurchase.topComplements} is O(products + m log m)
 * for m complements.
 *
 * @example
 * ```ts
 * import { CoPurchase } from 'xsell-kpi';
 * const together = new CoPurchase();
 * together.add({ orderId: 'o1', customerId: 'ann', timestamp: 0, lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29' }] });
 * together.add({ orderId: 'o2', customerId: 'bob', timestamp: 0, lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'mouse', unitPrice: '19' }] });
 * together.add({ orderId: 'o3', customerId: 'cy', timestamp: 0, lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29' }] });
 * together.add({ orderId: 'o4', customerId: 'dee', timestamp: 0, lines: [{ sku: 'mouse', unitPrice: '19' }] });
 * together.result().pairs[0]; // => { a: 'case', b: 'laptop', count: 2, support: 0.5, confidenceAB: 1, confidenceBA: 2 / 3, lift: 4 / 3 }
 * together.topComplements('laptop').map((complement) => complement.sku); // => ['case', 'mouse']
 * ```
 * @category Analysis
 */
export class CoPurchase implements Accumulator<Order, CoPurchaseResult> {
  #engine: CoPurchaseEngine;

  /**
   * @param options - `by` (`'sku'`), `dedupe` (`true`), `mode` (`'exact'`), `capacity` (10,000; bounded mode only).
   * @throws {@link KpiError} `INVALID_OPTION` for an unknown option or value, or `capacity` without `mode: 'bounded'`.
   */
  constructor(options?: CoPurchaseOptions) {
    this.#engine = new CoPurchaseEngine(options);
    brand(this, 'CoPurchase');
  }

  /**
   * The co-purchase figures over `orders`: `new CoPurchase(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { CoPurchase } from 'xsell-kpi';
   * const orders = [{ orderId: 'o1', customerId: 'ann', timestamp: 0, lines: [{ sku: 'tea', unitPrice: '4' }, { sku: 'cups', unitPrice: '12' }] }];
   * CoPurchase.of(orders); // => { orders: 1, pairs: [{ a: 'cups', b: 'tea', count: 1, support: 1, confidenceAB: 1, confidenceBA: 1, lift: 1 }] }
   * CoPurchase.of([]); // => { orders: 0, pairs: [] }
   * ```
   */
  static of(orders: Iterable<Order>, options?: CoPurchaseOptions): CoPurchaseResult {
    return new CoPurchase(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link CoPurchase.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE` for anything malformed, inconsistent (a pair count above a product's count, an unknown product, `a ≥ b`, a duplicate, …) or hostile; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { CoPurchase } from 'xsell-kpi';
   * const saved = JSON.stringify(new CoPurchase({ mode: 'bounded', capacity: 500 }));
   * CoPurchase.fromJSON(JSON.parse(saved)).toJSON().options; // => { by: 'sku', dedupe: true, mode: 'bounded', capacity: 500 }
   * CoPurchase.fromJSON({ kind: 'CoPurchase', version: 1, options: {}, state: {} }); // throws INVALID_STATE
   * ```
   */
  static fromJSON(json: unknown): CoPurchase {
    const engine = CoPurchaseEngine.fromJSON(json);
    const restored = new CoPurchase(engine.options);
    restored.#engine = engine;
    return restored;
  }

  add(order: Order): this {
    this.#engine.add(order);
    return this;
  }

  addAll(orders: Iterable<Order>): this {
    this.#engine.addAll(orders);
    return this;
  }

  merge(other: CoPurchase): this {
    this.#engine.merge(mergeable(other, CoPurchase, 'CoPurchase').#engine);
    return this;
  }

  /**
   * Every pair of distinct products bought in the same order, with count, support, confidence and lift.
   *
   * @returns `{ orders, pairs }` (plus `maxError` in bounded mode); pairs sorted by count (descending), then `a`, then `b`.
   */
  result(): CoPurchaseResult {
    return this.#engine.result();
  }

  /**
   * The products most often bought together with `sku`: what to recommend beside it.
   *
   * @remarks
   * For each product c bought in an order with `sku` (at least `minCount` times): count = orders
   * with both, confidence = count ÷ orders with `sku`, lift = count × orders ÷ (orders with `sku` ×
   * orders with c). Ranked by the chosen measure compared as exact fractions (so equal lifts tie),
   * then count (descending), then the complement (ascending, code-unit order). Confidence favours
   * popular complements (what most buyers of `sku` also take); lift favours specific ones (what
   * buyers of `sku` take far more often than everybody else). With `{ by: 'category' }`, `sku`
   * and the complements are categories. O(products + m log m) for m complements.
   *
   * @param sku - The product (a string, or a number read as a string). Unknown products have no complements.
   * @param options - `limit` (10), `rankBy` (`'confidence'`), `minCount` (1).
   * @returns At most `limit` complements, best first.
   * @throws {@link KpiError} `INVALID_ARGUMENT` when `sku` is not a string or finite number; `INVALID_OPTION` for a bad option.
   * @example
   * ```ts
   * import { CoPurchase } from 'xsell-kpi';
   * const line = (sku: string) => ({ sku, unitPrice: '10' });
   * const together = new CoPurchase().addAll([
   *   { orderId: 'o1', customerId: 'ann', timestamp: 0, lines: [line('laptop'), line('case'), line('mouse')] },
   *   { orderId: 'o2', customerId: 'bob', timestamp: 0, lines: [line('laptop'), line('case')] },
   *   { orderId: 'o3', customerId: 'cy', timestamp: 0, lines: [line('laptop'), line('mouse')] },
   *   { orderId: 'o4', customerId: 'dee', timestamp: 0, lines: [line('case')] },
   *   { orderId: 'o5', customerId: 'eve', timestamp: 0, lines: [line('case')] },
   * ]);
   * together.topComplements('laptop', { limit: 5 }); // => [{ sku: 'case', count: 2, confidence: 2 / 3, lift: 5 / 6 }, { sku: 'mouse', count: 2, confidence: 2 / 3, lift: 5 / 3 }]
   * together.topComplements('laptop', { rankBy: 'lift', limit: 1 }); // => [{ sku: 'mouse', count: 2, confidence: 2 / 3, lift: 5 / 3 }]
   * together.topComplements('stapler'); // => []
   * together.topComplements('laptop', { limit: -1 }); // throws INVALID_OPTION
   * ```
   */
  topComplements(sku: string, options?: TopComplementsOptions): Complement[] {
    return this.#engine.topComplements(sku, options);
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}

/** @internal The engine behind {@link CoPurchase}. */
class CoPurchaseEngine extends OrderAccumulator<readonly string[], CoPurchaseResult, Options> {
  private orders = 0;
  private readonly productIndex = new Map<string, number>();
  private readonly productNames: string[] = [];
  private readonly productOrders: number[] = [];
  private readonly pairs: ExactPairCounts | SpaceSavingPairCounts;
  private readonly indexes: number[] = [];
  protected readonly aggregateFields: readonly string[];

  constructor(options?: CoPurchaseOptions) {
    const bag = optionsObject(options, ['by', 'dedupe', 'mode', 'capacity']);
    const mode = oneOf(bag['mode'], 'mode', ['exact', 'bounded'], 'exact');
    const base = { by: oneOf(bag['by'], 'by', ['sku', 'category'], 'sku'), dedupe: flag(bag['dedupe'], 'dedupe', true), mode };
    if (mode === 'exact' && bag['capacity'] !== undefined) throw new KpiError('INVALID_OPTION', 'capacity', "capacity applies to mode: 'bounded' only");
    const capacity = mode === 'bounded' ? integerOption(bag['capacity'], 'capacity', 1, 10_000_000, 10_000) : undefined;
    super('CoPurchase', 1, capacity === undefined ? base : { ...base, capacity }, true);
    this.pairs = capacity === undefined ? new ExactPairCounts() : new SpaceSavingPairCounts(capacity);
    this.aggregateFields = capacity === undefined ? EXACT_FIELDS : BOUNDED_FIELDS;
  }

  static fromJSON(json: unknown): CoPurchaseEngine {
    const { options, state } = readHeader(json, 'CoPurchase', 1);
    return fromOptions(options, (o: CoPurchaseOptions) => new CoPurchaseEngine(o)).load(state);
  }

  result(): CoPurchaseResult {
    const { productNames: names, productOrders: counts, orders } = this;
    const bounded = this.pairs instanceof SpaceSavingPairCounts;
    const pairs: CoPurchasePair[] = [];
    this.pairs.forEach((i, j, stored) => {
      const swap = names[j]! < names[i]!;
      const a = swap ? j : i;
      const b = swap ? i : j;
      const countA = counts[a]!;
      const countB = counts[b]!;
      // an upper bound is never above what either product's orders allow
      const count = bounded ? Math.min(stored, countA, countB) : stored;
      pairs.push({
        a: names[a]!,
        b: names[b]!,
        count,
        support: count / orders,
        confidenceAB: count / countA,
        confidenceBA: count / countB,
        lift: productRatio(count, orders, countA, countB),
      });
    });
    pairs.sort((p, q) => q.count - p.count || compareText(p.a, q.a) || compareText(p.b, q.b));
    return this.pairs instanceof SpaceSavingPairCounts ? { orders, pairs, maxError: this.pairs.floor } : { orders, pairs };
  }

  topComplements(sku: string, options?: TopComplementsOptions): Complement[] {
    const product = productArgument(sku);
    const bag = optionsObject(options, ['limit', 'rankBy', 'minCount']);
    const limit = integerOption(bag['limit'], 'limit', 0, Number.MAX_SAFE_INTEGER, 10);
    const rankBy = oneOf(bag['rankBy'], 'rankBy', ['confidence', 'lift'], 'confidence');
    const minCount = integerOption(bag['minCount'], 'minCount', 1, Number.MAX_SAFE_INTEGER, 1);
    const self = this.productIndex.get(product);
    if (self === undefined || limit === 0) return [];
    const { productNames: names, productOrders: counts, orders } = this;
    const bounded = this.pairs instanceof SpaceSavingPairCounts;
    const own = counts[self]!;
    const found: { index: number; count: number }[] = [];
    for (let index = 0; index < names.length; index++) {
      if (index === self) continue;
      const stored = index < self ? this.pairs.get(index, self) : this.pairs.get(self, index);
      if (stored === 0) continue;
      const count = bounded ? Math.min(stored, own, counts[index]!) : stored;
      if (count >= minCount) found.push({ index, count });
    }
    found.sort((p, q) => {
      const measure = rankBy === 'lift' ? compareFractions(q.count, counts[q.index]!, p.count, counts[p.index]!) : 0;
      return measure || q.count - p.count || compareText(names[p.index]!, names[q.index]!);
    });
    return found.slice(0, limit).map(({ index, count }) => ({
      sku: names[index]!,
      count,
      confidence: count / own,
      lift: productRatio(count, orders, own, counts[index]!),
    }));
  }

  protected contribute(order: NormalizedOrder): readonly string[] {
    return distinctProducts(order, this.options.by, Number.POSITIVE_INFINITY);
  }

  protected fold(products: readonly string[]): void {
    this.orders++;
    const indexes = this.indexes;
    indexes.length = 0;
    for (let position = 0; position < products.length; position++) {
      const index = this.intern(products[position]!);
      this.productOrders[index]!++;
      indexes.push(index);
    }
    const pairs = this.pairs;
    for (let x = 0; x < indexes.length; x++) {
      const i = indexes[x]!;
      for (let y = x + 1; y < indexes.length; y++) {
        const j = indexes[y]!;
        if (i < j) pairs.add(i, j);
        else pairs.add(j, i);
      }
    }
  }

  private intern(product: string): number {
    let index = this.productIndex.get(product);
    if (index === undefined) {
      index = this.productNames.length;
      this.productIndex.set(product, index);
      this.productNames.push(product);
      this.productOrders.push(0);
    }
    return index;
  }

  protected mergeAggregate(other: this): void {
    const map = other.productNames.map((name) => this.intern(name));
    other.productOrders.forEach((count, index) => {
      this.productOrders[map[index]!]! += count;
    });
    this.orders += other.orders;
    const pairs = this.pairs;
    if (pairs instanceof ExactPairCounts) {
      other.pairs.forEach((i, j, count) => {
        const a = map[i]!;
        const b = map[j]!;
        pairs.addCount(Math.min(a, b), Math.max(a, b), count);
      });
    } else {
      pairs.merge(other.pairs as SpaceSavingPairCounts, (index) => map[index]!);
    }
  }

  protected aggregateToJSON(): Record<string, unknown> {
    const names = this.productNames;
    const pairs: [string, string, number][] = [];
    this.pairs.forEach((i, j, count) => {
      pairs.push(names[j]! < names[i]! ? [names[j]!, names[i]!, count] : [names[i]!, names[j]!, count]);
    });
    const state: Record<string, unknown> = { orders: this.orders, products: names.map((name, index) => [name, this.productOrders[index]!]), pairs };
    if (this.pairs instanceof SpaceSavingPairCounts) {
      state['occurrences'] = this.pairs.occurrences;
      state['floor'] = this.pairs.floor;
    }
    return state;
  }

  protected loadAggregate(state: Record<string, unknown>): void {
    const orders = stateCount(state['orders'], 'state.orders');
    this.orders = orders;
    stateArray(state['products'], 'state.products').forEach((entry, index) => {
      const path = `state.products[${index}]`;
      const tuple = stateArray(entry, path, 2);
      if (tuple.length !== 2) throw invalidState(path, 'expected [product, orders containing it]');
      const product = this.readProduct(tuple[0], `${path}[0]`);
      const count = stateCount(tuple[1], `${path}[1]`);
      if (this.productIndex.has(product)) throw invalidState(`${path}[0]`, `product ${show(product)} appears twice`);
      if (count === 0 || count > orders) throw invalidState(`${path}[1]`, `expected 1 to ${orders} orders (state.orders)`);
      this.productOrders[this.intern(product)] = count;
    });
    const pairs = this.pairs;
    const bounded: [number, number, number][] = [];
    const seen = new Map<number, Set<number>>();
    const floor = pairs instanceof SpaceSavingPairCounts ? stateCount(state['floor'], 'state.floor') : 0;
    stateArray(state['pairs'], 'state.pairs').forEach((entry, index) => {
      const path = `state.pairs[${index}]`;
      const tuple = stateArray(entry, path, 3);
      if (tuple.length !== 3) throw invalidState(path, 'expected [a, b, count]');
      const a = this.knownProduct(tuple[0], `${path}[0]`);
      const b = this.knownProduct(tuple[1], `${path}[1]`);
      if (!(this.productNames[a]! < this.productNames[b]!)) throw invalidState(path, 'expected a < b (code-unit order)');
      const count = stateCount(tuple[2], `${path}[2]`);
      const i = Math.min(a, b);
      const j = Math.max(a, b);
      let row = seen.get(i);
      if (row === undefined) seen.set(i, (row = new Set()));
      if (row.has(j)) throw invalidState(path, 'the pair appears twice');
      row.add(j);
      const countA = this.productOrders[a]!;
      const countB = this.productOrders[b]!;
      if (pairs instanceof ExactPairCounts) {
        if (count === 0 || count > Math.min(countA, countB) || countA + countB - count > orders) {
          throw invalidState(`${path}[2]`, "expected at least 1 and at most either product's orders, with n(a) + n(b) − count ≤ orders");
        }
        pairs.addCount(i, j, count);
      } else {
        if (count === 0 || count < floor) throw invalidState(`${path}[2]`, 'expected at least 1 and at least state.floor');
        bounded.push([i, j, count]);
      }
    });
    if (pairs instanceof SpaceSavingPairCounts) {
      const occurrences = stateCount(state['occurrences'], 'state.occurrences');
      if (bounded.length > pairs.capacity) throw invalidState('state.pairs', `expected at most ${pairs.capacity} pairs (the capacity)`);
      // capacity · floor + Σ (count − floor) ≤ occurrences: the Space-Saving invariant (hence floor ≤ occurrences ÷ capacity)
      let mass = BigInt(pairs.capacity) * BigInt(floor);
      for (const [, , count] of bounded) mass += BigInt(count - floor);
      if (mass > BigInt(occurrences)) throw invalidState('state.floor', 'the counters add up to more than the pair occurrences seen');
      pairs.load(bounded, floor, occurrences);
    }
  }

  private readProduct(value: unknown, path: string): string {
    return this.options.by === 'sku' ? stateId(value, path) : stateString(value, path);
  }

  private knownProduct(value: unknown, path: string): number {
    const index = this.productIndex.get(stateString(value, path));
    if (index === undefined) throw invalidState(path, 'not in state.products');
    return index;
  }

  protected override contributionToJSON(products: readonly string[]): unknown {
    return [...products];
  }

  protected override contributionFromJSON(json: unknown, path: string): readonly string[] {
    const products = stateArray(json, path).map((item, index) => this.readProduct(item, `${path}[${index}]`));
    if (products.length === 0 || new Set(products).size !== products.length) throw invalidState(path, 'expected the distinct products of an order');
    return products;
  }

  protected empty(): this {
    return new CoPurchaseEngine(this.options) as this;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function productArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new KpiError('INVALID_ARGUMENT', 'sku', `expected a product id (a string), got ${show(value)}`);
}
