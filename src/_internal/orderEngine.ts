import { KpiError } from '../core/KpiError.js';
import { hostError } from './hostError.js';
import type { AccumulatorJSON } from '../core/accumulator.js';
import { orderFingerprintV1 } from './fingerprintV1.js';
import { ORDERS, type EventKind } from './eventKinds.js';
import type { AnyFold, KeptOf, ResultOf, Scope, ViewOf } from './fold.js';
import { hashKey } from './hash.js';
import { IdTable, withRow } from './idTable.js';
import { incompatibleOptions } from './merge.js';
import { sameOptions } from './options.js';
import { currencyFromJSON, mergedCurrency, orderCurrency } from './orderCurrency.js';
import { orderFingerprint, type OrderView } from './orderView.js';
import { createReturnView, readReturn, returnFingerprint, type ReturnView } from './returnView.js';
import { amountText, fromDecimal, type Amount } from './amount.js';
import { show } from './show.js';
import { asStateError, invalidState, readHeader, sameState, stateArray, stateCount, stateCurrency, stateId, stateMoney, stateObject, stateRowSet } from './state.js';
import { isCurrencyCode } from '../core/currency.js';

/**
 * The one skeleton of every order-reading accumulator: it reads and validates each order once,
 * keeps the one-currency rule of money KPIs, numbers the customers, de-duplicates re-delivered
 * orders, merges, and writes and reads the versioned state; the KPI itself is a fold
 * (`fold.ts`). The public class of each KPI holds one engine in a `#private` field.
 * @internal
 * @module
 */

/**
 * @internal The state layout this version writes: version 3 adds guest orders (a `seen` entry's
 * customer may be `null`) and returns (`seenReturns`). Versions 2 and 1 (fingerprints of
 * `fingerprintV1.ts`) still load.
 */
export const STATE_VERSION = 3;

/**
 * @internal Options every accumulator's settings may have: `dedupe` (orders only: re-delivered
 * orders are recognised by their id) and `currency` (it marks a money KPI).
 */
export interface EngineOptions {
  readonly dedupe?: boolean;
  readonly currency?: string | null;
}

/**
 * @internal Rewrites the `seen` entries of a version 1 state, `[orderId, fingerprint, contribution]`,
 * into version 2's `[orderId, fingerprint, customerId, kept]` (the engine keeps each order's
 * customer). `split` reads a version 1 contribution; entries it returns `undefined` for, and any
 * other malformed ones, are left as they are, for the engine to refuse.
 */
export function migrateSeenV1(state: Record<string, unknown>, split: (contribution: unknown) => [customerId: unknown, kept: unknown] | undefined): Record<string, unknown> {
  const seen = state['seen'];
  if (!Array.isArray(seen)) return state;
  const entries = seen.map((entry: unknown) => {
    if (!Array.isArray(entry) || entry.length !== 3) return entry;
    const parts = split(entry[2]);
    return parts === undefined ? entry : [entry[0], entry[1], ...parts];
  });
  return { ...state, seen: entries };
}

/** @internal What a KPI gives the engine. */
export interface FoldSpec<F extends AnyFold, Options extends EngineOptions> {
  /** The class name written to JSON. */
  readonly kind: string;
  /** The events the fold reads; orders when absent. */
  readonly event?: EventKind<ViewOf<F>>;
  /** A new, empty fold for these options, keeping its customers in `scope`. */
  create(options: Options, scope: Scope): F;
  /**
   * Version 1 state (as far as it differs) in the layout of version 2, before validation: the
   * aggregate fields, and each `seen` entry's contribution as `[customerId, kept]` or `kept`.
   * Without it, version 1 aggregates are read as they are.
   */
  migrateV1?(state: Record<string, unknown>): Record<string, unknown>;
}

