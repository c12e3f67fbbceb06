import { KpiError } from '../core/KpiError.js';
import { show } from './show.js';

/**
 * What a public accumulator's `merge(other)` may fold in, and the messages that say what to do
 * when it cannot.
 * @internal
 * @module
 */

/** The brand of a public accumulator, shared by every copy of xsell-kpi (ESM, CommonJS, other versions). */
const ACCUMULATOR = Symbol.for('xsell-kpi.Accumulator');

/** @internal Marks a public accumulator of `kind`, so that any copy of xsell-kpi recognises it in `merge`. */
export function brand(accumulator: object, kind: string): void {
  Object.defineProperty(accumulator, ACCUMULATOR, { value: kind });
}

/**
 * @internal `other` when it is an instance of `Class` from this copy of xsell-kpi. An accumulator
 * of the same kind from another copy (the CommonJS build loaded beside the ESM one, or another
 * installed version) is read through its versioned JSON, which `fromJSON` validates as it would
 * saved state. Anything else is refused with `INCOMPATIBLE_MERGE` and the fix.
 */
export function mergeable<T extends object>(other: unknown, Class: (abstract new (...args: never) => T) & { fromJSON(json: unknown): T }, kind: string): T {
  if (other instanceof Class) return other;
  if (typeof other === 'object' && other !== null) {
    const foreign = other as { [ACCUMULATOR]?: unknown; toJSON?: unknown; kind?: unknown; state?: unknown };
    const otherKind = foreign[ACCUMULATOR];
    if (otherKind === kind && typeof foreign.toJSON === 'function') return Class.fromJSON(foreign.toJSON());
    if (typeof otherKind === 'string') {
      throw new KpiError('INCOMPATIBLE_MERGE', '', `cannot merge ${article(otherKind)} into ${article(kind)}: merge takes another ${kind}`);
    }
    if (typeof foreign.kind === 'string' && 'state' in foreign) {
      throw new KpiError(
        'INCOMPATIBLE_MERGE',
        '',
        `cannot merge saved ${foreign.kind} state (JSON) into ${article(kind)}: restore it first with ${foreign.kind}.fromJSON(json), then merge the accumulator it returns`,
      );
    }
  }
  throw new KpiError('INCOMPATIBLE_MERGE', '', `cannot merge ${show(other)} into ${article(kind)}: merge takes another ${kind}`);
}

/**
 * @internal Which options differ between two accumulators of one kind, for people:
 * `by is "sku" here and "category" in the other`.
 */
export function optionsDifference(hereOptions: object, thereOptions: object): string {
  const here = hereOptions as Readonly<Record<string, unknown>>;
  const there = thereOptions as Readonly<Record<string, unknown>>;
  const keys = [...new Set([...Object.keys(here), ...Object.keys(there)])];
  const differences = keys
    .filter((key) => JSON.stringify(here[key]) !== JSON.stringify(there[key]))
    .map((key) => `${key} is ${JSON.stringify(here[key]) ?? 'absent'} here and ${JSON.stringify(there[key]) ?? 'absent'} in the other`);
  return differences.length === 0 ? 'the options differ' : differences.join('; ');
}

/** @internal The message for a merge of one kind with other options. */
export function incompatibleOptions(kind: string, here: object, there: object): KpiError {
  return new KpiError('INCOMPATIBLE_MERGE', '', `cannot merge ${article(kind)} made with other options (${optionsDifference(here, there)}): merge only accumulators made with the same options`);
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
