#!/usr/bin/env node
// `npm run fuzz [-- --seconds 180] [--seed 42] [--runs 1000] [--only cli,merge]`: the fuzz suite
// (test/fuzz) through vitest.fuzz.config.ts. The options become FUZZ_* variables (which work too).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { seconds: { type: 'string' }, seed: { type: 'string' }, runs: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  process.stdout.write('npm run fuzz -- [--seconds N (total, default 180)] [--seed N (default random)] [--runs N (cap per target)] [--only word,word]\n');
  process.exit(0);
}
for (const [name, value] of [['seconds', values.seconds], ['seed', values.seed], ['runs', values.runs]]) {
  if (value !== undefined && !/^\d+(\.\d+)?$/.test(value)) {
    process.stderr.write(`fuzz: --${name} takes a number, not ${value}\n`);
    process.exit(2);
  }
}
const env = { ...process.env };
if (values.seconds !== undefined) env.FUZZ_SECONDS = values.seconds;
if (values.seed !== undefined) env.FUZZ_SEED = values.seed;
if (values.runs !== undefined) env.FUZZ_RUNS = values.runs;
if (values.only !== undefined) env.FUZZ_ONLY = values.only;
const { status } = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.fuzz.config.ts'], { stdio: 'inherit', env });
process.exit(status ?? 1);
