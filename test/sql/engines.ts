/**
 * The real engines of the warehouse SQL tests (issue 13, SPEC section 10): events in, fresh
 * tables in DuckDB (`@duckdb/node-api`, in memory) and PostgreSQL (the run's server, started by
 * test/sql/postgresServer.ts), and a `query(sql)` that gives rows as plain objects as each
 * driver gives them.
 *
 * Loading is exact and independent of the library:
 * - one table per kind of event, in a schema of its own per load (so property runs never
 *   collide), with the default column names of SPEC section 10 (the event fields in snake_case)
 *   plus one text column per `groupBy` key that is not an event field; any table, schema or
 *   column may be given another name (hostile names included: they are quoted here, or passed
 *   as data to DuckDB's appender), and a column mapped to `null` is not created;
 * - ids (strings or numbers) as text; an absent field (or a guest's `null` customer) as NULL;
 * - timestamps as instants (TIMESTAMPTZ; or a plain TIMESTAMP holding the UTC wall-clock time):
 *   numbers as epoch milliseconds, Dates by their time, ISO strings by a strict parser of their
 *   own (`instantOf`, checked against the library's reading in engines.test.ts; DuckDB parses
 *   neither `+0100` offsets nor minutes-only times);
 * - money and quantities as exact decimals (DECIMAL(38,10) in DuckDB, whose widest precision is
 *   38, and unconstrained NUMERIC in PostgreSQL); a value with more digits than the column holds
 *   is refused rather than rounded;
 * - booleans as BOOLEAN.
 *
 * Batched: DuckDB's appender, and one `INSERT … SELECT … FROM unnest($1::text[], …)` per table
 * (per 20,000 rows) in PostgreSQL, on one connection per engine.
 *
 * Sessions are deliberately unlike UTC: both engines run with TimeZone `Pacific/Chatham`
 * (UTC+12:45, +13:45 in summer), a zone no test option uses, and PostgreSQL's default collation
 * is ICU en-US; SPEC section 10 says no result depends on either.
 *
 * Rows: PostgreSQL's are pg's `result.rows` with its default type parsers (bigint and numeric as
 * strings, int4 as numbers, timestamptz as Dates). DuckDB's `query` gives `getRowObjectsJS()`
 * (BIGINT as bigint, INTEGER and DOUBLE as numbers, DECIMAL as a number, TIMESTAMPTZ as a Date):
 * the typed form, nearest to pg's, and the stricter one, since a sum left as DECIMAL loses
 * digits there; `queryJson` gives `getRowObjectsJson()` (BIGINT and DECIMAL as strings), the
 * other form SPEC section 10 accepts. Both refuse SQL of more than one statement.
 */
