import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GRAINS, isCurrencyCode, type Grain } from '../index.js';
import { UsageError } from './errors.js';
import { parseColumns } from './readers/columns.js';
import { DELIMITERS, type Delimiter } from './readers/csv.js';
import { TimestampError, TimestampReader, compileDateFormat, isTimeZone, type DateFormat } from './readers/dates.js';
import { TABLE_KPI_NAMES } from './output/kpis.js';
import { DEFAULT_WINDOW } from './readers/orders.js';
import { ENCODINGS, type Encoding } from './readers/text.js';
import { closest } from './suggest.js';

/**
 * The command line: `xsell-kpi report <file|-> [options]`, read with `node:util` `parseArgs`
 * (strict: an unknown flag or a missing value is bad usage).
 * @internal
 * @module
 */

/** Output formats. */
export type OutputFormat = 'table' | 'json' | 'csv' | 'html';

const FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv', 'html'];

/** A `report` command, its options checked. */
export interface ReportOptions {
  readonly file: string;
  /** `csv`: columns named as the fields (`order_id`, `unit_price`, ...); `shopify`: Shopify's "Export orders" CSV; `undefined`: by the input. */
  readonly from: 'csv' | 'shopify' | 'jsonl' | undefined;
  /** `--encoding`; `undefined`: UTF-8, or UTF-16LE when the input starts with its byte order mark. */
  readonly encoding: Encoding | undefined;
  /** `--delimiter`; `undefined`: detected from the header line. */
  readonly delimiter: Delimiter | undefined;
  /** `--columns`: field → header. */
  readonly columns: ReadonlyMap<string, string> | undefined;
  readonly dateFormat: DateFormat | undefined;
  readonly timeZone: string;
  readonly currency: string | undefined;
  readonly cancelledPrefix: string | undefined;
  /** `--exclude-sku`: SKUs whose rows are dropped before anything is read from them. */
  readonly excludeSkus: ReadonlySet<string> | undefined;
  /** `--since` (inclusive) and `--until` (exclusive), epoch milliseconds. */
  readonly since: number | undefined;
  readonly until: number | undefined;
  readonly skipInvalid: boolean;
  /** Newer orders that close an order (`--window`); `Infinity` with `--unsorted`. */
  readonly window: number;
  readonly grain: Grain;
  readonly groupBy: readonly string[];
  readonly by: 'sku' | 'category';
  readonly format: OutputFormat;
  readonly out: string | undefined;
  /** `--width`: the table's width in characters; `undefined`: the terminal's, else 80. */
  readonly width: number | undefined;
  /** `--kpis`: the table's columns, in order; `undefined`: as many as fit, in priority order. */
  readonly kpis: readonly string[] | undefined;
  /** `--rejects`: a CSV file of every skipped row. */
  readonly rejects: string | undefined;
  /** `--engine`: `stream` reads the input in one pass (the default); `duckdb` runs the Scorecard's SQL over the file in DuckDB. */
  readonly engine: Engine;
}

/** @internal What `--engine` takes. */
export const ENGINES = ['stream', 'duckdb'] as const;
/** One of {@link ENGINES}. */
export type Engine = (typeof ENGINES)[number];

/** What the command line asks for (`sql`: `xsell-kpi sql`, whose arguments sqlCommand.ts reads). */
export type Command = { readonly kind: 'help' } | { readonly kind: 'version' } | { readonly kind: 'report'; readonly options: ReportOptions } | { readonly kind: 'sql'; readonly argv: readonly string[] };

/** @internal The one-line usage, printed on stderr with every usage error. */
export const USAGE =
  'Usage: xsell-kpi report <file|-> [--grain month] [--time-zone UTC] [--group-by channel,segment] [--by sku|category] [--currency USD] [--since date] [--until date] [--format table|json|csv|html] [--out file] [--width n] [--kpis a,b] [--skip-invalid] [--rejects file]   (xsell-kpi --help for more)';

