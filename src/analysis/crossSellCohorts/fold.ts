import { MoneySum, amountText, fromDecimal, plus, type Amount } from '../../_internal/amount.js';
import { divide } from '../../_internal/decimal.js';
import { shape, type Json, type OrderFold, type Scope } from '../../_internal/fold.js';
import { migrateSeenV1, type EngineOptions, type FoldSpec } from '../../_internal/orderEngine.js';
import type { OrderView } from '../../_internal/orderView.js';
import { currencyOption, flag, integerOption, oneOf, optionsObject } from '../../_internal/options.js';
import { productList, productOf, readProductList, readProductSet, productSetOf, requireLineCategories, unionProducts, type ProductKey, type ProductSet } from '../../_internal/products.js';
import { invalidState, stateArray, stateCount, stateId, stateMoney } from '../../_internal/state.js';
import { countable } from '../../_internal/validate.js';
import { repeatPurchaseRate } from '../../kpis/repeatPurchaseRate/index.js';
import type { Cohort, CrossSellCohortsResult } from './CrossSellCohorts.js';

/** @internal The options of the cross-sell cohorts, defaults filled in. */
export interface CrossSellCohortsSettings extends EngineOptions {
  readonly by: ProductKey;
  readonly minDistinct: number;
  readonly currency: string | null;
  readonly dedupe: boolean;
}

/** @internal Validates the options of the cross-sell cohorts. */
export function crossSellCohortsSettings(options: unknown): CrossSellCohortsSettings {
  const bag = optionsObject(options, ['by', 'minDistinct', 'currency', 'dedupe']);
  return {
    by: oneOf(bag['by'], 'by', ['sku', 'category'], 'sku'),
    minDistinct: integerOption(bag['minDistinct'], 'minDistinct', 1, 1000, 2),
    currency: currencyOption(bag['currency']),
    dedupe: flag(bag['dedupe'], 'dedupe', true),
  };
}

/** @internal Each customer as `[customerId, products (or true once cross-sold), revenue, orders]`. */
export type CrossSellCohortsState = { customers: [string, true | readonly string[], string, number][] } & Json;

/**
 * @internal An order's distinct products, up to `minDistinct`: the one product itself (most
 * orders, and no array), 2 to `minDistinct − 1` of them, or `true` when there are `minDistinct`.
 */
export type OrderProducts = string | readonly string[] | true;

/** @internal What an order added to its customer: its products, and its revenue (and one order). */
export type CrossSellCohortsKept = readonly [products: OrderProducts, revenue: Amount];

/**
 * @internal The cross-sell cohorts, additive per customer. By customer row: the saturating set of
 * products bought (a lattice, joined), the exact revenue and the number of orders (sums). An order
 * keeps what it added, its distinct products (up to `minDistinct`) and its revenue, so a
 * de-duplicated merge replays exactly the orders the other side saw and this one did not.
 */
