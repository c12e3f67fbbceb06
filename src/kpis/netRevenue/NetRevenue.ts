import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import type { Decimal } from '../../core/decimal.js';
import type { Order, Return } from '../../core/events.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { OrderEngine, restoreEngine } from '../../_internal/orderEngine.js';
import { netRevenueSettings, netRevenueSpec, type NetRevenueFold, type NetRevenueSettings } from './fold.js';

/**
 * Options of {@link NetRevenue}.
 * @category Order value
 */
export interface NetRevenueOptions {
  /** ISO 4217 code for orders and returns that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`) and returns (same `returnId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link NetRevenue}: {@link netRevenue}'s input plus its `value` and the currency.
 * @category Order value
 */
export interface NetRevenueResult {
  /** grossRevenue − returns: may be negative. */
  value: Decimal;
  /** Revenue of all orders (guest orders included), exact: the revenue every other KPI reads. */
  grossRevenue: Decimal;
  /** Money given back by all returns, exact. */
  returns: Decimal;
  /** The orders' and returns' ISO 4217 code, or `null` when they carry none. */
  currency: string | null;
}

/**
 * Streams orders and returns into net revenue: gross order revenue less the money given back.
 *
 * @remarks
 * Reads {@link Order}s and {@link Return}s. Keeps the exact gross revenue and returns with their
 * counts; with `dedupe` (the default) also each order's id, fingerprint and revenue and each
 * return's id, fingerprint and amount, so re-deliveries count once and merges of overlapping
 * streams are exact. A return counts whether or not its order was seen (a refund often comes in a
 * later export than the sale). Orders and returns share one currency (`MIXED_CURRENCY`
 * otherwise). `add` is O(lines).
 *
 * @example
 * ```ts
 * import { NetRevenue } from 'xsell-kpi';
 * const net = new NetRevenue({ currency: 'GBP' });
 * net.add({ orderId: '536365', customerId: '17850', timestamp: '2010-12-01T08:26:00Z', lines: [{ sku: '85123A', unitPrice: '2.55', quantity: 6 }] });
 * net.add({ orderId: '536366', timestamp: '2010-12-01T08:28:00Z', lines: [{ sku: '22633', unitPrice: '1.85', quantity: 6 }] });
 * net.add({ type: 'return', returnId: 'C536379', customerId: '17850', timestamp: '2010-12-01T09:41:00Z', amount: '7.65' });
 * net.result().value.toString(); // => '18.75'
 * net.result().grossRevenue.toString(); // => '26.4'
 * ```
 * @category Order value
 */
export class NetRevenue implements Accumulator<Order | Return, NetRevenueResult> {
  #engine: OrderEngine<NetRevenueFold, NetRevenueSettings>;

  /**
   * @param options - `currency` (none), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`, `INVALID_CURRENCY`.
   */
  constructor(options?: NetRevenueOptions) {
    this.#engine = new OrderEngine(netRevenueSpec, netRevenueSettings(options));
    brand(this, 'NetRevenue');
  }

  /**
   * Net revenue over `events`: `new NetRevenue(options).addAll(events).result()`.
   *
   * @param events - Any iterable of orders and returns.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { NetRevenue } from 'xsell-kpi';
   * NetRevenue.of([{ type: 'return', returnId: 'r1', timestamp: '2026-11-02T10:00:00Z', amount: '25' }]).value.toString(); // => '-25'
   * ```
   */
  static of(events: Iterable<Order | Return>, options?: NetRevenueOptions): NetRevenueResult {
    return new NetRevenue(options).addAll(events).result();
  }

  /**
   * Restores an accumulator from {@link NetRevenue.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { NetRevenue } from 'xsell-kpi';
   * const saved = JSON.stringify(new NetRevenue({ currency: 'EUR' }));
   * NetRevenue.fromJSON(JSON.parse(saved)).result().value.toString(); // => '0'
   * ```
   */
  static fromJSON(json: unknown): NetRevenue {
    const engine = restoreEngine(json, netRevenueSpec, netRevenueSettings);
    const restored = new NetRevenue(engine.options);
    restored.#engine = engine;
    return restored;
  }

  add(event: Order | Return): this {
    this.#engine.add(event);
    return this;
  }

  addAll(events: Iterable<Order | Return>): this {
    this.#engine.addAll(events);
    return this;
  }

  merge(other: NetRevenue): this {
    this.#engine.merge(mergeable(other, NetRevenue, 'NetRevenue').#engine);
    return this;
  }

  /** Net revenue over everything added: {@link netRevenue}'s input plus `value` and `currency`. */
  result(): NetRevenueResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}