/** The `--kpis` names for the help, in lines under its options' column. */
function kpiNames(): string {
  const lines: string[] = [];
  let line = '';
  for (const name of TABLE_KPI_NAMES) {
    const item = `${name},`;
    if (line !== '' && 28 + line.length + 1 + item.length > 96) {
      lines.push(line);
      line = '';
    }
    line += line === '' ? item : ` ${item}`;
  }
  lines.push(line.slice(0, -1));
  return lines.map((text) => `${' '.repeat(28)}${text}`).join('\n');
}

/** @internal The full help. */
export const HELP = `xsell-kpi report: a cross-sell and upsell KPI scorecard from an orders export.

Usage: xsell-kpi report <file|-> [options]

  <file>  a CSV of order lines, a Shopify "Export orders" CSV, or JSON Lines events
          (.jsonl/.ndjson, or a first character "{"); .gz files are read as they are;
          - reads standard input

Input
  --from csv|shopify|jsonl  the layout (default: JSON Lines by name or content, else csv)
  --encoding <name>         utf-8 (default; UTF-16LE when the file starts with its byte order
                            mark), latin1 or windows-1252 (one reading: latin1 is read as
                            windows-1252, as browsers do), utf-16le
  --delimiter <d>           "," ";" tab or "|" between CSV fields (default: the one the header
                            line has most of)
  --columns <map>           field=Header pairs for a CSV with its own headers, such as
                            order_id=InvoiceNo,customer_id=CustomerID,timestamp=InvoiceDate,
                            sku=StockCode,quantity=Quantity,unit_price=UnitPrice
  --date-format <pattern>   how the CSV writes timestamps, such as "DD/MM/YYYY HH:mm" or
                            "MM/DD/YYYY h:mm A" (tokens YYYY MM M DD D HH H hh h mm ss SSS A Z);
                            default: "2026-11-30 14:05:00", with an optional offset or "T"
  --time-zone <zone>        IANA time zone of the periods, and of CSV timestamps without an
                            offset (default UTC)
  --currency <code>         ISO 4217 code of orders that carry none
  --cancelled-prefix <text> order ids that start with <text> are cancellations, read as returns
                            of -(quantity x unit price) of their rows, quantities negative
                            (UCI Online Retail: C)
  --exclude-sku <skus>      drop the rows of these SKUs (postage, fees: not products) before
                            anything is read from them; exact, case-sensitive, comma-separated
  --since <date>            only orders and returns from this date (or date and time) in
                            --time-zone on; --until <date>: only those before it; the others
                            are neither counted nor skipped
  --skip-invalid            skip each order that has a bad row, and report the skipped rows by
                            code, instead of stopping at the first bad row
  --rejects <file>          write every skipped row to <file> as CSV: its columns, then line,
                            code and message (ORDER_SKIPPED for the good rows of a bad order)
  --window <n>              an order's rows may be apart by fewer than <n> newer orders
                            (default 10000); 1: the rows of an order are consecutive
  --unsorted                rows in any order: every order is held until the end of the input
                            (memory grows with the file)
  --engine stream|duckdb    stream (default): read the input once, in order; duckdb: the same
                            report from DuckDB (CSV, .csv.gz or Parquet; rows in any order;
                            needs npm install @duckdb/node-api). Not with duckdb: standard input,
                            JSON Lines, --window, --unsorted, --encoding other than utf-8; it
                            stops (exit 1) on orders in two currencies and amounts with more
                            than 10 decimals

Scorecard
  --grain <grain>           day, week, month, quarter or year (default month)
  --group-by <dimensions>   rows per group as well as the total: channel, segment or any other
                            column, comma-separated
  --by sku|category         what makes products different for the cross-sell rates (default sku)

Output
  --format <format>         table: a table for people (default); json: { rows, skipped, totals };
                            csv: one row per scorecard row; html: one self-contained page (no
                            script, nothing fetched; light and dark mode; prints): the data summary,
                            a chart per rate and per money KPI (a line per group and the total,
                            the p-chart band and ▲/▼, the benchmark bands), its numbers beneath
  --out <file>              write the report to <file> instead of standard output (a line on
                            standard error says where it went)
  --width <n>               the table's width in characters (default: the terminal's, else 80);
                            the KPIs that fit are shown, in the order of --kpis, and the others
                            are named below it
  --kpis <names>            the table's KPIs, in order, comma-separated, from:
${kpiNames()}
                            (default: those with data, in this order)
  -h, --help                this help
  -v, --version             the version

CSV of order lines: a header, then one row per line item, with the columns
  order_id, customer_id, timestamp, sku, unit_price (required), category, quantity (default 1),
  discount (on the whole line), currency, channel, segment, source (organic, cross-sell, upsell).
  An empty cell is absent; a row without a customer_id is a guest's (counted in orders and
  revenue, not in customers). The rows of an order may be scattered within --window orders; its
  customer, timestamp, currency, channel and segment are read from its first row that has them.
  Shopify: a Refunded Amount is a return (the order still counts, gross), dated at Cancelled at,
  else Paid at; a voided order is no sale (VOIDED_ORDER). Net revenue = revenue - returns.

xsell-kpi sql --dialect duckdb|postgres --table <name> [options] prints the Scorecard as one SQL
statement for your own database (xsell-kpi sql --help).

Exit status: 0 done, 1 bad data (the message names the line and the column; also an order id
that comes back after --window, text that is not in --encoding, an empty file), 2 bad usage.

Examples
  xsell-kpi report orders.csv --grain month --group-by channel
  xsell-kpi report orders.csv --format html --out report.html
  xsell-kpi report orders.csv --width 120 --kpis orders,revenue,crossSellRate,churnRate
  xsell-kpi report orders_export.csv --from shopify --format json --out scorecard.json
  xsell-kpi report online_retail.csv.gz --time-zone Europe/London --currency GBP \\
    --columns order_id=InvoiceNo,customer_id=CustomerID,timestamp=InvoiceDate,sku=StockCode,quantity=Quantity,unit_price=UnitPrice \\
    --cancelled-prefix C --exclude-sku 'POST,DOT,C2,M,m,BANK CHARGES,AMAZONFEE,CRUK,S,B' \\
    --skip-invalid --rejects rejects.csv

xsell-kpi clv <file|-> --observation-end YYYY-MM-DD predicts each customer's purchases and
lifetime value from the same files (BG/NBD and Gamma-Gamma; xsell-kpi clv --help).`;

