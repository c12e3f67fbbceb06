import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import { brand, mergeable } from '../../_internal/merge.js';
import type { Order } from '../../core/events.js';
import { MoneySum, amountFromNumber, amountText, fromDecimal, plus, type Amount } from '../../_internal/amount.js';
import { OrderAccumulator, fromOptions, readHeader } from '../../_internal/OrderAccumulator.js';
import type { NormalizedOrder } from '../../_internal/normalize.js';
import { flag, optionsObject } from '../../_internal/options.js';
import { invalidState, stateCount, stateMoney } from '../../_internal/state.js';
import { itemsPerOrder, type ItemsPerOrderInput } from './itemsPerOrder.js';

/**
 * Options of {@link ItemsPerOrder}.
 * @category Order value
 */
export interface ItemsPerOrderOptions {
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link ItemsPerOrder}: {@link itemsPerOrder}'s input plus its `value`.
 * @category Order value
 */
export interface ItemsPerOrderResult extends ItemsPerOrderInput {
  /** items ÷ orders, or `null` with no orders. */
  value: number | null;
}

interface Options {
  dedupe: boolean;
}

/**
 * Streams orders into items per order: the mean total quantity of an order.
 *
 * @remarks
 * Sums quantities exactly (each read through its shortest decimal string, so 0.1 + 0.2 kg is
 * 0.3 kg) and counts orders; with `dedupe` (the default) also keeps each order's id, fingerprint
 * and quantity. `add` is O(lines). See {@link itemsPerOrder} for the formula.
 *
 * @example
 * ```ts
 * import { ItemsPerOrder } from 'xsell-kpi';
 * const items = new ItemsPerOrder();
 * items.add({ orderId: 'o1', customerId: 'ann', timestamp: 0, lines: [{ sku: 'A', unitPrice: '5', quantity: 2 }, { sku: 'B', unitPrice: '1' }] });
 * items.add({ orderId: 'o2', customerId: 'bob', timestamp: 0, lines: [{ sku: 'C', unitPrice: '3' }] });
 * items.result(); // => { value: 2, items: 4, orders: 2 }
 * ```
 * @category Order value
 */
export class ItemsPerOrder implements Accumulator<Order, ItemsPerOrderResult> {
  #engine: ItemsPerOrderEngine;

  /**
   * @param options - `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`.
   */
  constructor(options?: ItemsPerOrderOptions) {
    this.#engine = new ItemsPerOrderEngine(options);
    brand(this, 'ItemsPerOrder');
  }

  /**
   * Items per order over `orders`: `new ItemsPerOrder(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { ItemsPerOrder } from 'xsell-kpi';
   * ItemsPerOrder.of([{ orderId: 'o1', customerId: 'c', timestamp: 0, lines: [{ sku: 'rice', unitPrice: '2', quantity: 0.1 }, { sku: 'beans', unitPrice: '3', quantity: 0.2 }] }]).items; // => 0.3
   * ```
   */
  static of(orders: Iterable<Order>, options?: ItemsPerOrderOptions): ItemsPerOrderResult {
    return new ItemsPerOrder(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link ItemsPerOrder.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { ItemsPerOrder } from 'xsell-kpi';
   * ItemsPerOrder.fromJSON({ kind: 'ItemsPerOrder', version: 1, options: { dedupe: false }, state: { items: '7.5', orders: 3 } }).result(); // => { value: 2.5, items: 7.5, orders: 3 }
   * ```
   */
  static fromJSON(json: unknown): ItemsPerOrder {
    const engine = ItemsPerOrderEngine.fromJSON(json);
    const restored = new ItemsPerOrder(engine.options);
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

  merge(other: ItemsPerOrder): this {
    this.#engine.merge(mergeable(other, ItemsPerOrder, 'ItemsPerOrder').#engine);
    return this;
  }

  /** Items per order over everything added: {@link itemsPerOrder}'s input plus `value`. */
  result(): ItemsPerOrderResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}

/** @internal The engine behind {@link ItemsPerOrder}. */
class ItemsPerOrderEngine extends OrderAccumulator<Amount, ItemsPerOrderResult, Options> {
  private readonly items = new MoneySum();
  private orders = 0;
  protected readonly aggregateFields = ['items', 'orders'] as const;

  constructor(options?: ItemsPerOrderOptions) {
    const bag = optionsObject(options, ['dedupe']);
    super('ItemsPerOrder', 1, { dedupe: flag(bag['dedupe'], 'dedupe', true) }, true);
  }

  static fromJSON(json: unknown): ItemsPerOrderEngine {
    const { options, state } = readHeader(json, 'ItemsPerOrder', 1);
    return fromOptions(options, (o: ItemsPerOrderOptions) => new ItemsPerOrderEngine(o)).load(state);
  }

  result(): ItemsPerOrderResult {
    const counts = { items: this.items.value().toNumber(), orders: this.orders };
    return { value: itemsPerOrder(counts), ...counts };
  }

  /** The order's items, exact (quantities may be fractional), in the money representation. */
  protected contribute(order: NormalizedOrder): Amount {
    let items: Amount = 0;
    for (const line of order.lines) items = plus(items, amountFromNumber(line.quantity));
    return items;
  }

  protected fold(items: Amount): void {
    this.items.add(items);
    this.orders++;
  }

  protected mergeAggregate(other: this): void {
    this.items.addSum(other.items);
    this.orders += other.orders;
  }

  protected aggregateToJSON(): Record<string, unknown> {
    return { items: this.items.value().toFixed(), orders: this.orders };
  }

  protected loadAggregate(state: Record<string, unknown>): void {
    const items = stateMoney(state['items'], 'state.items');
    this.orders = stateCount(state['orders'], 'state.orders');
    if (this.orders === 0 && !items.isZero()) throw invalidState('state.items', 'expected 0 with no orders');
    if (!Number.isFinite(items.toNumber())) throw invalidState('state.items', 'expected a quantity a number can hold');
    this.items.add(fromDecimal(items));
  }

  protected override contributionToJSON(items: Amount): unknown {
    return amountText(items);
  }

  protected override contributionFromJSON(json: unknown, path: string): Amount {
    return fromDecimal(stateMoney(json, path));
  }

  protected empty(): this {
    return new ItemsPerOrderEngine(this.options) as this;
  }
}
