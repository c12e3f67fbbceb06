import { finiteNumber } from '../../_internal/validate.js';
import { seriesArray, seriesEntry } from './series.js';

/**
 * One period of a KPI series: its key and its value (`null` where the KPI was not defined).
 * @category Analysis
 */
export interface PeriodValue {
  /** The period's key, such as `'2026-11'`; any string. */
  period: string;
  /** The KPI's value in the period: a finite number, or `null`. */
  value: number | null;
}

/**
 * One period of {@link periodChange}'s result: the value and its change from the period before.
 * @category Analysis
 */
export interface PeriodChange {
  /** The period's key, as given. */
  period: string;
  /** The value, as given. */
  value: number | null;
  /** value − previous value (percentage points when the values are rates); `null` for the first period, when either value is `null`, or when too large for a number. */
  points: number | null;
  /** (value − previous value) ÷ previous value; `null` where `points` is, where the previous value is 0, and when too large for a number. */
  relative: number | null;
}

/**
 * The change of a KPI from each period to the next, in points and in relative terms.
 *
 * @remarks
 * For each period after the first: points = value − previous value (for rates, a change in
 * percentage points: 0.20 → 0.25 is 0.05), and relative = points ÷ previous value (0.20 → 0.25 is
 * +25 %). Plain floating-point arithmetic: 0.25 − 0.2 is 0.04999999999999999, so round for
 * display (see `formatPercent`).
 *
 * `points` and `relative` are `null` for the first period and wherever the value or the previous
 * value is `null`; `relative` is also `null` where the previous value is 0. Where a change is too
 * large for a number (values beyond ±8.9e307, or a previous value within about 1e-308 of 0) it is
 * `null` as well, never ±Infinity. The previous value is
 * the entry just before in the array: pass the series in period order, with every period present
 * (a `null` value for a period without data; `scorecardSeries` fills such gaps). Periods are not
 * checked for order or repetition. Does not mutate its input. O(n).
 *
 * To follow a Scorecard KPI, pass `scorecardSeries(rows, kpi, group)`: its points carry `period`
 * and `value` (and the counts, which this function ignores).
 *
 * @param series - `{ period, value }` entries in period order; `value` a finite number or `null`.
 * @returns One `{ period, value, points, relative }` per entry, in the same order.
 * @throws {@link KpiError} `INVALID_ARGUMENT` at `series` (not an array), `series[i]` (not an
 * object) or `series[i].period` (not a string); `INVALID_NUMBER` at `series[i].value` (not a
 * finite number or `null`).
 * @example
 * ```ts
 * import { periodChange } from 'xsell-kpi';
 * const changes = periodChange([
 *   { period: '2026-09', value: 100 },
 *   { period: '2026-10', value: 120 },
 *   { period: '2026-11', value: 90 },
 *   { period: '2026-12', value: null },
 * ]);
 * changes[0]; // => { period: '2026-09', value: 100, points: null, relative: null }
 * changes[1]; // => { period: '2026-10', value: 120, points: 20, relative: 0.2 }
 * changes[2]; // => { period: '2026-11', value: 90, points: -30, relative: -0.25 }
 * changes[3]; // => { period: '2026-12', value: null, points: null, relative: null }
 * ```
 * @example
 * Rates change in points; a change from 0 has no relative size:
 * ```ts
 * import { periodChange } from 'xsell-kpi';
 * periodChange([{ period: 'Q3', value: 0.2 }, { period: 'Q4', value: 0.25 }])[1]; // => { period: 'Q4', value: 0.25, points: 0.04999999999999999, relative: 0.24999999999999994 }
 * periodChange([{ period: 'Q3', value: 0 }, { period: 'Q4', value: 0.1 }])[1]; // => { period: 'Q4', value: 0.1, points: 0.1, relative: null }
 * periodChange([{ period: 'Q3', value: Number.NaN }]); // throws INVALID_NUMBER
 * ```
 * @category Analysis
 */
export function periodChange(series: readonly PeriodValue[]): PeriodChange[] {
  const entries = seriesArray(series);
  const changes: PeriodChange[] = [];
  let previous: number | null = null;
  for (let index = 0; index < entries.length; index++) {
    const { bag, period } = seriesEntry(entries[index], index);
    const raw = bag['value'];
    const value = raw === null ? null : finiteNumber(raw, `series[${index}].value`);
    let points: number | null = null;
    let relative: number | null = null;
    if (value !== null && previous !== null) {
      // + 0 turns −0 (−0 − 0, or 0 ÷ a negative previous value) into 0.
      const difference = value - previous + 0;
      points = Number.isFinite(difference) ? difference : null;
      const ratio = points === null || previous === 0 ? Number.NaN : points / previous + 0;
      relative = Number.isFinite(ratio) ? ratio : null;
    }
    changes.push({ period, value, points, relative });
    previous = value;
  }
  return changes;
}
