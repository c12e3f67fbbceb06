import { parseArgs } from 'node:util';
import { GRAINS, isKpiError, type Grain } from '../index.js';
import { SQL_DIALECTS, scorecardSql, type ScorecardSqlOptions, type SqlDialect, type TableSpec } from '../sql/index.js';
import { FIELDS as TABLE_FIELDS, type TableKind } from '../sql/tables.js';
import { REPORT_OPTION_NAMES, checkOptions, oneOf, type OptionTable } from './args.js';
import { UsageError } from './errors.js';
import { kpiDetail } from './readers/orders.js';

/**
 * `xsell-kpi sql`: prints the Scorecard as one SQL statement (`scorecardSql(options).sql`) for the
 * user's own database.
 * @internal
 * @module
 */

/** @internal The one-line usage of `xsell-kpi sql`. */
export const SQL_USAGE =
  'Usage: xsell-kpi sql --dialect duckdb|postgres --table <name> [--columns field=column,...] [--returns-table <name>] [--grain month] [--time-zone UTC] [--group-by channel] [--by sku|category]   (xsell-kpi sql --help for more)';

/** @internal The help of `xsell-kpi sql`. */
export const SQL_HELP = `xsell-kpi sql: the Scorecard as one SQL statement, for the database that holds your orders.

Usage: xsell-kpi sql --dialect duckdb|postgres --table <name> [options]

Prints exactly what scorecardSql(options).sql from 'xsell-kpi/sql' returns, and a newline. Run it
in your database; read its rows back with the same options' readRows (see the guide
docs/guides/warehouse.md) to get the Scorecard's rows.

Tables (a name is "name" or "schema.name", split at the first dot; quoted as given, so
case-sensitive)
  --dialect duckdb|postgres   the SQL engine
  --table <name>              the order lines, one row per line, columns order_id, customer_id,
                              timestamp, sku, category, quantity, unit_price, discount, currency,
                              channel, segment, source, and one per --group-by dimension
  --columns <map>             field=column pairs for columns named otherwise, such as
                              order_id=invoice_no,unit_price=price; field= (nothing after "=")
                              for a column the table lacks (the field is absent in every row)
  --returns-table <name>      returns: return_id, order_id, customer_id, timestamp, currency,
                              amount, channel, segment; --returns-columns <map> maps them
  --offers-table <name>       offers: offer_id, customer_id, timestamp, kind, accepted, channel,
                              segment; --offers-columns <map> maps them
  --visits-table <name>       visits: visitor_id, timestamp, converted, channel, segment;
                              --visits-columns <map> maps them

Scorecard (as for xsell-kpi report)
  --grain <grain>             day, week, month, quarter or year (default month)
  --time-zone <zone>          IANA time zone of the periods (default UTC)
  --group-by <dimensions>     rows per group as well as the total, comma-separated
  --by sku|category           what makes products different for the cross-sell rates (default sku)
  --min-distinct <n>          distinct products (or categories) that make a cross-sell (default 2)
  --currency <code>           ISO 4217 code of orders that carry none
  --max-periods <n>           the most periods the rows may span (default 10000)
  -h, --help                  this help

Field names are the event fields in snake_case (order_id) or camelCase (orderId).

Exit status: 0 done, 2 bad usage.

Example
  xsell-kpi sql --dialect postgres --table sales.order_lines --columns order_id=invoice_no \\
    --grain month --time-zone Europe/Berlin --group-by channel > scorecard.sql`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  dialect: { type: 'string' },
  table: { type: 'string' },
  columns: { type: 'string' },
  'returns-table': { type: 'string' },
  'returns-columns': { type: 'string' },
  'offers-table': { type: 'string' },
  'offers-columns': { type: 'string' },
  'visits-table': { type: 'string' },
  'visits-columns': { type: 'string' },
  grain: { type: 'string' },
  'time-zone': { type: 'string' },
  'group-by': { type: 'string' },
  by: { type: 'string' },
  'min-distinct': { type: 'string' },
  currency: { type: 'string' },
  'max-periods': { type: 'string' },
} as const;

const EXPECTED: Readonly<Record<string, string>> = {
  dialect: `allowed: ${SQL_DIALECTS.join(', ')}`,
  table: 'a table name, such as order_lines or sales.order_lines',
  columns: 'field=column pairs, such as order_id=invoice_no,unit_price=price',
  'returns-table': 'a table name, such as refunds',
  'returns-columns': 'field=column pairs, such as return_id=refund_id',
  'offers-table': 'a table name, such as offers',
  'offers-columns': 'field=column pairs, such as offer_id=id',
  'visits-table': 'a table name, such as visits',
  'visits-columns': 'field=column pairs, such as visitor_id=session_id',
  grain: `allowed: ${GRAINS.join(', ')}`,
  'time-zone': 'an IANA time zone, such as Europe/Berlin or UTC',
  'group-by': 'dimensions separated by commas, such as channel,segment',
  by: 'allowed: sku, category',
  'min-distinct': 'a whole number ≥ 1, such as 2',
  currency: 'an ISO 4217 code, such as USD',
  'max-periods': 'a whole number ≥ 1, such as 10000',
};

const TABLE: OptionTable = { options: OPTIONS, expected: EXPECTED, other: { command: 'report', options: REPORT_OPTION_NAMES } };

/** The flag of a library option path (`timeZone` → `--time-zone`, `orders.columns.sku` → `--columns`). */
const FLAG_OF_PATH: Readonly<Record<string, string>> = {
  dialect: '--dialect',
  grain: '--grain',
  timeZone: '--time-zone',
  groupBy: '--group-by',
  by: '--by',
  minDistinct: '--min-distinct',
  currency: '--currency',
  maxPeriods: '--max-periods',
  orders: '--table',
  returns: '--returns-table',
  offers: '--offers-table',
  visits: '--visits-table',
};

