import { KpiError } from '../../core/KpiError.js';
import { show } from '../../_internal/show.js';

/**
 * Validation of a per-period series (`{ period, ... }[]`) for the trend functions.
 * @internal
 * @module
 */

/** @internal Throws unless `series` is an array; returns it. */
export function seriesArray(series: unknown): readonly unknown[] {
  if (!Array.isArray(series)) throw new KpiError('INVALID_ARGUMENT', 'series', `expected an array of periods, got ${show(series)}`);
  return series;
}

/** @internal Throws unless `entry` is an object with a string `period`; returns it as a bag. */
export function seriesEntry(entry: unknown, index: number): { bag: Record<string, unknown>; period: string } {
  const path = `series[${index}]`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new KpiError('INVALID_ARGUMENT', path, `expected an object with a period, got ${show(entry)}`);
  }
  const bag = entry as Record<string, unknown>;
  const period = bag['period'];
  if (typeof period !== 'string') throw new KpiError('INVALID_ARGUMENT', `${path}.period`, `expected a string, got ${show(period)}`);
  return { bag, period };
}
