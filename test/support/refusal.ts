import { KpiError } from 'xsell-kpi';

/** The `[code, path, message]` of the KpiError `run` throws; any other outcome fails the test. */
export function refusal(run: () => unknown): [code: string, path: string, message: string] {
  try {
    run();
  } catch (error) {
    if (error instanceof KpiError) return [error.code, error.path, error.message];
    throw error;
  }
  throw new Error('expected a KpiError, nothing was thrown');
}
