/**
 * Known values: every statistics function and the distributions under them against the vectors
 * that reference.py (beside this file) computes with mpmath at 60 digits and with scipy. Each value
 * must be within 1e-9 relative error of the mpmath value (a value of exactly 0 must come out
 * within 1e-300). The worst relative error per function, against mpmath and against scipy, is
 * printed; points where scipy itself is more than 1e-9 from mpmath are left out of the scipy column.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { compareMeans, compareRates, sampleSize, wilsonInterval } from 'xsell-kpi';
import { normalCdf, normalQuantile, normalSf, studentCdf, studentQuantile, studentSf } from '../../../src/_internal/distributions.js';
import { twoProportionSampleSize } from '../../../src/analysis/statistics/shared.js';

interface Comparison {
  expected: Record<string, number | boolean | null>;
  scipy: Record<string, number | boolean | null>;
  confidence: number;
}
interface Reference {
  normal: Record<'cdf' | 'sf' | 'ppf', [number, number, number][]>;
  student: Record<'cdf' | 'sf' | 'ppf', [number, number, number, number][]>;
  wilson: { successes: number; trials: number; confidence: number; lower: number; upper: number; scipy: { lower: number; upper: number } }[];
  compareRates: (Comparison & { control: { successes: number; trials: number }; treatment: { successes: number; trials: number } })[];
  compareMeans: (Comparison & { control: { count: number; mean: number; variance: number }; treatment: { count: number; mean: number; variance: number } })[];
  sampleSize: { baseline: number; minimumDetectableEffect: number; alpha: number; power: number; raw: number; n: number; scipy: number }[];
}

const reference = JSON.parse(readFileSync(new URL('./reference.json', import.meta.url), 'utf8')) as Reference;
const TOLERANCE = 1e-9;

/** Relative error; against an expected 0, the absolute value (which must be below 1e-300). */
function relativeError(actual: number, expected: number): number {
  if (expected === 0) return Math.abs(actual) <= 1e-300 ? 0 : Infinity;
  return Math.abs(actual - expected) / Math.abs(expected);
}

const worst = new Map<string, { truth: number; scipy: number; count: number }>();

