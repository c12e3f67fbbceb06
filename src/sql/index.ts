/**
 * The Scorecard in SQL, for orders that live in a database or a warehouse: the same definitions,
 * pushed down to the engine, read back as the same rows. Import from `'xsell-kpi/sql'`; it has no
 * driver dependency (pass your client's query function).
 *
 * @categoryDescription Warehouse SQL
 * The Scorecard as one SQL statement for DuckDB or PostgreSQL, and its result read back as
 * `ScorecardRow`s equal to the in-memory Scorecard's.
 *
 * @module xsell-kpi/sql
 */
import type { ScorecardOptions, ScorecardRow } from '../scorecard/Scorecard.js';
import { DIALECTS } from './dialect.js';
import { readScorecardRows } from './readRows.js';
import { buildScorecardSql, sqlSettings } from './scorecardQuery.js';
import type { TableSpec } from './tables.js';

export type { TableSpec } from './tables.js';

/**
 * The SQL engines `scorecardSql` writes for.
 * @category Warehouse SQL
 */
export type SqlDialect = 'duckdb' | 'postgres';

/**
 * Options of {@link scorecardSql}: the Scorecard's options (`dedupe` does not apply: an order is all
 * rows with its order id), the engine, and where the events are.
 * @category Warehouse SQL
 */
export interface ScorecardSqlOptions extends ScorecardOptions {
  /** The engine the SQL is written for. */
  dialect: SqlDialect;
  /**
   * The order lines, one row per line: columns `order_id, customer_id, timestamp, sku, category,
   * quantity, unit_price, discount, currency, channel, segment, source` by default (map them by
   * field name, such as `{ orderId: 'invoice_no' }`), plus a column per `groupBy` dimension other
   * than `channel` and `segment`, named as the dimension. `timestamp` is a timestamp with time zone
   * (a plain timestamp is read as UTC); money and quantities are DECIMAL / NUMERIC, summed exactly.
   */
  orders: TableSpec;
  /** Returns: `return_id, order_id, customer_id, timestamp, currency, amount, channel, segment`. */
  returns?: TableSpec;
  /** Offers: `offer_id, customer_id, timestamp, kind, accepted, channel, segment`. */
  offers?: TableSpec;
  /** Visits: `visitor_id, timestamp, converted, channel, segment`. */
  visits?: TableSpec;
}

/**
 * What {@link scorecardSql} returns: the statement, and the function that reads its result.
 * @category Warehouse SQL
 */
export interface ScorecardQuery {
  /** One SQL statement for the dialect. */
  sql: string;
  /**
   * The Scorecard's rows from the statement's result rows: plain objects keyed by column name,
   * values as the driver gives them (string, number, bigint or null), in any order.
   *
   * @throws {@link "xsell-kpi"!KpiError} the error adding the same events to a `Scorecard` would throw
   * (`MIXED_CURRENCY`, `CONFLICTING_DUPLICATE` for rows of one order that disagree, `INVALID_MONEY`,
   * …); `INVALID_ARGUMENT` for rows that are not this statement's.
   */
  readRows(rows: readonly Record<string, unknown>[]): ScorecardRow[];
}

/**
 * The Scorecard as one SQL statement for a database that holds the events.
 *
 * @remarks
 * The statement computes counts and exact sums per (period × group) cell and per period total:
 * periods in any IANA time zone and every grain (ISO weeks with their week-year), the cross-sell
 * definitions (`by`, `minDistinct`), upsell and revenue attribution by `source`, items per order,
 * guest orders, retention and churn against the previous calendar period, and (when their tables
 * are given) returns, offers and visits. `readRows` turns its result into rows with the formula
 * functions, so every ratio is the same double and every amount the same decimal as
 * `new Scorecard(options).addAll(events).result()` over the same events, in the same order. Every
 * table and column name is quoted for the dialect (so names are case-sensitive); nothing from the
 * options reaches the SQL unquoted or unvalidated.
 *
 * @param options - The Scorecard's options, `dialect`, and the tables.
 * @returns `{ sql, readRows }`.
 * @throws {@link "xsell-kpi"!KpiError} `INVALID_OPTION` for an unknown dialect, option or field, or a name that cannot be an identifier.
 * @example
 * ```ts
 * import { scorecardSql } from 'xsell-kpi/sql';
 * const query = scorecardSql({
 *   dialect: 'postgres',
 *   orders: { table: 'sales.order_lines', columns: { orderId: 'invoice_no' } },
 *   grain: 'month',
 *   timeZone: 'Europe/Berlin',
 *   groupBy: ['channel'],
 * });
 * query.sql.startsWith('WITH'); // => true
 * query.sql.includes('"sales"."order_lines"'); // => true
 * query.readRows([]); // => []
 * scorecardSql({ dialect: 'mysql', orders: { table: 't' } } as never); // throws INVALID_OPTION
 * ```
 * @category Warehouse SQL
 */
export function scorecardSql(options: ScorecardSqlOptions): ScorecardQuery {
  const settings = sqlSettings(options);
  const sql = buildScorecardSql(settings);
  return { sql, readRows: (rows) => readScorecardRows(rows, settings.settings) };
}

/**
 * Runs the Scorecard's SQL with your client and reads the rows: `scorecardSql`, then `readRows`.
 *
 * @param query - Runs one SQL statement and resolves to its rows as plain objects (pg:
 * `(sql) => client.query(sql).then((r) => r.rows)`; DuckDB: `(sql) => connection.runAndReadAll(sql).then((r) => r.getRowObjectsJS())`).
 * @param options - As for {@link scorecardSql}.
 * @returns The Scorecard's rows.
 * @throws {@link "xsell-kpi"!KpiError} as `scorecardSql` and `readRows`; whatever `query` rejects with.
 * @example
 * ```ts
 * import { runScorecardSql } from 'xsell-kpi/sql';
 * const rows = await runScorecardSql(async () => [], { dialect: 'duckdb', orders: { table: 'order_lines' } });
 * rows; // => []
 * ```
 * @category Warehouse SQL
 */
export async function runScorecardSql(query: (sql: string) => Promise<readonly Record<string, unknown>[]>, options: ScorecardSqlOptions): Promise<ScorecardRow[]> {
  const { sql, readRows } = scorecardSql(options);
  return readRows(await query(sql));
}

/**
 * The dialects {@link scorecardSql} writes for, to validate a `--dialect` flag or build a menu.
 *
 * @example
 * ```ts
 * import { SQL_DIALECTS } from 'xsell-kpi/sql';
 * SQL_DIALECTS; // => ['duckdb', 'postgres']
 * ```
 * @category Warehouse SQL
 */
export const SQL_DIALECTS: readonly SqlDialect[] = /* @__PURE__ */ Object.freeze(Object.keys(DIALECTS) as SqlDialect[]);
