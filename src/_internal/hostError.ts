import { KpiError, isKpiError } from '../core/KpiError.js';

/**
 * @internal `error` as a KpiError: itself when it is one; else `code` at the input's root, the
 * thrown value kept as `cause` (a getter or a Proxy trap of the caller's object threw while the
 * library read it).
 */
export function hostError(error: unknown, code: 'INVALID_EVENT' | 'INVALID_STATE', what: string): KpiError {
  if (isKpiError(error)) return error;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new KpiError(code, '', `reading the ${what} threw ${reason}`, { cause: error });
}
