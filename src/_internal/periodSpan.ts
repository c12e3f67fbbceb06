import { KpiError } from '../core/KpiError.js';
import type { Grain } from '../core/time.js';
import { periodKeyOfOrdinal } from './calendar.js';
import { integerOption } from './options.js';

/**
 * The bound on how many periods a result spans. `Scorecard.result()` and `resultsByPeriod()` make a
 * row for every period from the first to the last with an event, so one mistyped timestamp a
 * century away would cost tens of thousands of rows (and minutes); the event that would stretch the
 * span past `maxPeriods` is refused when it is added, with both ends named.
 * @internal
 * @module
 */

/** @internal `maxPeriods` when not given: 10,000 periods (27 years of days, 833 years of months). */
export const DEFAULT_MAX_PERIODS = 10_000;

/** @internal Reads the `maxPeriods` option. */
export function maxPeriodsOption(value: unknown): number {
  return integerOption(value, 'maxPeriods', 1, 10_000_000, DEFAULT_MAX_PERIODS);
}

/** @internal The first and last period (as ordinals) with an event, and the bound on the span between them. */
export class PeriodSpan {
  private first = Infinity;
  private last = -Infinity;

  constructor(
    private readonly grain: Grain,
    private readonly maxPeriods: number,
  ) {}

  /** Throws `INVALID_TIMESTAMP` (changing nothing) when a period at `ordinal` would make the span too long. */
  check(ordinal: number, path = 'timestamp'): void {
    this.checkSpan(Math.min(this.first, ordinal), Math.max(this.last, ordinal), path);
  }

  /** Throws when merging `other` would make the span too long. */
  checkMerge(other: PeriodSpan): void {
    if (other.first <= other.last) this.checkSpan(Math.min(this.first, other.first), Math.max(this.last, other.last), 'timestamp');
  }

  private checkSpan(first: number, last: number, path: string): void {
    const periods = last - first + 1;
    if (periods <= this.maxPeriods) return;
    const from = periodKeyOfOrdinal(first, this.grain);
    const to = periodKeyOfOrdinal(last, this.grain);
    throw new KpiError(
      'INVALID_TIMESTAMP',
      path,
      `the events would span ${periods} ${this.grain} periods, from ${from} to ${to}, more than maxPeriods (${this.maxPeriods}); check the timestamp, or raise maxPeriods`,
    );
  }

  /** Takes in a period with an event. */
  add(ordinal: number): void {
    if (ordinal < this.first) this.first = ordinal;
    if (ordinal > this.last) this.last = ordinal;
  }
}
