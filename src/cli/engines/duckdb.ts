import { open, stat } from 'node:fs/promises';
import type * as DuckDb from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Scorecard, isCurrencyCode, isKpiError, toMoney, validateOrder, type CommerceEvent, type Order, type Return, type ScorecardOptions } from '../../index.js';
import { scorecardSql, type ScorecardSqlOptions } from '../../sql/index.js';
import { quoteIdentifier, quoteText } from '../../sql/tables.js';
import type { ReportOptions } from '../args.js';
import { DataError, UsageError } from '../errors.js';
import { RejectsWriter } from '../output/rejects.js';
import type { Report, Streams } from '../report.js';
import { GENERIC_LAYOUT, RowReader, withColumns } from '../readers/columns.js';
import { CsvParser, type Delimiter } from '../readers/csv.js';
import { TimestampError, TimestampReader } from '../readers/dates.js';
import { inputName, openInput } from '../readers/input.js';
import { OrderAssembler } from '../readers/orders.js';
import { SHOPIFY_LAYOUT } from '../readers/shopify.js';
import { Tally } from '../tally.js';

/**
 * `xsell-kpi report FILE --engine duckdb`: DuckDB reads the file (CSV, `.csv.gz`, Parquet) and
 * groups its rows by order wherever they are; the Scorecard is computed by `scorecardSql`'s
 * statement over the orders, and read back with its `readRows`.
 *
 * How the same numbers as the default engine are kept:
 * - Cells are read as text and trimmed as the CLI trims them; each distinct timestamp, quantity,
 *   price, discount and currency text is read once by the CLI's own readers (readers/dates.ts,
 *   the library's money and order validation), so a cell means in SQL what it means to the stream.
 * - An order is counted in SQL only when nothing about it needs judgement: every row readable, one
 *   customer and one currency, not a cancellation, no voided, cancelled or refunded payment status.
 *   Every other order (and every row without an order id) goes, its rows in file order, through the
 *   default engine's OrderAssembler, which counts, skips or rejects it exactly as the stream does;
 *   what it counts is appended to the tables the SQL reads.
 * - What cannot be told apart from a different number is refused: orders in more than one currency
 *   (the stream skips those that differ from the first; which one is "first" depends on the
 *   stream's order), amounts with more than 10 decimals (DECIMAL(38,10)), options that have no
 *   meaning here (`--window`, `--unsorted`, an `--encoding` other than UTF-8, standard input, JSON
 *   Lines).
 *
 * `@duckdb/node-api` is an optional peer dependency, imported only here, when asked for.
 * @internal
 * @module
 */

/** @internal The message when `@duckdb/node-api` cannot be loaded. */
export const MISSING_DUCKDB = '--engine duckdb needs the package @duckdb/node-api, which is not installed here: npm install @duckdb/node-api (or use the default engine, --engine stream)';

/** Order-level fields of a valid order, to validate one cell alone. */
const PLACEHOLDER = { orderId: 'o', customerId: 'c', timestamp: '2026-01-01T00:00:00Z' } as const;

/** Whether the library takes an instant the CLI read as an order's timestamp. */
function validInstant(ms: number): boolean {
  try {
    validateOrder({ ...PLACEHOLDER, timestamp: ms, lines: [{ sku: 's', unitPrice: '0' }] });
    return true;
  } catch {
    return false;
  }
}

/** Scale of the DECIMAL columns that money and quantities are summed in. */
const SCALE = 10;
/** Digits before the point that DECIMAL(38, SCALE) holds. */
const INTEGER_DIGITS = 38 - SCALE;

/** The characters String.prototype.trim removes (the CLI trims cells with it). */
const JS_WHITESPACE = '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

type DuckDbModule = typeof DuckDb;

