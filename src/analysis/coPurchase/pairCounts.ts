/**
 * The two pair-count stores behind {@link CoPurchase}: exact counts, and a Space-Saving summary
 * with a fixed number of counters. Products are small integers (interned by the accumulator);
 * a pair is `(i, j)` with `i < j`.
 * @internal
 * @module
 */

/** @internal What the accumulator needs from a pair store. */
export interface PairCounts {
  /** Pairs stored. */
  readonly size: number;
  /** Counts one order containing both products (`i < j`). */
  add(i: number, j: number): void;
  /** The stored count of `(i, j)` (`i < j`): exact, or an upper bound; 0 when not stored. */
  get(i: number, j: number): number;
  /** Every stored pair once, `i < j`, in a deterministic order. */
  forEach(visit: (i: number, j: number, count: number) => void): void;
}

/**
 * @internal Exact pair counts: per product `i`, a Map from `j > i` to the count. Nested Maps with
 * small-integer keys are about twice as fast as one Map keyed by `i · 2^26 + j` (heap-number keys)
 * or by strings, and use less memory.
 */
export class ExactPairCounts implements PairCounts {
  private readonly rows: (Map<number, number> | undefined)[] = [];
  size = 0;

  add(i: number, j: number): void {
    this.addCount(i, j, 1);
  }

  /** Adds `count` (≥ 1) to `(i, j)`, `i < j`. */
  addCount(i: number, j: number, count: number): void {
    let row = this.rows[i];
    if (row === undefined) {
      row = new Map();
      this.rows[i] = row;
    }
    const before = row.get(j);
    if (before === undefined) this.size++;
    row.set(j, (before ?? 0) + count);
  }

  get(i: number, j: number): number {
    return this.rows[i]?.get(j) ?? 0;
  }

  forEach(visit: (i: number, j: number, count: number) => void): void {
    const rows = this.rows;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row !== undefined) for (const [j, count] of row) visit(i, j, count);
    }
  }
}

/**
 * @internal A Space-Saving summary (Metwally, Agrawal & El Abbadi 2005) of pair occurrences with
 * `capacity` counters, mergeable as in Agarwal et al. (2012).
 *
 * Each counter holds an upper bound `u` of its pair's true count; `floor` bounds the true count
 * of every pair without a counter. Invariants (checked when state is loaded):
 * - for a stored pair, `u − floor ≤ true count ≤ u`, and `u ≥ max(1, floor)`;
 * - for any other pair, `true count ≤ floor`;
 * - `capacity · floor + Σ (u − floor) ≤ occurrences` (the pair occurrences seen), hence
 *   `floor ≤ occurrences ÷ capacity`.
 *
 * Counters sit in a binary min-heap ordered by `(u, i, j)`: a total order, so which counter is
 * replaced never depends on the heap's layout, and a restored summary continues identically.
 */
