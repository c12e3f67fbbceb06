// Vitest global setup: makes sure dist/ is built and fresh, then packs the package once per run
// and extracts the tarball, so that tests can check what a user installs rather than src/.
//
//   - dist/ is rebuilt (`npm run build`) when dist/index.js or dist/index.d.ts is missing, or
//     older than any file under src/, tsup.config.ts, tsconfig.json or package.json. A lock
//     directory in .tmp/ keeps two vitest runs in the same working tree from building at once
//     (tsup empties dist/ first, so a second build would pull the files from under the first).
//   - `npm pack --json --pack-destination .tmp/pack/<run>` writes the tarball; `tar` extracts it to
//     .tmp/pack/<run>/package. Both paths are provided to the tests (`inject('packageTarball')`,
//     `inject('packageDir')`); the run's folder is removed at teardown.
//
// A failed build or pack does not stop the whole run (tests that do not need the package still
// run): the error is provided as `packageError`, and the tests that inject the package fail with it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the packed tarball (`xsell-kpi-<version>.tgz`), or `''` after `packageError`. */
    packageTarball: string;
    /** Absolute path of the extracted tarball (the folder holding its package.json), or `''` after `packageError`. */
    packageDir: string;
    /** Why dist/ could not be built or packed, or `null`. */
    packageError: string | null;
  }
}

const root = fileURLToPath(new URL('..', import.meta.url));
const isWindows = process.platform === 'win32';
/** Inputs of the build: a change to any of them makes dist/ stale. */
const buildInputs = ['src', 'tsup.config.ts', 'tsconfig.json', 'package.json'];
/** Outputs that must exist and be newer than every input. */
const buildOutputs = ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts'];

/** The newest modification time (ms) of a file, or of any file below a folder. */
function newestMtime(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why dist/ must be rebuilt, or `null` when it is fresh. */
export function staleReason(): string | null {
  const missing = buildOutputs.filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) return `missing ${missing.join(', ')}`;
  const built = Math.min(...buildOutputs.map((file) => statSync(join(root, file)).mtimeMs));
  for (const input of buildInputs) {
    const path = join(root, input);
    if (existsSync(path) && newestMtime(path) > built) return `${input} changed after the last build`;
  }
  return null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `fn` holding the build lock (.tmp/build.lock, created atomically by mkdir). A lock older
 * than five minutes is left over from a killed run and taken over.
 */
async function withBuildLock<T>(fn: () => T): Promise<T> {
  const lock = join(root, '.tmp', 'build.lock');
  mkdirSync(join(root, '.tmp'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released meanwhile: try again.
      }
      await sleep(200);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: isWindows, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`\`${command} ${args.join(' ')}\` failed\n${stdout}${stderr}`.trimEnd(), { cause: error });
  }
}

/** Builds dist/ when it is stale; returns what was done, for the log. */
async function ensureFreshBuild(): Promise<string> {
  if (staleReason() === null) return 'dist/ is fresh';
  // Checked again under the lock: another run may have just built it.
  return withBuildLock(() => {
    const reason = staleReason();
    if (reason === null) return 'dist/ was built by another run';
    const started = performance.now();
    run('npm', ['run', 'build'], root);
    return `built dist/ (${reason}) in ${Math.round(performance.now() - started)} ms`;
  });
}

interface PackResult {
  filename: string;
}

export default async function setup(project: TestProject): Promise<() => void> {
  // One folder per run (by process id), so that concurrent runs in the same tree do not share one.
  const runDir = join(root, '.tmp', 'pack', `run-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  try {
    const built = await ensureFreshBuild();
    mkdirSync(runDir, { recursive: true });
    // Packed under the lock too, so that no other run rebuilds dist/ while npm reads it.
    const tarball = await withBuildLock(() => {
      const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', runDir], root)) as PackResult[];
      if (packed === undefined) throw new Error('npm pack printed no result');
      return join(runDir, packed.filename);
    });
    run('tar', ['-xzf', tarball, '-C', runDir], root);
    const packageDir = join(runDir, 'package');
    if (!existsSync(join(packageDir, 'package.json'))) throw new Error(`the tarball has no package/package.json: ${tarball}`);
    project.provide('packageTarball', tarball);
    project.provide('packageDir', packageDir);
    project.provide('packageError', null);
    console.log(`[globalSetup] ${built}; packed ${relative(root, tarball)}`);
  } catch (error) {
    project.provide('packageTarball', '');
    project.provide('packageDir', '');
    project.provide('packageError', error instanceof Error ? error.message : String(error));
    console.error(`[globalSetup] could not build or pack the package:\n${error instanceof Error ? error.message : String(error)}`);
  }
  return () => rmSync(runDir, { recursive: true, force: true });
}