/** Imports `@duckdb/node-api`, or says how to install it. */
async function loadDuckDb(): Promise<DuckDbModule> {
  try {
    // External in dist/cli.js (tsup.config.ts): resolved where the CLI is installed, when asked for.
    return await import('@duckdb/node-api');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') throw new UsageError(MISSING_DUCKDB);
    throw new UsageError(`${MISSING_DUCKDB}; loading it failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** How the file is stored. */
type FileKind = { readonly kind: 'parquet' } | { readonly kind: 'csv'; readonly gzip: boolean };

/** The options `--engine duckdb` refuses, named, with why. */
function checkOptions(options: ReportOptions): void {
  if (options.file === '-') throw new UsageError('--engine duckdb reads a file, not standard input (-): pass the file name, or use --engine stream');
  if (options.from === 'jsonl') throw new UsageError('--from jsonl: --engine duckdb reads CSV and Parquet files; use --engine stream for JSON Lines');
  if (options.encoding !== undefined && options.encoding !== 'utf-8') throw new UsageError(`--encoding ${options.encoding}: --engine duckdb reads UTF-8 files only; use --engine stream`);
}

async function fileKind(path: string): Promise<FileKind> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new UsageError(`no such file: ${path}`);
  if (!info.isFile()) throw new UsageError(`not a file: ${path}`);
  const handle = await open(path, 'r');
  const head = Buffer.alloc(4);
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  if (head.toString('latin1') === 'PAR1') return { kind: 'parquet' };
  if (head[0] === 0xff && head[1] === 0xfe) throw new UsageError(`${path} is UTF-16 (it starts with the byte order mark FF FE): --engine duckdb reads UTF-8 files only; use --engine stream`);
  if (path.toLowerCase().endsWith('.jsonl') || path.toLowerCase().endsWith('.ndjson') || /\.(jsonl|ndjson)\.gz$/i.test(path)) {
    throw new UsageError(`${path} is JSON Lines: --engine duckdb reads CSV and Parquet files; use --engine stream`);
  }
  return { kind: 'csv', gzip: head[0] === 0x1f && head[1] === 0x8b };
}

/** The header record of a CSV file as the CLI reads it: its fields, line and delimiter. */
async function csvHeader(options: ReportOptions, streams: Streams): Promise<{ fields: string[]; line: number; delimiter: Delimiter }> {
  const input = await openInput(options.file, streams.stdin, 'utf-8');
  if (input.empty) throw new DataError(`${inputName(options.file)}: the file is empty (no header line)`);
  if (input.kind === 'jsonl' && options.from === undefined) throw new UsageError(`${options.file} is JSON Lines: --engine duckdb reads CSV and Parquet files; use --engine stream`);
  let header: { fields: string[]; line: number } | undefined;
  const parser = new CsvParser((fields, line) => {
    header ??= { fields: [...fields], line };
  }, options.delimiter);
  for await (const chunk of input.bytes) {
    parser.push(chunk);
    if (header !== undefined) break;
  }
  if (header === undefined) parser.end();
  if (header === undefined) throw new DataError(`${inputName(options.file)}: the file is empty (no header line)`);
  return { ...header, delimiter: parser.delimiter! };
}

/** A Scorecard that also keeps the events it counted, to append them to the tables the SQL reads. */
class KeepingScorecard extends Scorecard {
  readonly events: CommerceEvent[] = [];
  /** Whether an event was in another currency than those before it (not a conflict among the rows of one order, which the assembler reports itself). */
  mixedCurrency = false;

  override add(event: CommerceEvent): this {
    try {
      super.add(event);
    } catch (error) {
      if (isKpiError(error) && error.code === 'MIXED_CURRENCY') this.mixedCurrency = true;
      throw error;
    }
    this.events.push(event);
    return this;
  }
}

/** A Tally whose read customers are counted by DuckDB (not held as a map of every id). */
class EngineTally extends Tally {
  constructor(
    private readonly readCustomers: number,
    private readonly countedCustomerCount: number,
  ) {
    super();
  }

  override readonly customers: Map<string, boolean> = new CountOnlyMap(() => this.readCustomers);

  override countedCustomers(): number {
    return this.countedCustomerCount;
  }
}

/** An empty map that reports a size counted elsewhere. */
class CountOnlyMap extends Map<string, boolean> {
  constructor(private readonly count: () => number) {
    super();
  }

  override get size(): number {
    return this.count();
  }
}

/** Rows of a query as arrays of JS values. */
async function rows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

/** `--since` / `--until` as SQL over epoch milliseconds `ms`. */
function rangeSql(options: ReportOptions): string {
  const parts = ['TRUE'];
  if (options.since !== undefined) parts.push(`ms >= ${options.since}`);
  if (options.until !== undefined) parts.push(`ms < ${options.until}`);
  return parts.join(' AND ');
}

/** A plain decimal (from the CLI's or the library's reading) fits DECIMAL(38, SCALE) exactly. */
function fitsDecimal(value: Money): boolean {
  return value.decimalPlaces() <= SCALE && integerDigits(value) <= INTEGER_DIGITS;
}

/** The library's exact decimal. */
type Money = ReturnType<typeof toMoney>;

/** Digits before the point. */
function integerDigits(value: Money): number {
  return value.abs().trunc().toFixed().length;
}

/** A quantity the CLI reads (`Number(text)`) and the library counts, when DuckDB's CAST of the text is the same number. */
function quantityValue(text: string): Money | undefined {
  // readers/columns.ts plainDecimal: an optional sign, digits with at most one point.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return undefined;
  const quantity = Number(text);
  if (!(quantity > 0) || !Number.isFinite(quantity)) return undefined;
  const exact = toMoney(quantity);
  // `+2`, `.5`, `3.` as plain decimals, to compare with the number they are read as.
  const written = toMoney(text.replace(/^\+/, '').replace(/^(-?)\./, '$10.').replace(/\.$/, ''));
  return fitsDecimal(exact) && exact.eq(written) ? exact : undefined;
}

/** A valid price (or discount) text, as the library reads it. */
function moneyValue(text: string, field: 'unitPrice' | 'discount'): Money | undefined {
  try {
    const line = field === 'unitPrice' ? { sku: 's', unitPrice: text } : { sku: 's', unitPrice: text, discount: text };
    validateOrder({ ...PLACEHOLDER, lines: [line] });
    const value = toMoney(text);
    return fitsDecimal(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The values of a column that the SQL reads itself, as `CAST(CAST(text AS DECIMAL(18, scale)) AS
 * DECIMAL(38, SCALE))` (a cast of text to DECIMAL(38, …) costs thirty times more): the scale is the
 * most decimals of a valid value; a value that is not valid, or has too many digits for
 * DECIMAL(18, scale), is left to the assembler.
 */
function decimalColumn(values: readonly string[], read: (text: string) => Money | undefined): { scale: number; odd: string[] } {
  const values_ = values.map((text) => [text, read(text)] as const);
  const scale = values_.reduce((most, [, value]) => Math.max(most, value?.decimalPlaces() ?? 0), 0);
  return { scale, odd: values_.filter(([, value]) => value === undefined || integerDigits(value) > 18 - scale).map(([text]) => text) };
}

/** `expression IN (values)` in SQL; `FALSE` for no values. */
function isIn(expression: string, values: readonly string[]): string {
  return values.length === 0 ? 'FALSE' : `${expression} IN (${values.map(quoteText).join(', ')})`;
}

/** An amount of the judged events as SQL text, or a refusal when DECIMAL(38, SCALE) would round it. */
function exactAmount(value: string | number | undefined, what: string): string | null {
  if (value === undefined) return null;
  const decimal = toMoney(value);
  if (!fitsDecimal(decimal)) throw new DataError(`${what} ${String(value)} has more than ${SCALE} decimals or ${INTEGER_DIGITS} digits: --engine duckdb sums DECIMAL(38,${SCALE}); use --engine stream`);
  return decimal.toFixed();
}

/**
 * Runs the report in DuckDB.
 *
 * @throws {@link UsageError} when `@duckdb/node-api` is missing or an option has no meaning here; {@link DataError} for bad data.
 * @internal
 */
export async function runDuckDbReport(options: ReportOptions, streams: Streams): Promise<Report> {
  checkOptions(options);
  const file = await fileKind(options.file);
  if (file.kind === 'parquet' && options.delimiter !== undefined) throw new UsageError('--delimiter: a Parquet file has no delimiter');
  const duckdb = await loadDuckDb();
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return await report(connection, options, streams, file);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function report(connection: DuckDBConnection, options: ReportOptions, streams: Streams, file: FileKind): Promise<Report> {
  // 1. The header, and the columns read (every one with --rejects, which writes skipped rows whole).
  let header: { fields: string[]; line: number; delimiter: Delimiter };
  const path = quoteText(options.file);
  const unreadable = (error: unknown): Error =>
    error instanceof UsageError || error instanceof DataError ? error : new DataError(`cannot read ${options.file}: ${error instanceof Error ? error.message.split('\n')[0]! : String(error)}`);
  if (file.kind === 'csv') {
    header = await csvHeader(options, streams);
  } else {
    try {
      header = { fields: (await rows(connection, `DESCRIBE SELECT * FROM read_parquet(${path})`)).map((row) => String(row[0])), line: 1, delimiter: ',' };
    } catch (error) {
      throw unreadable(error);
    }
  }
  const base = options.from === 'shopify' ? SHOPIFY_LAYOUT : GENERIC_LAYOUT;
  const layout = options.columns === undefined ? base : withColumns(base, options.columns);
  const timestamps = new TimestampReader(options.timeZone, options.dateFormat);
  const keepFields = options.rejects !== undefined;
  const reader = new RowReader(header.fields, header.line, layout, {
    groupBy: options.groupBy,
    timestamps,
    cancelledPrefix: options.cancelledPrefix,
    mapped: new Set(options.columns?.keys()),
    delimiter: header.delimiter,
    keepFields,
  });
  const kept = keepFields ? header.fields.map((_name, index) => index) : [...new Set(reader.columns())].sort((a, b) => a - b);

  // The raw table: the columns read, as text (c0, c1, ... by their place in the header), rowid in file order.
  try {
    if (file.kind === 'csv') {
      const columns = header.fields.map((_name, index) => `${quoteText(`c${index}`)}: 'VARCHAR'`).join(', ');
      await connection.run('SET preserve_insertion_order = true');
      await connection.run(
        `CREATE TABLE raw AS SELECT ${kept.map((index) => `c${index}`).join(', ')} FROM read_csv(${path}, header = true, auto_detect = false, columns = {${columns}}, delim = ${quoteText(header.delimiter)}, quote = '"', escape = '"', strict_mode = true, compression = ${file.gzip ? "'gzip'" : "'none'"})`,
      );
    } else {
      const columns = kept.map((index) => `CAST(${quoteIdentifier(header.fields[index], 'column')} AS VARCHAR) AS c${index}`).join(', ');
      await connection.run(`CREATE TABLE raw AS SELECT ${columns} FROM read_parquet(${path})`);
    }
  } catch (error) {
    throw unreadable(error);
  }

  // 2. The cells of each row, trimmed as the CLI trims them (a view: each of its columns is read on its own below, then all at once into r).
  // Most cells start and end with a printable ASCII character: those are kept as they are (trim with a set of characters costs ten times more).
  await connection.run(`CREATE MACRO jt(x) AS CASE WHEN x IS NULL THEN '' WHEN regexp_full_match(x, '(?s)[!-~](.*[!-~])?') THEN x ELSE trim(x, ${quoteText(JS_WHITESPACE)}) END`);
  const cell = (columns: readonly number[]): string => {
    if (columns.length === 0) return "''";
    if (columns.length === 1) return `jt(c${columns[0]!})`;
    return `coalesce(${columns.map((column) => `nullif(jt(c${column}), '')`).join(', ')}, '')`;
  };
  const field = (name: string): string => cell(reader.sources(name));
  const dimensions = options.groupBy.filter((key) => key !== 'channel' && key !== 'segment');
  const status = reader.statusSources();
  const statusCell = (index: number): string => (status === undefined || status[index]! < 0 ? "''" : `jt(c${status[index]!})`);
  const excluded = options.excludeSkus === undefined || options.excludeSkus.size === 0 ? 'FALSE' : isIn('sku', [...options.excludeSkus]);
  await connection.run(
    `CREATE VIEW cells AS SELECT *, ${excluded} AS excluded FROM (SELECT rowid AS rec, ${field('order_id')} AS order_id, ${field('customer_id')} AS customer_id, ${field('timestamp')} AS ts_text,
       ${field('currency')} AS currency, ${field('channel')} AS channel, ${field('segment')} AS segment,
       ${dimensions.map((key, index) => `${field(key)} AS d${index}, `).join('')}
       ${field('sku')} AS sku, ${field('category')} AS category, ${field('quantity')} AS q_text, ${field('unit_price')} AS p_text,
       ${field('discount')} AS disc_text, ${field('source')} AS source,
       ${statusCell(0)} AS financial_status, ${statusCell(1)} AS refunded, ${statusCell(2)} AS cancelled_at
     FROM raw)`,
  );

  // 3. Each distinct text read once, by the CLI's readers.
  await connection.run('CREATE TABLE ts_map (t VARCHAR, ms BIGINT)');
  const appender = await connection.createAppender('ts_map');
  for (const [text] of await rows(connection, "SELECT DISTINCT ts_text FROM cells WHERE ts_text <> ''")) {
    try {
      const ms = timestamps.read(text as string);
      if (!validInstant(ms)) continue;
      appender.appendVarchar(text as string);
      appender.appendBigInt(BigInt(ms));
      appender.endRow();
    } catch (error) {
      if (!(error instanceof TimestampError)) throw error;
    }
  }
  appender.closeSync();
  const distinct = async (column: string): Promise<string[]> => (await rows(connection, `SELECT DISTINCT ${column} FROM cells WHERE ${column} <> ''`)).map(([text]) => text as string);
  const odd = async (column: string, good: (text: string) => boolean): Promise<string[]> => (await distinct(column)).filter((text) => !good(text));
  const quantities = decimalColumn(await distinct('q_text'), quantityValue);
  const prices = decimalColumn(await distinct('p_text'), (text) => moneyValue(text, 'unitPrice'));
  const discounts = decimalColumn(await distinct('disc_text'), (text) => moneyValue(text, 'discount'));
  // The texts the SQL leaves to the assembler, by column (a semi-join costs less than a long IN list).
  await connection.run('CREATE TABLE odd_text (kind VARCHAR, text VARCHAR)');
  const oddTexts = await connection.createAppender('odd_text');
  const oddCurrencies = await odd('currency', isCurrencyCode);
  for (const [kind, texts] of [['q', quantities.odd], ['p', prices.odd], ['d', discounts.odd], ['c', oddCurrencies]] as const) {
    for (const text of texts) {
      oddTexts.appendVarchar(kind);
      oddTexts.appendVarchar(text);
      oddTexts.endRow();
    }
  }
  oddTexts.closeSync();
  const oddIn = (column: string, kind: string, texts: readonly string[]): string => (texts.length === 0 ? 'FALSE' : `${column} IN (SELECT text FROM odd_text WHERE kind = '${kind}')`);
  // A row the SQL cannot count on its own: a cell the CLI would not read, or a discount near its line's gross.
  const oddRow = [
    "order_id = ''",
    "sku = ''",
    "(ts_text <> '' AND ms IS NULL)",
    oddIn('q_text', 'q', quantities.odd),
    `(p_text = '' OR ${oddIn('p_text', 'p', prices.odd)})`,
    oddIn('disc_text', 'd', discounts.odd),
    oddIn('currency', 'c', oddCurrencies),
    "source NOT IN ('', 'organic', 'cross-sell', 'upsell')",
    // --by category: a line without one is not counted (the Scorecard refuses it).
    options.by === 'category' ? "category = ''" : 'FALSE',
    "(disc_text <> '' AND TRY_CAST(disc_text AS DOUBLE) > 0 AND TRY_CAST(disc_text AS DOUBLE) >= coalesce(TRY_CAST(nullif(q_text, '') AS DOUBLE), 1) * TRY_CAST(p_text AS DOUBLE) * (1 - 1e-9))",
  ].join(' OR ');
  // A payment status that makes the order something else than a sale (Shopify: voided, cancelled, refunded).
  const oddStatus = "(lower(financial_status) LIKE '%void%' OR cancelled_at <> '' OR (refunded <> '' AND NOT regexp_full_match(refunded, '[+-]?0*\\.?0*')))";
  await connection.run(
    `CREATE TABLE r AS SELECT c.*, m.ms, (excluded::BIGINT << 40) + rec AS rank,
       CASE WHEN excluded THEN ${oddIn('currency', 'c', oddCurrencies)} ELSE (${oddRow}) END OR ${oddStatus} AS odd
     FROM cells c LEFT JOIN ts_map m ON m.t = c.ts_text`,
  );
  await connection.run('DROP VIEW cells');

  // 4. Orders: their fields from the first row that has each (rows of excluded SKUs last), and what becomes of them.
  const first = (column: string): string => `arg_min(${column}, rank) FILTER (WHERE ${column} <> '')`;
  const cancellation = options.cancelledPrefix === undefined ? 'FALSE' : `starts_with(order_id, ${quoteText(options.cancelledPrefix)})`;
  await connection.run(
    `CREATE TABLE o AS SELECT *, CASE WHEN incl_rows = 0 THEN 'excluded'
         WHEN odd OR conflict OR ms IS NULL OR ${cancellation} THEN 'odd'
         WHEN NOT (${rangeSql(options)}) THEN 'out' ELSE 'counted' END AS fate
     FROM (SELECT order_id, count(*) FILTER (WHERE NOT excluded) AS incl_rows, count(*) FILTER (WHERE excluded) AS excl_rows, bool_or(odd) AS odd,
       count(DISTINCT customer_id) FILTER (WHERE NOT excluded AND customer_id <> '') > 1 OR count(DISTINCT currency) FILTER (WHERE NOT excluded AND currency <> '') > 1 AS conflict,
       ${first('customer_id')} AS customer_id, arg_min(ms, rank) FILTER (WHERE ms IS NOT NULL) AS ms, ${first('currency')} AS currency,
       ${first('channel')} AS channel, ${first('segment')} AS segment${dimensions.map((_key, index) => `, ${first(`d${index}`)} AS d${index}`).join('')}
     FROM r WHERE order_id <> '' GROUP BY order_id)`,
  );

  // 5. The orders that need judgement, and the rows of no order, through the default engine's assembler.
  const scorecardOptions: ScorecardOptions = { grain: options.grain, timeZone: options.timeZone, groupBy: [...options.groupBy], by: options.by, dedupe: false };
  if (options.currency !== undefined) scorecardOptions.currency = options.currency;
  const judged = new KeepingScorecard(scorecardOptions);
  const judgeTally = new Tally();
  const rejects = options.rejects === undefined ? undefined : new RejectsWriter(options.rejects);
  try {
    rejects?.start(header.fields, header.delimiter);
    const assembler = new OrderAssembler(judged, judgeTally, reader.fieldName.bind(reader), { ...options, window: Infinity, rejects, timestamps });
    const judgedRows = await rows(
      connection,
      `SELECT rowid, * FROM raw WHERE rowid IN (SELECT rec FROM r WHERE order_id = '' OR order_id IN (SELECT order_id FROM o WHERE fate = 'odd')) ORDER BY rowid`,
    );
    const lines = await recordLines(options, streams, file, header.delimiter, kept[0]!, judgedRows.map(([rec]) => Number(rec)));
    const fields: string[] = header.fields.map(() => '');
    for (const [rec, ...values] of judgedRows) {
      values.forEach((value, index) => (fields[kept[index]!] = value === null ? '' : String(value)));
      const found = lines.get(Number(rec));
      // DuckDB's rowid is the record's place in the file (its scan keeps the file's order): checked on every row judged.
      if (found === undefined || (found.cell !== undefined && found.cell !== fields[kept[0]!])) {
        throw new Error(`record ${String(rec)} of ${options.file} is not the same in DuckDB and in the CLI's CSV parser`);
      }
      assembler.push(reader.read(keepFields ? [...fields] : fields, found.line));
    }
    assembler.finish();
    await connection.run('DROP TABLE raw');
  } finally {
    await rejects?.close();
  }
  if (judged.mixedCurrency) throw mixedCurrency();

  // 6. The tables the Scorecard's SQL reads: the orders counted in SQL, and the events the assembler counted.
  const dimensionColumns = dimensions.map((_key, index) => `, d${index}`).join('');
  await appendJudged(connection, judged.events, dimensions);
  const decimal = (column: string): string => `CAST(${column} AS DECIMAL(38,${SCALE})) AS ${column}`;
  const fast = (text: string, scale: number): string => `CAST(CAST(${text} AS DECIMAL(18,${scale})) AS DECIMAL(38,${SCALE}))`;
  await connection.run(
    `CREATE TABLE lines AS SELECT o.order_id, nullif(o.customer_id, '') AS customer_id, epoch_ms(o.ms) AS timestamp, r.sku, nullif(r.category, '') AS category,
       ${fast("nullif(r.q_text, '')", quantities.scale)} AS quantity, ${fast('r.p_text', prices.scale)} AS unit_price,
       ${fast("nullif(r.disc_text, '')", discounts.scale)} AS discount, o.currency, o.channel, o.segment, nullif(r.source, '') AS source${dimensions.map((_key, index) => `, o.d${index}`).join('')}
     FROM r JOIN o USING (order_id) WHERE o.fate = 'counted' AND NOT r.excluded
     UNION ALL SELECT order_id, customer_id, epoch_ms(timestamp), sku, category, ${decimal('quantity')}, ${decimal('unit_price')}, ${decimal('discount')}, currency, channel, segment, source${dimensionColumns} FROM judged_lines`,
  );
  await connection.run(
    `CREATE TABLE returns AS SELECT return_id, order_id, customer_id, epoch_ms(timestamp) AS timestamp, currency, ${decimal('amount')}, channel, segment${dimensionColumns} FROM judged_returns`,
  );

  // 7. What was read and counted, from the tables the Scorecard does not read (dropped then, for its memory).
  const [totals] = await rows(
    connection,
    `SELECT (SELECT count(*) FROM r), (SELECT count(DISTINCT order_id) FROM r WHERE order_id <> ''), (SELECT count(DISTINCT customer_id) FROM r WHERE customer_id <> ''),
       count(*) FILTER (WHERE fate = 'counted'), coalesce(sum(incl_rows) FILTER (WHERE fate = 'counted'), 0),
       count(*) FILTER (WHERE fate = 'out'), coalesce(sum(incl_rows) FILTER (WHERE fate = 'out'), 0),
       count(*) FILTER (WHERE fate = 'excluded'), coalesce(sum(excl_rows) FILTER (WHERE fate <> 'odd'), 0)
     FROM o`,
  );
  const [readRows, readOrders, readCustomers, countedOrders, countedRows, outOrders, outRows, excludedOrders, excludedRows] = totals!.map(Number) as number[];
  const judgedCustomers = [...judgeTally.customers].filter(([, counted]) => counted).map(([id]) => id);
  await connection.run('CREATE TABLE judged_customers (customer_id VARCHAR)');
  const customers = await connection.createAppender('judged_customers');
  for (const id of judgedCustomers) {
    customers.appendVarchar(id);
    customers.endRow();
  }
  customers.closeSync();
  const [[countedCustomers]] = (await rows(
    connection,
    "SELECT count(*) FROM (SELECT customer_id FROM o WHERE fate = 'counted' AND customer_id <> '' UNION SELECT customer_id FROM judged_customers)",
  )) as [[unknown]];
  await connection.run('DROP TABLE r; DROP TABLE o');

  // 8. The Scorecard.
  const columns: Record<string, string> = {};
  dimensions.forEach((key, index) => (columns[key] = `d${index}`));
  const sqlOptions: ScorecardSqlOptions = { ...scorecardOptions, dialect: 'duckdb', orders: { table: 'lines', columns }, returns: { table: 'returns', columns } };
  delete sqlOptions.dedupe;
  const query = scorecardSql(sqlOptions);
  // Each event in its own currency, else --currency (the Scorecard's rule): one in all.
  const currencies = await rows(connection, `SELECT DISTINCT coalesce(currency, ${quoteText(options.currency ?? '')}) FROM (SELECT currency FROM lines UNION ALL SELECT currency FROM returns)`);
  if (currencies.length > 1) throw mixedCurrency();
  const scorecardRows = query.readRows((await connection.runAndReadAll(query.sql)).getRowObjectsJS() as Record<string, unknown>[]);

  // 9. What was read, counted and skipped.
  const tally = new EngineTally(readCustomers!, Number(countedCustomers));
  tally.rows = readRows!;
  // Read order ids are counted by DuckDB, not held (SeenIds' count is all the report reads of them).
  tally.orders.size = readOrders!;
  tally.countedRows = countedRows! + judgeTally.countedRows;
  tally.countedOrders = countedOrders! + judgeTally.countedOrders;
  tally.countedReturns = judgeTally.countedReturns;
  tally.skippedRows = judgeTally.skippedRows;
  tally.skippedOrders = judgeTally.skippedOrders;
  for (const [code, count] of judgeTally.byCode) tally.byCode.set(code, count);
  for (const [code, line] of judgeTally.firstLineByCode) tally.firstLineByCode.set(code, line);
  tally.excludedRows = excludedRows! + judgeTally.excludedRows;
  tally.excludedOrders = excludedOrders! + judgeTally.excludedOrders;
  tally.outOfRangeRows = outRows! + judgeTally.outOfRangeRows;
  tally.outOfRangeOrders = outOrders! + judgeTally.outOfRangeOrders;
  // DuckDB holds the whole file: every order and every row, as --unsorted does.
  tally.heldOrders = readOrders!;
  tally.heldRows = readRows!;
  return { options, rows: scorecardRows, tally, rejectedRows: rejects?.rows };
}

