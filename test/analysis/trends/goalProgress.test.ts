import { describe, expect, test } from 'vitest';
import { goalProgress } from 'xsell-kpi';
import { expectKpiError } from '../../support/expectKpiError.js';

describe('goalProgress', () => {
  test('a level target', () => {
    expect(goalProgress({ baseline: 100, target: 120, actual: 110 })).toEqual({ target: 120, progress: 0.5 });
    expect(goalProgress({ baseline: 100, target: 120, actual: 130 })).toEqual({ target: 120, progress: 1.5 });
    expect(goalProgress({ baseline: 100, target: 120, actual: 90 })).toEqual({ target: 120, progress: -0.5 });
    expect(goalProgress({ baseline: 0.2, target: 0.3, actual: 0.3 })).toEqual({ target: 0.3, progress: 1 });
  });

  test('a points target: baseline + n', () => {
    expect(goalProgress({ baseline: 0.2, target: { points: 0.05 }, actual: 0.25 })).toEqual({ target: 0.25, progress: 1 });
    expect(goalProgress({ baseline: 0.2, target: { points: 0.05 }, actual: 0.2 })).toEqual({ target: 0.25, progress: 0 });
  });

  test("a relative target: a '+10 % next quarter' goal is baseline × 1.1, in plain floats", () => {
    const { target, progress } = goalProgress({ baseline: 0.2, target: { relative: 0.1 }, actual: 0.21 });
    expect(target).toBe(0.22000000000000003);
    expect(progress).toBeCloseTo(0.5, 12);
    expect(goalProgress({ baseline: 0.2, target: { relative: 0.1 }, actual: target }).progress).toBe(1);
    expect(goalProgress({ baseline: 40, target: { relative: 0.25 }, actual: 35 })).toEqual({ target: 50, progress: -0.5 });
  });

  test('a goal below the baseline (bring churn down)', () => {
    expect(goalProgress({ baseline: 0.3, target: { points: -0.1 }, actual: 0.25 }).progress).toBeCloseTo(0.5, 12);
    const atBaseline = goalProgress({ baseline: 0.3, target: 0.2, actual: 0.3 }).progress;
    expect(Object.is(atBaseline, 0)).toBe(true); // not −0
  });

  test('null progress when the target is the baseline', () => {
    expect(goalProgress({ baseline: 0.2, target: 0.2, actual: 0.3 })).toEqual({ target: 0.2, progress: null });
    expect(goalProgress({ baseline: 0, target: { relative: 0.5 }, actual: 1 })).toEqual({ target: 0, progress: null });
    expect(goalProgress({ baseline: 5, target: { points: 0 }, actual: 1 })).toEqual({ target: 5, progress: null });
    expect(Object.is(goalProgress({ baseline: 0, target: { relative: -2 }, actual: 1 }).target, 0)).toBe(true);
  });

  test('validation', () => {
    expectKpiError(() => goalProgress(null as never), 'INVALID_ARGUMENT', '');
    expectKpiError(() => goalProgress({ baseline: Number.NaN, target: 1, actual: 1 }), 'INVALID_NUMBER', 'baseline');
    expectKpiError(() => goalProgress({ baseline: 1, target: 1, actual: Number.POSITIVE_INFINITY }), 'INVALID_NUMBER', 'actual');
    expectKpiError(() => goalProgress({ baseline: 1, target: Number.NaN, actual: 1 }), 'INVALID_NUMBER', 'target');
    expectKpiError(() => goalProgress({ baseline: 1, target: { points: '1' }, actual: 1 } as never), 'INVALID_NUMBER', 'target.points');
    expectKpiError(() => goalProgress({ baseline: 1, target: { relative: Number.NaN }, actual: 1 }), 'INVALID_NUMBER', 'target.relative');
    for (const target of [undefined, null, '1', [1], {}, { percent: 10 }, { points: 1, relative: 0.1 }]) {
      expectKpiError(() => goalProgress({ baseline: 1, target, actual: 1 } as never), 'INVALID_ARGUMENT', 'target');
    }
  });

  test('overflow is INVALID_NUMBER, never Infinity or NaN', () => {
    expectKpiError(() => goalProgress({ baseline: 1e308, target: { relative: 1 }, actual: 1 }), 'INVALID_NUMBER', 'target');
    expectKpiError(() => goalProgress({ baseline: 1e308, target: { points: 1e308 }, actual: 1 }), 'INVALID_NUMBER', 'target');
    expectKpiError(() => goalProgress({ baseline: -1e308, target: 1e308, actual: 0 }), 'INVALID_NUMBER', 'target');
    expectKpiError(() => goalProgress({ baseline: 1e308, target: 1e308 - 1e292, actual: -1e308 }), 'INVALID_NUMBER', 'actual');
    expectKpiError(() => goalProgress({ baseline: 0, target: 1e-300, actual: 1e100 }), 'INVALID_NUMBER', 'actual');
  });
});
