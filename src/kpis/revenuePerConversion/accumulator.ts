import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import { brand, mergeable } from '../../_internal/merge.js';
import type { Order } from '../../core/events.js';
import type { Decimal } from '../../core/decimal.js';
import { MoneySum, amountText, fromDecimal, plus, type Amount } from '../../_internal/amount.js';
import { OrderAccumulator, fromOptions, readHeader } from '../../_internal/OrderAccumulator.js';
import type { NormalizedOrder } from '../../_internal/normalize.js';
import { currencyOption, flag, optionsObject, requiredOneOf } from '../../_internal/options.js';
import { currencyFromJSON, currencyToJSON, mergedCurrency, orderCurrency } from '../../_internal/orderCurrency.js';
import { invalidState, stateCount, stateMoney } from '../../_internal/state.js';
import { revenuePerConversion } from './revenuePerConversion.js';

/**
 * Options of {@link RevenuePerConversion}.
 * @category Order value
 */
export interface RevenuePerConversionOptions {
  /** Which attributed lines count: `'cross-sell'` or `'upsell'` (required). */
  source: 'cross-sell' | 'upsell';
  /** ISO 4217 code for orders that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link RevenuePerConversion}: {@link revenuePerConversion}'s input plus its `value` and the currency.
 * @category Order value
 */
export interface RevenuePerConversionResult {
  /** revenue ÷ conversions, or `null` with no conversions. */
  value: Decimal | null;
  /** Revenue of the lines with the `source`, exact. */
  revenue: Decimal;
  /** Orders with at least one line of the `source`. */
  conversions: number;
  /** The orders' ISO 4217 code, or `null` when they carry none. */
  currency: string | null;
}

interface Options {
  source: 'cross-sell' | 'upsell';
  currency: string | null;
  dedupe: boolean;
}

interface Contribution {
  /** Revenue of the order's lines with the source (0 when none). */
  revenue: Amount;
  /** Whether the order has a line with the source. */
  converted: boolean;
  currency: string | null;
}

/**
 * Streams orders into the revenue per successful cross-sell (or upsell), with exact money.
 *
 * @remarks
 * Keeps the exact revenue of the lines attributed to `source`, the number of orders with such a
 * line (conversions) and the number of orders; with `dedupe` (the default) also each order's id,
 * fingerprint and attributed revenue, so re-delivered orders count once and merges of overlapping
 * streams are exact. Every order, converted or not, must be in the one currency (`MIXED_CURRENCY`
 * otherwise). An attributed line with price 0 still makes its order a conversion.
 * `add` is O(lines). See {@link revenuePerConversion} for the formula.
 *
 * @example
 * ```ts
 * import { RevenuePerConversion } from 'xsell-kpi';
 * const perCrossSell = new RevenuePerConversion({ source: 'cross-sell', currency: 'USD' });
 * perCrossSell.add({ orderId: 'o1', customerId: 'ann', timestamp: 0, lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29.99', source: 'cross-sell' }] });
 * perCrossSell.add({ orderId: 'o2', customerId: 'bob', timestamp: 0, lines: [{ sku: 'mouse', unitPrice: '19.99', quantity: 2, source: 'cross-sell' }, { sku: 'pad', unitPrice: '5', source: 'cross-sell' }] });
 * perCrossSell.add({ orderId: 'o3', customerId: 'cy', timestamp: 0, lines: [{ sku: 'laptop', unitPrice: '999' }] });
 * perCrossSell.result(); // => { value: '37.485', revenue: '74.97', conversions: 2, currency: 'USD' }
 * perCrossSell.add({ orderId: 'o4', customerId: 'dee', timestamp: 0, currency: 'EUR', lines: [{ sku: 'case', unitPrice: '25' }] }); // throws MIXED_CURRENCY
 * ```
 * @category Order value
 */
export class RevenuePerConversion implements Accumulator<Order, RevenuePerConversionResult> {
  #engine: RevenuePerConversionEngine;

  /**
   * @param options - `source` (required), `currency` (none), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION` (also when `source` is missing), `INVALID_CURRENCY`.
   */
  constructor(options: RevenuePerConversionOptions) {
    this.#engine = new RevenuePerConversionEngine(options);
    brand(this, 'RevenuePerConversion');
  }

