/**
 * What differs between SQL engines, and nothing else: the Scorecard's SQL is written once in the
 * standard SQL that DuckDB and PostgreSQL both read (`WITH`, `GROUPING SETS`, `FILTER`,
 * `AT TIME ZONE`, `IS NOT DISTINCT FROM`), and a dialect supplies the few expressions they spell
 * differently. A new engine (BigQuery, Snowflake) is one more object like these.
 * @internal
 * @module
 */

/** @internal An SQL engine's spelling of the parts that differ. */
export interface Dialect {
  readonly name: string;
  /**
   * `column` as a timestamp with time zone. A column of type timestamp *with* time zone (or text
   * with an offset) is read as it is; a plain `timestamp` is read as UTC, whatever the session's
   * time zone.
   */
  instant(column: string): string;
}

/** @internal DuckDB (time zones through its built-in ICU extension). */
export const duckdb: Dialect = {
  name: 'duckdb',
  instant: (column) => `CASE WHEN typeof(${column}) = 'TIMESTAMP' THEN timezone('UTC', CAST(${column} AS TIMESTAMP)) ELSE CAST(${column} AS TIMESTAMPTZ) END`,
};

/** @internal PostgreSQL. */
export const postgres: Dialect = {
  name: 'postgres',
  instant: (column) =>
    `CASE WHEN pg_typeof(${column}) = 'timestamp without time zone'::regtype THEN (CAST(${column} AS timestamp) AT TIME ZONE 'UTC') ELSE CAST(${column} AS timestamptz) END`,
};

/** @internal The dialects by name. */
export const DIALECTS: Readonly<Record<string, Dialect>> = { duckdb, postgres };
