import { DataError } from '../errors.js';
import { utf8 } from './text.js';

/**
 * CSV records with the 1-based file line each starts on, read from UTF-8 bytes as they stream in:
 * RFC 4180 quoting (delimiters, doubled quotes and line breaks inside quoted fields), records ended
 * by `\r\n`, `\n` or `\r`, a UTF-8 byte order mark skipped, blank lines skipped. Fields are
 * separated by `,`, `;`, a tab or `|`: the one given, or the one the header line has most of (outside
 * quotes; a comma when it has none). Strict: every record must have as many fields as the header, a
 * stray or unclosed quote stops the run, naming the line, since the rows after it cannot be
 * trusted, and so does text that is not valid UTF-8 (readers/text.ts).
 *
 * Why not a general CSV library: the CLI's hot path is this loop. Lines without a quote (nearly all
 * of them in shop exports) are found with `Buffer#indexOf` and decoded in one call each, then split
 * at their delimiters; only a line with a quote is read byte by byte. Each line is decoded on its own,
 * so a field kept by the Scorecard (a customer id, a SKU) holds on to its line at most, never to a
 * whole chunk of the file.
 * @internal
 * @module
 */

/** @internal The delimiters `--delimiter` takes and detection chooses from, in order of preference on a tie. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
/** One of {@link DELIMITERS}. */
export type Delimiter = (typeof DELIMITERS)[number];

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Line breaks in a text: `\r\n`, `\n` or `\r`, each one. */
function breaksIn(text: string): number {
  let breaks = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) breaks += 1;
  for (let index = text.indexOf('\r'); index !== -1; index = text.indexOf('\r', index + 1)) if (text.charCodeAt(index + 1) !== LF) breaks += 1;
  return breaks;
}

/** The error of malformed CSV, naming the line, the code (csv-parse's codes, kept from before) and what is wrong. */
function malformed(line: number, code: string, detail: string): DataError {
  return new DataError(`line ${line}: malformed CSV (${code}): ${detail}`);
}

/** @internal Receives each record: its fields and the 1-based line it starts on. */
export type RecordHandler = (fields: string[], line: number) => void;

/**
 * The delimiter a header line has most of outside quotes (`,` on a tie with it, or when it has none).
 */
function detectDelimiter(bytes: Buffer, start: number, end: number): Delimiter {
  const counts = DELIMITERS.map(() => 0);
  const codes = DELIMITERS.map((delimiter) => delimiter.charCodeAt(0));
  let quoted = false;
  for (let index = start; index < end; index++) {
    const byte = bytes[index]!;
    if (byte === QUOTE) quoted = !quoted;
    else if (!quoted) {
      const which = codes.indexOf(byte);
      if (which >= 0) counts[which]! += 1;
    }
  }
  let best = 0;
  for (let which = 1; which < counts.length; which++) if (counts[which]! > counts[best]!) best = which;
  return DELIMITERS[best]!;
}

/**
 * @internal A streaming CSV parser: give it bytes with {@link CsvParser.push} as they come and call
 * {@link CsvParser.end} at the end; it hands each record to its handler as soon as the record is
 * complete (so a record's objects die young). The first record is the header, and sets the number
 * of fields of every other record.
 */
export class CsvParser {
  readonly #onRecord: RecordHandler;
  /** The delimiter; `undefined` until the header line is read when it is detected. */
  #delimiter: Delimiter | undefined;
  #delimiterCode = 44;
  /** Bytes of a record that is not complete yet. */
  #rest: Buffer | undefined;
  /** The line the next record starts on. */
  #line = 1;
  /** Fields of the header; -1 before it. */
  #expected = -1;
  /** Whether the start of the input (and its byte order mark) is behind. */
  #started = false;
  /** Column → 1 when its fields are read (see {@link CsvParser.readOnly}); every column when undefined. */
  #read: Uint8Array | undefined;

