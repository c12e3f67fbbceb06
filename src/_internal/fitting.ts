import { KpiError } from '../core/KpiError.js';
import { minimize, type Objective } from './minimize.js';
import { optionsObject } from './options.js';
import { show } from './show.js';

/**
 * What the two model fits share: their options, and maximum likelihood on the logarithms of the
 * parameters with an L2 penalizer, tightly converged, with `DEGENERATE_DATA` when there is no
 * finite maximum.
 * @internal
 * @module
 */

const { abs, exp, log } = Math;

/** @internal The options of a fit, defaults filled in. */
export interface FitSettings {
  readonly penalizer: number;
}

/** @internal Validates `{ penalizer }`: a finite number ≥ 0, 0 by default. */
export function fitSettings(options: unknown): FitSettings {
  const bag = optionsObject(options, ['penalizer']);
  const penalizer = bag['penalizer'] ?? 0;
  if (typeof penalizer !== 'number' || !Number.isFinite(penalizer) || penalizer < 0) {
    throw new KpiError('INVALID_OPTION', 'penalizer', `expected a finite number ≥ 0, got ${show(penalizer)}`);
  }
  return { penalizer };
}

/** The largest |ln θ| searched: beyond it a parameter is taken as running off to 0 or infinity. */
const SEARCH_LIMIT = 30;
/** A maximum this close to the limit is no finite maximum. */
const RUN_AWAY = 25;
/** A search that does not converge with a parameter this far out is running off along a ridge towards 0 or infinity. */
const DRIFTING = 10;
/** Convergence: the largest component of the gradient of the mean negative log-likelihood, in ln θ. */
const GRADIENT_TOLERANCE = 1e-10;
const MAX_ITERATIONS = 500;

/**
 * @internal Maximizes a log-likelihood over parameters θ > 0: minimizes −LL(θ) ÷ customers +
 * penalizer · Σ (θᵢ·scaleᵢ)² in ln θ by BFGS from `start`, to a gradient of at most 1e-10.
 * `logLikelihood(θ, gradient?)` returns the summed log-likelihood and, when asked, its gradient in
 * ln θ. `scale` puts each parameter in the unit its penalty is taken in (1 where the penalty is on θ).
 * Returns θ; `DEGENERATE_DATA` (naming `model` and `why`) when the search does not converge to a finite maximum.
 */
export function maximizeLikelihood(
  logLikelihood: (params: readonly number[], gradient?: number[]) => number,
  start: readonly number[],
  customers: number,
  settings: FitSettings & { readonly scale: readonly number[] },
  model: string,
  names: readonly string[],
): number[] {
  const { penalizer, scale } = settings;
  const params = new Array<number>(start.length).fill(0);
  const objective: Objective = (point, gradient) => {
    for (let i = 0; i < point.length; i++) {
      if (!(abs(point[i]!) <= SEARCH_LIMIT)) return Infinity;
      params[i] = exp(point[i]!);
    }
    const value = logLikelihood(params, gradient);
    let penalty = 0;
    for (let i = 0; i < point.length; i++) {
      const scaled = params[i]! * scale[i]!;
      penalty += scaled * scaled;
      gradient[i] = -gradient[i]! / customers + 2 * penalizer * scaled * scaled;
    }
    return -value / customers + penalizer * penalty;
  };
  const found = minimize(objective, start.map((value) => log(value)), { gradientTolerance: GRADIENT_TOLERANCE, maxIterations: MAX_ITERATIONS });
  const last = found.point.map((value, i) => `${names[i]} ${exp(value).toPrecision(3)}`).join(', ');
  let runaway = 0;
  for (let i = 1; i < found.point.length; i++) if (abs(found.point[i]!) > abs(found.point[runaway]!)) runaway = i;
  const far = abs(found.point[runaway]!);
  if (far > RUN_AWAY || (!found.converged && far > DRIFTING)) {
    throw new KpiError(
      'DEGENERATE_DATA',
      'customers',
      `the ${model} likelihood has no finite maximum for these customers: ${names[runaway]} runs off to ${found.point[runaway]! > 0 ? 'infinity' : '0'} (${last}); more customers, more repeat purchases or a penalizer (such as 0.001) may help`,
    );
  }
  if (!found.converged) {
    const gradient = Math.max(...found.gradient.map(abs)).toExponential(1);
    throw new KpiError('DEGENERATE_DATA', 'customers', `the ${model} fit did not converge: after ${found.iterations} iterations the gradient is still ${gradient} (${last}); more customers or a penalizer (such as 0.001) may help`);
  }
  return found.point.map((value) => exp(value));
}
