import { hashKey } from './hash.js';

/**
 * @internal A compact table of distinct ids (order ids, offer ids, customer ids) numbered 0, 1, 2, …
 * in the order they were added: the row of an id. Open addressing with linear probing over one
 * typed array of (hash, row) pairs, keyed by a 32-bit hash of the id, so that a probe reads one
 * place in memory and the ids themselves are compared only when their hashes match. Per id it
 * costs about 20 bytes besides the id string (a `Map` costs about twice that, on the
 * garbage-collected heap, and is slower to fill); each row's hash is kept too, so that two tables
 * are compared without hashing again. Up to eight ids, the table is the list alone, scanned (a
 * Scorecard has many cells of a few customers). Rows are what callers index their own columns with.
 */
export class IdTable {
  /** Slot i holds the hash at 2i and the row + 1 at 2i + 1 (0: empty). The slot count is a power of two (none before the first id). */
  private slots: Int32Array = EMPTY_INT32;
  /** Each row's id. */
  readonly ids: string[] = [];
  /** Each row's hash. */
  private hashes: Int32Array = EMPTY_INT32;

  /** The number of ids. */
  get size(): number {
    return this.ids.length;
  }

  /** The row of `id`, or -1. `hash` is `hashKey(id)`, when the caller has it. */
  find(id: string, hash?: number): number {
    const slots = this.slots;
    if (slots.length === 0) return this.ids.indexOf(id);
    hash ??= hashKey(id);
    const mask = (slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const row = slots[2 * slot + 1]! - 1;
      if (row < 0) return -1;
      if (slots[2 * slot] === hash && this.ids[row] === id) return row;
    }
  }

  /** Whether the id in `row` of `other` is in this table (its hash is not computed again). */
  has(other: IdTable, row: number): boolean {
    return this.find(other.ids[row]!, other.hashOf(row)) >= 0;
  }

  /** The hash of the id in `row`. */
  hashOf(row: number): number {
    return this.slots.length === 0 ? hashKey(this.ids[row]!) : this.hashes[row]!;
  }

  /** The row of `id`, added at the end when it is new. */
  row(id: string): number {
    // Stryker disable next-line ConditionalExpression, EqualityOperator, BlockStatement: only skips hashing a small table's id; the path below finds and adds the same row (find scans while there are no slots, add hashes the ninth id itself)
    if (this.slots.length === 0) {
      const found = this.ids.indexOf(id);
      return found >= 0 ? found : this.add(id);
    }
    const hash = hashKey(id);
    const found = this.find(id, hash);
    return found >= 0 ? found : this.add(id, hash);
  }

  /** Adds an id that is not in the table yet and returns its row. */
  add(id: string, hash?: number): number {
    const row = this.ids.length;
    // A few ids are found by a scan of the list; the hash table is built at the ninth.
    if (row < SCANNED) {
      this.ids.push(id);
      return row;
    }
    if (row === SCANNED) this.buildSlots();
    hash ??= hashKey(id);
    if ((row + 1) * 4 > this.slots.length) this.rehash(this.slots.length * 2);
    this.hashes = withRow(this.hashes, row);
    this.hashes[row] = hash;
    this.ids.push(id);
    this.place(row, hash);
    return row;
  }

  private buildSlots(): void {
    this.hashes = new Int32Array(SCANNED * 2);
    for (let row = 0; row < SCANNED; row++) this.hashes[row] = hashKey(this.ids[row]!);
    this.rehash(64);
  }

  private place(row: number, hash: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hash & mask;
    while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    slots[2 * slot] = hash;
    slots[2 * slot + 1] = row + 1;
  }

  private rehash(length: number): void {
    this.slots = new Int32Array(length);
    for (let row = 0; row < this.ids.length; row++) this.place(row, this.hashes[row]!);
  }
}

/** Up to this many ids, a table is its list alone. */
const SCANNED = 8;

/**
 * @internal Empty arrays to start from: a table, a column or a fold allocates nothing before its
 * first entry (a Scorecard has many small cells). Never written to: {@link grow} replaces them.
 */
export const EMPTY_INT32 = /* @__PURE__ */ new Int32Array(0);
/** @internal */
export const EMPTY_FLOAT64 = /* @__PURE__ */ new Float64Array(0);
/** @internal */
export const EMPTY_UINT8 = /* @__PURE__ */ new Uint8Array(0);

/** @internal A typed array of at least `length` elements holding `array`'s elements first. */
export function grow<T extends Int32Array | Float64Array | Uint8Array>(array: T, length: number): T {
  const grown = new (array.constructor as new (length: number) => T)(Math.max(length, 8));
  grown.set(array);
  return grown;
}

/**
 * @internal `array` when `row` is inside it, else a copy twice as long: for columns that gain one
 * row at a time, the row after their last.
 */
export function withRow<T extends Int32Array | Float64Array | Uint8Array>(array: T, row: number): T {
  // Stryker disable next-line EqualityOperator: `!==` copies at every row (to twice the row, never the row itself), holding the same values
  return row === array.length ? grow(array, row * 2) : array;
}
