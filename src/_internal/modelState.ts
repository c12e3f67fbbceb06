import { KpiError } from '../core/KpiError.js';
import { show } from './show.js';
import { invalidState, stateObject } from './state.js';
import { argumentObject } from './validate.js';

/**
 * The parameters of the lifetime-value models and their serialized form,
 * `{ kind, version, params, logLikelihood }`, read and validated like accumulator state.
 * @internal
 * @module
 */

/** @internal The layout version the models write. */
export const MODEL_VERSION = 1;

/** @internal A model's parameters by name: each a finite number > 0. */
export type Parameters<Name extends string> = { readonly [K in Name]: number };

/**
 * @internal Reads the parameters given to a model's constructor: an object with exactly `names`,
 * each a finite number > 0 (`INVALID_ARGUMENT` for another shape, `INVALID_NUMBER` for another number).
 */
export function readParameters<Name extends string>(value: unknown, names: readonly Name[]): Parameters<Name> {
  const bag = argumentObject(value, 'params');
  for (const key of Object.keys(bag)) {
    if (!(names as readonly string[]).includes(key)) throw new KpiError('INVALID_ARGUMENT', `params.${key}`, `unknown parameter; expected ${names.join(', ')}`);
  }
  const params = {} as Record<Name, number>;
  for (const name of names) {
    const number = bag[name];
    if (typeof number !== 'number' || !(number > 0) || number === Infinity) {
      throw new KpiError('INVALID_NUMBER', `params.${name}`, `expected a finite number > 0, got ${show(number)}`);
    }
    params[name] = number;
  }
  return Object.freeze(params);
}

/** @internal A log-likelihood given to a constructor: a finite number, or `null` (a model not fitted to data). */
export function readLogLikelihood(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new KpiError('INVALID_NUMBER', 'logLikelihood', `expected a finite number or null, got ${show(value)}`);
  return value === 0 ? 0 : value; // −0 is 0: JSON writes both as 0
}

/**
 * @internal Reads a model's JSON: `kind`, a version from 1 to {@link MODEL_VERSION} (a newer one is
 * `UNSUPPORTED_VERSION`), `params` with exactly `names`, each a finite number > 0, and
 * `logLikelihood`, a finite number or `null`. Anything else is `INVALID_STATE`.
 */
export function readModelJSON<Name extends string>(json: unknown, kind: string, names: readonly Name[]): { params: Parameters<Name>; logLikelihood: number | null } {
  const bag = stateObject(json, '', ['kind', 'version', 'params', 'logLikelihood']);
  if (bag['kind'] !== kind) throw invalidState('kind', `expected ${JSON.stringify(kind)}, got ${show(bag['kind'])}`);
  const version = bag['version'];
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) throw invalidState('version', 'expected a positive integer');
  if (version > MODEL_VERSION) throw new KpiError('UNSUPPORTED_VERSION', 'version', `model version ${version} is newer than this xsell-kpi reads (${MODEL_VERSION}); upgrade xsell-kpi`);
  const raw = stateObject(bag['params'], 'params', names);
  const params = {} as Record<Name, number>;
  for (const name of names) {
    const number = raw[name];
    if (typeof number !== 'number' || !(number > 0) || number === Infinity) throw invalidState(`params.${name}`, `expected a finite number > 0, got ${show(number)}`);
    params[name] = number;
  }
  const logLikelihood = bag['logLikelihood'];
  if (logLikelihood !== null && (typeof logLikelihood !== 'number' || !Number.isFinite(logLikelihood))) throw invalidState('logLikelihood', `expected a finite number or null, got ${show(logLikelihood)}`);
  return { params: Object.freeze(params), logLikelihood: logLikelihood === 0 ? 0 : logLikelihood };
}
