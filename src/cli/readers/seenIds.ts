/**
 * The order ids read so far, in a compact open-addressing table of typed arrays: 13 bytes a slot
 * (two 32-bit hashes of the id, the line it first appeared on, a status; 4 more for JSON Lines, a
 * hash of the content), at most 3 in 4 slots used, whatever the length of the ids: about 17-35
 * bytes per order, so a file of millions of orders stays small.
 *
 * Ids are compared by their 64-bit hash: two different ids are taken for the same with probability
 * about n² / 2⁶⁵ over n ids (3 × 10⁻⁸ for a million orders, 3 × 10⁻⁴ for a hundred million).
 * @internal
 * @module
 */

/** @internal What became of an order: being read or waiting to be counted, counted, or skipped. */
export const OrderStatus = { Open: 1, Counted: 2, Skipped: 3 } as const;
/** One of {@link OrderStatus}. */
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** @internal A 32-bit MurmurHash3-style hash of the UTF-16 code units of `text`. */
export function hash32(text: string, seed: number): number {
  let hash = (seed ^ text.length) | 0;
  for (let index = 0; index < text.length; index++) {
    let unit = Math.imul(text.charCodeAt(index), 0xcc9e2d51);
    unit = (unit << 15) | (unit >>> 17);
    hash ^= Math.imul(unit, 0x1b873593);
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

const SEED_LOW = 0x9747b28c;
const SEED_HIGH = 0x5bd1e995;

/** @internal Order id → first line, status and content hash. */
export class SeenIds {
  private capacity = 1 << 12;
  private low = new Uint32Array(this.capacity);
  private high = new Uint32Array(this.capacity);
  /** 0 marks an empty slot: lines start at 1. */
  private lines = new Uint32Array(this.capacity);
  private statuses = new Uint8Array(this.capacity);
  /** Allocated on the first {@link setContent} (JSON Lines only). */
  private contents: Uint32Array | undefined;
  /** How many ids are held. */
  size = 0;

  /** The slot of `id`, or -1. */
  find(id: string): number {
    return this.probe(hash32(id, SEED_LOW), hash32(id, SEED_HIGH));
  }

  private probe(low: number, high: number): number {
    const mask = this.capacity - 1;
    for (let slot = low & mask; ; slot = (slot + 1) & mask) {
      if (this.lines[slot] === 0) return -1 - slot;
      if (this.low[slot] === low && this.high[slot] === high) return slot;
    }
  }

  /**
   * Adds an id that {@link find} did not find.
   *
   * @returns Its slot.
   */
  add(id: string, line: number, status: OrderStatus): number {
    if ((this.size + 1) * 4 > this.capacity * 3) this.grow();
    const low = hash32(id, SEED_LOW);
    const high = hash32(id, SEED_HIGH);
    const found = this.probe(low, high);
    const slot = found < 0 ? -1 - found : found;
    this.low[slot] = low;
    this.high[slot] = high;
    this.lines[slot] = Math.min(line, 0xffffffff);
    this.statuses[slot] = status;
    if (found < 0) this.size += 1;
    return slot;
  }

  /** The line the id first appeared on. */
  line(slot: number): number {
    return this.lines[slot]!;
  }

  status(slot: number): OrderStatus {
    return this.statuses[slot] as OrderStatus;
  }

  setStatus(slot: number, status: OrderStatus): void {
    this.statuses[slot] = status;
  }

  /** A hash of the content the order was counted with (JSON Lines re-deliveries). */
  content(slot: number): number {
    return this.contents?.[slot] ?? 0;
  }

  setContent(slot: number, content: number): void {
    this.contents ??= new Uint32Array(this.capacity);
    this.contents[slot] = content;
  }

  private grow(): void {
    const { low, high, lines, statuses, contents, capacity } = this;
    this.capacity = capacity * 2;
    this.low = new Uint32Array(this.capacity);
    this.high = new Uint32Array(this.capacity);
    this.lines = new Uint32Array(this.capacity);
    this.statuses = new Uint8Array(this.capacity);
    this.contents = contents === undefined ? undefined : new Uint32Array(this.capacity);
    for (let old = 0; old < capacity; old++) {
      if (lines[old] === 0) continue;
      const slot = -1 - this.probe(low[old]!, high[old]!);
      this.low[slot] = low[old]!;
      this.high[slot] = high[old]!;
      this.lines[slot] = lines[old]!;
      this.statuses[slot] = statuses[old]!;
      if (contents !== undefined) this.contents![slot] = contents[old]!;
    }
  }
}
