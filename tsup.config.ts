import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  // tsup 8.5's declaration build injects `baseUrl`, which TypeScript 6 rejects (TS5101,
  // egoist/tsup#1388); acknowledge the deprecation for that build only.
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  clean: true,
  treeshake: true,
  splitting: false,
  external: ['decimal.js'],
});