export class SpaceSavingPairCounts implements PairCounts {
  private counts: number[] = [];
  private firsts: number[] = [];
  private seconds: number[] = [];
  /** i → j → heap position. */
  private positions: (Map<number, number> | undefined)[] = [];
  /** Every pair without a counter occurred at most this often. */
  floor = 0;
  /** Pair occurrences seen (Σ over orders of k(k − 1)/2). */
  occurrences = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.counts.length;
  }

  add(i: number, j: number): void {
    this.occurrences++;
    const position = this.positions[i]?.get(j);
    if (position !== undefined) {
      this.counts[position]!++;
      this.siftDown(position);
    } else if (this.counts.length < this.capacity) {
      this.push(i, j, this.floor + 1);
    } else {
      // replace the smallest counter: its pair occurred at most that often, which becomes the floor
      this.floor = this.counts[0]!;
      this.positions[this.firsts[0]!]!.delete(this.seconds[0]!);
      this.place(0, i, j, this.floor + 1);
      this.siftDown(0);
    }
  }

  get(i: number, j: number): number {
    const position = this.positions[i]?.get(j);
    return position === undefined ? 0 : this.counts[position]!;
  }

  forEach(visit: (i: number, j: number, count: number) => void): void {
    const order = this.counts.map((_, position) => position).sort((p, q) => this.firsts[p]! - this.firsts[q]! || this.seconds[p]! - this.seconds[q]!);
    for (const position of order) visit(this.firsts[position]!, this.seconds[position]!, this.counts[position]!);
  }

  /**
   * Replaces the content (for loading state): pairs with their upper bounds, the floor and the
   * occurrences. The caller has validated them.
   */
  load(pairs: readonly (readonly [number, number, number])[], floor: number, occurrences: number): void {
    this.reset();
    for (const [i, j, count] of pairs) this.place(this.counts.length, i, j, count);
    for (let position = (this.counts.length >> 1) - 1; position >= 0; position--) this.siftDown(position);
    this.floor = floor;
    this.occurrences = occurrences;
  }

  /**
   * Folds another summary in (its product indexes mapped through `map`). For every pair of either,
   * the sum of both upper bounds (a side's floor where it has no counter) is an upper bound of the
   * total; its excess over `floor₁ + floor₂` is what the pair surely owes to neither floor. When
   * more than `capacity` pairs have a positive excess, the (capacity + 1)-th largest excess `C` is
   * taken off all of them (the Misra–Gries merge of Agarwal et al. 2012): pairs whose excess does
   * not exceed `C` are dropped and the floor becomes `floor₁ + floor₂ + C`. Every invariant holds
   * for the combined stream.
   */
  merge(other: SpaceSavingPairCounts, map: (index: number) => number): void {
    const mine = this.floor;
    const theirs = other.floor;
    type Entry = { i: number; j: number; excess: number };
    const rows = new Map<number, Map<number, Entry>>();
    const entries: Entry[] = [];
    const entryOf = (i: number, j: number): Entry => {
      let row = rows.get(i);
      if (row === undefined) rows.set(i, (row = new Map()));
      let entry = row.get(j);
      if (entry === undefined) {
        entry = { i, j, excess: 0 };
        row.set(j, entry);
        entries.push(entry);
      }
      return entry;
    };
    this.forEach((i, j, count) => {
      entryOf(i, j).excess += count - mine;
    });
    other.forEach((otherI, otherJ, count) => {
      const a = map(otherI);
      const b = map(otherJ);
      entryOf(Math.min(a, b), Math.max(a, b)).excess += count - theirs;
    });
    const positive = entries.filter((entry) => entry.excess > 0);
    let cut = 0;
    if (positive.length > this.capacity) {
      const sorted = positive.map((entry) => entry.excess).sort((a, b) => b - a);
      cut = sorted[this.capacity]!;
    }
    const kept = positive.filter((entry) => entry.excess > cut).sort((p, q) => p.i - q.i || p.j - q.j);
    const base = mine + theirs;
    this.load(
      kept.map((entry) => [entry.i, entry.j, entry.excess + base] as const),
      base + cut,
      this.occurrences + other.occurrences,
    );
  }

  private reset(): void {
    this.counts = [];
    this.firsts = [];
    this.seconds = [];
    this.positions = [];
  }

  private push(i: number, j: number, count: number): void {
    const position = this.counts.length;
    this.place(position, i, j, count);
    this.siftUp(position);
  }

  private place(position: number, i: number, j: number, count: number): void {
    this.counts[position] = count;
    this.firsts[position] = i;
    this.seconds[position] = j;
    let row = this.positions[i];
    if (row === undefined) {
      row = new Map();
      this.positions[i] = row;
    }
    row.set(j, position);
  }

  /** Whether the counter at `p` comes before the one at `q` in the order (u, i, j). */
  private before(p: number, q: number): boolean {
    const counts = this.counts;
    if (counts[p] !== counts[q]) return counts[p]! < counts[q]!;
    if (this.firsts[p] !== this.firsts[q]) return this.firsts[p]! < this.firsts[q]!;
    return this.seconds[p]! < this.seconds[q]!;
  }

  private swap(p: number, q: number): void {
    const count = this.counts[p]!;
    const i = this.firsts[p]!;
    const j = this.seconds[p]!;
    this.place(p, this.firsts[q]!, this.seconds[q]!, this.counts[q]!);
    this.place(q, i, j, count);
  }

  private siftUp(position: number): void {
    let child = position;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(child, parent)) return;
      this.swap(child, parent);
      child = parent;
    }
  }

  private siftDown(position: number): void {
    const size = this.counts.length;
    let parent = position;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= size) return;
      const right = left + 1;
      const child = right < size && this.before(right, left) ? right : left;
      if (!this.before(child, parent)) return;
      this.swap(child, parent);
      parent = child;
    }
  }
}
