import { KpiError } from '../core/KpiError.js';
import { GRAINS, type Grain } from '../core/time.js';
import { zone } from '../_internal/calendar.js';
import { currencyOption, flag, integerOption, oneOf, optionsObject } from '../_internal/options.js';
import { maxPeriodsOption } from '../_internal/periodSpan.js';
import type { CellOptions } from './cell.js';

/**
 * The Scorecard's options, validated once for the Scorecard and for its SQL (`src/sql`).
 * @internal
 * @module
 */

/** @internal A Scorecard's options, validated, defaults filled in. */
export interface ScorecardSettings extends CellOptions {
  grain: Grain;
  timeZone: string;
  maxPeriods: number;
  groupBy: string[];
  dedupe: boolean;
}

/** @internal Validates a Scorecard's options (and, for its SQL, those `extra` names besides). */
export function scorecardOptions(options: unknown, extra: readonly string[] = []): ScorecardSettings {
  const bag = optionsObject(options, ['grain', 'timeZone', 'maxPeriods', 'groupBy', 'by', 'minDistinct', 'currency', 'dedupe', ...extra]);
  const grain = oneOf(bag['grain'], 'grain', GRAINS, 'month');
  const timeZone = bag['timeZone'] === undefined ? 'UTC' : bag['timeZone'];
  zone(timeZone); // throws INVALID_OPTION for an unknown time zone
  const groupBy = bag['groupBy'] ?? [];
  if (!Array.isArray(groupBy) || groupBy.some((key) => typeof key !== 'string' || key === '') || new Set(groupBy).size !== groupBy.length) {
    throw new KpiError('INVALID_OPTION', 'groupBy', 'expected an array of distinct dimension names');
  }
  return {
    grain,
    timeZone: timeZone as string,
    maxPeriods: maxPeriodsOption(bag['maxPeriods']),
    groupBy: [...(groupBy as string[])],
    by: oneOf(bag['by'], 'by', ['sku', 'category'], 'sku'),
    minDistinct: integerOption(bag['minDistinct'], 'minDistinct', 1, 1000, 2),
    currency: currencyOption(bag['currency']),
    dedupe: flag(bag['dedupe'], 'dedupe', true),
  };
}
