import type { Amount } from './amount.js';
import type { IdTable } from './idTable.js';
import type { OrderView } from './orderView.js';

/**
 * The seam between a KPI and whatever counts it. A KPI's counting rule over orders is written once,
 * as a fold; the KPI's stand-alone accumulator runs one fold (`orderEngine.ts`), and each Scorecard
 * cell runs one fold per KPI (`scorecard/cell.ts`), so a KPI's definition changes in one file.
 *
 * What a fold does not do, its owner does once for all the folds it runs: read and validate the
 * order (`orderView.ts`), keep the one-currency rule, number the customers of the scope (a fold
 * keeps its per-customer data by the customer's row in the scope's {@link IdTable}), de-duplicate
 * re-delivered orders, and write the state's header and version.
 * @internal
 * @module
 */

/** @internal A JSON value, as a fold writes its aggregate. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** @internal The customers of a scope (an accumulator, or a Scorecard cell), numbered by row. */
export interface Scope {
  readonly customers: IdTable;
}

/**
 * @internal A KPI's counting rule over events of one kind (orders, offers or visits), read into a `View`.
 *
 * Two families. A lattice fold (sets and flags, `additive: false`) may see an order twice, or be
 * merged with a fold that saw some of the same orders, and still count it once: `merge` is a join.
 * An additive fold (sums and counts) may not: `add` returns what the order added (`Kept`), which
 * the owner keeps per order when it de-duplicates, and a merge of de-duplicated owners replays
 * with `addKept` what the other side added for the orders this side has not seen.
 */
export interface Fold<View, Result, State extends Json, Kept = undefined> {
  /**
   * Whether `add` needs the customer's (or visitor's) row (else it is given -1 and no customer is
   * numbered). A fold per customer never sees a guest order: its owner leaves those out.
   */
  readonly perCustomer: boolean;
  /** Sums and counts (replayed per order on a de-duplicated merge) rather than sets and flags (joined). */
  readonly additive: boolean;
  /** Throws a `KpiError` when this order cannot be counted under the fold's options; changes nothing. */
  check(event: View): void;
  /** Counts a checked order of the customer in `customer` (a row of the scope's customers). Never throws. */
  add(event: View, customer: number): Kept;
  /** Counts again what {@link add} returned for an order, for the customer in `customer`. */
  addKept(kept: Kept, customer: number): void;
  /** Whether the fold reads returns ({@link addReturn}); absent or `false`: it does not. */
  readonly readsReturns?: boolean;
  /**
   * Counts money given back, `amount` > 0, by the customer in `customer` (-1 for a guest, and
   * always for a fold that is not per customer). Never throws.
   */
  addReturn?(amount: Amount, customer: number): void;
  /**
   * Folds in a fold of the same KPI and options, as a join (lattice folds), or as a sum (additive
   * folds whose owner does not de-duplicate); `customers` maps the other scope's customer rows to
   * this one's.
   */
  merge(other: this, customers: Int32Array): void;
  /** Throws (changing nothing) when {@link merge} or replaying `other`'s orders would pass a limit, such as a count past 2⁵³. */
  checkMerge(other: this): void;
  /** Whether nothing has been counted yet. */
  isEmpty(): boolean;
  /** The KPI over everything counted; `currency` is the scope's (for money KPIs). */
  result(currency: string | null): Result;
  /** The aggregate as typed plain JSON, keyed by customer id where it is per customer. */
  toJSON(): State;
  /** The names of the fields {@link toJSON} writes. */
  readonly stateFields: readonly string[];
  /** Validates serialized fields (errors are `INVALID_STATE` at `state.<field>…`) and types them. */
  readState(state: Readonly<Record<string, unknown>>): State;
  /** Fills this empty fold from a validated state, numbering its customers in the scope. */
  load(state: State): void;
  /**
   * The fewest orders that make this state, for a lattice fold ({@link additive} false, per
   * customer) read with the orders it has seen: one per customer when absent.
   */
  ordersAtLeast?(): number;
  /** What {@link add} returned, as JSON, and back: additive folds only, the ones the engine keeps it for. */
  keptToJSON?(kept: Kept): Json;
  keptFromJSON?(json: unknown, path: string): Kept;
}

/** @internal A fold over orders. */
export type OrderFold<Result, State extends Json, Kept = undefined> = Fold<OrderView, Result, State, Kept>;

/** @internal Any fold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the engine is generic over folds of any event, result, state and contribution
export type AnyFold = Fold<any, any, any, any>;
/** @internal The event view a fold reads. */
export type ViewOf<F extends AnyFold> = Parameters<F['add']>[0];
/** @internal The result of a fold. */
export type ResultOf<F extends AnyFold> = ReturnType<F['result']>;
/** @internal What a fold's `add` keeps per order. */
export type KeptOf<F extends AnyFold> = ReturnType<F['add']>;
/** @internal The saved state of a fold. */
export type StateOf<F extends AnyFold> = ReturnType<F['toJSON']>;

/**
 * @internal Declares a fold class's constant properties on its prototype (once, not per instance:
 * a Scorecard has a fold per KPI per cell).
 */
export function shape(Class: abstract new (...args: never) => AnyFold, properties: Partial<Pick<AnyFold, 'perCustomer' | 'additive' | 'readsReturns' | 'stateFields'>>): void {
  Object.assign(Class.prototype, properties);
}