  /**
   * @param onRecord - Called with each record, header first, blank lines skipped.
   * @param delimiter - The field delimiter; detected from the header line when not given.
   */
  constructor(onRecord: RecordHandler, delimiter?: Delimiter) {
    this.#onRecord = onRecord;
    this.#delimiter = delimiter;
    if (delimiter !== undefined) this.#delimiterCode = delimiter.charCodeAt(0);
  }

  /** The delimiter: given, or detected from the header line (`undefined` before it is read). */
  get delimiter(): Delimiter | undefined {
    return this.#delimiter;
  }

  /**
   * From the next record on, reads the fields of these columns only (0-based), and gives `''` for
   * the others: a field that no one reads is not made into a string. Records keep their number of
   * fields, and are checked as before.
   */
  readOnly(columns: readonly number[]): void {
    const read = new Uint8Array(Math.max(0, ...columns) + 1);
    for (const column of columns) read[column] = 1;
    this.#read = read;
  }

  /**
   * Reads the next bytes of the input, handing on every record they complete.
   *
   * @throws {@link DataError} for malformed CSV, naming the line; whatever the handler throws.
   */
  push(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.#parse(this.#rest === undefined ? bytes : Buffer.concat([this.#rest, bytes]), false);
  }

  /**
   * Ends the input: the last record need not end with a line break.
   *
   * @throws {@link DataError} for malformed CSV (such as a quote never closed), naming the line.
   */
  end(): void {
    const rest = this.#rest ?? Buffer.alloc(0);
    this.#rest = undefined;
    this.#parse(rest, true);
  }

