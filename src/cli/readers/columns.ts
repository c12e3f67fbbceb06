import { DataError, UsageError, type RowProblem } from '../errors.js';
import { DELIMITERS, type Delimiter } from './csv.js';
import { TimestampError, type TimestampReader } from './dates.js';

/**
 * Which CSV column holds which field of an order line, and reading one row into an {@link OrderRow}.
 * @internal
 * @module
 */

/** @internal The fields of a CSV of order lines (the README's *Command line*), in the order the library validates them. */
export const FIELDS = ['order_id', 'customer_id', 'timestamp', 'currency', 'channel', 'segment', 'sku', 'category', 'quantity', 'unit_price', 'discount', 'source'] as const;
/** One of {@link FIELDS}. */
export type Field = (typeof FIELDS)[number];
/** Fields every row must have a column for. */
const REQUIRED: readonly Field[] = ['order_id', 'customer_id', 'timestamp', 'sku', 'unit_price'];

/** The headers of an order's payment status (Shopify's `Financial Status`, `Refunded Amount`, `Cancelled at`, `Paid at`). */
export interface StatusColumns {
  readonly financialStatus: string;
  readonly refundedAmount: string;
  readonly cancelledAt: string;
  readonly paidAt: string;
}

/** An order's payment status cells as a row has them, trimmed (`''` when empty). */
export interface StatusCells {
  readonly financialStatus: string;
  readonly refundedAmount: string;
  readonly cancelledAt: string;
  readonly paidAt: string;
}

/** Where fields come from. */
export interface Layout {
  /** `csv` (columns named as the fields) or `shopify`. */
  readonly name: string;
  /** Field (or `--group-by` dimension) → header names in order of preference; the first non-empty cell among them is the value. */
  readonly columns: ReadonlyMap<string, readonly string[]>;
  /** Columns of the order's payment status (Shopify's), on the first row of an order. */
  readonly status?: StatusColumns;
}

/** @internal The default layout: each field in a column of its own name (`order_id`, `unit_price`, ...). */
export const GENERIC_LAYOUT: Layout = { name: 'csv', columns: new Map(FIELDS.map((field) => [field, [field]])) };

/**
 * Parses `--columns order_id=InvoiceNo,customer_id=CustomerID`: field → header.
 *
 * @param text - The option's value.
 * @param dimensions - The `--group-by` keys that are not `channel` or `segment`: they may be mapped too.
 * @throws {@link UsageError} for a malformed pair, an unknown field or a field given twice.
  * @internal
 */
export function parseColumns(text: string, dimensions: readonly string[]): Map<string, string> {
  const columns = new Map<string, string>();
  for (const pair of text.split(',')) {
    const equals = pair.indexOf('=');
    const field = pair.slice(0, equals).trim();
    const header = pair.slice(equals + 1).trim();
    if (equals < 0 || field === '' || header === '') throw new UsageError(`--columns: expected field=Header pairs separated by commas, got ${JSON.stringify(pair)}`);
    if (!(FIELDS as readonly string[]).includes(field) && !dimensions.includes(field)) {
      throw new UsageError(`--columns: unknown field ${JSON.stringify(field)}; fields are ${FIELDS.join(', ')}, and the --group-by dimensions`);
    }
    if (columns.has(field)) throw new UsageError(`--columns: ${field} is mapped twice`);
    columns.set(field, header);
  }
  return columns;
}

/** @internal `layout` with the `--columns` mapping on top. */
export function withColumns(layout: Layout, columns: ReadonlyMap<string, string>): Layout {
  const merged = new Map(layout.columns);
  for (const [field, header] of columns) merged.set(field, [header]);
  return { ...layout, columns: merged };
}

