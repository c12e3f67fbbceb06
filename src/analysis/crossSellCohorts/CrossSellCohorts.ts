import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import { brand, mergeable } from '../../_internal/merge.js';
import type { Order } from '../../core/events.js';
import type { Decimal } from '../../core/decimal.js';
import { divide } from '../../_internal/decimal.js';
import { MoneySum, amountText, fromDecimal, plus, type Amount } from '../../_internal/amount.js';
import { OrderAccumulator, fromOptions, readHeader } from '../../_internal/OrderAccumulator.js';
import type { NormalizedOrder } from '../../_internal/normalize.js';
import { currencyOption, flag, integerOption, oneOf, optionsObject } from '../../_internal/options.js';
import { currencyFromJSON, currencyToJSON, mergedCurrency, orderCurrency } from '../../_internal/orderCurrency.js';
import { distinctProducts, readProductSet, unionProducts, type ProductKey, type ProductSet } from '../../_internal/products.js';
import { invalidState, stateArray, stateCount, stateId, stateMoney } from '../../_internal/state.js';
import { repeatPurchaseRate } from '../../kpis/repeatPurchaseRate/formula.js';

/**
 * Options of {@link CrossSellCohorts}.
 * @category Analysis
 */
export interface CrossSellCohortsOptions {
  /** What counts as a distinct product: the line's `'sku'` (default) or its `'category'`. */
  by?: 'sku' | 'category';
  /** How many distinct products make a customer cross-sold; 2 by default. */
  minDistinct?: number;
  /** ISO 4217 code for orders that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * One cohort of customers: how many, what they spent, and whether they came back.
 * @category Analysis
 */
export interface Cohort {
  /** Customers in the cohort. */
  customers: number;
  /** Their revenue, exact. */
  revenue: Decimal;
  /** revenue ÷ customers (historical lifetime value), or `null` for an empty cohort. */
  averageLifetimeValue: Decimal | null;
  /** Share of them with at least two orders, or `null` for an empty cohort. */
  repeatPurchaseRate: number | null;
}

/**
 * The result of {@link CrossSellCohorts}.
 * @category Analysis
 */
export interface CrossSellCohortsResult {
  /** The orders' ISO 4217 code, or `null` when they carry none. */
  currency: string | null;
  /** Customers who bought at least `minDistinct` distinct products. */
  crossSold: Cohort;
  /** Everybody else who bought. */
  other: Cohort;
}

interface Options {
  by: ProductKey;
  minDistinct: number;
  currency: string | null;
  dedupe: boolean;
}

interface Customer {
  products: ProductSet;
  revenue: Amount;
  orders: number;
}

interface Contribution {
  customerId: string;
  products: ProductSet;
  revenue: Amount;
  currency: string | null;
}

/**
 * Splits customers into a cross-sold cohort and the rest, and compares what they are worth and whether they come back.
 *
 * @remarks
 * A customer is cross-sold when, over everything added, they bought at least `minDistinct`
 * distinct products (the {@link CrossSellRate} definition). For each cohort: customers, exact
 * revenue, average lifetime value (revenue ÷ customers) and repeat purchase rate (customers with
 * ≥ 2 orders ÷ customers). "Are cross-sold customers worth more, and do they come back?" Keeps
 * per customer a bounded product set, a revenue sum and an order count; with `dedupe` (the
 * default) also each order's contribution, so merges of overlapping streams are exact.
 * `add` is O(lines); `result` is O(customers).
 *
 * @example
 * ```ts
 * import { CrossSellCohorts } from 'xsell-kpi';
 * const cohorts = new CrossSellCohorts({ currency: 'EUR' });
 * cohorts.add({ orderId: 'o1', customerId: 'ann', timestamp: 0, lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'sleeve', unitPrice: '29' }] });
 * cohorts.add({ orderId: 'o2', customerId: 'ann', timestamp: 1, lines: [{ sku: 'mouse', unitPrice: '25' }] });
 * cohorts.add({ orderId: 'o3', customerId: 'bob', timestamp: 2, lines: [{ sku: 'laptop', unitPrice: '999' }] });
 * const { crossSold, other } = cohorts.result();
 * [crossSold.customers, crossSold.averageLifetimeValue?.toString(), crossSold.repeatPurchaseRate]; // => [1, '1053', 1]
 * [other.customers, other.averageLifetimeValue?.toString(), other.repeatPurchaseRate]; // => [1, '999', 0]
 * ```
 * @category Analysis
 */
export class CrossSellCohorts implements Accumulator<Order, CrossSellCohortsResult> {
  #engine: CrossSellCohortsEngine;

