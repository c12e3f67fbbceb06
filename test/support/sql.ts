/** Helpers shared by the DuckDB oracle tests. */

/** A result row as `getRowObjectsJS()` returns it. */
export type Row = Record<string, unknown>;

/** The sections of a .sql file, by their `-- name: <name>` marker. */
export function sqlSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  const parts = text.split(/^-- name: ([A-Za-z0-9_]+)[ \t]*$/m);
  for (let i = 1; i < parts.length; i += 2) sections.set(parts[i]!, parts[i + 1]!.trim());
  return sections;
}

/** A BIGINT/INTEGER column as a number. */
export function int(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new Error(`column ${column} is not an integer: ${String(value)}`);
}

/** A VARCHAR column. */
export function str(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`column ${column} is not a string: ${String(value)}`);
  return value;
}
