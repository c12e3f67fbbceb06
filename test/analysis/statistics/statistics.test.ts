import { describe, expect, test } from 'vitest';
import { AverageOrderValue, compareMeans, compareRates, CrossSellRate, sampleSize, wilsonInterval, type Order } from 'xsell-kpi';
import { normalCdf, normalQuantile, normalSf, studentCdf, studentPdf, studentQuantile, studentSf } from '../../../src/_internal/distributions.js';
import { expectKpiError } from '../../support/expectKpiError.js';

const expectClose = (actual: number, expected: number, tolerance = 1e-13) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance * Math.max(Math.abs(expected), Number.MIN_VALUE));

describe('distributions', () => {
  test('closed forms: Cauchy (ν = 1) and ν = 2', () => {
    for (const t of [0.01, 0.5, 1, 3, 40, 1e6]) {
      expectClose(studentSf(t, 1), Math.atan(1 / t) / Math.PI);
      // ½(1 − t/√(2 + t²)), written without the cancellation.
      expectClose(studentSf(t, 2), 1 / ((Math.sqrt(2 + t * t) + t) * Math.sqrt(2 + t * t)));
      expectClose(studentPdf(t, 1), 1 / (Math.PI * (1 + t * t)));
    }
    expectClose(studentQuantile(0.975, 1), Math.tan(Math.PI * 0.475));
  });

  test('textbook quantiles', () => {
    expectClose(-normalQuantile(0.025), 1.959963984540054, 1e-14);
    expectClose(studentQuantile(0.975, 10), 2.228138851986274, 1e-14);
    expectClose(studentQuantile(0.995, 30), 2.7499956535672254, 1e-14);
  });

  test('symmetry, the centre, and infinite degrees of freedom', () => {
    expect(normalSf(0)).toBe(0.5);
    expect(studentSf(0, 3)).toBe(0.5);
    expect(normalQuantile(0.5)).toBe(0);
    expect(studentQuantile(0.5, 4.5)).toBe(0);
    expect(normalCdf(-1.3)).toBe(normalSf(1.3));
    expect(studentCdf(-1.3, 4.5)).toBe(studentSf(1.3, 4.5));
    expect(studentSf(2, Infinity)).toBe(normalSf(2));
    expect(studentQuantile(0.1, Infinity)).toBe(normalQuantile(0.1));
  });

  test('far tails stay positive and finite', () => {
    expect(normalSf(37)).toBeGreaterThan(5e-300);
    expect(normalSf(40)).toBe(0);
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.0471, 4);
    expect(studentSf(1e200, 1)).toBeGreaterThan(0);
    expectClose(studentQuantile(1e-300, 1), -1 / (Math.PI * 1e-300), 1e-12);
  });
});

describe('wilsonInterval', () => {
  test('known values, and the default confidence of 0.95', () => {
    const interval = wilsonInterval({ successes: 100, trials: 500 })!;
    expect(interval).toEqual(wilsonInterval({ successes: 100, trials: 500, confidence: 0.95 }));
    expectClose(interval.lower, 0.16728549897175748, 1e-12);
    expectClose(interval.upper, 0.2372891053051739, 1e-12);
  });

  test('0/n starts at exactly 0, n/n ends at exactly 1, 0 trials is null', () => {
    expect(wilsonInterval({ successes: 0, trials: 1 })!.lower).toBe(0);
    expect(wilsonInterval({ successes: 1, trials: 1 })!.upper).toBe(1);
    expect(wilsonInterval({ successes: 0, trials: Number.MAX_SAFE_INTEGER })!.lower).toBe(0);
    expect(wilsonInterval({ successes: 0, trials: 0 })).toBeNull();
  });

  test('a rare event in a huge sample keeps its digits', () => {
    const { lower } = wilsonInterval({ successes: 1, trials: 1e12 })!;
    expect(lower).toBeGreaterThan(0);
    expect(lower).toBeLessThan(1e-12);
  });

  test('invalid input', () => {
    expectKpiError(() => wilsonInterval({ successes: 3, trials: 2 }), 'NUMERATOR_EXCEEDS_DENOMINATOR', 'successes');
    expectKpiError(() => wilsonInterval({ successes: -1, trials: 2 }), 'NEGATIVE_COUNT', 'successes');
    expectKpiError(() => wilsonInterval({ successes: 1, trials: 2.5 }), 'NOT_AN_INTEGER', 'trials');
    expectKpiError(() => wilsonInterval({ successes: Number.NaN, trials: 2 }), 'INVALID_NUMBER', 'successes');
    for (const confidence of [0, 1, 95, -0.5, Number.NaN, Infinity]) {
      expectKpiError(() => wilsonInterval({ successes: 1, trials: 2, confidence }), 'INVALID_NUMBER', 'confidence');
    }
    expectKpiError(() => wilsonInterval({ successes: 1, trials: 2, confidence: '0.9' as unknown as number }), 'INVALID_NUMBER', 'confidence');
    expectKpiError(() => wilsonInterval(null as never), 'INVALID_ARGUMENT', '');
  });
});

