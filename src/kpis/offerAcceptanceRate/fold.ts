import { OFFERS } from '../../_internal/eventKinds.js';
import { offerFingerprintV1 } from '../../_internal/fingerprintV1.js';
import { shape, type Fold, type Json } from '../../_internal/fold.js';
import { EMPTY_FLOAT64, EMPTY_UINT8, IdTable, withRow } from '../../_internal/idTable.js';
import { offerFingerprint, type OfferView } from '../../_internal/offerView.js';
import { conflicting, type EngineOptions, type FoldSpec } from '../../_internal/orderEngine.js';
import { optionsObject, requiredOneOf } from '../../_internal/options.js';
import { invalidState, stateBoolean, stateCount, stateEntries, stateRowSet } from '../../_internal/state.js';
import { countable } from '../../_internal/validate.js';
import type { OfferAcceptanceRateResult } from './OfferAcceptanceRate.js';
import { offerAcceptanceRate } from './formula.js';

/** @internal The options of an offer acceptance rate. */
export interface OfferAcceptanceRateSettings extends EngineOptions {
  readonly kind: 'cross-sell' | 'upsell' | null;
}

/** @internal Validates the options of an offer acceptance rate. */
export function offerAcceptanceRateSettings(options: unknown): OfferAcceptanceRateSettings {
  const bag = optionsObject(options, ['kind']);
  const kind = bag['kind'] ?? undefined; // null, as written to JSON, means every kind too
  return { kind: kind === undefined ? null : requiredOneOf<'cross-sell' | 'upsell'>(kind, 'kind', ['cross-sell', 'upsell']) };
}

/**
 * @internal Offers with an id as `[offerId, fingerprint, accepted]`, the offers without one as two
 * counts, and the indexes of the offers whose fingerprint is of state version 1.
 */
export type OfferAcceptanceRateState = { offers: [string, number, boolean][]; accepted: number; offered: number; legacy: number[] } & Json;

/**
 * @internal The offer acceptance rate. Offers with an `offerId` are one offer however often they are
 * delivered: each id is kept with a fingerprint of the offer and whether it was accepted, and the
 * same id with other content is `CONFLICTING_DUPLICATE`. Offers without an id are each counted, in
 * two counts. A merge is a union of the ids plus a sum of the counts.
 */