/** @internal The options `parseArgs` reads (the `clv` command reads the input ones too). */
export const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  from: { type: 'string' },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  columns: { type: 'string' },
  'date-format': { type: 'string' },
  'time-zone': { type: 'string' },
  currency: { type: 'string' },
  'cancelled-prefix': { type: 'string' },
  'exclude-sku': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  'skip-invalid': { type: 'boolean' },
  window: { type: 'string' },
  unsorted: { type: 'boolean' },
  grain: { type: 'string' },
  'group-by': { type: 'string' },
  by: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  width: { type: 'string' },
  kpis: { type: 'string' },
  rejects: { type: 'string' },
  engine: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** @internal A command's options, for {@link checkOptions}: what `parseArgs` reads, and what each value is. */
export interface OptionTable {
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** What each option that takes a value expects, for "missing value" messages. */
  readonly expected: Readonly<Record<string, string>>;
  /** The other command and its options: an option of that command is named as such, not as unknown. */
  readonly other?: { readonly command: string; readonly options: readonly string[] };
}

/** What each option that takes a value expects, for "missing value" messages. */
const EXPECTED: Readonly<Record<string, string>> = {
  from: 'allowed: csv, shopify, jsonl',
  encoding: `allowed: ${ENCODINGS.join(', ')}`,
  delimiter: 'allowed: "," ";" tab "|"',
  columns: 'field=Header pairs, such as order_id=InvoiceNo,customer_id=CustomerID',
  'date-format': 'a pattern such as "DD/MM/YYYY HH:mm"',
  'time-zone': 'an IANA time zone, such as Europe/Berlin or UTC',
  currency: 'an ISO 4217 code, such as USD',
  'cancelled-prefix': 'some text, such as C',
  window: 'a whole number of orders ≥ 1, such as 10000',
  'exclude-sku': 'SKUs separated by commas, such as POST,DOT',
  since: 'a date, or a date and time, in --time-zone, such as 2011-01-01 or "2011-01-01 06:00"',
  until: 'a date, or a date and time, in --time-zone, such as 2011-12-01 or "2011-12-01 06:00"',
  grain: `allowed: ${GRAINS.join(', ')}`,
  'group-by': 'dimensions separated by commas, such as channel,segment',
  by: 'allowed: sku, category',
  format: `allowed: ${FORMATS.join(', ')}`,
  out: 'a file name',
  width: 'a whole number of characters ≥ 40, such as 120',
  kpis: `KPI names separated by commas, such as orders,revenue,crossSellRate (xsell-kpi --help lists them)`,
  rejects: 'a file name',
  engine: `allowed: ${ENGINES.join(', ')}`,
};

