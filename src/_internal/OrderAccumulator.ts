import { KpiError } from '../core/KpiError.js';
import type { AccumulatorJSON } from '../core/accumulator.js';
import type { Order } from '../core/events.js';
import { normalizeOrder, type NormalizedOrder } from './normalize.js';
import { orderFingerprint } from './fingerprint.js';
import { incompatibleOptions } from './merge.js';
import { sameOptions } from './options.js';
import { asStateError, invalidState, sameState, stateArray, stateCount, stateId, stateObject } from './state.js';
import { show } from './show.js';

/** Options every order-reading accumulator shares. */
export interface DedupeOption {
  dedupe: boolean;
}

/**
 * @internal
 * The machinery every order-reading accumulator shares: validation, at-least-once
 * de-duplication by `orderId`, merge and serialization. A subclass says what one order
 * contributes, how contributions fold into its aggregate, and how aggregates merge.
 *
 * Two families:
 * - lattice aggregates (per-customer sets and flags): folding the same order twice or merging
 *   overlapping accumulators changes nothing, so de-duplication only needs each order's fingerprint;
 * - additive aggregates (sums and counts): with `dedupe`, each order's contribution is kept so that
 *   `merge` can add exactly the orders the other side has and this one has not.
 */
export abstract class OrderAccumulator<Contribution, Result, Options extends DedupeOption> {
  /** The orders seen, with `dedupe`: their fingerprints, and for additive aggregates their contributions. */
  private readonly seen: SeenOrders | undefined;

  /**
   * @param kind - The class name written to JSON.
   * @param version - The state layout version.
   * @param options - Validated options, defaults filled in.
   * @param additive - Whether contributions must be kept for de-duplicated merges.
   */
  protected constructor(
    private readonly kind: string,
    private readonly version: number,
    readonly options: Options,
    additive: boolean,
  ) {
    this.seen = options.dedupe ? new SeenOrders(additive) : undefined;
  }

  /** What one validated order contributes; throws (without changing anything) when it cannot be counted. */
  protected abstract contribute(order: NormalizedOrder): Contribution;
  /** Folds a contribution into the aggregate; never throws. */
  protected abstract fold(contribution: Contribution): void;
  /** Folds another aggregate into this one (a lattice join, or a sum). */
  protected abstract mergeAggregate(other: this): void;
  /** Throws when the other aggregate cannot be merged (say, another currency); changes nothing. */
  protected checkMerge(_other: this): void {}
  /** The aggregate as plain JSON fields. */
  protected abstract aggregateToJSON(): Record<string, unknown>;
  /** The names of the fields {@link aggregateToJSON} writes. */
  protected abstract readonly aggregateFields: readonly string[];
  /** Reads and validates the aggregate written by {@link aggregateToJSON} into this empty accumulator. */
  protected abstract loadAggregate(state: Record<string, unknown>): void;
  /**
   * What of a contribution is kept per order for de-duplicated merges (additive aggregates only);
   * a number when it can be, so the ledger stays compact. The identity by default.
   */
  protected keep(contribution: Contribution): unknown {
    return contribution;
  }
  /** The contribution back from what {@link keep} kept, in this accumulator's currency and options. */
  protected unkeep(kept: unknown): Contribution {
    return kept as Contribution;
  }
  /** A kept contribution as JSON (additive aggregates only). */
  protected contributionToJSON(_contribution: Contribution): unknown {
    return null;
  }
  /** Reads a kept contribution (additive aggregates only). */
  protected contributionFromJSON(_json: unknown, path: string): Contribution {
    throw invalidState(path, 'this accumulator keeps no contributions');
  }
  /** A new, empty accumulator with the same options. */
  protected abstract empty(): this;

  /**
   * Adds one order. Atomic: an invalid order, or a re-delivered `orderId` with different
   * content, throws a `KpiError` and leaves the accumulator exactly as it was.
   *
   * @param order - The order.
   * @returns This accumulator.
   */
  add(order: Order): this {
    return this.addNormalized(normalizeOrder(order, ''));
  }

