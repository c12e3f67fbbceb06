import { describe, expect, test } from 'vitest';
import { suddenChanges } from 'xsell-kpi';
import { expectKpiError } from '../../support/expectKpiError.js';

const week = (index: number, successes: number, trials: number) => ({ period: `2026-W${String(index).padStart(2, '0')}`, successes, trials });

describe('suddenChanges known values', () => {
  test('a p-chart with exact binary numbers: center 0.5, 64 trials, limits 0.5 ± 3/16', () => {
    const series = [1, 2, 3, 4, 5, 6].map((index) => week(index, 32, 64));
    series.push(week(7, 48, 64), week(8, 16, 64), week(9, 44, 64));
    const flags = suddenChanges(series);
    expect(flags[0]).toEqual({ period: '2026-W01', rate: 0.5, center: null, lower: null, upper: null, status: 'insufficient-data' });
    expect(flags[6]).toEqual({ period: '2026-W07', rate: 0.75, center: 0.5, lower: 0.3125, upper: 0.6875, status: 'above' });
    // W08's baseline is W02..W07: (5 × 32 + 48) / 384.
    expect(flags[7]!.center).toBe(208 / 384);
    expect(flags[7]!.status).toBe('below');
    // W09's baseline is W03..W08: (4 × 32 + 48 + 16) / 384 = 0.5 again; 44/64 = 0.6875 is on the limit, so normal.
    expect(flags[8]).toEqual({ period: '2026-W09', rate: 0.6875, center: 0.5, lower: 0.3125, upper: 0.6875, status: 'normal' });
  });

  test('matches a NIST-style p-chart: center 0.2, 100 trials, limits 0.2 ± 3 × 0.04', () => {
    const series = [1, 2, 3, 4, 5, 6].map((index) => week(index, 20, 100));
    series.push(week(7, 33, 100), week(8, 31, 100));
    const [seventh, eighth] = suddenChanges(series).slice(6);
    expect(seventh!.center).toBe(0.2);
    expect(seventh!.lower).toBeCloseTo(0.08, 15);
    expect(seventh!.upper).toBeCloseTo(0.32, 15);
    expect(seventh!.status).toBe('above');
    // W08's baseline W02..W07 is 133/600 = 0.22166..., upper 0.22166 + 3·√(0.22166·0.77833/100) = 0.34627.
    expect(eighth!.center).toBeCloseTo(133 / 600, 15);
    expect(eighth!.upper).toBeCloseTo(133 / 600 + 3 * Math.sqrt(((133 / 600) * (467 / 600)) / 100), 15);
    expect(eighth!.status).toBe('normal');
  });

  test('limits are clamped to [0, 1]', () => {
    const flags = suddenChanges([week(1, 1, 40), week(2, 0, 40), week(3, 40, 40)], { baseline: 1 });
    expect(flags[1]).toMatchObject({ center: 0.025, lower: 0, status: 'normal' });
    expect(flags[1]!.upper).toBeCloseTo(0.025 + 3 * Math.sqrt((0.025 * 0.975) / 40), 15);
    // A center of 0 collapses the limits onto 0: any success is above.
    expect(flags[2]).toEqual({ period: '2026-W03', rate: 1, center: 0, lower: 0, upper: 0, status: 'above' });
    const high = suddenChanges([week(1, 40, 40), week(2, 39, 40)]);
    expect(high[1]).toEqual({ period: '2026-W02', rate: 0.975, center: 1, lower: 1, upper: 1, status: 'below' });
  });

  test('insufficient data: small periods are not judged and do not join a baseline', () => {
    const flags = suddenChanges([week(1, 5, 10), week(2, 0, 0), week(3, 20, 100), week(4, 3, 29), week(5, 60, 100), week(6, 3, 5)]);
    expect(flags.map((flag) => flag.status)).toEqual(['insufficient-data', 'insufficient-data', 'insufficient-data', 'insufficient-data', 'above', 'insufficient-data']);
    expect(flags[1]).toEqual({ period: '2026-W02', rate: null, center: null, lower: null, upper: null, status: 'insufficient-data' });
    expect(flags[3]!.rate).toBe(3 / 29);
    expect(flags[4]!.center).toBe(0.2); // only W03 qualifies
    expect(suddenChanges([week(1, 5, 10), week(2, 10, 10)], { minTrials: 10 }).map((flag) => flag.status)).toEqual(['insufficient-data', 'above']);
    // minTrials 0: a period with trials is judged, one with none still is not.
    expect(suddenChanges([week(1, 1, 2), week(2, 0, 0), week(3, 1, 1)], { minTrials: 0 }).map((flag) => flag.status)).toEqual(['insufficient-data', 'insufficient-data', 'normal']);
  });

  test('the baseline pools only the nearest `baseline` qualifying periods', () => {
    const series = [week(1, 90, 100), week(2, 10, 100), week(3, 10, 100), week(4, 10, 100)];
    expect(suddenChanges(series, { baseline: 2 })[3]!.center).toBe(0.1);
    expect(suddenChanges(series, { baseline: 3 })[3]!.center).toBe(110 / 300);
    expect(suddenChanges(series, { baseline: 3, minTrials: 101 }).every((flag) => flag.status === 'insufficient-data')).toBe(true);
  });

  test('a lasting shift becomes the new normal after `baseline` periods', () => {
    const series = [1, 2, 3].map((index) => week(index, 100, 1000));
    for (let index = 4; index <= 8; index++) series.push(week(index, 300, 1000));
    expect(suddenChanges(series, { baseline: 3 }).map((flag) => flag.status)).toEqual(['insufficient-data', 'normal', 'normal', 'above', 'above', 'above', 'normal', 'normal']);
  });

  test('empty series, extra fields ignored, sigma scales the limits', () => {
    expect(suddenChanges([])).toEqual([]);
    const series = [{ ...week(1, 50, 100), value: 0.5 }, { ...week(2, 62, 100), note: 'x' }];
    expect(suddenChanges(series, { baseline: 1 })[1]!.status).toBe('normal');
    expect(suddenChanges(series, { baseline: 1, sigma: 2 })[1]!.status).toBe('above');
    expect(suddenChanges(series, { baseline: 1, sigma: 2 })[1]!.upper).toBeCloseTo(0.6, 15);
  });

  test('a very long baseline keeps exact sums', () => {
    const big = Number.MAX_SAFE_INTEGER - 1;
    const flags = suddenChanges([week(1, 1, big), week(2, 1, big), week(3, 2, big), week(4, 1, big)], { baseline: 2 });
    expect(flags[3]!.center).toBe(3 / (2 * big));
  });
});

