// src/_internal/hash.ts: the encoding of numbers in the content hash (the version 2 fingerprints,
// saved in state), word for word as its documentation gives it, and the slot hash of the id tables.
//
// The slot hash (`hashKey`): a table compares the id after
// the hash, so a poor hash is never wrong, only slow: what the table's speed rests on is checked
// here instead, on ids of the shapes it meets (counters, prefixed counters, zero-padded numbers,
// one to three characters): every character counts, no two of them share a hash, and their low
// bits (a table's slot is the hash's low bits) fill the slots evenly. Found by mutation testing
// (docs/mutation.md): a mutant that drops a character or the final mixing passed every test, and
// so did a changed encoding of negative integers and of safe integers past 2⁵² (no order held one).
import { describe, expect, test } from 'vitest';
import { hashDigest, hashKey, hashNumber, hashStart, hashWord } from '../../src/_internal/hash.js';

/** The digest of the words `feed` writes, from a fixed seed. */
function digestOf(feed: () => void): number {
  hashStart(7);
  feed();
  return hashDigest();
}

describe('hashNumber feeds the words its documentation gives', () => {
  test('an integer in [0, 2³⁰) as itself, -0 as 0', () => {
    for (const value of [0, 1, 2 ** 16, 2 ** 30 - 1]) expect(digestOf(() => hashNumber(value))).toBe(digestOf(() => hashWord(value)));
    expect(digestOf(() => hashNumber(-0))).toBe(digestOf(() => hashWord(0)));
  });

  test('any other safe integer as the tag 2³⁰, its high 32 bits (rounded down) and its low 32 bits', () => {
    const values = [2 ** 30, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 5, 2 ** 52 + 1, 2 ** 53 - 1, -1, -5, -(2 ** 31), -(2 ** 32) - 3, -(2 ** 53 - 1)];
    for (const value of values) {
      const exact = BigInt(value);
      const high = Number(exact >> 32n);
      const low = Number(BigInt.asUintN(32, exact));
      expect({ value, digest: digestOf(() => hashNumber(value)) }).toStrictEqual({
        value,
        digest: digestOf(() => {
          hashWord(0x40000000);
          hashWord(high);
          hashWord(low);
        }),
      });
    }
  });

  test('anything else as the tag 2³⁰ + 1 and its 64 bits, low word first', () => {
    for (const value of [0.5, -0.25, 2 ** 30 + 0.5, 2 ** 53, -(2 ** 60), 1e300, Number.MIN_VALUE]) {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, value, true);
      expect({ value, digest: digestOf(() => hashNumber(value)) }).toStrictEqual({
        value,
        digest: digestOf(() => {
          hashWord(0x40000001);
          hashWord(view.getUint32(0, true));
          hashWord(view.getUint32(4, true));
        }),
      });
    }
  });

  test('tells apart the numbers of each encoding, and the encodings', () => {
    const values = [0, 1, 2 ** 30 - 1, 2 ** 30, -1, 2 ** 32 + 1, 2 ** 53 - 1, 2 ** 53 - 2, 0.5, -0.5, 2 ** 53, 0x40000001, 0x40000002];
    expect(new Set(values.map((value) => digestOf(() => hashNumber(value)))).size).toBe(values.length);
  });
});

const counters = (count: number, write: (index: number) => string): string[] => Array.from({ length: count }, (_, index) => write(index));
const letters = (from: number, count: number): string[] => counters(count, (index) => String.fromCharCode(from + index));

const shapes: Record<string, string[]> = {
  counters: counters(4096, String),
  prefixed: counters(4096, (index) => `order-${index}`),
  padded: counters(4096, (index) => String(index).padStart(8, '0')),
  short: [...letters(32, 64), ...letters(32, 64).flatMap((first) => letters(32, 64).map((second) => first + second))],
  three: letters(97, 16).flatMap((a) => letters(97, 16).flatMap((b) => letters(97, 16).map((c) => a + b + c))),
};

describe('hashKey', () => {
  test('is a 32-bit integer, the same for the same text', () => {
    for (const id of ['', 'a', 'ab', 'abc', 'é', '\u{1F600}', 'order-1234567890']) {
      const hash = hashKey(id);
      expect(Number.isInteger(hash) && hash >= -(2 ** 31) && hash < 2 ** 31).toBe(true);
      expect(hashKey(`${id}`)).toBe(hash);
    }
  });

  test('every character counts: ids one character apart differ, at each position, odd and even lengths', () => {
    for (const base of ['a', 'ab', 'abc', 'abcd', 'order-00001']) {
      for (let position = 0; position < base.length; position++) {
        const changed = `${base.slice(0, position)}z${base.slice(position + 1)}`;
        expect({ base, changed, same: hashKey(changed) === hashKey(base) }).toStrictEqual({ base, changed, same: false });
      }
      expect(hashKey(`${base}a`)).not.toBe(hashKey(base));
    }
    expect(hashKey('')).not.toBe(hashKey('\u0000'));
  });

  test('no two ids of the usual shapes share a hash', () => {
    const all = [...new Set(Object.values(shapes).flat())];
    expect(all.length).toBeGreaterThan(20_000);
    expect(new Set(all.map(hashKey)).size).toBe(all.length);
  });

  test('the low bits spread each shape evenly over 256 slots', () => {
    for (const [shape, ids] of Object.entries(shapes)) {
      const slots = new Array<number>(256).fill(0);
      for (const id of ids) slots[hashKey(id) & 255]! += 1;
      // About 16 ids a slot; a uniform hash stays within these bounds (Poisson tails below 10⁻⁶).
      expect({ shape, fullest: Math.max(...slots) <= 48, emptiest: Math.min(...slots) >= 1 }).toStrictEqual({ shape, fullest: true, emptiest: true });
    }
  });
});
