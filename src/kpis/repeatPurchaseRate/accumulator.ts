import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import { brand, mergeable } from '../../_internal/merge.js';
import type { Order } from '../../core/events.js';
import { OrderAccumulator, fromOptions, readHeader } from '../../_internal/OrderAccumulator.js';
import type { NormalizedOrder } from '../../_internal/normalize.js';
import { flag, optionsObject } from '../../_internal/options.js';
import { invalidState, stateArray, stateCount, stateId } from '../../_internal/state.js';
import { repeatPurchaseRate, type RepeatPurchaseRateInput } from './repeatPurchaseRate.js';

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

interface Options {
  dedupe: boolean;
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
 * const order = (orderId: string, customerId: string) => ({ orderId, customerId, timestamp: 0, lines: [{ sku: 'A', unitPrice: '1' }] });
 * rate.addAll([order('o1', 'ann'), order('o2', 'ann'), order('o2', 'ann'), order('o3', 'bob')]);
 * rate.result(); // => { value: 0.5, repeatCustomers: 1, customers: 2 }
 * ```
 * @category Retention
 */
export class RepeatPurchaseRate implements Accumulator<Order, RepeatPurchaseRateResult> {
  #engine: RepeatPurchaseRateEngine;

  /**
   * @param options - `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`.
   */
  constructor(options?: RepeatPurchaseRateOptions) {
    this.#engine = new RepeatPurchaseRateEngine(options);
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
    const engine = RepeatPurchaseRateEngine.fromJSON(json);
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

/** @internal The engine behind {@link RepeatPurchaseRate}. */
class RepeatPurchaseRateEngine extends OrderAccumulator<string, RepeatPurchaseRateResult, Options> {
  private readonly orders = new Map<string, number>();
  private repeatCustomers = 0;
  protected readonly aggregateFields = ['customers'] as const;

  constructor(options?: RepeatPurchaseRateOptions) {
    const bag = optionsObject(options, ['dedupe']);
    super('RepeatPurchaseRate', 1, { dedupe: flag(bag['dedupe'], 'dedupe', true) }, true);
  }

  static fromJSON(json: unknown): RepeatPurchaseRateEngine {
    const { options, state } = readHeader(json, 'RepeatPurchaseRate', 1);
    return fromOptions(options, (o: RepeatPurchaseRateOptions) => new RepeatPurchaseRateEngine(o)).load(state);
  }

  result(): RepeatPurchaseRateResult {
    const counts = { repeatCustomers: this.repeatCustomers, customers: this.orders.size };
    return { value: repeatPurchaseRate(counts), ...counts };
  }

  protected contribute(order: NormalizedOrder): string {
    return order.customerId;
  }

  protected fold(customerId: string): void {
    this.count(customerId, 1);
  }

  private count(customerId: string, orders: number): void {
    const before = this.orders.get(customerId) ?? 0;
    if (before < 2 && before + orders >= 2) this.repeatCustomers++;
    this.orders.set(customerId, before + orders);
  }

  protected mergeAggregate(other: this): void {
    for (const [customerId, orders] of other.orders) this.count(customerId, orders);
  }

  protected aggregateToJSON(): Record<string, unknown> {
    return { customers: [...this.orders] };
  }

  protected loadAggregate(state: Record<string, unknown>): void {
    stateArray(state['customers'], 'state.customers').forEach((entry, index) => {
      const path = `state.customers[${index}]`;
      const pair = stateArray(entry, path, 2);
      const customerId = stateId(pair[0], `${path}[0]`);
      const orders = stateCount(pair[1], `${path}[1]`);
      if (orders === 0 || this.orders.has(customerId)) throw invalidState(path, 'expected a customer once, with at least one order');
      this.count(customerId, orders);
    });
  }

  protected override contributionToJSON(customerId: string): unknown {
    return customerId;
  }

  protected override contributionFromJSON(json: unknown, path: string): string {
    return stateId(json, path);
  }

  protected empty(): this {
    return new RepeatPurchaseRateEngine(this.options) as this;
  }
}
