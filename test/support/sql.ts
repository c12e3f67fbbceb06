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

/** A DOUBLE column. */
export function num(row: Row, column: string): number {
  const value = row[column];
  if (typeof value !== 'number') throw new Error(`column ${column} is not a double: ${String(value)}`);
  return value;
}

/** A row of a co-purchase pairs query (columns a, b, count, support, confidence_ab, confidence_ba, lift) as CoPurchase reports the pair. */
export function coPurchasePair(row: Row): { a: string; b: string; count: number; support: number; confidenceAB: number; confidenceBA: number; lift: number } {
  return {
    a: str(row, 'a'),
    b: str(row, 'b'),
    count: int(row, 'count'),
    support: num(row, 'support'),
    confidenceAB: num(row, 'confidence_ab'),
    confidenceBA: num(row, 'confidence_ba'),
    lift: num(row, 'lift'),
  };
}
