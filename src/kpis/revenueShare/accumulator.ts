import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import { brand, mergeable } from '../../_internal/merge.js';
import type { Order } from '../../core/events.js';
import type { Decimal } from '../../core/decimal.js';
import { MoneySum, amountText, compare, fromDecimal, isZero, plus, type Amount } from '../../_internal/amount.js';
import { OrderAccumulator, fromOptions, readHeader } from '../../_internal/OrderAccumulator.js';
import type { NormalizedOrder } from '../../_internal/normalize.js';
import { currencyOption, flag, optionsObject, requiredOneOf } from '../../_internal/options.js';
import { currencyFromJSON, currencyToJSON, mergedCurrency, orderCurrency } from '../../_internal/orderCurrency.js';
import { invalidState, stateArray, stateCount, stateMoney } from '../../_internal/state.js';
import { revenueShare } from './revenueShare.js';

/**
 * Options of {@link RevenueShare}.
 * @category Order value
 */
export interface RevenueShareOptions {
  /** Which attributed lines make the part: `'cross-sell'` or `'upsell'` (required). */
  source: 'cross-sell' | 'upsell';
  /** ISO 4217 code for orders that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link RevenueShare}: {@link revenueShare}'s input plus its `value` and the currency.
 * @category Order value
 */
export interface RevenueShareResult {
  /** part ÷ total, or `null` when the total is 0. */
  value: number | null;
  /** Revenue of the lines with the `source`, exact. */
  part: Decimal;
  /** Revenue of all orders, exact. */
  total: Decimal;
  /** The orders' ISO 4217 code, or `null` when they carry none. */
  currency: string | null;
}

interface Options {
  source: 'cross-sell' | 'upsell';
  currency: string | null;
  dedupe: boolean;
}

interface Contribution {
  /** Revenue of the order's lines with the source. */
  part: Amount;
  /** Revenue of the order. */
  total: Amount;
  currency: string | null;
}

/**
 * Streams orders into the revenue share of cross-sold (or upsold) lines, with exact money.
 *
 * @remarks
 * Keeps the exact revenue of the lines attributed to `source` (the part), the exact revenue of
 * all orders (the total) and the number of orders; with `dedupe` (the default) also each order's
 * id, fingerprint and two amounts, so re-delivered orders count once and merges of overlapping
 * streams are exact. All orders must share one currency (`MIXED_CURRENCY` otherwise).
 * `add` is O(lines). See {@link revenueShare} for the formula.
 *
 * @example
 * ```ts
 * import { RevenueShare } from 'xsell-kpi';
 * const share = new RevenueShare({ source: 'cross-sell' });
 * share.add({ orderId: 'o1', customerId: 'ann', timestamp: 0, lines: [{ sku: 'laptop', unitPrice: '600' }, { sku: 'case', unitPrice: '150', source: 'cross-sell' }] });
 * share.add({ orderId: 'o2', customerId: 'bob', timestamp: 0, lines: [{ sku: 'tablet', unitPrice: '250' }] });
 * share.result(); // => { value: 0.15, part: '150', total: '1000', currency: null }
 * ```
 * @category Order value
 */
export class RevenueShare implements Accumulator<Order, RevenueShareResult> {
  #engine: RevenueShareEngine;

  /**
   * @param options - `source` (required), `currency` (none), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION` (also when `source` is missing), `INVALID_CURRENCY`.
   */
  constructor(options: RevenueShareOptions) {
    this.#engine = new RevenueShareEngine(options);
    brand(this, 'RevenueShare');
  }

