/**
 * Unconstrained minimization of a smooth function of a few variables with its gradient: BFGS
 * (Nocedal & Wright, Numerical Optimization, 2nd ed., §6.1, Algorithm 6.1) with a line search
 * that satisfies the strong Wolfe conditions (their Algorithms 3.5 and 3.6). The lifetime-value
 * models fit their parameters on a log scale with it. Deterministic: the same objective and start
 * give the same steps, bit for bit.
 *
 * @internal
 * @module
 */

const { abs, max, sqrt } = Math;

/**
 * @internal An objective: its value at `point`, with the gradient written into `gradient`; a value
 * that is not finite (Infinity, NaN) marks a point outside the domain, which the line search backs
 * away from.
 */
export type Objective = (point: readonly number[], gradient: number[]) => number;

/** @internal Where {@link minimize} stopped. */
export interface Minimum {
  readonly point: number[];
  readonly value: number;
  readonly gradient: number[];
  /** BFGS iterations taken. */
  readonly iterations: number;
  /** Whether the largest gradient component fell to the tolerance. */
  readonly converged: boolean;
}

/** @internal */
export interface MinimizeOptions {
  /** The largest |∂f/∂xᵢ| accepted as a minimum. */
  readonly gradientTolerance: number;
  /** A bound on the iterations (each takes a line search of at most 60 evaluations). */
  readonly maxIterations: number;
}

/** Sufficient decrease (c₁) and curvature (c₂) constants of the strong Wolfe conditions, as Nocedal & Wright advise for quasi-Newton methods. */
const C1 = 1e-4;
const C2 = 0.9;

interface Trial {
  step: number;
  value: number;
  slope: number;
  point: number[];
  gradient: number[];
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function largest(values: readonly number[]): number {
  let result = 0;
  for (const value of values) result = max(result, abs(value));
  return result;
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/**
 * @internal Minimizes `objective` from `start` (where it must be finite). Stops when the largest
 * gradient component is at most `gradientTolerance` (converged), or when no step lowers the value
 * any further or the iterations run out (not converged, unless the gradient is within the
 * tolerance by then).
 */
export function minimize(objective: Objective, start: readonly number[], options: MinimizeOptions): Minimum {
  const n = start.length;
  let point = [...start];
  let gradient = new Array<number>(n).fill(0);
  let value = objective(point, gradient);
  if (!Number.isFinite(value)) return { point, value, gradient, iterations: 0, converged: false };
  let inverse = identity(n);
  let fresh = true;
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    if (largest(gradient) <= options.gradientTolerance) break;
    let direction = inverse.map((row) => -dot(row, gradient));
    if (dot(direction, gradient) >= 0) {
      inverse = identity(n);
      fresh = true;
      direction = gradient.map((component) => -component);
    }
    // The first step of a fresh (identity) start is scaled so that it moves by at most 1.
    const trial = lineSearch(objective, point, value, gradient, direction, fresh ? 1 / max(1, largest(direction)) : 1);
    if (trial === undefined) {
      if (fresh) break;
      inverse = identity(n);
      fresh = true;
      continue;
    }
    const s = trial.point.map((component, i) => component - point[i]!);
    const y = trial.gradient.map((component, i) => component - gradient[i]!);
    const sy = dot(s, y);
    if (sy > 1e-300 && sy > 1e-12 * sqrt(dot(s, s) * dot(y, y))) {
      if (fresh) {
        // Nocedal & Wright (6.20): scale the identity before the first update.
        const scale = sy / dot(y, y);
        inverse = inverse.map((row) => row.map((entry) => entry * scale));
      }
      inverse = bfgsUpdate(inverse, s, y, sy);
      fresh = false;
    }
    point = trial.point;
    gradient = trial.gradient;
    value = trial.value;
  }
  if (largest(gradient) > options.gradientTolerance) {
    const polished = polish(objective, point, value, gradient, options.gradientTolerance);
    ({ point, value, gradient } = polished);
  }
  return { point, value, gradient, iterations, converged: largest(gradient) <= options.gradientTolerance };
}

/**
 * Newton steps on the gradient, with the Hessian from central differences of the gradient, from
 * where BFGS stopped: near a minimum the value changes by less than its rounding error, so a line
 * search on it can stall with a gradient of about 1e-9, while the gradient itself still points to
 * the minimum. A step is kept only while it shrinks the largest gradient component; at most 10.
 */
function polish(objective: Objective, start: number[], startValue: number, startGradient: number[], tolerance: number): { point: number[]; value: number; gradient: number[] } {
  const n = start.length;
  let point = start;
  let value = startValue;
  let gradient = startGradient;
  for (let step = 0; step < 10 && largest(gradient) > tolerance; step++) {
    const hessian: number[][] = [];
    for (let j = 0; j < n; j++) {
      const h = 1e-5 * max(1, abs(point[j]!));
      const up = new Array<number>(n).fill(0);
      const down = new Array<number>(n).fill(0);
      const plus = [...point];
      const minus = [...point];
      plus[j]! += h;
      minus[j]! -= h;
      if (!Number.isFinite(objective(plus, up)) || !Number.isFinite(objective(minus, down))) return { point, value, gradient };
      hessian.push(up.map((component, i) => (component - down[i]!) / (2 * h)));
    }
    const symmetric = hessian.map((row, i) => row.map((entry, j) => 0.5 * (entry + hessian[j]![i]!)));
    const change = solve(symmetric, gradient.map((component) => -component));
    if (change === undefined) break;
    const next = point.map((component, i) => component + change[i]!);
    const nextGradient = new Array<number>(n).fill(0);
    const nextValue = objective(next, nextGradient);
    if (!Number.isFinite(nextValue) || largest(nextGradient) >= largest(gradient)) break;
    point = next;
    value = nextValue;
    gradient = nextGradient;
  }
  return { point, value, gradient };
}

/** x with Mx = v by Gaussian elimination with partial pivoting; `undefined` when M is singular. */
function solve(matrix: readonly (readonly number[])[], vector: readonly number[]): number[] | undefined {
  const n = vector.length;
  const rows = matrix.map((row, i) => [...row, vector[i]!]);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++) if (abs(rows[row]![column]!) > abs(rows[pivot]![column]!)) pivot = row;
    if (!(abs(rows[pivot]![column]!) > 1e-300)) return undefined;
    [rows[column], rows[pivot]] = [rows[pivot]!, rows[column]!];
    for (let row = column + 1; row < n; row++) {
      const factor = rows[row]![column]! / rows[column]![column]!;
      for (let k = column; k <= n; k++) rows[row]![k]! -= factor * rows[column]![k]!;
    }
  }
  const solution = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let sum = rows[row]![n]!;
    for (let k = row + 1; k < n; k++) sum -= rows[row]![k]! * solution[k]!;
    solution[row] = sum / rows[row]![row]!;
  }
  return solution;
}

