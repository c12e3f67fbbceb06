import { AmountColumn, MoneySum, amountText, fromDecimal, minus, toDecimal, type Amount } from '../../_internal/amount.js';
import { Decimal } from '../../_internal/decimal.js';
import { shape, type Json, type OrderFold, type Scope } from '../../_internal/fold.js';
import { migrateSeenV1, type FoldSpec } from '../../_internal/orderEngine.js';
import type { OrderView } from '../../_internal/orderView.js';
import { currencyOption, flag, optionsObject, type MoneySettings } from '../../_internal/options.js';
import { invalidState, stateMoney, stateEntries } from '../../_internal/state.js';
import type { CustomerLifetimeValueResult } from './CustomerLifetimeValue.js';
import { customerLifetimeValue } from './formula.js';

/** @internal The options of a customer lifetime value, defaults filled in. */
export interface CustomerLifetimeValueSettings extends MoneySettings {
  readonly netOfReturns: boolean;
}

/** @internal Validates the options of a customer lifetime value. */
export function customerLifetimeValueSettings(options: unknown): CustomerLifetimeValueSettings {
  const bag = optionsObject(options, ['currency', 'dedupe', 'netOfReturns']);
  return { currency: currencyOption(bag['currency']), dedupe: flag(bag['dedupe'], 'dedupe', true), netOfReturns: flag(bag['netOfReturns'], 'netOfReturns', false) };
}

/**
 * @internal Each customer with an order and their revenue, and (net of returns) each customer with a
 * return and the money given back, as decimal strings sorted by customer id.
 */
export type CustomerLifetimeValueState = { customers: [string, string][]; returns?: [string, string][] } & Json;

/**
 * @internal The historical customer lifetime value, additive per customer: each customer's exact
 * revenue (by the customer's row in the scope), the exact total and the number of customers. An
 * order adds (and keeps) its revenue; the engine keeps its customer.
 *
 * Net of returns, it also keeps what each customer got back, and subtracts it for the customers
 * with an order; a customer with returns only is in the scope but not counted (their order may
 * come later, or be in another accumulator to merge).
 */
export class CustomerLifetimeValueFold implements OrderFold<CustomerLifetimeValueResult, CustomerLifetimeValueState, Amount> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  readonly readsReturns: boolean;
  readonly stateFields: readonly string[];
  /** By customer row: the customer's revenue (none for a row this fold has not counted). */
  private readonly revenues = new AmountColumn();
  private readonly revenue = new MoneySum();
  private customers = 0;
  /** Net of returns: by customer row, the money given back; whether any was given back to a customer; the part of it given to customers with an order. */
  private readonly returned = new AmountColumn();
  private anyReturns = false;
  private readonly returnsOfCustomers = new MoneySum();

  constructor(
    private readonly scope: Scope,
    netOfReturns: boolean,
  ) {
    this.readsReturns = netOfReturns;
    this.stateFields = netOfReturns ? ['customers', 'returns'] : ['customers'];
  }

  check(): void {}

  add(order: OrderView, customer: number): Amount {
    const revenue = order.revenue;
    this.addKept(revenue, customer);
    return revenue;
  }

  addKept(revenue: Amount, customer: number): void {
    if (this.revenues.add(customer, revenue)) {
      this.customers++;
      const returned = this.returned.get(customer);
      if (returned !== undefined) this.returnsOfCustomers.add(returned);
    }
    this.revenue.add(revenue);
  }

  /** Net of returns: money given back to a customer (a guest's, `customer` -1, is not anyone's). */
  addReturn(amount: Amount, customer: number): void {
    if (customer < 0) return;
    this.returned.add(customer, amount);
    this.anyReturns = true;
    if (this.revenues.get(customer) !== undefined) this.returnsOfCustomers.add(amount);
  }

  checkMerge(): void {}

  merge(other: CustomerLifetimeValueFold, customers: Int32Array): void {
    for (const [row, revenue] of other.revenues.entries()) this.addKept(revenue, customers[row]!);
    for (const [row, amount] of other.returned.entries()) this.addReturn(amount, customers[row]!);
  }

  isEmpty(): boolean {
    return this.customers === 0 && !this.anyReturns;
  }

  result(currency: string | null): CustomerLifetimeValueResult {
    const revenue = this.revenue.value().minus(this.returnsOfCustomers.value());
    const customers = this.customers;
    return { value: customerLifetimeValue({ revenue, customers }), revenue, customers, currency };
  }

  /** Each customer's revenue (net of their returns, with `netOfReturns`), in the order of their rows (first seen). */
  valuesByCustomer(): Map<string, Decimal> {
    const ids = this.scope.customers.ids;
    const values = new Map<string, Decimal>();
    for (const [row, revenue] of this.revenues.entries()) {
      const returned = this.returned.get(row);
      values.set(ids[row]!, toDecimal(returned === undefined ? revenue : minus(revenue, returned)));
    }
    return values;
  }

  /** Customers sorted by id (code-unit order), so equal states write equal JSON whatever the order of the orders. */
  toJSON(): CustomerLifetimeValueState {
    const customers = this.byId(this.revenues);
    return this.readsReturns ? { customers, returns: this.byId(this.returned) } : { customers };
  }

  private byId(column: AmountColumn): [string, string][] {
    const ids = this.scope.customers.ids;
    const entries: [string, string][] = [];
    for (const [row, amount] of column.entries()) entries.push([ids[row]!, amountText(amount)]);
    return entries.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  }

  readState(state: Readonly<Record<string, unknown>>): CustomerLifetimeValueState {
    const read = (field: string, name: string): [string, string][] =>
      stateEntries(state, field, ['customerId', name], (entry, path, id): [string, string] => {
        const amount = stateMoney(entry[1], `${path}[1]`);
        if (field === 'returns' && amount.isZero()) throw invalidState(`${path}[1]`, 'expected an amount > 0: a return gives money back');
        return [id, amount.toFixed()];
      });
    const customers = read('customers', 'revenue');
    return this.readsReturns ? { customers, returns: read('returns', 'amount') } : { customers };
  }

  /** The amounts are canonical decimal strings: {@link readState} has checked them. */
  load(state: CustomerLifetimeValueState): void {
    for (const [customerId, revenue] of state.customers) this.addKept(fromDecimal(new Decimal(revenue)), this.scope.customers.row(customerId));
    for (const [customerId, amount] of state.returns ?? []) this.addReturn(fromDecimal(new Decimal(amount)), this.scope.customers.row(customerId));
  }

  keptToJSON(revenue: Amount): Json {
    return amountText(revenue);
  }

  keptFromJSON(json: unknown, path: string): Amount {
    return fromDecimal(stateMoney(json, path));
  }
}
shape(CustomerLifetimeValueFold, { perCustomer: true, additive: true });

/** Version 1 kept each order as `[orderId, fingerprint, [customerId, revenue]]`. */
function migrateV1(state: Record<string, unknown>): Record<string, unknown> {
  return migrateSeenV1(state, (contribution) => (Array.isArray(contribution) && contribution.length === 2 ? [contribution[0], contribution[1]] : undefined));
}

/** @internal */
export const customerLifetimeValueSpec: FoldSpec<CustomerLifetimeValueFold, CustomerLifetimeValueSettings> = {
  kind: 'CustomerLifetimeValue',
  create: (options, scope) => new CustomerLifetimeValueFold(scope, options.netOfReturns),
  migrateV1,
};
