/**
 * Runs the fuzz targets (test/fuzz/targets.ts), each for a share of a time budget, from one seed,
 * and reports the cases each ran: `npm run fuzz` (test/fuzz/fuzz.fuzz.ts) and the smoke in
 * `npm test` (test/fuzz/smoke.test.ts).
 *
 * @example
 * const report = await runFuzz({ seed: 42, secondsPerTarget: 1, maxRunsPerTarget: 50 });
 * for (const target of report) if (target.failure !== undefined) throw new Error(target.failure);
 */
import fc from 'fast-check';
import { FUZZ_TARGETS, type Counts, type FuzzTarget } from './targets.js';

export interface FuzzOptions {
  seed: number;
  /** Wall-clock time per target, in seconds. */
  secondsPerTarget: number;
  /** At most this many cases per target. */
  maxRunsPerTarget?: number;
  /** Only the targets whose name contains one of these (case-insensitive); all by default. */
  only?: readonly string[];
}

export interface TargetReport {
  name: string;
  /** Cases run (until the time ran out, the cap, or the first failure). */
  runs: number;
  /** Cases per accumulator or input kind. */
  counts: Counts;
  seconds: number;
  /** fast-check's report of the first failure (seed, path, counterexample, error), or undefined. */
  failure: string | undefined;
}

/** The targets `only` selects. */
export function selectTargets(only: readonly string[] | undefined): FuzzTarget[] {
  if (only === undefined || only.length === 0) return [...FUZZ_TARGETS];
  return FUZZ_TARGETS.filter((target) => only.some((word) => target.name.toLowerCase().includes(word.toLowerCase())));
}

/** Runs one target. */
export async function runTarget(target: FuzzTarget, options: FuzzOptions): Promise<TargetReport> {
  // fromJSONFuzzPlan samples its pool of valid states with the global seed.
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: options.seed });
  const counts: Counts = new Map();
  const started = performance.now();
  const parameters: fc.Parameters<[unknown]> = {
    seed: options.seed,
    numRuns: options.maxRunsPerTarget ?? 1_000_000_000,
    interruptAfterTimeLimit: options.secondsPerTarget * 1000,
    markInterruptAsFailure: false,
    endOnFailure: false,
    includeErrorInReport: true,
  };
  const details = await fc.check(target.property(counts), parameters);
  return {
    name: target.name,
    runs: details.numRuns,
    counts,
    seconds: (performance.now() - started) / 1000,
    failure: details.failed ? (fc.defaultReportMessage(details) ?? 'failed') : undefined,
  };
}

/** Runs the targets one after the other. */
export async function runFuzz(options: FuzzOptions): Promise<TargetReport[]> {
  const reports: TargetReport[] = [];
  for (const target of selectTargets(options.only)) reports.push(await runTarget(target, options));
  return reports;
}

/** A report as text: per target its cases (per accumulator or input kind), its time and its verdict. */
export function formatReport(reports: readonly TargetReport[], seed: number): string {
  const lines = [`fuzz seed ${seed} (replay: npm run fuzz -- --seed ${seed})`];
  for (const report of reports) {
    lines.push(`${report.failure === undefined ? 'ok  ' : 'FAIL'} ${report.name}: ${report.runs.toLocaleString('en-US')} cases in ${report.seconds.toFixed(1)} s`);
    for (const [label, cases] of [...report.counts].sort((a, b) => b[1] - a[1])) lines.push(`       ${cases.toLocaleString('en-US').padStart(9)}  ${label}`);
    if (report.failure !== undefined) lines.push(report.failure);
  }
  const total = reports.reduce((sum, report) => sum + report.runs, 0);
  lines.push(`${total.toLocaleString('en-US')} cases in all, ${reports.filter((report) => report.failure !== undefined).length} failing target(s)`);
  return lines.join('\n');
}
