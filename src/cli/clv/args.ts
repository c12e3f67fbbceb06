import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OPTIONS as REPORT_OPTIONS, parseCommand, type ReportOptions } from '../args.js';
import { UsageError } from '../errors.js';
import { closest } from '../suggest.js';

/**
 * The command line of `xsell-kpi clv <file|-> --observation-end DATE [options]`: its own options
 * (the summary and the prediction), and the report's input and output options, which
 * {@link parseCommand} checks as it does for `report` so both commands read files alike.
 * @internal
 * @module
 */

/** A `clv` command, its options checked. */
export interface ClvOptions {
  /** The input and output options, read as `report` reads them (`grain`, `groupBy` and `by` at their defaults). */
  readonly input: ReportOptions;
  /** `--observation-end`: the last day observed, `YYYY-MM-DD`, a calendar day in `--time-zone`. */
  readonly observationEnd: string;
  /** `--time-unit`: the unit of recency, T and the horizon (default `week`). */
  readonly timeUnit: 'day' | 'week';
  /** `--horizon`: periods ahead, an integer from 0 to 10,000 (default 52). */
  readonly horizon: number;
  /** `--discount-rate`: per period, a finite number ≥ 0 (default 0.01). */
  readonly discountRate: number;
  /** `--penalizer`: the BG/NBD fit's L2 penalizer, a finite number ≥ 0 (default 0). */
  readonly penalizer: number;
  readonly format: 'table' | 'json' | 'csv';
  readonly out: string | undefined;
}

/** What a `clv` command line asks for. */
export type ClvCommand = { readonly kind: 'help' } | { readonly kind: 'version' } | { readonly kind: 'clv'; readonly options: ClvOptions };

