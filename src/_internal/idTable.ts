import { hashKey } from './hash.js';

/**
 * @internal A compact table of distinct ids (order ids, offer ids, customer ids) numbered 0, 1, 2, …
 * in the order they were added: the row of an id. Open addressing with linear probing over typed
 * arrays, keyed by a 32-bit hash of the id; the ids themselves are compared only when their hashes
 * match. Per id it costs about 16 bytes besides the id string (a `Map` costs about twice that, on
 * the garbage-collected heap). Rows are what callers index their own columns with.
 */
export class IdTable {
  /** Row + 1 of the id in each slot; 0 for an empty slot. Its length is a power of two. */
  private slots = new Int32Array(16);
  /** The hash of each row's id. */
  private hashes = new Int32Array(8);
  /** Each row's id. */
  readonly ids: string[] = [];

  /** The number of ids. */
  get size(): number {
    return this.ids.length;
  }

  /** The row of `id`, or -1. */
  find(id: string, hash = hashKey(id)): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const row = slots[slot]! - 1;
      if (row < 0) return -1;
      if (this.hashes[row] === hash && this.ids[row] === id) return row;
    }
  }

  /** The row of `id`, added at the end when it is new. */
  row(id: string): number {
    const hash = hashKey(id);
    const found = this.find(id, hash);
    return found >= 0 ? found : this.add(id, hash);
  }

  /** Adds an id that is not in the table yet and returns its row. */
  add(id: string, hash = hashKey(id)): number {
    const row = this.ids.length;
    if (row === this.hashes.length) this.hashes = grow(this.hashes, row * 2);
    if ((row + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    this.ids.push(id);
    this.hashes[row] = hash;
    this.place(row, hash);
    return row;
  }

  private place(row: number, hash: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = row + 1;
  }

  private rehash(capacity: number): void {
    this.slots = new Int32Array(capacity);
    for (let row = 0; row < this.ids.length; row++) this.place(row, this.hashes[row]!);
  }
}

/** @internal A typed array of at least `length` elements holding `array`'s elements first. */
export function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, length: number): T {
  const grown = new (array.constructor as new (length: number) => T)(Math.max(length, 8));
  grown.set(array);
  return grown;
}