describe('suddenChanges validation', () => {
  test('series shape', () => {
    expectKpiError(() => suddenChanges('x' as never), 'INVALID_ARGUMENT', 'series');
    expectKpiError(() => suddenChanges([null] as never), 'INVALID_ARGUMENT', 'series[0]');
    expectKpiError(() => suddenChanges([week(1, 1, 2), { successes: 1, trials: 2 }] as never), 'INVALID_ARGUMENT', 'series[1].period');
  });

  test('counts', () => {
    expectKpiError(() => suddenChanges([week(1, 3, 2)]), 'NUMERATOR_EXCEEDS_DENOMINATOR', 'series[0].successes');
    expectKpiError(() => suddenChanges([week(1, -1, 2)]), 'NEGATIVE_COUNT', 'series[0].successes');
    expectKpiError(() => suddenChanges([week(1, 1, 2.5)]), 'NOT_AN_INTEGER', 'series[0].trials');
    expectKpiError(() => suddenChanges([week(1, 1, Number.NaN)]), 'INVALID_NUMBER', 'series[0].trials');
    expectKpiError(() => suddenChanges([week(1, 1, 2), { period: 'x', trials: 3 }] as never), 'INVALID_NUMBER', 'series[1].successes');
  });

  test('options', () => {
    const series = [week(1, 1, 2)];
    for (const sigma of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '3']) expectKpiError(() => suddenChanges(series, { sigma } as never), 'INVALID_OPTION', 'sigma');
    for (const baseline of [0, 1.5, -1, Number.NaN, '6']) expectKpiError(() => suddenChanges(series, { baseline } as never), 'INVALID_OPTION', 'baseline');
    for (const minTrials of [-1, 0.5, Number.POSITIVE_INFINITY]) expectKpiError(() => suddenChanges(series, { minTrials } as never), 'INVALID_OPTION', 'minTrials');
    expectKpiError(() => suddenChanges(series, { sigmas: 3 } as never), 'INVALID_OPTION', 'sigmas');
    expectKpiError(() => suddenChanges(series, 3 as never), 'INVALID_OPTION', '');
    expect(suddenChanges(series, {})).toHaveLength(1);
  });
});
