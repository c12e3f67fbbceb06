import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import { brand, mergeable } from '../../_internal/merge.js';
import type { Order } from '../../core/events.js';
import { OrderAccumulator, fromOptions, readHeader } from '../../_internal/OrderAccumulator.js';
import type { NormalizedOrder } from '../../_internal/normalize.js';
import { flag, oneOf, optionsObject } from '../../_internal/options.js';
import { distinctProducts, type ProductKey } from '../../_internal/products.js';
import { invalidState, stateBoolean, stateCount } from '../../_internal/state.js';
import { transactionCrossSellRate, type TransactionCrossSellRateInput } from './transactionCrossSellRate.js';

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

interface Options {
  by: ProductKey;
  dedupe: boolean;
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
 * rate.add({ orderId: 'o1', customerId: 'ann', timestamp: 0, lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29' }] });
 * rate.add({ orderId: 'o2', customerId: 'bob', timestamp: 0, lines: [{ sku: 'laptop', unitPrice: '999', quantity: 2 }] });
 * rate.result(); // => { value: 0.5, crossSellOrders: 1, orders: 2 }
 * ```
 * @category Cross-sell
 */
export class TransactionCrossSellRate implements Accumulator<Order, TransactionCrossSellRateResult> {
  #engine: TransactionCrossSellRateEngine;

  /**
   * @param options - `by` (`'sku'`), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`.
   */
  constructor(options?: TransactionCrossSellRateOptions) {
    this.#engine = new TransactionCrossSellRateEngine(options);
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
    const engine = TransactionCrossSellRateEngine.fromJSON(json);
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

/** @internal The engine behind {@link TransactionCrossSellRate}. */
class TransactionCrossSellRateEngine extends OrderAccumulator<boolean, TransactionCrossSellRateResult, Options> {
  private crossSellOrders = 0;
  private orders = 0;
  protected readonly aggregateFields = ['crossSellOrders', 'orders'] as const;

  constructor(options?: TransactionCrossSellRateOptions) {
    const bag = optionsObject(options, ['by', 'dedupe']);
    super('TransactionCrossSellRate', 1, { by: oneOf(bag['by'], 'by', ['sku', 'category'], 'sku'), dedupe: flag(bag['dedupe'], 'dedupe', true) }, true);
  }

  static fromJSON(json: unknown): TransactionCrossSellRateEngine {
    const { options, state } = readHeader(json, 'TransactionCrossSellRate', 1);
    return fromOptions(options, (o: TransactionCrossSellRateOptions) => new TransactionCrossSellRateEngine(o)).load(state);
  }

  result(): TransactionCrossSellRateResult {
    const counts = { crossSellOrders: this.crossSellOrders, orders: this.orders };
    return { value: transactionCrossSellRate(counts), ...counts };
  }

  protected contribute(order: NormalizedOrder): boolean {
    return distinctProducts(order, this.options.by, 2).length >= 2;
  }

  protected fold(crossSell: boolean): void {
    if (crossSell) this.crossSellOrders++;
    this.orders++;
  }

  protected mergeAggregate(other: this): void {
    this.crossSellOrders += other.crossSellOrders;
    this.orders += other.orders;
  }

  protected aggregateToJSON(): Record<string, unknown> {
    return { crossSellOrders: this.crossSellOrders, orders: this.orders };
  }

  protected loadAggregate(state: Record<string, unknown>): void {
    this.crossSellOrders = stateCount(state['crossSellOrders'], 'state.crossSellOrders');
    this.orders = stateCount(state['orders'], 'state.orders');
    if (this.crossSellOrders > this.orders) throw invalidState('state.crossSellOrders', 'exceeds orders');
  }

  protected override contributionToJSON(crossSell: boolean): unknown {
    return crossSell;
  }

  protected override contributionFromJSON(json: unknown, path: string): boolean {
    return stateBoolean(json, path);
  }

  protected empty(): this {
    return new TransactionCrossSellRateEngine(this.options) as this;
  }
}