export class CrossSellCohortsFold implements OrderFold<CrossSellCohortsResult, CrossSellCohortsState, CrossSellCohortsKept> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  private readonly by: ProductKey;
  private readonly minDistinct: number;
  /** By customer row: the products bought, or `true`; `undefined` for a row this fold has not counted. */
  private readonly products: (ProductSet | undefined)[] = [];
  /** By customer row: the customer's revenue. */
  private readonly revenues: Amount[] = [];
  /** By customer row: the customer's orders. */
  private readonly orderCounts: number[] = [];
  private customers = 0;
  /** All customers' orders: no customer's count can pass it. */
  private orders = 0;

  constructor(
    options: Pick<CrossSellCohortsSettings, 'by' | 'minDistinct'>,
    private readonly scope: Scope,
  ) {
    this.by = options.by;
    this.minDistinct = options.minDistinct;
  }

  check(order: OrderView): void {
    if (this.by === 'category') requireLineCategories(order);
    countable(this.orders, 1, 'orders');
  }

  add(order: OrderView, customer: number): CrossSellCohortsKept {
    const kept: CrossSellCohortsKept = [this.orderProducts(order), order.revenue];
    this.addKept(kept, customer);
    return kept;
  }

  /** The order's distinct products, saturated at `minDistinct`. */
  private orderProducts(order: OrderView): OrderProducts {
    const { by, minDistinct } = this;
    if (minDistinct === 1) return true;
    const first = productOf(order, by, 0);
    let products: string[] | undefined;
    for (let index = 1; index < order.lineCount; index++) {
      const product = productOf(order, by, index);
      if (product === first || (products !== undefined && products.includes(product))) continue;
      if (products === undefined) products = [first, product];
      else products.push(product);
      if (products.length >= minDistinct) return true;
    }
    return products ?? first;
  }

  addKept([products, revenue]: CrossSellCohortsKept, customer: number): void {
    const before = this.products[customer];
    if (before === undefined) {
      this.customers++;
      this.products[customer] = unionProducts(undefined, products, this.minDistinct);
      this.revenues[customer] = revenue;
      this.orderCounts[customer] = 1;
    } else {
      if (before !== true) this.products[customer] = unionProducts(before, products, this.minDistinct);
      this.revenues[customer] = plus(this.revenues[customer]!, revenue);
      this.orderCounts[customer]!++;
    }
    this.orders++;
  }

  checkMerge(other: CrossSellCohortsFold): void {
    countable(this.orders, other.orders, 'orders');
  }

  merge(other: CrossSellCohortsFold, customers: Int32Array): void {
    const products = other.products;
    for (let row = 0; row < products.length; row++) {
      const theirs = products[row];
      if (theirs !== undefined) this.join(customers[row]!, theirs, other.revenues[row]!, other.orderCounts[row]!);
    }
  }

  /** Adds a customer's products, revenue and orders to the customer in `customer`. */
  private join(customer: number, products: ProductSet, revenue: Amount, orders: number): void {
    const before = this.products[customer];
    if (before === undefined) {
      this.customers++;
      this.products[customer] = products;
      this.revenues[customer] = revenue;
      this.orderCounts[customer] = orders;
    } else {
      this.products[customer] = unionProducts(before, products, this.minDistinct);
      this.revenues[customer] = plus(this.revenues[customer]!, revenue);
      this.orderCounts[customer]! += orders;
    }
    this.orders += orders;
  }

  isEmpty(): boolean {
    return this.customers === 0;
  }

  result(currency: string | null): CrossSellCohortsResult {
    const crossSold = { customers: 0, repeat: 0, revenue: new MoneySum() };
    const other = { customers: 0, repeat: 0, revenue: new MoneySum() };
    const products = this.products;
    for (let row = 0; row < products.length; row++) {
      const set = products[row];
      if (set === undefined) continue;
      const cohort = set === true ? crossSold : other;
      cohort.customers++;
      if (this.orderCounts[row]! >= 2) cohort.repeat++;
      cohort.revenue.add(this.revenues[row]!);
    }
    return { currency, crossSold: toCohort(crossSold), other: toCohort(other) };
  }

  /** Each customer's cohort, in the order of their rows (first seen). */
  cohortsByCustomer(): Map<string, 'crossSold' | 'other'> {
    const ids = this.scope.customers.ids;
    const cohorts = new Map<string, 'crossSold' | 'other'>();
    this.products.forEach((products, row) => {
      if (products !== undefined) cohorts.set(ids[row]!, products === true ? 'crossSold' : 'other');
    });
    return cohorts;
  }

  toJSON(): CrossSellCohortsState {
    const ids = this.scope.customers.ids;
    const customers: [string, true | readonly string[], string, number][] = [];
    this.products.forEach((products, row) => {
      if (products !== undefined) customers.push([ids[row]!, products === true ? true : productList(products), amountText(this.revenues[row]!), this.orderCounts[row]!]);
    });
    return { customers };
  }

  readState(state: Readonly<Record<string, unknown>>): CrossSellCohortsState {
    const seen = new Set<string>();
    let orders = 0;
    const customers = stateArray(state['customers'], 'state.customers').map((entry, index): [string, true | readonly string[], string, number] => {
      const path = `state.customers[${index}]`;
      const tuple = stateArray(entry, path, 4);
      if (tuple.length !== 4) throw invalidState(path, 'expected [customerId, products, revenue, orders]');
      const customerId = stateId(tuple[0], `${path}[0]`);
      if (seen.has(customerId)) throw invalidState(`${path}[0]`, `customer ${JSON.stringify(customerId)} appears twice`);
      seen.add(customerId);
      const products = readProductList(tuple[1], `${path}[1]`, this.minDistinct, this.by);
      const revenue = stateMoney(tuple[2], `${path}[2]`).toFixed();
      const count = stateCount(tuple[3], `${path}[3]`);
      if (count === 0) throw invalidState(`${path}[3]`, 'expected at least one order');
      orders += count;
      if (orders > Number.MAX_SAFE_INTEGER) throw invalidState(`${path}[3]`, `the customers' orders add up past ${Number.MAX_SAFE_INTEGER} (2^53 − 1)`);
      return [customerId, products, revenue, count];
    });
    return { customers };
  }

  load(state: CrossSellCohortsState): void {
    for (const [customerId, products, revenue, orders] of state.customers) {
      this.join(this.scope.customers.row(customerId), productSetOf(products, this.minDistinct), fromDecimal(stateMoney(revenue, 'state.customers')), orders);
    }
  }

  /** `[products, revenue]`: the products as a list (or `true`), the revenue as a decimal string. */
  keptToJSON([products, revenue]: CrossSellCohortsKept): Json {
    return [products === true ? true : productList(products), amountText(revenue)];
  }

  keptFromJSON(json: unknown, path: string): CrossSellCohortsKept {
    const pair = stateArray(json, path, 2);
    if (pair.length !== 2) throw invalidState(path, 'expected [products, revenue]');
    return [readProductSet(pair[0], `${path}[0]`, this.minDistinct, this.by), fromDecimal(stateMoney(pair[1], `${path}[1]`))];
  }
}
shape(CrossSellCohortsFold, { perCustomer: true, additive: true, stateFields: ['customers'] });

function toCohort({ customers, repeat, revenue: sum }: { customers: number; repeat: number; revenue: MoneySum }): Cohort {
  const revenue = sum.value();
  return {
    customers,
    revenue,
    averageLifetimeValue: customers === 0 ? null : divide(revenue, customers),
    repeatPurchaseRate: repeatPurchaseRate({ repeatCustomers: repeat, customers }),
  };
}

/** Version 1 kept each order as `[orderId, fingerprint, [customerId, products, revenue]]`. */
function migrateV1(state: Record<string, unknown>): Record<string, unknown> {
  return migrateSeenV1(state, (contribution) => (Array.isArray(contribution) && contribution.length === 3 ? [contribution[0], [contribution[1], contribution[2]]] : undefined));
}

/** @internal */
export const crossSellCohortsSpec: FoldSpec<CrossSellCohortsFold, CrossSellCohortsSettings> = {
  kind: 'CrossSellCohorts',
  create: (options, scope) => new CrossSellCohortsFold(options, scope),
  migrateV1,
};
