import { MoneySum, amountText, compare, fromDecimal, isZero, type Amount } from '../../_internal/amount.js';
import { shape, type Json, type OrderFold } from '../../_internal/fold.js';
import type { EngineOptions, FoldSpec } from '../../_internal/orderEngine.js';
import { CROSS_SELL, UPSELL, sourceRevenue, type OrderView } from '../../_internal/orderView.js';
import { currencyOption, flag, optionsObject, requiredOneOf } from '../../_internal/options.js';
import { invalidState, stateArray, stateCount, stateMoney } from '../../_internal/state.js';
import { countable } from '../../_internal/validate.js';
import type { RevenueShareResult } from './RevenueShare.js';
import { revenueShare } from './formula.js';

/** @internal The options of a revenue share, defaults filled in. */
export interface RevenueShareSettings extends EngineOptions {
  readonly source: 'cross-sell' | 'upsell';
  readonly currency: string | null;
  readonly dedupe: boolean;
}

/** @internal Validates the options of a revenue share. */
export function revenueShareSettings(options: unknown): RevenueShareSettings {
  const bag = optionsObject(options, ['source', 'currency', 'dedupe']);
  return {
    source: requiredOneOf(bag['source'], 'source', ['cross-sell', 'upsell']),
    currency: currencyOption(bag['currency']),
    dedupe: flag(bag['dedupe'], 'dedupe', true),
  };
}

/** @internal The part and the total revenue as decimal strings, and the orders. */
export type RevenueShareState = { part: string; total: string; orders: number } & Json;

/**
 * @internal What an order added: its revenue alone when no line has the source (most orders, and
 * no allocation), else `[part, total]`.
 */
export type RevenueShareKept = Amount | readonly [part: Amount, total: Amount];

/**
 * @internal The revenue share, additive: the exact revenue of the lines of the source (the part),
 * the exact revenue of all orders (the total) and the number of orders.
 */
export class RevenueShareFold implements OrderFold<RevenueShareResult, RevenueShareState, RevenueShareKept> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  private readonly source: typeof CROSS_SELL | typeof UPSELL;
  private readonly part = new MoneySum();
  private readonly total = new MoneySum();
  private orders = 0;

  constructor(source: 'cross-sell' | 'upsell') {
    this.source = source === 'cross-sell' ? CROSS_SELL : UPSELL;
  }

  check(): void {
    countable(this.orders, 1, 'orders');
  }

  add(order: OrderView): RevenueShareKept {
    const part = sourceRevenue(order, this.source);
    const total = order.revenue;
    this.part.add(part);
    this.total.add(total);
    this.orders++;
    return isZero(part) ? total : [part, total];
  }

  addKept(kept: RevenueShareKept): void {
    if (Array.isArray(kept)) {
      const [part, total] = kept as readonly [Amount, Amount];
      this.part.add(part);
      this.total.add(total);
    } else {
      this.total.add(kept as Amount);
    }
    this.orders++;
  }

  checkMerge(other: RevenueShareFold): void {
    countable(this.orders, other.orders, 'orders');
  }

  merge(other: RevenueShareFold): void {
    this.part.addSum(other.part);
    this.total.addSum(other.total);
    this.orders += other.orders;
  }

  isEmpty(): boolean {
    return this.orders === 0;
  }

  result(currency: string | null): RevenueShareResult {
    const part = this.part.value();
    const total = this.total.value();
    return { value: revenueShare({ part, total }), part, total, currency };
  }

  toJSON(): RevenueShareState {
    return { part: this.part.value().toFixed(), total: this.total.value().toFixed(), orders: this.orders };
  }

  readState(state: Readonly<Record<string, unknown>>): RevenueShareState {
    const part = stateMoney(state['part'], 'state.part');
    const total = stateMoney(state['total'], 'state.total');
    const orders = stateCount(state['orders'], 'state.orders');
    if (part.greaterThan(total)) throw invalidState('state.part', `part ${part.toFixed()} exceeds total ${total.toFixed()} (state.total)`);
    if (orders === 0 && !total.isZero()) throw invalidState('state.total', 'expected 0 without orders');
    return { part: part.toFixed(), total: total.toFixed(), orders };
  }

  load(state: RevenueShareState): void {
    this.part.add(fromDecimal(stateMoney(state.part, 'state.part')));
    this.total.add(fromDecimal(stateMoney(state.total, 'state.total')));
    this.orders = state.orders;
  }

  /** An order's two amounts: `[part, total]` as decimal strings. */
  keptToJSON(kept: RevenueShareKept): Json {
    if (!Array.isArray(kept)) return ['0', amountText(kept as Amount)];
    const [part, total] = kept as readonly [Amount, Amount];
    return [amountText(part), amountText(total)];
  }

  keptFromJSON(json: unknown, path: string): RevenueShareKept {
    const pair = stateArray(json, path, 2);
    if (pair.length !== 2) throw invalidState(path, 'expected [part, total]');
    const part = fromDecimal(stateMoney(pair[0], `${path}[0]`));
    const total = fromDecimal(stateMoney(pair[1], `${path}[1]`));
    if (compare(part, total) > 0) throw invalidState(`${path}[0]`, 'exceeds the total');
    return isZero(part) ? total : [part, total];
  }
}
shape(RevenueShareFold, { perCustomer: false, additive: true, stateFields: ['part', 'total', 'orders'] });

/** @internal */
export const revenueShareSpec: FoldSpec<RevenueShareFold, RevenueShareSettings> = {
  kind: 'RevenueShare',
  create: (options) => new RevenueShareFold(options.source),
};
