/**
 * Customers simulated from the BG/NBD and Gamma-Gamma stories themselves, with a seeded generator
 * (the same customers on every run): each customer buys at a rate λ ~ Gamma(r, α) while alive, drops
 * out after each repeat purchase with probability p ~ Beta(a, b), and spends Gamma(p_s, ν) per
 * purchase with ν ~ Gamma(q, v). Fits of such customers should find the parameters they were made with.
 */
import { mulberry32 } from '../../examples/support/random.js';

/** A standard normal by Box–Muller. */
function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** Gamma(shape, rate = 1) by Marsaglia & Tsang (2000), with the boost U^(1/k) for shape < 1. */
function gamma(shape: number, next: () => number): number {
  if (shape < 1) return gamma(shape + 1, next) * (1 - next()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(next);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export interface SimulatedCustomer {
  frequency: number;
  recency: number;
  T: number;
  /** The mean value of the repeat purchases, as a decimal string (cents); `null` without one. */
  monetary: string | null;
}

/**
 * `count` customers over an observation of `T` time units each (first purchases spread over the
 * first `spread` units), with BG/NBD parameters r, α, a, b and Gamma-Gamma parameters p, q, v.
 */
export function simulateCustomers(
  count: number,
  { r, alpha, a, b }: { r: number; alpha: number; a: number; b: number },
  { p, q, v }: { p: number; q: number; v: number },
  { T = 39, spread = 12, seed = 1 }: { T?: number; spread?: number; seed?: number } = {},
): SimulatedCustomer[] {
  const next = mulberry32(seed);
  const customers: SimulatedCustomer[] = [];
  for (let index = 0; index < count; index++) {
    const lambda = gamma(r, next) / alpha;
    const x = gamma(a, next);
    const dropout = x / (x + gamma(b, next));
    const nu = gamma(q, next) / v;
    const length = T - next() * spread;
    let time = 0;
    let frequency = 0;
    let recency = 0;
    let spent = 0;
    for (;;) {
      time += -Math.log(1 - next()) / lambda;
      if (!(time <= length)) break;
      frequency++;
      recency = time;
      spent += gamma(p, next) / nu;
      if (next() < dropout) break;
    }
    customers.push({ frequency, recency: frequency === 0 ? 0 : recency, T: length, monetary: frequency === 0 ? null : Math.max(0.01, spent / frequency).toFixed(2) });
  }
  return customers;
}
