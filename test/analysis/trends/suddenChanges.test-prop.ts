import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { suddenChanges, type PeriodCounts, type SuddenChange } from 'xsell-kpi';
import { mulberry32 } from '../../oracle/dataset.js';

/**
 * The p-chart (suddenChanges) against its own promise: a stable binomial series is flagged about
 * as rarely as 3-sigma limits imply, a real jump is always flagged, small samples are never judged.
 *
 * The simulations draw from mulberry32 seeded by fast-check (itself seeded in test/setup.ts), so
 * every run is reproducible.
 */

/** Bin(trials, p) by counting Bernoulli draws: exact, and fast enough for a few thousand trials. */
function binomial(random: () => number, trials: number, p: number): number {
  let successes = 0;
  for (let draw = 0; draw < trials; draw++) if (random() < p) successes += 1;
  return successes;
}

/** A stable series: every period Bin(n, p) with n uniform in [minTrials, maxTrials]. */
function stableSeries(seed: number, p: number, periods: number, minTrials: number, maxTrials: number): PeriodCounts[] {
  const random = mulberry32(seed);
  return Array.from({ length: periods }, (_, index) => {
    const trials = minTrials + Math.floor(random() * (maxTrials - minTrials + 1));
    return { period: `P${String(index).padStart(2, '0')}`, successes: binomial(random, trials, p), trials };
  });
}

/** erfc, Numerical Recipes' Chebyshev fit (relative error < 1.2e-7): enough for tail rates. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(poly);
  return x >= 0 ? value : 2 - value;
}

/**
 * The chance that a stable period is flagged by sigma-limits, given its trials and the baseline's.
 *
 * The limits are center ± sigma·se with se = √(p(1 − p)/n). Under a stable rate, rate − center has
 * variance p(1 − p)(1/n + 1/N) (N = the pooled baseline trials: the center is itself an estimate),
 * so |rate − center| > sigma·se has probability 2·Φ(−sigma / √(1 + n/N)) in the normal
 * approximation; with a huge baseline this is the textbook 0.27 % for sigma = 3.
 */
function impliedFalseAlarmRate(sigma: number, trials: number, baselineTrials: number): number {
  return erfc(sigma / Math.sqrt(1 + trials / baselineTrials) / Math.SQRT2);
}

/**
 * The largest k with P(X ≤ k) ≤ tail for X a sum of independent Bernoullis with mean mu (−1 if none),
 * by the Chernoff bound P(X ≤ k) ≤ e^(−mu)·(e·mu/k)^k (k < mu).
 */
function chernoffLowerBound(mu: number, tail: number): number {
  let k = Math.ceil(mu) - 1;
  while (k > 0 && -mu + k * (1 + Math.log(mu / k)) > Math.log(tail)) k -= 1;
  return k > 0 ? k : Math.exp(-mu) <= tail ? 0 : -1;
}

/**
 * The smallest k with P(X ≥ k) ≤ tail for X a sum of independent Bernoullis with mean mu,
 * by the Chernoff bound P(X ≥ k) ≤ e^(−mu)·(e·mu/k)^k (k > mu).
 */
function chernoffBound(mu: number, tail: number): number {
  let k = Math.floor(mu) + 1;
  while (-mu + k * (1 + Math.log(mu / k)) > Math.log(tail)) k += 1;
  return k;
}

const BASELINE = 6;
const SIGMA = 3;
const PERIODS = 40;

/** Trials pooled by the baseline of period `index` (every period here has ≥ 200 trials, so all qualify). */
function baselineTrials(series: readonly PeriodCounts[], index: number, baseline: number): number {
  return series.slice(Math.max(0, index - baseline), index).reduce((sum, period) => sum + period.trials, 0);
}

function baselineCenter(series: readonly PeriodCounts[], index: number, baseline: number): number {
  const window = series.slice(Math.max(0, index - baseline), index);
  return window.reduce((sum, period) => sum + period.successes, 0) / window.reduce((sum, period) => sum + period.trials, 0);
}

