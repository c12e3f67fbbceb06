import { shape, type Json, type OrderFold, type Scope } from '../../_internal/fold.js';
import type { EngineOptions, FoldSpec } from '../../_internal/orderEngine.js';
import type { OrderView } from '../../_internal/orderView.js';
import { flag, integerOption, oneOf, optionsObject } from '../../_internal/options.js';
import { addOrderProducts, productList, readProductList, productSetOf, requireLineCategories, unionProducts, type ProductKey, type ProductSet } from '../../_internal/products.js';
import { stateEntries } from '../../_internal/state.js';
import type { CrossSellRateResult } from './CrossSellRate.js';
import { crossSellRate } from './formula.js';

/** @internal The options of a customer cross-sell rate, defaults filled in. */
export interface CrossSellRateSettings extends EngineOptions {
  readonly by: ProductKey;
  readonly minDistinct: number;
  readonly dedupe: boolean;
}

/** @internal Validates the options of a customer cross-sell rate. */
export function crossSellRateSettings(options: unknown): CrossSellRateSettings {
  const bag = optionsObject(options, ['by', 'minDistinct', 'dedupe']);
  return {
    by: oneOf(bag['by'], 'by', ['sku', 'category'], 'sku'),
    minDistinct: integerOption(bag['minDistinct'], 'minDistinct', 1, 1000, 2),
    dedupe: flag(bag['dedupe'], 'dedupe', true),
  };
}

/** @internal Each customer with the products seen (or `true` once cross-sold). */
export type CrossSellRateState = { customers: [string, true | readonly string[]][] } & Json;

/**
 * @internal The customer cross-sell rate, a lattice: per customer, the first `minDistinct − 1`
 * distinct products seen, then only `true` (cross-sold), so memory per customer is bounded and a
 * merge is a union of sets.
 */
export class CrossSellRateFold implements OrderFold<CrossSellRateResult, CrossSellRateState> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  /** By customer row: the products seen, or `true`. */
  private readonly products: ProductSet[] = [];
  private crossSold = 0;

  constructor(
    private readonly options: Pick<CrossSellRateSettings, 'by' | 'minDistinct'>,
    private readonly scope: Scope,
  ) {}

  check(order: OrderView): void {
    if (this.options.by === 'category') requireLineCategories(order);
  }

  add(order: OrderView, customer: number): undefined {
    const before = this.products[customer];
    this.set(customer, before, addOrderProducts(before, order, this.options.by, this.options.minDistinct));
  }

  addKept(): void {}

  checkMerge(): void {}

  private set(customer: number, before: ProductSet | undefined, after: ProductSet): void {
    if (after === before) return;
    if (after === true) this.crossSold++;
    this.products[customer] = after;
  }

  merge(other: CrossSellRateFold, customers: Int32Array): void {
    other.products.forEach((products, row) => {
      const customer = customers[row]!;
      const before = this.products[customer];
      this.set(customer, before, unionProducts(before, products, this.options.minDistinct));
    });
  }

  isEmpty(): boolean {
    return this.scope.customers.size === 0;
  }

  result(): CrossSellRateResult {
    const counts = { crossSoldCustomers: this.crossSold, customers: this.scope.customers.size };
    return { value: crossSellRate(counts), ...counts };
  }

  toJSON(): CrossSellRateState {
    const ids = this.scope.customers.ids;
    return { customers: this.products.map((products, row) => [ids[row]!, products === true ? true : productList(products)]) };
  }

  readState(state: Readonly<Record<string, unknown>>): CrossSellRateState {
    const customers = stateEntries(state, 'customers', ['customerId', 'products'], (entry, path, id): [string, true | readonly string[]] => [id, readProductList(entry[1], `${path}[1]`, this.options.minDistinct, this.options.by)]);
    return { customers };
  }

  load(state: CrossSellRateState): void {
    for (const [customerId, products] of state.customers) {
      const customer = this.scope.customers.row(customerId);
      this.set(customer, undefined, productSetOf(products, this.options.minDistinct));
    }
  }
}
shape(CrossSellRateFold, { perCustomer: true, additive: false, stateFields: ['customers'] });

/** @internal */
export const crossSellRateSpec: FoldSpec<CrossSellRateFold, CrossSellRateSettings> = {
  kind: 'CrossSellRate',
  create: (options, scope) => new CrossSellRateFold(options, scope),
};