/** One CSV row of an order line, its cells read. Empty cells are absent (`''` for ids). */
export interface OrderRow {
  readonly line: number;
  readonly orderId: string;
  readonly customerId: string;
  /** Epoch milliseconds; `undefined` when the cell is empty or unreadable. */
  readonly time: number | undefined;
  readonly currency: string;
  readonly channel: string | undefined;
  readonly segment: string | undefined;
  readonly dimensions: Record<string, string> | undefined;
  readonly sku: string;
  readonly category: string | undefined;
  /** `undefined` when the cell is empty (quantity 1) or unreadable. */
  readonly quantity: number | undefined;
  readonly unitPrice: string;
  readonly discount: string | undefined;
  readonly source: string | undefined;
  /** Whether its order id starts with `--cancelled-prefix`: a cancellation, read as a return. */
  readonly cancellation: boolean;
  /** Its payment status cells, when the layout has them and one is not empty (a Shopify order's first row). */
  readonly status: StatusCells | undefined;
  /** The first cell that could not be read (a timestamp or a quantity), with the rank of its field. */
  readonly problem: RankedProblem | undefined;
  /** Every field of the record, as read (with `--rejects` only). */
  readonly fields: readonly string[] | undefined;
}

/** A row's problem and the rank of its field in validation order (lower first). */
export interface RankedProblem extends RowProblem {
  readonly rank: number;
}

/** @internal Validation order of the fields, for choosing a row's first problem; dimensions come after segment. */
export function fieldRank(field: string): number {
  const index = (FIELDS as readonly string[]).indexOf(field);
  if (index >= 0) return index;
  return FIELDS.indexOf('segment') + 0.5;
}

/**
 * The number a plain decimal writes (`12`, `-1.5`, `.5`, `3.`: an optional sign, digits with at
 * most one point, at least one digit), or NaN for any other text (`1e3`, `0x10`, `Infinity`).
 */
function plainDecimal(text: string): number {
  const first = text.charCodeAt(0);
  let digits = 0;
  let point = false;
  for (let index = first === 43 || first === 45 ? 1 : 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digits += 1;
    else if (code === 46 && !point) point = true;
    else return Number.NaN;
  }
  return digits > 0 ? Number(text) : Number.NaN;
}

/** A cell without the whitespace around it; most cells have none, and are returned as they are. */
function trimmed(cell: string): string {
  const last = cell.length - 1;
  if (last < 0) return cell;
  const first = cell.charCodeAt(0);
  const end = cell.charCodeAt(last);
  return first > 32 && first < 127 && end > 32 && end < 127 ? cell : cell.trim();
}

/** A delimiter as `--delimiter` takes it: `;`, or `tab`. */
function shownDelimiter(delimiter: Delimiter): string {
  return delimiter === '\t' ? 'tab' : delimiter;
}

/** What to do about a header without a required column. */
function missingColumnHint(headers: readonly string[], field: string, layout: Layout, delimiter: Delimiter): string {
  if (headers.some((name) => name.includes('\u0000'))) return 'the header holds NUL characters: is the file UTF-16? pass --encoding utf-16le';
  const other = DELIMITERS.find((candidate) => candidate !== delimiter && headers.some((name) => name.includes(candidate)));
  if (other !== undefined) return `the header was split at "${shownDelimiter(delimiter)}", but has "${shownDelimiter(other)}" in it: pass --delimiter ${other === '\t' ? 'tab' : `"${other}"`}`;
  return layout.name === 'shopify' ? 'is this a Shopify "Export orders" CSV?' : `map one with --columns ${field}=<header>`;
}

/** Column index of a field with one candidate column; {@link NO_COLUMN} or {@link CANDIDATES} otherwise. */
const NO_COLUMN = -1;
const CANDIDATES = -2;

/** The slot of each field: its index in {@link FIELDS} (the dimensions of `--group-by` follow them). */
const SLOT = /* @__PURE__ */ Object.freeze(Object.fromEntries(FIELDS.map((field, index) => [field, index])) as Record<Field, number>);

/** @internal Reads the rows of one CSV file with a header. */
export class RowReader {
  /** Field slot ({@link FIELDS}, then the dimensions) → its one column, or NO_COLUMN, or CANDIDATES (see #candidates). */
  readonly #column: Int32Array;
  /** Field slot → its columns in order of preference, where there are several. */
  readonly #candidates: (readonly number[] | undefined)[];
  /** Field → the header name shown in messages. */
  readonly #names = new Map<string, string>();
  /** Columns of {@link StatusCells}, in its order; `undefined` when the layout has none. */
  readonly #statusIndexes: readonly number[] | undefined;
  readonly #dimensionKeys: readonly string[];
  readonly #timestamps: TimestampReader;
  readonly #cancelledPrefix: string | undefined;
  readonly #keepFields: boolean;

