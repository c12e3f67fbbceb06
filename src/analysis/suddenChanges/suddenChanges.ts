import { KpiError } from '../../core/KpiError.js';
import { show } from '../../_internal/show.js';
import { integerOption, optionsObject } from '../../_internal/options.js';
import { count, notAbove } from '../../_internal/validate.js';
import { seriesArray, seriesEntry } from '../periodChange/series.js';

/**
 * One period of a rate series as counts: `successes` out of `trials`.
 * @category Analysis
 */
export interface PeriodCounts {
  /** The period's key, such as `'2026-11'`; any string. */
  period: string;
  /** How many trials succeeded (customers who were cross-sold, offers accepted): a non-negative integer, at most `trials`. */
  successes: number;
  /** How many trials there were (customers, offers, visitors): a non-negative integer. */
  trials: number;
}

/**
 * Options of {@link suddenChanges}.
 * @category Analysis
 */
export interface SuddenChangesOptions {
  /** How many standard errors from the center the limits are: a finite number > 0; 3 by default. */
  sigma?: number;
  /** How many preceding periods (with at least `minTrials` trials) the center pools: an integer ≥ 1; 6 by default. */
  baseline?: number;
  /** The fewest trials for a period to be judged or to count in a baseline: an integer ≥ 0; 30 by default. */
  minTrials?: number;
}

/**
 * The verdict on one period: outside the control limits (`'above'`, `'below'`), inside them
 * (`'normal'`), or not judged (`'insufficient-data'`).
 * @category Analysis
 */
export type SuddenChangeStatus = 'above' | 'below' | 'normal' | 'insufficient-data';

/**
 * One period of {@link suddenChanges}'s result.
 * @category Analysis
 */
export interface SuddenChange {
  /** The period's key, as given. */
  period: string;
  /** successes ÷ trials; `null` when there were no trials. */
  rate: number | null;
  /** The pooled rate of the baseline periods; `null` with status `'insufficient-data'`. */
  center: number | null;
  /** The lower control limit, at least 0; `null` with status `'insufficient-data'`. */
  lower: number | null;
  /** The upper control limit, at most 1; `null` with status `'insufficient-data'`. */
  upper: number | null;
  /** `'above'` (rate > upper), `'below'` (rate < lower), `'normal'`, or `'insufficient-data'`. */
  status: SuddenChangeStatus;
}

interface Options {
  sigma: number;
  baseline: number;
  minTrials: number;
}

function suddenChangesOptions(options: unknown): Options {
  const bag = optionsObject(options, ['sigma', 'baseline', 'minTrials']);
  const sigma = bag['sigma'] ?? 3;
  if (typeof sigma !== 'number' || !Number.isFinite(sigma) || !(sigma > 0)) {
    throw new KpiError('INVALID_OPTION', 'sigma', `expected a finite number > 0, got ${show(sigma)}`);
  }
  return {
    sigma,
    baseline: integerOption(bag['baseline'], 'baseline', 1, Number.MAX_SAFE_INTEGER, 6),
    minTrials: integerOption(bag['minTrials'], 'minTrials', 0, Number.MAX_SAFE_INTEGER, 30),
  };
}

