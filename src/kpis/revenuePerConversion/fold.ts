import { MoneySum, amountText, fromDecimal, type Amount } from '../../_internal/amount.js';
import { shape, type Json, type OrderFold } from '../../_internal/fold.js';
import type { EngineOptions, FoldSpec } from '../../_internal/orderEngine.js';
import { CROSS_SELL, UPSELL, hasSource, sourceRevenue, type OrderView } from '../../_internal/orderView.js';
import { currencyOption, flag, optionsObject, requiredOneOf } from '../../_internal/options.js';
import { invalidState, stateCount, stateMoney } from '../../_internal/state.js';
import { countable } from '../../_internal/validate.js';
import type { RevenuePerConversionResult } from './RevenuePerConversion.js';
import { revenuePerConversion } from './formula.js';

/** @internal The options of a revenue per conversion, defaults filled in. */
export interface RevenuePerConversionSettings extends EngineOptions {
  readonly source: 'cross-sell' | 'upsell';
  readonly currency: string | null;
  readonly dedupe: boolean;
}

/** @internal Validates the options of a revenue per conversion. */
export function revenuePerConversionSettings(options: unknown): RevenuePerConversionSettings {
  const bag = optionsObject(options, ['source', 'currency', 'dedupe']);
  return {
    source: requiredOneOf(bag['source'], 'source', ['cross-sell', 'upsell']),
    currency: currencyOption(bag['currency']),
    dedupe: flag(bag['dedupe'], 'dedupe', true),
  };
}

/** @internal What an order without a line of the source keeps: a revenue no line can have (revenues are never negative). */
const NO_CONVERSION = -1;

/** @internal The attributed revenue as a decimal string, the conversions and the orders. */
export type RevenuePerConversionState = { revenue: string; conversions: number; orders: number } & Json;

/**
 * @internal The revenue per conversion, additive: the exact revenue of the lines of the source,
 * the orders with such a line (conversions) and all orders. An order keeps its attributed revenue,
 * or {@link NO_CONVERSION} when it has no line of the source (it counts as an order only): a number
 * either way, which a Scorecard keeps unboxed.
 */
export class RevenuePerConversionFold implements OrderFold<RevenuePerConversionResult, RevenuePerConversionState, Amount> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  private readonly source: typeof CROSS_SELL | typeof UPSELL;
  private readonly revenue = new MoneySum();
  private conversions = 0;
  private orders = 0;

  constructor(source: 'cross-sell' | 'upsell') {
    this.source = source === 'cross-sell' ? CROSS_SELL : UPSELL;
  }

  /** Conversions never exceed orders: the order count is the one that can reach the limit. */
  check(): void {
    countable(this.orders, 1, 'orders');
  }

  add(order: OrderView): Amount {
    const revenue = hasSource(order, this.source) ? sourceRevenue(order, this.source) : NO_CONVERSION;
    this.addKept(revenue);
    return revenue;
  }

  addKept(revenue: Amount): void {
    if (revenue !== NO_CONVERSION) {
      this.revenue.add(revenue);
      this.conversions++;
    }
    this.orders++;
  }

  checkMerge(other: RevenuePerConversionFold): void {
    countable(this.orders, other.orders, 'orders');
  }

  merge(other: RevenuePerConversionFold): void {
    this.revenue.addSum(other.revenue);
    this.conversions += other.conversions;
    this.orders += other.orders;
  }

  isEmpty(): boolean {
    return this.orders === 0;
  }

  result(currency: string | null): RevenuePerConversionResult {
    const revenue = this.revenue.value();
    const conversions = this.conversions;
    return { value: revenuePerConversion({ revenue, conversions }), revenue, conversions, currency };
  }

  toJSON(): RevenuePerConversionState {
    return { revenue: this.revenue.value().toFixed(), conversions: this.conversions, orders: this.orders };
  }

  readState(state: Readonly<Record<string, unknown>>): RevenuePerConversionState {
    const revenue = stateMoney(state['revenue'], 'state.revenue');
    const conversions = stateCount(state['conversions'], 'state.conversions');
    const orders = stateCount(state['orders'], 'state.orders');
    if (conversions > orders) throw invalidState('state.conversions', `${conversions} conversions exceed ${orders} orders (state.orders)`);
    if (conversions === 0 && !revenue.isZero()) throw invalidState('state.revenue', 'expected 0 without conversions');
    return { revenue: revenue.toFixed(), conversions, orders };
  }

  load(state: RevenuePerConversionState): void {
    this.revenue.add(fromDecimal(stateMoney(state.revenue, 'state.revenue')));
    this.conversions = state.conversions;
    this.orders = state.orders;
  }

  /** An order's attributed revenue as a decimal string, or `null` when it has no line of the source. */
  keptToJSON(revenue: Amount): Json {
    return revenue === NO_CONVERSION ? null : amountText(revenue);
  }

  keptFromJSON(json: unknown, path: string): Amount {
    return json === null ? NO_CONVERSION : fromDecimal(stateMoney(json, path));
  }
}
shape(RevenuePerConversionFold, { perCustomer: false, additive: true, stateFields: ['revenue', 'conversions', 'orders'] });

/** @internal */
export const revenuePerConversionSpec: FoldSpec<RevenuePerConversionFold, RevenuePerConversionSettings> = {
  kind: 'RevenuePerConversion',
  create: (options) => new RevenuePerConversionFold(options.source),
};