describe('a stable binomial series', () => {
  test('is flagged at most at the rate the 3-sigma limits imply', () => {
    // Each run: p in [0.05, 0.5], 200-2000 trials per period, 40 periods, default options. The
    // normal approximation understates the tails when n·p is small (simulated: up to 1.4 times as
    // many flags at p = 0.05, n = 200), so the expected count is doubled before the tail bound.
    // Periods of one series share baselines, which makes flags mildly dependent; the 1e-9 tail
    // leaves room for that. A chart with 2-sigma limits, or limits from the wrong variance, is
    // several times over the bound.
    const GENEROSITY = 2;
    let judged = 0;
    let flagged = 0;
    let expected = 0;
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.05, max: 0.5, noNaN: true }), (seed, p) => {
        const series = stableSeries(seed, p, PERIODS, 200, 2000);
        const flags = suddenChanges(series);
        let runFlags = 0;
        let runExpected = 0;
        flags.forEach((flag, index) => {
          if (index === 0) {
            expect(flag.status).toBe('insufficient-data');
            return;
          }
          expect(flag.status).not.toBe('insufficient-data');
          judged += 1;
          runExpected += GENEROSITY * impliedFalseAlarmRate(SIGMA, series[index]!.trials, baselineTrials(series, index, BASELINE));
          if (flag.status !== 'normal') runFlags += 1;
        });
        flagged += runFlags;
        expected += runExpected;
        expect(runFlags).toBeLessThan(chernoffBound(runExpected, 1e-9));
      }),
    );
    const bound = chernoffBound(expected, 1e-9);
    expect(judged).toBeGreaterThan(0);
    expect(flagged, `${flagged} flags in ${judged} stable periods; (doubled) implied ${expected.toFixed(1)}, bound ${bound}`).toBeLessThan(bound);
  });

  test('with a long baseline, the false-alarm rate is near the textbook 0.27 %', () => {
    // 100 series of 240 periods with a 200-period baseline: about 0.3 % of ~23,000 judged periods.
    const random = mulberry32(20261201);
    let judged = 0;
    let flagged = 0;
    let expected = 0;
    for (let run = 0; run < 100; run++) {
      const p = 0.05 + random() * 0.45;
      const series = stableSeries(Math.floor(random() * 2 ** 32), p, 240, 200, 400);
      suddenChanges(series, { baseline: 200 }).forEach((flag, index) => {
        if (index < 10) return; // skip the warm-up, where the baseline is still short
        judged += 1;
        expected += impliedFalseAlarmRate(SIGMA, series[index]!.trials, baselineTrials(series, index, 200));
        if (flag.status !== 'normal') flagged += 1;
      });
    }
    expect(expected / judged).toBeGreaterThan(0.0027);
    expect(expected / judged).toBeLessThan(0.0032);
    expect(flagged).toBeLessThan(chernoffBound(2 * expected, 1e-9));
    // ... and not much below it either: 4-sigma limits would flag about 1 in 16,000.
    expect(flagged).toBeGreaterThan(chernoffLowerBound(0.8 * expected, 1e-9));
  });
});

describe('a constructed jump', () => {
  test('of 6 standard errors after at least `baseline` stable periods is always flagged, in its direction', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 20 }),
        fc.boolean(),
        (seed, p, baseline, extra, up) => {
          const jumpAt = baseline + extra;
          const series = stableSeries(seed, p, jumpAt + 1, 200, 2000);
          // The jump is measured from the center the chart sees (the pooled trailing baseline,
          // computed here independently), so it is 6 standard errors whatever the noise did.
          const center = baselineCenter(series, jumpAt, baseline);
          const trials = series[jumpAt]!.trials;
          const standardError = Math.sqrt((center * (1 - center)) / trials);
          const down = !up && Math.floor((center - 6 * standardError) * trials) >= 0;
          // (With a center of 0 the limits collapse onto it and a single success is a jump.)
          const successes = down ? Math.floor((center - 6 * standardError) * trials) : Math.max(1, Math.ceil((center + 6 * standardError) * trials));
          series[jumpAt] = { ...series[jumpAt]!, successes };
          const flag = suddenChanges(series, { baseline })[jumpAt]!;
          expect(flag.center).toBe(center);
          expect(flag.status).toBe(down ? 'below' : 'above');
        },
      ),
    );
  });
});

