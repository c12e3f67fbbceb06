import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isKpiError } from '../../index.js';
import { DataError, oneLine, UsageError } from '../errors.js';
import type { Streams } from '../report.js';
import { CLV_HELP, CLV_USAGE, parseClv, type ClvCommand } from './args.js';
import { runClv, type ClvReport } from './command.js';
import { formatClvCsv, formatClvJson, formatClvTable, notes } from './output.js';

/**
 * `xsell-kpi clv` as a function: arguments and streams in, exit code out (0 done, 1 bad data or
 * data the models cannot be fitted to, 2 bad usage), as `main` is for `report`.
 * @internal
 * @module
 */

function write(stream: Streams['stdout'], text: string): Promise<void> {
  return new Promise((done, fail) => {
    stream.write(text, (error) => (error ? fail(error) : done()));
  });
}

function render(report: ClvReport): string {
  switch (report.options.format) {
    case 'json':
      return formatClvJson(report);
    case 'csv':
      return formatClvCsv(report);
    default:
      return formatClvTable(report);
  }
}

/**
 * Runs `xsell-kpi clv`.
 *
 * @param argv - Arguments after the program name (`clv` among them).
 * @param streams - Standard input, output and error.
 * @param version - The package version, for `--version` and the internal-error message.
 * @returns The exit code.
 * @internal
 */
export async function clvMain(argv: readonly string[], streams: Streams, version: string): Promise<number> {
  const usage = async (message: string): Promise<number> => {
    await write(streams.stderr, `xsell-kpi: ${message}\n${CLV_USAGE}\n`);
    return 2;
  };
  try {
    let command: ClvCommand;
    try {
      command = parseClv(argv);
    } catch (error) {
      if (error instanceof UsageError) return await usage(error.message);
      throw error;
    }
    if (command.kind === 'help') {
      await write(streams.stdout, `${CLV_HELP}\n`);
      return 0;
    }
    if (command.kind === 'version') {
      await write(streams.stdout, `${version}\n`);
      return 0;
    }
    const { options } = command;
    for (const [flag, file] of [['--out', options.out], ['--rejects', options.input.rejects]] as const) {
      if (file === undefined) continue;
      const folder = dirname(resolve(file));
      if (!existsSync(folder) || !statSync(folder).isDirectory()) return await usage(`${flag}: no such folder: ${folder}`);
    }
    const report = await runClv(options, streams);
    const text = render(report);
    if (options.out === undefined) await write(streams.stdout, text);
    else await writeFile(options.out, text);
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
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    await write(streams.stderr, `xsell-kpi: internal error (a bug in xsell-kpi ${version}; please report it with the command line): ${detail}\n`);
    return 1;
  }
}
