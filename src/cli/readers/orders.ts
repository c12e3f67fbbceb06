import { isKpiError, validateOrder, type KpiError, type LineSource, type Order, type OrderLine, type Scorecard } from '../../index.js';
import { DataError, describeProblem, type RowProblem } from '../errors.js';
import type { Tally } from '../tally.js';
import { fieldRank, type OrderRow, type RankedProblem } from './columns.js';
import { OrderStatus } from './seenIds.js';

/**
 * Rows of order lines → orders → the Scorecard.
 *
 * The rows of an order are consecutive, as in shops' exports. Order-level fields (customer, timestamp, currency,
 * channel, segment, dimensions) come from the first row that has them; a later row with another
 * customer or currency is a bad row, another timestamp or dimension is ignored (invoice lines are
 * often stamped a minute apart).
 *
 * With `--skip-invalid`, an order with a bad row is skipped whole, never half of it. Since an order id may
 * reappear after other orders, the last orders wait, uncounted, in a window of
 * {@link PENDING_ROWS} rows: an order that reappears within it is skipped whole; one that reappears
 * after it was counted stops the run, because half of it cannot be taken back. Without
 * `--skip-invalid` the first bad row stops the run and nothing waits.
 * @internal
 * @module
 */

/** @internal Rows of complete orders held back from the Scorecard with `--skip-invalid`. */
export const PENDING_ROWS = 10_000;

/** An order being read, or waiting. */
interface OpenOrder {
  readonly orderId: string;
  /** Its slot in the table of order ids. */
  readonly slot: number;
  readonly rows: OrderRow[];
  /** For an order id that reappeared: the rows read before (none when they were skipped already). */
  readonly earlier: readonly OrderRow[] | undefined;
}

/** What {@link OrderAssembler} finds in the rows of most orders: no conflicts. */
const NO_CONFLICTS: ReadonlyMap<OrderRow, RankedProblem> = new Map();

/** A line of any valid order, to validate order-level fields alone. */
const PLACEHOLDER_LINE: OrderLine = { sku: 'placeholder', unitPrice: '0' };
/** Order-level fields of any valid order, to validate a row's line alone. */
const PLACEHOLDER_ORDER = { orderId: 'placeholder', customerId: 'placeholder', timestamp: 0 } as const;

/** The CSV field a library error path names: `lines[2].unitPrice` → `unit_price`; `dimensions["country"]` → `country`. */
function fieldOfPath(path: string): { field: string; line: number | undefined } {
  const lineMatch = /^lines\[(\d+)\]\.(\w+)/.exec(path);
  if (lineMatch !== null) {
    const names: Record<string, string> = { unitPrice: 'unit_price' };
    return { field: names[lineMatch[2]!] ?? lineMatch[2]!, line: Number(lineMatch[1]) };
  }
  const dimension = /^dimensions\[(".*")\]$/.exec(path);
  if (dimension !== null) return { field: JSON.parse(dimension[1]!) as string, line: undefined };
  const names: Record<string, string> = { orderId: 'order_id', customerId: 'customer_id' };
  return { field: names[path] ?? path, line: undefined };
}

