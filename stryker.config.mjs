// Mutation testing (`npm run mutate`; docs/mutation.md has the scores, the survivors and why).
// Stryker changes one operator, condition or literal at a time in the files below and runs the
// tests that cover it: a mutant that no test notices is an assertion that is missing.
//
// - `mutate`: the money and amount core, fingerprints and hashing, the id table, the engine that
//   de-duplicates and folds orders, state reading and writing, the public core (errors, events,
//   money, time, formatting), and every KPI's fold and formula. Not the public classes (shells
//   over the engine), the Scorecard, analysis and statistics, the calendar tables, the CLI.
// - vitest.mutate.config.ts leaves out the suites that test other things or are slow per run, and
//   runs property tests at a fraction of their usual runs.
// - perTest coverage: each mutant runs only the tests that reached it. The incremental file
//   (reports/stryker-incremental.json) lets a re-run test only the mutants whose code or tests
//   changed; `npm run mutate -- --force` (or deleting the file) runs everything.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/_internal/amount.ts',
    'src/_internal/decimal.ts',
    'src/_internal/fingerprintV1.ts',
    'src/_internal/fold.ts',
    'src/_internal/hash.ts',
    'src/_internal/hostError.ts',
    'src/_internal/idTable.ts',
    'src/_internal/merge.ts',
    'src/_internal/money.ts',
    'src/_internal/moneyPer.ts',
    'src/_internal/orderCurrency.ts',
    'src/_internal/orderEngine.ts',
    'src/_internal/orderView.ts',
    'src/_internal/state.ts',
    'src/_internal/validate.ts',
    'src/core/**/*.ts',
    'src/kpis/*/fold.ts',
    'src/kpis/*/formula.ts',
  ],
  ignorePatterns: ['dist', 'docs/api', 'reports', '.tmp', 'coverage', 'bench', 'examples/data/*.gz'],
  // One test process: the machine is shared (CONTRIBUTING.md); raise it with --concurrency.
  concurrency: 1,
  timeoutMS: 10_000,
  // A mutant of a module-level constant (a table, a regular expression) runs every test: skipped,
  // and reported as ignored (docs/mutation.md counts them).
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.tmp/stryker',
  cleanTempDir: true,
};
