import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normalCdf, normalPdf, normalQuantile, normalSf, studentCdf, studentQuantile, studentSf } from '../../../src/_internal/distributions.js';

const xArb = fc.double({ min: -37, max: 37, noNaN: true });
const degreesArb = fc.oneof(fc.double({ min: 0.2, max: 40, noNaN: true }), fc.double({ min: 1, max: 1e13, noNaN: true }), fc.constantFrom(1, 2, 14.999, 15, 15.001, 30, 1e6));
const probabilityArb = fc.oneof(fc.double({ min: 1e-300, max: 1 - 1e-12, noNaN: true }), fc.double({ min: 1e-8, max: 0.5, noNaN: true }), fc.constantFrom(1e-300, 5e-7, 0.025, 0.5, 0.975));

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('standard normal', () => {
  test('cdf + sf = 1, both in [0, 1], and sf(x) = cdf(−x)', () => {
    fc.assert(
      fc.property(xArb, (x) => {
        const cdf = normalCdf(x);
        const sf = normalSf(x);
        expect(cdf).toBeGreaterThanOrEqual(0);
        expect(sf).toBeLessThanOrEqual(1);
        expect(Math.abs(cdf + sf - 1)).toBeLessThanOrEqual(2.3e-16);
        expect(sf).toBe(normalCdf(-x));
      }),
    );
  });

  test('cdf is increasing, and its slope is the density', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        const h = 1e-6;
        expect(normalCdf(x + h)).toBeGreaterThanOrEqual(normalCdf(x));
        // Strictly on the smaller tail, where a double has the digits to show it.
        if (x >= 0) expect(normalSf(x + h)).toBeLessThan(normalSf(x));
        else expect(normalCdf(x - h)).toBeLessThan(normalCdf(x));
        // A central difference on the smaller tail, so that rounding stays far below the 1e-8 bound.
        const y = Math.abs(x);
        expect(relative((normalSf(y - h) - normalSf(y + h)) / (2 * h), normalPdf(x))).toBeLessThan(1e-8);
      }),
    );
  });

  test('quantile inverts cdf: quantile(cdf(x)) ≈ x and cdf(quantile(p)) ≈ p', () => {
    fc.assert(
      fc.property(xArb, probabilityArb, (x, p) => {
        fc.pre(Math.abs(x) > 1e-8 && normalCdf(x) < 1);
        // Rounding cdf(x) to a double moves x by up to ½ ulp(cdf) ÷ φ(x): that is the limit near x = 0.
        const conditioning = (1.2e-16 * normalCdf(x)) / (normalPdf(x) * Math.abs(x));
        expect(relative(normalQuantile(normalCdf(x)), x)).toBeLessThan(1e-13 + 4 * conditioning);
        // An error δ in z moves the tail by z·δ relative, so the round trip is good to about z²·ε.
        const z = normalQuantile(p);
        expect(relative(normalCdf(z), p)).toBeLessThan(1e-13 + 1e-15 * z * z);
      }),
    );
  });
});

describe("Student's t", () => {
  test('cdf + sf = 1, both in [0, 1], symmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), degreesArb, (t, degrees) => {
        const cdf = studentCdf(t, degrees);
        const sf = studentSf(t, degrees);
        expect(cdf).toBeGreaterThanOrEqual(0);
        expect(sf).toBeLessThanOrEqual(1);
        expect(Math.abs(cdf + sf - 1)).toBeLessThanOrEqual(3.4e-16);
        expect(sf).toBe(studentCdf(-t, degrees));
      }),
    );
  });

  test('quantile inverts the tail: P(T > −quantile(q)) ≈ q', () => {
    fc.assert(
      fc.property(probabilityArb, degreesArb, (q, degrees) => {
        fc.pre(q < 0.5);
        const t = -studentQuantile(q, degrees);
        fc.pre(Number.isFinite(t));
        expect(t).toBeGreaterThan(0);
        // The tail of the answer is q to within the slope of the tail times one ulp of t.
        expect(relative(studentSf(t, degrees), q)).toBeLessThan(1e-12 * Math.max(1, degrees));
        // Student's t has heavier tails than the normal.
        expect(t).toBeGreaterThanOrEqual(-normalQuantile(q) * (1 - 1e-15));
      }),
    );
  });

  test('tails grow lighter as the degrees of freedom grow', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 30, noNaN: true }), degreesArb, fc.double({ min: 1.01, max: 100, noNaN: true }), (t, degrees, factor) => {
        expect(studentSf(t, degrees * factor)).toBeLessThanOrEqual(studentSf(t, degrees) * (1 + 1e-13));
      }),
    );
  });

  test('tends to the normal as ν → ∞, by Fisher’s first correction', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        // P(T > x) = Q(x) + φ(x)(x³ + x)/(4ν) + O(ν⁻²) (Fisher 1925; A&S 26.7.5).
        const fisher = (degrees: number) => normalSf(x) + (normalPdf(x) * (x * x * x + x)) / (4 * degrees);
        expect(relative(studentSf(x, 1e14), fisher(1e14))).toBeLessThan(1e-12);
        expect(relative(studentSf(x, 1e6), fisher(1e6))).toBeLessThan(1e-5);
        expect(relative(studentSf(x, 1e14), normalSf(x))).toBeLessThan(2e-11);
      }),
    );
  });
});
