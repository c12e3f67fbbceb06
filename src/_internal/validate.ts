import { KpiError } from '../core/KpiError.js';
import { show } from './show.js';

/**
 * Shared boundary checks. Everything below them trusts its inputs.
 * @internal
 * @module
 */

/** @internal Throws unless `value` is a finite number. */
export function finiteNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new KpiError('INVALID_NUMBER', path, `expected a finite number, got ${show(value)}`);
  }
  return value;
}

/** @internal Throws unless `value` is a finite number ≥ 0. */
export function nonNegativeNumber(value: unknown, path: string): number {
  const number = finiteNumber(value, path);
  if (number < 0) throw new KpiError('NEGATIVE_COUNT', path, `expected a number ≥ 0, got ${number}`);
  return number;
}

/** @internal Throws unless `value` is a non-negative safe integer. */
export function count(value: unknown, path: string): number {
  const number = nonNegativeNumber(value, path);
  if (!Number.isSafeInteger(number)) {
    throw new KpiError('NOT_AN_INTEGER', path, `expected a non-negative safe integer, got ${number}`);
  }
  return number;
}

/** @internal Throws unless `value` is a finite number in [0, 1]. */
export function fraction(value: unknown, path: string): number {
  const number = finiteNumber(value, path);
  if (number < 0 || number > 1) throw new KpiError('INVALID_NUMBER', path, `expected a number in [0, 1], got ${number}`);
  return number;
}

/** @internal Throws unless `part ≤ whole`. */
export function notAbove(part: number, partPath: string, whole: number, wholePath: string): void {
  if (part > whole) {
    throw new KpiError('NUMERATOR_EXCEEDS_DENOMINATOR', partPath, `${partPath} (${part}) exceeds ${wholePath} (${whole})`);
  }
}

/** @internal Throws unless `value` is a plain object (the named-argument bag of a formula). */
export function argumentObject(value: unknown, path = ''): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KpiError('INVALID_ARGUMENT', path, `expected an object of named arguments, got ${show(value)}`);
  }
  return value as Record<string, unknown>;
}

/**
 * @internal The common ratio: validates two counts, `part ≤ whole`, and divides; `null` when `whole` is 0.
 */
export function countRatio(args: unknown, partName: string, wholeName: string): number | null {
  const bag = argumentObject(args);
  const part = count(bag[partName], partName);
  const whole = count(bag[wholeName], wholeName);
  notAbove(part, partName, whole, wholeName);
  return whole === 0 ? null : part / whole;
}

/**
 * @internal Throws unless a count can grow by `more` and stay a safe integer: an accumulator refuses
 * the event (or the merge) rather than hold a count it could not write and read back.
 */
export function countable(count: number, more: number, path: string): void {
  if (count + more > Number.MAX_SAFE_INTEGER) {
    throw new KpiError('INVALID_NUMBER', path, `counting ${more} more would pass ${Number.MAX_SAFE_INTEGER} (2^53 − 1), the largest count kept exactly`);
  }
}
