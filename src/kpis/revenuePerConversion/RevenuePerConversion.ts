import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Decimal } from '../../core/decimal.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { revenuePerConversionSettings, revenuePerConversionSpec, type RevenuePerConversionFold, type RevenuePerConversionSettings } from './fold.js';

/**
 * Options of {@link RevenuePerConversion}.
 * @category Order value
 */
export interface RevenuePerConversionOptions {
  /** Which attributed lines count: `'cross-sell'` or `'upsell'` (required). */
  source: 'cross-sell' | 'upsell';
  /** ISO 4217 code for orders that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link RevenuePerConversion}: {@link revenuePerConversion}'s input plus its `value` and the currency.
 * @category Order value
 */
export interface RevenuePerConversionResult {
  /** revenue ÷ conversions, or `null` with no conversions. */
  value: Decimal | null;
  /** Revenue of the lines with the `source`, exact. */
  revenue: Decimal;
  /** Orders with at least one line of the `source`. */
  conversions: number;
  /** The orders' ISO 4217 code, or `null` when they carry none. */
  currency: string | null;
}

/**
 * Streams orders into the revenue per successful cross-sell (or upsell), with exact money.
 *
 * @remarks
 * Keeps the exact revenue of the lines attributed to `source`, the number of orders with such a
 * line (conversions) and the number of orders; with `dedupe` (the default) also each order's id,
 * fingerprint and attributed revenue, so re-delivered orders count once and merges of overlapping
 * streams are exact. Every order, converted or not, must be in the one currency (`MIXED_CURRENCY`
 * otherwise). An attributed line with price 0 still makes its order a conversion.
 * `add` is O(lines). See {@link revenuePerConversion} for the formula.
 *
 * @example
 * ```ts
 * import { RevenuePerConversion } from 'xsell-kpi';
 * const perCrossSell = new RevenuePerConversion({ source: 'cross-sell', currency: 'USD' });
 * perCrossSell.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29.99', source: 'cross-sell' }] });
 * perCrossSell.add({ orderId: 'o2', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'mouse', unitPrice: '19.99', quantity: 2, source: 'cross-sell' }, { sku: 'pad', unitPrice: '5', source: 'cross-sell' }] });
 * perCrossSell.add({ orderId: 'o3', customerId: 'cy', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }] });
 * perCrossSell.result(); // => { value: '37.485', revenue: '74.97', conversions: 2, currency: 'USD' }
 * perCrossSell.add({ orderId: 'o4', customerId: 'dee', timestamp: '2026-11-02T10:00:00Z', currency: 'EUR', lines: [{ sku: 'case', unitPrice: '25' }] }); // throws MIXED_CURRENCY
 * ```
 * @category Order value
 */
export class RevenuePerConversion implements Accumulator<Order, RevenuePerConversionResult> {
  #engine: OrderEngine<RevenuePerConversionFold, RevenuePerConversionSettings>;

  /**
   * @param options - `source` (required), `currency` (none), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION` (also when `source` is missing), `INVALID_CURRENCY`.
   */
  constructor(options: RevenuePerConversionOptions) {
    this.#engine = new OrderEngine(revenuePerConversionSpec, revenuePerConversionSettings(options));
    brand(this, 'RevenuePerConversion');
  }

  /**
   * The revenue per conversion over `orders`: `new RevenuePerConversion(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { RevenuePerConversion } from 'xsell-kpi';
   * const order = { orderId: 'o1', customerId: 'c', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: 0.1, source: 'upsell' as const }, { sku: 'B', unitPrice: 0.2, source: 'upsell' as const }] };
   * RevenuePerConversion.of([order], { source: 'upsell' }).value?.toString(); // => '0.3'
   * RevenuePerConversion.of([order], { source: 'cross-sell' }); // => { value: null, revenue: '0', conversions: 0, currency: null }
   * ```
   */
  static of(orders: Iterable<Order>, options: RevenuePerConversionOptions): RevenuePerConversionResult {
    return new RevenuePerConversion(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link RevenuePerConversion.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { RevenuePerConversion } from 'xsell-kpi';
   * const rate = new RevenuePerConversion({ source: 'upsell' });
   * rate.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', currency: 'EUR', lines: [{ sku: 'XL', unitPrice: '12.50', source: 'upsell' }] });
   * const restored = RevenuePerConversion.fromJSON(JSON.parse(JSON.stringify(rate)));
   * restored.result(); // => { value: '12.5', revenue: '12.5', conversions: 1, currency: 'EUR' }
   * ```
   */
  static fromJSON(json: unknown): RevenuePerConversion {
    const engine = restoreEngine(json, revenuePerConversionSpec, revenuePerConversionSettings);
    const restored = new RevenuePerConversion(engine.options);
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

  merge(other: RevenuePerConversion): this {
    this.#engine.merge(mergeable(other, RevenuePerConversion, 'RevenuePerConversion').#engine);
    return this;
  }

  /** The revenue per conversion over everything added: {@link revenuePerConversion}'s input plus `value` and `currency`. */
  result(): RevenuePerConversionResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
