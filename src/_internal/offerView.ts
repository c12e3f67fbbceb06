import { KpiError } from '../core/KpiError.js';
import { toEpochMilliseconds } from '../core/time.js';
import { hashDigest, hashNumber, hashOptional, hashStart, hashString, hashWord } from './hash.js';
import { hashDimensions, optionalString, readDimensionsField, readId, readType, record } from './orderView.js';
import { show } from './show.js';

/**
 * Reading an offer into a reused view (see `orderView.ts`).
 * @internal
 * @module
 */

/** @internal A validated offer. */
export interface OfferView {
  customerId: string;
  /** Epoch milliseconds. */
  time: number;
  kind: 'cross-sell' | 'upsell';
  accepted: boolean;
  offerId: string | undefined;
  channel: string | undefined;
  segment: string | undefined;
  dimensions: Readonly<Record<string, string>> | undefined;
}

/** @internal A view to read offers into. */
export function createOfferView(): OfferView {
  return { customerId: '', time: 0, kind: 'cross-sell', accepted: false, offerId: undefined, channel: undefined, segment: undefined, dimensions: undefined };
}

function at(prefix: string, field: string): string {
  return prefix === '' ? field : `${prefix}.${field}`;
}

/** @internal `true` or `false`, or INVALID_EVENT. */
export function readBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new KpiError('INVALID_EVENT', path, `expected true or false, got ${show(value)}`);
}

/** @internal Validates an offer and reads it into `view`. */
export function readOffer(value: unknown, view: OfferView, prefix = ''): void {
  const offer = record(value, prefix, 'an offer');
  readType(offer, prefix, 'offer');
  view.customerId = readId(offer['customerId'], at(prefix, 'customerId'));
  view.time = toEpochMilliseconds(offer['timestamp'], at(prefix, 'timestamp'));
  const kind = offer['kind'];
  if (kind !== 'cross-sell' && kind !== 'upsell') throw new KpiError('INVALID_EVENT', at(prefix, 'kind'), `expected 'cross-sell' or 'upsell', got ${show(kind)}`);
  view.kind = kind;
  view.accepted = readBoolean(offer['accepted'], at(prefix, 'accepted'));
  view.offerId = offer['offerId'] === undefined ? undefined : readId(offer['offerId'], at(prefix, 'offerId'));
  view.channel = optionalString(offer['channel'], at(prefix, 'channel'));
  view.segment = optionalString(offer['segment'], at(prefix, 'segment'));
  view.dimensions = readDimensionsField(offer['dimensions'], prefix);
}

const OFFER_SEED = 0x6f666672;

/** @internal The offer's content fingerprint (state version 2): customer, time, kind, accepted, channel, segment, dimensions. */
export function offerFingerprint(offer: OfferView): number {
  hashStart(OFFER_SEED);
  hashString(offer.customerId);
  hashNumber(offer.time);
  hashWord(offer.kind === 'cross-sell' ? 1 : 2);
  hashWord(offer.accepted ? 1 : 0);
  hashOptional(offer.channel);
  hashOptional(offer.segment);
  hashDimensions(offer.dimensions);
  return hashDigest();
}
