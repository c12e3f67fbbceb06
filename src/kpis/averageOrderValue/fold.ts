import type { Decimal } from '../../core/decimal.js';
import { MoneySum, SquareSum, amountText, fromDecimal, type Amount } from '../../_internal/amount.js';
import { divide } from '../../_internal/decimal.js';
import { shape, type Json, type OrderFold } from '../../_internal/fold.js';
import type { FoldSpec } from '../../_internal/orderEngine.js';
import type { OrderView } from '../../_internal/orderView.js';
import { moneySettings, type MoneySettings } from '../../_internal/options.js';
import { invalidState, stateCount, stateMoney } from '../../_internal/state.js';
import { countable } from '../../_internal/validate.js';
import type { AverageOrderValueResult, OrderValueMoments } from './AverageOrderValue.js';
import { averageOrderValue } from './formula.js';

/** @internal The options of an average order value, defaults filled in. */
export type AverageOrderValueSettings = MoneySettings;

/** @internal Validates the options of an average order value. */
export const averageOrderValueSettings: (options: unknown) => AverageOrderValueSettings = moneySettings;

/** @internal Revenue and the sum of squared order values as decimal strings, and the order count. */
export type AverageOrderValueState = { revenue: string; squares: string; orders: number } & Json;

/**
 * @internal The average order value, additive: the exact revenue, the exact sum of squared order
 * values (for the moments) and the number of orders. An order adds (and keeps) its revenue.
 */
export class AverageOrderValueFold implements OrderFold<AverageOrderValueResult, AverageOrderValueState, Amount> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  private readonly revenue = new MoneySum();
  private readonly squares = new SquareSum();
  private orders = 0;

  check(): void {
    countable(this.orders, 1, 'orders');
  }

  add(order: OrderView): Amount {
    this.addKept(order.revenue);
    return order.revenue;
  }

  addKept(revenue: Amount): void {
    this.revenue.add(revenue);
    this.squares.add(revenue);
    this.orders++;
  }

  checkMerge(other: AverageOrderValueFold): void {
    countable(this.orders, other.orders, 'orders');
  }

  merge(other: AverageOrderValueFold): void {
    this.revenue.addSum(other.revenue);
    this.squares.addSum(other.squares);
    this.orders += other.orders;
  }

  isEmpty(): boolean {
    return this.orders === 0;
  }

  result(currency: string | null): AverageOrderValueResult {
    const revenue = this.revenue.value();
    const orders = this.orders;
    return { value: averageOrderValue({ revenue, orders }), revenue, orders, currency };
  }

  /** The count, mean and sample variance of order value. */
  moments(): OrderValueMoments {
    const count = this.orders;
    if (count === 0) return { count, mean: 0, variance: 0 };
    const revenue = this.revenue.value();
    const mean = divide(revenue, count).toNumber();
    // Σ(x − x̄)² = Σx² − (Σx)²/n: exact until the one division.
    const sumOfSquares = divide(this.squares.value().times(count).minus(revenue.times(revenue)), count);
    const variance = count < 2 ? 0 : divide(sumOfSquares, count - 1).toNumber();
    return { count, mean, variance };
  }

  toJSON(): AverageOrderValueState {
    return { revenue: this.revenue.value().toFixed(), squares: this.squares.value().toFixed(), orders: this.orders };
  }

  readState(state: Readonly<Record<string, unknown>>): AverageOrderValueState {
    const revenue = stateMoney(state['revenue'], 'state.revenue');
    const squares = stateMoney(state['squares'], 'state.squares');
    const orders = stateCount(state['orders'], 'state.orders');
    checkMoments(revenue, squares, orders);
    return { revenue: revenue.toFixed(), squares: squares.toFixed(), orders };
  }

  load(state: AverageOrderValueState): void {
    this.revenue.add(fromDecimal(stateMoney(state.revenue, 'state.revenue')));
    this.squares.addValue(stateMoney(state.squares, 'state.squares'));
    this.orders = state.orders;
  }

  keptToJSON(revenue: Amount): Json {
    return amountText(revenue);
  }

  keptFromJSON(json: unknown, path: string): Amount {
    return fromDecimal(stateMoney(json, path));
  }
}
shape(AverageOrderValueFold, { perCustomer: false, additive: true, stateFields: ['revenue', 'squares', 'orders'] });

/**
 * Order values x ≥ 0 with Σx = revenue and Σx² = squares over n orders exist only when
 * (Σx)² ÷ n ≤ Σx² ≤ (Σx)²: with no orders both are 0; a sum of squares below the first bound would
 * give a negative variance, above the second an order worth more than the revenue.
 */
function checkMoments(revenue: Decimal, squares: Decimal, orders: number): void {
  if (orders === 0) {
    if (!revenue.isZero() || !squares.isZero()) throw invalidState('state.revenue', 'expected revenue and squares of 0 with no orders');
    return;
  }
  const square = revenue.times(revenue);
  if (squares.times(orders).lessThan(square) || squares.greaterThan(square)) {
    throw invalidState('state.squares', 'the sum of squared order values does not fit the revenue and the number of orders');
  }
}

/** @internal */
export const averageOrderValueSpec: FoldSpec<AverageOrderValueFold, AverageOrderValueSettings> = {
  kind: 'AverageOrderValue',
  create: () => new AverageOrderValueFold(),
};