/** @internal */
export class OrderEngine<F extends AnyFold, Options extends EngineOptions> {
  readonly scope: Scope = { customers: new IdTable() };
  readonly fold: F;
  private readonly event: EventKind<ViewOf<F>>;
  private readonly view: ViewOf<F>;
  private readonly seen: SeenOrders<KeptOf<F>> | undefined;
  /** Whether the fold reads returns, and the returns seen (with `dedupe`). */
  private readonly readsReturns: boolean;
  private readonly seenReturns: SeenReturns | undefined;
  private returnView: ReturnView | undefined;
  private readonly money: boolean;
  /** The orders' currency (money KPIs); `undefined` before the first order. */
  private currency: string | null | undefined;

  constructor(
    readonly spec: FoldSpec<F, Options>,
    readonly options: Options,
  ) {
    this.fold = spec.create(options, this.scope);
    this.event = spec.event ?? (ORDERS as EventKind<ViewOf<F>>);
    this.view = this.event.create();
    // Money and de-duplication are about orders.
    this.money = options.currency !== undefined;
    this.seen = options.dedupe === true ? new SeenOrders(this.fold.additive, this.fold.additive && this.fold.perCustomer) : undefined;
    this.readsReturns = this.fold.readsReturns === true;
    this.seenReturns = this.readsReturns && options.dedupe === true ? new SeenReturns(this.fold.perCustomer) : undefined;
  }

  /**
   * Adds one event. Atomic: an invalid event, a conflicting re-delivery or another currency throws
   * and changes nothing; so does an event whose getters throw (`INVALID_EVENT`, with the `cause`).
   */
  add(value: unknown): void {
    try {
      this.addEvent(value);
    } catch (error) {
      throw hostError(error, 'INVALID_EVENT', 'event');
    }
  }

  private addEvent(value: unknown): void {
    if (this.readsReturns && isReturn(value)) {
      this.addReturn(value);
      return;
    }
    const view = this.view;
    this.event.read(value, view);
    const fold = this.fold;
    const customerId = this.event.customer(view);
    // A fold per customer leaves guest orders out (no check, no currency); dedupe still knows them.
    const counted = customerId !== null || !fold.perCustomer;
    if (counted) fold.check(view);
    const order = view as OrderView;
    const money = this.money && counted;
    const currency = money ? orderCurrency(order, this.options.currency ?? null, this.currency) : null;
    const seen = this.seen;
    let fingerprint = 0;
    let hash = 0;
    if (seen !== undefined) {
      fingerprint = orderFingerprint(order);
      hash = hashKey(order.orderId);
      const row = seen.ids.find(order.orderId, hash);
      if (row >= 0) {
        seen.checkRedelivery(row, fingerprint, order);
        return;
      }
    }
    const customer = fold.perCustomer && customerId !== null ? this.scope.customers.row(customerId) : -1;
    const kept = (counted ? fold.add(view, customer) : undefined) as KeptOf<F>;
    if (seen !== undefined) seen.add(order.orderId, hash, fingerprint, false, kept, customer);
    if (money) this.currency = currency;
  }

  /** Adds one return (folds that read returns). Atomic, as {@link add}. */
  private addReturn(value: unknown): void {
    const view = (this.returnView ??= createReturnView());
    readReturn(value, view);
    // A fold per customer leaves guest returns out, as it does guest orders.
    const money = this.money && (view.customerId !== null || !this.fold.perCustomer);
    const currency = money ? orderCurrency(view, this.options.currency ?? null, this.currency) : null;
    const seen = this.seenReturns;
    let fingerprint = 0;
    let hash = 0;
    if (seen !== undefined) {
      fingerprint = returnFingerprint(view);
      hash = hashKey(view.returnId);
      const row = seen.ids.find(view.returnId, hash);
      if (row >= 0) {
        if (seen.fingerprints[row] !== fingerprint) throw conflicting('returnId', view.returnId);
        return;
      }
    }
    const customer = this.fold.perCustomer && view.customerId !== null ? this.scope.customers.row(view.customerId) : -1;
    this.fold.addReturn!(view.amount, customer);
    seen?.add(view.returnId, hash, fingerprint, view.amount, customer);
    if (money) this.currency = currency;
  }

