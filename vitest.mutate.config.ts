// The vitest configuration of mutation runs (`npm run mutate`, stryker.config.mjs): the tests that
// exercise the mutated files (src/_internal, src/core, the KPI folds and formulas), without the
// suites that test something else or cost much per run: the built package and its runtimes
// (test/package, test/runtimes, test/types), the CLI and its HTML report (test/cli, test/html), the SQL engines (test/sql), the
// DuckDB oracle, the analysis (CoPurchase, cohorts, statistics, trends), the doc examples, the Scorecard's property tests and the fuzz smoke. No global setup (nothing here
// reads the packed tarball), no type checking, and property tests at a fraction of their runs:
// each surviving mutant runs every test that covers it, so the run time is roughly (tests per
// mutant × their length).
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  { ...base, test: { ...base.test, globalSetup: [], typecheck: { enabled: false }, reporters: ['default'], outputFile: {} } },
  defineConfig({
    test: {
      exclude: [
        'test/package/**',
        'test/runtimes/**',
        'test/types/**',
        'test/cli/**',
        'test/html/**',
        'test/sql/**',
        'test/oracle/**',
        'test/analysis/**',
        'test/docExamples.test.ts',
        'test/accumulators/scorecard.test-prop.ts',
        'test/scorecard/**',
        'test/fuzz/**',
        '**/node_modules/**',
      ],
      env: { FC_NUM_RUNS: process.env['FC_NUM_RUNS'] ?? '10', FROM_JSON_FUZZ_RUNS: process.env['FROM_JSON_FUZZ_RUNS'] ?? '60' },
    },
  }),
);