/** Checks `actual` against the mpmath value and records the errors against both references. */
function check(name: string, actual: number | null, expected: number | null, scipy: number | null, where: string): void {
  if (expected === null) {
    expect(actual, `${name} ${where}`).toBeNull();
    return;
  }
  expect(actual, `${name} ${where}`).not.toBeNull();
  const error = relativeError(actual!, expected);
  const entry = worst.get(name) ?? { truth: 0, scipy: 0, count: 0 };
  entry.truth = Math.max(entry.truth, error);
  entry.count += 1;
  // scipy is only a second opinion where it agrees with mpmath (reference.py lists where it does not).
  if (scipy !== null && relativeError(scipy, expected) <= TOLERANCE) entry.scipy = Math.max(entry.scipy, relativeError(actual!, scipy));
  worst.set(name, entry);
  expect(error, `${name} ${where}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

afterAll(() => {
  const lines = [...worst].map(([name, { truth, scipy, count }]) => `  ${name.padEnd(30)} ${String(count).padStart(5)} values   vs mpmath ${truth.toExponential(2)}   vs scipy ${scipy.toExponential(2)}`);
  console.log(`worst relative error per function (tolerance ${TOLERANCE}):\n${lines.join('\n')}`);
});

describe('standard normal', () => {
  test('cdf and sf, far tails included (down to 1e-300)', () => {
    for (const [x, expected, scipy] of reference.normal.cdf) check('normal cdf', normalCdf(x), expected, scipy, `at ${x}`);
    for (const [x, expected, scipy] of reference.normal.sf) check('normal sf', normalSf(x), expected, scipy, `at ${x}`);
    expect(reference.normal.sf.some(([, value]) => value < 1e-299)).toBe(true);
  });

  test('quantile from 1e-300 to 1 − 1e-7', () => {
    for (const [p, expected, scipy] of reference.normal.ppf) check('normal quantile', normalQuantile(p), expected, scipy, `at ${p}`);
    expect(reference.normal.ppf.length).toBeGreaterThan(30);
  });
});

describe("Student's t, real degrees of freedom", () => {
  test('cdf and sf, far tails included', () => {
    for (const [t, df, expected, scipy] of reference.student.cdf) check('student cdf', studentCdf(t, df), expected, scipy, `at t = ${t}, df = ${df}`);
    for (const [t, df, expected, scipy] of reference.student.sf) check('student sf', studentSf(t, df), expected, scipy, `at t = ${t}, df = ${df}`);
    expect(new Set(reference.student.sf.map(([, df]) => df))).toEqual(new Set([0.5, 1, 2, 3.5, 7.25, 15, 29.9, 30, 30.1, 100.5, 1000, 12345.678, 1e6, 1e9, 1e12]));
  });

  test('quantile', () => {
    for (const [p, df, expected, scipy] of reference.student.ppf) check('student quantile', studentQuantile(p, df), expected, scipy, `at p = ${p}, df = ${df}`);
    expect(reference.student.ppf.length).toBeGreaterThan(300);
  });
});

test('wilsonInterval', () => {
  for (const { successes, trials, confidence, lower, upper, scipy } of reference.wilson) {
    const interval = wilsonInterval({ successes, trials, confidence });
    const where = `${successes}/${trials} at ${confidence}`;
    check('wilsonInterval lower', interval?.lower ?? null, lower, scipy.lower, where);
    check('wilsonInterval upper', interval?.upper ?? null, upper, scipy.upper, where);
    if (successes === 0) expect(interval?.lower).toBe(0);
    if (successes === trials) expect(interval?.upper).toBe(1);
  }
});

const fields = ['difference', 'relativeLift', 'lower', 'upper', 'pValue'] as const;

/** The result flattened to the reference's field names. */
function flatten(result: { difference: number; relativeLift: number | null; confidenceInterval: { lower: number; upper: number }; pValue: number; significant: boolean; degreesOfFreedom?: number | null }) {
  const { confidenceInterval, ...rest } = result;
  return { ...rest, lower: confidenceInterval.lower, upper: confidenceInterval.upper } as Record<string, number | boolean | null>;
}

test('compareRates', () => {
  for (const { control, treatment, confidence, expected, scipy } of reference.compareRates) {
    const result = compareRates({ control, treatment, confidence });
    expect(result).not.toBeNull();
    const actual = flatten(result!);
    const where = `${control.successes}/${control.trials} vs ${treatment.successes}/${treatment.trials} at ${confidence}`;
    for (const field of fields) check(`compareRates ${field}`, actual[field] as number | null, expected[field] as number | null, scipy[field] as number | null, where);
    expect(actual['significant'], `significant ${where}`).toBe(expected['significant']);
  }
});

test('compareMeans', () => {
  for (const { control, treatment, confidence, expected, scipy } of reference.compareMeans) {
    const result = compareMeans({ control, treatment, confidence });
    expect(result).not.toBeNull();
    const actual = flatten(result!);
    const where = `${JSON.stringify(control)} vs ${JSON.stringify(treatment)} at ${confidence}`;
    for (const field of [...fields, 'degreesOfFreedom'] as const) check(`compareMeans ${field}`, actual[field] as number | null, expected[field] as number | null, scipy[field] as number | null, where);
    expect(actual['significant'], `significant ${where}`).toBe(expected['significant']);
  }
});

test('sampleSize', () => {
  for (const { baseline, minimumDetectableEffect, alpha, power, raw, n, scipy } of reference.sampleSize) {
    const where = `baseline ${baseline}, effect ${minimumDetectableEffect}, alpha ${alpha}, power ${power}`;
    check('sampleSize (before rounding up)', twoProportionSampleSize(baseline, baseline + minimumDetectableEffect, alpha, power), raw, scipy, where);
    expect(sampleSize({ baseline, minimumDetectableEffect, alpha, power }), `n for ${where}`).toBe(n);
  }
});
