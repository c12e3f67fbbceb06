/**
 * How runtimes.test.ts bundles smoke.ts with the built package and runs it on Node, Bun, Deno,
 * workerd and headless Chromium. Every file it writes is under .tmp/runtimes/run-<pid>/.
 *
 * The runtimes come from npm devDependencies (bun, deno, workerd: each ships its binary in a
 * platform package such as @oven/bun-linux-x64, so nothing depends on install scripts having run)
 * and from Debian's chromium (/usr/bin/chromium, installed by .ci/run), driven by playwright-core.
 */
import { execFile, type ExecFileException } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const nodeModules = join(repoRoot, 'node_modules');

export { isCI } from '../support/ci.js';

/** The golden text every runtime must print. */
export function expectedText(): string {
  return readFileSync(join(repoRoot, 'test', 'runtimes', 'expected.txt'), 'utf8');
}

/** The ESM entry (`exports['.'].import`) of the package in `packageDir`. */
export function packageEntry(packageDir: string): string {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> };
  const root = manifest.exports?.['.'];
  const condition = typeof root === 'object' && root !== null ? (root as Record<string, unknown>)['import'] : root;
  const target = typeof condition === 'object' && condition !== null ? (condition as Record<string, unknown>)['default'] : condition;
  if (typeof target !== 'string') throw new Error(`${join(packageDir, 'package.json')} has no exports['.'].import entry`);
  const entry = join(packageDir, target);
  if (!existsSync(entry)) {
    throw new Error(`${relative(repoRoot, entry)} does not exist: run \`npm run build\` first (vitest's globalSetup builds dist/ when it is stale)`);
  }
  return entry;
}

/**
 * Bundles test/runtimes/smoke.ts into one self-contained ESM file, `xsell-kpi` being the built
 * package at `entry` (never src/: tsconfig's `paths` would point there, so a plugin resolves it
 * first) and decimal.js its ESM build. Returns the bundle's input files, relative to the repo.
 */
