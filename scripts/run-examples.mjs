#!/usr/bin/env node
// Runs every examples/*.ts with the local tsx, one after another, from the repository root, so
// that `import ... from 'xsell-kpi'` resolves through tsconfig.json `paths` to src/index.ts.
// Prints `ok examples/<name>.ts` per example; a failing example's output is printed and the script
// exits 1 naming it. No examples at all is a failure too. `--verbose` prints every example's output.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const verbose = process.argv.includes('--verbose');
const isWindows = process.platform === 'win32';
const tsx = join(root, 'node_modules', '.bin', isWindows ? 'tsx.cmd' : 'tsx');
const timeoutMs = 120_000;

if (!existsSync(tsx)) {
  console.error(`FAIL examples: ${tsx} not found; run \`npm ci\` first`);
  process.exit(1);
}

const examplesDir = join(root, 'examples');
const examples = existsSync(examplesDir)
  ? readdirSync(examplesDir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
      .map((entry) => `examples/${entry.name}`)
      .sort()
  : [];

if (examples.length === 0) {
  console.error('FAIL examples: no examples found (examples/*.ts)');
  process.exit(1);
}

const failed = [];
for (const example of examples) {
  const run = spawnSync(tsx, [example], {
    cwd: root,
    encoding: 'utf8',
    shell: isWindows,
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trimEnd();
  if (run.status === 0) {
    console.log(`ok ${example}`);
    if (verbose && output) console.log(indent(output));
  } else {
    const why = run.error
      ? run.error.message
      : run.signal
        ? `killed by ${run.signal}${run.signal === 'SIGTERM' ? ` (timeout ${timeoutMs / 1000} s?)` : ''}`
        : `exit code ${run.status}`;
    console.log(`FAIL ${example}: ${why}`);
    if (output) console.log(indent(output));
    failed.push(example);
  }
}

if (failed.length > 0) {
  console.error(`\n${failed.length} of ${examples.length} example(s) failed: ${failed.join(', ')}`);
  process.exit(1);
}

function indent(text) {
  return text.replace(/^/gm, '    ');
}
