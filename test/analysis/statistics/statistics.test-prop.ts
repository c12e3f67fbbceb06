import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareMeans, compareRates, sampleSize, wilsonInterval } from 'xsell-kpi';

/** Counts from tiny to the largest safe integer, with the edges 0/n and n/n common. */
const trialsArb = fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
const armArb = trialsArb.chain((trials) =>
  fc.record({ successes: fc.oneof(fc.constant(0), fc.constant(trials), fc.integer({ min: 0, max: trials })), trials: fc.constant(trials) }),
);
const confidenceArb = fc.oneof(fc.constantFrom(0.8, 0.9, 0.95, 0.99, 0.999999), fc.double({ min: 1e-6, max: 1 - 1e-12, noNaN: true }));

describe('wilsonInterval', () => {
  test('bounds lie in [0, 1] and around the observed rate', () => {
    fc.assert(
      fc.property(armArb, confidenceArb, ({ successes, trials }, confidence) => {
        const { lower, upper } = wilsonInterval({ successes, trials, confidence })!;
        const rate = successes / trials;
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(upper).toBeLessThanOrEqual(1);
        expect(lower).toBeLessThanOrEqual(rate);
        expect(upper).toBeGreaterThanOrEqual(rate);
        if (successes === 0) expect(lower).toBe(0);
        if (successes === trials) expect(upper).toBe(1);
        // The bound near 0 keeps its digits; near 1, 1 − 1e-20 is 1 in a double, so only for moderate n.
        if (successes > 0) expect(lower).toBeGreaterThan(0);
        if (successes < trials && trials < 1e7) expect(upper).toBeLessThan(1);
      }),
    );
  });

  test('a higher confidence gives a wider interval that contains the narrower one', () => {
    fc.assert(
      fc.property(armArb, confidenceArb, confidenceArb, ({ successes, trials }, a, b) => {
        fc.pre(a !== b);
        const [low, high] = a < b ? [a, b] : [b, a];
        const narrow = wilsonInterval({ successes, trials, confidence: low })!;
        const wide = wilsonInterval({ successes, trials, confidence: high })!;
        expect(wide.lower).toBeLessThanOrEqual(narrow.lower);
        expect(wide.upper).toBeGreaterThanOrEqual(narrow.upper);
      }),
    );
  });

  test('failures mirror successes: the interval of n − x is 1 minus that of x', () => {
    fc.assert(
      fc.property(armArb, confidenceArb, ({ successes, trials }, confidence) => {
        const interval = wilsonInterval({ successes, trials, confidence })!;
        const mirror = wilsonInterval({ successes: trials - successes, trials, confidence })!;
        expect(mirror.upper).toBeCloseTo(1 - interval.lower, 14);
        expect(mirror.lower).toBeCloseTo(1 - interval.upper, 14);
      }),
    );
  });
});

describe('compareRates', () => {
  test('pValue in [0, 1], the interval holds the difference, significant is pValue < 1 − confidence', () => {
    fc.assert(
      fc.property(armArb, armArb, confidenceArb, (control, treatment, confidence) => {
        const result = compareRates({ control, treatment, confidence })!;
        const { difference, confidenceInterval: interval, pValue } = result;
        expect(pValue).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeLessThanOrEqual(1);
        expect(difference).toBeGreaterThanOrEqual(-1);
        expect(difference).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeGreaterThanOrEqual(-1);
        expect(interval.upper).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeLessThanOrEqual(difference);
        expect(interval.upper).toBeGreaterThanOrEqual(difference);
        expect(result.significant).toBe(pValue < 1 - confidence);
        expect(Math.abs(difference - (treatment.successes / treatment.trials - control.successes / control.trials))).toBeLessThan(1e-15);
        if (control.successes === 0) expect(result.relativeLift).toBeNull();
        else {
          const lift = difference / (control.successes / control.trials);
          expect(Math.abs(result.relativeLift! - lift)).toBeLessThanOrEqual(1e-12 * Math.abs(lift) + 1e-15);
        }
      }),
    );
  });

  test('swapping the arms negates the difference and the interval, and keeps the p-value', () => {
    fc.assert(
      fc.property(armArb, armArb, confidenceArb, (control, treatment, confidence) => {
        const forward = compareRates({ control, treatment, confidence })!;
        const backward = compareRates({ control: treatment, treatment: control, confidence })!;
        // `0 +` treats 0 and −0 as equal.
        expect(0 + backward.difference).toBe(0 - forward.difference);
        expect(backward.pValue).toBe(forward.pValue);
        expect(backward.significant).toBe(forward.significant);
        expect(0 + backward.confidenceInterval.lower).toBe(0 - forward.confidenceInterval.upper);
        expect(0 + backward.confidenceInterval.upper).toBe(0 - forward.confidenceInterval.lower);
      }),
    );
  });

  test('the same rate in both arms is never significant', () => {
    fc.assert(
      fc.property(armArb, fc.integer({ min: 1, max: 1000 }), confidenceArb, (arm, factor, confidence) => {
        fc.pre(arm.trials * factor <= Number.MAX_SAFE_INTEGER);
        const result = compareRates({ control: arm, treatment: { successes: arm.successes * factor, trials: arm.trials * factor }, confidence })!;
        expect(result.difference).toBe(0);
        expect(result.pValue).toBe(1);
        expect(result.significant).toBe(false);
      }),
    );
  });
});

