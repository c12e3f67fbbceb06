// `npm run fuzz` (scripts/fuzz.mjs → vitest.fuzz.config.ts): every target of test/fuzz/targets.ts for
// FUZZ_SECONDS (default 180) shared among them, from FUZZ_SEED (random by default; printed), at
// most FUZZ_RUNS cases per target; FUZZ_ONLY picks targets by a word of their name. One test per
// target, so a failure names its target; the counts are printed at the end.
import { afterAll, expect, test } from 'vitest';
import { formatReport, runTarget, selectTargets, type TargetReport } from './run.js';

const only = (process.env['FUZZ_ONLY'] ?? '').split(',').filter((word) => word !== '');
const targets = selectTargets(only);
const seed = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const seconds = Number(process.env['FUZZ_SECONDS'] ?? 180);
const maxRuns = process.env['FUZZ_RUNS'] === undefined ? undefined : Number(process.env['FUZZ_RUNS']);
const reports: TargetReport[] = [];

process.stdout.write(`fuzz seed ${seed}, ${seconds} s over ${targets.length} target(s)${maxRuns === undefined ? '' : `, at most ${maxRuns} cases each`}\n`);

for (const target of targets) {
  test(`${target.name}`, { timeout: (seconds / targets.length) * 1000 * 4 + 120_000 }, async () => {
    const report = await runTarget(target, { seed, secondsPerTarget: seconds / targets.length, ...(maxRuns === undefined ? {} : { maxRunsPerTarget: maxRuns }) });
    reports.push(report);
    expect(report.failure ?? 'no failure').toBe('no failure');
  });
}

afterAll(() => {
  process.stdout.write(`\n${formatReport(reports, seed)}\n`);
});