  /**
   * The revenue per conversion over `orders`: `new RevenuePerConversion(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { RevenuePerConversion } from 'xsell-kpi';
   * const order = { orderId: 'o1', customerId: 'c', timestamp: 0, lines: [{ sku: 'A', unitPrice: 0.1, source: 'upsell' as const }, { sku: 'B', unitPrice: 0.2, source: 'upsell' as const }] };
   * RevenuePerConversion.of([order], { source: 'upsell' }).value?.toString(); // => '0.3'
   * RevenuePerConversion.of([order], { source: 'cross-sell' }); // => { value: null, revenue: '0', conversions: 0, currency: null }
   * ```
   */
  static of(orders: Iterable<Order>, options: RevenuePerConversionOptions): RevenuePerConversionResult {
    return new RevenuePerConversion(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link RevenuePerConversion.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { RevenuePerConversion } from 'xsell-kpi';
   * const rate = new RevenuePerConversion({ source: 'upsell' });
   * rate.add({ orderId: 'o1', customerId: 'ann', timestamp: 0, currency: 'EUR', lines: [{ sku: 'XL', unitPrice: '12.50', source: 'upsell' }] });
   * const restored = RevenuePerConversion.fromJSON(JSON.parse(JSON.stringify(rate)));
   * restored.result(); // => { value: '12.5', revenue: '12.5', conversions: 1, currency: 'EUR' }
   * ```
   */
  static fromJSON(json: unknown): RevenuePerConversion {
    const engine = RevenuePerConversionEngine.fromJSON(json);
    const restored = new RevenuePerConversion(engine.options);
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

  merge(other: RevenuePerConversion): this {
    this.#engine.merge(mergeable(other, RevenuePerConversion, 'RevenuePerConversion').#engine);
    return this;
  }

  /** The revenue per conversion over everything added: {@link revenuePerConversion}'s input plus `value` and `currency`. */
  result(): RevenuePerConversionResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}

/** @internal The engine behind {@link RevenuePerConversion}. */
class RevenuePerConversionEngine extends OrderAccumulator<Contribution, RevenuePerConversionResult, Options> {
  private readonly revenue = new MoneySum();
  private conversions = 0;
  private orders = 0;
  private currency: string | null | undefined;
  protected readonly aggregateFields = ['revenue', 'conversions', 'orders', 'currency'] as const;

  constructor(options: RevenuePerConversionOptions) {
    const bag = optionsObject(options, ['source', 'currency', 'dedupe']);
    super('RevenuePerConversion', 1, { source: requiredOneOf(bag['source'], 'source', ['cross-sell', 'upsell']), currency: currencyOption(bag['currency']), dedupe: flag(bag['dedupe'], 'dedupe', true) }, true);
  }

  static fromJSON(json: unknown): RevenuePerConversionEngine {
    const { options, state } = readHeader(json, 'RevenuePerConversion', 1);
    return fromOptions(options, (o: RevenuePerConversionOptions) => new RevenuePerConversionEngine(o)).load(state);
  }

  result(): RevenuePerConversionResult {
    const revenue = this.revenue.value();
    const conversions = this.conversions;
    return { value: revenuePerConversion({ revenue, conversions }), revenue, conversions, currency: this.currency ?? this.options.currency };
  }

  protected contribute(order: NormalizedOrder): Contribution {
    const currency = orderCurrency(order, this.options.currency, this.currency);
    let revenue: Amount = 0;
    let converted = false;
    for (const line of order.lines) {
      if (line.source !== this.options.source) continue;
      revenue = plus(revenue, line.revenue);
      converted = true;
    }
    return { revenue, converted, currency };
  }

  protected fold({ revenue, converted, currency }: Contribution): void {
    if (converted) {
      this.revenue.add(revenue);
      this.conversions++;
    }
    this.orders++;
    this.currency = currency;
  }

  protected override checkMerge(other: this): void {
    mergedCurrency(this.currency, other.currency);
  }

  protected mergeAggregate(other: this): void {
    this.revenue.addSum(other.revenue);
    this.conversions += other.conversions;
    this.orders += other.orders;
    this.currency = mergedCurrency(this.currency, other.currency);
  }

  protected aggregateToJSON(): Record<string, unknown> {
    return { revenue: this.revenue.value().toFixed(), conversions: this.conversions, orders: this.orders, currency: currencyToJSON(this.currency) };
  }

  protected loadAggregate(state: Record<string, unknown>): void {
    const revenue = stateMoney(state['revenue'], 'state.revenue');
    this.revenue.add(fromDecimal(revenue));
    this.conversions = stateCount(state['conversions'], 'state.conversions');
    this.orders = stateCount(state['orders'], 'state.orders');
    if (this.conversions > this.orders) throw invalidState('state.conversions', 'exceeds orders');
    if (this.conversions === 0 && !revenue.isZero()) throw invalidState('state.revenue', 'expected 0 without conversions');
    this.currency = currencyFromJSON(state['currency'], this.orders, 'state.currency');
  }

  /** Kept per order: the attributed revenue, or `null` when the order has no line of the source. */
  protected override keep({ revenue, converted }: Contribution): unknown {
    return converted ? revenue : null;
  }

  protected override unkeep(kept: unknown): Contribution {
    const currency = this.currency ?? null;
    return kept === null ? { revenue: 0, converted: false, currency } : { revenue: kept as Amount, converted: true, currency };
  }

  /** An order's attributed revenue as a decimal string, or `null` when it has no line of the source. */
  protected override contributionToJSON({ revenue, converted }: Contribution): unknown {
    return converted ? amountText(revenue) : null;
  }

  protected override contributionFromJSON(json: unknown, path: string): Contribution {
    const currency = this.currency ?? null;
    return json === null ? { revenue: 0, converted: false, currency } : { revenue: fromDecimal(stateMoney(json, path)), converted: true, currency };
  }

  protected empty(): this {
    return new RevenuePerConversionEngine(this.options) as this;
  }
}

/** @internal The required `source` option. */