describe('compareRates', () => {
  const control = { successes: 200, trials: 1000 };
  const treatment = { successes: 240, trials: 1000 };

  test('known values (checked against scipy in reference.test.ts)', () => {
    const result = compareRates({ control, treatment })!;
    expect(result.difference).toBe(0.04);
    expect(result.relativeLift).toBe(0.2);
    expectClose(result.pValue, 0.03083716782890411, 1e-12);
    expect(result.significant).toBe(true);
    // At 99 % the same data is not significant; the p-value does not depend on the confidence.
    const strict = compareRates({ control, treatment, confidence: 0.99 })!;
    expect(strict.pValue).toBe(result.pValue);
    expect(strict.significant).toBe(false);
    expect(strict.confidenceInterval.lower).toBeLessThan(0);
  });

  test('identical arms with a pooled rate of 0 or 1 have pValue 1', () => {
    for (const successes of [0, 10]) {
      const result = compareRates({ control: { successes, trials: 10 }, treatment: { successes, trials: 10 } })!;
      expect(result).toMatchObject({ difference: 0, pValue: 1, significant: false, confidenceInterval: { lower: 0, upper: 0 } });
    }
  });

  test('control rate 0: relativeLift is null; an arm without trials: null', () => {
    const result = compareRates({ control: { successes: 0, trials: 500 }, treatment: { successes: 12, trials: 500 } })!;
    expect(result.relativeLift).toBeNull();
    expect(result.significant).toBe(true);
    expect(compareRates({ control: { successes: 0, trials: 0 }, treatment })).toBeNull();
    expect(compareRates({ control, treatment: { successes: 0, trials: 0 } })).toBeNull();
  });

  test('nearly equal rates in huge samples keep the difference exact', () => {
    const result = compareRates({ control: { successes: 123456789, trials: 987654321 }, treatment: { successes: 123456790, trials: 987654321 } })!;
    expectClose(result.difference, 1 / 987654321, 1e-15);
  });

  test('the interval is clamped to [−1, 1]', () => {
    const result = compareRates({ control: { successes: 0, trials: 1 }, treatment: { successes: 1, trials: 1 } })!;
    expect(result.difference).toBe(1);
    expect(result.confidenceInterval.upper).toBeLessThanOrEqual(1);
  });

  test('invalid input names the arm', () => {
    expectKpiError(() => compareRates({ control, treatment: { successes: 5, trials: 4 } }), 'NUMERATOR_EXCEEDS_DENOMINATOR', 'treatment.successes');
    expectKpiError(() => compareRates({ control: { successes: 1, trials: -4 }, treatment }), 'NEGATIVE_COUNT', 'control.trials');
    expectKpiError(() => compareRates({ control, treatment: null as never }), 'INVALID_ARGUMENT', 'treatment');
    expectKpiError(() => compareRates({ control, treatment, confidence: 1 }), 'INVALID_NUMBER', 'confidence');
  });
});

