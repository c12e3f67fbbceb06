import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { itemsPerOrderSettings, itemsPerOrderSpec, type ItemsPerOrderFold, type ItemsPerOrderSettings } from './fold.js';
import type { ItemsPerOrderInput } from './formula.js';

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
 * items.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: '5', quantity: 2 }, { sku: 'B', unitPrice: '1' }] });
 * items.add({ orderId: 'o2', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'C', unitPrice: '3' }] });
 * items.result(); // => { value: 2, items: 4, orders: 2 }
 * ```
 * @category Order value
 */
export class ItemsPerOrder implements Accumulator<Order, ItemsPerOrderResult> {
  #engine: OrderEngine<ItemsPerOrderFold, ItemsPerOrderSettings>;

  /**
   * @param options - `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`.
   */
  constructor(options?: ItemsPerOrderOptions) {
    this.#engine = new OrderEngine(itemsPerOrderSpec, itemsPerOrderSettings(options));
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
   * ItemsPerOrder.of([{ orderId: 'o1', customerId: 'c', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'rice', unitPrice: '2', quantity: 0.1 }, { sku: 'beans', unitPrice: '3', quantity: 0.2 }] }]).items; // => 0.3
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
    const engine = restoreEngine(json, itemsPerOrderSpec, itemsPerOrderSettings);
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