function mixedCurrency(): DataError {
  return new DataError(
    'MIXED_CURRENCY: the orders are in more than one currency (or some carry none and --currency differs): --engine duckdb counts one currency per report; use --engine stream, which stops at the first order that differs (or skips it with --skip-invalid)',
  );
}

/**
 * The file line of each of `records` (data record numbers, 0-based, ascending, as DuckDB's rowid),
 * and its cell in `column`, read by the CLI's own CSV parser up to the last of them: its lines count
 * blank lines and line breaks inside quoted fields as the default engine's do. Parquet: record
 * number + 2, no cell.
 */
async function recordLines(options: ReportOptions, streams: Streams, file: FileKind, delimiter: Delimiter, column: number, records: readonly number[]): Promise<Map<number, { line: number; cell: string | undefined }>> {
  const lines = new Map<number, { line: number; cell: string | undefined }>();
  if (records.length === 0) return lines;
  if (file.kind === 'parquet') {
    for (const record of records) lines.set(record, { line: record + 2, cell: undefined });
    return lines;
  }
  let next = 0;
  // The header is the first record the parser gives: record -1.
  let record = -2;
  const input = await openInput(options.file, streams.stdin, 'utf-8');
  const parser = new CsvParser((fields, line) => {
    record += 1;
    if (record === records[next]) {
      lines.set(record, { line, cell: fields[column] });
      next += 1;
    }
  }, delimiter);
  parser.readOnly([column]);
  for await (const chunk of input.bytes) {
    parser.push(chunk);
    if (next === records.length) break;
  }
  if (next < records.length) parser.end();
  return lines;
}

