import { isKpiError, toMoney, validateOrder, type KpiError, type LineSource, type Order, type OrderLine, type Return } from '../../index.js';
import { DataError, describeProblem, type RowProblem } from '../errors.js';
import type { RejectsWriter } from '../output/rejects.js';
import type { Tally } from '../tally.js';
import { fieldRank, type OrderRow, type RankedProblem, type StatusCells } from './columns.js';
import { TimestampError, type TimestampReader } from './dates.js';
import { OrderStatus } from './seenIds.js';
import type { EventSink } from './sink.js';

/**
 * Rows of order lines → orders → the Scorecard.
 *
 * The rows of an order need not be consecutive. An order stays open, its rows held, until
 * `window` newer orders have started (10,000 by default; `--window N`); a row of an open order joins
 * it wherever it is. An order id that comes back after its order was closed stops the run (exit 1,
 * `--skip-invalid` or not), naming both lines: the order was counted or skipped already, and half
 * an order cannot be taken back. `--unsorted` holds every order until the end of the input.
 *
 * Order-level fields (customer, timestamp, currency, channel, segment, dimensions) come from the
 * first row that has them; a later row with another customer or currency is a bad row, another
 * timestamp or dimension is ignored (invoice lines are often stamped a minute apart).
 *
 * A row without a customer is a guest's: the order's `customerId` is `null`. An order whose id
 * starts with `--cancelled-prefix` is a cancellation, read as a return of −Σ quantity × unit price.
 * A Shopify order's payment status (its first row) makes a refund a return beside the order, and a
 * voided order no sale (`VOIDED_ORDER`). Rows of `--exclude-sku` SKUs are held aside (their
 * order-level cells fill what no other row has) and never read as lines; an order outside
 * `--since` / `--until` is left out before it is validated.
 *
 * A bad row stops the run when its order is closed; with `--skip-invalid` the order is skipped
 * whole, never half of it.
 * @internal
 * @module
 */

/** @internal Newer orders that close an order (`--window`'s default). */
export const DEFAULT_WINDOW = 10_000;

/** An order being read: open until `window` newer orders have started. */
interface OpenOrder {
  readonly orderId: string;
  /** How many orders started before it. */
  readonly sequence: number;
  readonly rows: OrderRow[];
  /** Rows of `--exclude-sku` SKUs: not lines, and not read but for order-level fields no other row has. */
  excluded: OrderRow[] | undefined;
}

const NO_ROWS: readonly OrderRow[] = [];

/** What {@link OrderAssembler} finds in the rows of most orders: no conflicts. */
const NO_CONFLICTS: ReadonlyMap<OrderRow, RankedProblem> = new Map();

/** A line of any valid order, to validate order-level fields alone. */
const PLACEHOLDER_LINE: OrderLine = { sku: 'placeholder', unitPrice: '0' };
/** Order-level fields of any valid order, to validate a row's line alone. */
const PLACEHOLDER_ORDER = { orderId: 'placeholder', customerId: 'placeholder', timestamp: '2026-01-01T00:00:00Z' } as const;

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

/**
 * The order-level fields of an order (at least one row): from the first row that has each, else
 * from the first of `fallback` (rows of excluded SKUs: a Shopify export has them on an order's first
 * row only) that has it.
 */
function header(rows: readonly OrderRow[], fallback: readonly OrderRow[] = NO_ROWS): { order: Omit<Order, 'lines'>; time: number | undefined } {
  const first = rows[0]!;
  let customerId = first.customerId;
  let time = first.time;
  let currency = first.currency;
  let channel = first.channel;
  let segment = first.segment;
  let dimensions = first.dimensions;
  for (let index = 1; index < rows.length + fallback.length; index++) {
    const row = index < rows.length ? rows[index]! : fallback[index - rows.length]!;
    if (customerId === '') customerId = row.customerId;
    time ??= row.time;
    if (currency === '') currency = row.currency;
    channel ??= row.channel;
    segment ??= row.segment;
    if (row.dimensions !== undefined) dimensions = dimensions === undefined ? row.dimensions : { ...row.dimensions, ...dimensions };
  }
  // An empty customer cell on every row: a guest order.
  const order: Omit<Order, 'lines'> = { orderId: first.orderId, customerId: customerId === '' ? null : customerId, timestamp: time ?? '' };
  if (currency !== '') order.currency = currency;
  if (channel !== undefined) order.channel = channel;
  if (segment !== undefined) order.segment = segment;
  if (dimensions !== undefined) order.dimensions = dimensions;
  return { order, time };
}

