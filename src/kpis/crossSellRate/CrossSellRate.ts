import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { crossSellRateSettings, crossSellRateSpec, type CrossSellRateFold, type CrossSellRateSettings } from './fold.js';
import type { CrossSellRateInput } from './formula.js';

/**
 * Options of {@link CrossSellRate}.
 * @category Cross-sell
 */
export interface CrossSellRateOptions {
  /** What counts as a distinct product: the line's `'sku'` (default) or its `'category'`. */
  by?: 'sku' | 'category';
  /** How many distinct products make a customer cross-sold; 2 by default. */
  minDistinct?: number;
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link CrossSellRate}: {@link crossSellRate}'s input plus its `value`.
 * @category Cross-sell
 */
export interface CrossSellRateResult extends CrossSellRateInput {
  /** crossSoldCustomers ÷ customers, or `null` with no customers. */
  value: number | null;
}

/**
 * Streams orders into the customer cross-sell rate: the share of customers who bought at least `minDistinct` distinct products.
 *
 * @remarks
 * Keeps, per customer, the first `minDistinct − 1` distinct products seen and then only a
 * "cross-sold" flag, so memory is bounded per customer; with `dedupe` (the default) it also keeps
 * each order's id and a 53-bit fingerprint, so re-delivered orders count once and conflicting
 * ones are refused. Merging is a set union: exact, commutative and idempotent.
 * `add` is O(lines); `result` is O(1). See {@link crossSellRate} for the formula.
 *
 * @example
 * ```ts
 * import { CrossSellRate } from 'xsell-kpi';
 * const rate = new CrossSellRate();
 * rate.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }] });
 * rate.add({ orderId: 'o2', customerId: 'ann', timestamp: '2026-11-09T10:00:00Z', lines: [{ sku: 'case', unitPrice: '29' }] });
 * rate.add({ orderId: 'o3', customerId: 'bob', timestamp: '2026-11-09T11:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }] });
 * rate.result(); // => { value: 0.5, crossSoldCustomers: 1, customers: 2 }
 * ```
 * @category Cross-sell
 */
export class CrossSellRate implements Accumulator<Order, CrossSellRateResult> {
  #engine: OrderEngine<CrossSellRateFold, CrossSellRateSettings>;

  /**
   * @param options - `by` (`'sku'`), `minDistinct` (2), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION` for an unknown option or value.
   */
  constructor(options?: CrossSellRateOptions) {
    this.#engine = new OrderEngine(crossSellRateSpec, crossSellRateSettings(options));
    brand(this, 'CrossSellRate');
  }

  /**
   * The customer cross-sell rate over `orders`: `new CrossSellRate(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { CrossSellRate } from 'xsell-kpi';
   * const orders = [{ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29' }] }];
   * CrossSellRate.of(orders).value; // => 1
   * ```
   */
  static of(orders: Iterable<Order>, options?: CrossSellRateOptions): CrossSellRateResult {
    return new CrossSellRate(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link CrossSellRate.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE` for anything malformed or hostile; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { CrossSellRate } from 'xsell-kpi';
   * const saved = JSON.stringify(new CrossSellRate({ by: 'category' }));
   * CrossSellRate.fromJSON(JSON.parse(saved)).result(); // => { value: null, crossSoldCustomers: 0, customers: 0 }
   * ```
   */
  static fromJSON(json: unknown): CrossSellRate {
    const engine = restoreEngine(json, crossSellRateSpec, crossSellRateSettings);
    const restored = new CrossSellRate(engine.options);
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

  merge(other: CrossSellRate): this {
    this.#engine.merge(mergeable(other, CrossSellRate, 'CrossSellRate').#engine);
    return this;
  }

  /** The customer cross-sell rate over everything added: {@link crossSellRate}'s input plus `value`. */
  result(): CrossSellRateResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
