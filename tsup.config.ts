import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

const shared = {
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  external: ['decimal.js'],
  // Both builds write to dist/ in parallel, so tsup's per-build `clean` would race; dist/ is
  // emptied once below instead.
  clean: false,
} satisfies Options;

/**
 * Imports of Node's built-in modules by their bare name (`import … from "stream"`, as some
 * packages write them) written as `node:` imports, so that dist/cli.js imports nothing but `node:`
 * modules and decimal.js (scripts/check-package.mjs checks this).
 */
const nodeBuiltins: Plugin = {
  name: 'node-builtins',
  setup(build) {
    const names = new Set(builtinModules);
    build.onResolve({ filter: /^[a-z_][a-z0-9_/]*$/ }, ({ path }) => (names.has(path) ? { path: `node:${path}`, external: true } : undefined));
  },
};

/**
 * The `xsell-kpi` command (package.json `bin`): one ESM file for Node, dist/cli.js, with the
 * library (only what the CLI uses) bundled in, and decimal.js, the package's only dependency,
 * left external, as is @duckdb/node-api (`--engine duckdb`), an optional peer dependency. (The CLI reads CSV with its own parser, src/cli/readers/csv.ts.)
 * The shebang of src/cli/main.ts is kept, and tsup marks the file executable. Exported for the CLI
 * tests, which build it into a folder of their own.
 */
export const cliBuild = {
  entry: { cli: 'src/cli/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  bundle: true,
  splitting: false,
  treeshake: true,
  sourcemap: false,
  dts: false,
  clean: false,
  // @duckdb/node-api, an optional peer dependency, is imported (dynamically) by `--engine duckdb` only.
  external: ['decimal.js', '@duckdb/node-api'],
  // Keep `node:` in the imports of src/cli (tsup 8 strips it by default).
  removeNodeProtocol: false,
  esbuildPlugins: [nodeBuiltins],
} satisfies Options;

// tsup 8.5's declaration build injects `baseUrl`, which TypeScript 6 rejects (TS5101,
// egoist/tsup#1388); acknowledge the deprecation for that build only.
const dtsCompilerOptions = { ignoreDeprecations: '6.0' };

export default defineConfig(() => {
  rmSync('dist', { recursive: true, force: true });
  return [
    {
      // ESM: one file per source module, not bundled. With `"sideEffects": false`, a bundler
      // then drops every module an app does not use — so `import { crossSellRate }` does not pull
      // in the money modules, nor decimal.js (which is not side-effect free, so a single-file
      // bundle that imports it at the top would always carry it).
      ...shared,
      entry: ['src/**/*.ts', '!src/**/*.d.ts', '!src/cli/**'],
      format: ['esm'],
      bundle: false,
      dts: { entry: { index: 'src/index.ts' }, compilerOptions: dtsCompilerOptions },
    },
    {
      // CJS: one bundled file per entry point (require() cannot tree-shake anyway).
      ...shared,
      entry: { index: 'src/index.ts', sql: 'src/sql/index.ts' },
      format: ['cjs'],
      treeshake: true,
      splitting: false,
      dts: { entry: { index: 'src/index.ts' }, compilerOptions: dtsCompilerOptions },
    },
    {
      // The declarations of the `xsell-kpi/sql` subpath, built on their own so that neither entry's
      // declarations import a shared chunk (the types the subpath uses are written into it).
      ...shared,
      entry: { sql: 'src/sql/index.ts' },
      format: ['esm', 'cjs'],
      dts: { only: true, entry: { sql: 'src/sql/index.ts' }, compilerOptions: dtsCompilerOptions },
    },
    cliBuild,
  ];
});
