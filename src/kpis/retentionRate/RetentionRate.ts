import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Order } from '../../core/events.js';
import type { Grain } from '../../core/time.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { retentionRateSettings, retentionRateSpec, type RetentionRateFold, type RetentionRateSettings } from './fold.js';
import type { RetentionRateInput } from './formula.js';

/**
 * Options of {@link RetentionRate} and {@link ChurnRate}.
 * @category Retention
 */
export interface PeriodOptions {
  /** The calendar period compared with the one just before: `'month'` by default. */
  grain?: Grain;
  /** The IANA time zone periods are counted in: `'UTC'` by default. */
  timeZone?: string;
  /**
   * The most periods from the first to the last order (`resultsByPeriod()` has a row for each):
   * 10,000 by default. An order that would stretch them further is `INVALID_TIMESTAMP`, naming both
   * ends: a mistyped year should not cost minutes of rows.
   */
  maxPeriods?: number;
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link RetentionRate} for one period: {@link retentionRate}'s input plus its `value`.
 * @category Retention
 */
export interface RetentionRateResult extends RetentionRateInput {
  /** (customersAtEnd − newCustomers) ÷ customersAtStart, or `null` when nobody was active in the previous period. */
  value: number | null;
}

/**
 * {@link RetentionRateResult} of one period, with its key.
 * @category Retention
 */
export interface RetentionRatePeriod extends RetentionRateResult {
  /** The period's key, such as `'2026-11'`. */
  period: string;
}

/**
 * Streams orders into the customer retention rate of each calendar period against the one just before.
 *
 * @remarks
 * A customer is active in a period when they placed an order in it. For each period:
 * customersAtStart are active in the previous calendar period, customersAtEnd in this one, and
 * newCustomers in this one but not the previous (even if they bought long ago); retention is
 * (E − N) ÷ S. Keeps the set of active customers per period (merges are a union). `add` is
 * O(lines); `result` is O(customers of two periods). See {@link retentionRate}.
 *
 * @example
 * ```ts
 * import { RetentionRate } from 'xsell-kpi';
 * const order = (orderId: string, customerId: string, timestamp: string) => ({ orderId, customerId, timestamp, lines: [{ sku: 'A', unitPrice: '1' }] });
 * const retention = new RetentionRate({ grain: 'month' });
 * retention.addAll([order('o1', 'ann', '2026-10-03T10:00:00Z'), order('o2', 'bob', '2026-10-09T10:00:00Z'), order('o3', 'ann', '2026-11-20T10:00:00Z'), order('o4', 'cy', '2026-11-21T10:00:00Z')]);
 * retention.result(); // => { value: 0.5, customersAtStart: 2, customersAtEnd: 2, newCustomers: 1 }
 * retention.resultsByPeriod().map((row) => row.period); // => ['2026-10', '2026-11']
 * ```
 * @category Retention
 */
export class RetentionRate implements Accumulator<Order, RetentionRateResult> {
  #engine: OrderEngine<RetentionRateFold, RetentionRateSettings>;

  /**
   * @param options - `grain` (`'month'`), `timeZone` (`'UTC'`), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION` for an unknown grain or time zone.
   */
  constructor(options?: PeriodOptions) {
    this.#engine = new OrderEngine(retentionRateSpec, retentionRateSettings(options));
    brand(this, 'RetentionRate');
  }

  /**
   * The latest period's retention over `orders`: `new RetentionRate(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { RetentionRate } from 'xsell-kpi';
   * RetentionRate.of([]); // => { value: null, customersAtStart: 0, customersAtEnd: 0, newCustomers: 0 }
   * ```
   */
  static of(orders: Iterable<Order>, options?: PeriodOptions): RetentionRateResult {
    return new RetentionRate(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link RetentionRate.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { RetentionRate } from 'xsell-kpi';
   * const json = { kind: 'RetentionRate', version: 1, options: { grain: 'year', timeZone: 'UTC', dedupe: false }, state: { periods: [['2025', ['ann', 'bob']], ['2026', ['ann']]] } };
   * RetentionRate.fromJSON(json).result().value; // => 0.5
   * ```
   */
  static fromJSON(json: unknown): RetentionRate {
    const engine = restoreEngine(json, retentionRateSpec, retentionRateSettings);
    const restored = new RetentionRate(engine.options);
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

  merge(other: RetentionRate): this {
    this.#engine.merge(mergeable(other, RetentionRate, 'RetentionRate').#engine);
    return this;
  }

  /** The latest period's retention: {@link retentionRate}'s input plus `value`; all zeros and `null` before any order. */
  result(): RetentionRateResult {
    return this.#engine.result();
  }

  /**
   * Retention for every period from the first to the last with an order, sorted.
   *
   * @returns One entry per period, each with its `period` key.
   */
  resultsByPeriod(): RetentionRatePeriod[] {
    return this.#engine.fold.resultsByPeriod();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