/**
 * The return made of an order's rows: its id, customer (`null` for a guest), currency, channel,
 * segment and dimensions; `ofOrder` when it gives back money of that order (a refund), so that it
 * names it.
 */
function returnOf(fields: Omit<Order, 'lines'>, amount: string, timestamp: Order['timestamp'], ofOrder: boolean): Return {
  const event: Return = { type: 'return', returnId: fields.orderId, customerId: fields.customerId ?? null, timestamp, amount };
  if (ofOrder) event.orderId = fields.orderId;
  if (fields.currency !== undefined) event.currency = fields.currency;
  if (fields.channel !== undefined) event.channel = fields.channel;
  if (fields.segment !== undefined) event.segment = fields.segment;
  if (fields.dimensions !== undefined) event.dimensions = fields.dimensions;
  return event;
}

/** An order's payment status cells (Shopify's): from the first row that has each, else from the first excluded row; `undefined` when no row has any. */
function paymentStatus(rows: readonly OrderRow[], excluded: readonly OrderRow[]): StatusCells | undefined {
  let found: { -readonly [Cell in keyof StatusCells]: string } | undefined;
  for (let index = 0; index < rows.length + excluded.length; index++) {
    const cells = (index < rows.length ? rows[index]! : excluded[index - rows.length]!).status;
    if (cells === undefined) continue;
    if (found === undefined) found = { ...cells };
    else for (const cell of ['financialStatus', 'refundedAmount', 'cancelledAt', 'paidAt'] as const) if (found[cell] === '') found[cell] = cells[cell];
  }
  return found;
}

/** Whether a Refunded Amount cell says something was refunded: anything but empty or a zero (`0.00`); an unreadable cell does, to be reported. */
function refundedSomething(cell: string): boolean {
  return cell !== '' && !/^[+-]?0*\.?0*$/.test(cell);
}

/** What a single row of an order (or of a cancellation) can get wrong, given valid order-level fields. */
type LineProblem = (row: OrderRow) => { field: string; code: string; detail: string } | undefined;

/** A row's line, validated as the library validates it. */
const orderLineProblem: LineProblem = (row) => {
  try {
    validateOrder({ ...PLACEHOLDER_ORDER, lines: [lineOf(row)] });
    return undefined;
  } catch (caught) {
    if (!isKpiError(caught)) throw caught;
    return { field: fieldOfPath(caught.path).field, code: caught.code, detail: kpiDetail(caught) };
  }
};

/** A cancellation row: the quantity given back (negative, as UCI Online Retail writes it), a unit price ≥ 0, no discount. */
const cancellationLineProblem: LineProblem = (row) => {
  if (row.quantity === undefined || row.quantity >= 0) {
    const got = row.quantity === undefined ? 'the cell is empty' : `got ${row.quantity}`;
    return { field: 'quantity', code: 'INVALID_NUMBER', detail: `a cancellation's quantity is the quantity given back, negative (such as -2); ${got}` };
  }
  try {
    if (toMoney(row.unitPrice, 'unitPrice').isNegative()) return { field: 'unit_price', code: 'INVALID_MONEY', detail: `expected an amount ≥ 0, got ${row.unitPrice}` };
    if (row.discount !== undefined && !toMoney(row.discount, 'discount').isZero()) {
      return { field: 'discount', code: 'INVALID_EVENT', detail: `a cancellation has no discount: its amount is −quantity × unit price; got ${row.discount}` };
    }
  } catch (caught) {
    if (!isKpiError(caught)) throw caught;
    return { field: caught.path === 'unitPrice' ? 'unit_price' : 'discount', code: caught.code, detail: kpiDetail(caught) };
  }
  return undefined;
};

/**
 * The open orders, oldest first: a queue, and a map to find one by its id. (A `Map` alone made a
 * queue that cost more and more: taking its oldest entry again and again leaves deleted entries at
 * the front that every `entries().next()` steps over.)
 */
class OpenOrders {
  readonly #byId = new Map<string, OpenOrder>();
  #queue: OpenOrder[] = [];
  #head = 0;

  get size(): number {
    return this.#byId.size;
  }

  get(orderId: string): OpenOrder | undefined {
    return this.#byId.get(orderId);
  }

  add(order: OpenOrder): void {
    this.#byId.set(order.orderId, order);
    this.#queue.push(order);
  }

  /** The oldest open order, left open. */
  peek(): OpenOrder | undefined {
    return this.#queue[this.#head];
  }

