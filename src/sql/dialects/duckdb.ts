import type { Dialect } from '../dialect.js';

/** @internal DuckDB (time zones through its built-in ICU extension). */
export const duckdb: Dialect = {
  name: 'duckdb',
  instant: (column) => `CASE WHEN typeof(${column}) = 'TIMESTAMP' THEN timezone('UTC', CAST(${column} AS TIMESTAMP)) ELSE CAST(${column} AS TIMESTAMPTZ) END`,
};