  /**
   * @param header - The header record's fields.
   * @param headerLine - The line of the header.
   * @param layout - Where the fields are.
   * @param options - `groupBy` (dimensions to read), `timestamps`, `cancelledPrefix`, `mapped` (the fields given by `--columns`), `delimiter` (for messages), `keepFields` (for `--rejects`).
   * @throws {@link DataError} when a required column is missing; {@link UsageError} when a `--columns` or `--group-by` column is.
   */
  constructor(
    header: readonly string[],
    headerLine: number,
    layout: Layout,
    options: { groupBy: readonly string[]; timestamps: TimestampReader; cancelledPrefix: string | undefined; mapped: ReadonlySet<string>; delimiter: Delimiter; keepFields: boolean },
  ) {
    const headers = header.map((name) => name.trim());
    const find = (name: string): number => {
      const exact = headers.indexOf(name);
      if (exact >= 0) return exact;
      const lower = name.toLowerCase();
      return headers.findIndex((candidate) => candidate.toLowerCase() === lower);
    };
    this.#timestamps = options.timestamps;
    this.#cancelledPrefix = options.cancelledPrefix;
    this.#keepFields = options.keepFields;
    this.#dimensionKeys = options.groupBy.filter((key) => key !== 'channel' && key !== 'segment');
    const slots = [...FIELDS, ...this.#dimensionKeys];
    this.#column = new Int32Array(slots.length).fill(NO_COLUMN);
    this.#candidates = slots.map(() => undefined);
    slots.forEach((field, slot) => {
      const candidates = layout.columns.get(field) ?? [field];
      const found: number[] = [];
      for (const name of candidates) {
        const index = find(name);
        if (index >= 0) found.push(index);
      }
      if (found.length === 0) {
        const shown = candidates.map((name) => JSON.stringify(name)).join(' or ');
        if (options.mapped.has(field)) throw new UsageError(`--columns ${field}=${candidates[0]}: the header (line ${headerLine}) has no column ${shown}`);
        if (this.#dimensionKeys.includes(field)) throw new UsageError(`--group-by ${field}: the header (line ${headerLine}) has no column ${shown}; map one with --columns ${field}=<header>`);
        if ((REQUIRED as readonly string[]).includes(field)) {
          throw new DataError(`line ${headerLine}: no column for ${field} (looked for ${shown}); ${missingColumnHint(headers, field, layout, options.delimiter)}. The header has: ${headers.join(options.delimiter === ',' ? ', ' : ` ${shownDelimiter(options.delimiter)} `)}`);
        }
        return;
      }
      if (found.length === 1) this.#column[slot] = found[0]!;
      else {
        this.#column[slot] = CANDIDATES;
        this.#candidates[slot] = found;
      }
      const name = headers[found[0]!]!;
      this.#names.set(field, name === field ? field : `${name} (${field})`);
    });
    if (layout.status !== undefined) {
      const { financialStatus, refundedAmount, cancelledAt, paidAt } = layout.status;
      const indexes = [financialStatus, refundedAmount, cancelledAt, paidAt].map(find);
      this.#statusIndexes = indexes.some((index) => index >= 0) ? indexes : undefined;
      for (const [field, name] of Object.entries(layout.status)) if (find(name) >= 0) this.#names.set(field, name);
    }
  }

  /** The columns (0-based) that {@link RowReader.read} reads. */
  columns(): number[] {
    const columns = [...this.#column].filter((column) => column >= 0);
    for (const candidates of this.#candidates) if (candidates !== undefined) columns.push(...candidates);
    if (this.#statusIndexes !== undefined) columns.push(...this.#statusIndexes.filter((index) => index >= 0));
    return columns;
  }

  /**
   * The columns (0-based) a field or a `--group-by` dimension is read from, in order of preference
   * (its value is the first non-empty cell among them); none when the header has no column for it.
   * For `--engine duckdb`, which reads the same cells in SQL.
   */
  sources(field: string): readonly number[] {
    const index = (FIELDS as readonly string[]).indexOf(field);
    const dimension = this.#dimensionKeys.indexOf(field);
    const slot = index >= 0 ? index : dimension >= 0 ? FIELDS.length + dimension : -1;
    if (slot < 0) return [];
    const column = this.#column[slot]!;
    if (column === NO_COLUMN) return [];
    return column === CANDIDATES ? this.#candidates[slot]! : [column];
  }

  /** The columns of the payment status cells (Financial Status, Refunded Amount, Cancelled at, Paid at; -1 for one the header lacks), or `undefined` when it has none. */
  statusSources(): readonly number[] | undefined {
    return this.#statusIndexes;
  }

  /** The column a field is read from, for messages: `unit_price`, or `Lineitem price (unit_price)`. */
  fieldName(field: string): string {
    return this.#names.get(field) ?? field;
  }

  /** The cell of a field slot, trimmed: the first non-empty one among its candidate columns; `''` when none. */
  #cell(fields: readonly string[], slot: number): string {
    const column = this.#column[slot]!;
    if (column >= 0) return trimmed(fields[column]!);
    if (column === NO_COLUMN) return '';
    for (const index of this.#candidates[slot]!) {
      const value = trimmed(fields[index]!);
      if (value !== '') return value;
    }
    return '';
  }

  #optional(fields: readonly string[], slot: number): string | undefined {
    const value = this.#cell(fields, slot);
    return value === '' ? undefined : value;
  }

  /** Reads one record. Never throws: an unreadable cell becomes the row's `problem`. */
  read(fields: readonly string[], line: number): OrderRow {
    let problem: RankedProblem | undefined;
    let time: number | undefined;
    const timestamp = this.#cell(fields, SLOT.timestamp);
    if (timestamp !== '') {
      try {
        time = this.#timestamps.read(timestamp);
      } catch (error) {
        if (!(error instanceof TimestampError)) throw error;
        problem = { line, field: this.fieldName('timestamp'), code: 'INVALID_TIMESTAMP', detail: error.message, rank: fieldRank('timestamp') };
      }
    }
    let quantity: number | undefined;
    const quantityText = this.#cell(fields, SLOT.quantity);
    if (quantityText !== '') {
      quantity = plainDecimal(quantityText);
      if (!Number.isFinite(quantity)) {
        quantity = undefined;
        problem ??= { line, field: this.fieldName('quantity'), code: 'INVALID_NUMBER', detail: `expected a positive number, got ${JSON.stringify(quantityText)}`, rank: fieldRank('quantity') };
      }
    }
    let dimensions: Record<string, string> | undefined;
    const keys = this.#dimensionKeys;
    for (let index = 0; index < keys.length; index++) {
      const value = this.#cell(fields, FIELDS.length + index);
      if (value === '') continue;
      dimensions ??= Object.create(null) as Record<string, string>;
      dimensions[keys[index]!] = value;
    }
    const orderId = this.#cell(fields, SLOT.order_id);
    let status: StatusCells | undefined;
    const indexes = this.#statusIndexes;
    if (indexes !== undefined) {
      const cell = (index: number): string => (index >= 0 ? trimmed(fields[index]!) : '');
      const [financialStatus, refundedAmount, cancelledAt, paidAt] = indexes.map(cell) as [string, string, string, string];
      if (financialStatus !== '' || refundedAmount !== '' || cancelledAt !== '' || paidAt !== '') status = { financialStatus, refundedAmount, cancelledAt, paidAt };
    }
    return {
      line,
      orderId,
      customerId: this.#cell(fields, SLOT.customer_id),
      time,
      currency: this.#cell(fields, SLOT.currency),
      channel: this.#optional(fields, SLOT.channel),
      segment: this.#optional(fields, SLOT.segment),
      dimensions,
      sku: this.#cell(fields, SLOT.sku),
      category: this.#optional(fields, SLOT.category),
      quantity,
      unitPrice: this.#cell(fields, SLOT.unit_price),
      discount: this.#optional(fields, SLOT.discount),
      source: this.#optional(fields, SLOT.source),
      cancellation: this.#cancelledPrefix !== undefined && orderId.startsWith(this.#cancelledPrefix),
      status,
      problem,
      fields: this.#keepFields ? fields : undefined,
    };
  }
}
