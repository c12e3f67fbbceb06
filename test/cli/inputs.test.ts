/**
 * Files as shops and spreadsheets write them (issue 12): the same orders written with a byte order
 * mark, CRLF, semicolons, tabs or pipes, in Latin-1 / windows-1252 or UTF-16LE, with line breaks
 * inside quoted fields, each read to the Scorecard of the same orders (written out here by hand);
 * invalid UTF-8 and empty files refused with a message that says what to do.
 */
import { describe, expect, test } from 'vitest';
import type { Order } from 'xsell-kpi';
import { expectedRows, parseReport, runMain } from './support.js';

const HEADER = ['order_id', 'customer_id', 'timestamp', 'sku', 'category', 'quantity', 'unit_price', 'channel'];
const ROWS = [
  ['1001', 'anne', '2026-03-02 10:00:00', 'CAFÉ', 'coffee, beans', '2', '4.50', 'web'],
  ['1001', 'anne', '2026-03-02 10:00:00', 'CAFÈ', 'coffee\ndecaf', '1', '5.25', 'web'],
  ['1002', 'böb', '2026-03-05 09:30:00', 'THÉ', 'tea; green', '3', '2.10', 'store|pos'],
];

/** The rows above as orders: CAFÉ and CAFÈ are two products, so order 1001 is cross-sold. */
const ORDERS: Order[] = [
  {
    orderId: '1001',
    customerId: 'anne',
    timestamp: '2026-03-02T10:00:00Z',
    channel: 'web',
    lines: [
      { sku: 'CAFÉ', category: 'coffee, beans', quantity: 2, unitPrice: '4.50' },
      { sku: 'CAFÈ', category: 'coffee\ndecaf', quantity: 1, unitPrice: '5.25' },
    ],
  },
  { orderId: '1002', customerId: 'böb', timestamp: '2026-03-05T09:30:00Z', channel: 'store|pos', lines: [{ sku: 'THÉ', category: 'tea; green', quantity: 3, unitPrice: '2.10' }] },
];
const EXPECTED = expectedRows(ORDERS, { groupBy: ['channel'] });