  /** @internal {@link add} for an order already validated and normalized (the Scorecard's path). */
  addNormalized(order: NormalizedOrder): this {
    const contribution = this.contribute(order);
    const seen = this.seen;
    if (seen !== undefined) {
      const fingerprint = orderFingerprint(order);
      if (this.isKnown(seen.fingerprint(order.orderId), fingerprint, order.orderId)) return this;
      seen.add(order.orderId, fingerprint, seen.additive ? this.keep(contribution) : undefined);
    }
    this.fold(contribution);
    return this;
  }

  private isKnown(known: number | undefined, fingerprint: number, orderId: string): boolean {
    if (known === undefined) return false;
    if (known !== fingerprint) {
      throw new KpiError('CONFLICTING_DUPLICATE', 'orderId', `order ${JSON.stringify(orderId)} was already added with different content`);
    }
    return true;
  }

  /**
   * Adds every order of an iterable, in turn. Each add is atomic; on an invalid order it throws,
   * with the orders before it added.
   *
   * @param orders - Any iterable of orders (an array, a generator).
   * @returns This accumulator.
   */
  addAll(orders: Iterable<Order>): this {
    for (const order of orders) this.add(order);
    return this;
  }

  /** The KPI over everything added so far. A read: it changes nothing. */
  abstract result(): Result;

  /**
   * Folds another accumulator of the same kind and options into this one; `other` is unchanged.
   * With `dedupe`, orders both have seen are counted once.
   *
   * @param other - An accumulator of the same class and options.
   * @returns This accumulator.
   */
  merge(other: this): this {
    if (!(other instanceof OrderAccumulator) || other.kind !== this.kind) throw new KpiError('INCOMPATIBLE_MERGE', '', `cannot merge into ${this.kind}: not ${this.kind}`);
    if (!sameOptions(other.options, this.options)) throw incompatibleOptions(this.kind, this.options, other.options);
    this.checkMerge(other);
    const seen = this.seen;
    if (seen === undefined || other.seen === undefined) {
      this.mergeAggregate(other);
      return this;
    }
    const fresh: [string, number][] = [];
    for (const entry of other.seen.fingerprints()) {
      if (!this.isKnown(seen.fingerprint(entry[0]), entry[1], entry[0])) fresh.push(entry);
    }
    if (seen.additive) {
      for (const [orderId, fingerprint] of fresh) {
        const kept = other.seen.kept(orderId);
        seen.add(orderId, fingerprint, kept);
        this.fold(other.unkeep(kept));
      }
    } else {
      for (const [orderId, fingerprint] of fresh) seen.add(orderId, fingerprint, undefined);
      this.mergeAggregate(other);
    }
    return this;
  }

  /**
   * The state as versioned plain JSON: `{ kind, version, options, state }`.
   *
   * @returns A JSON-safe object; `JSON.stringify` it to persist.
   */
  toJSON(): AccumulatorJSON {
    const state = this.aggregateToJSON();
    const seen = this.seen;
    if (seen !== undefined) {
      state['seen'] = Array.from(seen.fingerprints(), ([orderId, fingerprint]) =>
        seen.additive ? [orderId, fingerprint, this.contributionToJSON(this.unkeep(seen.kept(orderId)))] : [orderId, fingerprint],
      );
    }
    return { kind: this.kind, version: this.version, options: JSON.parse(JSON.stringify(this.options)) as Record<string, unknown>, state };
  }

