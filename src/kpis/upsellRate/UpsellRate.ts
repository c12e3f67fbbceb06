import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { upsellRateSettings, upsellRateSpec, type UpsellRateFold, type UpsellRateSettings } from './fold.js';
import type { UpsellRateInput } from './formula.js';

/**
 * Options of {@link UpsellRate}.
 * @category Upsell
 */
export interface UpsellRateOptions {
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link UpsellRate}: {@link upsellRate}'s input plus its `value`.
 * @category Upsell
 */
export interface UpsellRateResult extends UpsellRateInput {
  /** upsoldCustomers ÷ customers, or `null` with no customers. */
  value: number | null;
}

/**
 * Streams orders into the upsell rate: the share of customers with at least one line attributed `source: 'upsell'`.
 *
 * @remarks
 * Keeps one flag per customer (merges are a union: exact and idempotent); with `dedupe` (the
 * default) also each order's id and fingerprint, to refuse conflicting re-deliveries.
 * `add` is O(lines). See {@link upsellRate} for the formula.
 *
 * @example
 * ```ts
 * import { UpsellRate } from 'xsell-kpi';
 * const rate = new UpsellRate();
 * rate.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'pro-plan', unitPrice: '49', source: 'upsell' }] });
 * rate.add({ orderId: 'o2', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'basic-plan', unitPrice: '19' }] });
 * rate.result(); // => { value: 0.5, upsoldCustomers: 1, customers: 2 }
 * ```
 * @category Upsell
 */
export class UpsellRate implements Accumulator<Order, UpsellRateResult> {
  #engine: OrderEngine<UpsellRateFold, UpsellRateSettings>;

  /**
   * @param options - `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`.
   */
  constructor(options?: UpsellRateOptions) {
    this.#engine = new OrderEngine(upsellRateSpec, upsellRateSettings(options));
    brand(this, 'UpsellRate');
  }

  /**
   * The upsell rate over `orders`: `new UpsellRate(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { UpsellRate } from 'xsell-kpi';
   * UpsellRate.of([]); // => { value: null, upsoldCustomers: 0, customers: 0 }
   * ```
   */
  static of(orders: Iterable<Order>, options?: UpsellRateOptions): UpsellRateResult {
    return new UpsellRate(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link UpsellRate.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { UpsellRate } from 'xsell-kpi';
   * UpsellRate.fromJSON({ kind: 'UpsellRate', version: 1, options: { dedupe: false }, state: { customers: [['ann', true], ['bob', false]] } }).result().value; // => 0.5
   * ```
   */
  static fromJSON(json: unknown): UpsellRate {
    const engine = restoreEngine(json, upsellRateSpec, upsellRateSettings);
    const restored = new UpsellRate(engine.options);
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

  merge(other: UpsellRate): this {
    this.#engine.merge(mergeable(other, UpsellRate, 'UpsellRate').#engine);
    return this;
  }

  /** The upsell rate over everything added: {@link upsellRate}'s input plus `value`. */
  result(): UpsellRateResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
