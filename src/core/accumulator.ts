/**
 * Serialized accumulator state: plain JSON, versioned.
 *
 * @remarks
 * `kind` names the class, `version` the state layout, `options` the accumulator's options with
 * defaults filled in, `state` the data. Money is written as decimal strings. Restore with the
 * class's static `fromJSON`, which validates every field.
 *
 * @category Accumulators
 */
export interface AccumulatorJSON {
  /** The accumulator class, such as `'CrossSellRate'`. */
  kind: string;
  /** The state layout version; `fromJSON` refuses newer ones. */
  version: number;
  /** The options, with defaults filled in. */
  options: Record<string, unknown>;
  /** The data. */
  state: Record<string, unknown>;
}

/**
 * What every accumulator is: events in, a result out, mergeable and serializable.
 *
 * @remarks
 * Every accumulator class (`CrossSellRate`, `AverageOrderValue`, …, `CoPurchase`,
 * `CrossSellCohorts`) and the `Scorecard` implement it, so code that handles any of them (a
 * registry of KPIs, a worker that merges partial results, a store that saves and restores state)
 * can be typed once. `Event` is what `add` takes (`Order`, `Offer`, `Visit`, or any
 * `CommerceEvent` for the Scorecard) and `Result` what `result` returns.
 *
 * The contract, property-tested for every class: `add` is atomic (an invalid event throws a
 * `KpiError` and changes nothing); adding in any order, in one pass or split across accumulators
 * that are then merged, gives the same result; a re-delivered order (same `orderId`, same content)
 * counts once; `result` is a read; the JSON restores through the class's static `fromJSON`.
 * Restore saved state with that `fromJSON`, not with `merge`: `merge` takes an accumulator.
 *
 * @typeParam Event - What {@link Accumulator.add} takes.
 * @typeParam Result - What {@link Accumulator.result} returns.
 * @example
 * ```ts
 * import { AverageOrderValue, CrossSellRate, type Accumulator, type Order } from 'xsell-kpi';
 *
 * // Generic code: one helper for every KPI of orders.
 * function measure<R>(accumulator: Accumulator<Order, R>, orders: Iterable<Order>): R {
 *   return accumulator.addAll(orders).result();
 * }
 * // Merging the partial results of several workers, whatever the KPI.
 * function mergeAll<A extends Accumulator<Order, unknown>>(parts: readonly A[]): A {
 *   const [first, ...rest] = parts;
 *   if (first === undefined) throw new Error('nothing to merge');
 *   for (const part of rest) first.merge(part);
 *   return first;
 * }
 *
 * const orders: Order[] = [
 *   { orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29' }] },
 *   { orderId: 'o2', customerId: 'bob', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }] },
 * ];
 * measure(new CrossSellRate(), orders).value; // => 0.5
 * measure(new AverageOrderValue(), orders).value?.toString(); // => '1013.5'
 * mergeAll([new CrossSellRate().add(orders[0]!), new CrossSellRate().add(orders[1]!)]).result(); // => { value: 0.5, crossSoldCustomers: 1, customers: 2 }
 * ```
 * @category Accumulators
 */
export interface Accumulator<Event, Result> {
  /**
   * Adds one event. Atomic: an invalid event (or, for orders, a re-delivered `orderId` with
   * different content) throws a `KpiError` and leaves the accumulator exactly as it was.
   *
   * @param event - The event.
   * @returns This accumulator.
   */
  add(event: Event): this;
  /**
   * Adds every event of an iterable, in turn. Each add is atomic; on an invalid event it throws,
   * with the events before it added.
   *
   * @param events - Any iterable (an array, a generator).
   * @returns This accumulator.
   */
  addAll(events: Iterable<Event>): this;
  /**
   * Folds another accumulator of the same class and options into this one; `other` is unchanged.
   * Orders both have seen are counted once (with `dedupe`, the default).
   *
   * @param other - An accumulator of the same class, made with the same options (also one from
   *   the other build of xsell-kpi, ESM or CommonJS).
   * @returns This accumulator.
   * @throws {@link KpiError} `INCOMPATIBLE_MERGE` for another class, other options or saved JSON
   *   (restore that with the class's `fromJSON` first); `MIXED_CURRENCY` for another currency.
   */
  merge(other: this): this;
  /** The KPI over everything added so far. A read: it changes nothing. */
  result(): Result;
  /**
   * The state as versioned plain JSON, `{ kind, version, options, state }`; `JSON.stringify` it to
   * persist and restore it with the class's static `fromJSON`.
   */
  toJSON(): AccumulatorJSON;
}