  /**
   * @internal Reads `state` (as written by {@link toJSON}) into this empty accumulator, validating everything.
   */
  protected load(stateJSON: unknown): this {
    const seen = this.seen;
    const state = stateObject(stateJSON, 'state', seen === undefined ? this.aggregateFields : [...this.aggregateFields, 'seen']);
    this.loadAggregate(state);
    if (seen === undefined) return this;
    const orders = stateArray(state['seen'], 'state.seen');
    const rebuilt = seen.additive ? this.empty() : undefined;
    orders.forEach((entry, index) => {
      const path = `state.seen[${index}]`;
      const tuple = stateArray(entry, path, 3);
      const orderId = stateId(tuple[0], `${path}[0]`);
      const fingerprint = stateCount(tuple[1], `${path}[1]`);
      if (seen.fingerprint(orderId) !== undefined) throw invalidState(`${path}[0]`, `order ${JSON.stringify(orderId)} appears twice`);
      if (rebuilt === undefined) {
        if (tuple.length !== 2) throw invalidState(path, 'expected [orderId, fingerprint]');
        seen.add(orderId, fingerprint, undefined);
      } else {
        if (tuple.length !== 3) throw invalidState(path, 'expected [orderId, fingerprint, contribution]');
        const contribution = this.contributionFromJSON(tuple[2], `${path}[2]`);
        seen.add(orderId, fingerprint, this.keep(contribution));
        rebuilt.fold(contribution);
      }
    });
    if (rebuilt !== undefined && !sameState(rebuilt.aggregateToJSON(), this.aggregateToJSON())) {
      throw invalidState('state.seen', "the orders' contributions do not add up to the totals");
    }
    return this;
  }
}

/**
 * The orders an accumulator has seen, compactly: `orderId` → row, each row's fingerprint in a
 * growing `Float64Array` (no boxed number per order), and for additive aggregates what each row's
 * contribution keeps, in a plain array (unboxed when those are numbers).
 */
class SeenOrders {
  private readonly rows = new Map<string, number>();
  private fingerprintsByRow = new Float64Array(256);
  private readonly keptByRow: unknown[] = [];

  constructor(readonly additive: boolean) {}

  fingerprint(orderId: string): number | undefined {
    const row = this.rows.get(orderId);
    return row === undefined ? undefined : this.fingerprintsByRow[row];
  }

  kept(orderId: string): unknown {
    return this.keptByRow[this.rows.get(orderId)!];
  }

  add(orderId: string, fingerprint: number, kept: unknown): void {
    const row = this.rows.size;
    if (row === this.fingerprintsByRow.length) {
      const grown = new Float64Array(row * 2);
      grown.set(this.fingerprintsByRow);
      this.fingerprintsByRow = grown;
    }
    this.fingerprintsByRow[row] = fingerprint;
    if (this.additive) this.keptByRow.push(kept);
    this.rows.set(orderId, row);
  }

  /** orderId and fingerprint of every order, in the order they were added. */
  *fingerprints(): Generator<[string, number]> {
    for (const [orderId, row] of this.rows) yield [orderId, this.fingerprintsByRow[row]!];
  }
}

/** The header fields of serialized state, checked before the class-specific parts. */
export function readHeader(json: unknown, kind: string, version: number): { options: unknown; state: unknown } {
  const bag = stateObject(json, '', ['kind', 'version', 'options', 'state']);
  if (bag['kind'] !== kind) throw invalidState('kind', `expected ${JSON.stringify(kind)}, got ${show(bag['kind'])}`);
  const stateVersion = bag['version'];
  if (typeof stateVersion !== 'number' || !Number.isSafeInteger(stateVersion) || stateVersion < 1) {
    throw invalidState('version', 'expected a positive integer');
  }
  if (stateVersion > version) {
    throw new KpiError('UNSUPPORTED_VERSION', 'version', `state version ${stateVersion} is newer than this xsell-kpi reads (${version}); upgrade xsell-kpi`);
  }
  const options = bag['options'];
  stateObject(options, 'options', Object.keys(options ?? {}));
  return { options, state: bag['state'] };
}

/** @internal Builds an accumulator from serialized options, reporting bad options as INVALID_STATE. */
export function fromOptions<A>(options: unknown, create: (options: never) => A): A {
  return asStateError('options', () => create(options as never));
}
