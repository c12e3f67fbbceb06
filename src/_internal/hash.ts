import type { Decimal } from './decimal.js';

/**
 * The content hash behind fingerprints (state version 2) and the order-id table: two 32-bit lanes
 * fed with 32-bit words, each step an xor, a multiply by an odd constant and an xor-shift (so high
 * bits flow back into low ones), finished with cyrb53's avalanche into 53 bits.
 *
 * What is hashed is a sequence of words that determines the content exactly (injective): a string
 * is its length, then its UTF-16 code units two to a word; a number is one word when it is a small
 * non-negative integer, else a tag and its bits; an absent value is a word no length can be; a
 * `Decimal` is a tag and its exact text. Every encoding is told apart from the others by its first
 * word, so a sequence of them reads back one way only. So two different orders have
 * the same fingerprint only by chance (about 2⁻⁵³ per pair), never by construction, whatever
 * separators or control characters their fields hold.
 *
 * The state is module-level: a hash is computed from already read values in one synchronous call,
 * so nothing can interleave.
 * @internal
 * @module
 */

let h1 = 0;
let h2 = 0;

const FLOAT = /* @__PURE__ */ new Float64Array(1);
const WORDS = /* @__PURE__ */ new Uint32Array(FLOAT.buffer);

/** @internal A word no string length can be: marks an absent value. */
export const ABSENT = -1;

/** @internal Starts a hash. */
export function hashStart(seed: number): void {
  h1 = 0xdeadbeef ^ seed;
  h2 = 0x41c6ce57 ^ seed;
}

/** @internal Feeds one 32-bit word. */
export function hashWord(word: number): void {
  let a = Math.imul(h1 ^ word, 2654435761);
  let b = Math.imul(h2 ^ word, 1597334677);
  a ^= a >>> 15;
  b ^= b >>> 15;
  h1 = a;
  h2 = b;
}

/** @internal Feeds a string: its length, then its code units two to a word. */
export function hashString(text: string): void {
  const length = text.length;
  let a = Math.imul(h1 ^ length, 2654435761);
  let b = Math.imul(h2 ^ length, 1597334677);
  a ^= a >>> 15;
  b ^= b >>> 15;
  let index = 0;
  for (; index + 1 < length; index += 2) {
    const word = text.charCodeAt(index) | (text.charCodeAt(index + 1) << 16);
    a = Math.imul(a ^ word, 2654435761);
    b = Math.imul(b ^ word, 1597334677);
    a ^= a >>> 15;
    b ^= b >>> 15;
  }
  if (index < length) {
    const word = text.charCodeAt(index);
    a = Math.imul(a ^ word, 2654435761);
    b = Math.imul(b ^ word, 1597334677);
    a ^= a >>> 15;
    b ^= b >>> 15;
  }
  h1 = a;
  h2 = b;
}

/** @internal Feeds a string, or {@link ABSENT}. */
export function hashOptional(text: string | undefined): void {
  if (text === undefined) hashWord(ABSENT);
  else hashString(text);
}

/**
 * Tags that start the longer encodings of a number: no one-word number (an integer in [0, 2³⁰)) and
 * no string length is one, so each encoding is told apart by its first word.
 */
const INTEGER_TAG = 0x40000000;
const FLOAT_TAG = 0x40000001;
const DECIMAL_TAG = 0x40000002;
const SMALL = 0x40000000;

/**
 * @internal Feeds a number exactly: an integer in [0, 2³⁰) (a quantity, most prices in micro-units)
 * as one word; any other safe integer as a tag and its high and low 32 bits; anything else as a tag
 * and its 64 bits.
 */
export function hashNumber(value: number): void {
  if (value >= 0 && value < SMALL && (value | 0) === value) {
    hashWord(value);
  } else if (Number.isSafeInteger(value)) {
    const high = Math.floor(value / 4294967296);
    hashWord(INTEGER_TAG);
    hashWord(high);
    hashWord(value - high * 4294967296);
  } else {
    FLOAT[0] = value;
    hashWord(FLOAT_TAG);
    hashWord(WORDS[0]!);
    hashWord(WORDS[1]!);
  }
}

/** @internal Feeds an exact amount: micro-units as a number, or a tagged `Decimal` text. */
export function hashAmount(amount: number | Decimal): void {
  if (typeof amount === 'number') {
    hashNumber(amount);
  } else {
    hashWord(DECIMAL_TAG);
    hashString(amount.toFixed());
  }
}

/** @internal The 53-bit digest (a non-negative safe integer). */
export function hashDigest(): number {
  let a = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  a ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  let b = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}

/** @internal A 32-bit hash of a string, for hash tables. */
export function hashKey(text: string): number {
  let a = 0x9e3779b9 ^ text.length;
  const length = text.length;
  let index = 0;
  for (; index + 1 < length; index += 2) {
    a = Math.imul(a ^ (text.charCodeAt(index) | (text.charCodeAt(index + 1) << 16)), 2654435761);
    a ^= a >>> 15;
  }
  if (index < length) {
    a = Math.imul(a ^ text.charCodeAt(index), 2654435761);
    a ^= a >>> 15;
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507);
  a = Math.imul(a ^ (a >>> 13), 3266489909);
  return (a ^ (a >>> 16)) | 0;
}
