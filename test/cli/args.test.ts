/**
 * Bad usage on the command line: every message is one line of our own, names what was typed and,
 * when something known is close, suggests it; the exit code is 2 and the usage line follows.
 */
import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/errors.js';
import { closest, editDistance } from '../../src/cli/suggest.js';
import { runMain } from './support.js';

/** Wording of node:util parseArgs's own errors, which must never reach a user. */
const PARSE_ARGS_TEXT = /Unknown option '|To specify a positional|argument missing|argument is ambiguous|does not take an argument|Unexpected argument|ERR_PARSE_ARGS/;

function usageMessage(argv: readonly string[]): string {
  try {
    parseCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${JSON.stringify(argv)} was accepted`);
}

describe('bad usage', () => {
  test.each([
    // unknown options, as typed, with the closest known one
    [['report', 'x.csv', '--grian', 'month'], 'unknown option --grian; did you mean --grain?'],
    [['report', 'x.csv', '--timezone', 'UTC'], 'unknown option --timezone; did you mean --time-zone?'],
    [['report', 'x.csv', '--Grain', 'month'], 'unknown option --Grain; did you mean --grain?'],
    [['report', 'x.csv', '--skip'], 'unknown option --skip; did you mean --skip-invalid?'],
    [['report', 'x.csv', '--fromat=json'], 'unknown option --fromat; did you mean --format?'],
    [['report', 'x.csv', '--hlep'], 'unknown option --hlep; did you mean --help?'],
    [['report', 'x.csv', '-grain', 'month'], 'unknown option -grain; did you mean --grain?'],
    [['report', 'x.csv', '-V'], 'unknown option -V; did you mean -v?'],
    [['report', 'x.csv', '--colour'], 'unknown option --colour'],
    [['report', 'x.csv', '-x'], 'unknown option -x'],
    [['report', 'x.csv', '--a b'], 'unknown option "--a b"'],
    // options missing their value, or given one they do not take
    [['report', 'x.csv', '--grain'], 'missing value for --grain (allowed: day, week, month, quarter, year)'],
    [['report', 'x.csv', '--grain', '--format', 'json'], 'missing value for --grain before --format (allowed: day, week, month, quarter, year)'],
    [['report', 'x.csv', '--time-zone'], 'missing value for --time-zone (an IANA time zone, such as Europe/Berlin or UTC)'],
    [['report', 'x.csv', '--out='], 'missing value for --out (a file name)'],
    [['report', 'x.csv', '--cancelled-prefix='], 'missing value for --cancelled-prefix (some text, such as C)'],
    [['report', 'x.csv', '--skip-invalid=yes'], '--skip-invalid takes no value; got --skip-invalid=yes'],
    // values not allowed: the allowed ones, and the closest
    [['report', 'x.csv', '--grain', 'montly'], 'invalid value "montly" for --grain; did you mean month? (allowed: day, week, month, quarter, year)'],
    [['report', 'x.csv', '--grain=weak'], 'invalid value "weak" for --grain; did you mean week? (allowed: day, week, month, quarter, year)'],
    [['report', 'x.csv', '--format', 'JSON'], 'invalid value "JSON" for --format; did you mean json? (allowed: table, json, csv, html)'],
    [['report', 'x.csv', '--format', 'xml'], 'invalid value "xml" for --format (allowed: table, json, csv, html)'],
    [['report', 'x.csv', '--width', '39'], 'invalid value "39" for --width (a whole number of characters ≥ 40, such as 120)'],
    [['report', 'x.csv', '--width', 'wide'], 'invalid value "wide" for --width (a whole number of characters ≥ 40, such as 120)'],
    [['report', 'x.csv', '--kpis', 'orders,crossSelRate'], '--kpis: unknown KPI crossSelRate; did you mean crossSellRate? (xsell-kpi --help lists them)'],
    [['report', 'x.csv', '--kpis', 'orders,,revenue'], '--kpis: expected KPI names separated by commas, got "orders,,revenue"'],
    [['report', 'x.csv', '--kpis', 'orders,revenue,orders'], '--kpis: orders is named twice'],
    [['report', 'x.csv', '--format', 'json', '--kpis', 'orders'], '--kpis is for --format table, not json'],
    [['report', 'x.csv', '--format', 'html', '--width', '100'], '--width is for --format table, not html'],
    [['report', 'x.csv', '--from', 'shopfy'], 'invalid value "shopfy" for --from; did you mean shopify? (allowed: csv, shopify, jsonl)'],
    [['report', 'x.csv', '--by', 'product'], 'invalid value "product" for --by (allowed: sku, category)'],
    [['report', 'x.csv', '--time-zone', 'Mars/Olympus_Mons'], 'invalid value "Mars/Olympus_Mons" for --time-zone (an IANA time zone, such as Europe/Berlin or UTC)'],
    [['report', 'x.csv', '--currency', 'EURO'], 'invalid value "EURO" for --currency (an ISO 4217 code, such as USD)'],
    // commands
    [['reprot', 'x.csv'], 'unknown command reprot; did you mean report?'],
    [['orders.csv'], 'unknown command orders.csv; the commands are report, sql and clv, as in: xsell-kpi report orders.csv'],
    [[], 'missing command; the commands are report, sql and clv, as in: xsell-kpi report orders.csv'],
  ])('%j: %s', (argv, message) => {
    const text = usageMessage(argv);
    expect(text).toBe(message);
    expect(text).not.toMatch(PARSE_ARGS_TEXT);
  });

  test('the first problem in the order typed is the one reported, before the command is looked at', () => {
    expect(usageMessage(['reprot', '--grian', 'month', '--colour'])).toBe('unknown option --grian; did you mean --grain?');
  });

  test('arguments after -- are files, not options', () => {
    expect(usageMessage(['report', '--', '--grian', 'x.csv'])).toMatch(/^one file at a time/);
    expect(parseCommand(['report', '--', '--grian'])).toMatchObject({ kind: 'report', options: { file: '--grian' } });
  });

  test.each([
    [['report', 'x.csv', '--colour']],
    [['report', 'x.csv', '--grain']],
    [['report', 'x.csv', '--grain', '--format', 'json']],
    [['report', 'x.csv', '--skip-invalid=1']],
    [['report', 'x.csv', '-hx']],
  ])('%j: exit code 2, one line of our own, then the usage line', async (argv) => {
    const run = await runMain(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^xsell-kpi: (unknown option|missing value for|--skip-invalid takes no value)/);
    expect(lines[1]).toMatch(/^Usage: xsell-kpi report <file\|-> /);
    expect(lines[2]).toBe('');
    expect(run.stderr).not.toMatch(PARSE_ARGS_TEXT);
  });
});

describe('closest', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('grian', 'grain')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  test('suggests nothing when nothing is close', () => {
    expect(closest('colour', ['grain', 'columns', 'currency'])).toBeUndefined();
    expect(closest('x', ['h', 'v'])).toBeUndefined();
    expect(closest('c', ['columns', 'currency'])).toBeUndefined();
  });

  test('a unique start, another case, or a near miss; ties go to the first candidate', () => {
    expect(closest('cur', ['columns', 'currency'])).toBe('currency');
    expect(closest('co', ['columns', 'currency', 'cancelled-prefix'])).toBe('columns');
    expect(closest('CSV', ['table', 'json', 'csv'])).toBe('csv');
    expect(closest('bx', ['by', 'bz'])).toBe('by');
  });
});
