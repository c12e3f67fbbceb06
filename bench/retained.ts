// Retained memory, counted honestly: the V8 heap *and* ArrayBuffers. A typed array's elements live
// outside the V8 heap (in an ArrayBuffer backing store, "external" memory), so heapUsed alone misses
// state kept in typed arrays: process.memoryUsage().arrayBuffers counts it. Used by bench/run.ts,
// bench/groups.ts and bench/memory.ts.
//
// A reading is taken after forced full GCs. Node updates `external` one GC later than
// `arrayBuffers` (seen on Node 20), so at least two GCs are run before each reading; `arrayBuffers`
// is what is reported, and the growth of the rest of `external` (external − arrayBuffers) is kept
// only as a sanity check (it should stay near 0: no accumulator holds other external memory).

/** One reading of process.memoryUsage(), in bytes. */
export interface MemoryReading {
  /** V8 heap in use (heapUsed). */
  heap: number;
  /** ArrayBuffer and SharedArrayBuffer backing stores (typed arrays, Buffers), outside the V8 heap. */
  arrayBuffers: number;
  /** All memory of C++ objects bound to JavaScript objects; includes arrayBuffers. */
  external: number;
}

/** Growth between two readings, in bytes. */
export interface Retained {
  heap: number;
  arrayBuffers: number;
  /** external − arrayBuffers: external memory that is not an ArrayBuffer (a sanity check; expected near 0). */
  otherExternal: number;
  /** heap + arrayBuffers: what the tables call "heap + ArrayBuffers". */
  total: number;
}

function gcFunction(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('global.gc is missing: run node with --expose-gc (npm run bench / npm run bench:memory do)');
  return gc;
}

/** Forced full garbage collections (at least 2, so that `external` is up to date too). */
export function fullGc(rounds = 2): void {
  const gc = gcFunction();
  for (let round = 0; round < Math.max(2, rounds); round++) gc();
}

export function readMemory(): MemoryReading {
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, arrayBuffers: usage.arrayBuffers, external: usage.external };
}

export function difference(before: MemoryReading, after: MemoryReading): Retained {
  const heap = after.heap - before.heap;
  const arrayBuffers = after.arrayBuffers - before.arrayBuffers;
  return { heap, arrayBuffers, otherExternal: after.external - after.arrayBuffers - (before.external - before.arrayBuffers), total: heap + arrayBuffers };
}

/**
 * What `build()`'s result keeps alive: readings after `gcRounds` full GCs before and after it, the
 * result still referenced at the second reading.
 */
export function retainedBy(build: () => unknown, gcRounds = 2): Retained {
  fullGc(gcRounds);
  const before = readMemory();
  keepAlive(build());
  fullGc(gcRounds);
  const after = readMemory();
  keepAlive(undefined);
  return difference(before, after);
}

let kept: unknown;
/**
 * Keeps `state` reachable (from this module) until the next call. A local variable is not enough:
 * once optimized, code may let a variable die after its last use, before a later memory reading.
 */
export function keepAlive(state: unknown): void {
  kept = state;
}
/** The state last given to keepAlive (so that the holder is read, not only written). */
export function lastKept(): unknown {
  return kept;
}

/** A throwaway "state" that keeps one 10 MiB Float64Array alive: the check of the readings. */
export const PROBE_BYTES = 10 * 1024 * 1024;

/** Builds the probe state: a small object holding a 10 MiB Float64Array (1,310,720 elements, filled). */
export function buildProbe(): { values: Float64Array; sum(): number } {
  const values = new Float64Array(PROBE_BYTES / 8);
  for (let i = 0; i < values.length; i++) values[i] = i;
  return { values, sum: () => values[values.length - 1]! };
}

/**
 * Throws unless `retained` (the reading of a probe state) counts its 10 MiB Float64Array in
 * ArrayBuffers, within 1%, with a small heap part; returns a one-line summary otherwise.
 */
export function checkProbe(retained: Retained): string {
  const okBuffers = Math.abs(retained.arrayBuffers - PROBE_BYTES) <= PROBE_BYTES / 100;
  const okHeap = Math.abs(retained.heap) < PROBE_BYTES / 10;
  const text =
    `a throwaway state holding a 10 MiB Float64Array (${PROBE_BYTES.toLocaleString('en-US')} B) reads as heap ${retained.heap.toLocaleString('en-US')} B + ` +
    `ArrayBuffers ${retained.arrayBuffers.toLocaleString('en-US')} B = ${retained.total.toLocaleString('en-US')} B`;
  if (!okBuffers || !okHeap) throw new Error(`memory readings miss typed arrays: ${text}`);
  return `check: ${text}`;
}
