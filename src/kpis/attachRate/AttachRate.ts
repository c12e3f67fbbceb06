import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { attachRateSettings, attachRateSpec, type AttachRateFold, type AttachRateSettings } from './fold.js';
import type { AttachRateInput } from './formula.js';

/**
 * A set of products, by SKU and/or by category: a line matches when its SKU or its category is listed.
 * @category Cross-sell
 */
export interface ProductSelector {
  /** Product ids. */
  skus?: string[];
  /** Categories. */
  categories?: string[];
}

/**
 * Options of {@link AttachRate}.
 * @category Cross-sell
 */
export interface AttachRateOptions {
  /** The anchor product(s), such as `{ categories: ['laptops'] }`. Required. */
  anchor: ProductSelector;
  /** What counts as an attachment; anything that does not match `anchor` when absent. */
  attach?: ProductSelector | null;
  /** Whose purchases are compared: each `'customer'`'s over the scope (default), or each `'order'`'s. */
  per?: 'customer' | 'order';
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link AttachRate}: {@link attachRate}'s input plus its `value`.
 * @category Cross-sell
 */
export interface AttachRateResult extends AttachRateInput {
  /** attached ÷ anchors, or `null` when nobody bought the anchor. */
  value: number | null;
}

/**
 * Streams orders into the attach rate: the share of anchor buyers who also bought an attachment.
 *
 * @remarks
 * With `per: 'customer'` (the default) a customer is attached when, over everything added, they
 * bought the anchor and also a line that does not match the anchor (or, when `attach` is given,
 * one that matches it); it keeps two flags per customer, and merges are a union. With
 * `per: 'order'` the same is asked of each order, and it keeps two counts (plus, with `dedupe`,
 * each order's id, fingerprint and flags). `add` is O(lines). See {@link attachRate}.
 *
 * @example
 * ```ts
 * import { AttachRate } from 'xsell-kpi';
 * const rate = new AttachRate({ anchor: { categories: ['laptops'] } });
 * rate.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'x1', category: 'laptops', unitPrice: '999' }] });
 * rate.add({ orderId: 'o2', customerId: 'ann', timestamp: '2026-11-02T10:00:01Z', lines: [{ sku: 'sleeve', category: 'cases', unitPrice: '29' }] });
 * rate.add({ orderId: 'o3', customerId: 'bob', timestamp: '2026-11-02T10:00:02Z', lines: [{ sku: 'x1', category: 'laptops', unitPrice: '999' }] });
 * rate.result(); // => { value: 0.5, attached: 1, anchors: 2 }
 * ```
 * @category Cross-sell
 */
export class AttachRate implements Accumulator<Order, AttachRateResult> {
  #engine: OrderEngine<AttachRateFold, AttachRateSettings>;

  /**
   * @param options - `anchor` (required), `attach` (anything else), `per` (`'customer'`), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`, also when `anchor` lists nothing.
   */
  constructor(options: AttachRateOptions) {
    this.#engine = new OrderEngine(attachRateSpec, attachRateSettings(options));
    brand(this, 'AttachRate');
  }

  /**
   * The attach rate over `orders`: `new AttachRate(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { AttachRate } from 'xsell-kpi';
   * const orders = [{ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'x1', unitPrice: '999' }, { sku: 'mouse', unitPrice: '19' }] }];
   * AttachRate.of(orders, { anchor: { skus: ['x1'] }, attach: { skus: ['sleeve'] }, per: 'order' }); // => { value: 0, attached: 0, anchors: 1 }
   * ```
   */
  static of(orders: Iterable<Order>, options: AttachRateOptions): AttachRateResult {
    return new AttachRate(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link AttachRate.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { AttachRate } from 'xsell-kpi';
   * const saved = JSON.stringify(new AttachRate({ anchor: { skus: ['x1'] } }));
   * AttachRate.fromJSON(JSON.parse(saved)).result(); // => { value: null, attached: 0, anchors: 0 }
   * ```
   */
  static fromJSON(json: unknown): AttachRate {
    const engine = restoreEngine(json, attachRateSpec, attachRateSettings);
    const restored = new AttachRate(engine.options);
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

  merge(other: AttachRate): this {
    this.#engine.merge(mergeable(other, AttachRate, 'AttachRate').#engine);
    return this;
  }

  /** The attach rate over everything added: {@link attachRate}'s input plus `value`. */
  result(): AttachRateResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
