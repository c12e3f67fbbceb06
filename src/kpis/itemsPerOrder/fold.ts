import { MoneySum, amountText, fromDecimal, isZero, type Amount } from '../../_internal/amount.js';
import { shape, type Json, type OrderFold } from '../../_internal/fold.js';
import type { EngineOptions, FoldSpec } from '../../_internal/orderEngine.js';
import { orderItems, type OrderView } from '../../_internal/orderView.js';
import { flag, optionsObject } from '../../_internal/options.js';
import { invalidState, stateCount, stateMoney } from '../../_internal/state.js';
import { countable } from '../../_internal/validate.js';
import type { ItemsPerOrderResult } from './ItemsPerOrder.js';
import { itemsPerOrder } from './formula.js';

/** @internal The options of items per order, defaults filled in. */
export interface ItemsPerOrderSettings extends EngineOptions {
  readonly dedupe: boolean;
}

/** @internal Validates the options of items per order. */
export function itemsPerOrderSettings(options: unknown): ItemsPerOrderSettings {
  const bag = optionsObject(options, ['dedupe']);
  return { dedupe: flag(bag['dedupe'], 'dedupe', true) };
}

/** @internal The total quantity as a decimal string, and the order count. */
export type ItemsPerOrderState = { items: string; orders: number } & Json;

/**
 * @internal Items per order, additive: the exact total quantity (quantities may be fractional, so
 * it is summed as an exact amount) and the number of orders. An order adds (and keeps) its items.
 */
export class ItemsPerOrderFold implements OrderFold<ItemsPerOrderResult, ItemsPerOrderState, Amount> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  private readonly items = new MoneySum();
  private orders = 0;

  check(): void {
    countable(this.orders, 1, 'orders');
  }

  add(order: OrderView): Amount {
    // Each quantity through its shortest decimal string: integers (the common case) stay plain integers.
    const items = orderItems(order);
    this.items.add(items);
    this.orders++;
    return items;
  }

  addKept(items: Amount): void {
    this.items.add(items);
    this.orders++;
  }

  checkMerge(other: ItemsPerOrderFold): void {
    countable(this.orders, other.orders, 'orders');
  }

  merge(other: ItemsPerOrderFold): void {
    this.items.addSum(other.items);
    this.orders += other.orders;
  }

  isEmpty(): boolean {
    return this.orders === 0;
  }

  result(): ItemsPerOrderResult {
    const counts = { items: this.items.toNumber(), orders: this.orders };
    return { value: itemsPerOrder(counts), ...counts };
  }

  toJSON(): ItemsPerOrderState {
    return { items: this.items.value().toFixed(), orders: this.orders };
  }

  readState(state: Readonly<Record<string, unknown>>): ItemsPerOrderState {
    const items = stateMoney(state['items'], 'state.items');
    const orders = stateCount(state['orders'], 'state.orders');
    // Every order has a line, and every line a positive quantity.
    if (orders === 0 && !items.isZero()) throw invalidState('state.items', 'expected 0 with no orders');
    if (orders > 0 && items.isZero()) throw invalidState('state.items', `expected more than 0 items in ${orders} orders`);
    if (!Number.isFinite(items.toNumber())) throw invalidState('state.items', 'expected a quantity a number can hold');
    return { items: items.toFixed(), orders };
  }

  load(state: ItemsPerOrderState): void {
    this.items.add(fromDecimal(stateMoney(state.items, 'state.items')));
    this.orders = state.orders;
  }

  keptToJSON(items: Amount): Json {
    return amountText(items);
  }

  keptFromJSON(json: unknown, path: string): Amount {
    const items = fromDecimal(stateMoney(json, path));
    if (isZero(items)) throw invalidState(path, "expected an order's items, more than 0");
    return items;
  }
}
shape(ItemsPerOrderFold, { perCustomer: false, additive: true, stateFields: ['items', 'orders'] });

/** @internal */
export const itemsPerOrderSpec: FoldSpec<ItemsPerOrderFold, ItemsPerOrderSettings> = {
  kind: 'ItemsPerOrder',
  create: () => new ItemsPerOrderFold(),
};