/** The definition, computed the slow and obvious way. */
function reference(series: readonly PeriodCounts[], sigma: number, baseline: number, minTrials: number): SuddenChange[] {
  return series.map(({ period, successes, trials }, index) => {
    const rate = trials === 0 ? null : successes / trials;
    const qualifying = series.slice(0, index).filter((entry) => entry.trials > 0 && entry.trials >= minTrials).slice(-baseline);
    if (trials === 0 || trials < minTrials || qualifying.length === 0) return { period, rate, center: null, lower: null, upper: null, status: 'insufficient-data' };
    const center = qualifying.reduce((sum, entry) => sum + entry.successes, 0) / qualifying.reduce((sum, entry) => sum + entry.trials, 0);
    const width = sigma * Math.sqrt((center * (1 - center)) / trials);
    const lower = Math.max(0, center - width);
    const upper = Math.min(1, center + width);
    return { period, rate, center, lower, upper, status: rate! > upper ? 'above' : rate! < lower ? 'below' : 'normal' };
  });
}

const countsArb = fc.nat({ max: 80 }).chain((trials) => fc.record({ successes: fc.nat({ max: trials }), trials: fc.constant(trials) }));
const seriesArb = fc.array(countsArb, { maxLength: 40 }).map((entries) => entries.map((entry, index) => ({ period: `p${index}`, ...entry })));
const optionsArb = fc.record({
  sigma: fc.double({ min: 0.1, max: 5, noNaN: true }),
  baseline: fc.integer({ min: 1, max: 10 }),
  minTrials: fc.integer({ min: 0, max: 60 }),
});

describe('the trailing baseline', () => {
  test('equals the definition: the pooled rate of the up-to-`baseline` nearest preceding periods with ≥ minTrials trials', () => {
    fc.assert(
      fc.property(seriesArb, optionsArb, (series, { sigma, baseline, minTrials }) => {
        expect(suddenChanges(series, { sigma, baseline, minTrials })).toEqual(reference(series, sigma, baseline, minTrials));
      }),
    );
  });

  test('limits are clamped to [0, 1] around the center, and the status matches them', () => {
    fc.assert(
      fc.property(seriesArb, optionsArb, (series, options) => {
        for (const flag of suddenChanges(series, options)) {
          if (flag.status === 'insufficient-data') {
            expect([flag.center, flag.lower, flag.upper]).toEqual([null, null, null]);
            continue;
          }
          const { rate, center, lower, upper } = flag as { rate: number; center: number; lower: number; upper: number };
          expect(0 <= lower && lower <= center && center <= upper && upper <= 1).toBe(true);
          expect(flag.status).toBe(rate > upper ? 'above' : rate < lower ? 'below' : 'normal');
        }
      }),
    );
  });

  test('a period with fewer than minTrials trials, or none, is insufficient-data and never joins a baseline', () => {
    fc.assert(
      fc.property(seriesArb, optionsArb, (series, options) => {
        const flags = suddenChanges(series, options);
        series.forEach((entry, index) => {
          if (entry.trials === 0 || entry.trials < options.minTrials) {
            expect(flags[index]).toEqual({ period: entry.period, rate: entry.trials === 0 ? null : entry.successes / entry.trials, center: null, lower: null, upper: null, status: 'insufficient-data' });
          }
        });
        // Dropping the small periods does not change the verdicts on the others.
        const kept = series.flatMap((entry, index) => (entry.trials === 0 || entry.trials < options.minTrials ? [] : [index]));
        const without = suddenChanges(kept.map((index) => series[index]!), options);
        expect(without).toEqual(kept.map((index) => flags[index]));
      }),
    );
  });

  test('does not mutate its input', () => {
    fc.assert(
      fc.property(seriesArb, optionsArb, (series, options) => {
        const copy = structuredClone(series);
        suddenChanges(series, options);
        expect(series).toEqual(copy);
      }),
    );
  });
});
