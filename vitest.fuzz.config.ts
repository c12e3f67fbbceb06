// The vitest configuration of `npm run fuzz` (scripts/fuzz.mjs): test/fuzz/fuzz.fuzz.ts alone, in one
// worker, with the suite's setup (fast-check's global seed) and the `xsell-kpi` alias, without the
// global setup (no tarball, no PostgreSQL) and without type checking. (Not mergeConfig: it would
// append this `include` to the base one, and run every test.)
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/fuzz/**/*.fuzz.ts'],
    globalSetup: [],
    typecheck: { enabled: false },
    reporters: ['default'],
    outputFile: {},
    maxWorkers: 1,
    testTimeout: 0,
  },
});
