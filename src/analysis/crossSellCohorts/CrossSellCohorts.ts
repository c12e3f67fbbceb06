import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Decimal } from '../../core/decimal.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { crossSellCohortsSettings, crossSellCohortsSpec, type CrossSellCohortsFold, type CrossSellCohortsSettings } from './fold.js';

/**
 * Options of {@link CrossSellCohorts}.
 * @category Analysis
 */
export interface CrossSellCohortsOptions {
  /** What counts as a distinct product: the line's `'sku'` (default) or its `'category'`. */
  by?: 'sku' | 'category';
  /** How many distinct products make a customer cross-sold; 2 by default. */
  minDistinct?: number;
  /** ISO 4217 code for orders that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * One cohort of customers: how many, what they spent, and whether they came back.
 * @category Analysis
 */
export interface Cohort {
  /** Customers in the cohort. */
  customers: number;
  /** Their revenue, exact. */
  revenue: Decimal;
  /** revenue ÷ customers (historical lifetime value), or `null` for an empty cohort. */
  averageLifetimeValue: Decimal | null;
  /** Share of them with at least two orders, or `null` for an empty cohort. */
  repeatPurchaseRate: number | null;
}

/**
 * The result of {@link CrossSellCohorts}.
 * @category Analysis
 */
export interface CrossSellCohortsResult {
  /** The orders' ISO 4217 code, or `null` when they carry none. */
  currency: string | null;
  /** Customers who bought at least `minDistinct` distinct products. */
  crossSold: Cohort;
  /** Everybody else who bought. */
  other: Cohort;
}

/**
 * Splits customers into a cross-sold cohort and the rest, and compares what they are worth and whether they come back.
 *
 * @remarks
 * A customer is cross-sold when, over everything added, they bought at least `minDistinct`
 * distinct products (the {@link CrossSellRate} definition). For each cohort: customers, exact
 * revenue, average lifetime value (revenue ÷ customers) and repeat purchase rate (customers with
 * ≥ 2 orders ÷ customers). "Are cross-sold customers worth more, and do they come back?" Keeps
 * per customer a bounded product set, a revenue sum and an order count; with `dedupe` (the
 * default) also each order's contribution, so merges of overlapping streams are exact.
 * `add` is O(lines); `result` is O(customers).
 *
 * @example
 * ```ts
 * import { CrossSellCohorts } from 'xsell-kpi';
 * const cohorts = new CrossSellCohorts({ currency: 'EUR' });
 * cohorts.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'sleeve', unitPrice: '29' }] });
 * cohorts.add({ orderId: 'o2', customerId: 'ann', timestamp: '2026-11-02T10:00:01Z', lines: [{ sku: 'mouse', unitPrice: '25' }] });
 * cohorts.add({ orderId: 'o3', customerId: 'bob', timestamp: '2026-11-02T10:00:02Z', lines: [{ sku: 'laptop', unitPrice: '999' }] });
 * const { crossSold, other } = cohorts.result();
 * [crossSold.customers, crossSold.averageLifetimeValue?.toString(), crossSold.repeatPurchaseRate]; // => [1, '1053', 1]
 * [other.customers, other.averageLifetimeValue?.toString(), other.repeatPurchaseRate]; // => [1, '999', 0]
 * ```
 * @category Analysis
 */
export class CrossSellCohorts implements Accumulator<Order, CrossSellCohortsResult> {
  #engine: OrderEngine<CrossSellCohortsFold, CrossSellCohortsSettings>;

  /**
   * @param options - `by` (`'sku'`), `minDistinct` (2), `currency` (none), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`, `INVALID_CURRENCY`.
   */
  constructor(options?: CrossSellCohortsOptions) {
    this.#engine = new OrderEngine(crossSellCohortsSpec, crossSellCohortsSettings(options));
    brand(this, 'CrossSellCohorts');
  }

  /**
   * The cohorts over `orders`: `new CrossSellCohorts(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { CrossSellCohorts } from 'xsell-kpi';
   * CrossSellCohorts.of([]).crossSold.customers; // => 0
   * ```
   */
  static of(orders: Iterable<Order>, options?: CrossSellCohortsOptions): CrossSellCohortsResult {
    return new CrossSellCohorts(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link CrossSellCohorts.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { CrossSellCohorts } from 'xsell-kpi';
   * const json = { kind: 'CrossSellCohorts', version: 1, options: { by: 'sku', minDistinct: 2, currency: null, dedupe: false }, state: { customers: [['ann', true, '120.5', 3]], currency: 'EUR' } };
   * CrossSellCohorts.fromJSON(json).result().crossSold.revenue.toString(); // => '120.5'
   * ```
   */
  static fromJSON(json: unknown): CrossSellCohorts {
    const engine = restoreEngine(json, crossSellCohortsSpec, crossSellCohortsSettings);
    const restored = new CrossSellCohorts(engine.options);
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

  merge(other: CrossSellCohorts): this {
    this.#engine.merge(mergeable(other, CrossSellCohorts, 'CrossSellCohorts').#engine);
    return this;
  }

  /** Both cohorts over everything added. */
  result(): CrossSellCohortsResult {
    return this.#engine.result();
  }

  /**
   * Each customer's cohort: `'crossSold'` or `'other'`, by the same rule as {@link CrossSellCohorts.result}.
   *
   * @remarks
   * For comparing anything known per customer across the two cohorts, such as the lifetime value
   * {@link predictCustomerValue} predicts (the guide "Who will come back, and what are they
   * worth?"). A new `Map`, in the order customers were first seen; guests are in no cohort. O(customers).
   *
   * @returns Customer id → cohort.
   * @example
   * ```ts
   * import { CrossSellCohorts } from 'xsell-kpi';
   * const cohorts = new CrossSellCohorts();
   * cohorts.add({ orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'sleeve', unitPrice: '29' }] });
   * cohorts.add({ orderId: 'o2', customerId: 'bob', timestamp: '2026-11-02T10:00:02Z', lines: [{ sku: 'laptop', unitPrice: '999' }] });
   * cohorts.cohortsByCustomer(); // => new Map([['ann', 'crossSold'], ['bob', 'other']])
   * ```
   */
  cohortsByCustomer(): Map<string, 'crossSold' | 'other'> {
    return this.#engine.fold.cohortsByCustomer();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
