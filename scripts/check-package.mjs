#!/usr/bin/env node
// Checks the package exactly as it would be published, from the packed tarball:
//   publint (strict), are-the-types-wrong, ESM and CJS smoke imports, decimal.js as the only
//   dependency, the CLI run from the tarball with nothing else installed, size budgets;
//   and, from package-lock.json, that every installed package accepts this Node and the lowest
//   one development supports.
// Run after `npm run build`. Prints one `ok <check>` / `FAIL <check>` line per check and
// exits 1 if any check fails. Budgets live in size-budgets.json at the repository root.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const isWindows = process.platform === 'win32';
const failures = [];

function ok(name, detail = '') {
  console.log(`ok ${name}${detail ? ` (${detail})` : ''}`);
}
function fail(name, reason) {
  failures.push(name);
  console.log(`FAIL ${name}: ${reason}`);
}
/** Runs `fn`; a thrown error is reported as a failure of `name` instead of ending the script. */
async function check(name, fn) {
  try {
    const detail = await fn();
    ok(name, detail);
  } catch (error) {
    fail(name, error instanceof Error ? error.message : String(error));
  }
}

// ---------------------------------------------------------------------------------------------
// 0. The build must exist.
const builtFiles = ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts'];
const missing = builtFiles.filter((file) => !existsSync(join(root, file)));
if (missing.length > 0) {
  console.error(`FAIL dist: missing ${missing.join(', ')}. Run \`npm run build\` first.`);
  process.exit(1);
}

const budgetsFile = join(root, 'size-budgets.json');
const { budgets } = JSON.parse(readFileSync(budgetsFile, 'utf8'));

const work = mkdtempSync(join(tmpdir(), 'xsell-kpi-check-'));
// Remove the temporary directory however the script ends (normal end, exit, Ctrl-C, broken pipe).
const cleanUp = () => rmSync(work, { recursive: true, force: true });
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => process.exit(1));
}
try {
  await main();
} catch (error) {
  fail('check-package', error instanceof Error ? (error.stack ?? error.message) : String(error));
}