  /** Removes and returns the oldest open order. */
  shift(): OpenOrder | undefined {
    const order = this.#queue[this.#head];
    if (order === undefined) return undefined;
    this.#head += 1;
    this.#byId.delete(order.orderId);
    if (this.#head >= 1024 && this.#head * 2 >= this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return order;
  }
}

/** @internal How {@link OrderAssembler} reads orders. */
export interface AssemblerOptions {
  /** Skip each order with a bad row instead of stopping. */
  readonly skipInvalid: boolean;
  /** Newer orders that close an order; `Infinity` with `--unsorted`. */
  readonly window: number;
  /** `--exclude-sku`. */
  readonly excludeSkus: ReadonlySet<string> | undefined;
  /** `--since` (inclusive) and `--until` (exclusive), epoch milliseconds. */
  readonly since: number | undefined;
  readonly until: number | undefined;
  /** `--rejects`: where skipped rows go (their rows carry their fields). */
  readonly rejects: RejectsWriter | undefined;
  /** Reads the dates of a refund (Shopify's Cancelled at, Paid at). */
  readonly timestamps: TimestampReader;
}

/** @internal Collects CSV rows into orders and adds them to the Scorecard. */
export class OrderAssembler {
  /** The order of the last row read (most rows follow a row of their own order). */
  private current: OpenOrder | undefined;
  private readonly open = new OpenOrders();
  /** Orders started so far. */
  private started = 0;
  /** Rows of the open orders. */
  private heldRows = 0;

  /**
   * @param scorecard - Where orders go.
   * @param tally - What was read, counted and skipped.
   * @param fieldName - The column of a field, for messages.
   * @param options - See {@link AssemblerOptions}.
   */
  constructor(
    private readonly scorecard: EventSink,
    private readonly tally: Tally,
    private readonly fieldName: (field: string) => string,
    private readonly options: AssemblerOptions,
  ) {}

  /** Takes the next row of the file. */
  push(row: OrderRow): void {
    this.tally.rows += 1;
    this.tally.sawCustomer(row.customerId);
    let order = this.current;
    if (order === undefined || row.orderId !== order.orderId) {
      if (row.orderId === '') {
        this.reject([row], [{ line: row.line, field: this.fieldName('order_id'), code: 'INVALID_EVENT', detail: 'the cell is empty; every row needs an order id' }], false);
        return;
      }
      order = this.open.get(row.orderId) ?? this.start(row);
      this.current = order;
    }
    if (this.options.excludeSkus?.has(row.sku) === true) {
      (order.excluded ??= []).push(row);
      this.tally.excludedRows += 1;
    } else {
      order.rows.push(row);
    }
    this.heldRows += 1;
    if (this.heldRows > this.tally.heldRows) this.tally.heldRows = this.heldRows;
  }

  /** Ends the input: every open order is closed, oldest first. */
  finish(): void {
    for (let order = this.open.shift(); order !== undefined; order = this.open.shift()) this.close(order);
    this.current = undefined;
  }

  /** Opens the order of a row whose order id is not open; closes the orders it leaves `window` newer orders behind. */
  private start(row: OrderRow): OpenOrder {
    const orders = this.tally.orders;
    const slot = orders.find(row.orderId);
    if (slot >= 0) {
      const window = this.options.window;
      throw new DataError(
        `${describeProblem({
          line: row.line,
          field: this.fieldName('order_id'),
          code: 'NON_CONSECUTIVE_ORDER',
          detail: `order ${JSON.stringify(row.orderId)} comes back after its rows were closed: they began on line ${orders.line(slot)}, and ${window === 1 ? 'another order' : `${window.toLocaleString('en-US')} newer orders`} started since`,
        })}. ` +
          `Rows of an order may be apart by fewer than --window orders (${window.toLocaleString('en-US')}); for a file in any row order, pass --unsorted (holds every order until the end of the input), or --engine duckdb (DuckDB reads the rows in any order)`,
      );
    }
    orders.add(row.orderId, row.line, OrderStatus.Open);
    const order: OpenOrder = { orderId: row.orderId, sequence: this.started, rows: [], excluded: undefined };
    this.started += 1;
    this.open.add(order);
    if (this.open.size > this.tally.heldOrders) this.tally.heldOrders = this.open.size;
    // An order stays open until `window` newer orders have started.
    for (let oldest = this.open.peek(); oldest !== undefined && this.started - 1 - oldest.sequence >= this.options.window; oldest = this.open.peek()) {
      this.close(this.open.shift()!);
    }
    return order;
  }

