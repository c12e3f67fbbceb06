import { shape, type Json, type OrderFold } from '../../_internal/fold.js';
import type { EngineOptions, FoldSpec } from '../../_internal/orderEngine.js';
import type { OrderView } from '../../_internal/orderView.js';
import { flag, oneOf, optionsObject } from '../../_internal/options.js';
import { hasTwoProducts, requireLineCategories, type ProductKey } from '../../_internal/products.js';
import { invalidState, stateBoolean, stateCount } from '../../_internal/state.js';
import { countable } from '../../_internal/validate.js';
import type { TransactionCrossSellRateResult } from './TransactionCrossSellRate.js';
import { transactionCrossSellRate } from './formula.js';

/** @internal The options of a transaction cross-sell rate, defaults filled in. */
export interface TransactionCrossSellRateSettings extends EngineOptions {
  readonly by: ProductKey;
  readonly dedupe: boolean;
}

/** @internal Validates the options of a transaction cross-sell rate. */
export function transactionCrossSellRateSettings(options: unknown): TransactionCrossSellRateSettings {
  const bag = optionsObject(options, ['by', 'dedupe']);
  return { by: oneOf(bag['by'], 'by', ['sku', 'category'], 'sku'), dedupe: flag(bag['dedupe'], 'dedupe', true) };
}

/** @internal The orders with at least two distinct products, and all orders. */
export type TransactionCrossSellRateState = { crossSellOrders: number; orders: number } & Json;

/**
 * @internal The transaction cross-sell rate, additive: two counts. An order adds (and keeps, as 1
 * or 0, a number a Scorecard keeps unboxed) whether it has at least two distinct products.
 */
export class TransactionCrossSellRateFold implements OrderFold<TransactionCrossSellRateResult, TransactionCrossSellRateState, 0 | 1> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  private crossSellOrders = 0;
  private orders = 0;

  constructor(private readonly by: ProductKey) {}

  check(order: OrderView): void {
    if (this.by === 'category') requireLineCategories(order);
    countable(this.orders, 1, 'orders');
  }

  add(order: OrderView): 0 | 1 {
    const crossSell = hasTwoProducts(order, this.by) ? 1 : 0;
    this.addKept(crossSell);
    return crossSell;
  }

  addKept(crossSell: 0 | 1): void {
    this.crossSellOrders += crossSell;
    this.orders++;
  }

  checkMerge(other: TransactionCrossSellRateFold): void {
    countable(this.orders, other.orders, 'orders');
  }

  merge(other: TransactionCrossSellRateFold): void {
    this.crossSellOrders += other.crossSellOrders;
    this.orders += other.orders;
  }

  isEmpty(): boolean {
    return this.orders === 0;
  }

  result(): TransactionCrossSellRateResult {
    const counts = { crossSellOrders: this.crossSellOrders, orders: this.orders };
    return { value: transactionCrossSellRate(counts), ...counts };
  }

  toJSON(): TransactionCrossSellRateState {
    return { crossSellOrders: this.crossSellOrders, orders: this.orders };
  }

  readState(state: Readonly<Record<string, unknown>>): TransactionCrossSellRateState {
    const crossSellOrders = stateCount(state['crossSellOrders'], 'state.crossSellOrders');
    const orders = stateCount(state['orders'], 'state.orders');
    if (crossSellOrders > orders) throw invalidState('state.crossSellOrders', `${crossSellOrders} cross-sell orders exceed the ${orders} orders`);
    return { crossSellOrders, orders };
  }

  load(state: TransactionCrossSellRateState): void {
    this.crossSellOrders = state.crossSellOrders;
    this.orders = state.orders;
  }

  keptToJSON(crossSell: 0 | 1): Json {
    return crossSell === 1;
  }

  keptFromJSON(json: unknown, path: string): 0 | 1 {
    return stateBoolean(json, path) ? 1 : 0;
  }
}
shape(TransactionCrossSellRateFold, { perCustomer: false, additive: true, stateFields: ['crossSellOrders', 'orders'] });

/** @internal */
export const transactionCrossSellRateSpec: FoldSpec<TransactionCrossSellRateFold, TransactionCrossSellRateSettings> = {
  kind: 'TransactionCrossSellRate',
  create: (options) => new TransactionCrossSellRateFold(options.by),
};
