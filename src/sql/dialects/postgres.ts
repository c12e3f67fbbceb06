import type { Dialect } from '../dialect.js';

/** @internal PostgreSQL. */
export const postgres: Dialect = {
  name: 'postgres',
  instant: (column) =>
    `CASE WHEN pg_typeof(${column}) = 'timestamp without time zone'::regtype THEN (CAST(${column} AS timestamp) AT TIME ZONE 'UTC') ELSE CAST(${column} AS timestamptz) END`,
};