  /**
   * @param options - `by` (`'sku'`), `minDistinct` (2), `currency` (none), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`, `INVALID_CURRENCY`.
   */
  constructor(options?: CrossSellCohortsOptions) {
    this.#engine = new CrossSellCohortsEngine(options);
    brand(this, 'CrossSellCohorts');
  }

  /**
   * The cohorts over `orders`: `new CrossSellCohorts(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { CrossSellCohorts } from 'xsell-kpi';
   * CrossSellCohorts.of([]).crossSold.customers; // => 0
   * ```
   */
  static of(orders: Iterable<Order>, options?: CrossSellCohortsOptions): CrossSellCohortsResult {
    return new CrossSellCohorts(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link CrossSellCohorts.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { CrossSellCohorts } from 'xsell-kpi';
   * const json = { kind: 'CrossSellCohorts', version: 1, options: { by: 'sku', minDistinct: 2, currency: null, dedupe: false }, state: { customers: [['ann', true, '120.5', 3]], currency: 'EUR' } };
   * CrossSellCohorts.fromJSON(json).result().crossSold.revenue.toString(); // => '120.5'
   * ```
   */
  static fromJSON(json: unknown): CrossSellCohorts {
    const engine = CrossSellCohortsEngine.fromJSON(json);
    const restored = new CrossSellCohorts(engine.options);
    restored.#engine = engine;
    return restored;
  }

  add(order: Order): this {
    this.#engine.add(order);
    return this;
  }

  addAll(orders: Iterable<Order>): this {
    this.#engine.addAll(orders);
    return this;
  }

  merge(other: CrossSellCohorts): this {
    this.#engine.merge(mergeable(other, CrossSellCohorts, 'CrossSellCohorts').#engine);
    return this;
  }

  /** Both cohorts over everything added. */
  result(): CrossSellCohortsResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}

/** @internal The engine behind {@link CrossSellCohorts}. */
class CrossSellCohortsEngine extends OrderAccumulator<Contribution, CrossSellCohortsResult, Options> {
  private readonly customers = new Map<string, Customer>();
  private currency: string | null | undefined;
  protected readonly aggregateFields = ['customers', 'currency'] as const;

  constructor(options?: CrossSellCohortsOptions) {
    const bag = optionsObject(options, ['by', 'minDistinct', 'currency', 'dedupe']);
    super(
      'CrossSellCohorts',
      1,
      {
        by: oneOf(bag['by'], 'by', ['sku', 'category'], 'sku'),
        minDistinct: integerOption(bag['minDistinct'], 'minDistinct', 1, 1000, 2),
        currency: currencyOption(bag['currency']),
        dedupe: flag(bag['dedupe'], 'dedupe', true),
      },
      true,
    );
  }

  static fromJSON(json: unknown): CrossSellCohortsEngine {
    const { options, state } = readHeader(json, 'CrossSellCohorts', 1);
    return fromOptions(options, (o: CrossSellCohortsOptions) => new CrossSellCohortsEngine(o)).load(state);
  }

  result(): CrossSellCohortsResult {
    const crossSold = { customers: 0, repeat: 0, revenue: new MoneySum() };
    const other = { customers: 0, repeat: 0, revenue: new MoneySum() };
    for (const customer of this.customers.values()) {
      const cohort = customer.products === true ? crossSold : other;
      cohort.customers++;
      if (customer.orders >= 2) cohort.repeat++;
      cohort.revenue.add(customer.revenue);
    }
    const toCohort = ({ customers, repeat, revenue: sum }: typeof crossSold): Cohort => {
      const revenue = sum.value();
      return {
        customers,
        revenue,
        averageLifetimeValue: customers === 0 ? null : divide(revenue, customers),
        repeatPurchaseRate: repeatPurchaseRate({ repeatCustomers: repeat, customers }),
      };
    };
    return { currency: this.currency ?? this.options.currency, crossSold: toCohort(crossSold), other: toCohort(other) };
  }

  protected contribute(order: NormalizedOrder): Contribution {
    const products = distinctProducts(order, this.options.by, this.options.minDistinct);
    return {
      customerId: order.customerId,
      products: products.length >= this.options.minDistinct ? true : products,
      revenue: order.revenue,
      currency: orderCurrency(order, this.options.currency, this.currency),
    };
  }

  protected fold({ customerId, products, revenue, currency }: Contribution): void {
    this.join(customerId, { products, revenue, orders: 1 });
    this.currency = currency;
  }

  private join(customerId: string, { products, revenue, orders }: Customer): void {
    const before = this.customers.get(customerId);
    this.customers.set(
      customerId,
      before === undefined
        ? { products: unionProducts(undefined, products, this.options.minDistinct), revenue, orders }
        : { products: unionProducts(before.products, products, this.options.minDistinct), revenue: plus(before.revenue, revenue), orders: before.orders + orders },
    );
  }

  protected override checkMerge(other: this): void {
    mergedCurrency(this.currency, other.currency);
  }

  protected mergeAggregate(other: this): void {
    for (const [customerId, customer] of other.customers) this.join(customerId, customer);
    this.currency = mergedCurrency(this.currency, other.currency);
  }

  protected aggregateToJSON(): Record<string, unknown> {
    return {
      customers: Array.from(this.customers, ([customerId, { products, revenue, orders }]) => [customerId, products === true ? true : [...products], amountText(revenue), orders]),
      currency: currencyToJSON(this.currency),
    };
  }

  protected loadAggregate(state: Record<string, unknown>): void {
    stateArray(state['customers'], 'state.customers').forEach((entry, index) => {
      const path = `state.customers[${index}]`;
      const tuple = stateArray(entry, path, 4);
      const customerId = stateId(tuple[0], `${path}[0]`);
      if (this.customers.has(customerId)) throw invalidState(`${path}[0]`, `customer ${JSON.stringify(customerId)} appears twice`);
      const orders = stateCount(tuple[3], `${path}[3]`);
      if (orders === 0) throw invalidState(`${path}[3]`, 'expected at least one order');
      this.join(customerId, { products: readProductSet(tuple[1], `${path}[1]`, this.options.minDistinct), revenue: fromDecimal(stateMoney(tuple[2], `${path}[2]`)), orders });
    });
    this.currency = currencyFromJSON(state['currency'], this.customers.size, 'state.currency');
  }

  protected override contributionToJSON({ customerId, products, revenue }: Contribution): unknown {
    return [customerId, products === true ? true : [...products], amountText(revenue)];
  }

  protected override contributionFromJSON(json: unknown, path: string): Contribution {
    const tuple = stateArray(json, path, 3);
    if (tuple.length !== 3) throw invalidState(path, 'expected [customerId, products, revenue]');
    return {
      customerId: stateId(tuple[0], `${path}[0]`),
      products: readProductSet(tuple[1], `${path}[1]`, this.options.minDistinct),
      revenue: fromDecimal(stateMoney(tuple[2], `${path}[2]`)),
      currency: this.currency ?? null,
    };
  }

  protected empty(): this {
    return new CrossSellCohortsEngine(this.options) as this;
  }
}
