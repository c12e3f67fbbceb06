import { Decimal, ZERO } from './decimal.js';
import { KpiError } from '../core/KpiError.js';
import type { LineSource } from '../core/events.js';
import { isCurrencyCode } from '../core/currency.js';
import { toMoney, type MoneyInput } from '../core/money.js';
import { toEpochMilliseconds } from '../core/time.js';
import { show } from './show.js';

/**
 * Validated, normalized events: what every accumulator reads. Validation happens here once, at
 * the boundary; accumulators trust these shapes.
 * @internal
 * @module
 */

/** @internal */
export interface NormalizedLine {
  readonly sku: string;
  readonly category: string | undefined;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  readonly discount: Decimal;
  /** quantity × unitPrice − discount, exact. */
  readonly revenue: Decimal;
  readonly source: LineSource;
}

/** @internal */
export interface Dimensions {
  readonly channel: string | undefined;
  readonly segment: string | undefined;
  /** A copy with a null prototype, so `"__proto__"` is an ordinary key. */
  readonly dimensions: Readonly<Record<string, string>> | undefined;
}

/** @internal */
export interface NormalizedOrder extends Dimensions {
  readonly type: 'order';
  readonly orderId: string;
  readonly customerId: string;
  /** Epoch milliseconds. */
  readonly time: number;
  /** The order's own currency; `null` when it carries none (the accumulator's default applies). */
  readonly currency: string | null;
  readonly lines: readonly NormalizedLine[];
  /** The sum of the lines' revenue. */
  readonly revenue: Decimal;
}

/** @internal */
export interface NormalizedOffer extends Dimensions {
  readonly type: 'offer';
  readonly customerId: string;
  readonly time: number;
  readonly kind: 'cross-sell' | 'upsell';
  readonly accepted: boolean;
  readonly offerId: string | undefined;
}

/** @internal */
export interface NormalizedVisit extends Dimensions {
  readonly type: 'visit';
  readonly visitorId: string;
  readonly time: number;
  readonly converted: boolean;
}

/** @internal */
export type NormalizedEvent = NormalizedOrder | NormalizedOffer | NormalizedVisit;

function at(prefix: string, field: string): string {
  return prefix === '' ? field : `${prefix}.${field}`;
}

function record(value: unknown, path: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KpiError('INVALID_EVENT', path, `expected ${what} object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  return value as Record<string, unknown>;
}

/** @internal An id: a non-empty string, or a finite number read as a string. */
export function readId(value: unknown, path: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new KpiError('INVALID_EVENT', path, `expected a non-empty string id, got ${value === '' ? 'an empty string' : typeof value}`);
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw new KpiError('INVALID_EVENT', path, `expected a string, got ${value === null ? 'null' : typeof value}`);
}

function readBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new KpiError('INVALID_EVENT', path, `expected true or false, got ${value === null ? 'null' : typeof value}`);
}

function readDimensions(event: Record<string, unknown>, prefix: string): Dimensions {
  const channel = optionalString(event['channel'], at(prefix, 'channel'));
  const segment = optionalString(event['segment'], at(prefix, 'segment'));
  const raw = event['dimensions'];
  if (raw === undefined) return { channel, segment, dimensions: undefined };
  const source = record(raw, at(prefix, 'dimensions'), 'a dimensions');
  const dimensions: Record<string, string> = Object.create(null);
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (typeof value !== 'string') {
      throw new KpiError('INVALID_EVENT', `${at(prefix, 'dimensions')}[${JSON.stringify(key)}]`, `expected a string, got ${value === null ? 'null' : typeof value}`);
    }
    dimensions[key] = value;
  }
  return { channel, segment, dimensions };
}

const SOURCES: ReadonlySet<unknown> = new Set(['organic', 'cross-sell', 'upsell']);
const ONE = /* @__PURE__ */ new Decimal(1);

function positiveQuantity(value: unknown, path: string): Decimal {
  if (value === undefined) return ONE;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new KpiError('INVALID_NUMBER', path, `expected a positive finite quantity, got ${String(value)}`);
  }
  if (value < 0) throw new KpiError('NEGATIVE_COUNT', path, `expected a positive quantity, got ${value}`);
  if (value === 0) throw new KpiError('INVALID_NUMBER', path, 'expected a positive quantity, got 0');
  return new Decimal(value);
}

function nonNegative(value: unknown, path: string): Decimal {
  const amount = toMoney(value as MoneyInput, path);
  if (amount.isNegative() && !amount.isZero()) throw new KpiError('INVALID_MONEY', path, `expected an amount ≥ 0, got ${amount.toFixed()}`);
  return amount.isZero() ? ZERO : amount;
}

function readLine(value: unknown, path: string): NormalizedLine {
  const line = record(value, path, 'an order line');
  const sku = readId(line['sku'], `${path}.sku`);
  const category = optionalString(line['category'], `${path}.category`);
  const quantity = positiveQuantity(line['quantity'], `${path}.quantity`);
  const unitPrice = nonNegative(line['unitPrice'], `${path}.unitPrice`);
  const discount = line['discount'] === undefined ? ZERO : nonNegative(line['discount'], `${path}.discount`);
  const rawSource = line['source'];
  if (rawSource !== undefined && !SOURCES.has(rawSource)) {
    throw new KpiError('INVALID_EVENT', `${path}.source`, `expected 'organic', 'cross-sell' or 'upsell', got ${show(rawSource)}`);
  }
  const gross = unitPrice.times(quantity);
  if (discount.greaterThan(gross)) {
    throw new KpiError('INVALID_MONEY', `${path}.discount`, `discount ${discount.toFixed()} exceeds the line's gross ${gross.toFixed()}`);
  }
  return { sku, category, quantity, unitPrice, discount, revenue: gross.minus(discount), source: (rawSource ?? 'organic') as LineSource };
}