/** The commands. */
const COMMAND = 'report';
const COMMANDS = [COMMAND, 'sql', 'clv'];
/** `report, sql and clv`. */
const COMMAND_LIST = `${COMMANDS.slice(0, -1).join(', ')} and ${COMMANDS.at(-1)!}`;

/** @internal An argument as typed, quoted only when it would not read as one word. */
export function shown(text: string): string {
  return /^[^\s"'\\\p{Cc}]+$/u.test(text) ? text : JSON.stringify(text);
}

/** @internal `; did you mean <x>?`, or nothing when no candidate is close. */
export function didYouMean(typed: string, candidates: readonly string[], prefix = ''): string {
  const match = closest(typed, candidates);
  return match === undefined ? '' : `; did you mean ${prefix}${match}?`;
}

/** The report's options. */
const REPORT_TABLE: OptionTable = { options: OPTIONS, expected: EXPECTED };

/** @internal The names of the report's options, for the `sql` command's messages. */
export const REPORT_OPTION_NAMES: readonly string[] = Object.keys(OPTIONS);

/**
 * @internal Checks the options on the command line one by one, in the order typed, so that bad
 * usage gets a message of our own (naming the option as typed, with the closest known one) rather
 * than `parseArgs`'s.
 */
export function checkOptions(argv: readonly string[], table: OptionTable = REPORT_TABLE): void {
  const { options, expected, other } = table;
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name]! : undefined;
    if (option === undefined) {
      // A short option is one letter of its argument (`-x`, or a group such as `-grain`): name the
      // whole argument, and compare a group with the long names too.
      const typed = token.rawName.startsWith('--') ? token.rawName : argv[token.index]!.replace(/=.*$/s, '');
      const bare = typed.replace(/^--?/, '');
      if (other !== undefined && typed.startsWith('--') && other.options.includes(bare)) throw new UsageError(`${typed} is an option of xsell-kpi ${other.command}, not of this command`);
      const shortNames = Object.values(options).flatMap((known): string[] => (known.short === undefined ? [] : [known.short]));
      const suggestion = bare.length === 1 ? didYouMean(bare, shortNames, '-') : didYouMean(bare, Object.keys(options), '--');
      throw new UsageError(`unknown option ${shown(typed)}${suggestion}`);
    }
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value; got ${shown(`${token.rawName}=${token.value}`)}`);
      continue;
    }
    const next = token.value;
    if (next === undefined) throw new UsageError(`missing value for ${token.rawName} (${expected[token.name]})`);
    if (token.inlineValue === false && next.length > 1 && next.startsWith('-')) {
      throw new UsageError(`missing value for ${token.rawName} before ${shown(next)} (${expected[token.name]})`);
    }
  }
}

/** @internal A value from a fixed list. */
export function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value ${JSON.stringify(value)} for --${name}${didYouMean(value, allowed)} (allowed: ${allowed.join(', ')})`);
}

