import { KpiError } from '../core/KpiError.js';
import { show } from '../_internal/show.js';

/**
 * Where the events are: table names and column mappings, validated and quoted. Every identifier
 * that reaches the SQL is quoted here, and only here.
 * @internal
 * @module
 */

/**
 * A table of events: its name and, for columns not named as the event field in snake_case, their
 * names.
 * @category Warehouse SQL
 */
export interface TableSpec {
  /** `'name'`, `'schema.name'` (split at the first dot) or `['schema', 'name']`; quoted as given, so case-sensitive. */
  table: string | readonly [schema: string, name: string];
  /** A column name for any field, or `null` for a column the table lacks (the field is then absent in every event). */
  columns?: Readonly<Record<string, string | null>>;
}

/**
 * @internal The fields each kind of event is read from. A field's column is named as the field in
 * snake_case (`unitPrice` → `unit_price`) unless `columns` maps it; a `groupBy` dimension's column
 * is named as the dimension.
 */
export const FIELDS = {
  orders: ['orderId', 'customerId', 'timestamp', 'sku', 'category', 'quantity', 'unitPrice', 'discount', 'currency', 'channel', 'segment', 'source'],
  returns: ['returnId', 'orderId', 'customerId', 'timestamp', 'currency', 'amount', 'channel', 'segment'],
  offers: ['offerId', 'customerId', 'timestamp', 'kind', 'accepted', 'channel', 'segment'],
  visits: ['visitorId', 'timestamp', 'converted', 'channel', 'segment'],
} as const;

/** @internal The kinds of event table. */
export type TableKind = keyof typeof FIELDS;

const EVENT_FIELDS: ReadonlySet<string> = new Set(Object.values(FIELDS).flat());

/** The default column of a field: an event field in snake_case, a dimension as named. */
function defaultColumn(field: string): string {
  return EVENT_FIELDS.has(field) ? field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) : field;
}

/** @internal A table, validated: its quoted name, and each field's quoted column or `NULL`. */
export interface Table {
  readonly from: string;
  column(field: string): string;
}

/** @internal An identifier in double quotes (a quote inside doubled), after checking it is one. */
export function quoteIdentifier(name: unknown, path: string): string {
  if (typeof name !== 'string' || name === '' || name.includes('\u0000') || name.length > 1000) {
    throw new KpiError('INVALID_OPTION', path, `expected a non-empty identifier without NUL characters, got ${show(name)}`);
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** @internal A string literal in single quotes (a quote inside doubled); only for validated values. */
export function quoteText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * @internal Reads a {@link TableSpec} of a kind: `fields` are the columns read (the kind's own and
 * the `groupBy` dimensions).
 */
export function readTable(value: unknown, path: string, fields: readonly string[]): Table {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new KpiError('INVALID_OPTION', path, 'expected { table, columns? }');
  const spec = value as Record<string, unknown>;
  for (const key of Object.keys(spec)) if (key !== 'table' && key !== 'columns') throw new KpiError('INVALID_OPTION', `${path}.${key}`, 'unknown option; expected table or columns');
  const from = tableName(spec['table'], `${path}.table`);
  const mapped = readColumns(spec['columns'], `${path}.columns`, fields);
  return {
    from,
    column: (field) => {
      const name = mapped.has(field) ? mapped.get(field)! : defaultColumn(field);
      return name === null ? 'NULL' : quoteIdentifier(name, `${path}.columns.${field}`);
    },
  };
}

function tableName(value: unknown, path: string): string {
  if (Array.isArray(value)) {
    if (value.length !== 2) throw new KpiError('INVALID_OPTION', path, 'expected [schema, name]');
    return `${quoteIdentifier(value[0], `${path}[0]`)}.${quoteIdentifier(value[1], `${path}[1]`)}`;
  }
  if (typeof value !== 'string') throw new KpiError('INVALID_OPTION', path, `expected a table name, got ${show(value)}`);
  const dot = value.indexOf('.');
  return dot < 0 ? quoteIdentifier(value, path) : `${quoteIdentifier(value.slice(0, dot), path)}.${quoteIdentifier(value.slice(dot + 1), path)}`;
}

function readColumns(value: unknown, path: string, fields: readonly string[]): Map<string, string | null> {
  const mapped = new Map<string, string | null>();
  if (value === undefined) return mapped;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new KpiError('INVALID_OPTION', path, 'expected an object of column names');
  for (const [field, name] of Object.entries(value)) {
    if (!fields.includes(field)) throw new KpiError('INVALID_OPTION', `${path}.${field}`, `unknown field; expected one of ${fields.join(', ')}`);
    if (name !== null) quoteIdentifier(name, `${path}.${field}`);
    mapped.set(field, name as string | null);
  }
  return mapped;
}
