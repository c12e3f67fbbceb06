import { describe, expect, test } from 'vitest';
import { CROSS_SELL_BANDS, benchmarkBand } from 'xsell-kpi';
import { expectKpiError } from '../../support/expectKpiError.js';

describe('benchmarkBand', () => {
  test('the default cross-sell bands: the commonly quoted 20 % to 30 % good, 30 % and above strong', () => {
    expect(CROSS_SELL_BANDS).toEqual([{ label: 'weak', from: 0 }, { label: 'good', from: 0.2 }, { label: 'strong', from: 0.3 }]);
    expect(benchmarkBand(0)).toBe('weak');
    expect(benchmarkBand(0.15)).toBe('weak'); // the commonly quoted "far below industry standards" rate
    expect(benchmarkBand(0.19999999999999998)).toBe('weak');
    expect(benchmarkBand(0.2)).toBe('good'); // the usual worked example, 100 of 500 customers
    expect(benchmarkBand(0.28)).toBe('good'); // a rate inside the good band
    expect(benchmarkBand(0.3)).toBe('strong');
    expect(benchmarkBand(1)).toBe('strong');
    expect(benchmarkBand(null)).toBeNull();
    expect(benchmarkBand(-0.01)).toBeNull();
  });

  test('the default bands cannot be changed by a caller', () => {
    expect(Object.isFrozen(CROSS_SELL_BANDS)).toBe(true);
    expect(CROSS_SELL_BANDS.every((band) => Object.isFrozen(band))).toBe(true);
    expect(() => {
      (CROSS_SELL_BANDS as unknown as { from: number }[])[1]!.from = 0.5;
    }).toThrow(TypeError);
  });

  test('own bands: the last band whose from is ≤ the rate; below the first, null', () => {
    const bands = [{ label: 'low', from: 0.05 }, { label: 'typical', from: 0.15 }, { label: 'high', from: 0.4 }];
    expect([0, 0.05, 0.1, 0.15, 0.39, 0.4, 7].map((rate) => benchmarkBand(rate, bands))).toEqual([null, 'low', 'low', 'typical', 'typical', 'high', 'high']);
    expect(benchmarkBand(-5, [{ label: 'any', from: -10 }])).toBe('any');
    expect(benchmarkBand(1.5, [{ label: '', from: 1 }])).toBe('');
    const typed: 'a' | 'b' | null = benchmarkBand(0.3, [{ label: 'a' as const, from: 0 }, { label: 'b' as const, from: 0.5 }]);
    expect(typed).toBe('a');
  });

  test('an invalid rate is INVALID_NUMBER at rate', () => {
    for (const rate of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '0.2', undefined]) {
      expectKpiError(() => benchmarkBand(rate as never), 'INVALID_NUMBER', 'rate');
    }
  });

  test('invalid bands are INVALID_OPTION at the offending band, also for a null rate', () => {
    expectKpiError(() => benchmarkBand(0.2, []), 'INVALID_OPTION', 'bands');
    expectKpiError(() => benchmarkBand(0.2, null as never), 'INVALID_OPTION', 'bands');
    expectKpiError(() => benchmarkBand(0.2, { label: 'a', from: 0 } as never), 'INVALID_OPTION', 'bands');
    expectKpiError(() => benchmarkBand(0.2, [{ label: 'a', from: 0 }, 'b'] as never), 'INVALID_OPTION', 'bands[1]');
    expectKpiError(() => benchmarkBand(0.2, [{ label: 1, from: 0 }] as never), 'INVALID_OPTION', 'bands[0].label');
    expectKpiError(() => benchmarkBand(0.2, [{ from: 0 }] as never), 'INVALID_OPTION', 'bands[0].label');
    expectKpiError(() => benchmarkBand(0.2, [{ label: 'a', from: Number.NaN }]), 'INVALID_OPTION', 'bands[0].from');
    expectKpiError(() => benchmarkBand(0.2, [{ label: 'a', from: '0' }] as never), 'INVALID_OPTION', 'bands[0].from');
    expectKpiError(() => benchmarkBand(0.2, [{ label: 'a', from: 0 }, { label: 'b', from: 0 }]), 'INVALID_OPTION', 'bands[1].from');
    expectKpiError(() => benchmarkBand(null, [{ label: 'a', from: 0.3 }, { label: 'b', from: 0.2 }]), 'INVALID_OPTION', 'bands[1].from');
  });
});
