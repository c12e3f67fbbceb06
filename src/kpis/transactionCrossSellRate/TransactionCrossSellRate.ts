import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { transactionCrossSellRateSettings, transactionCrossSellRateSpec, type TransactionCrossSellRateFold, type TransactionCrossSellRateSettings } from './fold.js';
import type { TransactionCrossSellRateInput } from './formula.js';

/**
 * Options of {@link TransactionCrossSellRate}.
 * @category Cross-sell
 */
export interface TransactionCrossSellRateOptions {
  /** What counts as a distinct product: the line's `'sku'` (default) or its `'category'`. */
  by?: 'sku' | 'category';
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link TransactionCrossSellRate}: {@link transactionCrossSellRate}'s input plus its `value`.
 * @category Cross-sell
 */
export interface TransactionCrossSellRateResult extends TransactionCrossSellRateInput {
  /** crossSellOrders ÷ orders, or `null` with no orders. */
  value: number | null;
}

/**
 * Streams orders into the transaction cross-sell rate: the share of orders with at least two distinct products.
 *
 * @remarks
 * Keeps two counts; with `dedupe` (the default) also each order's id, fingerprint and whether it
 * was a cross-sell order, so re-delivered orders count once and merges of overlapping streams are
 * exact. `add` is O(lines). See {@link transactionCrossSellRate} for the formula.
 *
 * @example
 * ```ts
 * import { TransactionCrossSellRate } from 'xsell-kpi';
 * const rate = new TransactionCrossSellRate();
 * rate.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29' }] });
 * rate.add({ orderId: 'o2', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999', quantity: 2 }] });
 * rate.result(); // => { value: 0.5, crossSellOrders: 1, orders: 2 }
 * ```
 * @category Cross-sell
 */
export class TransactionCrossSellRate implements Accumulator<Order, TransactionCrossSellRateResult> {
  #engine: OrderEngine<TransactionCrossSellRateFold, TransactionCrossSellRateSettings>;

  /**
   * @param options - `by` (`'sku'`), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`.
   */
  constructor(options?: TransactionCrossSellRateOptions) {
    this.#engine = new OrderEngine(transactionCrossSellRateSpec, transactionCrossSellRateSettings(options));
    brand(this, 'TransactionCrossSellRate');
  }

  /**
   * The transaction cross-sell rate over `orders`: `new TransactionCrossSellRate(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { TransactionCrossSellRate } from 'xsell-kpi';
   * TransactionCrossSellRate.of([]); // => { value: null, crossSellOrders: 0, orders: 0 }
   * ```
   */
  static of(orders: Iterable<Order>, options?: TransactionCrossSellRateOptions): TransactionCrossSellRateResult {
    return new TransactionCrossSellRate(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link TransactionCrossSellRate.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { TransactionCrossSellRate } from 'xsell-kpi';
   * const saved = JSON.stringify(new TransactionCrossSellRate({ by: 'category' }));
   * TransactionCrossSellRate.fromJSON(JSON.parse(saved)).toJSON().options; // => { by: 'category', dedupe: true }
   * ```
   */
  static fromJSON(json: unknown): TransactionCrossSellRate {
    const engine = restoreEngine(json, transactionCrossSellRateSpec, transactionCrossSellRateSettings);
    const restored = new TransactionCrossSellRate(engine.options);
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

  merge(other: TransactionCrossSellRate): this {
    this.#engine.merge(mergeable(other, TransactionCrossSellRate, 'TransactionCrossSellRate').#engine);
    return this;
  }

  /** The transaction cross-sell rate over everything added: {@link transactionCrossSellRate}'s input plus `value`. */
  result(): TransactionCrossSellRateResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