function readType(event: Record<string, unknown>, prefix: string, expected: string): void {
  const type = event['type'];
  if (type !== expected && !(expected === 'order' && type === undefined)) {
    throw new KpiError('INVALID_EVENT', at(prefix, 'type'), `expected ${JSON.stringify(expected)}, got ${show(type)}`);
  }
}

/** @internal Validates and normalizes an order; `prefix` is prepended to error paths. */
export function normalizeOrder(value: unknown, prefix: string): NormalizedOrder {
  const order = record(value, prefix, 'an order');
  readType(order, prefix, 'order');
  const orderId = readId(order['orderId'], at(prefix, 'orderId'));
  const customerId = readId(order['customerId'], at(prefix, 'customerId'));
  const time = toEpochMilliseconds(order['timestamp'], at(prefix, 'timestamp'));
  const rawCurrency = order['currency'];
  if (rawCurrency !== undefined && !isCurrencyCode(rawCurrency)) {
    throw new KpiError('INVALID_CURRENCY', at(prefix, 'currency'), `expected an ISO 4217 code, got ${show(rawCurrency)}`);
  }
  const { channel, segment, dimensions } = readDimensions(order, prefix);
  const rawLines = order['lines'];
  if (!Array.isArray(rawLines) || rawLines.length === 0) {
    throw new KpiError('INVALID_EVENT', at(prefix, 'lines'), 'expected an array of at least one line');
  }
  const lines: NormalizedLine[] = [];
  let revenue = ZERO;
  for (let index = 0; index < rawLines.length; index++) {
    const line = readLine(rawLines[index], `${at(prefix, 'lines')}[${index}]`);
    revenue = revenue.plus(line.revenue);
    lines.push(line);
  }
  return { type: 'order', orderId, customerId, time, currency: (rawCurrency as string | undefined) ?? null, channel, segment, dimensions, lines, revenue };
}

/** @internal Validates and normalizes an offer. */
export function normalizeOffer(value: unknown, prefix: string): NormalizedOffer {
  const offer = record(value, prefix, 'an offer');
  readType(offer, prefix, 'offer');
  const customerId = readId(offer['customerId'], at(prefix, 'customerId'));
  const time = toEpochMilliseconds(offer['timestamp'], at(prefix, 'timestamp'));
  const kind = offer['kind'];
  if (kind !== 'cross-sell' && kind !== 'upsell') {
    throw new KpiError('INVALID_EVENT', at(prefix, 'kind'), `expected 'cross-sell' or 'upsell', got ${show(kind)}`);
  }
  const accepted = readBoolean(offer['accepted'], at(prefix, 'accepted'));
  const offerId = offer['offerId'] === undefined ? undefined : readId(offer['offerId'], at(prefix, 'offerId'));
  return { type: 'offer', customerId, time, kind, accepted, offerId, ...readDimensions(offer, prefix) };
}

/** @internal Validates and normalizes a visit. */
export function normalizeVisit(value: unknown, prefix: string): NormalizedVisit {
  const visit = record(value, prefix, 'a visit');
  readType(visit, prefix, 'visit');
  const visitorId = readId(visit['visitorId'], at(prefix, 'visitorId'));
  const time = toEpochMilliseconds(visit['timestamp'], at(prefix, 'timestamp'));
  const converted = readBoolean(visit['converted'], at(prefix, 'converted'));
  return { type: 'visit', visitorId, time, converted, ...readDimensions(visit, prefix) };
}

/** @internal Validates and normalizes any event by its `type`. */
export function normalizeEvent(value: unknown, prefix: string): NormalizedEvent {
  const type = record(value, prefix, 'an event')['type'];
  if (type === undefined || type === 'order') return normalizeOrder(value, prefix);
  if (type === 'offer') return normalizeOffer(value, prefix);
  if (type === 'visit') return normalizeVisit(value, prefix);
  throw new KpiError('INVALID_EVENT', at(prefix, 'type'), `expected 'order', 'offer' or 'visit', got ${show(type)}`);
}

/**
 * @internal A 53-bit fingerprint of an order's normalized content (cyrb53 over a canonical
 * string): re-delivery with the same content has the same fingerprint; a different one is a
 * conflicting duplicate. Two different contents share a fingerprint with probability ~2^-53.
 */
export function orderFingerprint(order: NormalizedOrder): number {
  let text = `${order.customerId}\u0001${order.time}\u0001${order.currency ?? ''}\u0001${order.channel ?? '\u0002'}\u0001${order.segment ?? '\u0002'}\u0001`;
  if (order.dimensions !== undefined) {
    for (const key of Object.keys(order.dimensions).sort()) text += `${key}\u0003${order.dimensions[key]}\u0003`;
  }
  for (const line of order.lines) {
    text += `\u0001${line.sku}\u0004${line.category ?? '\u0002'}\u0004${line.quantity.toFixed()}\u0004${line.unitPrice.toFixed()}\u0004${line.discount.toFixed()}\u0004${line.source}`;
  }
  return hash53(text);
}

/** @internal A 53-bit fingerprint of an offer's content. */
export function offerFingerprint(offer: NormalizedOffer): number {
  let text = `${offer.customerId}\u0001${offer.time}\u0001${offer.kind}\u0001${offer.accepted}\u0001${offer.channel ?? '\u0002'}\u0001${offer.segment ?? '\u0002'}`;
  if (offer.dimensions !== undefined) {
    for (const key of Object.keys(offer.dimensions).sort()) text += `${key}\u0003${offer.dimensions[key]}\u0003`;
  }
  return hash53(text);
}

/** cyrb53 (public domain, bryc): a fast, well-mixed 53-bit string hash. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
