import type { RowProblem } from './errors.js';
import { SeenIds } from './readers/seenIds.js';

/**
 * What a run read, counted and skipped.
 *
 * Invariant: `rows = countedRows + skippedRows + excludedRows + outOfRangeRows`.
 * @internal
 */
export class Tally {
  /** Rows (CSV records or non-blank JSON lines) read, header excluded. */
  rows = 0;
  /** Rows whose event the Scorecard counted (a JSON Lines re-delivery included). */
  countedRows = 0;
  /** Orders the Scorecard counted. */
  countedOrders = 0;
  /** Returns the Scorecard counted (cancellations, refunds; JSON Lines return events). */
  countedReturns = 0;
  /** Every row skipped. */
  skippedRows = 0;
  /** Orders skipped: read, and never counted. */
  skippedOrders = 0;
  /** The bad rows among the skipped ones, by code. */
  readonly byCode = new Map<string, number>();
  /** The first (lowest) line of each code in {@link byCode}. */
  readonly firstLineByCode = new Map<string, number>();
  /** Order ids read (in a CSV, cancellations' too). */
  readonly orders = new SeenIds();
  /** Return ids read (JSON Lines). */
  readonly returns = new SeenIds();
  /** Customer ids read on orders → whether one of their orders was counted. */
  readonly customers = new Map<string, boolean>();
  /** Rows of `--exclude-sku` SKUs, and orders left with no other row: neither counted nor skipped. */
  excludedRows = 0;
  excludedOrders = 0;
  /** Rows and orders (or returns) outside `--since` / `--until`: neither counted nor skipped. */
  outOfRangeRows = 0;
  outOfRangeOrders = 0;
  /** The most orders, and the most rows, held open at once (CSV). */
  heldOrders = 0;
  heldRows = 0;

  /** The customer id noted last: the rows of an order repeat it. */
  #lastCustomer = '';

  /** Notes a customer id read on an order row. */
  sawCustomer(customerId: string): void {
    if (customerId === this.#lastCustomer) return;
    this.#lastCustomer = customerId;
    if (customerId !== '' && !this.customers.has(customerId)) this.customers.set(customerId, false);
  }

  /** Notes an order the Scorecard counted (`customerId` `undefined`: rows of an event that is not an order). */
  counted(rows: number, customerId: string | null | undefined): void {
    this.countedRows += rows;
    if (customerId === undefined) return;
    this.countedOrders += 1;
    if (customerId !== null) this.customers.set(customerId, true);
  }

  /** Notes skipped rows: `rows` in all, `problems` the bad ones among them (one per bad row); `order` when they are an order's, skipped whole. */
  skipped(rows: number, problems: readonly RowProblem[], order: boolean): void {
    this.skippedRows += rows;
    if (order) this.skippedOrders += 1;
    for (const problem of problems) {
      this.byCode.set(problem.code, (this.byCode.get(problem.code) ?? 0) + 1);
      const first = this.firstLineByCode.get(problem.code);
      if (first === undefined || problem.line < first) this.firstLineByCode.set(problem.code, problem.line);
    }
  }

  /** Customers with at least one counted order. */
  countedCustomers(): number {
    let count = 0;
    for (const counted of this.customers.values()) if (counted) count += 1;
    return count;
  }
}
