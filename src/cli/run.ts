import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isKpiError } from '../index.js';
import { HELP, USAGE, parseCommand, type Command } from './args.js';
import { clvMain } from './clv/main.js';
import { isClvCommand } from './clv/args.js';
import { DataError, UsageError } from './errors.js';
import { formatCsv } from './output/csv.js';
import { formatJson } from './output/json.js';
import { notes } from './output/summary.js';
import { formatTable } from './output/table.js';
import { runReport, type Report, type Streams } from './report.js';

/**
 * The CLI as a function: arguments and streams in, exit code out (0 done, 1 bad data, 2 bad usage).
 * @internal
 * @module
 */

/** The package version, from the package.json above this module (in dist/ or src/cli/). */
function version(): string {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'xsell-kpi' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}

function write(stream: Streams['stdout'], text: string): Promise<void> {
  return new Promise((done, fail) => {
    stream.write(text, (error) => (error ? fail(error) : done()));
  });
}

function render(report: Report): string {
  switch (report.options.format) {
    case 'json':
      return formatJson(report);
    case 'csv':
      return formatCsv(report);
    default:
      return formatTable(report);
  }
}

/**
 * Runs the command line.
 *
 * @param argv - Arguments after the program name.
 * @param streams - Standard input, output and error.
 * @returns The exit code.
  * @internal
 */
export async function main(argv: readonly string[], streams: Streams): Promise<number> {
  const usage = async (message: string): Promise<number> => {
    await write(streams.stderr, `xsell-kpi: ${message}\n${USAGE}\n`);
    return 2;
  };
  if (isClvCommand(argv)) return clvMain(argv, streams, version());
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  if (command.kind === 'help') {
    await write(streams.stdout, `${HELP}\n`);
    return 0;
  }
  if (command.kind === 'version') {
    await write(streams.stdout, `${version()}\n`);
    return 0;
  }
  const { options } = command;
  try {
    for (const [flag, file] of [['--out', options.out], ['--rejects', options.rejects]] as const) {
      if (file === undefined) continue;
      const folder = dirname(resolve(file));
      if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${flag}: no such folder: ${folder}`);
    }
    const report = await runReport(options, streams);
    const text = render(report);
    if (options.out === undefined) await write(streams.stdout, text);
    else await writeFile(options.out, text);
    // The table on stdout says what was left out below it; anything else, stderr does.
    if (options.format !== 'table' || options.out !== undefined) {
      for (const note of notes(report)) await write(streams.stderr, `xsell-kpi: ${note}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    if (error instanceof DataError) {
      await write(streams.stderr, `xsell-kpi: ${error.message}\n`);
      return 1;
    }
    if (isKpiError(error)) {
      await write(streams.stderr, `xsell-kpi: ${error.message}\n`);
      return 1;
    }
    // Errors in reading the input are DataErrors (readers/input.ts); anything else is a bug, and says so.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await write(streams.stderr, `xsell-kpi: internal error (a bug in xsell-kpi ${version()}; please report it with the command line): ${detail}\n`);
    return 1;
  }
}
