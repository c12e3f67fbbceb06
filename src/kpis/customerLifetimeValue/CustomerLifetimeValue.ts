import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Decimal } from '../../core/decimal.js';
import type { Order, Return } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { customerLifetimeValueSettings, customerLifetimeValueSpec, type CustomerLifetimeValueFold, type CustomerLifetimeValueSettings } from './fold.js';

/**
 * Options of {@link CustomerLifetimeValue}.
 * @category Lifetime value
 */
export interface CustomerLifetimeValueOptions {
  /** ISO 4217 code for orders that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`) and returns (same `returnId`); `true` by default. */
  dedupe?: boolean;
  /**
   * Subtract what each customer got back in {@link Return}s from their revenue; `false` by default
   * (returns are then not accepted). Only customers with an order count; returns of guests and of
   * customers without an order are kept but not subtracted.
   */
  netOfReturns?: boolean;
}

/**
 * The result of {@link CustomerLifetimeValue}: {@link customerLifetimeValue}'s input plus its `value` and the currency.
 * @category Lifetime value
 */
export interface CustomerLifetimeValueResult {
  /** revenue ÷ customers, or `null` with no customers. */
  value: Decimal | null;
  /** Revenue of the customers' orders (guest orders are not any customer's), exact; net of their returns with `netOfReturns` (then it may be negative). */
  revenue: Decimal;
  /** Distinct customers who ordered. */
  customers: number;
  /** The orders' ISO 4217 code, or `null` when they carry none. */
  currency: string | null;
}

/**
 * Streams orders into the historical customer lifetime value: mean revenue per customer, with exact money.
 *
 * @remarks
 * Keeps each customer's exact revenue (so {@link CustomerLifetimeValue.valuesByCustomer} can list
 * them) and the exact total; with `dedupe` (the default) also each order's id, fingerprint,
 * customer and revenue, so re-delivered orders count once and merges of overlapping streams are
 * exact. Guest orders (no `customerId`) are no customer's and are left out, their currency too. With `netOfReturns`
 * it also reads {@link Return}s and subtracts each customer's returns from their revenue. All
 * orders (and returns) must share one currency (`MIXED_CURRENCY` otherwise). Memory is
 * O(customers) (plus O(orders) with `dedupe`); `add` is O(lines). See
 * {@link customerLifetimeValue} for the formula.
 *
 * @example
 * ```ts
 * import { CustomerLifetimeValue } from 'xsell-kpi';
 * const clv = new CustomerLifetimeValue({ currency: 'EUR' });
 * clv.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-01-05T09:00:00Z', lines: [{ sku: 'A', unitPrice: '100' }] });
 * clv.add({ orderId: 'o2', customerId: 'ann', timestamp: '2026-03-17T09:00:00Z', lines: [{ sku: 'B', unitPrice: '25.25', quantity: 2 }] });
 * clv.add({ orderId: 'o3', customerId: 'bob', timestamp: '2026-02-01T09:00:00Z', lines: [{ sku: 'A', unitPrice: '100', discount: '50.5' }] });
 * clv.result(); // => { value: '100', revenue: '200', customers: 2, currency: 'EUR' }
 *
 * const net = new CustomerLifetimeValue({ currency: 'EUR', netOfReturns: true });
 * net.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-01-05T09:00:00Z', lines: [{ sku: 'A', unitPrice: '100' }] });
 * net.add({ type: 'return', returnId: 'r1', customerId: 'ann', timestamp: '2026-01-20T09:00:00Z', amount: '40' });
 * net.result().value?.toString(); // => '60'
 * ```
 * @category Lifetime value
 */
export class CustomerLifetimeValue implements Accumulator<Order | Return, CustomerLifetimeValueResult> {
  #engine: OrderEngine<CustomerLifetimeValueFold, CustomerLifetimeValueSettings>;

  /**
   * @param options - `currency` (none), `dedupe` (`true`), `netOfReturns` (`false`).
   * @throws {@link KpiError} `INVALID_OPTION`, `INVALID_CURRENCY`.
   */
  constructor(options?: CustomerLifetimeValueOptions) {
    this.#engine = new OrderEngine(customerLifetimeValueSpec, customerLifetimeValueSettings(options));
    brand(this, 'CustomerLifetimeValue');
  }

  /**
   * The customer lifetime value over `orders`: `new CustomerLifetimeValue(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { CustomerLifetimeValue } from 'xsell-kpi';
   * const orders = [
   *   { orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: 0.1 }] },
   *   { orderId: 'o2', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'B', unitPrice: 0.2 }] },
   * ];
   * CustomerLifetimeValue.of(orders).value?.toString(); // => '0.3'
   * CustomerLifetimeValue.of([]); // => { value: null, revenue: '0', customers: 0, currency: null }
   * ```
   */
  static of(orders: Iterable<Order | Return>, options?: CustomerLifetimeValueOptions): CustomerLifetimeValueResult {
    return new CustomerLifetimeValue(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link CustomerLifetimeValue.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { CustomerLifetimeValue } from 'xsell-kpi';
   * const clv = new CustomerLifetimeValue();
   * clv.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', currency: 'GBP', lines: [{ sku: 'A', unitPrice: '9.99' }] });
   * CustomerLifetimeValue.fromJSON(JSON.parse(JSON.stringify(clv))).result(); // => { value: '9.99', revenue: '9.99', customers: 1, currency: 'GBP' }
   * ```
   */
  static fromJSON(json: unknown): CustomerLifetimeValue {
    const engine = restoreEngine(json, customerLifetimeValueSpec, customerLifetimeValueSettings);
    const restored = new CustomerLifetimeValue(engine.options);
    restored.#engine = engine;
    return restored;
  }

  /** Adds an order, or (with `netOfReturns`) a return; a return without it is `INVALID_EVENT`. */
  add(order: Order | Return): this {
    this.#engine.add(order);
    return this;
  }

  addAll(orders: Iterable<Order | Return>): this {
    this.#engine.addAll(orders);
    return this;
  }

  merge(other: CustomerLifetimeValue): this {
    this.#engine.merge(mergeable(other, CustomerLifetimeValue, 'CustomerLifetimeValue').#engine);
    return this;
  }

  /** The customer lifetime value over everything added: {@link customerLifetimeValue}'s input plus `value` and `currency`. */
  result(): CustomerLifetimeValueResult {
    return this.#engine.result();
  }

  /**
   * Each customer's revenue so far, exact, in the order customers were first seen.
   *
   * @returns A new `Map` of customerId → revenue on every call; changing it changes nothing here.
   * @example
   * ```ts
   * import { CustomerLifetimeValue } from 'xsell-kpi';
   * const clv = new CustomerLifetimeValue();
   * clv.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: '100' }] });
   * clv.add({ orderId: 'o2', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: '49.5' }] });
   * clv.add({ orderId: 'o3', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'B', unitPrice: '50.5' }] });
   * const values = clv.valuesByCustomer();
   * [...values.keys()]; // => ['ann', 'bob']
   * values.get('ann'); // => '150.5'
   * ```
   */
  valuesByCustomer(): Map<string, Decimal> {
    return this.#engine.fold.valuesByCustomer();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
