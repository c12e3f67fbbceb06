import { KpiError } from '../core/KpiError.js';
import { isCurrencyCode } from '../core/currency.js';
import { show } from './show.js';

/**
 * Validation of accumulator options: plain data with defaults filled in, so that two
 * accumulators can be compared for `merge` and the options can be serialized.
 * @internal
 * @module
 */

/** @internal The options bag, with unknown keys refused. */
export function optionsObject(value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KpiError('INVALID_OPTION', '', 'expected an options object');
  }
  const bag = value as Record<string, unknown>;
  for (const key of Object.keys(bag)) {
    if (!allowed.includes(key)) throw new KpiError('INVALID_OPTION', key, allowed.length === 0 ? 'unknown option; expected no options' : `unknown option; expected one of ${allowed.join(', ')}`);
  }
  return bag;
}

/** @internal One of a fixed set of strings, or the default. */
export function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw new KpiError('INVALID_OPTION', path, `expected ${allowed.map(show).join(' or ')}, got ${show(value)}`);
  }
  return value as T;
}

/** @internal One of a fixed set of strings; required. */
export function requiredOneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (value === undefined) throw new KpiError('INVALID_OPTION', path, `required: ${allowed.map(show).join(' or ')}`);
  return oneOf(value, path, allowed, allowed[0]!);
}

/** @internal A boolean, or the default. */
export function flag(value: unknown, path: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new KpiError('INVALID_OPTION', path, `expected true or false, got ${show(value)}`);
  return value;
}

/** @internal A safe integer ≥ minimum, or the default. */
export function integerOption(value: unknown, path: string, minimum: number, maximum: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum || value > maximum) {
    throw new KpiError('INVALID_OPTION', path, `expected an integer from ${minimum} to ${maximum}, got ${show(value)}`);
  }
  return value;
}

/** @internal An ISO 4217 code, or null when absent. */
export function currencyOption(value: unknown, path = 'currency'): string | null {
  if (value === undefined || value === null) return null;
  if (!isCurrencyCode(value)) throw new KpiError('INVALID_CURRENCY', path, `expected an ISO 4217 code, got ${show(value)}`);
  return value;
}

/** @internal The options of a money KPI that has none of its own, defaults filled in. */
export interface MoneySettings {
  readonly currency: string | null;
  readonly dedupe: boolean;
}

/** @internal Validates the options of a money KPI that has none of its own: `currency` and `dedupe`. */
export function moneySettings(options: unknown): MoneySettings {
  const bag = optionsObject(options, ['currency', 'dedupe']);
  return { currency: currencyOption(bag['currency']), dedupe: flag(bag['dedupe'], 'dedupe', true) };
}

/** @internal A list of distinct strings (product ids, categories), sorted so equal sets compare equal. */
export function stringSet(value: unknown, path: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new KpiError('INVALID_OPTION', path, 'expected an array of strings');
  }
  return [...new Set(value as string[])].sort();
}

/** @internal Deep equality of two plain-data option objects (key order ignored). */
export function sameOptions(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameOptions(item, b[index]));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((key) => Object.hasOwn(b, key) && sameOptions((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