export class OfferAcceptanceRateFold implements Fold<OfferView, OfferAcceptanceRateResult, OfferAcceptanceRateState> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  private readonly ids = new IdTable();
  private fingerprints: Float64Array = EMPTY_FLOAT64;
  private accepted: Uint8Array = EMPTY_UINT8;
  /** Rows whose fingerprint is of version 1. */
  private legacy: Set<number> | undefined;
  private acceptedWithId = 0;
  private acceptedWithoutId = 0;
  private offeredWithoutId = 0;

  constructor(private readonly options: OfferAcceptanceRateSettings) {}

  check(offer: OfferView): void {
    if (this.options.kind !== null && offer.kind !== this.options.kind) return;
    if (offer.offerId === undefined) {
      countable(this.offeredWithoutId + this.ids.size, 1, 'offered');
      return;
    }
    const row = this.ids.find(offer.offerId);
    if (row < 0) {
      countable(this.offeredWithoutId + this.ids.size, 1, 'offered');
      return;
    }
    const fingerprint = this.legacy?.has(row) === true ? offerFingerprintV1(offer) : offerFingerprint(offer);
    if (fingerprint !== this.fingerprints[row]) throw conflicting('offerId', offer.offerId);
  }

  add(offer: OfferView): undefined {
    if (this.options.kind !== null && offer.kind !== this.options.kind) return;
    if (offer.offerId === undefined) {
      this.offeredWithoutId++;
      if (offer.accepted) this.acceptedWithoutId++;
    } else if (this.ids.find(offer.offerId) < 0) {
      this.addOffer(offer.offerId, offerFingerprint(offer), offer.accepted, false);
    }
  }

  private addOffer(offerId: string, fingerprint: number, accepted: boolean, legacy: boolean): void {
    const row = this.ids.add(offerId);
    this.fingerprints = withRow(this.fingerprints, row);
    this.accepted = withRow(this.accepted, row);
    this.fingerprints[row] = fingerprint;
    this.accepted[row] = accepted ? 1 : 0;
    if (accepted) this.acceptedWithId++;
    if (legacy) (this.legacy ??= new Set()).add(row);
  }

  addKept(): void {}

  checkMerge(other: OfferAcceptanceRateFold): void {
    let fresh = 0;
    const ids = other.ids.ids;
    for (let row = 0; row < ids.length; row++) {
      const mine = this.ids.find(ids[row]!);
      if (mine < 0) fresh++;
      // Fingerprints of two versions cannot be compared: the offer is taken as the same one.
      else if (this.legacy?.has(mine) === other.legacy?.has(row) && this.fingerprints[mine] !== other.fingerprints[row]) throw conflicting('offerId', ids[row]!);
    }
    countable(this.offeredWithoutId + this.ids.size, other.offeredWithoutId + fresh, 'offered');
  }

  merge(other: OfferAcceptanceRateFold): void {
    const ids = other.ids.ids;
    for (let row = 0; row < ids.length; row++) {
      if (this.ids.find(ids[row]!) < 0) this.addOffer(ids[row]!, other.fingerprints[row]!, other.accepted[row] === 1, other.legacy?.has(row) === true);
    }
    this.acceptedWithoutId += other.acceptedWithoutId;
    this.offeredWithoutId += other.offeredWithoutId;
  }

  isEmpty(): boolean {
    return this.ids.size === 0 && this.offeredWithoutId === 0;
  }

  result(): OfferAcceptanceRateResult {
    const counts = { accepted: this.acceptedWithId + this.acceptedWithoutId, offered: this.ids.size + this.offeredWithoutId };
    return { value: offerAcceptanceRate(counts), ...counts };
  }

  toJSON(): OfferAcceptanceRateState {
    // Rows join the set as they are added, so it is in ascending order.
    const legacy = this.legacy === undefined ? [] : [...this.legacy];
    return {
      offers: this.ids.ids.map((offerId, row) => [offerId, this.fingerprints[row]!, this.accepted[row] === 1]),
      accepted: this.acceptedWithoutId,
      offered: this.offeredWithoutId,
      legacy,
    };
  }

  readState(state: Readonly<Record<string, unknown>>): OfferAcceptanceRateState {
    const offers = stateEntries(state, 'offers', ['offerId', 'fingerprint', 'accepted'], (entry, path, id): [string, number, boolean] => [id, stateCount(entry[1], `${path}[1]`), stateBoolean(entry[2], `${path}[2]`)]);
    const accepted = stateCount(state['accepted'], 'state.accepted');
    const offered = stateCount(state['offered'], 'state.offered');
    if (accepted > offered) throw invalidState('state.accepted', 'exceeds offered');
    if (!Number.isSafeInteger(offers.length + offered)) throw invalidState('state.offered', 'with the offers, exceeds the largest safe integer');
    const legacy = [...stateRowSet(state['legacy'], 'state.legacy', offers.length, 'state.offers')];
    return { offers, accepted, offered, legacy };
  }

  load(state: OfferAcceptanceRateState): void {
    const legacy = new Set(state.legacy);
    state.offers.forEach(([offerId, fingerprint, accepted], index) => this.addOffer(offerId, fingerprint, accepted, legacy.has(index)));
    this.acceptedWithoutId = state.accepted;
    this.offeredWithoutId = state.offered;
  }
}
shape(OfferAcceptanceRateFold, { perCustomer: false, additive: false, stateFields: ['offers', 'accepted', 'offered', 'legacy'] });

/** @internal */
export const offerAcceptanceRateSpec: FoldSpec<OfferAcceptanceRateFold, OfferAcceptanceRateSettings> = {
  kind: 'OfferAcceptanceRate',
  event: OFFERS,
  create: (options) => new OfferAcceptanceRateFold(options),
  // Version 1 fingerprints are of the version 1 text: every offer saved then keeps its own.
  migrateV1: (state) => ({ ...state, legacy: Array.isArray(state['offers']) ? state['offers'].map((_, index) => index) : [] }),
};
