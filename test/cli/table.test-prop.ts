/**
 * The terminal table fits its width (SPEC section 12): no line longer than `--width` (80 and 120,
 * and any width from the least allowed up), the KPIs shown the first ones of the priority order (or
 * of `--kpis`) that fit, every KPI not shown named below the table, a legend line for each column
 * whose label is not self-explanatory, one decimal in every percent. Widths are counted here in
 * terminal columns without the CLI's own width function: the data has only one-column characters
 * besides the wide ones this file puts in group names on purpose.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseCommand, type ReportOptions } from '../../src/cli/args.js';
import { REPORT_KPIS, TABLE_KPI_NAMES } from '../../src/cli/output/kpis.js';
import { formatTable } from '../../src/cli/output/table.js';
import { runReport, type Report } from '../../src/cli/report.js';
import { largeReportEvents } from './reportData.js';
import { repoRoot, runMain } from './support.js';

/** Code points this file's data has that take two terminal columns. */
const WIDE = new Set(['日', '本', '語', '😀']);

/** Terminal columns, counted independently of src/cli/output/text.ts. */
function columns(line: string): number {
  let width = 0;
  for (const char of line) width += WIDE.has(char) ? 2 : 1;
  return width;
}

const orders = `${repoRoot}examples/data/orders.csv`;
const demo = ['report', orders, '--grain', 'month', '--time-zone', 'Europe/Berlin'];
const LABELS = new Map(REPORT_KPIS.map((kpi) => [kpi.name, kpi.label]));

/** A report of `argv`, read once: the properties lay it out many times. */
async function report(argv: readonly string[], stdin = ''): Promise<Report> {
  const command = parseCommand(argv);
  if (command.kind !== 'report') throw new Error('not a report command');
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  return runReport(command.options, { stdin: Readable.from([Buffer.from(stdin)]), stdout: sink, stderr: sink });
}

function withOptions(base: Report, options: Partial<ReportOptions>): Report {
  return { ...base, options: { ...base.options, ...options } };
}

/** The heading lines (above the rule of `─`) and the lines after the table's blank line, joined back into sentences. */
function parts(text: string): { heading: string[]; body: string[]; notes: string } {
  const lines = text.split('\n');
  const rule = lines.findIndex((line) => /^─+( +─+)*$/.test(line));
  const blank = lines.indexOf('', rule);
  return { heading: lines.slice(0, rule), body: lines.slice(rule + 1, blank), notes: lines.slice(blank + 1).join('\n').replace(/\n {2}/g, ' ') };
}

/** The KPIs named in a "Not shown, …: a (name), b." sentence. */
function namedIn(notes: string, sentence: RegExp): string[] {
  const match = sentence.exec(notes);
  if (match === null) return [];
  return match[1]!.split(', ').map((item) => /\(([A-Za-z]+)\)$/.exec(item)?.[1] ?? item);
}

/** `withoutReturns`: net revenue is left out of the default table without a word (it is revenue). */
function checkTable(text: string, width: number, chosen: readonly string[] | undefined, withoutReturns: boolean): void {
  for (const line of text.split('\n')) expect(columns(line)).toBeLessThanOrEqual(width);
  // One decimal in every percent, in the table and the notes.
  for (const percent of text.match(/[\d.,]+%/g) ?? []) expect(percent).toMatch(/^\d+\.\d%$/);
  const { heading, notes } = parts(text);
  const headingText = heading.join('\n');
  const leftOut = namedIn(notes, /Not shown, for want of width \(\d+ columns\): ([^;]+);/);
  const noData = namedIn(notes, /Not shown, no data \(or 0 throughout\): ([^.]+)\./);
  // The KPIs to show, in order: those of --kpis, or the priority order less those without data.
  const wanted = chosen ?? TABLE_KPI_NAMES.filter((name) => !noData.includes(name) && !(name === 'netRevenue' && withoutReturns));
  // Those shown are the first ones, the rest is named as left out.
  const shown = wanted.slice(0, wanted.length - leftOut.length);
  expect(leftOut).toEqual(wanted.slice(shown.length));
  if (chosen !== undefined) expect(noData).toEqual([]);
  // Each shown KPI's label is in the heading (on one line or split over two), in order.
  const flatHeading = heading.map((line) => line.split(/ {2,}/).filter((cell) => cell.trim() !== ''));
  expect(flatHeading.flat().join(' ')).toMatch(/period/);
  let from = 0;
  for (const name of shown) {
    const words = LABELS.get(name)!.split(' ');
    for (const word of words) expect(headingText).toContain(word);
    // The legend explains every shown KPI that has a meaning.
    const kpi = REPORT_KPIS.find((item) => item.name === name)!;
    if (kpi.meaning !== undefined) {
      const at = notes.indexOf(`${kpi.label}: `, from);
      expect(at).toBeGreaterThanOrEqual(0);
      from = at;
    }
  }
}