  /**
   * The revenue share over `orders`: `new RevenueShare(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { RevenueShare } from 'xsell-kpi';
   * const order = { orderId: 'o1', customerId: 'c', timestamp: 0, currency: 'USD', lines: [{ sku: 'A', unitPrice: '0.1', source: 'upsell' as const }, { sku: 'B', unitPrice: '0.2', source: 'upsell' as const }, { sku: 'C', unitPrice: '0.3' }] };
   * RevenueShare.of([order], { source: 'upsell' }); // => { value: 0.5, part: '0.3', total: '0.6', currency: 'USD' }
   * RevenueShare.of([], { source: 'upsell' }); // => { value: null, part: '0', total: '0', currency: null }
   * ```
   */
  static of(orders: Iterable<Order>, options: RevenueShareOptions): RevenueShareResult {
    return new RevenueShare(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link RevenueShare.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { RevenueShare } from 'xsell-kpi';
   * const saved = JSON.stringify(new RevenueShare({ source: 'upsell', currency: 'JPY' }));
   * RevenueShare.fromJSON(JSON.parse(saved)).toJSON().options; // => { source: 'upsell', currency: 'JPY', dedupe: true }
   * ```
   */
  static fromJSON(json: unknown): RevenueShare {
    const engine = RevenueShareEngine.fromJSON(json);
    const restored = new RevenueShare(engine.options);
    restored.#engine = engine;
    return restored;
  }

  add(order: Order): this {
    this.#engine.add(order);
    return this;
  }

  addAll(orders: Iterable<Order>): this {
    this.#engine.addAll(orders);
    return this;
  }

  merge(other: RevenueShare): this {
    this.#engine.merge(mergeable(other, RevenueShare, 'RevenueShare').#engine);
    return this;
  }

  /** The revenue share over everything added: {@link revenueShare}'s input plus `value` and `currency`. */
  result(): RevenueShareResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}

/** @internal The engine behind {@link RevenueShare}. */
class RevenueShareEngine extends OrderAccumulator<Contribution, RevenueShareResult, Options> {
  private readonly part = new MoneySum();
  private readonly total = new MoneySum();
  private orders = 0;
  private currency: string | null | undefined;
  protected readonly aggregateFields = ['part', 'total', 'orders', 'currency'] as const;

  constructor(options: RevenueShareOptions) {
    const bag = optionsObject(options, ['source', 'currency', 'dedupe']);
    super('RevenueShare', 1, { source: requiredOneOf(bag['source'], 'source', ['cross-sell', 'upsell']), currency: currencyOption(bag['currency']), dedupe: flag(bag['dedupe'], 'dedupe', true) }, true);
  }

  static fromJSON(json: unknown): RevenueShareEngine {
    const { options, state } = readHeader(json, 'RevenueShare', 1);
    return fromOptions(options, (o: RevenueShareOptions) => new RevenueShareEngine(o)).load(state);
  }

  result(): RevenueShareResult {
    const part = this.part.value();
    const total = this.total.value();
    return { value: revenueShare({ part, total }), part, total, currency: this.currency ?? this.options.currency };
  }

  protected contribute(order: NormalizedOrder): Contribution {
    const currency = orderCurrency(order, this.options.currency, this.currency);
    let part: Amount = 0;
    for (const line of order.lines) {
      if (line.source === this.options.source) part = plus(part, line.revenue);
    }
    return { part, total: order.revenue, currency };
  }

  protected fold({ part, total, currency }: Contribution): void {
    this.part.add(part);
    this.total.add(total);
    this.orders++;
    this.currency = currency;
  }

  protected override checkMerge(other: this): void {
    mergedCurrency(this.currency, other.currency);
  }

  protected mergeAggregate(other: this): void {
    this.part.addSum(other.part);
    this.total.addSum(other.total);
    this.orders += other.orders;
    this.currency = mergedCurrency(this.currency, other.currency);
  }

  protected aggregateToJSON(): Record<string, unknown> {
    return { part: this.part.value().toFixed(), total: this.total.value().toFixed(), orders: this.orders, currency: currencyToJSON(this.currency) };
  }

  protected loadAggregate(state: Record<string, unknown>): void {
    const part = stateMoney(state['part'], 'state.part');
    const total = stateMoney(state['total'], 'state.total');
    this.orders = stateCount(state['orders'], 'state.orders');
    if (part.greaterThan(total)) throw invalidState('state.part', 'exceeds total');
    this.part.add(fromDecimal(part));
    this.total.add(fromDecimal(total));
    if (this.orders === 0 && !total.isZero()) throw invalidState('state.total', 'expected 0 without orders');
    this.currency = currencyFromJSON(state['currency'], this.orders, 'state.currency');
  }

  /** Kept per order: the total alone when no line has the source (most orders), else `[part, total]`. */
  protected override keep({ part, total }: Contribution): unknown {
    return isZero(part) ? total : [part, total];
  }

  protected override unkeep(kept: unknown): Contribution {
    const [part, total] = Array.isArray(kept) ? (kept as [Amount, Amount]) : [0, kept as Amount];
    return { part, total, currency: this.currency ?? null };
  }

  /** An order's two amounts: `[part, total]` as decimal strings. */
  protected override contributionToJSON({ part, total }: Contribution): unknown {
    return [amountText(part), amountText(total)];
  }

  protected override contributionFromJSON(json: unknown, path: string): Contribution {
    const pair = stateArray(json, path, 2);
    if (pair.length !== 2) throw invalidState(path, 'expected [part, total]');
    const part = fromDecimal(stateMoney(pair[0], `${path}[0]`));
    const total = fromDecimal(stateMoney(pair[1], `${path}[1]`));
    if (compare(part, total) > 0) throw invalidState(`${path}[0]`, 'exceeds total');
    return { part, total, currency: this.currency ?? null };
  }

  protected empty(): this {
    return new RevenueShareEngine(this.options) as this;
  }
}

/** @internal The required `source` option. */
