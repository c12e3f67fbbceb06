import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Decimal } from '../../core/decimal.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { averageOrderValueSettings, averageOrderValueSpec, type AverageOrderValueFold, type AverageOrderValueSettings } from './fold.js';

/**
 * Options of {@link AverageOrderValue}.
 * @category Order value
 */
export interface AverageOrderValueOptions {
  /** ISO 4217 code for orders that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link AverageOrderValue}: {@link averageOrderValue}'s input plus its `value` and the currency.
 * @category Order value
 */
export interface AverageOrderValueResult {
  /** revenue ÷ orders, or `null` with no orders. */
  value: Decimal | null;
  /** Revenue of all orders, exact. */
  revenue: Decimal;
  /** Number of orders. */
  orders: number;
  /** The orders' ISO 4217 code, or `null` when they carry none. */
  currency: string | null;
}

/**
 * Per-order moments of order value, the input of `compareMeans` (A/B tests on AOV).
 * @category Order value
 */
export interface OrderValueMoments {
  /** Number of orders. */
  count: number;
  /** Mean order value, as a number. */
  mean: number;
  /** Sample variance of order value (n − 1 in the denominator); 0 with fewer than two orders. */
  variance: number;
}

/**
 * Streams orders into the average order value (AOV), with exact money.
 *
 * @remarks
 * Keeps the exact revenue sum, the sum of squared order values (for {@link AverageOrderValue.moments})
 * and the order count; with `dedupe` (the default) also each order's id, fingerprint and revenue,
 * so re-delivered orders count once and merges of overlapping streams are exact.
 * All orders must share one currency (`MIXED_CURRENCY` otherwise). `add` is O(lines).
 *
 * @example
 * ```ts
 * import { AverageOrderValue } from 'xsell-kpi';
 * const aov = new AverageOrderValue({ currency: 'USD' });
 * aov.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: '19.99', quantity: 2 }] });
 * aov.add({ orderId: 'o2', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'B', unitPrice: '10.00', discount: '0.98' }] });
 * aov.result().value?.toString(); // => '24.5'
 * aov.result().revenue.toString(); // => '49'
 * aov.result().currency; // => 'USD'
 * ```
 * @category Order value
 */
export class AverageOrderValue implements Accumulator<Order, AverageOrderValueResult> {
  #engine: OrderEngine<AverageOrderValueFold, AverageOrderValueSettings>;

  /**
   * @param options - `currency` (none), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`, `INVALID_CURRENCY`.
   */
  constructor(options?: AverageOrderValueOptions) {
    this.#engine = new OrderEngine(averageOrderValueSpec, averageOrderValueSettings(options));
    brand(this, 'AverageOrderValue');
  }

  /**
   * The average order value over `orders`: `new AverageOrderValue(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { AverageOrderValue } from 'xsell-kpi';
   * AverageOrderValue.of([{ orderId: 'o1', customerId: 'c', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: 0.1 }, { sku: 'B', unitPrice: 0.2 }] }]).value?.toString(); // => '0.3'
   * ```
   */
  static of(orders: Iterable<Order>, options?: AverageOrderValueOptions): AverageOrderValueResult {
    return new AverageOrderValue(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link AverageOrderValue.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { AverageOrderValue } from 'xsell-kpi';
   * const saved = JSON.stringify(new AverageOrderValue({ currency: 'EUR' }));
   * AverageOrderValue.fromJSON(JSON.parse(saved)).result().currency; // => 'EUR'
   * ```
   */
  static fromJSON(json: unknown): AverageOrderValue {
    const engine = restoreEngine(json, averageOrderValueSpec, averageOrderValueSettings);
    const restored = new AverageOrderValue(engine.options);
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

  merge(other: AverageOrderValue): this {
    this.#engine.merge(mergeable(other, AverageOrderValue, 'AverageOrderValue').#engine);
    return this;
  }

  /** The average order value over everything added: {@link averageOrderValue}'s input plus `value` and `currency`. */
  result(): AverageOrderValueResult {
    return this.#engine.result();
  }

  /**
   * The count, mean and sample variance of order value, the input `compareMeans` takes.
   *
   * @returns `{ count, mean, variance }` as numbers; the mean is 0 with no orders.
   * @example
   * ```ts
   * import { AverageOrderValue } from 'xsell-kpi';
   * const aov = new AverageOrderValue();
   * for (const [id, price] of [['o1', '10'], ['o2', '20'], ['o3', '30']]) {
   *   aov.add({ orderId: id, customerId: id, timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: price }] });
   * }
   * aov.moments(); // => { count: 3, mean: 20, variance: 100 }
   * ```
   */
  moments(): OrderValueMoments {
    return this.#engine.fold.moments();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