/** The rows as a CSV writer writes them: fields with the delimiter, a quote or a line break quoted. */
function csv(delimiter: string, ending: string): string {
  const field = (value: string): string => (value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [HEADER, ...ROWS].map((row) => row.map(field).join(delimiter)).join(ending) + ending;
}

async function report(input: string | Buffer, ...flags: string[]): Promise<unknown> {
  return parseReport(await runMain(['report', '-', '--group-by', 'channel', '--format', 'json', ...flags], input)).rows;
}

describe('files as they are exported', () => {
  test.each([
    ['commas, LF', ',', '\n'],
    ['commas, CRLF', ',', '\r\n'],
    ['semicolons (a European spreadsheet)', ';', '\r\n'],
    ['tabs', '\t', '\n'],
    ['pipes', '|', '\n'],
  ])('%s: the delimiter is found from the header, and given, alike', async (_name, delimiter, ending) => {
    // With CRLF the line break inside the quoted category is written as is (\n).
    const text = csv(delimiter, ending);
    expect(await report(text)).toEqual(EXPECTED);
    expect(await report(`\ufeff${text}`)).toEqual(EXPECTED);
    expect(await report(text, '--delimiter', delimiter === '\t' ? 'tab' : delimiter)).toEqual(EXPECTED);
  });

  test('a semicolon file read with the wrong --delimiter says which one to pass', async () => {
    const run = await runMain(['report', '-', '--delimiter', ','], csv(';', '\n'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^xsell-kpi: line 1: no column for order_id .*; the header was split at ",", but has ";" in it: pass --delimiter ";"\. /);
  });

  test('Latin-1 with --encoding latin1 (or windows-1252): É and È stay two products', async () => {
    const latin1 = Buffer.from(csv(',', '\r\n'), 'latin1');
    expect(await report(latin1, '--encoding', 'latin1')).toEqual(EXPECTED);
    expect(await report(latin1, '--encoding', 'windows-1252')).toEqual(EXPECTED);
  });

  test('--encoding latin1 is read as windows-1252, as browsers read it: 0x80 is €, 0x92 is ’', async () => {
    const bytes = Buffer.concat([Buffer.from('order_id,customer_id,timestamp,sku,unit_price\nA,ann,2026-03-02 10:00:00,MUG '), Buffer.from([0x80, 0x92]), Buffer.from(',1\n')]);
    const order: Order = { orderId: 'A', customerId: 'ann', timestamp: '2026-03-02T10:00:00Z', lines: [{ sku: 'MUG €’', unitPrice: '1' }] };
    for (const encoding of ['latin1', 'windows-1252']) expect(await report(bytes, '--encoding', encoding)).toEqual(expectedRows([order], { groupBy: ['channel'] }));
  });

  test('Latin-1 read as UTF-8 (the default) is an error naming the line and --encoding, never a silent U+FFFD', async () => {
    const run = await runMain(['report', '-'], Buffer.from(csv(',', '\n'), 'latin1'));
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe('xsell-kpi: line 2: the text is not valid UTF-8 (field 4: "CAF\\xC9"); pass --encoding latin1 (also read as windows-1252) or --encoding utf-16le for a file in another encoding\n');
    // The same with --skip-invalid: an encoding is not a bad row.
    expect((await runMain(['report', '-', '--skip-invalid'], Buffer.from(csv(',', '\n'), 'latin1'))).code).toBe(1);
  });

  test('UTF-16LE: found by its byte order mark, or with --encoding utf-16le', async () => {
    const text = csv(';', '\r\n');
    expect(await report(Buffer.from(`\ufeff${text}`, 'utf16le'))).toEqual(EXPECTED);
    expect(await report(Buffer.from(text, 'utf16le'), '--encoding', 'utf-16le')).toEqual(EXPECTED);
    // Without the mark or the option, the NULs of UTF-16 are named.
    const run = await runMain(['report', '-'], Buffer.from(text, 'utf16le'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the header holds NUL characters: is the file UTF-16? pass --encoding utf-16le');
    // A lone surrogate on line 3.
    const broken = Buffer.concat([Buffer.from('\ufeffa,b\n1,2\n1,', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('\n', 'utf16le')]);
    expect((await runMain(['report', '-'], broken)).stderr).toMatch(/^xsell-kpi: line 3: the text is not valid UTF-16LE/);
    const bigEndian = await runMain(['report', '-'], Buffer.from([0xfe, 0xff, 0x00, 0x61]));
    expect(bigEndian.stderr).toMatch(/UTF-16 big-endian/);
  });

  test('line breaks inside quoted fields: the rows after them are named by their own line', async () => {
    const text = `${csv(',', '\n')}1003,cy,2026-03-06 10:00:00,X,,1,ten,web\n`;
    const run = await runMain(['report', '-'], text);
    // Header 1, rows 2, 3-4 (a line break in the category), 5, then line 6.
    expect(run.stderr).toBe('xsell-kpi: line 6, unit_price: INVALID_MONEY: expected a plain decimal string such as "19.99", got "ten" (order "1003")\n');
  });

  test.each([
    ['0 bytes', ''],
    ['blank lines', '\n  \r\n\n'],
    ['a byte order mark and a line break', '\ufeff\n'],
  ])('an empty file (%s) is an error: there is no header', async (_name, text) => {
    for (const flags of [[], ['--from', 'csv'], ['--skip-invalid']]) {
      const run = await runMain(['report', '-', ...flags], text);
      expect(run).toEqual({ code: 1, stdout: '', stderr: 'xsell-kpi: standard input: the file is empty (no header line)\n' });
    }
  });

  test('a header alone is no data: an empty scorecard, exit 0', async () => {
    for (const text of ['order_id,customer_id,timestamp,sku,unit_price\n', 'order_id;customer_id;timestamp;sku;unit_price']) {
      const report = parseReport(await runMain(['report', '-', '--format', 'json'], text));
      expect(report.rows).toEqual([]);
      expect(report.totals.read.rows).toBe(0);
    }
  });
});

describe('JSON Lines', () => {
  test('are read in --encoding too, and invalid UTF-8 names its line', async () => {
    const text = '{"orderId":"o1","customerId":"Zoë","timestamp":"2026-03-02T10:00:00Z","lines":[{"sku":"CAFÉ","unitPrice":"4.5"}]}\n';
    const order: Order = { orderId: 'o1', customerId: 'Zoë', timestamp: '2026-03-02T10:00:00Z', lines: [{ sku: 'CAFÉ', unitPrice: '4.5' }] };
    expect(parseReport(await runMain(['report', '-', '--encoding', 'latin1', '--format', 'json'], Buffer.from(text, 'latin1'))).rows).toEqual(expectedRows([order], {}));
    expect(parseReport(await runMain(['report', '-', '--format', 'json'], Buffer.from(`\ufeff${text}`, 'utf16le'))).rows).toEqual(expectedRows([order], {}));
    const run = await runMain(['report', '-'], Buffer.from(`\n${text}`, 'latin1'));
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(/^xsell-kpi: line 2: the text is not valid UTF-8 \(".*Zo\\xEB.*"\); pass --encoding latin1/);
  });
});
