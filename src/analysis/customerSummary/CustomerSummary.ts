import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Decimal } from '../../core/decimal.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { customerSummarySettings, customerSummarySpec, type CustomerSummaryFold, type CustomerSummarySettings } from './fold.js';

/**
 * The time unit of a {@link CustomerSummary}: recency and T are counted in days, or in weeks of 7 days.
 * @category Lifetime value
 */
export type TimeUnit = 'day' | 'week';

/**
 * Options of {@link CustomerSummary}.
 * @category Lifetime value
 */
export interface CustomerSummaryOptions {
  /** The last day observed, `'YYYY-MM-DD'` (inclusive; a calendar day in `timeZone`); orders after it are not counted. Required. */
  observationEnd: string;
  /** The unit of `recency` and `T`: `'day'` (the default) or `'week'` (7 days). */
  timeUnit?: TimeUnit;
  /** IANA time zone of the calendar days; `'UTC'` by default. */
  timeZone?: string;
  /** ISO 4217 code for orders that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * One customer of a {@link CustomerSummaryResult}: the frequency, recency, T and monetary value
 * that the BG/NBD and Gamma-Gamma models read.
 * @category Lifetime value
 */
export interface SummarizedCustomer {
  /** The customer's id, as a string. */
  customerId: string;
  /** Repeat purchases: the calendar days with a purchase, less the first one. */
  frequency: number;
  /** From the first to the last purchase day, in the time unit (0 without a repeat purchase). */
  recency: number;
  /** From the first purchase day to the observation end, in the time unit. */
  T: number;
  /** The mean revenue of the repeat purchase days (34 significant digits); `null` when frequency is 0. */
  monetary: Decimal | null;
}

/**
 * The result of {@link CustomerSummary}.
 * @category Lifetime value
 */
export interface CustomerSummaryResult {
  /** Every customer with a purchase up to the observation end, sorted by `customerId` (code-unit order). */
  customers: SummarizedCustomer[];
  /** The last day observed, `'YYYY-MM-DD'`, as given in the options. */
  observationEnd: string;
  /** The unit of `recency` and `T`. */
  timeUnit: TimeUnit;
  /** The IANA time zone of the calendar days. */
  timeZone: string;
  /** The orders' ISO 4217 code, or `null` when they carry none. */
  currency: string | null;
}

/**
 * Streams orders into the per-customer summary the lifetime-value models read: frequency,
 * recency, T and monetary value.
 *
 * @remarks
 * The definitions of Fader, Hardie & Lee (2005) and of the Python package `lifetimes` with daily
 * purchases: a customer's orders are grouped by calendar day in `timeZone`; `frequency` is the
 * number of purchase days − 1 (the repeat purchases); `recency` the days from the first to the
 * last purchase day, and `T` the days from the first purchase day to `observationEnd` (inclusive),
 * each ÷ 1 (`'day'`) or ÷ 7 (`'week'`); `monetary` the mean revenue of the repeat purchase days
 * (the first day's revenue left out), `null` when there is none. Orders after `observationEnd` are
 * not counted, and guest orders (no `customerId`) are no customer's. Feed the result to
 * {@link fitBgNbd} and {@link fitGammaGamma}.
 *
 * An accumulator like the others: re-delivered orders count once (with `dedupe`, the default),
 * merges are exact, the state is versioned JSON. All orders must share one currency
 * (`MIXED_CURRENCY` otherwise). Keeps each customer's purchase days and their revenue: memory is
 * O(customers × purchase days) (plus O(orders) with `dedupe`); `add` is O(lines + purchase days of
 * the customer); `result()` is O(customers × log customers).
 *
 * @example
 * ```ts
 * import { CustomerSummary } from 'xsell-kpi';
 * const summary = new CustomerSummary({ observationEnd: '2026-03-30', timeUnit: 'week' });
 * summary.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-01-05T09:00:00Z', lines: [{ sku: 'A', unitPrice: '30' }] });
 * summary.add({ orderId: 'o2', customerId: 'ann', timestamp: '2026-01-05T17:00:00Z', lines: [{ sku: 'B', unitPrice: '5' }] });
 * summary.add({ orderId: 'o3', customerId: 'ann', timestamp: '2026-02-02T09:00:00Z', lines: [{ sku: 'A', unitPrice: '20' }] });
 * summary.add({ orderId: 'o4', customerId: 'ann', timestamp: '2026-03-02T09:00:00Z', lines: [{ sku: 'C', unitPrice: '10.5' }] });
 * summary.add({ orderId: 'o5', customerId: 'bob', timestamp: '2026-03-16T09:00:00Z', lines: [{ sku: 'A', unitPrice: '30' }] });
 * summary.add({ orderId: 'o6', customerId: 'bob', timestamp: '2026-03-31T09:00:00Z', lines: [{ sku: 'A', unitPrice: '30' }] }); // after the end: not counted
 * const [ann, bob] = summary.result().customers;
 * ann; // => { customerId: 'ann', frequency: 2, recency: 8, T: 12, monetary: '15.25' }
 * bob; // => { customerId: 'bob', frequency: 0, recency: 0, T: 2, monetary: null }
 * ```
 * @category Lifetime value
 */
export class CustomerSummary implements Accumulator<Order, CustomerSummaryResult> {
  #engine: OrderEngine<CustomerSummaryFold, CustomerSummarySettings>;

