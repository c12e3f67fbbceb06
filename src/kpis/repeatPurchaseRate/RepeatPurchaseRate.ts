import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { repeatPurchaseRateSettings, repeatPurchaseRateSpec, type RepeatPurchaseRateFold, type RepeatPurchaseRateSettings } from './fold.js';
import type { RepeatPurchaseRateInput } from './formula.js';

/**
 * Options of {@link RepeatPurchaseRate}.
 * @category Retention
 */
export interface RepeatPurchaseRateOptions {
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link RepeatPurchaseRate}: {@link repeatPurchaseRate}'s input plus its `value`.
 * @category Retention
 */
export interface RepeatPurchaseRateResult extends RepeatPurchaseRateInput {
  /** repeatCustomers ÷ customers, or `null` with no customers. */
  value: number | null;
}

/**
 * Streams orders into the repeat purchase rate: the share of customers with at least two orders.
 *
 * @remarks
 * Keeps an order count per customer; with `dedupe` (the default) also each order's id,
 * fingerprint and customer, so a re-delivered order is not mistaken for a second purchase.
 * `add` is O(lines). See {@link repeatPurchaseRate} for the formula.
 *
 * @example
 * ```ts
 * import { RepeatPurchaseRate } from 'xsell-kpi';
 * const rate = new RepeatPurchaseRate();
 * const order = (orderId: string, customerId: string) => ({ orderId, customerId, timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: '1' }] });
 * rate.addAll([order('o1', 'ann'), order('o2', 'ann'), order('o2', 'ann'), order('o3', 'bob')]);
 * rate.result(); // => { value: 0.5, repeatCustomers: 1, customers: 2 }
 * ```
 * @category Retention
 */
export class RepeatPurchaseRate implements Accumulator<Order, RepeatPurchaseRateResult> {
  #engine: OrderEngine<RepeatPurchaseRateFold, RepeatPurchaseRateSettings>;

  /**
   * @param options - `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`.
   */
  constructor(options?: RepeatPurchaseRateOptions) {
    this.#engine = new OrderEngine(repeatPurchaseRateSpec, repeatPurchaseRateSettings(options));
    brand(this, 'RepeatPurchaseRate');
  }

  /**
   * The repeat purchase rate over `orders`: `new RepeatPurchaseRate(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { RepeatPurchaseRate } from 'xsell-kpi';
   * RepeatPurchaseRate.of([]); // => { value: null, repeatCustomers: 0, customers: 0 }
   * ```
   */
  static of(orders: Iterable<Order>, options?: RepeatPurchaseRateOptions): RepeatPurchaseRateResult {
    return new RepeatPurchaseRate(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link RepeatPurchaseRate.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { RepeatPurchaseRate } from 'xsell-kpi';
   * RepeatPurchaseRate.fromJSON({ kind: 'RepeatPurchaseRate', version: 1, options: { dedupe: false }, state: { customers: [['ann', 3], ['bob', 1]] } }).result().value; // => 0.5
   * ```
   */
  static fromJSON(json: unknown): RepeatPurchaseRate {
    const engine = restoreEngine(json, repeatPurchaseRateSpec, repeatPurchaseRateSettings);
    const restored = new RepeatPurchaseRate(engine.options);
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

  merge(other: RepeatPurchaseRate): this {
    this.#engine.merge(mergeable(other, RepeatPurchaseRate, 'RepeatPurchaseRate').#engine);
    return this;
  }

  /** The repeat purchase rate over everything added: {@link repeatPurchaseRate}'s input plus `value`. */
  result(): RepeatPurchaseRateResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