  #parse(bytes: Buffer, final: boolean): void {
    const length = bytes.length;
    let position = 0;
    if (!this.#started) {
      // A byte order mark (two, if the text was decoded once with one kept) is not part of the header.
      if (length < 6 && !final) {
        this.#rest = bytes;
        return;
      }
      while (bytes[position] === 0xef && bytes[position + 1] === 0xbb && bytes[position + 2] === 0xbf && position < 6) position += 3;
      this.#started = true;
    }
    if (this.#delimiter === undefined) {
      // Detected from the header: the first line with something other than white space on it.
      let start = position;
      let end = start;
      for (;;) {
        end = Math.min(indexOrLength(bytes, LF, start), indexOrLength(bytes, CR, start));
        if (end === length || bytes.toString('latin1', start, end).trim() !== '') break;
        start = end + 1;
      }
      if (end === length && !final) {
        this.#rest = bytes.subarray(position);
        return;
      }
      this.#delimiter = detectDelimiter(bytes, start, end);
      this.#delimiterCode = this.#delimiter.charCodeAt(0);
    }
    // The next line feed, carriage return and quote at or after `position` (`length` when none).
    let lineFeed = -1;
    let carriageReturn = -1;
    let quote = -1;
    while (position < length) {
      if (lineFeed < position) lineFeed = indexOrLength(bytes, LF, position);
      if (carriageReturn < position) carriageReturn = indexOrLength(bytes, CR, position);
      if (quote < position) quote = indexOrLength(bytes, QUOTE, position);
      const lineEnd = lineFeed < carriageReturn ? lineFeed : carriageReturn;
      let fields: string[];
      let next: number;
      let breaks = 0;
      if (quote >= lineEnd) {
        // No quote before the end of the line: the record is the line.
        if (lineEnd === length && !final) break;
        fields = splitLine(utf8(bytes, position, lineEnd, this.#line, 0, this.#delimiterCode), this.#delimiter, this.#read);
        next = lineEnd;
      } else {
        const record = this.#quotedRecord(bytes, position, final);
        if (record === undefined) break;
        ({ fields, next, breaks } = record);
      }
      // The record's line break: `\r\n`, `\n` or `\r` (a `\r` last in the bytes may be the start of `\r\n`).
      if (next < length) {
        if (bytes[next] === CR) {
          if (next + 1 === length && !final) break;
          next += bytes[next + 1] === LF ? 2 : 1;
        } else {
          next += 1;
        }
      }
      const line = this.#line;
      this.#line += 1 + breaks;
      position = next;
      if (fields.length === 1 && fields[0]!.trim() === '' && this.#expected !== 1) continue; // a blank line
      if (this.#expected === -1) this.#expected = fields.length;
      else if (fields.length !== this.#expected) throw new DataError(`line ${line}: malformed CSV: ${fields.length} fields where the header has ${this.#expected}`);
      this.#onRecord(fields, line);
    }
    this.#rest = position < length ? bytes.subarray(position) : undefined;
  }

  /**
   * Reads a record with a quote in its first line, field by field, from `start`.
   *
   * @returns Its fields, the position of its line break (or of the end), and the line breaks
   * inside its quoted fields; `undefined` when the bytes end before the record does.
   */
  #quotedRecord(bytes: Buffer, start: number, final: boolean): { fields: string[]; next: number; breaks: number } | undefined {
    const length = bytes.length;
    const fields: string[] = [];
    let breaks = 0;
    let position = start;
    for (;;) {
      let value: string;
      if (bytes[position] === QUOTE) {
        const opening = this.#line + breaks;
        let from = position + 1;
        let doubled = false;
        let closing: number;
        for (;;) {
          closing = bytes.indexOf(QUOTE, from);
          if (closing === -1) {
            if (!final) return undefined;
            throw malformed(opening, 'CSV_QUOTE_NOT_CLOSED', `the quote that opens field ${fields.length + 1} is never closed`);
          }
          // A quote last in the bytes may be the first of two: then the field is not complete (see `after` below).
          if (bytes[closing + 1] !== QUOTE) break;
          doubled = true;
          from = closing + 2;
        }
        value = utf8(bytes, position + 1, closing, opening, fields.length + 1);
        if (doubled) value = value.replaceAll('""', '"');
        breaks += breaksIn(value);
        position = closing + 1;
        const after = position < length ? bytes[position] : -1;
        if (after === -1 && !final) return undefined;
        if (after !== this.#delimiterCode && after !== LF && after !== CR && after !== -1) {
          throw malformed(this.#line + breaks, 'CSV_INVALID_CLOSING_QUOTE', `field ${fields.length + 1} goes on after its closing quote; quote the whole field and double the quotes inside it`);
        }
      } else {
        let end = position;
        let byte = -1;
        while (end < length) {
          byte = bytes[end]!;
          if (byte === this.#delimiterCode || byte === LF || byte === CR || byte === QUOTE) break;
          end += 1;
        }
        if (end < length && byte === QUOTE) {
          throw malformed(this.#line + breaks, 'INVALID_OPENING_QUOTE', `a quote inside field ${fields.length + 1}, which does not start with one; quote the whole field and double the quotes inside it`);
        }
        if (end === length && !final) return undefined;
        value = utf8(bytes, position, end, this.#line + breaks, fields.length + 1);
        position = end;
      }
      fields.push(this.#read === undefined || this.#read[fields.length] === 1 ? value : '');
      if (position < length && bytes[position] === this.#delimiterCode) {
        position += 1;
        continue;
      }
      return { fields, next: position, breaks };
    }
  }
}

function indexOrLength(bytes: Buffer, byte: number, from: number): number {
  const index = bytes.indexOf(byte, from);
  return index === -1 ? bytes.length : index;
}

/** The fields of a line without quotes; those of columns not `read` are `''`. */
function splitLine(line: string, delimiter: string, read: Uint8Array | undefined): string[] {
  const fields: string[] = [];
  let start = 0;
  for (let comma = line.indexOf(delimiter); comma !== -1; comma = line.indexOf(delimiter, start)) {
    fields.push(read === undefined || read[fields.length] === 1 ? line.slice(start, comma) : '');
    start = comma + 1;
  }
  fields.push(read === undefined || read[fields.length] === 1 ? (start === 0 ? line : line.slice(start)) : '');
  return fields;
}