/** @internal The message of a `KpiError` without its `[xsell-kpi] CODE at path: ` prefix. */
export function kpiDetail(error: KpiError): string {
  const prefix = `[xsell-kpi] ${error.code}${error.path === '' ? '' : ` at ${error.path}`}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** Whether a row carries its own value of an order-level field. */
function carries(row: OrderRow, field: string): boolean {
  switch (field) {
    case 'order_id':
      return row.orderId !== '';
    case 'customer_id':
      return row.customerId !== '';
    case 'timestamp':
      return row.time !== undefined;
    case 'currency':
      return row.currency !== '';
    case 'channel':
      return row.channel !== undefined;
    case 'segment':
      return row.segment !== undefined;
    default:
      return row.dimensions?.[field] !== undefined;
  }
}

function lineOf(row: OrderRow): OrderLine {
  const line: OrderLine = { sku: row.sku, unitPrice: row.unitPrice };
  if (row.quantity !== undefined) line.quantity = row.quantity;
  if (row.category !== undefined) line.category = row.category;
  if (row.discount !== undefined) line.discount = row.discount;
  if (row.source !== undefined) line.source = row.source as LineSource;
  return line;
}

/** The order-level fields of an order: from the first row that has each. */
function header(rows: readonly OrderRow[]): { order: Omit<Order, 'lines'>; time: number | undefined } {
  const first = rows[0]!;
  let customerId = first.customerId;
  let time = first.time;
  let currency = first.currency;
  let channel = first.channel;
  let segment = first.segment;
  let dimensions = first.dimensions;
  for (let index = 1; index < rows.length; index++) {
    const row = rows[index]!;
    if (customerId === '') customerId = row.customerId;
    time ??= row.time;
    if (currency === '') currency = row.currency;
    channel ??= row.channel;
    segment ??= row.segment;
    if (row.dimensions !== undefined) dimensions = dimensions === undefined ? row.dimensions : { ...row.dimensions, ...dimensions };
  }
  const order: Omit<Order, 'lines'> = { orderId: first.orderId, customerId, timestamp: time ?? '' };
  if (currency !== '') order.currency = currency;
  if (channel !== undefined) order.channel = channel;
  if (segment !== undefined) order.segment = segment;
  if (dimensions !== undefined) order.dimensions = dimensions;
  return { order, time };
}

/**
 * Complete orders waiting to be counted, oldest first: a queue, and a map to find one by its id.
 * (A `Map` alone made a queue that cost more and more: taking its oldest entry again and again
 * leaves deleted entries at the front that every `entries().next()` steps over.)
 */
class Waiting {
  readonly #byId = new Map<string, OpenOrder>();
  /** Oldest first; a slot is emptied when its order leaves. */
  #queue: (OpenOrder | undefined)[] = [];
  #head = 0;
  /** Rows of the waiting orders. */
  rows = 0;

  get size(): number {
    return this.#byId.size;
  }

  add(order: OpenOrder): void {
    this.#byId.set(order.orderId, order);
    this.#queue.push(order);
    this.rows += order.rows.length;
  }

  /** Removes and returns the waiting order with that id, if any. */
  take(orderId: string): OpenOrder | undefined {
    const order = this.#byId.get(orderId);
    if (order !== undefined) this.#remove(order);
    return order;
  }

  /** Removes and returns the oldest waiting order. */
  oldest(): OpenOrder | undefined {
    while (this.#head < this.#queue.length) {
      const order = this.#queue[this.#head]!;
      this.#queue[this.#head] = undefined;
      this.#head += 1;
      if (this.#byId.get(order.orderId) !== order) continue; // taken already
      this.#remove(order);
      if (this.#head >= 1024 && this.#head * 2 >= this.#queue.length) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
      return order;
    }
    return undefined;
  }

  #remove(order: OpenOrder): void {
    this.#byId.delete(order.orderId);
    this.rows -= order.rows.length;
  }
}

/** @internal Collects CSV rows into orders and adds them to the Scorecard. */
export class OrderAssembler {
  private current: OpenOrder | undefined;
  /** Complete orders waiting to be counted (with `--skip-invalid`). */
  private readonly pending = new Waiting();

  /**
   * @param scorecard - Where orders go.
   * @param tally - What was read, counted and skipped.
   * @param fieldName - The column of a field, for messages.
   * @param options - `skipInvalid`; `cancelledReason` says why a row's order counts as cancelled.
   */
  constructor(
    private readonly scorecard: Scorecard,
    private readonly tally: Tally,
    private readonly fieldName: (field: string) => string,
    private readonly options: { skipInvalid: boolean; cancelledReason: (row: OrderRow) => string },
  ) {}

  /** Takes the next row of the file. */
  push(row: OrderRow): void {
    this.tally.rows += 1;
    this.tally.sawCustomer(row.customerId);
    if (this.current !== undefined && row.orderId === this.current.orderId) {
      this.current.rows.push(row);
      return;
    }
    this.close();
    if (row.orderId === '') {
      this.reject([row], [{ line: row.line, field: this.fieldName('order_id'), code: 'INVALID_EVENT', detail: 'the cell is empty; every row needs an order id' }], undefined);
      return;
    }
    const orders = this.tally.orders;
    const slot = orders.find(row.orderId);
    if (slot < 0) {
      this.current = { orderId: row.orderId, slot: orders.add(row.orderId, row.line, OrderStatus.Open), rows: [row], earlier: undefined };
      return;
    }
    // The order id appeared before, with other orders in between.
    const first = orders.line(slot);
    const problem: RowProblem = {
      line: row.line,
      field: this.fieldName('order_id'),
      code: 'NON_CONSECUTIVE_ORDER',
      detail: `order ${JSON.stringify(row.orderId)} reappears: its rows began on line ${first}, and other orders came between (the rows of an order must be consecutive)`,
    };
    const waiting = this.pending.take(row.orderId);
    if (this.options.skipInvalid && waiting !== undefined) {
      this.current = { orderId: row.orderId, slot, rows: [row], earlier: waiting.rows };
    } else if (this.options.skipInvalid && orders.status(slot) === OrderStatus.Skipped) {
      this.current = { orderId: row.orderId, slot, rows: [row], earlier: [] };
    } else if (this.options.skipInvalid) {
      throw new DataError(
        `${describeProblem(problem)}. Its first rows were counted already (more than ${PENDING_ROWS.toLocaleString('en-US')} rows before), so --skip-invalid cannot skip the whole order: keep the rows of each order together`,
      );
    } else {
      throw new DataError(describeProblem(problem));
    }
  }

  /** Ends the input: the last order, then every waiting one. */
  finish(): void {
    this.close();
    for (let order = this.pending.oldest(); order !== undefined; order = this.pending.oldest()) this.commit(order);
  }

  /** The current order is complete. */
  private close(): void {
    const order = this.current;
    if (order === undefined) return;
    this.current = undefined;
    const { rows } = order;
    if (order.earlier !== undefined) {
      // The earlier rows of an order skipped already were diagnosed and counted when it was skipped.
      const earlierProblems = order.earlier.length === 0 ? [] : this.diagnose(order.earlier, undefined);
      const problems = [...earlierProblems, ...rows.map((row) => this.nonConsecutive(row, order))];
      this.skip(order, order.earlier.length + rows.length, problems);
      return;
    }
    if (rows.some((row) => row.cancelled)) {
      const cancelled = rows.find((row) => row.cancelled)!;
      const detail = this.options.cancelledReason(cancelled);
      this.skip(order, rows.length, rows.map((row) => ({ line: row.line, field: '', code: 'CANCELLED_ORDER', detail })));
      return;
    }
    if (rows.some((row) => row.problem !== undefined) || this.conflicts(rows).size > 0) {
      this.reject(rows, this.diagnose(rows, undefined), order);
      return;
    }
    if (!this.options.skipInvalid) {
      this.commit(order);
      return;
    }
    this.pending.add(order);
    while (this.pending.rows > PENDING_ROWS && this.pending.size > 1) this.commit(this.pending.oldest()!);
  }

  private nonConsecutive(row: OrderRow, order: OpenOrder): RowProblem {
    const first = order.earlier?.[0]?.line ?? this.tally.orders.line(order.slot);
    return { line: row.line, field: this.fieldName('order_id'), code: 'NON_CONSECUTIVE_ORDER', detail: `order ${JSON.stringify(order.orderId)} reappears after other orders; its rows began on line ${first}` };
  }

  /** Adds a complete order to the Scorecard, or rejects it. */
  private commit(order: OpenOrder): void {
    const { rows } = order;
    const event: Order = { ...header(rows).order, lines: rows.map(lineOf) };
    const stackTraceLimit = Error.stackTraceLimit;
    // A KpiError here is data (the order is reported or skipped by its message), not a bug to
    // trace: without a stack trace it costs a tenth (thousands of orders are skipped in real exports).
    Error.stackTraceLimit = 0;
    try {
      this.scorecard.add(event);
    } catch (error) {
      if (!isKpiError(error)) throw error;
      this.reject(rows, this.diagnose(rows, error), order);
      return;
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.tally.orders.setStatus(order.slot, OrderStatus.Counted);
    this.tally.counted(rows.length, event.customerId);
  }

  /** A bad order: stops the run, or is skipped whole with `--skip-invalid`. */
  private reject(rows: readonly OrderRow[], problems: readonly RowProblem[], order: OpenOrder | undefined): void {
    if (!this.options.skipInvalid) {
      const first = problems[0]!;
      const orderId = rows[0]!.orderId;
      throw new DataError(`${describeProblem(first)}${orderId === '' ? '' : ` (order ${JSON.stringify(orderId)})`}`);
    }
    if (order === undefined) this.tally.skipped(rows.length, problems);
    else this.skip(order, rows.length, problems);
  }

  private skip(order: OpenOrder, rows: number, problems: readonly RowProblem[]): void {
    this.tally.orders.setStatus(order.slot, OrderStatus.Skipped);
    this.tally.skipped(rows, problems);
  }

  /** Rows after the first that name another customer or currency than the order's. */
  private conflicts(rows: readonly OrderRow[]): ReadonlyMap<OrderRow, RankedProblem> {
    const [first] = rows as [OrderRow];
    if (rows.every((row) => row.customerId === first.customerId && row.currency === first.currency)) return NO_CONFLICTS;
    const conflicts = new Map<OrderRow, RankedProblem>();
    let customer: OrderRow | undefined;
    let currency: OrderRow | undefined;
    for (const row of rows) {
      if (row.customerId !== '') {
        if (customer === undefined) customer = row;
        else if (row.customerId !== customer.customerId) {
          conflicts.set(row, {
            line: row.line,
            field: this.fieldName('customer_id'),
            code: 'INVALID_EVENT',
            detail: `customer ${JSON.stringify(row.customerId)} differs from ${JSON.stringify(customer.customerId)} on line ${customer.line}: the rows of one order have one customer`,
            rank: fieldRank('customer_id'),
          });
        }
      }
      if (row.currency !== '') {
        if (currency === undefined) currency = row;
        else if (row.currency !== currency.currency && !conflicts.has(row)) {
          conflicts.set(row, {
            line: row.line,
            field: this.fieldName('currency'),
            code: 'MIXED_CURRENCY',
            detail: `currency ${JSON.stringify(row.currency)} differs from ${JSON.stringify(currency.currency)} on line ${currency.line}: the rows of one order have one currency`,
            rank: fieldRank('currency'),
          });
        }
      }
    }
    return conflicts;
  }

  /**
   * Each bad row's first problem, in row order: a cell that could not be read, a conflict with the
   * order's first rows, an invalid order-level field (on the rows that carry it, or on every row when
   * none does), an invalid line. When no row is bad on its own, `error` (from the Scorecard) is put on
   * the row its path names.
   */
  private diagnose(rows: readonly OrderRow[], error: KpiError | undefined): RowProblem[] {
    const conflicts = this.conflicts(rows);
    const { order, time } = header(rows);
    let orderProblem: { field: string; code: string; detail: string } | undefined;
    try {
      validateOrder({ ...order, lines: [PLACEHOLDER_LINE] });
    } catch (caught) {
      if (!isKpiError(caught)) throw caught;
      const { field } = fieldOfPath(caught.path);
      const detail = field === 'timestamp' && time === undefined ? 'the cell is empty; every order needs a timestamp' : kpiDetail(caught);
      orderProblem = { field, code: caught.code, detail };
    }
    const anyCarries = orderProblem !== undefined && rows.some((row) => carries(row, orderProblem!.field));
    const problems: RowProblem[] = [];
    for (const row of rows) {
      let best: RankedProblem | undefined = row.problem;
      const conflict = conflicts.get(row);
      if (conflict !== undefined && (best === undefined || conflict.rank < best.rank)) best = conflict;
      if (orderProblem !== undefined && (!anyCarries || carries(row, orderProblem.field))) {
        const rank = fieldRank(orderProblem.field);
        if (best === undefined || rank < best.rank) best = { line: row.line, field: this.fieldName(orderProblem.field), code: orderProblem.code, detail: orderProblem.detail, rank };
      }
      if (best === undefined) {
        try {
          validateOrder({ ...PLACEHOLDER_ORDER, lines: [lineOf(row)] });
        } catch (caught) {
          if (!isKpiError(caught)) throw caught;
          const { field } = fieldOfPath(caught.path);
          best = { line: row.line, field: this.fieldName(field), code: caught.code, detail: kpiDetail(caught), rank: fieldRank(field) };
        }
      }
      if (best !== undefined) problems.push({ line: best.line, field: best.field, code: best.code, detail: best.detail });
    }
    if (problems.length === 0 && error !== undefined) {
      const { field, line } = fieldOfPath(error.path);
      const row = rows[line ?? 0] ?? rows[0]!;
      problems.push({ line: row.line, field: error.path === '' ? '' : this.fieldName(field), code: error.code, detail: kpiDetail(error) });
    }
    return problems;
  }
}
