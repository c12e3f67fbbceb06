/**
 * Known values: the special functions and every BG/NBD prediction against the vectors that
 * reference.py (beside this file) computes with mpmath at 60 digits straight from the published
 * formulas, over parameters that include the degenerate ones (a = 1, a + b = 1) and times from 1e-6
 * to 1e9. The worst error per function is printed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { BgNbdModel } from 'xsell-kpi';
import { distinctRows } from '../../../src/_internal/histories.js';
import { bgNbdLogLikelihood, gammaGammaLogLikelihood } from '../../../src/_internal/likelihoods.js';
import { digamma, gammaSign, logAbsGamma, logGamma, regularizedBeta } from '../../../src/_internal/special.js';

type Params = [number, number, number, number];
interface Reference {
  logGamma: [number, number][];
  digamma: [number, number][];
  logAbsGamma: [number, number, number][];
  regularizedBeta: [number, number, number, number, number][];
  expectations: { params: Params; x: number; tx: number; T: number; t: number; expected: number; tolerance: number }[];
  alive: { params: Params; x: number; tx: number; T: number; expected: number }[];
  probabilities: { params: Params; n: number; t: number; expected: number }[];
  likelihoods: {
    bgNbd: { customers: [number, number, number][]; values: { params: Params; expected: number }[] };
    gammaGamma: { customers: [number, number][]; values: { params: [number, number, number]; expected: number }[] };
  };
}

const reference = JSON.parse(readFileSync(new URL('./reference.json', import.meta.url), 'utf8')) as Reference;
const worst = new Map<string, { error: number; count: number }>();

/** |actual − expected| ÷ max(|expected|, floor), recorded per function, and asserted ≤ tolerance. */
function expectClose(name: string, actual: number, expected: number, tolerance: number, where: string, floor = 1e-300): void {
  const error = Math.abs(actual - expected) / Math.max(Math.abs(expected), floor);
  const entry = worst.get(name) ?? { error: 0, count: 0 };
  entry.error = Math.max(entry.error, error);
  entry.count += 1;
  worst.set(name, entry);
  expect(Number.isFinite(actual), `${name} ${where}: ${actual}`).toBe(true);
  expect(error, `${name} ${where}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(tolerance);
}

afterAll(() => {
  const lines = [...worst].map(([name, { error, count }]) => `  ${name.padEnd(28)} ${String(count).padStart(5)} values   worst ${error.toExponential(2)}`);
  console.log(`worst error per function against mpmath:\n${lines.join('\n')}`);
});

const model = ([r, alpha, a, b]: Params) => new BgNbdModel({ r, alpha, a, b });

describe('special functions', () => {
  test('ln Γ: within 5e-15 (relative where |ln Γ| > 1, absolute near its zeros at 1 and 2)', () => {
    for (const [x, expected] of reference.logGamma) expectClose('logGamma', logGamma(x), expected, 5e-15, `at ${x}`, 1);
    for (const [x, expected, sign] of reference.logAbsGamma) {
      expectClose('logAbsGamma (x < 0)', logAbsGamma(x), expected, 5e-15, `at ${x}`, 1);
      expect(gammaSign(x), `sign of Γ(${x})`).toBe(sign);
    }
  });

  test('digamma: within 2e-15', () => {
    for (const [x, expected] of reference.digamma) expectClose('digamma', digamma(x), expected, 2e-15, `at ${x}`, 1);
  });

  test('the regularized incomplete beta function: within 1e-13', () => {
    for (const [x, y, a, b, expected] of reference.regularizedBeta) expectClose('regularizedBeta', regularizedBeta(x, y, a, b), expected, 1e-13, `I_${x}(${a}, ${b})`);
  });
});

describe('BG/NBD predictions', () => {
  test('E[X(t)] and E[Y(t) | x, tₓ, T]: within 1e-11 (1e-7 for t beyond 10,000·(α + T)), t from 0 to 1e9', () => {
    for (const { params, x, tx, T, t, expected, tolerance } of reference.expectations) {
      const where = `at ${JSON.stringify(params)}, x ${x}, tₓ ${tx}, T ${T}, t ${t}`;
      const actual = x === 0 && T === 0 ? model(params).expectedPurchases(t) : model(params).conditionalExpectedPurchases(t, { frequency: x, recency: tx, T });
      if (expected === 0) expect(actual, `${where}`).toBe(0);
      else expectClose(tolerance > 1e-11 ? 'expectation (connection)' : 'expectation (series)', actual, expected, tolerance, where);
    }
    expect(reference.expectations.length).toBeGreaterThan(700);
  });

  test('P(alive): within 1e-13 (a value as small as 1e-89 carries the rounding of its logarithm, about 200)', () => {
    for (const { params, x, tx, T, expected } of reference.alive) {
      expectClose('probabilityAlive', model(params).probabilityAlive({ frequency: x, recency: tx, T }), expected, 1e-13, `at ${JSON.stringify(params)}, x ${x}, tₓ ${tx}, T ${T}`);
    }
  });

  test('P(X(t) = n): within 1e-12 relative, or 1e-17 absolute', () => {
    for (const { params, n, t, expected } of reference.probabilities) {
      const actual = model(params).probabilityOfPurchases(n, t);
      expectClose('probabilityOfPurchases', actual, expected, 1e-12, `at ${JSON.stringify(params)}, n ${n}, t ${t}`, 1e-5);
    }
  });
});

describe('log-likelihoods', () => {
  test('BG/NBD (eq. 6): within 1e-13 relative', () => {
    const rows = distinctRows(reference.likelihoods.bgNbd.customers.map(([x, tx, T]): [number, number, number] => [x, tx, T]));
    for (const { params, expected } of reference.likelihoods.bgNbd.values) expectClose('BG/NBD log-likelihood', bgNbdLogLikelihood(rows, ...params), expected, 1e-13, `at ${JSON.stringify(params)}`);
  });

  test('Gamma-Gamma: within 1e-13 relative', () => {
    const rows = distinctRows(reference.likelihoods.gammaGamma.customers.map(([x, m]): [number, number, number] => [x, m, 0]));
    for (const { params, expected } of reference.likelihoods.gammaGamma.values) expectClose('Gamma-Gamma log-likelihood', gammaGammaLogLikelihood(rows, ...params), expected, 1e-13, `at ${JSON.stringify(params)}`);
  });

  test('the gradients agree with central differences of the log-likelihood (in the logarithms of the parameters)', () => {
    const bg = distinctRows(reference.likelihoods.bgNbd.customers.map(([x, tx, T]): [number, number, number] => [x, tx, T]));
    const gg = distinctRows(reference.likelihoods.gammaGamma.customers.map(([x, m]): [number, number, number] => [x, m, 0]));
    const cases: [string, (params: number[], gradient?: number[]) => number, number[]][] = [
      ...reference.likelihoods.bgNbd.values.map(({ params }): [string, (p: number[], g?: number[]) => number, number[]] => ['BG/NBD', (p, g) => bgNbdLogLikelihood(bg, p[0]!, p[1]!, p[2]!, p[3]!, g), params]),
      ...reference.likelihoods.gammaGamma.values.map(({ params }): [string, (p: number[], g?: number[]) => number, number[]] => ['Gamma-Gamma', (p, g) => gammaGammaLogLikelihood(gg, p[0]!, p[1]!, p[2]!, g), params]),
    ];
    for (const [name, logLikelihood, params] of cases) {
      const gradient = params.map(() => 0);
      logLikelihood(params, gradient);
      params.forEach((_, i) => {
        const h = 1e-5;
        const up = params.map((value, j) => (j === i ? value * Math.exp(h) : value));
        const down = params.map((value, j) => (j === i ? value * Math.exp(-h) : value));
        const numeric = (logLikelihood(up) - logLikelihood(down)) / (2 * h);
        expect(Math.abs(gradient[i]! - numeric), `${name} ∂/∂ln θ${i} at ${JSON.stringify(params)}: ${gradient[i]} vs ${numeric}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(numeric)));
      });
    }
  });
});
