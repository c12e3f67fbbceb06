/**
 * The CLI's CSV reader against csv-parse (the parser it replaced, kept as a devDependency for
 * this), on generated files: quoted fields with delimiters, doubled quotes and line breaks, `\n`,
 * `\r\n` or `\r` line endings, byte order marks, blank lines, multi-byte UTF-8, all cut into chunks
 * at random places, with each of the four delimiters, given or detected from the header; malformed
 * quoting is refused by both; invalid UTF-8 is refused naming its line; lines are counted from the
 * text as written.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DataError } from '../../src/cli/errors.js';
import { CsvParser, DELIMITERS, type Delimiter } from '../../src/cli/readers/csv.js';

interface Parsed {
  readonly records: { line: number; fields: string[] }[];
  readonly error: string | undefined;
  readonly delimiter: Delimiter | undefined;
}

/** Parses bytes cut at `cuts` (positions, any order) with the CLI's reader. */
function parseInChunks(bytes: Uint8Array, cuts: readonly number[], delimiter?: Delimiter): Parsed {
  const records: { line: number; fields: string[] }[] = [];
  const parser = new CsvParser((fields, line) => records.push({ line, fields }), delimiter);
  const ends = [...new Set(cuts.map((cut) => Math.min(cut, bytes.length)))].sort((a, b) => a - b);
  let start = 0;
  try {
    for (const end of [...ends, bytes.length]) {
      parser.push(bytes.subarray(start, end));
      start = end;
    }
    parser.end();
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return { records, error: error.message, delimiter: parser.delimiter };
  }
  return { records, error: undefined, delimiter: parser.delimiter };
}

/**
 * csv-parse with the options the CLI used, then the CLI's rules on top: blank records (one field
 * of whitespace) are skipped unless the header has one field, and every record must have as many
 * fields as the header. Text decoded as TextDecoder does (a leading BOM dropped).
 */
