import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import { brand, incompatibleOptions, mergeable } from '../../_internal/merge.js';
import { KpiError } from '../../core/KpiError.js';
import type { Offer } from '../../core/events.js';
import { fromOptions, readHeader } from '../../_internal/OrderAccumulator.js';
import { normalizeOffer, type NormalizedOffer } from '../../_internal/normalize.js';
import { offerFingerprint } from '../../_internal/fingerprint.js';
import { oneOf, optionsObject } from '../../_internal/options.js';
import { invalidState, stateArray, stateBoolean, stateCount, stateId, stateObject } from '../../_internal/state.js';
import { offerAcceptanceRate, type OfferAcceptanceRateInput } from './offerAcceptanceRate.js';

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

interface Options {
  kind: 'cross-sell' | 'upsell' | null;
}

/** What is kept of an offer with an `offerId`. */
interface SeenOffer {
  fingerprint: number;
  accepted: boolean;
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
 * const shown = { type: 'offer' as const, offerId: 'f1', customerId: 'ann', timestamp: 0, kind: 'cross-sell' as const, accepted: true };
 * rate.add(shown).add(shown);
 * rate.add({ type: 'offer', customerId: 'bob', timestamp: 0, kind: 'cross-sell', accepted: false });
 * rate.add({ type: 'offer', customerId: 'bob', timestamp: 0, kind: 'upsell', accepted: true });
 * rate.result(); // => { value: 0.5, accepted: 1, offered: 2 }
 * rate.add({ ...shown, accepted: false }); // throws CONFLICTING_DUPLICATE
 * ```
 * @category Offers
 */
export class OfferAcceptanceRate implements Accumulator<Offer, OfferAcceptanceRateResult> {
  #engine: OfferAcceptanceRateEngine;

  /**
   * @param options - `kind` (every kind).
   * @throws {@link KpiError} `INVALID_OPTION` for an unknown option or value.
   */
  constructor(options?: OfferAcceptanceRateOptions) {
    this.#engine = new OfferAcceptanceRateEngine(options);
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
   * const offer = { type: 'offer' as const, customerId: 'ann', timestamp: 0, kind: 'upsell' as const, accepted: true };
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
   * const rate = new OfferAcceptanceRate().add({ type: 'offer', offerId: 'f1', customerId: 'ann', timestamp: 0, kind: 'upsell', accepted: true });
   * OfferAcceptanceRate.fromJSON(JSON.parse(JSON.stringify(rate))).result(); // => { value: 1, accepted: 1, offered: 1 }
   * ```
   */
  static fromJSON(json: unknown): OfferAcceptanceRate {
    const engine = OfferAcceptanceRateEngine.fromJSON(json);
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

/** @internal The engine behind {@link OfferAcceptanceRate}. */
export class OfferAcceptanceRateEngine {
  readonly options: Options;

  /** offerId → fingerprint and accepted flag. */
  private readonly offers = new Map<string, SeenOffer>();

  /** Accepted offers among {@link offers}. */
  private acceptedWithId = 0;
  /** Accepted offers without an id. */
  private acceptedWithoutId = 0;
  /** Offers without an id. */
  private offeredWithoutId = 0;

  constructor(options?: OfferAcceptanceRateOptions) {
    const bag = optionsObject(options, ['kind']);
    const kind = bag['kind'] ?? undefined; // null, as written to JSON, means every kind too
    this.options = { kind: kind === undefined ? null : oneOf<'cross-sell' | 'upsell'>(kind, 'kind', ['cross-sell', 'upsell'], 'cross-sell') };
  }

  static fromJSON(json: unknown): OfferAcceptanceRateEngine {
    const { options, state } = readHeader(json, 'OfferAcceptanceRate', 1);
    return fromOptions(options, (o: OfferAcceptanceRateOptions) => new OfferAcceptanceRateEngine(o)).load(state);
  }

  add(offer: Offer): this {
    return this.addNormalized(normalizeOffer(offer, ''));
  }

  addNormalized(normalized: NormalizedOffer): this {
    if (this.options.kind !== null && normalized.kind !== this.options.kind) return this;
    if (normalized.offerId === undefined) {
      this.offeredWithoutId++;
      if (normalized.accepted) this.acceptedWithoutId++;
      return this;
    }
    const fingerprint = offerFingerprint(normalized);
    if (this.isKnown(normalized.offerId, fingerprint)) return this;
    this.offers.set(normalized.offerId, { fingerprint, accepted: normalized.accepted });
    if (normalized.accepted) this.acceptedWithId++;
    return this;
  }

  /** Whether this offerId was seen with this fingerprint; throws when it was seen with another. */
  private isKnown(offerId: string, fingerprint: number): boolean {
    const known = this.offers.get(offerId);
    if (known === undefined) return false;
    if (known.fingerprint !== fingerprint) {
      throw new KpiError('CONFLICTING_DUPLICATE', 'offerId', `offer ${JSON.stringify(offerId)} was already added with different content`);
    }
    return true;
  }

  addAll(offers: Iterable<Offer>): this {
    for (const offer of offers) this.add(offer);
    return this;
  }

  result(): OfferAcceptanceRateResult {
    const counts = { accepted: this.acceptedWithId + this.acceptedWithoutId, offered: this.offers.size + this.offeredWithoutId };
    return { value: offerAcceptanceRate(counts), ...counts };
  }

  merge(other: OfferAcceptanceRateEngine): this {
    if (other.options.kind !== this.options.kind) throw incompatibleOptions('OfferAcceptanceRate', this.options, other.options);
    const fresh: [string, SeenOffer][] = [];
    for (const [offerId, seen] of other.offers) {
      if (!this.isKnown(offerId, seen.fingerprint)) fresh.push([offerId, seen]);
    }
    for (const [offerId, seen] of fresh) {
      this.offers.set(offerId, { fingerprint: seen.fingerprint, accepted: seen.accepted });
      if (seen.accepted) this.acceptedWithId++;
    }
    this.acceptedWithoutId += other.acceptedWithoutId;
    this.offeredWithoutId += other.offeredWithoutId;
    return this;
  }

  toJSON(): AccumulatorJSON {
    return {
      kind: 'OfferAcceptanceRate',
      version: 1,
      options: { kind: this.options.kind },
      state: {
        offers: Array.from(this.offers, ([offerId, seen]) => [offerId, seen.fingerprint, seen.accepted]),
        accepted: this.acceptedWithoutId,
        offered: this.offeredWithoutId,
      },
    };
  }

  /** Reads `state` (as written by {@link toJSON}) into this empty accumulator, validating everything. */
  private load(stateJSON: unknown): this {
    const state = stateObject(stateJSON, 'state', ['offers', 'accepted', 'offered']);
    stateArray(state['offers'], 'state.offers').forEach((entry, index) => {
      const path = `state.offers[${index}]`;
      const tuple = stateArray(entry, path, 3);
      if (tuple.length !== 3) throw invalidState(path, 'expected [offerId, fingerprint, accepted]');
      const offerId = stateId(tuple[0], `${path}[0]`);
      const fingerprint = stateCount(tuple[1], `${path}[1]`);
      const accepted = stateBoolean(tuple[2], `${path}[2]`);
      if (this.offers.has(offerId)) throw invalidState(`${path}[0]`, `offer ${JSON.stringify(offerId)} appears twice`);
      this.offers.set(offerId, { fingerprint, accepted });
      if (accepted) this.acceptedWithId++;
    });
    this.acceptedWithoutId = stateCount(state['accepted'], 'state.accepted');
    this.offeredWithoutId = stateCount(state['offered'], 'state.offered');
    if (this.acceptedWithoutId > this.offeredWithoutId) throw invalidState('state.accepted', 'exceeds offered');
    if (!Number.isSafeInteger(this.offers.size + this.offeredWithoutId)) throw invalidState('state.offered', 'with the offers, exceeds the largest safe integer');
    return this;
  }
}