/**
 * Flags the periods whose rate jumped outside the range its recent history makes likely (a p-chart).
 *
 * @remarks
 * A proportions control chart (p-chart) against a trailing baseline. For each period, the center
 * is the pooled rate (Σ successes ÷ Σ trials) of the up-to-`baseline` nearest preceding periods
 * that have at least `minTrials` trials, and the control limits are center ± sigma × √(center ×
 * (1 − center) ÷ trials), with this period's trials, clamped to [0, 1]. A rate above the upper
 * limit is `'above'`, below the lower limit `'below'`, otherwise `'normal'`. With sigma = 3 and a
 * stable rate, about 0.27 % of periods are flagged by chance (normal approximation); somewhat more
 * when a period has many more trials than the pooled baseline, whose own sampling error then
 * matters, or when trials × rate is small. Flagged periods stay in later baselines, so a lasting
 * shift becomes the new normal after `baseline` periods.
 *
 * `'insufficient-data'` (with `center`, `lower` and `upper` `null`) instead of a false alarm: for
 * a period with fewer than `minTrials` trials (or none), and for a period with no qualifying
 * period before it, such as the first. A period with 0 trials never joins a baseline. When the
 * center is 0 or 1 the limits collapse onto it, so any other rate is flagged. `rate` is `null`
 * only when `trials` is 0.
 *
 * Pass the series in period order with every period present (`scorecardSeries` makes one from
 * Scorecard rows, filling gaps with 0 of 0). Does not mutate its input. O(n).
 * Reference: NIST/SEMATECH e-Handbook of Statistical Methods, section 6.3.3.2, "Proportions
 * Control Charts" (https://www.itl.nist.gov/div898/handbook/pmc/section3/pmc332.htm); D. C.
 * Montgomery, Introduction to Statistical Quality Control, the p chart with variable sample size.
 *
 * @param series - `{ period, successes, trials }` entries in period order.
 * @param options - `sigma` (3), `baseline` (6 periods) and `minTrials` (30).
 * @returns One `{ period, rate, center, lower, upper, status }` per entry, in the same order.
 * @throws {@link KpiError} `INVALID_ARGUMENT` at `series`, `series[i]` or `series[i].period` (not
 * an array, not an object, not a string); `INVALID_NUMBER`, `NEGATIVE_COUNT`, `NOT_AN_INTEGER` at
 * `series[i].successes` or `series[i].trials`; `NUMERATOR_EXCEEDS_DENOMINATOR` at
 * `series[i].successes`; `INVALID_OPTION` for an unknown option, a `sigma` that is not a finite
 * number > 0, a `baseline` that is not an integer ≥ 1, or a `minTrials` that is not an integer ≥ 0.
 * @example
 * ```ts
 * import { suddenChanges } from 'xsell-kpi';
 * const weeks = ['01', '02', '03', '04', '05', '06'].map((week) => ({ period: `2026-W${week}`, successes: 32, trials: 64 }));
 * weeks.push({ period: '2026-W07', successes: 48, trials: 64 }, { period: '2026-W08', successes: 5, trials: 10 });
 * const flags = suddenChanges(weeks);
 * flags.map((week) => week.status); // => ['insufficient-data', 'normal', 'normal', 'normal', 'normal', 'normal', 'above', 'insufficient-data']
 * flags[6]; // => { period: '2026-W07', rate: 0.75, center: 0.5, lower: 0.3125, upper: 0.6875, status: 'above' }
 * flags[7]; // => { period: '2026-W08', rate: 0.5, center: null, lower: null, upper: null, status: 'insufficient-data' }
 * suddenChanges(weeks, { sigma: 0 }); // throws INVALID_OPTION
 * ```
 * @category Analysis
 */
export function suddenChanges(series: readonly PeriodCounts[], options?: SuddenChangesOptions): SuddenChange[] {
  const entries = seriesArray(series);
  const { sigma, baseline, minTrials } = suddenChangesOptions(options);
  const flags: SuddenChange[] = [];
  // The baseline window: qualifying periods' counts, oldest first from `head`, and their sums.
  const windowSuccesses: number[] = [];
  const windowTrials: number[] = [];
  let head = 0;
  let sumSuccesses = 0;
  let sumTrials = 0;
  for (let index = 0; index < entries.length; index++) {
    const { bag, period } = seriesEntry(entries[index], index);
    const successes = count(bag['successes'], `series[${index}].successes`);
    const trials = count(bag['trials'], `series[${index}].trials`);
    notAbove(successes, `series[${index}].successes`, trials, `series[${index}].trials`);
    const rate = trials === 0 ? null : successes / trials;
    const qualifies = trials > 0 && trials >= minTrials;
    if (!qualifies || sumTrials === 0) {
      flags.push({ period, rate, center: null, lower: null, upper: null, status: 'insufficient-data' });
    } else {
      const center = sumSuccesses / sumTrials;
      const width = sigma * Math.sqrt((center * (1 - center)) / trials);
      const lower = Math.max(0, center - width);
      const upper = Math.min(1, center + width);
      const status = rate! > upper ? 'above' : rate! < lower ? 'below' : 'normal';
      flags.push({ period, rate, center, lower, upper, status });
    }
    if (qualifies) {
      windowSuccesses.push(successes);
      windowTrials.push(trials);
      sumSuccesses += successes;
      sumTrials += trials;
      if (windowTrials.length - head > baseline) {
        sumSuccesses -= windowSuccesses[head]!;
        sumTrials -= windowTrials[head]!;
        head += 1;
      }
      if (!Number.isSafeInteger(sumTrials)) {
        // Beyond 2^53 additions and subtractions would drift: sum the window afresh.
        sumSuccesses = 0;
        sumTrials = 0;
        for (let item = head; item < windowTrials.length; item++) {
          sumSuccesses += windowSuccesses[item]!;
          sumTrials += windowTrials[item]!;
        }
      }
      if (head > 1024 && head * 2 > windowTrials.length) {
        windowSuccesses.splice(0, head);
        windowTrials.splice(0, head);
        head = 0;
      }
    }
  }
  return flags;
}