  /**
   * An order is complete: it is counted (an order, a return, or an order and its refund), skipped or
   * rejected, or left out (no rows but of excluded SKUs; outside `--since` / `--until`).
   */
  private close(order: OpenOrder): void {
    if (order === this.current) this.current = undefined;
    const { rows, excluded = NO_ROWS } = order;
    this.heldRows -= rows.length + excluded.length;
    if (rows.length === 0) {
      // Every row was of an excluded SKU: neither counted nor skipped.
      this.tally.excludedOrders += 1;
      return;
    }
    const { order: fields, time } = header(rows, excluded);
    if (rows[0]!.cancellation) {
      this.closeCancellation(rows, fields, time);
      return;
    }
    const status = paymentStatus(rows, excluded);
    const voided = status?.financialStatus.toLowerCase() === 'voided';
    const refunded = status !== undefined && !voided && refundedSomething(status.refundedAmount);
    if (voided || (status !== undefined && status.cancelledAt !== '' && !refunded)) {
      if (!this.keep(rows, time)) return;
      const [code, detail] = voided
        ? ['VOIDED_ORDER', `the order was voided (${this.fieldName('financialStatus')} "${status.financialStatus}"): no sale`]
        : ['CANCELLED_ORDER', `the order was cancelled (${this.fieldName('cancelledAt')} ${status.cancelledAt}) and nothing was refunded: no sale`];
      this.skip(rows, rows.map((row) => ({ line: row.line, field: '', code, detail })));
      return;
    }
    let refund: { event: Return; time: number | undefined } | undefined;
    if (refunded) {
      const read = this.refundOf(rows, excluded, fields, time, status);
      if ('problem' in read) {
        const problems = this.diagnose(rows, undefined, orderLineProblem).filter((problem) => problem.line !== read.problem.line);
        this.reject(rows, [...problems, read.problem].sort((a, b) => a.line - b.line), true);
        return;
      }
      refund = read;
    }
    const orderIn = time === undefined || this.inRange(time);
    const refundIn = refund !== undefined && (refund.time === undefined || this.inRange(refund.time));
    if (!orderIn && !refundIn) {
      this.leaveOut(rows);
      return;
    }
    if (rows.some((row) => row.problem !== undefined) || this.conflicts(rows).size > 0) {
      this.reject(rows, this.diagnose(rows, undefined, orderLineProblem), true);
      return;
    }
    const event: Order = { ...fields, lines: rows.map(lineOf) };
    if (!orderIn) this.tally.outOfRangeOrders += 1;
    else if (!this.add(event, rows, orderLineProblem)) return;
    // The refund was checked with the order (its amount, its date): adding it cannot fail now.
    if (refundIn && this.add(refund!.event, rows, orderLineProblem)) this.tally.countedReturns += 1;
    this.tally.counted(rows.length, orderIn ? event.customerId : undefined);
  }

  /** Whether an order at `time` is within `--since` / `--until`; when not, it is left out. */
  private keep(rows: readonly OrderRow[], time: number | undefined): boolean {
    if (time === undefined || this.inRange(time)) return true;
    this.leaveOut(rows);
    return false;
  }

  /** Notes an order outside `--since` / `--until`: neither counted nor skipped. */
  private leaveOut(rows: readonly OrderRow[]): void {
    this.tally.outOfRangeRows += rows.length;
    this.tally.outOfRangeOrders += 1;
  }

  /** Whether an instant is within `--since` and `--until`. */
  private inRange(time: number): boolean {
    const { since, until } = this.options;
    return (since === undefined || time >= since) && (until === undefined || time < until);
  }

  /**
   * A cancellation (`--cancelled-prefix`): a return of −Σ quantity × unit price of its rows, dated and
   * grouped as its rows say, of its customer (`null` for none).
   */
  private closeCancellation(rows: readonly OrderRow[], fields: Omit<Order, 'lines'>, time: number | undefined): void {
    if (!this.keep(rows, time)) return;
    if (rows.some((row) => row.problem !== undefined || cancellationLineProblem(row) !== undefined) || this.conflicts(rows).size > 0) {
      this.reject(rows, this.diagnose(rows, undefined, cancellationLineProblem), true);
      return;
    }
    let amount = toMoney(0);
    for (const row of rows) amount = amount.minus(toMoney(row.quantity!).times(toMoney(row.unitPrice)));
    // A cancellation names no order of its own.
    const event = returnOf(fields, amount.toFixed(), fields.timestamp, false);
    if (!this.add(event, rows, cancellationLineProblem)) return;
    this.tally.countedReturns += 1;
    this.tally.counted(rows.length, undefined);
  }