export async function bundleSmoke(entry: string, outfile: string): Promise<string[]> {
  const resolvePackage: Plugin = {
    name: 'xsell-kpi-from-package',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^xsell-kpi$/ }, () => ({ path: entry }));
    },
  };
  const result = await build({
    entryPoints: [join(repoRoot, 'test', 'runtimes', 'smoke.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    plugins: [resolvePackage],
    metafile: true,
    absWorkingDir: repoRoot,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

/** A runtime found on this machine: the executable and its version. */
export interface FoundRuntime {
  executable: string;
  version: string;
}

/** An executable file of at least `minBytes` (npm placeholders of the real binaries are a few hundred bytes). */
function isBinary(path: string, minBytes = 1_000_000): boolean {
  try {
    const stats = statSync(path);
    return stats.isFile() && stats.size >= minBytes && (stats.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** `<node_modules>/<scope>/<any platform package>/<file>` for each installed platform package of a scope. */
function platformBinaries(scope: string, prefix: string, file: string): string[] {
  const folder = join(nodeModules, scope);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(folder, name, file));
}

function versionOf(executable: string, args: string[]): Promise<string> {
  return run(executable, args, { timeoutMs: 20_000 }).then((output) => output.trim().split('\n')[0]!.trim());
}

/** Finds an executable among candidates; the reason it is missing otherwise. */
function firstBinary(name: string, candidates: string[], hint: string): string {
  const found = candidates.find((candidate) => isBinary(candidate));
  if (found === undefined) {
    const looked = candidates.length === 0 ? '(no candidate path)' : candidates.map((candidate) => relative(repoRoot, candidate) || candidate).join(', ');
    throw new Error(`${name} is not installed: looked for ${looked}; ${hint}`);
  }
  return found;
}

/** Where each runtime's executable is (throws, saying why, when it is not there). */
export const locate = {
  node: (): string => process.execPath,
  // @oven/bun-<platform>/bin/bun; bun's own postinstall, where it ran, moves it to bun/bin/bun.exe.
  bun: (): string =>
    firstBinary('bun', [...platformBinaries('@oven', 'bun-', join('bin', 'bun')), join(nodeModules, 'bun', 'bin', 'bun.exe')], 'run `npm ci` (devDependency bun)'),
  // @deno/<platform>/deno; deno's postinstall, where it ran, links it to deno/deno.
  deno: (): string => firstBinary('deno', [...platformBinaries('@deno', '', 'deno'), join(nodeModules, 'deno', 'deno')], 'run `npm ci` (devDependency deno)'),
  // @cloudflare/workerd-<platform>/bin/workerd; workerd's postinstall, where it ran, links it to workerd/bin/workerd.
  workerd: (): string =>
    firstBinary(
      'workerd',
      [...platformBinaries('@cloudflare', 'workerd-', join('bin', 'workerd')), join(nodeModules, 'workerd', 'bin', 'workerd')],
      'run `npm ci` (devDependency workerd)',
    ),
  // Debian's chromium (.ci/run installs it); /usr/bin/chromium is a wrapper script, hence minBytes 0.
  chromium: (): string => {
    const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
    const found = candidates.find((candidate) => isBinary(candidate, 0));
    if (found === undefined) throw new Error(`chromium is not installed: no ${candidates.join(' or ')}; install it with \`apt-get install chromium\` (.ci/run does)`);
    return found;
  },
};

export type RuntimeName = keyof typeof locate;

/** Children still running, killed by {@link killAll}. */
const children = new Set<{ kill(signal?: NodeJS.Signals): boolean }>();

/** Kills every child process that is still running (called after the tests, pass or fail). */
export function killAll(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/**
 * The host's time zone and locale for every runtime: far from UTC and en-US on purpose, so that
 * a figure that leaked the host's clock or language would differ from expected.txt.
 */
export const HOST_ENV = { TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', NO_COLOR: '1' };

interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs: number;
}

/** Runs a program to completion; resolves with its stdout, rejects with stdout and stderr on failure or time-out. */
export function run(command: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      {
        cwd: options.cwd ?? repoRoot,
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', ...HOST_ENV, ...options.env },
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error: ExecFileException | null, stdout: string, stderr: string) => {
        children.delete(child);
        if (error === null) {
          resolve(stdout);
          return;
        }
        const why = error.killed ? `was killed after ${options.timeoutMs} ms` : `failed (${error.code ?? error.signal ?? error.message})`;
        reject(new Error(`\`${command} ${args.join(' ')}\` ${why}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`));
      },
    );
    children.add(child);
  });
}

/** The folder of one test run: the bundle and each runtime's files. */
export function prepareWorkDir(): string {
  const workDir = join(repoRoot, '.tmp', 'runtimes', `run-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  // Node, Bun and Deno import the bundle and print the text.
  writeFileSync(join(workDir, 'print.mjs'), "import { smoke } from './smoke.mjs';\nconsole.log(smoke());\n");
  return workDir;
}

const TIMEOUT_MS = 45_000;

/** The smoke text printed by Node (a plain `node`, not vitest's module runner). */
export async function runNode(workDir: string): Promise<string> {
  return run(locate.node(), ['print.mjs'], { cwd: workDir, timeoutMs: TIMEOUT_MS });
}

/** The smoke text printed by Bun (`bun print.mjs`), without its transpiler cache or telemetry. */
export async function runBun(workDir: string, bun: string): Promise<string> {
  return run(bun, ['print.mjs'], {
    cwd: workDir,
    timeoutMs: TIMEOUT_MS,
    env: { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0', DO_NOT_TRACK: '1', BUN_INSTALL_CACHE_DIR: join(workDir, 'bun-cache') },
  });
}

/** The smoke text printed by Deno (`deno run`, no permissions, no config, its cache in the work folder). */
export async function runDeno(workDir: string, deno: string): Promise<string> {
  return run(deno, ['run', '--quiet', '--no-prompt', '--no-config', '--no-lock', '--no-remote', 'print.mjs'], {
    cwd: workDir,
    timeoutMs: TIMEOUT_MS,
    env: { DENO_DIR: join(workDir, 'deno-cache'), DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' },
  });
}

const BEGIN = '-----BEGIN SMOKE-----';
const END = '-----END SMOKE-----';

/**
 * The smoke text printed by workerd: the bundle is an ES module of a worker whose `test` handler
 * logs it between markers; `workerd test` runs that handler and exits (no socket is opened).
 */
export async function runWorkerd(workDir: string, workerd: string): Promise<string> {
  const folder = join(workDir, 'workerd');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'smoke.mjs'), readFileSync(join(workDir, 'smoke.mjs')));
  writeFileSync(
    join(folder, 'main.mjs'),
    `import { smoke } from './smoke.mjs';\nexport default {\n  test() {\n    console.log(${JSON.stringify(BEGIN)} + '\\n' + smoke() + '\\n' + ${JSON.stringify(END)});\n  },\n};\n`,
  );
  writeFileSync(
    join(folder, 'config.capnp'),
    [
      'using Workerd = import "/workerd/workerd.capnp";',
      '',
      'const config :Workerd.Config = (',
      '  services = [ (name = "smoke", worker = .smokeWorker) ],',
      ');',
      '',
      'const smokeWorker :Workerd.Worker = (',
      '  modules = [',
      '    (name = "main.mjs", esModule = embed "main.mjs"),',
      '    (name = "smoke.mjs", esModule = embed "smoke.mjs"),',
      '  ],',
      '  compatibilityDate = "2026-11-01",',
      ');',
      '',
    ].join('\n'),
  );
  const stdout = await run(workerd, ['test', 'config.capnp'], { cwd: folder, timeoutMs: TIMEOUT_MS });
  const start = stdout.indexOf(`${BEGIN}\n`);
  const end = stdout.lastIndexOf(`\n${END}`);
  if (start < 0 || end < start) throw new Error(`workerd printed no smoke text:\n${stdout}`);
  return `${stdout.slice(start + BEGIN.length + 1, end)}\n`;
}

/** Serves the work folder's smoke.mjs and an empty page on a loopback port. */
function serveBundle(workDir: string): Promise<{ server: Server; url: string }> {
  const bundle = readFileSync(join(workDir, 'smoke.mjs'));
  const server = createServer((request, response) => {
    if (request.url === '/smoke.mjs') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    } else if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><meta charset="utf-8"><title>xsell-kpi smoke</title>');
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}

/** What {@link runChromium} closes after the tests if a failure left it open. */
const openResources = new Set<() => Promise<void>>();

/** Closes a browser or server left open by a failed or timed-out test. */
export async function closeAll(): Promise<void> {
  await Promise.allSettled([...openResources].map((close) => close()));
  openResources.clear();
}

/**
 * The smoke text computed by headless Chromium: a page on a loopback server imports the bundle
 * as an ES module and returns `smoke()`. Resolves with the text and the browser's version.
 */
export async function runChromium(workDir: string, executable: string): Promise<{ text: string; version: string }> {
  const { chromium } = await import('playwright-core');
  const { server, url } = await serveBundle(workDir);
  const closeServer = (): Promise<void> =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  openResources.add(closeServer);
  try {
    // launch() gives the browser a fresh temporary profile (--user-data-dir) and removes it on close.
    const browser = await chromium.launch({
      executablePath: executable,
      headless: true,
      chromiumSandbox: false, // root in CI: --no-sandbox
      timeout: TIMEOUT_MS,
      args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      env: { ...process.env, ...HOST_ENV },
    });
    const closeBrowser = (): Promise<void> => browser.close().catch(() => undefined);
    openResources.add(closeBrowser);
    try {
      const page = await browser.newPage({ locale: 'de-DE', timezoneId: HOST_ENV.TZ });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(url, { timeout: TIMEOUT_MS });
      // A string, not a function: vitest would rewrite a function's `import()` for Node.
      const text: unknown = await page.evaluate("import('/smoke.mjs').then((module) => module.smoke())");
      if (typeof text !== 'string') throw new Error(`smoke() returned ${typeof text} in Chromium`);
      if (pageErrors.length > 0) throw new Error(`errors in the page: ${pageErrors.join('\n')}`);
      return { text: `${text}\n`, version: `Chromium ${browser.version()}` };
    } finally {
      await closeBrowser();
      openResources.delete(closeBrowser);
    }
  } finally {
    await closeServer();
    openResources.delete(closeServer);
  }
}

/** Version lines of the command-line runtimes. */
export const versions = {
  node: async (): Promise<string> => `Node ${process.version}`,
  bun: async (bun: string): Promise<string> => `Bun ${await versionOf(bun, ['--version'])}`,
  deno: async (deno: string): Promise<string> => versionOf(deno, ['--version']),
  workerd: async (workerd: string): Promise<string> => versionOf(workerd, ['--version']),
};

/** True when `file` (relative to the repo) is under src/. */
export function isSourceFile(file: string): boolean {
  return file === 'src' || file.startsWith(`src${sep}`) || file.startsWith('src/');
}
