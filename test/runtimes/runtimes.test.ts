/**
 * Every runtime the README claims, proven: smoke.ts, bundled with the built package (the packed
 * tarball when vitest's globalSetup provides it, dist/ otherwise), prints exactly expected.txt on
 * Node, Bun, Deno, workerd and headless Chromium.
 *
 * Outside CI a runtime that is not installed here is skipped with a message; with `CI` set it
 * fails. The runtimes run in parallel; child processes, the browser and the loopback server are
 * closed after the tests whatever happened.
 */
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  bundleSmoke,
  closeAll,
  expectedText,
  isCI,
  isSourceFile,
  killAll,
  locate,
  packageEntry,
  prepareWorkDir,
  repoRoot,
  runBun,
  runChromium,
  runDeno,
  runNode,
  runWorkerd,
  versions,
  type RuntimeName,
} from './support.js';

/**
 * The package to bundle: the extracted tarball when test/globalSetup.ts provided one, else the
 * checkout itself (its dist/). Read loosely, so that this file does not depend on the setup.
 */
function packageDir(): string {
  const provided = inject as unknown as (key: string) => unknown;
  const error = provided('packageError');
  if (typeof error === 'string' && error !== '') throw new Error(`the package could not be built or packed:\n${error}`);
  const dir = provided('packageDir');
  return typeof dir === 'string' && dir !== '' ? dir : repoRoot;
}

interface Runtime {
  name: RuntimeName;
  label: string;
  run(workDir: string, executable: string): Promise<{ text: string; version: string }>;
}

const runtimes: Runtime[] = [
  { name: 'node', label: 'Node', run: async (workDir) => ({ text: await runNode(workDir), version: await versions.node() }) },
  {
    name: 'bun',
    label: 'Bun (npm bun)',
    run: async (workDir, bun) => {
      const [text, version] = await Promise.all([runBun(workDir, bun), versions.bun(bun)]);
      return { text, version };
    },
  },
  {
    name: 'deno',
    label: 'Deno (npm deno)',
    run: async (workDir, deno) => {
      const [text, version] = await Promise.all([runDeno(workDir, deno), versions.deno(deno)]);
      return { text, version };
    },
  },
  {
    name: 'workerd',
    label: "Cloudflare's workerd (npm workerd)",
    run: async (workDir, workerd) => {
      const [text, version] = await Promise.all([runWorkerd(workDir, workerd), versions.workerd(workerd)]);
      return { text, version };
    },
  },
  { name: 'chromium', label: 'headless Chromium (Debian chromium, playwright-core)', run: (workDir, chromium) => runChromium(workDir, chromium) },
];

let workDir = '';
let bundleInputs: string[] = [];
let bundledFrom = '';

beforeAll(async () => {
  workDir = prepareWorkDir();
  const entry = packageEntry(packageDir());
  bundledFrom = relative(repoRoot, entry);
  bundleInputs = await bundleSmoke(entry, join(workDir, 'smoke.mjs'));
});

afterAll(async () => {
  killAll();
  await closeAll();
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

test('the smoke bundle holds the built package and decimal.js, nothing from src/', () => {
  expect(bundleInputs.filter(isSourceFile)).toEqual([]);
  expect(bundleInputs.some((file) => file.endsWith(join('decimal.js', 'decimal.mjs')))).toBe(true);
  expect(bundleInputs).toContain(bundledFrom);
});

describe.concurrent('the smoke prints test/runtimes/expected.txt on', () => {
  for (const runtime of runtimes) {
    let executable = '';
    let missing: string | undefined;
    try {
      executable = locate[runtime.name]();
    } catch (error) {
      missing = error instanceof Error ? error.message : String(error);
    }
    const skip = missing !== undefined && !isCI;
    if (skip) console.warn(`[runtimes] SKIPPED ${runtime.label}: ${missing}. (With CI=true this is a failure.)`);
    test.skipIf(skip)(`${runtime.label}`, async () => {
      if (missing !== undefined) throw new Error(`${missing}. CI=true: every runtime the README claims must run.`);
      const started = performance.now();
      const { text, version } = await runtime.run(workDir, executable);
      console.log(`[runtimes] ${runtime.label}: ${version}, ${Math.round(performance.now() - started)} ms (bundle of ${bundledFrom})`);
      expect(text).toBe(expectedText());
    });
  }
});