/** `order_id` or `orderId` → `orderId`. */
function camel(field: string): string {
  return field.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** `--columns order_id=invoice_no,discount=` → `{ orderId: 'invoice_no', discount: null }`; fields are checked by the library. */
function columnMap(text: string, flag: string, kind: TableKind, dimensions: readonly string[]): Record<string, string | null> {
  const columns: Record<string, string | null> = {};
  for (const pair of text.split(',')) {
    const equals = pair.indexOf('=');
    const typed = pair.slice(0, equals).trim();
    if (equals < 0 || typed === '') throw new UsageError(`${flag}: expected field=column pairs separated by commas, got ${JSON.stringify(pair)}`);
    // A dimension keeps its name; an event field may be written in snake_case.
    const field = dimensions.includes(typed) ? typed : camel(typed);
    const known: readonly string[] = TABLE_FIELDS[kind];
    if (!known.includes(field) && !dimensions.includes(field)) {
      throw new UsageError(`${flag}: unknown field ${JSON.stringify(typed)}; fields are ${known.map((name) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)).join(', ')}, and the --group-by dimensions`);
    }
    if (Object.hasOwn(columns, field)) throw new UsageError(`${flag}: ${typed} is mapped twice`);
    // Column names are taken as written (spaces included): they are quoted, never trimmed away.
    const column = pair.slice(equals + 1);
    columns[field] = column === '' ? null : column;
  }
  return columns;
}

/** A whole number option. */
function whole(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`invalid value ${JSON.stringify(value)} for --${name} (${EXPECTED[name]})`);
  return Number(value);
}

/**
 * @internal Reads the arguments of `xsell-kpi sql` (after `sql`) into `scorecardSql`'s options, or
 * `'help'`.
 *
 * @throws {@link UsageError} for bad usage, the library's `INVALID_OPTION` included.
 */
export function parseSqlCommand(argv: readonly string[]): ScorecardSqlOptions | 'help' {
  checkOptions(argv, TABLE);
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  if (values.help === true) return 'help';
  if (positionals.length > 0) throw new UsageError(`xsell-kpi sql reads no file; got ${positionals.map((item) => JSON.stringify(item)).join(', ')} (the table is --table <name>)`);
  if (values.dialect === undefined) throw new UsageError(`missing --dialect (${EXPECTED['dialect']})`);
  const dialect: SqlDialect = oneOf(values.dialect, 'dialect', SQL_DIALECTS, 'duckdb');
  if (values.table === undefined) throw new UsageError(`missing --table (${EXPECTED['table']})`);
  const groupBy = values['group-by'] === undefined ? [] : values['group-by'].split(',').map((key) => key.trim());
  if (groupBy.some((key) => key === '')) throw new UsageError(`--group-by: expected dimensions separated by commas, got ${JSON.stringify(values['group-by'])}`);
  const dimensions = groupBy.filter((key) => key !== 'channel' && key !== 'segment');
  const table = (kind: TableKind, name: string | undefined, columns: string | undefined, flag: string): TableSpec | undefined => {
    if (name === undefined) {
      if (columns !== undefined) throw new UsageError(`${flag.replace('-table', '-columns')} without ${flag}`);
      return undefined;
    }
    const spec: TableSpec = { table: name };
    if (columns !== undefined) spec.columns = columnMap(columns, flag === '--table' ? '--columns' : flag.replace('-table', '-columns'), kind, dimensions);
    return spec;
  };
  const options: ScorecardSqlOptions = {
    dialect,
    orders: table('orders', values.table, values.columns, '--table')!,
    grain: oneOf<Grain>(values.grain, 'grain', GRAINS, 'month'),
    groupBy,
    by: oneOf(values.by, 'by', ['sku', 'category'], 'sku'),
  };
  const returns = table('returns', values['returns-table'], values['returns-columns'], '--returns-table');
  const offers = table('offers', values['offers-table'], values['offers-columns'], '--offers-table');
  const visits = table('visits', values['visits-table'], values['visits-columns'], '--visits-table');
  if (returns !== undefined) options.returns = returns;
  if (offers !== undefined) options.offers = offers;
  if (visits !== undefined) options.visits = visits;
  if (values['time-zone'] !== undefined) options.timeZone = values['time-zone'];
  if (values.currency !== undefined) options.currency = values.currency;
  const minDistinct = whole(values['min-distinct'], 'min-distinct');
  if (minDistinct !== undefined) options.minDistinct = minDistinct;
  const maxPeriods = whole(values['max-periods'], 'max-periods');
  if (maxPeriods !== undefined) options.maxPeriods = maxPeriods;
  return options;
}

/**
 * @internal `xsell-kpi sql`: the SQL text (and a newline) for the arguments after `sql`, or the help.
 *
 * @throws {@link UsageError} for bad usage: a `KpiError` of the library's option checks names the flag.
 */
export function sqlCommandText(argv: readonly string[]): string {
  const options = parseSqlCommand(argv);
  if (options === 'help') return `${SQL_HELP}\n`;
  try {
    return `${scorecardSql(options).sql}\n`;
  } catch (error) {
    // Every KpiError of scorecardSql is about its options (INVALID_OPTION, INVALID_CURRENCY, ...).
    if (!isKpiError(error)) throw error;
    const root = error.path.replace(/[.[].*$/s, '');
    const flag = FLAG_OF_PATH[root] ?? `--${root}`;
    const columnsFlag = /^(orders|returns|offers|visits)\.columns/.exec(error.path);
    const named = columnsFlag === null ? flag : columnsFlag[1] === 'orders' ? '--columns' : `--${columnsFlag[1]!}-columns`;
    throw new UsageError(`${named}: ${kpiDetail(error)}`);
  }
}
