import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import { brand, mergeable } from '../../_internal/merge.js';
import type { Order } from '../../core/events.js';
import type { Decimal } from '../../core/decimal.js';
import { divide } from '../../_internal/decimal.js';
import { MoneySum, SquareSum, amountText, fromDecimal, type Amount } from '../../_internal/amount.js';
import { OrderAccumulator, fromOptions, readHeader } from '../../_internal/OrderAccumulator.js';
import type { NormalizedOrder } from '../../_internal/normalize.js';
import { currencyOption, flag, optionsObject } from '../../_internal/options.js';
import { currencyFromJSON, currencyToJSON, mergedCurrency, orderCurrency } from '../../_internal/orderCurrency.js';
import { stateCount, stateMoney } from '../../_internal/state.js';
import { averageOrderValue } from './averageOrderValue.js';

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

interface Options {
  currency: string | null;
  dedupe: boolean;
}

interface Contribution {
  revenue: Amount;
  currency: string | null;
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
 * aov.add({ orderId: 'o1', customerId: 'ann', timestamp: 0, lines: [{ sku: 'A', unitPrice: '19.99', quantity: 2 }] });
 * aov.add({ orderId: 'o2', customerId: 'bob', timestamp: 0, lines: [{ sku: 'B', unitPrice: '10.00', discount: '0.98' }] });
 * aov.result().value?.toString(); // => '24.5'
 * aov.result().revenue.toString(); // => '49'
 * aov.result().currency; // => 'USD'
 * ```
 * @category Order value
 */
export class AverageOrderValue implements Accumulator<Order, AverageOrderValueResult> {
  #engine: AverageOrderValueEngine;

  /**
   * @param options - `currency` (none), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`, `INVALID_CURRENCY`.
   */
  constructor(options?: AverageOrderValueOptions) {
    this.#engine = new AverageOrderValueEngine(options);
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
   * AverageOrderValue.of([{ orderId: 'o1', customerId: 'c', timestamp: 0, lines: [{ sku: 'A', unitPrice: 0.1 }, { sku: 'B', unitPrice: 0.2 }] }]).value?.toString(); // => '0.3'
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
    const engine = AverageOrderValueEngine.fromJSON(json);
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
   *   aov.add({ orderId: id, customerId: id, timestamp: 0, lines: [{ sku: 'A', unitPrice: price }] });
   * }
   * aov.moments(); // => { count: 3, mean: 20, variance: 100 }
   * ```
   */
  moments(): OrderValueMoments {
    return this.#engine.moments();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}

/** @internal The engine behind {@link AverageOrderValue}. */
class AverageOrderValueEngine extends OrderAccumulator<Contribution, AverageOrderValueResult, Options> {
  private readonly revenue = new MoneySum();
  private readonly squares = new SquareSum();
  private orders = 0;
  private currency: string | null | undefined;
  protected readonly aggregateFields = ['revenue', 'squares', 'orders', 'currency'] as const;

  constructor(options?: AverageOrderValueOptions) {
    const bag = optionsObject(options, ['currency', 'dedupe']);
    super('AverageOrderValue', 1, { currency: currencyOption(bag['currency']), dedupe: flag(bag['dedupe'], 'dedupe', true) }, true);
  }

  static fromJSON(json: unknown): AverageOrderValueEngine {
    const { options, state } = readHeader(json, 'AverageOrderValue', 1);
    return fromOptions(options, (o: AverageOrderValueOptions) => new AverageOrderValueEngine(o)).load(state);
  }

  result(): AverageOrderValueResult {
    const revenue = this.revenue.value();
    const orders = this.orders;
    return { value: averageOrderValue({ revenue, orders }), revenue, orders, currency: this.currency ?? this.options.currency };
  }

  moments(): OrderValueMoments {
    const count = this.orders;
    if (count === 0) return { count, mean: 0, variance: 0 };
    const revenue = this.revenue.value();
    const mean = divide(revenue, count).toNumber();
    // Σ(x − x̄)² = Σx² − (Σx)²/n: exact until the one division.
    const sumOfSquares = divide(this.squares.value().times(count).minus(revenue.times(revenue)), count);
    const variance = count < 2 ? 0 : divide(sumOfSquares, count - 1).toNumber();
    return { count, mean, variance };
  }

  protected contribute(order: NormalizedOrder): Contribution {
    return { revenue: order.revenue, currency: orderCurrency(order, this.options.currency, this.currency) };
  }

  protected fold({ revenue, currency }: Contribution): void {
    this.revenue.add(revenue);
    this.squares.add(revenue);
    this.orders++;
    this.currency = currency;
  }

  protected override checkMerge(other: this): void {
    mergedCurrency(this.currency, other.currency);
  }

  protected mergeAggregate(other: this): void {
    this.revenue.addSum(other.revenue);
    this.squares.addSum(other.squares);
    this.orders += other.orders;
    this.currency = mergedCurrency(this.currency, other.currency);
  }

  protected aggregateToJSON(): Record<string, unknown> {
    return { revenue: this.revenue.value().toFixed(), squares: this.squares.value().toFixed(), orders: this.orders, currency: currencyToJSON(this.currency) };
  }

  protected loadAggregate(state: Record<string, unknown>): void {
    this.revenue.add(fromDecimal(stateMoney(state['revenue'], 'state.revenue')));
    this.squares.addValue(stateMoney(state['squares'], 'state.squares'));
    this.orders = stateCount(state['orders'], 'state.orders');
    this.currency = currencyFromJSON(state['currency'], this.orders, 'state.currency');
  }

  protected override keep({ revenue }: Contribution): unknown {
    return revenue;
  }

  protected override unkeep(revenue: unknown): Contribution {
    return { revenue: revenue as Amount, currency: this.currency ?? null };
  }

  protected override contributionToJSON({ revenue }: Contribution): unknown {
    return amountText(revenue);
  }

  protected override contributionFromJSON(json: unknown, path: string): Contribution {
    return { revenue: fromDecimal(stateMoney(json, path)), currency: this.currency ?? null };
  }

  protected empty(): this {
    return new AverageOrderValueEngine(this.options) as this;
  }
}
