import { shape, type Json, type OrderFold, type Scope } from '../../_internal/fold.js';
import { migrateSeenV1, type EngineOptions, type FoldSpec } from '../../_internal/orderEngine.js';
import type { OrderView } from '../../_internal/orderView.js';
import { flag, optionsObject } from '../../_internal/options.js';
import { invalidState, stateArray, stateCount, stateId } from '../../_internal/state.js';
import { countable } from '../../_internal/validate.js';
import type { RepeatPurchaseRateResult } from './RepeatPurchaseRate.js';
import { repeatPurchaseRate } from './formula.js';

/** @internal The options of a repeat purchase rate, defaults filled in. */
export interface RepeatPurchaseRateSettings extends EngineOptions {
  readonly dedupe: boolean;
}

/** @internal Validates the options of a repeat purchase rate. */
export function repeatPurchaseRateSettings(options: unknown): RepeatPurchaseRateSettings {
  const bag = optionsObject(options, ['dedupe']);
  return { dedupe: flag(bag['dedupe'], 'dedupe', true) };
}

/** @internal Each customer with their number of orders (at least one). */
export type RepeatPurchaseRateState = { customers: [string, number][] } & Json;

/**
 * @internal The repeat purchase rate, additive per customer: each customer's number of orders. An
 * order keeps nothing of its own: the engine keeps its customer, and {@link addKept} counts one
 * more order for them.
 */
export class RepeatPurchaseRateFold implements OrderFold<RepeatPurchaseRateResult, RepeatPurchaseRateState> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  /** By customer row: the customer's orders (0 for rows of the scope this fold has not counted). */
  private readonly orders: number[] = [];
  /** All orders: every customer's count is at most this, so it is the one count checked against 2⁵³. */
  private total = 0;
  private repeatCustomers = 0;

  constructor(private readonly scope: Scope) {}

  check(): void {
    countable(this.total, 1, 'orders');
  }

  add(_order: OrderView, customer: number): undefined {
    this.count(customer, 1);
  }

  addKept(_kept: undefined, customer: number): void {
    this.count(customer, 1);
  }

  private count(customer: number, orders: number): void {
    const counts = this.orders;
    while (counts.length <= customer) counts.push(0);
    const before = counts[customer]!;
    if (before < 2 && before + orders >= 2) this.repeatCustomers++;
    counts[customer] = before + orders;
    this.total += orders;
  }

  checkMerge(other: RepeatPurchaseRateFold): void {
    countable(this.total, other.total, 'orders');
  }

  merge(other: RepeatPurchaseRateFold, customers: Int32Array): void {
    const counts = other.orders;
    for (let row = 0; row < counts.length; row++) this.count(customers[row]!, counts[row]!);
  }

  isEmpty(): boolean {
    return this.total === 0;
  }

  result(): RepeatPurchaseRateResult {
    const counts = { repeatCustomers: this.repeatCustomers, customers: this.scope.customers.size };
    return { value: repeatPurchaseRate(counts), ...counts };
  }

  toJSON(): RepeatPurchaseRateState {
    return { customers: this.scope.customers.ids.map((customerId, row): [string, number] => [customerId, this.orders[row] ?? 0]) };
  }

  readState(state: Readonly<Record<string, unknown>>): RepeatPurchaseRateState {
    const seen = new Set<string>();
    let total = 0;
    const customers = stateArray(state['customers'], 'state.customers').map((entry, index): [string, number] => {
      const path = `state.customers[${index}]`;
      const pair = stateArray(entry, path, 2);
      if (pair.length !== 2) throw invalidState(path, 'expected [customerId, orders]');
      const customerId = stateId(pair[0], `${path}[0]`);
      if (seen.has(customerId)) throw invalidState(`${path}[0]`, `customer ${JSON.stringify(customerId)} appears twice`);
      seen.add(customerId);
      const orders = stateCount(pair[1], `${path}[1]`);
      if (orders === 0) throw invalidState(`${path}[1]`, 'expected a customer with at least one order');
      total += orders;
      if (total > Number.MAX_SAFE_INTEGER) throw invalidState(`${path}[1]`, `the customers' orders add up to more than ${Number.MAX_SAFE_INTEGER} (2^53 − 1)`);
      return [customerId, orders];
    });
    return { customers };
  }

  load(state: RepeatPurchaseRateState): void {
    for (const [customerId, orders] of state.customers) this.count(this.scope.customers.row(customerId), orders);
  }

  keptToJSON(): Json {
    return null;
  }

  keptFromJSON(json: unknown, path: string): undefined {
    if (json !== null) throw invalidState(path, 'expected null: an order keeps nothing beyond its customer');
    return undefined;
  }
}
shape(RepeatPurchaseRateFold, { perCustomer: true, additive: true, stateFields: ['customers'] });

/** Version 1 kept each order as `[orderId, fingerprint, customerId]`; an order keeps nothing else. */
function migrateV1(state: Record<string, unknown>): Record<string, unknown> {
  return migrateSeenV1(state, (customerId) => [customerId, null]);
}

/** @internal */
export const repeatPurchaseRateSpec: FoldSpec<RepeatPurchaseRateFold, RepeatPurchaseRateSettings> = {
  kind: 'RepeatPurchaseRate',
  create: (_options, scope) => new RepeatPurchaseRateFold(scope),
  migrateV1,
};