const meanArmArb = fc.record({
  count: fc.oneof(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 2, max: 1e7 })),
  mean: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  variance: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e8, noNaN: true })),
});

describe('compareMeans', () => {
  test('pValue in [0, 1], the interval holds the difference, ν between min(n) − 1 and n₁ + n₂ − 2', () => {
    fc.assert(
      fc.property(meanArmArb, meanArmArb, confidenceArb, (control, treatment, confidence) => {
        const result = compareMeans({ control, treatment, confidence })!;
        const { difference, confidenceInterval: interval, pValue, degreesOfFreedom } = result;
        expect(pValue).toBeGreaterThanOrEqual(0);
        expect(pValue).toBeLessThanOrEqual(1);
        expect(interval.lower).toBeLessThanOrEqual(difference);
        expect(interval.upper).toBeGreaterThanOrEqual(difference);
        expect(result.significant).toBe(pValue < 1 - confidence);
        if (control.variance === 0 && treatment.variance === 0) {
          expect(degreesOfFreedom).toBeNull();
        } else {
          const slack = 1 + 1e-12;
          expect(degreesOfFreedom!).toBeGreaterThanOrEqual((Math.min(control.count, treatment.count) - 1) / slack);
          expect(degreesOfFreedom!).toBeLessThanOrEqual((control.count + treatment.count - 2) * slack);
        }
      }),
    );
  });

  test('the interval excludes 0 exactly when the test is significant (the same t quantile)', () => {
    fc.assert(
      fc.property(meanArmArb, meanArmArb, confidenceArb, (control, treatment, confidence) => {
        fc.pre(control.variance > 0 || treatment.variance > 0);
        const result = compareMeans({ control, treatment, confidence })!;
        // Right at the boundary, rounding may decide either way.
        fc.pre(Math.abs(result.pValue - (1 - confidence)) > 1e-9 * (1 - confidence));
        const excludesZero = result.confidenceInterval.lower > 0 || result.confidenceInterval.upper < 0;
        expect(excludesZero).toBe(result.significant);
      }),
    );
  });

  test('swapping the arms negates the difference and keeps the p-value and ν', () => {
    fc.assert(
      fc.property(meanArmArb, meanArmArb, confidenceArb, (control, treatment, confidence) => {
        const forward = compareMeans({ control, treatment, confidence })!;
        const backward = compareMeans({ control: treatment, treatment: control, confidence })!;
        expect(0 + backward.difference).toBe(0 - forward.difference);
        expect(backward.pValue).toBe(forward.pValue);
        expect(backward.degreesOfFreedom).toBe(forward.degreesOfFreedom);
      }),
    );
  });

  test('a larger difference never has a larger p-value', () => {
    fc.assert(
      fc.property(meanArmArb, meanArmArb, fc.double({ min: 0, max: 1e3, noNaN: true }), (control, treatment, shift) => {
        fc.pre(control.variance > 0 || treatment.variance > 0);
        const direction = treatment.mean >= control.mean ? 1 : -1;
        const near = compareMeans({ control, treatment })!;
        const far = compareMeans({ control, treatment: { ...treatment, mean: treatment.mean + direction * shift } })!;
        expect(far.pValue).toBeLessThanOrEqual(near.pValue * (1 + 1e-12));
      }),
    );
  });
});

describe('sampleSize', () => {
  const planArb = fc.record({
    baseline: fc.double({ min: 0.001, max: 0.999, noNaN: true }),
    fraction: fc.double({ min: 0.01, max: 1, noNaN: true }),
    up: fc.boolean(),
    alpha: fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
    power: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
  });

  test('a positive integer, and a smaller effect in the same direction never needs fewer', () => {
    fc.assert(
      fc.property(planArb, fc.double({ min: 0.05, max: 0.95, noNaN: true }), ({ baseline, fraction, up, alpha, power }, shrink) => {
        const room = up ? 1 - baseline : baseline;
        const effect = (up ? 1 : -1) * room * fraction * 0.999;
        fc.pre(effect !== 0 && effect * shrink !== 0);
        const n = sampleSize({ baseline, minimumDetectableEffect: effect, alpha, power });
        const smaller = sampleSize({ baseline, minimumDetectableEffect: effect * shrink, alpha, power });
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(1);
        expect(smaller).toBeGreaterThanOrEqual(n);
      }),
    );
  });

  test('more power or a smaller alpha never needs fewer', () => {
    fc.assert(
      fc.property(planArb, ({ baseline, fraction, up, alpha, power }) => {
        const effect = (up ? 1 : -1) * (up ? 1 - baseline : baseline) * fraction * 0.999;
        fc.pre(effect !== 0);
        const n = sampleSize({ baseline, minimumDetectableEffect: effect, alpha, power });
        expect(sampleSize({ baseline, minimumDetectableEffect: effect, alpha, power: power + (1 - power) / 2 })).toBeGreaterThanOrEqual(n);
        expect(sampleSize({ baseline, minimumDetectableEffect: effect, alpha: alpha / 2, power })).toBeGreaterThanOrEqual(n);
      }),
    );
  });
});