  /** Adds every order of an iterable, in turn (each add atomic). */
  addAll(values: Iterable<unknown>): void {
    if (Array.isArray(values)) {
      // An index loop: for…of would allocate an iterator result per event in code not yet optimized.
      for (let index = 0; index < values.length; index++) this.add(values[index]);
    } else {
      for (const value of values) this.add(value);
    }
  }

  /** The KPI over everything added. */
  result(): ResultOf<F> {
    return this.fold.result(this.currency ?? this.options.currency ?? null);
  }

  /** Folds in an engine of the same kind; `other` is unchanged. Atomic. */
  merge(other: OrderEngine<F, Options>): void {
    if (!sameOptions(other.options, this.options)) throw incompatibleOptions(this.spec.kind, this.options, other.options);
    const currency = this.money ? mergedCurrency(this.currency, other.currency) : undefined;
    const seen = this.seen;
    const otherSeen = other.seen;
    // Everything that can fail is checked before anything changes. Same options: both sides keep
    // a ledger, or neither does.
    const fresh = seen === undefined ? undefined : seen.freshRows(otherSeen!);
    const freshReturns = this.seenReturns === undefined ? undefined : this.seenReturns.freshRows(other.seenReturns!);
    this.fold.checkMerge(other.fold);
    const customers = this.fold.perCustomer ? this.mapCustomers(other) : EMPTY_MAP;
    if (fresh === undefined || !this.fold.additive) this.fold.merge(other.fold, customers);
    if (fresh !== undefined) {
      for (const row of fresh) {
        const theirs = otherSeen!.customers?.[row];
        // A guest order (customer -1) added nothing to a fold per customer.
        const customer = theirs === undefined ? -1 : theirs < 0 ? -1 : customers[theirs]!;
        const kept = otherSeen!.kept?.[row] as KeptOf<F>;
        if (this.fold.additive && (theirs === undefined || theirs >= 0)) this.fold.addKept(kept, customer);
        seen!.add(otherSeen!.ids.ids[row]!, hashKey(otherSeen!.ids.ids[row]!), otherSeen!.fingerprints[row]!, otherSeen!.isLegacy(row), kept, customer);
      }
    }
    if (freshReturns !== undefined) {
      const theirs = other.seenReturns!;
      for (const row of freshReturns) {
        const customer = theirs.customers === undefined || theirs.customers[row]! < 0 ? -1 : customers[theirs.customers[row]!]!;
        const amount = theirs.amounts[row]!;
        this.fold.addReturn!(amount, customer);
        this.seenReturns!.add(theirs.ids.ids[row]!, hashKey(theirs.ids.ids[row]!), theirs.fingerprints[row]!, amount, customer);
      }
    }
    this.currency = currency; // undefined unless a money KPI
  }

  /** The other scope's customer rows mapped to this one's, customers new here added. */
  private mapCustomers(other: OrderEngine<F, Options>): Int32Array {
    const ids = other.scope.customers.ids;
    const map = new Int32Array(ids.length);
    for (let row = 0; row < ids.length; row++) map[row] = this.scope.customers.row(ids[row]!);
    return map;
  }

