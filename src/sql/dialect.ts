/**
 * What differs between SQL engines, and nothing else: the Scorecard's SQL is written once in the
 * standard SQL that DuckDB and PostgreSQL both read (`WITH`, `GROUPING SETS`, `FILTER`,
 * `AT TIME ZONE`, `IS NOT DISTINCT FROM`), and a dialect supplies the few expressions they spell
 * differently. Each engine is one small module in `./dialects/`, registered in {@link DIALECTS}.
 * @internal
 * @module
 */

import { duckdb } from './dialects/duckdb.js';
import { postgres } from './dialects/postgres.js';

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

/** @internal The dialects by name. */
export const DIALECTS: Readonly<Record<string, Dialect>> = { duckdb, postgres };
