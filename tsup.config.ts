import { rmSync } from 'node:fs';
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
 * The `xsell-kpi` command (package.json `bin`): one ESM file for Node, dist/cli.js, with the
 * library bundled in (only what the CLI uses), and csv-parse and decimal.js left as dependencies.
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
  external: ['csv-parse', 'decimal.js'],
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
      // CJS: one bundled file (require() cannot tree-shake anyway).
      ...shared,
      entry: { index: 'src/index.ts' },
      format: ['cjs'],
      treeshake: true,
      splitting: false,
      dts: { entry: { index: 'src/index.ts' }, compilerOptions: dtsCompilerOptions },
    },
    cliBuild,
  ];
});
