/**
 * "Did you mean": the known word closest to a mistyped one.
 * @internal
 * @module
 */

/**
 * The optimal string alignment distance (Levenshtein plus swaps of two neighbours): the fewest
 * insertions, deletions, substitutions and adjacent transpositions that turn `a` into `b`, so
 * `grian` → `grain` is 1. O(|a| × |b|).
 * @internal
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the dynamic-programming table: two rows back (for swaps), the previous, this one.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidate `typed` most likely stands for, or `undefined` when none is close: the same word
 * in another case; else the one candidate `typed` is the start of (`skip` → `skip-invalid`); else
 * the nearest by {@link editDistance}, if at most a third of its letters (at least one) differ.
 * Ties go to the earlier candidate.
 * @internal
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const lower = typed.toLowerCase();
  const sameWord = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameWord !== undefined) return sameWord;
  if (lower.length >= 2) {
    const starting = candidates.filter((candidate) => candidate.toLowerCase().startsWith(lower));
    if (starting.length === 1) return starting[0];
  }
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed && bestDistance < typed.length ? best : undefined;
}