  /** The state as versioned plain JSON. */
  toJSON(): AccumulatorJSON {
    const state: Record<string, unknown> = { ...(this.fold.toJSON() as Record<string, unknown>) };
    if (this.money) state['currency'] = this.currency ?? null;
    const seen = this.seen;
    if (seen !== undefined) {
      const customerIds = this.scope.customers.ids;
      const legacy: number[] = [];
      state['seen'] = seen.ids.ids.map((orderId, row) => {
        if (seen.isLegacy(row)) legacy.push(row);
        const entry: unknown[] = [orderId, seen.fingerprints[row]!];
        const customer = seen.customers?.[row];
        if (customer !== undefined) entry.push(customer < 0 ? null : customerIds[customer]!);
        // A guest order kept nothing in a fold per customer.
        if (seen.kept !== undefined) entry.push(customer !== undefined && customer < 0 ? null : this.fold.keptToJSON!(seen.kept[row]));
        return entry;
      });
      if (legacy.length > 0) state['legacy'] = legacy;
    }
    const returns = this.seenReturns;
    if (returns !== undefined) {
      const customerIds = this.scope.customers.ids;
      state['seenReturns'] = returns.ids.ids.map((returnId, row) => {
        const entry: unknown[] = [returnId, returns.fingerprints[row]!];
        const customer = returns.customers?.[row];
        if (customer !== undefined) entry.push(customer < 0 ? null : customerIds[customer]!);
        entry.push(amountText(returns.amounts[row]!));
        return entry;
      });
    }
    return { kind: this.spec.kind, version: STATE_VERSION, options: JSON.parse(JSON.stringify(this.options)) as Record<string, unknown>, state };
  }

  /**
   * Reads a state of `version` (as written by {@link toJSON}, or by version 1) into this empty
   * engine, validating everything: each field, and that the orders' contributions add up to the
   * totals.
   */
  load(stateJSON: unknown, version: number): this {
    const seen = this.seen;
    const fold = this.fold;
    const fields = [...fold.stateFields, ...(this.money ? ['currency'] : [])];
    if (seen !== undefined) fields.push('seen');
    if (this.seenReturns !== undefined) fields.push('seenReturns');
    let source = stateJSON;
    if (version === 1 && this.spec.migrateV1 !== undefined) {
      const plain = stateObject(stateJSON, 'state', Object.keys(stateJSON ?? {}));
      source = this.spec.migrateV1({ ...plain });
    }
    const raw = stateObject(source, 'state', fields, version === 1 || seen === undefined ? [] : ['legacy']);
    fold.load(fold.readState(raw));
    if (this.money) {
      const currency = stateCurrency(raw['currency'], 'state.currency', isCurrencyCode);
      this.currency = currencyFromJSON(currency, fold.isEmpty() ? 0 : 1, 'state.currency');
    }
    if (seen === undefined) return this;
    const entries = stateArray(raw['seen'], 'state.seen');
    // Version 1 has no `legacy` field (refused above): every row of it is legacy.
    const legacy = raw['legacy'] === undefined ? new Set<number>() : stateRowSet(raw['legacy'], 'state.legacy', entries.length, 'state.seen');
    const replay = fold.additive ? new OrderEngine(this.spec, this.options) : undefined;
    /** The replayed fold's row of a customer of this scope. */
    const replayed = (customer: number): number => (customer < 0 ? -1 : replay!.scope.customers.row(this.scope.customers.ids[customer]!));
    entries.forEach((entry, index) => {
      const path = `state.seen[${index}]`;
      const width = 2 + (seen.customers === undefined ? 0 : 1) + (seen.kept === undefined ? 0 : 1);
      const tuple = stateArray(entry, path, width);
      if (tuple.length !== width) throw invalidState(path, `expected ${width} elements: [orderId, fingerprint${seen.customers === undefined ? '' : ', customerId'}${seen.kept === undefined ? '' : ', contribution'}]`);
      const orderId = stateId(tuple[0], `${path}[0]`);
      const fingerprint = stateCount(tuple[1], `${path}[1]`);
      if (seen.ids.find(orderId) >= 0) throw invalidState(`${path}[0]`, `order ${JSON.stringify(orderId)} appears twice`);
      const customer = seen.customers === undefined ? -1 : this.savedCustomer(tuple[2], `${path}[2]`, version);
      const guest = seen.customers !== undefined && customer < 0;
      if (guest && tuple[width - 1] !== null) throw invalidState(`${path}[${width - 1}]`, 'expected null: a guest order adds nothing to a figure per customer');
      const kept = (seen.kept === undefined || guest ? undefined : fold.keptFromJSON!(tuple[width - 1], `${path}[${width - 1}]`)) as KeptOf<F>;
      seen.add(orderId, hashKey(orderId), fingerprint, version === 1 || legacy.has(index), kept, customer);
      if (replay !== undefined && !guest) replay.fold.addKept(kept, replayed(customer));
    });
    // A lattice fold keeps no order's customer, but each of its customers (per period: RetentionRate) came with an order.
    const needed = fold.perCustomer && !fold.additive ? (fold.ordersAtLeast?.() ?? this.scope.customers.size) : 0;
    if (needed > entries.length) throw invalidState('state.seen', `the totals need at least ${needed} orders (one per customer), but ${entries.length} were seen`);
    const returns = this.seenReturns;
    if (returns !== undefined) {
      stateArray(raw['seenReturns'], 'state.seenReturns').forEach((entry, index) => {
        const path = `state.seenReturns[${index}]`;
        const width = returns.customers === undefined ? 3 : 4;
        const tuple = stateArray(entry, path, width);
        if (tuple.length !== width) throw invalidState(path, `expected [returnId, fingerprint${returns.customers === undefined ? '' : ', customerId'}, amount]`);
        const returnId = stateId(tuple[0], `${path}[0]`);
        if (returns.ids.find(returnId) >= 0) throw invalidState(`${path}[0]`, `return ${JSON.stringify(returnId)} appears twice`);
        const customer = returns.customers === undefined ? -1 : this.savedCustomer(tuple[2], `${path}[2]`, version);
        const amount = stateAmount(tuple[width - 1], `${path}[${width - 1}]`);
        returns.add(returnId, hashKey(returnId), stateCount(tuple[1], `${path}[1]`), amount, customer);
        replay!.fold.addReturn!(amount, replayed(customer));
      });
    }
    if (replay !== undefined && !sameState(replay.fold.toJSON(), fold.toJSON())) {
      throw invalidState('state.seen', "the orders' and returns' contributions do not add up to the totals");
    }
    return this;
  }

