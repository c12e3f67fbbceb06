import { KpiError } from '../core/KpiError.js';
import { isCurrencyCode } from '../core/currency.js';
import { toEpochMilliseconds } from '../core/time.js';
import { amountFromNumber, fromDecimal, parseMicro, type Amount } from './amount.js';
import { hashAmount, hashDigest, hashNumber, hashOptional, hashStart } from './hash.js';
import { toMoney, type MoneyInput } from '../core/money.js';
import { hashDimensions, optionalString, readDimensionsField, readId, readType, record } from './orderView.js';
import { show } from './show.js';

/**
 * Reading a return (a refund, or a cancellation after payment) into a reused view, as orders are
 * read (`orderView.ts`).
 * @internal
 * @module
 */

/** @internal A validated return. */
export interface ReturnView {
  returnId: string;
  orderId: string | undefined;
  /** `null` for a guest. */
  customerId: string | null;
  /** Epoch milliseconds. */
  time: number;
  /** The return's own currency; `null` when it carries none (the accumulator's default applies). */
  currency: string | null;
  /** The money given back: more than 0. */
  amount: Amount;
  channel: string | undefined;
  segment: string | undefined;
  dimensions: Readonly<Record<string, string>> | undefined;
}

/** @internal A view to read returns into. */
export function createReturnView(): ReturnView {
  return { returnId: '', orderId: undefined, customerId: null, time: 0, currency: null, amount: 0, channel: undefined, segment: undefined, dimensions: undefined };
}

function at(prefix: string, field: string): string {
  return prefix === '' ? field : `${prefix}.${field}`;
}

/**
 * @internal Validates a return and reads it into `view`; `prefix` is prepended to error paths.
 * On an invalid return it throws a `KpiError` and the view holds no valid return.
 */
export function readReturn(value: unknown, view: ReturnView, prefix = ''): void {
  const event = record(value, prefix, 'a return');
  readType(event, prefix, 'return');
  view.returnId = readId(event['returnId'], at(prefix, 'returnId'));
  const orderId = event['orderId'];
  view.orderId = orderId === undefined ? undefined : readId(orderId, at(prefix, 'orderId'));
  const customerId = event['customerId'];
  view.customerId = customerId === undefined || customerId === null ? null : readId(customerId, at(prefix, 'customerId'));
  view.time = toEpochMilliseconds(event['timestamp'], at(prefix, 'timestamp'));
  const currency = event['currency'];
  if (currency !== undefined && !isCurrencyCode(currency)) {
    throw new KpiError('INVALID_CURRENCY', at(prefix, 'currency'), `expected an ISO 4217 code, got ${show(currency)}`);
  }
  view.currency = (currency as string | undefined) ?? null;
  view.amount = positiveAmount(event['amount'], at(prefix, 'amount'));
  view.channel = optionalString(event['channel'], at(prefix, 'channel'));
  view.segment = optionalString(event['segment'], at(prefix, 'segment'));
  view.dimensions = readDimensionsField(event['dimensions'], prefix);
}

/** An amount > 0: the money given back. */
function positiveAmount(value: unknown, path: string): Amount {
  if (typeof value === 'string') {
    const micro = parseMicro(value);
    if (micro !== undefined && micro > 0) return micro;
  } else if (typeof value === 'number' && value > 0 && value < Infinity) {
    return amountFromNumber(value);
  }
  const amount = toMoney(value as MoneyInput, path);
  if (!amount.isPositive() || amount.isZero()) throw new KpiError('INVALID_MONEY', path, `expected an amount > 0 (the money given back), got ${amount.toString()}`);
  return fromDecimal(amount);
}

const RETURN_SEED = 0x72657475;

/**
 * @internal The return's content fingerprint: order, customer, time, currency, amount, channel,
 * segment and dimensions. Injective encoding (see `hash.ts`), 53 bits.
 */
export function returnFingerprint(view: ReturnView): number {
  hashStart(RETURN_SEED);
  hashOptional(view.orderId);
  hashOptional(view.customerId ?? undefined);
  hashNumber(view.time);
  hashOptional(view.currency ?? undefined);
  hashAmount(view.amount);
  hashOptional(view.channel);
  hashOptional(view.segment);
  hashDimensions(view.dimensions);
  return hashDigest();
}
