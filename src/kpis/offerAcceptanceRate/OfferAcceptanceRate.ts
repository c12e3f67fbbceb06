import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Offer } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { offerAcceptanceRateSettings, offerAcceptanceRateSpec, type OfferAcceptanceRateFold, type OfferAcceptanceRateSettings } from './fold.js';
import type { OfferAcceptanceRateInput } from './formula.js';

/**
 * Options of {@link OfferAcceptanceRate}.
 * @category Offers
 */
export interface OfferAcceptanceRateOptions {
  /** Count only offers of this kind; every kind when absent (or `null`). */
  kind?: 'cross-sell' | 'upsell' | null;
}

/**
 * The result of {@link OfferAcceptanceRate}: {@link offerAcceptanceRate}'s input plus its `value`.
 * @category Offers
 */
export interface OfferAcceptanceRateResult extends OfferAcceptanceRateInput {
  /** accepted ÷ offered, or `null` with no offers. */
  value: number | null;
}

/**
 * Streams offers into the offer acceptance rate: the share of cross-sell or upsell offers that were accepted.
 *
 * @remarks
 * Offers with an `offerId` are one offer however often they are delivered: it keeps each id with
 * a 53-bit fingerprint of the offer and whether it was accepted, so a re-delivery changes nothing
 * and the same id with different content is refused (`CONFLICTING_DUPLICATE`). Offers without an
 * `offerId` are each counted, in two plain counts. With `kind`, offers of the other kind are
 * validated and then ignored. Merging is a union of the ids plus a sum of the counts.
 * Memory is O(offers with an id); `add` is O(1). See {@link offerAcceptanceRate} for the formula.
 *
 * @example
 * ```ts
 * import { OfferAcceptanceRate } from 'xsell-kpi';
 * const rate = new OfferAcceptanceRate({ kind: 'cross-sell' });
 * const shown = { type: 'offer' as const, offerId: 'f1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', kind: 'cross-sell' as const, accepted: true };
 * rate.add(shown).add(shown);
 * rate.add({ type: 'offer', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', kind: 'cross-sell', accepted: false });
 * rate.add({ type: 'offer', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', kind: 'upsell', accepted: true });
 * rate.result(); // => { value: 0.5, accepted: 1, offered: 2 }
 * rate.add({ ...shown, accepted: false }); // throws CONFLICTING_DUPLICATE
 * ```
 * @category Offers
 */
export class OfferAcceptanceRate implements Accumulator<Offer, OfferAcceptanceRateResult> {
  #engine: OrderEngine<OfferAcceptanceRateFold, OfferAcceptanceRateSettings>;

  /**
   * @param options - `kind` (every kind).
   * @throws {@link KpiError} `INVALID_OPTION` for an unknown option or value.
   */
  constructor(options?: OfferAcceptanceRateOptions) {
    this.#engine = new OrderEngine(offerAcceptanceRateSpec, offerAcceptanceRateSettings(options));
    brand(this, 'OfferAcceptanceRate');
  }

  /**
   * The offer acceptance rate over `offers`: `new OfferAcceptanceRate(options).addAll(offers).result()`.
   *
   * @param offers - Any iterable of offers.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { OfferAcceptanceRate } from 'xsell-kpi';
   * const offer = { type: 'offer' as const, customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', kind: 'upsell' as const, accepted: true };
   * OfferAcceptanceRate.of([offer, offer, { ...offer, accepted: false }]); // => { value: 0.6666666666666666, accepted: 2, offered: 3 }
   * OfferAcceptanceRate.of([offer], { kind: 'cross-sell' }); // => { value: null, accepted: 0, offered: 0 }
   * ```
   */
  static of(offers: Iterable<Offer>, options?: OfferAcceptanceRateOptions): OfferAcceptanceRateResult {
    return new OfferAcceptanceRate(options).addAll(offers).result();
  }

  /**
   * Restores an accumulator from {@link OfferAcceptanceRate.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE` for anything malformed or hostile; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { OfferAcceptanceRate } from 'xsell-kpi';
   * const rate = new OfferAcceptanceRate().add({ type: 'offer', offerId: 'f1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', kind: 'upsell', accepted: true });
   * OfferAcceptanceRate.fromJSON(JSON.parse(JSON.stringify(rate))).result(); // => { value: 1, accepted: 1, offered: 1 }
   * ```
   */
  static fromJSON(json: unknown): OfferAcceptanceRate {
    const engine = restoreEngine(json, offerAcceptanceRateSpec, offerAcceptanceRateSettings);
    const restored = new OfferAcceptanceRate(engine.options);
    restored.#engine = engine;
    return restored;
  }

  add(offer: Offer): this {
    this.#engine.add(offer);
    return this;
  }

  addAll(offers: Iterable<Offer>): this {
    this.#engine.addAll(offers);
    return this;
  }

  merge(other: OfferAcceptanceRate): this {
    this.#engine.merge(mergeable(other, OfferAcceptanceRate, 'OfferAcceptanceRate').#engine);
    return this;
  }

  /** The offer acceptance rate over everything added: {@link offerAcceptanceRate}'s input plus `value`. A read: it changes nothing. */
  result(): OfferAcceptanceRateResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