  /** The row of a saved order's or return's customer, who must be in the totals; `null` (version 3 on) is a guest: -1. */
  private savedCustomer(value: unknown, path: string, version: number): number {
    if (value === null && version >= 3) return -1;
    const customerId = stateId(value, path);
    const customer = this.scope.customers.find(customerId);
    if (customer < 0) throw invalidState(path, `customer ${JSON.stringify(customerId)} has no entry in the totals`);
    return customer;
  }
}

/** A saved amount > 0. */
function stateAmount(value: unknown, path: string): Amount {
  const amount = stateMoney(value, path);
  if (!amount.isPositive() || amount.isZero()) throw invalidState(path, 'expected an amount > 0');
  return fromDecimal(amount);
}

const EMPTY_MAP = new Int32Array(0);

/**
 * The orders an engine has seen, compactly: their ids in an {@link IdTable}, each row's 53-bit
 * fingerprint in a `Float64Array`, and for additive folds what each order added (and its
 * customer's row). Rows restored from version 1 state keep their version 1 fingerprint: a
 * re-delivery of such an order is compared with that one.
 */
class SeenOrders<Kept> {
  readonly ids = new IdTable();
  fingerprints = new Float64Array(8);
  /** Rows whose fingerprint is of version 1. */
  private legacy: Set<number> | undefined;
  readonly kept: Kept[] | undefined;
  customers: Int32Array | undefined;

  constructor(additive: boolean, perCustomer: boolean) {
    this.kept = additive ? [] : undefined;
    this.customers = perCustomer ? new Int32Array(8) : undefined;
  }

  isLegacy(row: number): boolean {
    return this.legacy?.has(row) ?? false;
  }

  add(orderId: string, hash: number, fingerprint: number, legacy: boolean, kept: Kept, customer: number): void {
    const row = this.ids.add(orderId, hash);
    this.fingerprints = withRow(this.fingerprints, row);
    this.fingerprints[row] = fingerprint;
    if (legacy) (this.legacy ??= new Set()).add(row);
    this.kept?.push(kept);
    if (this.customers !== undefined) {
      this.customers = withRow(this.customers, row);
      this.customers[row] = customer;
    }
  }

