import type { Decimal } from '../../core/decimal.js';
import { AmountColumn, MoneySum, amountText, fromDecimal, toDecimal, type Amount } from '../../_internal/amount.js';
import { shape, type Json, type OrderFold, type Scope } from '../../_internal/fold.js';
import { migrateSeenV1, type FoldSpec } from '../../_internal/orderEngine.js';
import type { OrderView } from '../../_internal/orderView.js';
import { moneySettings, type MoneySettings } from '../../_internal/options.js';
import { stateMoney, stateEntries } from '../../_internal/state.js';
import type { CustomerLifetimeValueResult } from './CustomerLifetimeValue.js';
import { customerLifetimeValue } from './formula.js';

/** @internal The options of a customer lifetime value, defaults filled in. */
export type CustomerLifetimeValueSettings = MoneySettings;

/** @internal Validates the options of a customer lifetime value. */
export const customerLifetimeValueSettings: (options: unknown) => CustomerLifetimeValueSettings = moneySettings;

/** @internal Each customer with their revenue as a decimal string, sorted by customer id. */
export type CustomerLifetimeValueState = { customers: [string, string][] } & Json;

/**
 * @internal The historical customer lifetime value, additive per customer: each customer's exact
 * revenue (by the customer's row in the scope), the exact total and the number of customers. An
 * order adds (and keeps) its revenue; the engine keeps its customer.
 */
export class CustomerLifetimeValueFold implements OrderFold<CustomerLifetimeValueResult, CustomerLifetimeValueState, Amount> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  /** By customer row: the customer's revenue (none for a row this fold has not counted). */
  private readonly revenues = new AmountColumn();
  private readonly revenue = new MoneySum();
  private customers = 0;

  constructor(private readonly scope: Scope) {}

  check(): void {}

  add(order: OrderView, customer: number): Amount {
    const revenue = order.revenue;
    this.addKept(revenue, customer);
    return revenue;
  }

  addKept(revenue: Amount, customer: number): void {
    if (this.revenues.add(customer, revenue)) this.customers++;
    this.revenue.add(revenue);
  }

  checkMerge(): void {}

  merge(other: CustomerLifetimeValueFold, customers: Int32Array): void {
    for (const [row, revenue] of other.revenues.entries()) this.addKept(revenue, customers[row]!);
  }

  isEmpty(): boolean {
    return this.customers === 0;
  }

  result(currency: string | null): CustomerLifetimeValueResult {
    const revenue = this.revenue.value();
    const customers = this.customers;
    return { value: customerLifetimeValue({ revenue, customers }), revenue, customers, currency };
  }

  /** Each customer's revenue, in the order of their rows (first seen). */
  valuesByCustomer(): Map<string, Decimal> {
    const ids = this.scope.customers.ids;
    const values = new Map<string, Decimal>();
    for (const [row, revenue] of this.revenues.entries()) values.set(ids[row]!, toDecimal(revenue));
    return values;
  }

  /** Customers sorted by id (code-unit order), so equal states write equal JSON whatever the order of the orders. */
  toJSON(): CustomerLifetimeValueState {
    const ids = this.scope.customers.ids;
    const customers: [string, string][] = [];
    for (const [row, revenue] of this.revenues.entries()) customers.push([ids[row]!, amountText(revenue)]);
    customers.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { customers };
  }

  readState(state: Readonly<Record<string, unknown>>): CustomerLifetimeValueState {
    const customers = stateEntries(state, 'customers', ['customerId', 'revenue'], (entry, path, id): [string, string] => [id, stateMoney(entry[1], `${path}[1]`).toFixed()]);
    return { customers };
  }

  load(state: CustomerLifetimeValueState): void {
    for (const [customerId, revenue] of state.customers) this.addKept(fromDecimal(stateMoney(revenue, 'state.customers')), this.scope.customers.row(customerId));
  }

  keptToJSON(revenue: Amount): Json {
    return amountText(revenue);
  }

  keptFromJSON(json: unknown, path: string): Amount {
    return fromDecimal(stateMoney(json, path));
  }
}
shape(CustomerLifetimeValueFold, { perCustomer: true, additive: true, stateFields: ['customers'] });

/** Version 1 kept each order as `[orderId, fingerprint, [customerId, revenue]]`. */
function migrateV1(state: Record<string, unknown>): Record<string, unknown> {
  return migrateSeenV1(state, (contribution) => (Array.isArray(contribution) && contribution.length === 2 ? [contribution[0], contribution[1]] : undefined));
}

/** @internal */
export const customerLifetimeValueSpec: FoldSpec<CustomerLifetimeValueFold, CustomerLifetimeValueSettings> = {
  kind: 'CustomerLifetimeValue',
  create: (_options, scope) => new CustomerLifetimeValueFold(scope),
  migrateV1,
};