/** The `clv` command's own options. */
const CLV_OPTIONS = {
  'observation-end': { type: 'string' },
  'time-unit': { type: 'string' },
  horizon: { type: 'string' },
  'discount-rate': { type: 'string' },
  penalizer: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

type ClvOptionName = keyof typeof CLV_OPTIONS;

/**
 * @internal The report's options that `clv` reads, as the report reads them: the input and output ones. Any
 * other option of the report (the scorecard's, such as `--grain`) is refused here by name, including
 * ones the report gains later.
 */
export const SHARED: readonly string[] = ['help', 'version', 'from', 'encoding', 'delimiter', 'columns', 'date-format', 'time-zone', 'currency', 'cancelled-prefix', 'exclude-sku', 'since', 'until', 'skip-invalid', 'window', 'unsorted', 'format', 'out', 'rejects'];

const EXPECTED: Readonly<Record<ClvOptionName, string>> = {
  'observation-end': 'the last day observed, YYYY-MM-DD, such as 1997-09-30',
  'time-unit': 'allowed: day, week',
  horizon: 'periods ahead, a whole number from 0 to 10000, such as 52',
  'discount-rate': 'per period, a number ≥ 0, such as 0.01',
  penalizer: 'a number ≥ 0, such as 0.001',
};

/** The longest horizon {@link predictCustomerValue} takes. */
const MAX_HORIZON = 10_000;

/** @internal The one-line usage, printed on stderr with every usage error. */
export const CLV_USAGE =
  'Usage: xsell-kpi clv <file|-> --observation-end YYYY-MM-DD [--time-unit week|day] [--horizon 52] [--discount-rate 0.01] [--penalizer 0] [input options of report] [--format table|json|csv] [--out file]   (xsell-kpi clv --help for more)';

/** @internal The full help. */
export const CLV_HELP = `xsell-kpi clv: who will come back, and what are they worth? Fits the BG/NBD model (how many
more purchases, and is the customer still alive?) and the Gamma-Gamma model (how much per
purchase) to the orders up to an observation end, and predicts each customer's lifetime value.

Usage: xsell-kpi clv <file|-> --observation-end YYYY-MM-DD [options]

  <file>  as for xsell-kpi report: a CSV of order lines, a Shopify "Export orders" CSV, or JSON
          Lines events; - reads standard input

Model
  --observation-end <date>  the last day observed (inclusive), a calendar day in --time-zone;
                            orders after it are not counted (required)
  --time-unit week|day      the unit of recency, T, --horizon and --discount-rate (default week)
  --horizon <n>             periods ahead for expected purchases and the value (default 52)
  --discount-rate <rate>    discount rate per period (default 0.01: 1 % a week)
  --penalizer <l2>          L2 penalizer of the BG/NBD fit, as in the Python package
                            lifetimes, such as 0.001 when a fit finds no finite maximum
                            (default 0: plain maximum likelihood)

Input
  --from, --encoding, --delimiter, --columns, --date-format, --time-zone, --currency,
  --cancelled-prefix, --exclude-sku, --since, --until, --skip-invalid, --rejects, --window,
  --unsorted: as for xsell-kpi report (xsell-kpi --help). Purchases are grouped by calendar day
  in --time-zone; guest orders are no customer's; returns, offers and visits are read and
  checked, and not used by the models.

Output
  --format table|json|csv   the fits and a table of customers (default), JSON { bgNbd,
                            gammaGamma, customers, ... }, or one CSV row per customer
  --out <file>              write to <file> instead of standard output

Customers are sorted by predicted value (CLV), highest first: frequency (repeat purchase days),
recency and T (in --time-unit), P(alive), expected purchases in the horizon, expected value per
purchase, and CLV (the discounted value of the expected purchases; revenue, not margin).

Exit status: 0 done, 1 bad data (also data the models cannot be fitted to: DEGENERATE_DATA),
2 bad usage.

Examples
  xsell-kpi clv orders.csv --observation-end 2025-12-31
  xsell-kpi clv orders.jsonl --observation-end 2025-06-30 --time-unit day --horizon 365 \\
    --discount-rate 0.0003 --format csv --out clv.csv`;

/** An argument as typed, quoted only when it would not read as one word. */
function shown(text: string): string {
  return /^[^\s"'\\\p{Cc}]+$/u.test(text) ? text : JSON.stringify(text);
}

function isClvOption(name: string): name is ClvOptionName {
  return Object.hasOwn(CLV_OPTIONS, name);
}

/** A number typed for `--name`: finite and ≥ 0 (`whole`: an integer up to `max`). */
function number(value: string | undefined, name: ClvOptionName, fallback: number, whole = false, max = Infinity): number {
  if (value === undefined) return fallback;
  const pattern = whole ? /^\d+$/ : /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
  const parsed = Number(value);
  if (!pattern.test(value) || !Number.isFinite(parsed) || parsed > max) throw new UsageError(`invalid value ${JSON.stringify(value)} for --${name} (${EXPECTED[name]})`);
  return parsed;
}

/** `YYYY-MM-DD` naming a real calendar day. */
function calendarDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Reads a `clv` command line: the arguments after the program name, `clv` among them.
 *
 * @throws {@link UsageError} for bad usage.
 * @internal
 */
export function parseClv(argv: readonly string[]): ClvCommand {
  const options = { ...REPORT_OPTIONS, ...CLV_OPTIONS };
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const values: Partial<Record<ClvOptionName, string>> = {};
  const own = new Set<number>();
  let positionals = 0;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      // The first positional is the command itself: the report's parser must not see it.
      if (positionals++ === 0) own.add(token.index);
      continue;
    }
    if (token.kind !== 'option') continue;
    if (token.name === 'help') return { kind: 'help' };
    if (Object.hasOwn(REPORT_OPTIONS, token.name) && !SHARED.includes(token.name)) throw new UsageError(`--${token.name} is an option of xsell-kpi report, not of clv`);
    if (!isClvOption(token.name)) {
      if (!Object.hasOwn(options, token.name) && token.rawName.startsWith('--')) {
        const match = closest(token.name, [...SHARED, ...Object.keys(CLV_OPTIONS)]);
        throw new UsageError(`unknown option ${shown(token.rawName)}${match === undefined ? '' : `; did you mean --${match}?`}`);
      }
      continue; // the report's parser checks it
    }
    const value = token.value;
    if (value === undefined) throw new UsageError(`missing value for ${token.rawName} (${EXPECTED[token.name]})`);
    if (token.inlineValue === false && value.length > 1 && value.startsWith('-')) throw new UsageError(`missing value for ${token.rawName} before ${shown(value)} (${EXPECTED[token.name]})`);
    values[token.name] = value;
    own.add(token.index);
    if (token.inlineValue === false) own.add(token.index + 1);
  }
  if (positionals < 2) throw new UsageError('clv needs a file, or - for standard input');
  const observationEnd = values['observation-end'];
  if (observationEnd === undefined) throw new UsageError(`missing --observation-end (${EXPECTED['observation-end']})`);
  if (!calendarDay(observationEnd)) throw new UsageError(`invalid value ${JSON.stringify(observationEnd)} for --observation-end (${EXPECTED['observation-end']})`);
  const timeUnit = values['time-unit'] ?? 'week';
  if (timeUnit !== 'day' && timeUnit !== 'week') {
    const match = closest(timeUnit, ['day', 'week']);
    throw new UsageError(`invalid value ${JSON.stringify(timeUnit)} for --time-unit${match === undefined ? '' : `; did you mean ${match}?`} (${EXPECTED['time-unit']})`);
  }
  // The rest is the report's command line: the same checks, the same messages.
  const command = parseCommand(['report', ...argv.filter((_, index) => !own.has(index))]);
  if (command.kind === 'version') return { kind: 'version' };
  if (command.kind !== 'report') return { kind: 'help' };
  const input = command.options;
  const format = input.format;
  if (format !== 'table' && format !== 'json' && format !== 'csv') throw new UsageError(`invalid value ${JSON.stringify(format)} for --format: clv prints table, json or csv`);
  return {
    kind: 'clv',
    options: {
      input,
      observationEnd,
      timeUnit,
      horizon: number(values.horizon, 'horizon', 52, true, MAX_HORIZON),
      discountRate: number(values['discount-rate'], 'discount-rate', 0.01),
      penalizer: number(values.penalizer, 'penalizer', 0),
      format,
      out: input.out,
    },
  };
}

/**
 * Whether a command line is a `clv` one: its first positional argument (the command) is `clv`.
 * @internal
 */
export function isClvCommand(argv: readonly string[]): boolean {
  const { positionals } = parseArgs({ args: [...argv], options: { ...REPORT_OPTIONS, ...CLV_OPTIONS }, strict: false, allowPositionals: true });
  return positionals[0] === 'clv';
}
