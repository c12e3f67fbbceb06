import { amountFromNumber, amountText, compare, fromDecimal, minus, parseMicro, plus, times, type Amount } from './amount.js';
import { KpiError } from '../core/KpiError.js';
import type { LineSource } from '../core/events.js';
import { isCurrencyCode } from '../core/currency.js';
import { toEpochMilliseconds } from '../core/time.js';
import { nonNegativeMoney } from './money.js';
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
  /** A positive finite number. */
  readonly quantity: number;
  readonly unitPrice: Amount;
  /** 0 when the line has none. */
  readonly discount: Amount;
  /** quantity × unitPrice − discount, exact. */
  readonly revenue: Amount;
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
  readonly revenue: Amount;
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
  throw new KpiError('INVALID_EVENT', path, `expected a non-empty string id, got ${value === '' ? 'an empty string' : show(value)}`);
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  throw new KpiError('INVALID_EVENT', path, `expected a string, got ${show(value)}`);
}

function readBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new KpiError('INVALID_EVENT', path, `expected true or false, got ${show(value)}`);
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
      throw new KpiError('INVALID_EVENT', `${at(prefix, 'dimensions')}[${JSON.stringify(key)}]`, `expected a string, got ${show(value)}`);
    }
    dimensions[key] = value;
  }
  return { channel, segment, dimensions };
}

function positiveQuantity(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const hint = typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? ` (a string: pass the number ${Number(value)})` : '';
    throw new KpiError('INVALID_NUMBER', path, `expected a positive finite quantity, got ${show(value)}${hint}`);
  }
  if (value < 0) throw new KpiError('NEGATIVE_COUNT', path, `expected a positive quantity, got ${value}`);
  if (value === 0) throw new KpiError('INVALID_NUMBER', path, 'expected a positive quantity, got 0');
  return value;
}

/** An amount ≥ 0, read exactly: a finite number through its shortest decimal string, anything else as the money readers do. */
function nonNegative(value: unknown, path: string): Amount {
  if (typeof value === 'number' && value >= 0 && Number.isFinite(value)) return amountFromNumber(value);
  return fromDecimal(nonNegativeMoney(value, path));
}

/** The path of a line's field; built only for an error, so valid lines cost no strings. */
function linePath(prefix: string, index: number, field: string): string {
  return `${at(prefix, 'lines')}[${index}]${field === '' ? '' : `.${field}`}`;
}

function readLine(value: unknown, prefix: string, index: number): NormalizedLine {
  const line = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : record(value, linePath(prefix, index, ''), 'an order line');
  const rawSku = line['sku'];
  const sku = typeof rawSku === 'string' && rawSku !== '' ? rawSku : readId(rawSku, linePath(prefix, index, 'sku'));
  const rawCategory = line['category'];
  const category = rawCategory === undefined || typeof rawCategory === 'string' ? rawCategory : optionalString(rawCategory, linePath(prefix, index, 'category'));
  const rawQuantity = line['quantity'];
  const quantity =
    rawQuantity === undefined ? 1 : typeof rawQuantity === 'number' && rawQuantity > 0 && rawQuantity < Infinity ? rawQuantity : positiveQuantity(rawQuantity, linePath(prefix, index, 'quantity'));
  const unitPrice = readAmount(line['unitPrice'], prefix, index, 'unitPrice');
  const rawDiscount = line['discount'];
  const discount = rawDiscount === undefined ? 0 : readAmount(rawDiscount, prefix, index, 'discount');
  const source = line['source'];
  if (source !== undefined && source !== 'organic' && source !== 'cross-sell' && source !== 'upsell') {
    throw new KpiError('INVALID_EVENT', linePath(prefix, index, 'source'), `expected 'organic', 'cross-sell' or 'upsell', got ${show(source)}`);
  }
  const gross = quantity === 1 ? unitPrice : times(unitPrice, quantity);
  if (discount !== 0 && compare(discount, gross) > 0) {
    throw new KpiError('INVALID_MONEY', linePath(prefix, index, 'discount'), `discount ${amountText(discount)} exceeds the line's gross ${amountText(gross)}`);
  }
  return { sku, category, quantity, unitPrice, discount, revenue: discount === 0 ? gross : minus(gross, discount), source: source ?? 'organic' };
}

/** A line's amount ≥ 0: a plain string of up to six decimals takes the fast path. */
function readAmount(value: unknown, prefix: string, index: number, field: string): Amount {
  if (typeof value === 'string') {
    const micro = parseMicro(value);
    if (micro !== undefined) return micro;
  }
  return nonNegative(value, linePath(prefix, index, field));
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
  let revenue: Amount = 0;
  for (let index = 0; index < rawLines.length; index++) {
    const line = readLine(rawLines[index], prefix, index);
    revenue = plus(revenue, line.revenue);
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