import { DuckDBInstance, DuckDBTimestampTZValue, DuckDBTimestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import DecimalJs from 'decimal.js';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { isCI } from '../support/ci.js';

export type Dialect = 'duckdb' | 'postgres';
export const DIALECTS: readonly Dialect[] = ['duckdb', 'postgres'];

/** A result row, as the driver gives it. */
export type Row = Record<string, unknown>;

/** The time zone both engines' sessions run in (see the module comment). */
export const SESSION_TIME_ZONE = 'Pacific/Chatham';

export type TableKind = 'orders' | 'returns' | 'offers' | 'visits';
export const TABLE_KINDS: readonly TableKind[] = ['orders', 'returns', 'offers', 'visits'];

/** A table as `scorecardSql` takes it (`TableSpec` of `xsell-kpi/sql`). */
export interface TableSpec {
  table: string | [schema: string, name: string];
  columns?: Record<string, string | null>;
}

type ColumnType = 'text' | 'decimal' | 'time' | 'boolean';

/** Each table's event fields in order: the field, its default column name, its type. */
const FIELDS: Record<TableKind, readonly (readonly [field: string, column: string, type: ColumnType])[]> = {
  orders: [
    ['orderId', 'order_id', 'text'],
    ['customerId', 'customer_id', 'text'],
    ['timestamp', 'timestamp', 'time'],
    ['sku', 'sku', 'text'],
    ['category', 'category', 'text'],
    ['quantity', 'quantity', 'decimal'],
    ['unitPrice', 'unit_price', 'decimal'],
    ['discount', 'discount', 'decimal'],
    ['currency', 'currency', 'text'],
    ['channel', 'channel', 'text'],
    ['segment', 'segment', 'text'],
    ['source', 'source', 'text'],
  ],
  returns: [
    ['returnId', 'return_id', 'text'],
    ['orderId', 'order_id', 'text'],
    ['customerId', 'customer_id', 'text'],
    ['timestamp', 'timestamp', 'time'],
    ['currency', 'currency', 'text'],
    ['amount', 'amount', 'decimal'],
    ['channel', 'channel', 'text'],
    ['segment', 'segment', 'text'],
  ],
  offers: [
    ['offerId', 'offer_id', 'text'],
    ['customerId', 'customer_id', 'text'],
    ['timestamp', 'timestamp', 'time'],
    ['kind', 'kind', 'text'],
    ['accepted', 'accepted', 'boolean'],
    ['channel', 'channel', 'text'],
    ['segment', 'segment', 'text'],
  ],
  visits: [
    ['visitorId', 'visitor_id', 'text'],
    ['timestamp', 'timestamp', 'time'],
    ['converted', 'converted', 'boolean'],
    ['channel', 'channel', 'text'],
    ['segment', 'segment', 'text'],
  ],
};

/** The `groupBy` keys that are event fields; any other key is a dimension column. */
const EVENT_GROUP_FIELDS = new Set(['channel', 'segment']);

/** The dimension columns' keys of a `groupBy`. */
export function dimensionKeys(groupBy: readonly string[] = []): string[] {
  return groupBy.filter((key) => !EVENT_GROUP_FIELDS.has(key));
}

export interface LoadOptions {
  /** The Scorecard's `groupBy`: each key that is not `channel` or `segment` becomes a text column of every table, from `dimensions[key]`. */
  groupBy?: readonly string[];
  /** The schema's name; a fresh `xk_<pid>_<n>` by default. A given name gets that suffix too, so that loads never collide. */
  schema?: string;
  /** Table names by kind; the kind's name (`orders`, ...) by default. */
  tables?: Partial<Record<TableKind, string>>;
  /** Column names by kind and event field (or dimension key); `null` leaves the column out of the table. */
  columns?: Partial<Record<TableKind, Partial<Record<string, string | null>>>>;
  /** `'timestamptz'` (default), or `'timestamp'`: a plain timestamp holding the UTC wall-clock time. */
  timestamps?: 'timestamptz' | 'timestamp';
}

/** What a load made: the schema, each table as a `TableSpec` for `scorecardSql`, and a way to drop them. */
export interface Loaded {
  schema: string;
  tables: Record<TableKind, TableSpec>;
  /** How many rows each table holds. */
  rows: Record<TableKind, number>;
  drop(): Promise<void>;
}

export interface Engine {
  readonly dialect: Dialect;
  /** Runs one SQL statement; rows as the driver gives them (DuckDB: `getRowObjectsJS()`). */
  query(sql: string): Promise<Row[]>;
  /** Runs one SQL statement once and reads its rows each way the driver has: DuckDB's `getRowObjectsJS()` and `getRowObjectsJson()`, pg's `rows`. */
  queryEachWay(sql: string): Promise<{ reader: string; rows: Row[] }[]>;
  /** Creates a fresh schema with the four tables and loads the events. */
  load(events: readonly unknown[], options?: LoadOptions): Promise<Loaded>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Events as columns
// ---------------------------------------------------------------------------------------------

/** A cell: text (ids, names, exact decimals), an instant in epoch ms, a boolean, or NULL. */
type Cell = string | number | boolean | null;

interface Column {
  name: string;
  type: ColumnType;
  cells: Cell[];
}

interface Table {
  kind: TableKind;
  name: string;
  columns: Column[];
  rows: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * The instant (epoch ms) of a timestamp as events carry it: epoch milliseconds, a Date, or ISO
 * 8601 text with `Z` or an offset (`±HH:MM` or `±HHMM`), with or without seconds and fraction.
 * Digits below the millisecond must be zeros (the tables would hold them, the library not).
 */
export function instantOf(timestamp: unknown): number {
  if (typeof timestamp === 'number' && Number.isSafeInteger(timestamp)) return timestamp;
  if (timestamp instanceof Date && !Number.isNaN(timestamp.getTime())) return timestamp.getTime();
  const match = typeof timestamp === 'string' ? ISO.exec(timestamp) : null;
  if (match === null) throw new Error(`the harness reads no timestamp from ${String(timestamp)}`);
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone, sign, offsetHours = '0', offsetMinutes = '0'] = match;
  if (/[1-9]/.test(fraction.slice(3))) throw new Error(`the harness loads milliseconds, not ${timestamp}`);
  const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(fraction.slice(0, 3).padEnd(3, '0')));
  const offset = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  return local - offset;
}

const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** The exact plain decimal text of a quantity or a money input (a number through its shortest string, a Decimal by value). */
export function decimalOf(value: unknown): string {
  if (typeof value === 'string' && PLAIN_DECIMAL.test(value)) return value;
  if (typeof value === 'string' || typeof value === 'number') return new DecimalJs(value).toFixed();
  if (DecimalJs.isDecimal(value)) return (value as DecimalJs).toFixed();
  throw new Error(`the harness reads no decimal from ${String(value)}`);
}

function kindOf(event: Record<string, unknown>): TableKind {
  const type = event['type'];
  if (type === undefined || type === 'order') return 'orders';
  if (type === 'return' || type === 'offer' || type === 'visit') return `${type}s`;
  throw new Error(`the harness loads no event of type ${String(type)}`);
}

/** A cell of one field's value: absent (or a guest's `null` customer) is NULL, ids and names are text. */
function cellOf(type: ColumnType, value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (type === 'time') return instantOf(value);
  if (type === 'decimal') return decimalOf(value);
  if (type === 'boolean') return Boolean(value);
  return String(value);
}

/** The fields an order row takes from its line rather than from the order. */
const LINE_FIELDS = new Set(['sku', 'category', 'quantity', 'unitPrice', 'discount', 'source']);

interface FieldSpec {
  name: string;
  type: ColumnType;
  read(event: Record<string, unknown>, line: Record<string, unknown> | undefined): unknown;
}

/** The columns of a table: its event fields and the dimension columns, renamed, without those mapped to `null`. */
function fieldSpecs(kind: TableKind, options: LoadOptions): FieldSpec[] {
  const renames = options.columns?.[kind] ?? {};
  const nameOf = (field: string, column: string): string | null | undefined => (Object.hasOwn(renames, field) ? renames[field] : column);
  const specs: (Omit<FieldSpec, 'name'> & { name: string | null | undefined })[] = [
    ...FIELDS[kind].map(([field, column, type]) => ({
      name: nameOf(field, column),
      type,
      read: (event: Record<string, unknown>, line: Record<string, unknown> | undefined) => (line !== undefined && LINE_FIELDS.has(field) ? line : event)[field],
    })),
    ...dimensionKeys(options.groupBy).map((key) => ({
      name: nameOf(key, key),
      type: 'text' as const,
      read: (event: Record<string, unknown>) => {
        const bag = event['dimensions'] as Record<string, unknown> | undefined;
        return bag !== undefined && Object.hasOwn(bag, key) ? bag[key] : undefined;
      },
    })),
  ];
  const kept = specs.filter((spec): spec is FieldSpec => typeof spec.name === 'string');
  const names = kept.map((spec) => spec.name);
  if (new Set(names).size !== names.length) throw new Error(`${kind}: two columns named alike in ${names.join(', ')}`);
  return kept;
}

/** The events as four tables of cells. */
function tablesOf(events: readonly unknown[], options: LoadOptions): Table[] {
  return TABLE_KINDS.map((kind) => {
    const specs = fieldSpecs(kind, options);
    const columns: Column[] = specs.map(({ name, type }) => ({ name, type, cells: [] }));
    let rows = 0;
    const push = (event: Record<string, unknown>, line: Record<string, unknown> | undefined): void => {
      specs.forEach((spec, index) => columns[index]!.cells.push(cellOf(spec.type, spec.read(event, line))));
      rows++;
    };
    for (const event of events as Record<string, unknown>[]) {
      if (kindOf(event) !== kind) continue;
      if (kind === 'orders') for (const line of event['lines'] as Record<string, unknown>[]) push(event, line);
      else push(event, undefined);
    }
    return { kind, name: options.tables?.[kind] ?? kind, columns, rows };
  });
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

let loads = 0;

/** A schema name no other load (in this process or another worker) uses. */
function freshSchema(base = 'xk'): string {
  loads += 1;
  return `${base}_${process.pid}_${loads}`;
}

/** An identifier quoted as both engines quote it; NUL and names PostgreSQL would truncate (over 63 bytes) are refused. */
export function quoteIdentifier(name: string): string {
  if (name === '' || name.includes('\0')) throw new Error(`the harness makes no identifier ${JSON.stringify(name)}`);
  if (Buffer.byteLength(name) > 63) throw new Error(`PostgreSQL truncates identifiers over 63 bytes: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

function createTableSql(schema: string, table: Table, types: Record<ColumnType, string>): string {
  const columns = table.columns.map((column) => `${quoteIdentifier(column.name)} ${types[column.type]}`).join(', ');
  return `CREATE TABLE ${quoteIdentifier(schema)}.${quoteIdentifier(table.name)} (${columns})`;
}

function loaded(schema: string, tables: Table[], options: LoadOptions, drop: () => Promise<void>): Loaded {
  const specs = {} as Record<TableKind, TableSpec>;
  const rows = {} as Record<TableKind, number>;
  for (const table of tables) {
    const renames = options.columns?.[table.kind];
    const columns = renames === undefined ? undefined : (Object.fromEntries(Object.entries(renames).filter(([, name]) => name !== undefined)) as Record<string, string | null>);
    specs[table.kind] = { table: [schema, table.name], ...(columns === undefined ? {} : { columns }) };
    rows[table.kind] = table.rows;
  }
  return { schema, tables: specs, rows, drop };
}

// ---------------------------------------------------------------------------------------------
// DuckDB
// ---------------------------------------------------------------------------------------------

/** DuckDB's widest exact decimal: 28 digits before the point, 10 after. */
const DUCKDB_DECIMAL = { type: 'DECIMAL(38,10)', scale: 10, integerDigits: 28 };

/** Refuses a decimal DECIMAL(38,10) would round or overflow (DuckDB's appender rounds silently). */
function fitsDuckDB(text: string): string {
  const [whole = '', fraction = ''] = text.replace(/^-/, '').split('.');
  if (fraction.length > DUCKDB_DECIMAL.scale || whole.replace(/^0+/, '').length > DUCKDB_DECIMAL.integerDigits) {
    throw new Error(`${text} does not fit ${DUCKDB_DECIMAL.type} exactly`);
  }
  return text;
}

function appendCell(appender: DuckDBAppender, type: ColumnType, cell: Cell, timestamps: 'timestamptz' | 'timestamp'): void {
  if (cell === null) appender.appendNull();
  else if (type === 'boolean') appender.appendBoolean(cell as boolean);
  else if (type === 'time') {
    const micros = BigInt(cell as number) * 1000n;
    if (timestamps === 'timestamp') appender.appendTimestamp(new DuckDBTimestampValue(micros));
    else appender.appendTimestampTZ(new DuckDBTimestampTZValue(micros));
  } else if (type === 'decimal') appender.appendVarchar(fitsDuckDB(cell as string)); // cast by DuckDB, exactly once it fits
  else appender.appendVarchar(cell as string);
}

async function singleStatement(connection: DuckDBConnection, sql: string) {
  const statements = await connection.extractStatements(sql);
  if (statements.count !== 1) throw new Error(`expected one SQL statement, got ${statements.count}`);
  return (await statements.prepare(0)).runAndReadAll();
}

/** An in-memory DuckDB, its session in {@link SESSION_TIME_ZONE}. */
export async function openDuckDB(): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = '${SESSION_TIME_ZONE}'`);
  return {
    dialect: 'duckdb',
    query: async (sql) => (await singleStatement(connection, sql)).getRowObjectsJS() as Row[],
    async queryEachWay(sql) {
      const reader = await singleStatement(connection, sql);
      return [
        { reader: 'getRowObjectsJS', rows: reader.getRowObjectsJS() as Row[] },
        { reader: 'getRowObjectsJson', rows: reader.getRowObjectsJson() as Row[] },
      ];
    },
    async load(events, options = {}) {
      const schema = freshSchema(options.schema);
      const timestamps = options.timestamps ?? 'timestamptz';
      const tables = tablesOf(events, options);
      const types: Record<ColumnType, string> = { text: 'VARCHAR', decimal: DUCKDB_DECIMAL.type, time: timestamps === 'timestamp' ? 'TIMESTAMP' : 'TIMESTAMPTZ', boolean: 'BOOLEAN' };
      await connection.run([`CREATE SCHEMA ${quoteIdentifier(schema)}`, ...tables.map((table) => createTableSql(schema, table, types))].join(';\n'));
      for (const table of tables) {
        if (table.rows === 0) continue;
        // The appender takes names as data, never as SQL.
        const appender = await connection.createAppender(table.name, schema);
        for (let row = 0; row < table.rows; row++) {
          for (const column of table.columns) appendCell(appender, column.type, column.cells[row]!, timestamps);
          appender.endRow();
        }
        appender.flushSync();
        appender.closeSync();
      }
      return loaded(schema, tables, options, async () => {
        await connection.run(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
      });
    },
    async close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------------------------

/** Rows per INSERT: each column is one text[] parameter, so this bounds a parameter's size, not their count. */
const POSTGRES_BATCH = 20_000;

/** A cell as the text PostgreSQL casts to the column's type. */
function postgresText(type: ColumnType, cell: Cell, timestamps: 'timestamptz' | 'timestamp'): string | null {
  if (cell === null) return null;
  if (type === 'time') {
    const iso = new Date(cell as number).toISOString();
    return timestamps === 'timestamp' ? iso.slice(0, -1) : iso;
  }
  return String(cell);
}

/** Whether the tests that need PostgreSQL skip here: the reason (also printed once), or `undefined` when they run. Under CI they never skip. */
export function postgresSkipReason(): string | undefined {
  if (inject('postgres') !== null || isCI) return undefined;
  const reason = `PostgreSQL did not start: ${inject('postgresError') ?? 'unknown reason'}`;
  console.warn(`[test/sql] SKIPPED the PostgreSQL tests: ${reason} (With CI=true this is a failure.)`);
  return reason;
}

/** A connection to the run's PostgreSQL server, its session in {@link SESSION_TIME_ZONE}; throws why when there is none. */
export async function openPostgres(): Promise<Engine> {
  const connection = inject('postgres');
  if (connection === null) throw new Error(`PostgreSQL did not start: ${inject('postgresError') ?? 'unknown reason'}`);
  const client = new pg.Client({ ...connection, options: `-c TimeZone=${SESSION_TIME_ZONE}` });
  await client.connect();
  const query = async (sql: string): Promise<Row[]> => {
    // The extended protocol runs one statement or none (a second is an error before anything runs);
    // rows come back as text and go through the same default parsers as a simple query's.
    const result = await client.query({ text: sql, queryMode: 'extended' } as pg.QueryConfig);
    return result.rows as Row[];
  };
  return {
    dialect: 'postgres',
    query,
    queryEachWay: async (sql) => [{ reader: 'pg rows', rows: await query(sql) }],
    async load(events, options = {}) {
      const schema = freshSchema(options.schema);
      const timestamps = options.timestamps ?? 'timestamptz';
      const tables = tablesOf(events, options);
      const types: Record<ColumnType, string> = { text: 'text', decimal: 'numeric', time: timestamps === 'timestamp' ? 'timestamp' : 'timestamptz', boolean: 'boolean' };
      await client.query([`CREATE SCHEMA ${quoteIdentifier(schema)}`, ...tables.map((table) => createTableSql(schema, table, types))].join(';\n'));
      for (const table of tables) {
        if (table.rows === 0) continue;
        const names = table.columns.map((column) => quoteIdentifier(column.name)).join(', ');
        const arrays = table.columns.map((_, index) => `$${index + 1}::text[]`).join(', ');
        const aliases = table.columns.map((_, index) => `c${index}`);
        const casts = table.columns.map((column, index) => `${aliases[index]}::${types[column.type]}`).join(', ');
        const sql = `INSERT INTO ${quoteIdentifier(schema)}.${quoteIdentifier(table.name)} (${names}) SELECT ${casts} FROM unnest(${arrays}) AS u(${aliases.join(', ')})`;
        for (let start = 0; start < table.rows; start += POSTGRES_BATCH) {
          const end = Math.min(table.rows, start + POSTGRES_BATCH);
          await client.query(sql, table.columns.map((column) => column.cells.slice(start, end).map((cell) => postgresText(column.type, cell, timestamps))));
        }
      }
      return loaded(schema, tables, options, async () => {
        await client.query(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
      });
    },
    async close() {
      await client.end();
    },
  };
}

/** Opens the engine of a dialect. */
export function openEngine(dialect: Dialect): Promise<Engine> {
  return dialect === 'duckdb' ? openDuckDB() : openPostgres();
}

/**
 * Opens the engine of a dialect for the tests of a `describe` (closed after them), and says
 * whether they skip: PostgreSQL's tests skip with a message when its server did not start, except
 * under CI=true, where they fail with the reason.
 */
export function useEngine(dialect: Dialect): { skip: boolean; engine: () => Engine } {
  const skip = dialect === 'postgres' && postgresSkipReason() !== undefined;
  let engine: Engine | undefined;
  let failure: unknown = new Error(`the ${dialect} engine is not open`);
  beforeAll(async () => {
    // A failure to open fails each test that asks for the engine, with the reason.
    if (!skip) engine = await openEngine(dialect).catch((error: unknown) => ((failure = error), undefined));
  });
  afterAll(async () => {
    await engine?.close();
  });
  return {
    skip,
    engine: () => {
      if (engine === undefined) throw failure;
      return engine;
    },
  };
}
