// The packed package's types, as consumer projects see them: one project per module system
// (`"type": "module"`, `"type": "commonjs"`) × `module`/`moduleResolution` (node16, nodenext,
// bundler), each strict with skipLibCheck: false, so that an error inside dist/*.d.ts counts and
// a type that silently turns into `any` fails an assertion (test/package/consumer/usage.ts).
//
// The projects live in .tmp/consumers/<name>/ with the extracted tarball (provided by
// test/globalSetup.ts) copied to node_modules/xsell-kpi and the repository's decimal.js linked as
// node_modules/decimal.js; no network. They are type-checked in-process with the repository's
// TypeScript. Lib files are parsed once and shared by the six programs.
import { cpSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, inject, test } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const usage = readFileSync(fileURLToPath(new URL('consumer/usage.ts', import.meta.url)), 'utf8');

interface Consumer {
  /** The test's name and the project's folder. */
  name: string;
  type: 'module' | 'commonjs';
  module: string;
  moduleResolution: string;
  /** Extra source files, by name. */
  files?: Record<string, string>;
}

// Under `module: preserve`, `import x = require()` resolves through the `require` condition
// (dist/index.d.cts) while `import` resolves through `import` (dist/index.d.ts): the CommonJS
// bundler project checks both.
const requireUsage = `import xsell = require('xsell-kpi');

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertTrue<T extends true>(_proof?: T): void {}

const rate = xsell.crossSellRate({ crossSoldCustomers: 100, customers: 500 });
assertTrue<Equal<typeof rate, number | null>>();
const money = xsell.averageOrderValue({ revenue: '1234.50', orders: 15 });
assertTrue<Equal<typeof money, xsell.Decimal | null>>();
// @ts-expect-error -- a money result is a Decimal, not a string.
const text: string = money;
// @ts-expect-error -- an unknown option is an error.
new xsell.CrossSellRate({ byy: 'sku' });
const restored: xsell.CrossSellRate = xsell.CrossSellRate.fromJSON(new xsell.CrossSellRate().toJSON());
export = [text, restored];
`;

const consumers: Consumer[] = [
  { name: 'esm-node16', type: 'module', module: 'node16', moduleResolution: 'node16' },
  { name: 'esm-nodenext', type: 'module', module: 'nodenext', moduleResolution: 'nodenext' },
  { name: 'esm-bundler', type: 'module', module: 'esnext', moduleResolution: 'bundler' },
  { name: 'cjs-node16', type: 'commonjs', module: 'node16', moduleResolution: 'node16' },
  { name: 'cjs-nodenext', type: 'commonjs', module: 'nodenext', moduleResolution: 'nodenext' },
  { name: 'cjs-bundler', type: 'commonjs', module: 'preserve', moduleResolution: 'bundler', files: { 'require.ts': requireUsage } },
];

/** Writes the project and returns its folder. */
function writeProject(consumer: Consumer, packageDir: string): string {
  const dir = join(root, '.tmp', 'consumers', consumer.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  cpSync(packageDir, join(dir, 'node_modules', 'xsell-kpi'), { recursive: true });
  symlinkSync(join(root, 'node_modules', 'decimal.js'), join(dir, 'node_modules', 'decimal.js'), 'junction');
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `consumer-${consumer.name}`, private: true, type: consumer.type }, null, 2)}\n`);
  const compilerOptions = {
    target: 'es2022',
    lib: ['es2022'],
    module: consumer.module,
    moduleResolution: consumer.moduleResolution,
    strict: true,
    skipLibCheck: false,
    types: [],
    noEmit: true,
  };
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`);
  writeFileSync(join(dir, 'src', 'usage.ts'), usage);
  for (const [name, text] of Object.entries(consumer.files ?? {})) writeFileSync(join(dir, 'src', name), text);
  return dir;
}

// Lib files (lib.es2022.d.ts and its references) are the same for every project: parse them once.
const libCache = new Map<string, ts.SourceFile>();
const libDir = dirname(ts.getDefaultLibFilePath({}));

function typeCheck(dir: string): { diagnostics: readonly ts.Diagnostic[]; files: string[]; host: ts.FormatDiagnosticsHost } {
  const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (config === undefined) throw new Error(`cannot read ${dir}/tsconfig.json`);
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.startsWith(libDir)) return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    let file = libCache.get(fileName);
    if (file === undefined) {
      file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (file !== undefined) libCache.set(fileName, file);
    }
    return file;
  };
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
  const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  const files = program.getSourceFiles().map((file) => relative(dir, file.fileName));
  const formatHost: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' };
  return { diagnostics, files, host: formatHost };
}

describe('the packed package type-checks in consumer projects (strict, skipLibCheck: false)', () => {
  let packageDir = '';
  beforeAll(() => {
    const error = inject('packageError');
    if (error !== null) throw new Error(`test/globalSetup.ts could not build or pack the package:\n${error}`);
    packageDir = inject('packageDir');
  });

  for (const consumer of consumers) {
    test(`${consumer.name} ("type": "${consumer.type}", module ${consumer.module}, moduleResolution ${consumer.moduleResolution})`, () => {
      const dir = writeProject(consumer, packageDir);
      const { diagnostics, files, host } = typeCheck(dir);
      // The declarations that this mode resolves must be the tarball's, not src/ or a stray copy.
      const expected = consumer.type === 'commonjs' && consumer.moduleResolution !== 'bundler' ? 'node_modules/xsell-kpi/dist/index.d.cts' : 'node_modules/xsell-kpi/dist/index.d.ts';
      expect(files).toContain(expected);
      if (consumer.files?.['require.ts'] !== undefined) expect(files).toContain('node_modules/xsell-kpi/dist/index.d.cts');
      // decimal.js is a symbolic link: TypeScript reads it at its real path.
      expect(files).toContain(relative(dir, realpathSync(join(root, 'node_modules', 'decimal.js', 'decimal.d.ts'))));
      expect(ts.formatDiagnostics(diagnostics, host)).toBe('');
    });
  }
});