  /** Throws unless the order of `row` is re-delivered with the same content. */
  checkRedelivery(row: number, fingerprint: number, view: OrderView): void {
    const known = this.fingerprints[row]!;
    const same = this.isLegacy(row) ? known === orderFingerprintV1(view) : known === fingerprint;
    if (!same) throw conflicting('orderId', view.orderId);
  }

  /** The rows of `other` this one has not seen; throws when an order both have differs. */
  freshRows(other: SeenOrders<Kept>): number[] {
    const fresh: number[] = [];
    const ids = other.ids.ids;
    for (let row = 0; row < ids.length; row++) {
      const mine = this.ids.find(ids[row]!);
      if (mine < 0) {
        fresh.push(row);
        continue;
      }
      // Fingerprints of two versions cannot be compared: the order is taken as the same one.
      if (this.isLegacy(mine) === other.isLegacy(row) && this.fingerprints[mine] !== other.fingerprints[row]) throw conflicting('orderId', ids[row]!);
    }
    return fresh;
  }
}

/** @internal A re-delivery with other content: of an order (`orderId`), an offer (`offerId`) or a return (`returnId`). */
export function conflicting(field: 'orderId' | 'offerId' | 'returnId', id: string): KpiError {
  const what = field === 'orderId' ? 'order' : field === 'offerId' ? 'offer' : 'return';
  return new KpiError('CONFLICTING_DUPLICATE', field, `${what} ${show(id)} was already added with different content`);
}

function isReturn(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'return';
}

/**
 * The returns an engine has seen (folds that read returns, with `dedupe`): their ids, each one's
 * 53-bit fingerprint, amount and, for folds per customer, its customer's row (-1 for a guest), so
 * that a merge replays exactly the returns the other side alone has.
 */
class SeenReturns {
  readonly ids = new IdTable();
  fingerprints = new Float64Array(8);
  readonly amounts: Amount[] = [];
  customers: Int32Array | undefined;

  constructor(perCustomer: boolean) {
    this.customers = perCustomer ? new Int32Array(8) : undefined;
  }

  add(returnId: string, hash: number, fingerprint: number, amount: Amount, customer: number): void {
    const row = this.ids.add(returnId, hash);
    this.fingerprints = withRow(this.fingerprints, row);
    this.fingerprints[row] = fingerprint;
    this.amounts.push(amount);
    if (this.customers !== undefined) {
      this.customers = withRow(this.customers, row);
      this.customers[row] = customer;
    }
  }

  /** The rows of `other` this one has not seen; throws when a return both have differs. */
  freshRows(other: SeenReturns): number[] {
    const fresh: number[] = [];
    const ids = other.ids.ids;
    for (let row = 0; row < ids.length; row++) {
      const mine = this.ids.find(ids[row]!, other.ids.hashOf(row));
      if (mine < 0) fresh.push(row);
      else if (this.fingerprints[mine] !== other.fingerprints[row]) throw conflicting('returnId', ids[row]!);
    }
    return fresh;
  }
}

/**
 * @internal Restores an engine from serialized state of any version up to {@link STATE_VERSION}:
 * `options` are read by `readOptions` (bad ones are INVALID_STATE), then the state is loaded.
 */
export function restoreEngine<F extends AnyFold, Options extends EngineOptions>(
  json: unknown,
  spec: FoldSpec<F, Options>,
  readOptions: (options: unknown) => Options,
): OrderEngine<F, Options> {
  try {
    const { version, options, state } = readHeader(json, spec.kind, STATE_VERSION);
    return new OrderEngine(spec, asStateError('options', () => readOptions(options))).load(state, version);
  } catch (error) {
    throw hostError(error, 'INVALID_STATE', 'state');
  }
}
