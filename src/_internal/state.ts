import { KpiError, isKpiError, type KpiErrorCode } from '../core/KpiError.js';
import { Decimal } from './decimal.js';
import { show } from './show.js';

/**
 * Validation of serialized accumulator state (`fromJSON`): every problem is `INVALID_STATE`
 * with the path of the offending field. Hostile input (prototype keys, wrong types, huge or
 * inconsistent arrays) is refused before anything is built from it.
 * @internal
 * @module
 */

/** @internal */
export function invalidState(path: string, detail: string): KpiError {
  return new KpiError('INVALID_STATE', path, detail);
}

/** @internal A plain JSON object with exactly these keys (the optional ones may be absent). */
export function stateObject(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidState(path, 'expected an object');
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw invalidState(path, 'expected a plain object');
  const bag = value as Record<string, unknown>;
  for (const key of Object.keys(bag)) {
    if (!required.includes(key) && !optional.includes(key)) throw invalidState(path === '' ? key : `${path}.${key}`, 'unexpected field');
  }
  for (const key of required) {
    if (!Object.hasOwn(bag, key)) throw invalidState(path === '' ? key : `${path}.${key}`, 'missing field');
  }
  return bag;
}

/** @internal */
export function stateArray(value: unknown, path: string, maxLength = Number.MAX_SAFE_INTEGER): unknown[] {
  if (!Array.isArray(value)) throw invalidState(path, 'expected an array');
  if (value.length > maxLength) throw invalidState(path, `expected at most ${maxLength} elements, got ${value.length}`);
  return value;
}

/**
 * @internal Distinct row indexes below `rows`: the rows of the list at `of` that a state marks (its
 * `legacy` rows, whose fingerprints are of version 1).
 */
export function stateRowSet(value: unknown, path: string, rows: number, of: string): Set<number> {
  const indexes = stateArray(value, path, rows).map((row, index) => stateCount(row, `${path}[${index}]`));
  const set = new Set(indexes);
  if (set.size !== indexes.length || indexes.some((row) => row >= rows)) throw invalidState(path, `expected distinct indexes of ${of}`);
  return set;
}

/** @internal */
export function stateString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw invalidState(path, 'expected a string');
  return value;
}

/** @internal */
export function stateId(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw invalidState(path, 'expected a non-empty string');
  return value;
}

/** @internal */
export function stateBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw invalidState(path, 'expected true or false');
  return value;
}

/** @internal A non-negative safe integer. */
export function stateCount(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw invalidState(path, 'expected a non-negative safe integer');
  return value === 0 ? 0 : value; // -0 is read as 0
}

const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/** @internal A canonical decimal string (as `Decimal#toFixed()` writes it) of an amount ≥ 0. */
export function stateMoney(value: unknown, path: string): Decimal {
  if (typeof value !== 'string' || !PLAIN_DECIMAL.test(value) || value.startsWith('-')) {
    throw invalidState(path, 'expected a canonical decimal string ≥ 0');
  }
  return new Decimal(value);
}

/** @internal A currency field: an ISO code or null. */
export function stateCurrency(value: unknown, path: string, isCode: (code: unknown) => boolean): string | null {
  if (value === null) return null;
  if (!isCode(value)) throw invalidState(path, 'expected an ISO 4217 code or null');
  return value as string;
}

/** @internal Runs `read`, turning any KpiError it throws into INVALID_STATE under `path`. */
// Stryker disable next-line ArrayDeclaration: a default of ["Stryker was here"] lets through only a KpiError of that code, which KpiErrorCode (a closed union) has not
export function asStateError<T>(path: string, read: () => T, codes: readonly KpiErrorCode[] = []): T {
  try {
    return read();
  } catch (error) {
    if (!isKpiError(error) || codes.includes(error.code)) throw error;
    if (error.code === 'INVALID_STATE') throw error;
    throw invalidState(error.path === '' ? path : `${path}.${error.path}`, error.message);
  }
}

/**
 * @internal Whether two serialized aggregates hold the same data, whatever the order of their
 * entry lists (Map insertion order is not part of the state).
 */
export function sameState(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return `[${(value.every(Array.isArray) ? items.sort() : items).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    // Stryker disable next-line StringLiteral: each value's text reads to a known end (a number, a word, a JSON string, brackets) and each key starts with a quote, so two different objects never give one text without the comma
    const joined = entries.join(',');
    return `{${joined}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * @internal The header of serialized accumulator state, `{ kind, version, options, state }`, checked
 * before the class-specific parts: the kind, and a version from 1 to `latest`.
 */
export function readHeader(json: unknown, kind: string, latest: number): { version: number; options: unknown; state: unknown } {
  const bag = stateObject(json, '', ['kind', 'version', 'options', 'state']);
  if (bag['kind'] !== kind) throw invalidState('kind', `expected ${JSON.stringify(kind)}, got ${show(bag['kind'])}`);
  const version = bag['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) throw invalidState('version', 'expected a positive integer');
  if (version > latest) {
    throw new KpiError('UNSUPPORTED_VERSION', 'version', `state version ${version} is newer than this xsell-kpi reads (${latest}); upgrade xsell-kpi`);
  }
  const options = bag['options'];
  stateObject(options, 'options', Object.keys(options ?? {}));
  return { version, options, state: bag['state'] };
}

/**
 * @internal A list of entries `[id, ...values]` (customers, visitors, offers), each id once:
 * `field` of `state`, entries of exactly `layout.length` elements, the id a non-empty string;
 * `read` reads the rest of an entry (its path given). Problems are INVALID_STATE at their path.
 */
export function stateEntries<T>(
  state: Readonly<Record<string, unknown>>,
  field: string,
  layout: readonly string[],
  read: (entry: readonly unknown[], path: string, id: string) => T,
): T[] {
  const seen = new Set<string>();
  return stateArray(state[field], `state.${field}`).map((value, index) => {
    const path = `state.${field}[${index}]`;
    const entry = stateArray(value, path, layout.length);
    if (entry.length !== layout.length) throw invalidState(path, `expected [${layout.join(', ')}]`);
    const id = stateId(entry[0], `${path}[0]`);
    if (seen.has(id)) throw invalidState(`${path}[0]`, `${layout[0]!.replace(/Id$/, '')} ${JSON.stringify(id)} appears twice`);
    seen.add(id);
    return read(entry, path, id);
  });
}