/** `--since` or `--until`: a date or a date and time (an offset optional) → epoch milliseconds. */
function instant(value: string | undefined, name: 'since' | 'until', timeZone: string): number | undefined {
  if (value === undefined) return undefined;
  try {
    return new TimestampReader(timeZone, undefined).read(value.trim());
  } catch (error) {
    if (!(error instanceof TimestampError)) throw error;
    throw new UsageError(`invalid value ${JSON.stringify(value)} for --${name} (${EXPECTED[name]})`);
  }
}

/** The smallest `--width`: a period, a group and one KPI. */
const MIN_WIDTH = 40;

/** `--width`. */
function tableWidth(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < MIN_WIDTH) {
    throw new UsageError(`invalid value ${JSON.stringify(value)} for --width (${EXPECTED['width']})`);
  }
  return Number(value);
}

/** `--kpis`: known names, each once. */
function tableKpis(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim());
  for (const name of names) {
    if (name === '') throw new UsageError(`--kpis: expected KPI names separated by commas, got ${JSON.stringify(value)}`);
    if (!TABLE_KPI_NAMES.includes(name)) throw new UsageError(`--kpis: unknown KPI ${shown(name)}${didYouMean(name, TABLE_KPI_NAMES)} (xsell-kpi --help lists them)`);
  }
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) throw new UsageError(`--kpis: ${repeated} is named twice`);
  return names;
}

/**
 * Reads the command line.
 *
 * @param argv - The arguments after the program name.
 * @throws {@link UsageError} for bad usage.
  * @internal
 */
