import { MoneySum, amountText, fromDecimal, type Amount } from '../../_internal/amount.js';
import { shape, type Json, type OrderFold } from '../../_internal/fold.js';
import type { FoldSpec } from '../../_internal/orderEngine.js';
import type { OrderView } from '../../_internal/orderView.js';
import { moneySettings, type MoneySettings } from '../../_internal/options.js';
import { invalidState, stateCount, stateMoney } from '../../_internal/state.js';
import { countable } from '../../_internal/validate.js';
import type { NetRevenueResult } from './NetRevenue.js';

/** @internal The options of a net revenue, defaults filled in. */
export type NetRevenueSettings = MoneySettings;

/** @internal Validates the options of a net revenue. */
export const netRevenueSettings: (options: unknown) => NetRevenueSettings = moneySettings;

/** @internal Gross revenue and returns as decimal strings, and how many orders and returns they sum. */
export type NetRevenueState = { grossRevenue: string; orders: number; returns: string; returnCount: number } & Json;

/**
 * @internal Net revenue, additive: the exact revenue of the orders and the exact money given back,
 * each with its count (so that an empty aggregate is told from one of zero amounts). An order
 * adds (and keeps) its revenue; a return, its amount.
 */
export class NetRevenueFold implements OrderFold<NetRevenueResult, NetRevenueState, Amount> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly readsReturns: boolean;
  declare readonly stateFields: readonly string[];
  private readonly grossRevenue = new MoneySum();
  private orders = 0;
  private readonly returns = new MoneySum();
  private returnCount = 0;

  check(): void {
    countable(this.orders, 1, 'orders');
  }

  add(order: OrderView): Amount {
    this.addKept(order.revenue);
    return order.revenue;
  }

  addKept(revenue: Amount): void {
    this.grossRevenue.add(revenue);
    this.orders++;
  }

  addReturn(amount: Amount): void {
    this.returns.add(amount);
    this.returnCount++;
  }

  checkMerge(other: NetRevenueFold): void {
    countable(this.orders, other.orders, 'orders');
    countable(this.returnCount, other.returnCount, 'returns');
  }

  merge(other: NetRevenueFold): void {
    this.grossRevenue.addSum(other.grossRevenue);
    this.orders += other.orders;
    this.returns.addSum(other.returns);
    this.returnCount += other.returnCount;
  }

  isEmpty(): boolean {
    return this.orders === 0 && this.returnCount === 0;
  }

  /** The number of orders counted. */
  orderCount(): number {
    return this.orders;
  }

  result(currency: string | null): NetRevenueResult {
    const grossRevenue = this.grossRevenue.value();
    const returns = this.returns.value();
    return { value: grossRevenue.minus(returns), grossRevenue, returns, currency };
  }

  toJSON(): NetRevenueState {
    return { grossRevenue: this.grossRevenue.value().toFixed(), orders: this.orders, returns: this.returns.value().toFixed(), returnCount: this.returnCount };
  }

  readState(state: Readonly<Record<string, unknown>>): NetRevenueState {
    const grossRevenue = stateMoney(state['grossRevenue'], 'state.grossRevenue');
    const orders = stateCount(state['orders'], 'state.orders');
    const returns = stateMoney(state['returns'], 'state.returns');
    const returnCount = stateCount(state['returnCount'], 'state.returnCount');
    if (orders === 0 && !grossRevenue.isZero()) throw invalidState('state.grossRevenue', 'expected 0 with no orders');
    if (returnCount === 0 && !returns.isZero()) throw invalidState('state.returns', 'expected 0 with no returns');
    if (returnCount > 0 && returns.isZero()) throw invalidState('state.returns', 'expected more than 0: every return gives money back');
    return { grossRevenue: grossRevenue.toFixed(), orders, returns: returns.toFixed(), returnCount };
  }

  load(state: NetRevenueState): void {
    this.grossRevenue.add(fromDecimal(stateMoney(state.grossRevenue, 'state.grossRevenue')));
    this.orders = state.orders;
    this.returns.add(fromDecimal(stateMoney(state.returns, 'state.returns')));
    this.returnCount = state.returnCount;
  }

  keptToJSON(revenue: Amount): Json {
    return amountText(revenue);
  }

  keptFromJSON(json: unknown, path: string): Amount {
    return fromDecimal(stateMoney(json, path));
  }
}
shape(NetRevenueFold, { perCustomer: false, additive: true, readsReturns: true, stateFields: ['grossRevenue', 'orders', 'returns', 'returnCount'] });

/** @internal */
export const netRevenueSpec: FoldSpec<NetRevenueFold, NetRevenueSettings> = {
  kind: 'NetRevenue',
  create: () => new NetRevenueFold(),
};