describe('the table at 80 and 120 columns', () => {
  for (const width of [80, 120]) {
    for (const groupBy of [[], ['channel'], ['channel', 'segment']]) {
      test(`examples/data/orders.csv, --width ${width}${groupBy.length === 0 ? '' : ` --group-by ${groupBy.join(',')}`}`, async () => {
        const run = await runMain([...demo, '--width', String(width), ...(groupBy.length === 0 ? [] : ['--group-by', groupBy.join(',')])]);
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('');
        checkTable(run.stdout, width, undefined, true);
        const { body } = parts(run.stdout);
        expect(body).toHaveLength(12 * (1 + (groupBy.length === 0 ? 0 : groupBy.length === 1 ? 3 : 6)));
        // The widest line uses most of the width: the table is not narrower than it need be.
        const widest = Math.max(...run.stdout.split('\n').map(columns));
        expect(widest).toBeGreaterThan(width - 20);
      });
    }
  }

  test('at 80 columns the first five KPIs fit; at 120 more do, the same ones first', async () => {
    const narrow = parts((await runMain([...demo, '--width', '80'])).stdout).heading.join(' ');
    const wide = parts((await runMain([...demo, '--width', '120'])).stdout).heading.join(' ');
    for (const word of ['orders', 'revenue', 'cross-sold', 'customers', 'benchmark']) {
      expect(narrow).toContain(word);
      expect(wide).toContain(word);
    }
    expect(narrow).not.toContain('repeat');
    expect(wide).toContain('average');
  });

  test('--out: the table in the file, and a line on stderr saying where it went', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'xsell-table-'));
    try {
      const file = join(folder, 'scorecard.txt');
      const run = await runMain([...demo, '--out', file]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`xsell-kpi: Wrote the table report (12 months, ${statSync(file).size.toLocaleString('en-US')} bytes) to ${file}\n`);
      expect(readFileSync(file, 'utf8')).toBe((await runMain(demo)).stdout);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a terminal: its columns, when neither --width nor a pipe says otherwise', async () => {
    let stdout = '';
    const { main } = await import('../../src/cli/run.js');
    const sink = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          stdout += chunk.toString();
          done();
        },
      }),
      { isTTY: true, columns: 100 },
    );
    const code = await main(demo, { stdin: Readable.from([]), stdout: sink, stderr: new Writable({ write: (_chunk, _encoding, done) => done() }) });
    expect(code).toBe(0);
    checkTable(stdout, 100, undefined, true);
    expect(Math.max(...stdout.split('\n').map(columns))).toBeGreaterThan(80);
  });
});

describe('the table fits any width', () => {
  // Reports read once: orders.csv alone and by channel,segment; JSON Lines where every KPI has data,
  // by channels whose names are long, wide (two columns a character) or empty.
  const reports: Report[] = [];
  beforeAll(async () => {
    reports.push(await report(demo), await report([...demo, '--group-by', 'channel,segment']));
    const channels = ['web', '', '日本語の店舗日本語の店舗日本語の店舗', 'a channel with a rather long name indeed', '😀 emoji shop'];
    reports.push(await report(['report', '-', '--from', 'jsonl', '--group-by', 'channel', '--grain', 'quarter'], largeReportEvents({ months: 12, channels, ordersPerCell: 6, seed: 3 })));
  });

  const kpiChoice = fc.option(fc.shuffledSubarray([...TABLE_KPI_NAMES], { minLength: 1 }), { nil: undefined });

  test('every line within --width, the first KPIs that fit shown, the others named', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 40, max: 240 }), kpiChoice, (which, width, kpis) => {
        const base = reports[which]!;
        const text = formatTable(withOptions(base, { kpis }), width);
        checkTable(text, width, kpis, base.rows.every((row) => row.netRevenue.returns.isZero()));
      }),
      { numRuns: 150 },
    );
  });
});