describe('compareMeans', () => {
  const control = { count: 1000, mean: 52.3, variance: 400 };
  const treatment = { count: 1100, mean: 54.1, variance: 420 };

  test('known values, equal to scipy.stats.ttest_ind_from_stats(equal_var=False)', () => {
    const result = compareMeans({ control, treatment })!;
    expectClose(result.pValue, 0.04190377752166757, 1e-12);
    expectClose(result.degreesOfFreedom!, 2087.476746445924, 1e-13);
    expect(result.significant).toBe(true);
  });

  test('fewer than two observations in an arm: null', () => {
    expect(compareMeans({ control: { count: 1, mean: 5, variance: 0 }, treatment })).toBeNull();
    expect(compareMeans({ control, treatment: { count: 0, mean: 0, variance: 0 } })).toBeNull();
  });

  test('both variances 0: a degenerate test, degreesOfFreedom null', () => {
    const same = compareMeans({ control: { count: 5, mean: 20, variance: 0 }, treatment: { count: 8, mean: 20, variance: 0 } });
    expect(same).toEqual({ difference: 0, relativeLift: 0, confidenceInterval: { lower: 0, upper: 0 }, pValue: 1, significant: false, degreesOfFreedom: null });
    const apart = compareMeans({ control: { count: 5, mean: 20, variance: 0 }, treatment: { count: 8, mean: 25, variance: 0 } });
    expect(apart).toEqual({ difference: 5, relativeLift: 0.25, confidenceInterval: { lower: 5, upper: 5 }, pValue: 0, significant: true, degreesOfFreedom: null });
  });

  test('one variance 0: ν is the other arm’s n − 1', () => {
    expect(compareMeans({ control: { count: 5, mean: 20, variance: 0 }, treatment: { count: 8, mean: 25, variance: 9 } })!.degreesOfFreedom).toBe(7);
  });

  test('control mean 0: relativeLift is null', () => {
    expect(compareMeans({ control: { count: 5, mean: 0, variance: 1 }, treatment })!.relativeLift).toBeNull();
  });

  test('two AverageOrderValue accumulators compare through moments()', () => {
    const order = (id: string, price: string): Order => ({ orderId: id, customerId: id, timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: price }] });
    const a = new AverageOrderValue();
    const b = new AverageOrderValue();
    ['10.00', '20.00', '30.00', '40.00'].forEach((price, i) => a.add(order(`a${i}`, price)));
    ['25.00', '35.00', '45.00', '55.00', '65.00'].forEach((price, i) => b.add(order(`b${i}`, price)));
    const result = compareMeans({ control: a.moments(), treatment: b.moments() })!;
    // scipy.stats.ttest_ind([45, 25, 35, 55, 65], [10, 20, 30, 40], equal_var=False)
    expect(result.difference).toBe(20);
    expect(result.significant).toBe(false);
    expectClose(result.pValue, 0.07519774959850839, 1e-12);
    expectClose(result.degreesOfFreedom!, 6.98076923076923, 1e-13);
    expect(compareMeans({ control: new AverageOrderValue().moments(), treatment: b.moments() })).toBeNull();
  });

  test('invalid input names the arm', () => {
    expectKpiError(() => compareMeans({ control: { ...control, variance: -1 }, treatment }), 'INVALID_NUMBER', 'control.variance');
    expectKpiError(() => compareMeans({ control, treatment: { ...treatment, mean: Number.NaN } }), 'INVALID_NUMBER', 'treatment.mean');
    expectKpiError(() => compareMeans({ control, treatment: { ...treatment, count: 2.5 } }), 'NOT_AN_INTEGER', 'treatment.count');
    expectKpiError(() => compareMeans({ control, treatment, confidence: 0 }), 'INVALID_NUMBER', 'confidence');
    expectKpiError(() => compareMeans({ control: { count: 2, mean: -1.7e308, variance: 1 }, treatment: { count: 2, mean: 1.7e308, variance: 1 } }), 'INVALID_NUMBER', '');
  });
});

describe('sampleSize', () => {
  test('Fleiss (no continuity correction): 20 % → 22 % at α 0.05, power 0.8', () => {
    expect(sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.02 })).toBe(6510);
    expect(sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.02, alpha: 0.05, power: 0.8 })).toBe(6510);
    expect(sampleSize({ baseline: 0.2, minimumDetectableEffect: -0.02 })).toBe(6039);
  });

  test('a huge effect still needs at least one per arm', () => {
    expect(sampleSize({ baseline: 0.01, minimumDetectableEffect: 0.98, alpha: 0.5, power: 0.01 })).toBeGreaterThanOrEqual(1);
  });

  test('invalid input', () => {
    expectKpiError(() => sampleSize({ baseline: 0, minimumDetectableEffect: 0.1 }), 'INVALID_NUMBER', 'baseline');
    expectKpiError(() => sampleSize({ baseline: 1, minimumDetectableEffect: -0.1 }), 'INVALID_NUMBER', 'baseline');
    expectKpiError(() => sampleSize({ baseline: 0.2, minimumDetectableEffect: 0 }), 'INVALID_NUMBER', 'minimumDetectableEffect');
    expectKpiError(() => sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.8 }), 'INVALID_NUMBER', 'minimumDetectableEffect');
    expectKpiError(() => sampleSize({ baseline: 0.2, minimumDetectableEffect: -0.2 }), 'INVALID_NUMBER', 'minimumDetectableEffect');
    expectKpiError(() => sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.1, alpha: 0 }), 'INVALID_NUMBER', 'alpha');
    expectKpiError(() => sampleSize({ baseline: 0.2, minimumDetectableEffect: 0.1, power: 1 }), 'INVALID_NUMBER', 'power');
    expectKpiError(() => sampleSize({ baseline: 0.2, minimumDetectableEffect: Infinity }), 'INVALID_NUMBER', 'minimumDetectableEffect');
  });
});

test('a CrossSellRate A/B test: rates from two accumulators', () => {
  const order = (id: string, customer: string, skus: string[]): Order => ({ orderId: id, customerId: customer, timestamp: '2026-11-02T10:00:00Z', lines: skus.map((sku) => ({ sku, unitPrice: '10' })) });
  const a = new CrossSellRate();
  const b = new CrossSellRate();
  for (let i = 0; i < 50; i++) a.add(order(`a${i}`, `ca${i}`, i % 5 === 0 ? ['X', 'Y'] : ['X']));
  for (let i = 0; i < 50; i++) b.add(order(`b${i}`, `cb${i}`, i % 2 === 0 ? ['X', 'Y'] : ['X']));
  const { crossSoldCustomers: x1, customers: n1 } = a.result();
  const { crossSoldCustomers: x2, customers: n2 } = b.result();
  const result = compareRates({ control: { successes: x1, trials: n1 }, treatment: { successes: x2, trials: n2 } })!;
  expect(result.difference).toBe(0.3);
  expect(result.significant).toBe(true);
});
