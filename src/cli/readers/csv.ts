import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { DataError } from '../errors.js';

/**
 * CSV records with the 1-based file line each starts on, through csv-parse's streaming parser:
 * RFC 4180 quoting (commas, quotes and line breaks inside quoted fields), CRLF or LF, a UTF-8 BOM,
 * blank lines skipped. Strict: every record must have as many fields as the header, and a stray or
 * unclosed quote stops the run, since the rows after it cannot be trusted.
 *
 * Lines are counted here, not by csv-parse: its `info` option builds an object per record (a third
 * of the parsing time on large files) and counts a `\r\n` inside a quoted field as two lines. So
 * csv-parse runs with `relax_column_count` and `skip_empty_lines` off, and this module skips blank
 * lines and checks the field count itself, naming the line.
 * @internal
 * @module
 */

/** One CSV record. */
export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

/** Line breaks inside the fields of a record: `\r\n`, `\n` or `\r`, each one break. */
function breaksIn(fields: readonly string[]): { breaks: number; crlf: number } {
  let breaks = 0;
  let crlf = 0;
  for (const field of fields) {
    if (field.indexOf('\n') === -1 && field.indexOf('\r') === -1) continue;
    for (let index = 0; index < field.length; index++) {
      const code = field.charCodeAt(index);
      if (code === 13) {
        breaks += 1;
        if (field.charCodeAt(index + 1) === 10) {
          crlf += 1;
          index += 1;
        }
      } else if (code === 10) {
        breaks += 1;
      }
    }
  }
  return { breaks, crlf };
}

/**
 * Parses CSV text; the first record is the header.
 *
 * @param chunks - UTF-8 text in chunks.
 * @returns The records, each with its starting line.
 * @throws {@link DataError} for malformed CSV, naming the line.
  * @internal
 */
export async function* readCsv(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  // The field count is checked below; relax_column_count only lets blank lines through to be skipped.
  const parser = parse({ bom: true, relax_quotes: false, relax_column_count: true, skip_empty_lines: false });
  const source = Readable.from(chunks, { objectMode: false });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let line = 1;
  let expected = -1;
  // csv-parse's own line count (for its error messages) minus this one's.
  let extra = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const start = line;
      const { breaks, crlf } = breaksIn(record);
      line += 1 + breaks;
      extra += crlf;
      if (record.length === 1 && record[0]!.trim() === '' && expected !== 1) continue; // a blank line
      if (expected === -1) expected = record.length;
      else if (record.length !== expected) {
        throw new DataError(`line ${start}: malformed CSV: ${record.length} fields where the header has ${expected}`);
      }
      yield { line: start, fields: record };
    }
  } catch (error) {
    const csvError = error as Partial<CsvError> & Error;
    if (typeof csvError.code === 'string' && (csvError.code.startsWith('CSV_') || csvError.code === 'INVALID_OPENING_QUOTE')) {
      const at = typeof csvError.lines === 'number' ? csvError.lines - extra : undefined;
      throw new DataError(`${at === undefined ? '' : `line ${at}: `}malformed CSV (${csvError.code}): ${csvError.message.replace(/ (on|at) line \d+/, '')}`);
    }
    throw error;
  } finally {
    source.destroy();
  }
}
