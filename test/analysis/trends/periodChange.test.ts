import { describe, expect, test } from 'vitest';
import { periodChange } from 'xsell-kpi';
import { expectKpiError } from '../../support/expectKpiError.js';

describe('periodChange', () => {
  test('known values: points and relative change, null for the first period', () => {
    expect(
      periodChange([
        { period: '2026-09', value: 100 },
        { period: '2026-10', value: 120 },
        { period: '2026-11', value: 90 },
      ]),
    ).toEqual([
      { period: '2026-09', value: 100, points: null, relative: null },
      { period: '2026-10', value: 120, points: 20, relative: 0.2 },
      { period: '2026-11', value: 90, points: -30, relative: -0.25 },
    ]);
  });

  test('rates: a change in percentage points, and relative to the previous rate', () => {
    const [, change] = periodChange([{ period: 'Q3', value: 0.2 }, { period: 'Q4', value: 0.25 }]);
    expect(change!.points).toBeCloseTo(0.05, 15);
    expect(change!.relative).toBeCloseTo(0.25, 15);
  });

  test('null where a value is null, and relative null after a 0', () => {
    expect(
      periodChange([
        { period: 'a', value: 0.1 },
        { period: 'b', value: null },
        { period: 'c', value: 0.2 },
        { period: 'd', value: 0 },
        { period: 'e', value: 0.5 },
        { period: 'f', value: 0 },
      ]).map(({ points, relative }) => [points, relative]),
    ).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [-0.2, -1],
      [0.5, null],
      [-0.5, -1],
    ]);
    expect(periodChange([])).toEqual([]);
  });

  test('never −0: no change from a negative value is +0', () => {
    const [, same] = periodChange([{ period: 'a', value: -3 }, { period: 'b', value: -3 }]);
    expect(Object.is(same!.points, 0) && Object.is(same!.relative, 0)).toBe(true);
    const [, signed] = periodChange([{ period: 'a', value: 0 }, { period: 'b', value: -0 }]);
    expect(Object.is(signed!.points, 0)).toBe(true);
  });

  test('validation', () => {
    expectKpiError(() => periodChange({} as never), 'INVALID_ARGUMENT', 'series');
    expectKpiError(() => periodChange([1] as never), 'INVALID_ARGUMENT', 'series[0]');
    expectKpiError(() => periodChange([{ period: 7, value: 1 }] as never), 'INVALID_ARGUMENT', 'series[0].period');
    expectKpiError(() => periodChange([{ period: 'a', value: 1 }, { period: 'b', value: Number.NaN }]), 'INVALID_NUMBER', 'series[1].value');
    expectKpiError(() => periodChange([{ period: 'a' }] as never), 'INVALID_NUMBER', 'series[0].value');
    expectKpiError(() => periodChange([{ period: 'a', value: '1' }] as never), 'INVALID_NUMBER', 'series[0].value');
  });

  test('a change too large for a number is null, never ±Infinity', () => {
    expect(periodChange([{ period: 'a', value: -1e308 }, { period: 'b', value: 1e308 }])[1]).toEqual({ period: 'b', value: 1e308, points: null, relative: null });
    expect(periodChange([{ period: 'a', value: 5e-324 }, { period: 'b', value: 1 }])[1]).toEqual({ period: 'b', value: 1, points: 1, relative: null });
  });
});
