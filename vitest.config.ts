import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Exact matches: `xsell-kpi/sql` is an entry point of its own, not a path under src/index.ts.
    alias: [
      { find: /^xsell-kpi$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^xsell-kpi\/sql$/, replacement: fileURLToPath(new URL('./src/sql/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test-prop.ts'],
    setupFiles: ['test/setup.ts'],
    // Builds dist/ when stale and packs it once per run; tests read the tarball through inject().
    // Starts one PostgreSQL server per run for test/sql (inject('postgres')).
    globalSetup: ['test/globalSetup.ts', 'test/sql/postgresServer.ts'],
    // Type tests (test/types/*.test-d.ts) run in the same `vitest run`: tsc checks them against the
    // built declarations (test/types/tsconfig.json maps `xsell-kpi` to dist/index.d.ts, which the
    // global setup keeps fresh). A type error in a test fails that test, one elsewhere in a checked
    // file fails the run. (Errors inside dist/*.d.ts, under every module mode, are the business of
    // test/package/consumers.test.ts.)
    typecheck: {
      enabled: true,
      checker: 'tsc',
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: 'test/types/tsconfig.json',
      ignoreSourceErrors: false,
    },
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    testTimeout: 60_000,
    // vitest's default is one worker fewer than the cores: on a 2-core machine, one worker. The
    // main process only schedules, so use every core (npm test: 168 s → 95 s on 2 cores).
    maxWorkers: availableParallelism(),
  },
});
