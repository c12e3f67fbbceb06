import type { Readable, Writable } from 'node:stream';
import { Scorecard, type ScorecardOptions, type ScorecardRow } from '../index.js';
import type { ReportOptions } from './args.js';
import { DataError, UsageError } from './errors.js';
import { RejectsWriter } from './output/rejects.js';
import { Progress } from './progress.js';
import { GENERIC_LAYOUT, RowReader, withColumns } from './readers/columns.js';
import { CsvParser } from './readers/csv.js';
import { TimestampReader } from './readers/dates.js';
import { inputName, openInput, type Input } from './readers/input.js';
import { EventReader, readLines } from './readers/jsonl.js';
import { DEFAULT_WINDOW, OrderAssembler } from './readers/orders.js';
import { SHOPIFY_LAYOUT } from './readers/shopify.js';
import type { EventSink } from './readers/sink.js';
import { Tally } from './tally.js';

/**
 * `xsell-kpi report`: streams the input into one Scorecard. Memory holds the Scorecard's state
 * (per period and group: the active customers and each KPI's aggregates), the rows of the orders
 * still open (the last `--window` orders; every order with `--unsorted`), the table of order ids
 * read (13 bytes a slot: readers/seenIds.ts) and the customer ids read; never the whole file.
 * @internal
 * @module
 */

/** What a report found. */
export interface Report {
  readonly options: ReportOptions;
  readonly rows: ScorecardRow[];
  readonly tally: Tally;
  /** Rows written to `--rejects`. */
  readonly rejectedRows: number | undefined;
}

/** Standard streams. */
export interface Streams {
  readonly stdin: Readable;
  /** `isTTY` and `columns` when it is a terminal: the table fits its width. */
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean };
}

/**
 * Reads the input and builds the scorecard.
 *
 * @throws {@link UsageError} for a missing file or options that do not fit the input; {@link DataError} for bad data.
  * @internal
 */
export async function runReport(options: ReportOptions, streams: Streams): Promise<Report> {
  const scorecardOptions: ScorecardOptions = { grain: options.grain, timeZone: options.timeZone, groupBy: [...options.groupBy], by: options.by, dedupe: false };
  if (options.currency !== undefined) scorecardOptions.currency = options.currency;
  // Order ids are checked here (each order is read once, or is an error), so the Scorecard need not keep every order.
  const scorecard = new Scorecard(scorecardOptions);
  const { tally, rejectedRows } = await readEvents(options, streams, scorecard);
  return { options, rows: scorecard.result(), tally, rejectedRows };
}

/**
 * Reads the input (CSV or JSON Lines, with the input options of `options`) into `sink`, one event
 * at a time; shared by `report` and `clv`.
 *
 * @returns What was read, counted and skipped, and the rows written to `--rejects`.
 * @throws {@link UsageError} for a missing file or options that do not fit the input; {@link DataError} for bad data.
 * @internal
 */
export async function readEvents(options: ReportOptions, streams: Streams, sink: EventSink): Promise<{ tally: Tally; rejectedRows: number | undefined }> {
  const input = await openInput(options.file, streams.stdin, options.encoding);
  if (input.empty) throw new DataError(`${inputName(options.file)}: the file is empty (no header line${options.from === 'jsonl' || input.kind === 'jsonl' ? ', no event' : ''})`);
  const kind = options.from === undefined ? input.kind : options.from === 'jsonl' ? 'jsonl' : 'csv';
  if (kind === 'jsonl') {
    const csvOnly = [
      options.columns === undefined ? '' : '--columns',
      options.window === DEFAULT_WINDOW ? '' : options.window === Infinity ? '--unsorted' : '--window',
      options.dateFormat === undefined ? '' : '--date-format',
      options.delimiter === undefined ? '' : '--delimiter',
      options.cancelledPrefix === undefined ? '' : '--cancelled-prefix',
      options.excludeSkus === undefined ? '' : '--exclude-sku',
    ].filter((flag) => flag !== '');
    if (csvOnly.length > 0) throw new UsageError(`${csvOnly.join(', ')}: for CSV input only, and ${options.file} is JSON Lines`);
  }
  const tally = new Tally();
  const progress = new Progress(streams.stderr);
  const rejects = options.rejects === undefined ? undefined : new RejectsWriter(options.rejects);
  try {
    if (kind === 'jsonl') await readJsonl(input, sink, tally, progress, options, rejects);
    else await readCsv(input, sink, tally, progress, options, rejects);
  } finally {
    progress.done();
    await rejects?.close();
  }
  return { tally, rejectedRows: rejects?.rows };
}

async function readJsonl(input: Input, sink: EventSink, tally: Tally, progress: Progress, options: ReportOptions, rejects: RejectsWriter | undefined): Promise<void> {
  rejects?.start(['text'], ',');
  const reader = new EventReader(sink, tally, { ...options, rejects });
  for await (const { line, text } of readLines(input.bytes)) {
    reader.read(line, text);
    progress.tick(tally.rows);
  }
}

async function readCsv(input: Input, sink: EventSink, tally: Tally, progress: Progress, options: ReportOptions, rejects: RejectsWriter | undefined): Promise<void> {
  const base = options.from === 'shopify' ? SHOPIFY_LAYOUT : GENERIC_LAYOUT;
  const layout = options.columns === undefined ? base : withColumns(base, options.columns);
  const timestamps = new TimestampReader(options.timeZone, options.dateFormat);
  let assembler: OrderAssembler | undefined;
  let reader: RowReader | undefined;
  const parser = new CsvParser((fields, line) => {
    if (reader === undefined || assembler === undefined) {
      const delimiter = parser.delimiter!;
      const keepFields = rejects !== undefined;
      reader = new RowReader(fields, line, layout, { groupBy: options.groupBy, timestamps, cancelledPrefix: options.cancelledPrefix, mapped: new Set(options.columns?.keys()), delimiter, keepFields });
      // Every column is read for --rejects, which writes skipped rows whole.
      if (!keepFields) parser.readOnly(reader.columns());
      rejects?.start(fields, delimiter);
      assembler = new OrderAssembler(sink, tally, reader.fieldName.bind(reader), { ...options, rejects, timestamps });
      return;
    }
    assembler.push(reader.read(fields, line));
  }, options.delimiter);
  for await (const chunk of input.bytes) {
    parser.push(chunk);
    progress.tick(tally.rows);
  }
  parser.end();
  assembler?.finish();
}

