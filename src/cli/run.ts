import { existsSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isKpiError } from '../index.js';
import { HELP, USAGE, parseCommand, type Command } from './args.js';
import { clvMain } from './clv/main.js';
import { isClvCommand } from './clv/args.js';
import { DataError, UsageError, oneLine } from './errors.js';
import { runDuckDbReport } from './engines/duckdb.js';
import { formatCsv } from './output/csv.js';
import { formatHtml } from './output/html.js';
import { formatJson } from './output/json.js';
import { notes, plural } from './output/summary.js';
import { DEFAULT_WIDTH, formatTable } from './output/table.js';
import { runReport, type Report, type Streams } from './report.js';
import { SQL_USAGE, sqlCommandText } from './sqlCommand.js';

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

/** The table's width: `--width`, else the terminal's columns (never under 40), else 80. */
function tableWidth(report: Report, stdout: Streams['stdout']): number {
  if (report.options.width !== undefined) return report.options.width;
  const columns = stdout.isTTY === true ? stdout.columns : undefined;
  return columns !== undefined && Number.isSafeInteger(columns) && columns > 0 ? Math.max(40, columns) : DEFAULT_WIDTH;
}

function render(report: Report, stdout: Streams['stdout']): string {
  switch (report.options.format) {
    case 'json':
      return formatJson(report);
    case 'csv':
      return formatCsv(report);
    case 'html':
      return formatHtml(report);
    default:
      return formatTable(report, tableWidth(report, stdout));
  }
}

/** The line on stderr saying where `--out` wrote the report. */
function wrote(report: Report, file: string, bytes: number): string {
  const { rows, options } = report;
  const periods = new Set(rows.map((row) => row.period)).size;
  const groups = new Set(rows.filter((row) => Object.keys(row.group).length > 0).map((row) => JSON.stringify(row.group))).size;
  const shape = `${plural(periods, options.grain)}${groups === 0 ? '' : ` × ${plural(groups, 'group')} and the total`}`;
  return `Wrote the ${options.format === 'table' ? 'table' : options.format.toUpperCase()} report (${shape}, ${plural(bytes, 'byte')}) to ${file}`;
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
    await write(streams.stderr, `xsell-kpi: ${oneLine(message)}\n${USAGE}\n`);
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
  if (command.kind === 'sql') {
    let text: string;
    try {
      text = sqlCommandText(command.argv);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      await write(streams.stderr, `xsell-kpi: ${oneLine(error.message)}\n${SQL_USAGE}\n`);
      return 2;
    }
    await write(streams.stdout, text);
    return 0;
  }
  const { options } = command;
  try {
    for (const [flag, file] of [['--out', options.out], ['--rejects', options.rejects]] as const) {
      if (file === undefined) continue;
      const folder = dirname(resolve(file));
      if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(`${flag}: no such folder: ${folder}`);
    }
    const report = options.engine === 'duckdb' ? await runDuckDbReport(options, streams) : await runReport(options, streams);
    const text = render(report, streams.stdout);
    if (options.out === undefined) await write(streams.stdout, text);
    else {
      await writeFile(options.out, text);
      await write(streams.stderr, `xsell-kpi: ${wrote(report, options.out, Buffer.byteLength(text))}\n`);
    }
    // The table on stdout says what was left out below it; anything else, stderr does.
    if (options.format !== 'table' || options.out !== undefined) {
      for (const note of notes(report)) await write(streams.stderr, `xsell-kpi: ${note}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    if (error instanceof DataError || isKpiError(error)) {
      await write(streams.stderr, `xsell-kpi: ${oneLine(error.message)}\n`);
      return 1;
    }
    // Errors in reading the input are DataErrors (readers/input.ts); anything else is a bug, and says so.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await write(streams.stderr, `xsell-kpi: internal error (a bug in xsell-kpi ${version()}; please report it with the command line): ${detail}\n`);
    return 1;
  }
}
