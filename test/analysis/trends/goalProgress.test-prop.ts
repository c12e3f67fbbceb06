import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { goalProgress, type GoalTarget } from 'xsell-kpi';
import { expectKpiError } from '../../support/expectKpiError.js';

const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const targetArb: fc.Arbitrary<GoalTarget> = fc.oneof(value, value.map((points) => ({ points })), fc.double({ min: -10, max: 10, noNaN: true }).map((relative) => ({ relative })));

describe('goalProgress properties', () => {
  test('actual = target gives exactly 1, actual = baseline exactly 0', () => {
    fc.assert(
      fc.property(value, targetArb, (baseline, target) => {
        const { target: level, progress } = goalProgress({ baseline, target, actual: baseline });
        if (level === baseline) {
          expect(progress).toBeNull();
        } else {
          expect(Object.is(progress, 0)).toBe(true);
          expect(goalProgress({ baseline, target, actual: level }).progress).toBe(1);
        }
      }),
    );
  });

  test('the target level: a number as given, baseline + points, baseline × (1 + relative)', () => {
    fc.assert(
      fc.property(value, targetArb, (baseline, target) => {
        const expected = typeof target === 'number' ? target : 'points' in target ? baseline + target.points : baseline * (1 + target.relative);
        expect(goalProgress({ baseline, target, actual: baseline }).target).toBe(expected + 0);
      }),
    );
  });

  test('progress is (actual − baseline) ÷ (target − baseline): same sign as the move towards the goal, null only at target = baseline', () => {
    fc.assert(
      fc.property(value, targetArb, value, (baseline, target, actual) => {
        const level = goalProgress({ baseline, target, actual: baseline }).target;
        const quotient = (actual - baseline) / (level - baseline) + 0;
        if (level !== baseline && !Number.isFinite(quotient)) {
          // A target a hair from the baseline (5e-324 away) makes the quotient overflow: refused, never Infinity.
          expectKpiError(() => goalProgress({ baseline, target, actual }), 'INVALID_NUMBER', 'actual');
          return;
        }
        const result = goalProgress({ baseline, target, actual });
        if (result.target === baseline) {
          expect(result.progress).toBeNull();
          return;
        }
        expect(result.progress).toBe(quotient);
        expect(Number.isFinite(result.progress)).toBe(true);
        // (A quotient can underflow to 0, as 5e-324 ÷ 2 does; any other sign is the move's.)
        if (result.progress !== 0) expect(Math.sign(result.progress!)).toBe(Math.sign(actual - baseline) * Math.sign(result.target - baseline));
      }),
    );
  });
});
