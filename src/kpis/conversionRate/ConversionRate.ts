import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Visit } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { conversionRateSettings, conversionRateSpec, type ConversionRateFold, type ConversionRateSettings } from './fold.js';
import type { ConversionRateInput } from './formula.js';

/**
 * Options of {@link ConversionRate}: none yet; pass `{}` or nothing.
 * @category Conversion
 */
export type ConversionRateOptions = Record<string, never>;

/**
 * The result of {@link ConversionRate}: {@link conversionRate}'s input plus its `value`.
 * @category Conversion
 */
export interface ConversionRateResult extends ConversionRateInput {
  /** converted ÷ visitors, or `null` with no visitors. */
  value: number | null;
}

/**
 * Streams visits into the conversion rate: the share of distinct visitors with at least one converting visit.
 *
 * @remarks
 * Keeps one flag per visitor ("converted yet?") and a count of the converted ones. Visits carry
 * no id, so nothing needs de-duplicating: a re-delivered visit changes nothing, and merging is a
 * union of the visitors with their flags or-ed, so it is exact, commutative and idempotent.
 * Memory is O(visitors); `add` is O(1). See {@link conversionRate} for the formula.
 *
 * @example
 * ```ts
 * import { ConversionRate } from 'xsell-kpi';
 * const rate = new ConversionRate();
 * rate.add({ type: 'visit', visitorId: 'ann', timestamp: '2026-11-02T10:00:00Z', converted: false });
 * rate.add({ type: 'visit', visitorId: 'ann', timestamp: '2026-11-03T10:00:00Z', converted: true });
 * rate.add({ type: 'visit', visitorId: 'bob', timestamp: '2026-11-03T11:00:00Z', converted: false });
 * rate.result(); // => { value: 0.5, converted: 1, visitors: 2 }
 * ```
 * @category Conversion
 */
export class ConversionRate implements Accumulator<Visit, ConversionRateResult> {
  #engine: OrderEngine<ConversionRateFold, ConversionRateSettings>;

  /**
   * @param options - None yet: `{}` or nothing.
   * @throws {@link KpiError} `INVALID_OPTION` for any option.
   */
  constructor(options?: ConversionRateOptions) {
    this.#engine = new OrderEngine(conversionRateSpec, conversionRateSettings(options));
    brand(this, 'ConversionRate');
  }

  /**
   * The conversion rate over `visits`: `new ConversionRate().addAll(visits).result()`.
   *
   * @param visits - Any iterable of visits.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { ConversionRate } from 'xsell-kpi';
   * const visit = { type: 'visit' as const, visitorId: 'ann', timestamp: '2026-11-02T10:00:00Z', converted: true };
   * ConversionRate.of([visit, visit, { ...visit, visitorId: 'bob', converted: false }, { ...visit, visitorId: 'cy', converted: false }]); // => { value: 0.3333333333333333, converted: 1, visitors: 3 }
   * ConversionRate.of([]); // => { value: null, converted: 0, visitors: 0 }
   * ```
   */
  static of(visits: Iterable<Visit>, options?: ConversionRateOptions): ConversionRateResult {
    return new ConversionRate(options).addAll(visits).result();
  }

  /**
   * Restores an accumulator from {@link ConversionRate.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE` for anything malformed or hostile; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { ConversionRate } from 'xsell-kpi';
   * const rate = new ConversionRate().add({ type: 'visit', visitorId: '__proto__', timestamp: '2026-11-02T10:00:00Z', converted: true });
   * ConversionRate.fromJSON(JSON.parse(JSON.stringify(rate))).result(); // => { value: 1, converted: 1, visitors: 1 }
   * ConversionRate.fromJSON({ kind: 'ConversionRate', version: 9, options: {}, state: { visitors: [] } }); // throws UNSUPPORTED_VERSION
   * ```
   */
  static fromJSON(json: unknown): ConversionRate {
    const engine = restoreEngine(json, conversionRateSpec, conversionRateSettings);
    const restored = new ConversionRate();
    restored.#engine = engine;
    return restored;
  }

  add(visit: Visit): this {
    this.#engine.add(visit);
    return this;
  }

  addAll(visits: Iterable<Visit>): this {
    this.#engine.addAll(visits);
    return this;
  }

  merge(other: ConversionRate): this {
    this.#engine.merge(mergeable(other, ConversionRate, 'ConversionRate').#engine);
    return this;
  }

  /** The conversion rate over everything added: {@link conversionRate}'s input plus `value`. A read: it changes nothing. */
  result(): ConversionRateResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