/** H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ with ρ = 1 ÷ yᵀs (Nocedal & Wright 6.17). */
function bfgsUpdate(inverse: number[][], s: readonly number[], y: readonly number[], sy: number): number[][] {
  const rho = 1 / sy;
  const hy = inverse.map((row) => dot(row, y));
  const yhy = dot(y, hy);
  return inverse.map((row, i) => row.map((entry, j) => entry - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!));
}

/**
 * A step along `direction` satisfying the strong Wolfe conditions (Nocedal & Wright, Algorithm
 * 3.5: grow the step until the value rises or the slope turns, then Algorithm 3.6: zoom into the
 * bracket by safeguarded quadratic interpolation). `undefined` when none is found in 60
 * evaluations; a step that only lowers the value enough is taken when the bracket collapses.
 */
function lineSearch(objective: Objective, point: readonly number[], value0: number, gradient0: readonly number[], direction: readonly number[], initial: number): Trial | undefined {
  const slope0 = dot(gradient0, direction);
  const evaluate = (step: number): Trial => {
    const trialPoint = point.map((component, i) => component + step * direction[i]!);
    const trialGradient = new Array<number>(point.length).fill(0);
    const raw = objective(trialPoint, trialGradient);
    const finite = Number.isFinite(raw);
    return { step, value: finite ? raw : Infinity, slope: finite ? dot(trialGradient, direction) : NaN, point: trialPoint, gradient: trialGradient };
  };
  const decreases = (trial: Trial): boolean => trial.value <= value0 + C1 * trial.step * slope0;
  const flat = (trial: Trial): boolean => abs(trial.slope) <= -C2 * slope0;
  let budget = 60;

  const zoom = (lowStart: Trial, highStart: Trial): Trial | undefined => {
    let low = lowStart;
    let high = highStart;
    while (budget-- > 0) {
      const width = high.step - low.step;
      let step = low.step + 0.5 * width;
      if (Number.isFinite(high.value)) {
        // The minimum of the quadratic through the low end's value and slope and the high end's value.
        const curvature = high.value - low.value - low.slope * width;
        if (curvature > 0) step = low.step - (low.slope * width * width) / (2 * curvature);
      }
      const inner = low.step + 0.1 * width;
      const outer = low.step + 0.9 * width;
      if (!(step >= Math.min(inner, outer) && step <= Math.max(inner, outer))) step = low.step + 0.5 * width;
      if (step === low.step || step === high.step) break;
      const trial = evaluate(step);
      if (!decreases(trial) || trial.value >= low.value) {
        high = trial;
      } else {
        if (flat(trial)) return trial;
        if (trial.slope * width >= 0) high = low;
        low = trial;
      }
    }
    return low.step > 0 ? low : undefined;
  };

  const origin: Trial = { step: 0, value: value0, slope: slope0, point: [...point], gradient: [...gradient0] };
  let previous = origin;
  let step = initial;
  while (budget-- > 0) {
    const trial = evaluate(step);
    if (!decreases(trial) || (previous !== origin && trial.value >= previous.value)) return zoom(previous, trial);
    if (flat(trial)) return trial;
    if (trial.slope >= 0) return zoom(trial, previous);
    previous = trial;
    step *= 2;
  }
  return previous === origin ? undefined : previous;
}
