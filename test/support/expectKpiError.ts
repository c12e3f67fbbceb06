import { expect } from 'vitest';
import { isKpiError, type KpiError, type KpiErrorCode } from 'xsell-kpi';

/** Asserts that `run` throws a KpiError with this code (and path, when given), and returns it. */
export function expectKpiError(run: () => unknown, code: KpiErrorCode, path?: string): KpiError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(isKpiError(thrown), `expected a KpiError ${code}, got ${String(thrown)}`).toBe(true);
  expect((thrown as { code: string }).code).toBe(code);
  if (path !== undefined) expect((thrown as { path: string }).path).toBe(path);
  return thrown as KpiError;
}
