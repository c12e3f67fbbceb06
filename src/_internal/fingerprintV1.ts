import { Decimal } from './decimal.js';
import { MICRO, type Amount } from './amount.js';
import type { OfferView } from './offerView.js';
import { sourceName, type OrderView } from './orderView.js';

/**
 * The fingerprints of state version 1, kept to recognise the re-delivery of an order or an offer
 * that an accumulator saw before it was saved as version 1 and restored: cyrb53 (public domain,
 * bryc) over a canonical text of the event. Version 2 fingerprints (`orderView.ts`) replace them
 * for everything seen since; the text's layout and the hash here are frozen.
 *
 * Their text separates fields with the characters U+0001 to U+0004 without escaping them, so two
 * contents whose fields hold those characters can share a text; version 2 hashes an injective
 * encoding instead.
 *
 * The text is hashed as it is produced and never built: this runs once per order, and building
 * ~130 characters of strings per order cost more than everything else `add` does. The hash state
 * is module-level (one fingerprint is computed at a time; nothing here can re-enter).
 * @internal
 * @module
 */

let h1 = 0;
let h2 = 0;

function start(): void {
  // The seed 0xdeadbeef as a 32-bit integer (the same bits), so the state stays a small integer.
  h1 = 0xdeadbeef | 0;
  h2 = 0x41c6ce57;
}

function char(code: number): void {
  h1 = Math.imul(h1 ^ code, 2654435761);
  h2 = Math.imul(h2 ^ code, 1597334677);
}

/** The text's characters, after a separator when one is given (one pass over the hash state). */
function text(value: string, separator?: number): void {
  let a = h1;
  let b = h2;
  if (separator !== undefined) {
    a = Math.imul(a ^ separator, 2654435761);
    b = Math.imul(b ^ separator, 1597334677);
  }
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    a = Math.imul(a ^ code, 2654435761);
    b = Math.imul(b ^ code, 1597334677);
  }
  h1 = a;
  h2 = b;
}

/** The text, or the marker \u0002 for an absent value. */
function optional(value: string | undefined): void {
  if (value === undefined) char(2);
  else text(value);
}

function dimensions(values: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(values).sort()) {
    text(key);
    char(3);
    text(values[key]!);
    char(3);
  }
}

function digest(): number {
  let a = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  a ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  let b = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}

/** Digits of one number, least significant first (a safe integer has at most 16). */
const SCRATCH = /* @__PURE__ */ new Uint8Array(16);

/** Pushes the digits of `value` (< 10⁸) onto {@link SCRATCH} from `count` on, at least `length` of them; returns the new count. */
function pushDigits(value: number, count: number, length: number): number {
  let rest = value | 0;
  const end = count + length;
  do {
    const next = (rest / 10) | 0;
    SCRATCH[count++] = 48 + rest - next * 10;
    rest = next;
  } while (rest !== 0 || count < end);
  return count;
}

/** The digits of a non-negative safe integer, zero-padded on the left to at least `length`. */
function digits(value: number, length: number): void {
  let count = 0;
  // Eight digits at a time in 32-bit integer arithmetic; a float division only between chunks.
  while (value >= 1e8) {
    const high = Math.floor(value / 1e8);
    count = pushDigits(value - high * 1e8, count, 8);
    value = high;
  }
  count = pushDigits(value, count, length - count);
  let a = h1;
  let b = h2;
  while (count > 0) {
    const code = SCRATCH[--count]!;
    a = Math.imul(a ^ code, 2654435761);
    b = Math.imul(b ^ code, 1597334677);
  }
  h1 = a;
  h2 = b;
}

/** A safe integer as `String` writes it. */
function integer(value: number): void {
  if (value < 0) char(45 /* - */);
  digits(Math.abs(value), 1);
}

/** An amount ≥ 0 (an order's prices and discounts are) as `Decimal#toFixed()` writes it (`19.9`, `0.0001`, `3`). */
function amount(value: Amount): void {
  if (typeof value !== 'number') return text(value.toFixed());
  const fraction = value % MICRO;
  integer((value - fraction) / MICRO);
  if (fraction === 0) return;
  let significant = fraction;
  let length = 6;
  while (significant % 10 === 0) {
    significant /= 10;
    length--;
  }
  char(46 /* . */);
  digits(significant, length);
}

/** A quantity as `Decimal#toFixed()` writes it: its shortest decimal string, never in exponent form. */
function quantity(value: number): void {
  if (Number.isSafeInteger(value)) return integer(value);
  const written = String(value);
  text(written.includes('e') ? new Decimal(value).toFixed() : written);
}

/**
 * @internal The version 1 fingerprint of an order: customer, time, currency, channel, segment,
 * sorted dimensions, then each line's SKU, category, quantity, unit price, discount and source.
 */
export function orderFingerprintV1(order: OrderView): number {
  start();
  // Version 1 had no guest orders: a guest is hashed as the empty id, which no version 1 order had.
  text(order.customerId ?? '');
  char(1);
  integer(order.time);
  text(order.currency ?? '', 1);
  char(1);
  optional(order.channel);
  char(1);
  optional(order.segment);
  char(1);
  if (order.dimensions !== undefined) dimensions(order.dimensions);
  for (let index = 0; index < order.lineCount; index++) {
    text(order.skus[index]!, 1);
    char(4);
    optional(order.categories[index]);
    char(4);
    quantity(order.quantities[index]!);
    char(4);
    amount(order.unitPrices[index]!);
    char(4);
    amount(order.discounts[index]!);
    text(sourceName(order.sources[index]!), 4);
  }
  return digest();
}

/** @internal The version 1 fingerprint of an offer: customer, time, kind, accepted, channel, segment, sorted dimensions. */
export function offerFingerprintV1(offer: OfferView): number {
  start();
  text(offer.customerId);
  char(1);
  integer(offer.time);
  char(1);
  text(offer.kind);
  char(1);
  text(offer.accepted ? 'true' : 'false');
  char(1);
  optional(offer.channel);
  char(1);
  optional(offer.segment);
  if (offer.dimensions !== undefined) dimensions(offer.dimensions);
  return digest();
}