/** Appends the events the assembler counted to `lines` and `returns`. */
async function appendJudged(connection: DuckDBConnection, events: readonly CommerceEvent[], dimensions: readonly string[]): Promise<void> {
  const dimensionTypes = dimensions.map((_key, index) => `, d${index} VARCHAR`).join('');
  await connection.run(
    `CREATE TABLE judged_lines (order_id VARCHAR, customer_id VARCHAR, timestamp BIGINT, sku VARCHAR, category VARCHAR, quantity VARCHAR, unit_price VARCHAR, discount VARCHAR, currency VARCHAR, channel VARCHAR, segment VARCHAR, source VARCHAR${dimensionTypes})`,
  );
  await connection.run(`CREATE TABLE judged_returns (return_id VARCHAR, order_id VARCHAR, customer_id VARCHAR, timestamp BIGINT, currency VARCHAR, amount VARCHAR, channel VARCHAR, segment VARCHAR${dimensionTypes})`);
  const lines = await connection.createAppender('judged_lines');
  const returns = await connection.createAppender('judged_returns');
  const text = (appender: typeof lines, value: string | null | undefined): void => (value === undefined || value === null ? appender.appendNull() : appender.appendVarchar(value));
  for (const event of events) {
    if (event.type === 'return') {
      const refund = event as Return;
      text(returns, refund.returnId);
      text(returns, refund.orderId);
      text(returns, refund.customerId);
      returns.appendBigInt(BigInt(refund.timestamp as number));
      text(returns, refund.currency);
      text(returns, exactAmount(refund.amount as string, 'a returned amount'));
      text(returns, refund.channel);
      text(returns, refund.segment);
      for (const key of dimensions) text(returns, refund.dimensions?.[key]);
      returns.endRow();
      continue;
    }
    const order = event as Order;
    for (const line of order.lines) {
      text(lines, order.orderId);
      text(lines, order.customerId);
      lines.appendBigInt(BigInt(order.timestamp as number));
      text(lines, line.sku);
      text(lines, line.category);
      text(lines, exactAmount(line.quantity, 'a quantity'));
      text(lines, exactAmount(line.unitPrice as string, 'a unit price'));
      text(lines, exactAmount(line.discount as string | undefined, 'a discount'));
      text(lines, order.currency);
      text(lines, order.channel);
      text(lines, order.segment);
      text(lines, line.source);
      for (const key of dimensions) text(lines, order.dimensions?.[key]);
      lines.endRow();
    }
  }
  lines.closeSync();
  returns.closeSync();
}