export function parseCommand(argv: readonly string[]): Command {
  // `xsell-kpi sql ...` has options of its own (sqlCommand.ts).
  const first = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true }).tokens.find((token) => token.kind === 'positional');
  if (first?.value === 'sql') return { kind: 'sql', argv: argv.filter((_argument, index) => index !== first.index) };
  checkOptions(argv);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    // checkOptions has already named every problem parseArgs knows of; this is a safety net that
    // still keeps parseArgs's own wording (and its code) out of the message.
    const code = (error as { code?: unknown }).code;
    throw new UsageError(code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? 'unknown option' : 'an option is missing its value, or has one it does not take');
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };
  const [command, file, ...extra] = positionals;
  if (command === undefined) throw new UsageError(`missing command; the commands are ${COMMAND_LIST}, as in: xsell-kpi ${COMMAND} orders.csv`);
  if (command !== COMMAND) {
    const suggestion = didYouMean(command, COMMANDS);
    throw new UsageError(`unknown command ${shown(command)}${suggestion === '' ? `; the commands are ${COMMAND_LIST}, as in: xsell-kpi ${COMMAND} ${shown(command)}` : suggestion}`);
  }
  if (file === undefined) throw new UsageError('report needs a file, or - for standard input');
  if (extra.length > 0) throw new UsageError(`one file at a time; also got ${extra.map((item) => JSON.stringify(item)).join(', ')}`);

  const timeZone = values['time-zone'] ?? 'UTC';
  if (!isTimeZone(timeZone)) throw new UsageError(`invalid value ${JSON.stringify(timeZone)} for --time-zone (${EXPECTED['time-zone']})`);
  const currency = values.currency;
  if (currency !== undefined && !isCurrencyCode(currency)) throw new UsageError(`invalid value ${JSON.stringify(currency)} for --currency (${EXPECTED['currency']})`);
  const groupBy = values['group-by'] === undefined ? [] : values['group-by'].split(',').map((key) => key.trim());
  if (groupBy.some((key) => key === '') || new Set(groupBy).size !== groupBy.length) {
    throw new UsageError(`--group-by: expected distinct dimension names separated by commas, got ${JSON.stringify(values['group-by'])}`);
  }
  let dateFormat: DateFormat | undefined;
  if (values['date-format'] !== undefined) {
    try {
      dateFormat = compileDateFormat(values['date-format']);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  let window = DEFAULT_WINDOW;
  if (values.window !== undefined) {
    if (values.unsorted === true) throw new UsageError('--window and --unsorted: pass one (--unsorted holds every order, so it has no window)');
    if (!/^\d+$/.test(values.window) || Number(values.window) < 1 || !Number.isSafeInteger(Number(values.window))) {
      throw new UsageError(`invalid value ${JSON.stringify(values.window)} for --window (${EXPECTED['window']})`);
    }
    window = Number(values.window);
  }
  if (values.unsorted === true) window = Infinity;
  const engine = oneOf(values.engine, 'engine', ENGINES, 'stream');
  if (engine === 'duckdb' && (values.window !== undefined || values.unsorted === true)) {
    throw new UsageError(`${values.window === undefined ? '--unsorted' : '--window'}: for --engine stream only; --engine duckdb reads the rows of an order wherever they are in the file`);
  }
  let delimiter: Delimiter | undefined;
  if (values.delimiter !== undefined) {
    const typed = values.delimiter;
    const named = typed === 'tab' || typed === '\\t' ? '\t' : typed;
    if (!(DELIMITERS as readonly string[]).includes(named)) throw new UsageError(`invalid value ${JSON.stringify(typed)} for --delimiter (${EXPECTED['delimiter']})`);
    delimiter = named as Delimiter;
  }
  let excludeSkus: Set<string> | undefined;
  if (values['exclude-sku'] !== undefined) {
    const skus = values['exclude-sku'].split(',').map((sku) => sku.trim());
    if (skus.some((sku) => sku === '')) throw new UsageError(`--exclude-sku: expected SKUs separated by commas, got ${JSON.stringify(values['exclude-sku'])}`);
    excludeSkus = new Set(skus);
  }
  const since = instant(values.since, 'since', timeZone);
  const until = instant(values.until, 'until', timeZone);
  if (since !== undefined && until !== undefined && since >= until) throw new UsageError(`--since ${values.since!} is not before --until ${values.until!}: no order could be counted`);
  const cancelledPrefix = values['cancelled-prefix'];
  if (cancelledPrefix === '') throw new UsageError(`missing value for --cancelled-prefix (${EXPECTED['cancelled-prefix']})`);
  if (values.out === '') throw new UsageError(`missing value for --out (${EXPECTED['out']})`);
  if (values.rejects === '') throw new UsageError(`missing value for --rejects (${EXPECTED['rejects']})`);
  const format = oneOf(values.format, 'format', FORMATS, 'table');
  const width = tableWidth(values.width);
  const kpis = tableKpis(values.kpis);
  if (format !== 'table' && (width !== undefined || kpis !== undefined)) {
    throw new UsageError(`${width === undefined ? '--kpis' : '--width'} is for --format table, not ${format}`);
  }
  return {
    kind: 'report',
    options: {
      file,
      from: values.from === undefined ? undefined : oneOf<'csv' | 'shopify' | 'jsonl'>(values.from, 'from', ['csv', 'shopify', 'jsonl'], 'csv'),
      encoding: values.encoding === undefined ? undefined : oneOf(values.encoding.toLowerCase() === 'utf8' ? 'utf-8' : values.encoding, 'encoding', ENCODINGS, 'utf-8'),
      delimiter,
      columns: values.columns === undefined ? undefined : parseColumns(values.columns, groupBy.filter((key) => key !== 'channel' && key !== 'segment')),
      dateFormat,
      timeZone,
      currency,
      cancelledPrefix,
      excludeSkus,
      since,
      until,
      skipInvalid: values['skip-invalid'] === true,
      window,
      grain: oneOf(values.grain, 'grain', GRAINS, 'month'),
      groupBy,
      by: oneOf(values.by, 'by', ['sku', 'category'], 'sku'),
      format,
      out: values.out,
      width,
      kpis,
      rejects: values.rejects,
      engine,
    },
  };
}
