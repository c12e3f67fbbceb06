import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import { brand, mergeable } from '../../_internal/merge.js';
import type { Visit } from '../../core/events.js';
import { fromOptions, readHeader } from '../../_internal/OrderAccumulator.js';
import { normalizeVisit, type NormalizedVisit } from '../../_internal/normalize.js';
import { optionsObject } from '../../_internal/options.js';
import { invalidState, stateArray, stateBoolean, stateId, stateObject } from '../../_internal/state.js';
import { conversionRate, type ConversionRateInput } from './conversionRate.js';

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
  #engine: ConversionRateEngine;

  /**
   * @param options - None yet: `{}` or nothing.
   * @throws {@link KpiError} `INVALID_OPTION` for any option.
   */
  constructor(options?: ConversionRateOptions) {
    this.#engine = new ConversionRateEngine(options);
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
   * const visit = { type: 'visit' as const, visitorId: 'ann', timestamp: 0, converted: true };
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
   * const rate = new ConversionRate().add({ type: 'visit', visitorId: '__proto__', timestamp: 0, converted: true });
   * ConversionRate.fromJSON(JSON.parse(JSON.stringify(rate))).result(); // => { value: 1, converted: 1, visitors: 1 }
   * ConversionRate.fromJSON({ kind: 'ConversionRate', version: 2, options: {}, state: { visitors: [] } }); // throws UNSUPPORTED_VERSION
   * ```
   */
  static fromJSON(json: unknown): ConversionRate {
    const engine = ConversionRateEngine.fromJSON(json);
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

/** @internal The engine behind {@link ConversionRate}. */
export class ConversionRateEngine {
  /** visitorId → whether any of their visits converted. */
  private readonly visitors = new Map<string, boolean>();

  private converted = 0;

  constructor(options?: ConversionRateOptions) {
    optionsObject(options, []);
  }

  static fromJSON(json: unknown): ConversionRateEngine {
    const { options, state } = readHeader(json, 'ConversionRate', 1);
    return fromOptions(options, (o: ConversionRateOptions) => new ConversionRateEngine(o)).load(state);
  }

  add(visit: Visit): this {
    return this.addNormalized(normalizeVisit(visit, ''));
  }

  addNormalized(visit: NormalizedVisit): this {
    this.join(visit.visitorId, visit.converted);
    return this;
  }

  /** Records a visitor, or-ing in `converted`. */
  private join(visitorId: string, converted: boolean): void {
    const before = this.visitors.get(visitorId);
    if (before === true || (before === false && !converted)) return;
    this.visitors.set(visitorId, converted);
    if (converted) this.converted++;
  }

  addAll(visits: Iterable<Visit>): this {
    for (const visit of visits) this.add(visit);
    return this;
  }

  result(): ConversionRateResult {
    const counts = { converted: this.converted, visitors: this.visitors.size };
    return { value: conversionRate(counts), ...counts };
  }

  merge(other: ConversionRateEngine): this {
    for (const [visitorId, converted] of other.visitors) this.join(visitorId, converted);
    return this;
  }

  toJSON(): AccumulatorJSON {
    return { kind: 'ConversionRate', version: 1, options: {}, state: { visitors: Array.from(this.visitors) } };
  }

  /** Reads `state` (as written by {@link toJSON}) into this empty accumulator, validating everything. */
  private load(stateJSON: unknown): this {
    const state = stateObject(stateJSON, 'state', ['visitors']);
    stateArray(state['visitors'], 'state.visitors').forEach((entry, index) => {
      const path = `state.visitors[${index}]`;
      const pair = stateArray(entry, path, 2);
      if (pair.length !== 2) throw invalidState(path, 'expected [visitorId, converted]');
      const visitorId = stateId(pair[0], `${path}[0]`);
      const converted = stateBoolean(pair[1], `${path}[1]`);
      if (this.visitors.has(visitorId)) throw invalidState(`${path}[0]`, `visitor ${JSON.stringify(visitorId)} appears twice`);
      this.join(visitorId, converted);
    });
    return this;
  }
}
