import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Decimal } from '../../core/decimal.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { revenueShareSettings, revenueShareSpec, type RevenueShareFold, type RevenueShareSettings } from './fold.js';

/**
 * Options of {@link RevenueShare}.
 * @category Order value
 */
export interface RevenueShareOptions {
  /** Which attributed lines make the part: `'cross-sell'` or `'upsell'` (required). */
  source: 'cross-sell' | 'upsell';
  /** ISO 4217 code for orders that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link RevenueShare}: {@link revenueShare}'s input plus its `value` and the currency.
 * @category Order value
 */
export interface RevenueShareResult {
  /** part ÷ total, or `null` when the total is 0. */
  value: number | null;
  /** Revenue of the lines with the `source`, exact. */
  part: Decimal;
  /** Revenue of all orders, exact. */
  total: Decimal;
  /** The orders' ISO 4217 code, or `null` when they carry none. */
  currency: string | null;
}

/**
 * Streams orders into the revenue share of cross-sold (or upsold) lines, with exact money.
 *
 * @remarks
 * Keeps the exact revenue of the lines attributed to `source` (the part), the exact revenue of
 * all orders (the total) and the number of orders; with `dedupe` (the default) also each order's
 * id, fingerprint and two amounts, so re-delivered orders count once and merges of overlapping
 * streams are exact. All orders must share one currency (`MIXED_CURRENCY` otherwise).
 * `add` is O(lines). See {@link revenueShare} for the formula.
 *
 * @example
 * ```ts
 * import { RevenueShare } from 'xsell-kpi';
 * const share = new RevenueShare({ source: 'cross-sell' });
 * share.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '600' }, { sku: 'case', unitPrice: '150', source: 'cross-sell' }] });
 * share.add({ orderId: 'o2', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'tablet', unitPrice: '250' }] });
 * share.result(); // => { value: 0.15, part: '150', total: '1000', currency: null }
 * ```
 * @category Order value
 */
export class RevenueShare implements Accumulator<Order, RevenueShareResult> {
  #engine: OrderEngine<RevenueShareFold, RevenueShareSettings>;

  /**
   * @param options - `source` (required), `currency` (none), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION` (also when `source` is missing), `INVALID_CURRENCY`.
   */
  constructor(options: RevenueShareOptions) {
    this.#engine = new OrderEngine(revenueShareSpec, revenueShareSettings(options));
    brand(this, 'RevenueShare');
  }

  /**
   * The revenue share over `orders`: `new RevenueShare(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { RevenueShare } from 'xsell-kpi';
   * const order = { orderId: 'o1', customerId: 'c', timestamp: '2026-11-02T10:00:00Z', currency: 'USD', lines: [{ sku: 'A', unitPrice: '0.1', source: 'upsell' as const }, { sku: 'B', unitPrice: '0.2', source: 'upsell' as const }, { sku: 'C', unitPrice: '0.3' }] };
   * RevenueShare.of([order], { source: 'upsell' }); // => { value: 0.5, part: '0.3', total: '0.6', currency: 'USD' }
   * RevenueShare.of([], { source: 'upsell' }); // => { value: null, part: '0', total: '0', currency: null }
   * ```
   */
  static of(orders: Iterable<Order>, options: RevenueShareOptions): RevenueShareResult {
    return new RevenueShare(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link RevenueShare.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { RevenueShare } from 'xsell-kpi';
   * const saved = JSON.stringify(new RevenueShare({ source: 'upsell', currency: 'JPY' }));
   * RevenueShare.fromJSON(JSON.parse(saved)).toJSON().options; // => { source: 'upsell', currency: 'JPY', dedupe: true }
   * ```
   */
  static fromJSON(json: unknown): RevenueShare {
    const engine = restoreEngine(json, revenueShareSpec, revenueShareSettings);
    const restored = new RevenueShare(engine.options);
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

  merge(other: RevenueShare): this {
    this.#engine.merge(mergeable(other, RevenueShare, 'RevenueShare').#engine);
    return this;
  }

  /** The revenue share over everything added: {@link revenueShare}'s input plus `value` and `currency`. */
  result(): RevenueShareResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