function referenceParse(bytes: Uint8Array, delimiter: Delimiter = ','): { records: string[][]; error: boolean } {
  let raw: string[][];
  try {
    raw = parse(Buffer.from(new TextDecoder().decode(bytes)), { bom: true, delimiter, relax_quotes: false, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch {
    return { records: [], error: true };
  }
  const records: string[][] = [];
  let expected = -1;
  for (const record of raw) {
    if (record.length === 1 && record[0]!.trim() === '' && expected !== 1) continue;
    if (expected === -1) expected = record.length;
    else if (record.length !== expected) return { records, error: true };
    records.push(record);
  }
  return { records, error: false };
}

// ---------------------------------------------------------------------------------------------
// Generated files
// ---------------------------------------------------------------------------------------------

const character = fc.constantFrom('a', 'B', '7', ' ', ',', ';', '|', '"', '\n', '\r', '\r\n', 'é', '€', '😀', '\t', '.', '-', '\u00a0');
const field = fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 6, arbitrary: fc.array(character, { maxLength: 8 }).map((parts) => parts.join('')) });
const lineEnding = fc.constantFrom('\n', '\r\n', '\r');
const delimiter = fc.constantFrom(...DELIMITERS);

/** A field as a CSV writer writes it: quoted when it must be (or when `quoteAnyway`), its quotes doubled. */
function written(value: string, quoteAnyway: boolean, by: Delimiter): string {
  return quoteAnyway || /["\r\n]/.test(value) || value.includes(by) ? `"${value.replaceAll('"', '""')}"` : value;
}

interface File {
  readonly text: string;
  readonly bom: boolean;
  readonly delimiter: Delimiter;
  /** Each record as written, with the line it starts on (counting `\r\n`, `\n` and `\r` as one break each). */
  readonly expected: { line: number; fields: string[] }[];
}

const file: fc.Arbitrary<File> = fc
  .tuple(fc.integer({ min: 1, max: 5 }), lineEnding, fc.boolean(), fc.boolean(), delimiter)
  .chain(([width, ending, bom, finalBreak, by]) =>
    fc
      .array(fc.tuple(fc.array(fc.tuple(field, fc.boolean()), { minLength: width, maxLength: width }), fc.nat({ max: 2 }), fc.boolean()), { minLength: 1, maxLength: 12 })
      .map((rows) => {
        let text = '';
        let line = 1;
        const expected: { line: number; fields: string[] }[] = [];
        rows.forEach(([cells, blankLinesBefore, spacesOnBlank], index) => {
          // Blank lines are skipped, except in a file of one column, where a blank record is a record.
          for (let blank = 0; blank < (width > 1 ? blankLinesBefore : 0); blank += 1) {
            text += `${spacesOnBlank ? '  ' : ''}${ending}`;
            line += 1;
          }
          // A header of one blank field would be a blank line: give it a name.
          const values = cells.map(([value]) => (index === 0 && width === 1 && value.trim() === '' ? 'h' : value));
          // A last empty record without a line break after it would be no record at all: quote it.
          const last = index === rows.length - 1 && !finalBreak && width === 1 && values[0] === '';
          const record = values.map((value, column) => written(value, cells[column]![1] || last, by)).join(by);
          expected.push({ line, fields: values });
          line += (record.match(/\r\n|\r|\n/g) ?? []).length + 1;
          text += record;
          if (index < rows.length - 1 || finalBreak) text += ending;
        });
        return { text, bom, delimiter: by, expected };
      }),
  );

const encoder = new TextEncoder();
const bytesOf = (text: string, bom: boolean): Uint8Array => encoder.encode(bom ? `\ufeff${text}` : text);
const cuts = fc.array(fc.nat({ max: 400 }), { maxLength: 8 });

describe('CsvParser', () => {
  test('reads generated files as csv-parse does, whatever the chunks, each record with the line it starts on', () => {
    fc.assert(
      fc.property(file, cuts, ({ text, bom, delimiter: by, expected }, at) => {
        const bytes = bytesOf(text, bom);
        const parsed = parseInChunks(bytes, at, by);
        expect(parsed.error).toBeUndefined();
        expect(parsed.records.map((record) => record.fields)).toEqual(referenceParse(bytes, by).records);
        expect(parsed.records).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  test('readOnly: the fields of other columns are empty, the records and their lines as before', () => {
    fc.assert(
      fc.property(file, fc.array(fc.nat({ max: 5 }), { maxLength: 4 }), ({ text, bom, delimiter: by, expected }, columns) => {
        const records: { line: number; fields: string[] }[] = [];
        const parser = new CsvParser((fields, line) => {
          if (records.length === 0) parser.readOnly(columns);
          records.push({ line, fields });
        }, by);
        parser.push(bytesOf(text, bom));
        parser.end();
        expect(records).toEqual(expected.map(({ line, fields }, index) => ({ line, fields: index === 0 ? fields : fields.map((value, column) => (columns.includes(column) ? value : '')) })));
      }),
    );
  });

  test('refuses a quote inside an unquoted field, text after a closing quote and a quote never closed, as csv-parse does', () => {
    const broken = fc.tuple(file, fc.nat(), fc.constantFrom('x"y', '"x"y', '"x', ' "x"'), cuts).map(([{ text, bom, delimiter: by }, where, bad, at]) => {
      // Replace the start of a record's first field (or the whole file) with the bad text.
      const starts = [0, ...[...text.matchAll(/\n/g)].map((match) => match.index + 1)];
      const start = starts[where % starts.length]!;
      return { bytes: bytesOf(`${text.slice(0, start)}${bad}${bad === '"x' ? '' : `${by}${text.slice(start)}`}`, bom), by, at };
    });
    fc.assert(
      fc.property(broken, ({ bytes, by, at }) => {
        const reference = referenceParse(bytes, by);
        const parsed = parseInChunks(bytes, at, by);
        expect(parsed.error !== undefined).toBe(reference.error);
        if (parsed.error === undefined) expect(parsed.records.map((record) => record.fields)).toEqual(reference.records);
      }),
      { numRuns: 500 },
    );
  });

  test('detects the delimiter from the header line: the one it has most of outside quotes, a comma when it has none', () => {
    const header = fc.tuple(fc.array(fc.stringMatching(/^[a-z ]{1,6}$/), { minLength: 2, maxLength: 5 }), delimiter, fc.nat({ max: 2 }), lineEnding, cuts);
    fc.assert(
      fc.property(header, ([names, by, blankLines, ending, at]) => {
        // Other delimiters inside a quoted name do not count.
        const quoted = names.map((name, index) => (index === 0 ? `"${name}${DELIMITERS.filter((other) => other !== by).join('')}"` : name));
        const text = `${ending.repeat(blankLines)}${quoted.join(by)}${ending}${names.map(() => '1').join(by)}${ending}`;
        const parsed = parseInChunks(bytesOf(text, false), at);
        expect(parsed.delimiter).toBe(by);
        expect(parsed.records[1]!.fields).toEqual(names.map(() => '1'));
      }),
    );
    expect(parseInChunks(bytesOf('order_id\nA\n', false), []).delimiter).toBe(',');
    expect(parseInChunks(bytesOf('a;b,c;d\n', false), []).delimiter).toBe(';');
    expect(parseInChunks(bytesOf('a;b,c\n', false), []).delimiter).toBe(',');
  });

  test('refuses invalid UTF-8, naming the line of the first invalid byte; never a U+FFFD of its own', () => {
    const bytes = fc.array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0x2c, 0x0a)), { maxLength: 60 }).map((values) => Uint8Array.from(values.filter((value) => value !== 0x22)));
    fc.assert(
      fc.property(bytes, cuts, (input, at) => {
        const parsed = parseInChunks(input, at, ',');
        const text = new TextDecoder().decode(input);
        const invalid = text.indexOf('\uFFFD');
        if (invalid < 0) {
          const reference = referenceParse(input);
          expect(parsed.error !== undefined).toBe(reference.error);
          if (parsed.error === undefined) expect(parsed.records.map((record) => record.fields)).toEqual(reference.records);
          return;
        }
        const line = (text.slice(0, invalid).match(/\r\n|\r|\n/g) ?? []).length + 1;
        expect(parsed.error).toBeDefined();
        if (parsed.error!.includes('UTF-8')) expect(parsed.error).toMatch(new RegExp(`^line ${line}: the text is not valid UTF-8 \\(field \\d+: ".*\\\\x[89A-F][0-9A-F].*"\\); pass --encoding latin1`));
        else expect(Number(/^line (\d+)/.exec(parsed.error!)![1])).toBeLessThan(line);
        for (const record of parsed.records) expect(record.fields.join('')).not.toContain('\uFFFD');
      }),
      { numRuns: 500 },
    );
    // A U+FFFD written in the file is text like any other; a character cut between chunks is whole.
    expect(parseInChunks(bytesOf('a,b\n\uFFFD,é\n', false), [5, 6, 9]).records[1]!.fields).toEqual(['\uFFFD', 'é']);
  });

  test.each([
    ['a,b\n1,2,3\n', 'line 2: malformed CSV: 3 fields where the header has 2'],
    ['a,b\n"x\ny",2\n3\n', 'line 4: malformed CSV: 1 fields where the header has 2'],
    ['a,b\r\n1,x"y\r\n', 'line 2: malformed CSV (INVALID_OPENING_QUOTE): a quote inside field 2'],
    ['a,b\n"1\n\n"x,2\n', 'line 4: malformed CSV (CSV_INVALID_CLOSING_QUOTE): field 1 goes on after its closing quote'],
    ['a,b\n1,2\n3,"4\n5\n', 'line 3: malformed CSV (CSV_QUOTE_NOT_CLOSED): the quote that opens field 2 is never closed'],
  ])('%j: %s', (text, message) => {
    const parsed = parseInChunks(encoder.encode(text), []);
    expect(parsed.error).toMatch(new RegExp(`^${message.replace(/[()]/g, '\\$&')}`));
  });

  test('an empty input, blank lines only, and a header alone', () => {
    expect(parseInChunks(new Uint8Array(), [])).toEqual({ records: [], error: undefined, delimiter: ',' });
    expect(parseInChunks(encoder.encode('\n \r\n\n'), [1, 2])).toEqual({ records: [], error: undefined, delimiter: ',' });
    expect(parseInChunks(encoder.encode('\ufeff\ufeffa,b'), [1, 2, 4])).toEqual({ records: [{ line: 1, fields: ['a', 'b'] }], error: undefined, delimiter: ',' });
  });
});
