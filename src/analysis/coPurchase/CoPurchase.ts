import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { coPurchaseSettings, coPurchaseSpec, type CoPurchaseFold, type CoPurchaseSettings } from './fold.js';

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
 * together.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29' }] });
 * together.add({ orderId: 'o2', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'mouse', unitPrice: '19' }] });
 * together.add({ orderId: 'o3', customerId: 'cy', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29' }] });
 * together.add({ orderId: 'o4', customerId: 'dee', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'mouse', unitPrice: '19' }] });
 * together.result().pairs[0]; // => { a: 'case', b: 'laptop', count: 2, support: 0.5, confidenceAB: 1, confidenceBA: 2 / 3, lift: 4 / 3 }
 * together.topComplements('laptop').map((complement) => complement.sku); // => ['case', 'mouse']
 * ```
 * @category Analysis
 */
export class CoPurchase implements Accumulator<Order, CoPurchaseResult> {
  #engine: OrderEngine<CoPurchaseFold, CoPurchaseSettings>;

  /**
   * @param options - `by` (`'sku'`), `dedupe` (`true`), `mode` (`'exact'`), `capacity` (10,000; bounded mode only).
   * @throws {@link KpiError} `INVALID_OPTION` for an unknown option or value, or `capacity` without `mode: 'bounded'`.
   */
  constructor(options?: CoPurchaseOptions) {
    this.#engine = new OrderEngine(coPurchaseSpec, coPurchaseSettings(options));
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
   * const orders = [{ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'tea', unitPrice: '4' }, { sku: 'cups', unitPrice: '12' }] }];
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
    const engine = restoreEngine(json, coPurchaseSpec, coPurchaseSettings);
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
   *   { orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [line('laptop'), line('case'), line('mouse')] },
   *   { orderId: 'o2', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', lines: [line('laptop'), line('case')] },
   *   { orderId: 'o3', customerId: 'cy', timestamp: '2026-11-02T10:00:00Z', lines: [line('laptop'), line('mouse')] },
   *   { orderId: 'o4', customerId: 'dee', timestamp: '2026-11-02T10:00:00Z', lines: [line('case')] },
   *   { orderId: 'o5', customerId: 'eve', timestamp: '2026-11-02T10:00:00Z', lines: [line('case')] },
   * ]);
   * together.topComplements('laptop', { limit: 5 }); // => [{ sku: 'case', count: 2, confidence: 2 / 3, lift: 5 / 6 }, { sku: 'mouse', count: 2, confidence: 2 / 3, lift: 5 / 3 }]
   * together.topComplements('laptop', { rankBy: 'lift', limit: 1 }); // => [{ sku: 'mouse', count: 2, confidence: 2 / 3, lift: 5 / 3 }]
   * together.topComplements('stapler'); // => []
   * together.topComplements('laptop', { limit: -1 }); // throws INVALID_OPTION
   * ```
   */
  topComplements(sku: string, options?: TopComplementsOptions): Complement[] {
    return this.#engine.fold.topComplements(sku, options);
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