  /**
   * The return of a refunded order: its Refunded Amount (> 0), dated at its Cancelled at, else its
   * Paid at, else the order's time; or the problem of the cell that cannot be read.
   */
  private refundOf(
    rows: readonly OrderRow[],
    excluded: readonly OrderRow[],
    fields: Omit<Order, 'lines'>,
    time: number | undefined,
    status: StatusCells,
  ): { event: Return; time: number | undefined } | { problem: RowProblem } {
    const carrier = (cell: keyof StatusCells): number => (rows.find((row) => row.status?.[cell] !== undefined && row.status[cell] !== '') ?? excluded.find((row) => row.status?.[cell] !== '') ?? rows[0]!).line;
    let amountProblem: string | undefined;
    try {
      if (toMoney(status.refundedAmount).isNegative()) amountProblem = `expected an amount ≥ 0, got ${status.refundedAmount}`;
    } catch (error) {
      if (!isKpiError(error)) throw error;
      amountProblem = kpiDetail(error);
    }
    if (amountProblem !== undefined) return { problem: { line: carrier('refundedAmount'), field: this.fieldName('refundedAmount'), code: 'INVALID_MONEY', detail: amountProblem } };
    let refundTime = time;
    const dated = (['cancelledAt', 'paidAt'] as const).find((cell) => status[cell] !== '');
    if (dated !== undefined) {
      try {
        refundTime = this.options.timestamps.read(status[dated]);
      } catch (error) {
        if (!(error instanceof TimestampError)) throw error;
        return { problem: { line: carrier(dated), field: this.fieldName(dated), code: 'INVALID_TIMESTAMP', detail: error.message } };
      }
    }
    return { event: returnOf(fields, status.refundedAmount, refundTime ?? fields.timestamp, true), time: refundTime };
  }

  /**
   * Adds an event made of `rows` to the Scorecard; a `KpiError` rejects the rows (diagnosed with
   * `lineProblem` for what a single row can get wrong).
   *
   * @returns Whether it was added.
   */
  private add(event: Order | Return, rows: readonly OrderRow[], lineProblem: LineProblem): boolean {
    const stackTraceLimit = Error.stackTraceLimit;
    // A KpiError here is data (the order is reported or skipped by its message), not a bug to
    // trace: without a stack trace it costs a tenth (thousands of orders are skipped in real exports).
    Error.stackTraceLimit = 0;
    try {
      this.scorecard.add(event);
      return true;
    } catch (error) {
      if (!isKpiError(error)) throw error;
      this.reject(rows, this.diagnose(rows, error, lineProblem), true);
      return false;
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }

  /** A bad order (or a row of none, `isOrder` false): stops the run, or is skipped whole with `--skip-invalid`. */
  private reject(rows: readonly OrderRow[], problems: readonly RowProblem[], isOrder: boolean): void {
    if (!this.options.skipInvalid) {
      const first = problems[0]!;
      const orderId = rows[0]!.orderId;
      throw new DataError(`${describeProblem(first)}${orderId === '' ? '' : ` (order ${JSON.stringify(orderId)})`}`);
    }
    this.skip(rows, problems, isOrder);
  }

  /** Skips the rows of an order (`isOrder`), or a row of none; `problems` are its bad rows'. */
  private skip(rows: readonly OrderRow[], problems: readonly RowProblem[], isOrder = true): void {
    this.tally.skipped(rows.length, problems, isOrder);
    this.options.rejects?.write(rows, problems, isOrder ? rows[0]!.orderId : undefined);
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
  private diagnose(rows: readonly OrderRow[], error: KpiError | undefined, lineProblem: LineProblem): RowProblem[] {
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
        const problem = lineProblem(row);
        if (problem !== undefined) best = { line: row.line, field: this.fieldName(problem.field), code: problem.code, detail: problem.detail, rank: fieldRank(problem.field) };
      }
      if (best !== undefined) problems.push({ line: best.line, field: best.field, code: best.code, detail: best.detail });
    }
    if (problems.length === 0 && error !== undefined) {
      const { field, line } = fieldOfPath(error.path);
      const row = rows[line ?? 0] ?? rows[0]!;
      // A return's amount is made of the rows' quantities and prices (or is Shopify's Refunded Amount).
      const name = error.path === '' ? '' : error.path === 'amount' ? (rows[0]!.cancellation ? 'unit_price' : 'refundedAmount') : field;
      problems.push({ line: row.line, field: name === '' ? '' : this.fieldName(name), code: error.code, detail: kpiDetail(error) });
    }
    return problems;
  }
}
