import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Order } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { churnRateSettings, churnRateSpec, type ChurnRateFold, type ChurnRateSettings } from './fold.js';
import type { ChurnRateInput } from './formula.js';
import type { PeriodOptions } from '../retentionRate/RetentionRate.js';

/**
 * The result of {@link ChurnRate} for one period: {@link churnRate}'s input plus its `value`.
 * @category Retention
 */
export interface ChurnRateResult extends ChurnRateInput {
  /** customersLost ÷ customersAtStart, or `null` when nobody was active in the previous period. */
  value: number | null;
}

/**
 * {@link ChurnRateResult} of one period, with its key.
 * @category Retention
 */
export interface ChurnRatePeriod extends ChurnRateResult {
  /** The period's key, such as `'2026-11'`. */
  period: string;
}

/**
 * Streams orders into the churn rate of each calendar period against the one just before.
 *
 * @remarks
 * customersLost are the customers active (ordering) in the previous calendar period and not in
 * this one; churn is customersLost ÷ customersAtStart, 1 − retention for the same data. Same
 * state and costs as {@link RetentionRate}. See {@link churnRate}.
 *
 * @example
 * ```ts
 * import { ChurnRate } from 'xsell-kpi';
 * const order = (orderId: string, customerId: string, timestamp: string) => ({ orderId, customerId, timestamp, lines: [{ sku: 'A', unitPrice: '1' }] });
 * const churn = new ChurnRate({ grain: 'quarter', timeZone: 'Europe/Berlin' });
 * // 22:30 UTC on 30 September is already 1 October (Q4) in Berlin.
 * churn.addAll([order('o1', 'ann', '2026-09-30T20:00:00Z'), order('o2', 'bob', '2026-07-01T10:00:00Z'), order('o3', 'bob', '2026-09-30T22:30:00Z')]);
 * churn.result(); // => { value: 0.5, customersLost: 1, customersAtStart: 2 }
 * ```
 * @category Retention
 */
export class ChurnRate implements Accumulator<Order, ChurnRateResult> {
  #engine: OrderEngine<ChurnRateFold, ChurnRateSettings>;

  /**
   * @param options - `grain` (`'month'`), `timeZone` (`'UTC'`), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION` for an unknown grain or time zone.
   */
  constructor(options?: PeriodOptions) {
    this.#engine = new OrderEngine(churnRateSpec, churnRateSettings(options));
    brand(this, 'ChurnRate');
  }

  /**
   * The latest period's churn over `orders`: `new ChurnRate(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { ChurnRate } from 'xsell-kpi';
   * ChurnRate.of([]); // => { value: null, customersLost: 0, customersAtStart: 0 }
   * ```
   */
  static of(orders: Iterable<Order>, options?: PeriodOptions): ChurnRateResult {
    return new ChurnRate(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link ChurnRate.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { ChurnRate } from 'xsell-kpi';
   * const json = { kind: 'ChurnRate', version: 1, options: { grain: 'year', timeZone: 'UTC', dedupe: false }, state: { periods: [['2025', ['ann', 'bob']], ['2026', ['ann']]] } };
   * ChurnRate.fromJSON(json).result().value; // => 0.5
   * ```
   */
  static fromJSON(json: unknown): ChurnRate {
    const engine = restoreEngine(json, churnRateSpec, churnRateSettings);
    const restored = new ChurnRate(engine.options);
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

  merge(other: ChurnRate): this {
    this.#engine.merge(mergeable(other, ChurnRate, 'ChurnRate').#engine);
    return this;
  }

  /** The latest period's churn: {@link churnRate}'s input plus `value`; zeros and `null` before any order. */
  result(): ChurnRateResult {
    return this.#engine.result();
  }

  /**
   * Churn for every period from the first to the last with an order, sorted.
   *
   * @returns One entry per period, each with its `period` key.
   */
  resultsByPeriod(): ChurnRatePeriod[] {
    return this.#engine.fold.resultsByPeriod();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