if (failures.length > 0) {
  console.log(`\n${failures.length} check(s) failed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nall package checks passed');

async function main() {
  // -------------------------------------------------------------------------------------------
  // 0. Engines: `npm ci` warns EBADENGINE for any installed package whose engines.node excludes
  //    the running Node; check that for this Node and for the lowest one development supports.
  await check('engines', checkEngines);

  // -------------------------------------------------------------------------------------------
  // a. Pack.
  const packDir = join(work, 'pack');
  mkdirSync(packDir);
  const packOutput = execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: isWindows,
  });
  const [packed] = JSON.parse(packOutput);
  const tarball = join(packDir, packed.filename);
  if (!existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}`);
  ok('pack', `${packed.filename}, ${packed.files.length} files, ${packed.size} bytes`);

  // -------------------------------------------------------------------------------------------
  // b. publint on the tarball, strict, every message (suggestions included) is a failure.
  await check('publint', async () => {
    const { publint } = await import('publint');
    const { formatMessage } = await import('publint/utils');
    const bytes = readFileSync(tarball);
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const { messages, pkg } = await publint({ pack: { tarball: arrayBuffer }, strict: true, level: 'suggestion' });
    if (messages.length > 0) {
      const lines = messages.map((m) => `  [${m.type}] ${formatMessage(m, pkg) ?? m.code}`);
      throw new Error(`${messages.length} message(s)\n${lines.join('\n')}`);
    }
    return 'no messages';
  });

  // -------------------------------------------------------------------------------------------
  // c. are-the-types-wrong on the tarball: no problems, every resolution mode resolves types.
  await check('attw', () => {
    const attw = join(root, 'node_modules', '.bin', isWindows ? 'attw.cmd' : 'attw');
    const args = [tarball, '--no-definitely-typed', '--profile', 'strict'];
    const run = spawnSync(attw, [...args, '--format', 'json'], { encoding: 'utf8', shell: isWindows, maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw run.error;
    let report;
    try {
      report = JSON.parse(run.stdout);
    } catch {
      throw new Error(`attw exited ${run.status} without a JSON report:\n${run.stdout}${run.stderr}`);
    }
    const problems = report.analysis?.problems ?? [];
    const modes = ['node10', 'node16-cjs', 'node16-esm', 'bundler'];
    const unresolved = [];
    for (const [subpath, entry] of Object.entries(report.analysis?.entrypoints ?? {})) {
      for (const mode of modes) {
        if (!entry.resolutions?.[mode]?.resolution?.fileName) unresolved.push(`${subpath} (${mode})`);
      }
    }
    if (run.status !== 0 || problems.length > 0 || unresolved.length > 0) {
      const table = spawnSync(attw, [...args, '--format', 'table', '--no-color'], { encoding: 'utf8', shell: isWindows });
      throw new Error(
        `exit ${run.status}, ${problems.length} problem(s)` +
          (unresolved.length ? `, unresolved: ${unresolved.join(', ')}` : '') +
          `\n${table.stdout}${table.stderr}`,
      );
    }
    return `${Object.keys(report.analysis.entrypoints).length} entrypoints × ${modes.join(', ')}`;
  });

  // -------------------------------------------------------------------------------------------
  // d. Install the tarball into a throwaway project and import it both ways.
  const project = join(work, 'project');
  const modules = join(project, 'node_modules');
  mkdirSync(modules, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'xsell-kpi-smoke', private: true }, null, 2));
  execFileSync('tar', ['-xzf', tarball, '-C', work]);
  const installed = join(modules, packed.name);
  renameSync(join(work, 'package'), installed);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    const source = join(root, 'node_modules', dependency);
    if (!existsSync(source)) throw new Error(`dependency ${dependency} is not installed in ${root}/node_modules`);
    cpSync(source, join(modules, dependency), { recursive: true, dereference: true });
  }

  // What installing the tarball installs: decimal.js and nothing else (the CLI's CSV parser is its
  // own, bundled into dist/cli.js).
  await check('dependencies', () => {
    const problems = [];
    const dependencies = Object.keys(manifest.dependencies ?? {});
    if (dependencies.length !== 1 || dependencies[0] !== 'decimal.js') problems.push(`dependencies are ${JSON.stringify(manifest.dependencies ?? {})}, expected { "decimal.js": … } only`);
    const optional = Object.keys(manifest.optionalDependencies ?? {});
    if (optional.length > 0) problems.push(`optionalDependencies install ${optional.join(', ')}`);
    // npm 7+ installs peer dependencies unless peerDependenciesMeta marks them optional.
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter((name) => manifest.peerDependenciesMeta?.[name]?.optional !== true);
    if (peers.length > 0) problems.push(`peerDependencies install ${peers.join(', ')}`);
    const bundled = manifest.bundleDependencies ?? manifest.bundledDependencies;
    if (bundled !== undefined && (bundled === true || bundled.length > 0)) problems.push(`bundleDependencies ships ${JSON.stringify(bundled)}`);
    if (problems.length > 0) throw new Error(problems.join('; '));
    return `decimal.js ${manifest.dependencies['decimal.js']}`;
  });

  // dist/cli.js, as installed, imports nothing but node: built-ins and decimal.js (static imports,
  // dynamic imports and require calls alike, as esbuild resolves them), and @duckdb/node-api by a
  // dynamic import only (`--engine duckdb`; an optional peer dependency).
  await check('cli imports', async () => {
    const { build } = await import('esbuild');
    const cli = join(installed, 'dist', 'cli.js');
    const imports = new Set();
    const staticImports = new Set();
    await build({
      entryPoints: [cli],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      plugins: [
        {
          name: 'record-imports',
          setup(build) {
            build.onResolve({ filter: /.*/ }, (args) => {
              if (args.kind === 'entry-point') return undefined;
              imports.add(args.path);
              if (args.kind !== 'dynamic-import') staticImports.add(args.path);
              return { path: args.path, external: true };
            });
          },
        },
      ],
    });
    // @duckdb/node-api: an optional peer dependency, imported only by `--engine duckdb`, dynamically.
    const optionalPeer = '@duckdb/node-api';
    if (staticImports.has(optionalPeer)) throw new Error(`dist/cli.js imports ${optionalPeer} statically: it is an optional peer dependency, imported only by --engine duckdb`);
    if (imports.has(optionalPeer) && manifest.peerDependenciesMeta?.[optionalPeer]?.optional !== true) throw new Error(`dist/cli.js imports ${optionalPeer}, which is not an optional peer dependency`);
    const others = [...imports].filter((path) => !(path.startsWith('node:') || path === 'decimal.js' || path === optionalPeer));
    if (others.length > 0) throw new Error(`dist/cli.js imports ${others.join(', ')}`);
    return [...imports].sort().join(', ');
  });

  const expectedFunctions = [
    'crossSellRate', 'transactionCrossSellRate', 'attachRate', 'upsellRate', 'offerAcceptanceRate',
    'conversionRate', 'repeatPurchaseRate', 'retentionRate', 'churnRate', 'averageOrderValue',
    'revenuePerConversion', 'revenueShare', 'itemsPerOrder', 'customerLifetimeValue',
    'predictedLifetimeValue', 'roi', 'KpiError', 'isKpiError', 'formatPercent', 'formatMoney', 'roundMoney',
  ];
  // The same assertions for both module systems; `m` is the imported module.
  const assertions = `
    const expected = ${JSON.stringify(expectedFunctions)};
    const notFunctions = expected.filter((name) => typeof m[name] !== 'function');
    if (notFunctions.length) throw new Error('not exported as functions: ' + notFunctions.join(', '));
    const rate = m.crossSellRate({ crossSoldCustomers: 100, customers: 500 });
    if (rate !== 0.2) throw new Error('crossSellRate gave ' + rate);
    const aov = m.averageOrderValue({ revenue: '1234.50', orders: 15 }).toString();
    if (aov !== '82.3') throw new Error('averageOrderValue gave ' + aov);
  `;
  const node = (args) => {
    const run = spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`node exited ${run.status}\n${run.stdout}${run.stderr}`.trimEnd());
    return run.stdout.trim();
  };

  await check('smoke esm', () => {
    node(['--input-type=module', '-e', `import * as m from '${packed.name}';\n${assertions}`]);
    return `${expectedFunctions.length} exports`;
  });
  await check('smoke cjs', () => {
    node(['-e', `const m = require('${packed.name}');\n${assertions}`]);
    return `${expectedFunctions.length} exports`;
  });
  await check('smoke dual-package KpiError', () => {
    node([
      '--input-type=module',
      '-e',
      `
      import * as esm from '${packed.name}';
      import { createRequire } from 'node:module';
      const cjs = createRequire(process.cwd() + '/')('${packed.name}');
      if (cjs.KpiError === esm.KpiError) throw new Error('ESM and CJS resolved to the same copy; the check would prove nothing');
      const thrown = (copy) => { try { copy.crossSellRate({ crossSoldCustomers: -1, customers: 1 }); } catch (e) { return e; } throw new Error('no error thrown'); };
      const fromCjs = thrown(cjs);
      if (!esm.isKpiError(fromCjs)) throw new Error('ESM isKpiError rejects a KpiError thrown by the CJS copy');
      if (fromCjs.code !== 'NEGATIVE_COUNT') throw new Error('unexpected code ' + fromCjs.code);
      if (!cjs.isKpiError(thrown(esm))) throw new Error('CJS isKpiError rejects a KpiError thrown by the ESM copy');
      if (esm.isKpiError(new Error('x')) || cjs.isKpiError({ code: 'NEGATIVE_COUNT' })) throw new Error('isKpiError accepts a non-KpiError');
      `,
    ]);
    return 'isKpiError works across the ESM and CJS copies';
  });

  // The bin as a user runs it, from the tarball with only its dependencies installed.
  await check('cli from the tarball', () => {
    const cli = join(installed, 'dist', 'cli.js');
    const out = node([cli, 'report', join(root, 'examples', 'data', 'orders.csv'), '--format', 'json']);
    const report = JSON.parse(out);
    if (!Array.isArray(report.rows) || report.rows.length === 0) throw new Error(`no rows in ${out.slice(0, 200)}`);
    const usage = spawnSync(process.execPath, [cli, 'report', 'orders.csv', '--grian', 'month'], { cwd: project, encoding: 'utf8' });
    if (usage.status !== 2 || !usage.stderr.startsWith('xsell-kpi: unknown option --grian; did you mean --grain?\n')) {
      throw new Error(`bad usage gave exit ${usage.status}: ${usage.stderr}`);
    }
    return `${report.rows.length} rows from examples/data/orders.csv; bad usage exits 2`;
  });

  // -------------------------------------------------------------------------------------------
  // e. Size budgets: bundle each import from the installed tarball, minified, and gzip it.
  const esbuild = await import('esbuild');
  const rows = [];
  for (const budget of budgets) {
    await check(`size ${budget.name}`, async () => {
      const result = await esbuild.build({
        stdin: { contents: budget.code, resolveDir: project, sourcefile: 'entry.js', loader: 'js' },
        absWorkingDir: project,
        bundle: true,
        minify: true,
        treeShaking: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const code = result.outputFiles[0].contents;
      const gzip = gzipSync(code, { level: 9 }).length;
      // Only inputs that contribute bytes to the output count: a module that was tree-shaken away
      // is still listed in metafile.inputs, with bytesInOutput 0 in metafile.outputs.
      const [output] = Object.values(result.metafile.outputs);
      const inputs = Object.entries(output.inputs)
        .filter(([, info]) => info.bytesInOutput > 0)
        .map(([input]) => input.replaceAll('\\', '/'));
      const hasPackage = (name) => inputs.some((input) => input.includes(`node_modules/${name}/`));
      rows.push({ name: budget.name, minified: code.length, gzip, budget: budget.maxGzipBytes, fixed: budget.fixed === true });
      const problems = [];
      if (!hasPackage(packed.name)) problems.push(`did not bundle the installed tarball (inputs: ${inputs.join(', ')})`);
      for (const name of budget.mustNotInclude ?? []) if (hasPackage(name)) problems.push(`bundle contains ${name}`);
      for (const name of budget.mustInclude ?? []) if (!hasPackage(name)) problems.push(`bundle does not contain ${name}, so the size does not count it`);
      // Code that must be tree-shaken away, found by text only it has (the bundle is one file per package).
      const text = Buffer.from(code).toString('utf8');
      for (const marker of budget.mustNotContainText ?? []) if (text.includes(marker)) problems.push(`bundle contains ${JSON.stringify(marker)}`);
      for (const marker of budget.mustContainText ?? []) if (!text.includes(marker)) problems.push(`bundle does not contain ${JSON.stringify(marker)}`);
      if (gzip > budget.maxGzipBytes) problems.push(`${gzip} B gzip is over the budget of ${budget.maxGzipBytes} B`);
      if (problems.length > 0) throw new Error(problems.join('; '));
      return `${gzip} B gzip ≤ ${budget.maxGzipBytes} B`;
    });
  }
  printSizes(rows);
}

/**
 * Every package in package-lock.json whose engines.node excludes the running Node or the lowest
 * Node development supports: devEngines.runtime.version when package.json has it, else engines.node
 * (the library's own range, which the development floor may only narrow). Ranges are read as npm
 * reads them (npm-install-checks: semver.satisfies with prereleases included), with the semver
 * that is already installed as a dependency of the tools.
 */
function checkEngines() {
  let semver;
  try {
    semver = createRequire(join(root, 'package.json'))('semver');
  } catch {
    throw new Error('semver is not in node_modules (it came with the tools); install it as a devDependency or replace this check');
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const supported = pkg.engines?.node;
  const development = pkg.devEngines?.runtime?.name === 'node' ? pkg.devEngines.runtime.version : undefined;
  if (typeof supported !== 'string' || semver.validRange(supported) === null) throw new Error(`package.json engines.node is ${JSON.stringify(supported)}`);
  const floor = semver.minVersion(development ?? supported);
  if (floor === null) throw new Error(`no lowest Node in ${JSON.stringify(development ?? supported)}`);
  if (!semver.satisfies(floor, supported)) throw new Error(`the development floor ${floor} is outside engines.node ${supported}`);
  const versions = [...new Set([floor.version, process.versions.node])];
  const excluded = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (path === '') continue;
    const range = entry.engines?.node;
    if (typeof range !== 'string') continue;
    const name = `${path.replace(/^.*node_modules\//, '')}@${entry.version}`;
    for (const version of versions) {
      if (!semver.satisfies(version, range, { includePrerelease: true })) excluded.push(`${name} (engines.node ${range}) excludes Node ${version}`);
    }
  }
  if (excluded.length > 0) throw new Error(`${excluded.length} excluded:\n  ${excluded.join('\n  ')}`);
  return `every package in package-lock.json accepts Node ${versions.join(' and ')}${development ? ` (development floor from devEngines; the library needs ${supported})` : ''}`;
}

function printSizes(rows) {
  if (rows.length === 0) return;
  // "suggested" follows the rule in size-budgets.json: next 1024 B up, plus 1024 B of headroom.
  const suggest = (gzip) => Math.ceil(gzip / 1024) * 1024 + 1024;
  const header = ['import', 'minified B', 'gzip B', 'budget B', 'suggested B'];
  const body = rows.map((r) => [r.name, String(r.minified), String(r.gzip), String(r.budget), r.fixed ? 'fixed' : String(suggest(r.gzip))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of body) console.log(line(row));
  console.log('');
}