  /**
   * @param options - `observationEnd` (required), `timeUnit` (`'day'`), `timeZone` (`'UTC'`), `currency` (none), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION` (also for a missing or malformed `observationEnd`), `INVALID_CURRENCY`.
   */
  constructor(options: CustomerSummaryOptions) {
    this.#engine = new OrderEngine(customerSummarySpec, customerSummarySettings(options));
    brand(this, 'CustomerSummary');
  }

  /**
   * The summary of `orders`: `new CustomerSummary(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { CustomerSummary } from 'xsell-kpi';
   * const orders = [
   *   { orderId: 'o1', customerId: 'ann', timestamp: '2026-01-01T23:30:00Z', lines: [{ sku: 'A', unitPrice: '10' }] },
   *   { orderId: 'o2', customerId: 'ann', timestamp: '2026-01-02T00:30:00Z', lines: [{ sku: 'A', unitPrice: '12' }] },
   * ];
   * CustomerSummary.of(orders, { observationEnd: '2026-01-10' }).customers[0]?.frequency; // => 1
   * // In Berlin both orders are on 2 January: one purchase day.
   * CustomerSummary.of(orders, { observationEnd: '2026-01-10', timeZone: 'Europe/Berlin' }).customers[0]?.frequency; // => 0
   * CustomerSummary.of([], { observationEnd: '2026-01-10' }); // => { customers: [], observationEnd: '2026-01-10', timeUnit: 'day', timeZone: 'UTC', currency: null }
   * ```
   */
  static of(orders: Iterable<Order>, options: CustomerSummaryOptions): CustomerSummaryResult {
    return new CustomerSummary(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link CustomerSummary.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { CustomerSummary } from 'xsell-kpi';
   * const summary = new CustomerSummary({ observationEnd: '2026-01-31', currency: 'EUR' });
   * summary.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-01-05T10:00:00Z', lines: [{ sku: 'A', unitPrice: '9.99' }] });
   * const restored = CustomerSummary.fromJSON(JSON.parse(JSON.stringify(summary)));
   * restored.result().customers; // => [{ customerId: 'ann', frequency: 0, recency: 0, T: 26, monetary: null }]
   * ```
   */
  static fromJSON(json: unknown): CustomerSummary {
    const engine = restoreEngine(json, customerSummarySpec, customerSummarySettings);
    const restored = new CustomerSummary(engine.options);
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

  merge(other: CustomerSummary): this {
    this.#engine.merge(mergeable(other, CustomerSummary, 'CustomerSummary').#engine);
    return this;
  }

  /** Every customer's summary, sorted by id, with the options it was made with and the orders' currency. */
  result(): CustomerSummaryResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
