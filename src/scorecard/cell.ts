import type { NormalizedOffer, NormalizedOrder, NormalizedVisit } from '../_internal/normalize.js';
import { MoneySum, SquareSum, amountFromNumber, amountText, fromDecimal, plus, type Amount } from '../_internal/amount.js';
import { distinctProducts, unionProducts, type ProductSet } from '../_internal/products.js';
import { mergedCurrency } from '../_internal/orderCurrency.js';
import { asStateError, invalidState, stateArray, stateId, stateObject } from '../_internal/state.js';
import { Decimal } from '../_internal/decimal.js';
import type { AccumulatorJSON } from '../core/accumulator.js';
import { AverageOrderValue, type AverageOrderValueResult } from '../kpis/averageOrderValue/AverageOrderValue.js';
import { averageOrderValue } from '../kpis/averageOrderValue/formula.js';
import { ConversionRateEngine } from '../kpis/conversionRate/accumulator.js';
import { CrossSellRate, type CrossSellRateResult } from '../kpis/crossSellRate/CrossSellRate.js';
import { crossSellRate } from '../kpis/crossSellRate/formula.js';
import { CustomerLifetimeValue, type CustomerLifetimeValueResult } from '../kpis/customerLifetimeValue/CustomerLifetimeValue.js';
import { customerLifetimeValue } from '../kpis/customerLifetimeValue/formula.js';
import { ItemsPerOrder, type ItemsPerOrderResult } from '../kpis/itemsPerOrder/ItemsPerOrder.js';
import { itemsPerOrder } from '../kpis/itemsPerOrder/formula.js';
import { OfferAcceptanceRateEngine } from '../kpis/offerAcceptanceRate/accumulator.js';
import { RepeatPurchaseRate, type RepeatPurchaseRateResult } from '../kpis/repeatPurchaseRate/RepeatPurchaseRate.js';
import { repeatPurchaseRate } from '../kpis/repeatPurchaseRate/formula.js';
import { RevenuePerConversion, type RevenuePerConversionResult } from '../kpis/revenuePerConversion/RevenuePerConversion.js';
import { revenuePerConversion } from '../kpis/revenuePerConversion/formula.js';
import { RevenueShare, type RevenueShareResult } from '../kpis/revenueShare/RevenueShare.js';
import { revenueShare } from '../kpis/revenueShare/formula.js';
import { TransactionCrossSellRate, type TransactionCrossSellRateResult } from '../kpis/transactionCrossSellRate/TransactionCrossSellRate.js';
import { transactionCrossSellRate } from '../kpis/transactionCrossSellRate/formula.js';
import { UpsellRate, type UpsellRateResult } from '../kpis/upsellRate/UpsellRate.js';
import { upsellRate } from '../kpis/upsellRate/formula.js';

/**
 * One (period × group) cell of the Scorecard.
 *
 * The order KPIs of a cell share one record per customer (products, upsold, orders, revenue) and
 * one set of order totals, so an order costs one customer lookup however many KPIs read it; the
 * Scorecard de-duplicates once, for all of them. Offers and visits go to their own accumulators.
 * Serialized, a cell writes each order KPI in the layout of its stand-alone accumulator (state
 * version 1), and reads it back through that accumulator's `fromJSON`, so both stay one format.
 * @internal
 * @module
 */

/** @internal The options every cell of one Scorecard shares. */
export interface CellOptions {
  by: 'sku' | 'category';
  minDistinct: number;
  currency: string | null;
}

/** One customer's part of a cell. */
interface Buyer {
  /** Saturating product set: cross-sold once `true`. */
  products: ProductSet;
  upsold: boolean;
  orders: number;
  revenue: Amount;
}

/** Revenue and orders of the lines attributed to one source. */
interface Attributed {
  readonly revenue: MoneySum;
  conversions: number;
}

const ORDER_PARTS = [
  'crossSellRate',
  'transactionCrossSellRate',
  'upsellRate',
  'repeatPurchaseRate',
  'averageOrderValue',
  'itemsPerOrder',
  'customerLifetimeValue',
  'revenuePerCrossSell',
  'revenuePerUpsell',
  'crossSellRevenueShare',
] as const;

type OrderPart = (typeof ORDER_PARTS)[number];

/** @internal */
export class Cell {
  /** The customers with an order in the cell, in the order they first bought, with their record. */
  readonly active = new Map<string, Buyer>();
  private crossSoldCustomers = 0;
  private upsoldCustomers = 0;
  private repeatCustomers = 0;
  private orders = 0;
  private crossSellOrders = 0;
  private readonly revenue = new MoneySum();
  private readonly squares = new SquareSum();
  private readonly items = new MoneySum();
  private readonly crossSell: Attributed = { revenue: new MoneySum(), conversions: 0 };
  private readonly upsell: Attributed = { revenue: new MoneySum(), conversions: 0 };
  /** The orders' currency; `undefined` before the first order. */
  private currency: string | null | undefined;
  crossSellAcceptanceRate = new OfferAcceptanceRateEngine({ kind: 'cross-sell' });
  upsellAcceptanceRate = new OfferAcceptanceRateEngine({ kind: 'upsell' });
  conversionRate = new ConversionRateEngine();

  constructor(readonly options: CellOptions) {}

  /** Adds a validated order whose currency and products the Scorecard has already checked. */
  addOrder(order: NormalizedOrder): void {
    const { by, minDistinct } = this.options;
    // Enough distinct products to decide both the transaction (2) and the customer (minDistinct).
    const products = distinctProducts(order, by, Math.max(2, minDistinct));
    let items: Amount = 0;
    let crossSellRevenue: Amount = 0;
    let upsellRevenue: Amount = 0;
    let crossSold = false;
    let upsold = false;
    for (const line of order.lines) {
      items = plus(items, amountFromNumber(line.quantity));
      if (line.source === 'cross-sell') {
        crossSellRevenue = plus(crossSellRevenue, line.revenue);
        crossSold = true;
      } else if (line.source === 'upsell') {
        upsellRevenue = plus(upsellRevenue, line.revenue);
        upsold = true;
      }
    }
    this.orders++;
    if (products.length >= 2) this.crossSellOrders++;
    this.revenue.add(order.revenue);
    this.squares.add(order.revenue);
    this.items.add(items);
    if (crossSold) attribute(this.crossSell, crossSellRevenue);
    if (upsold) attribute(this.upsell, upsellRevenue);
    this.currency = order.currency ?? this.options.currency;
    this.join(order.customerId, products.length >= minDistinct ? true : products, upsold, 1, order.revenue);
  }

  addOffer(offer: NormalizedOffer): void {
    (offer.kind === 'cross-sell' ? this.crossSellAcceptanceRate : this.upsellAcceptanceRate).addNormalized(offer);
  }

  addVisit(visit: NormalizedVisit): void {
    this.conversionRate.addNormalized(visit);
  }

  /** Folds a customer's orders into their record: set union, "ever upsold", sums. */
  private join(customerId: string, products: ProductSet, upsold: boolean, orders: number, revenue: Amount): void {
    const buyer = this.active.get(customerId);
    if (buyer === undefined) {
      const set = unionProducts(undefined, products, this.options.minDistinct);
      this.active.set(customerId, { products: set, upsold, orders, revenue });
      if (set === true) this.crossSoldCustomers++;
      if (upsold) this.upsoldCustomers++;
      if (orders >= 2) this.repeatCustomers++;
      return;
    }
    if (buyer.products !== true) {
      buyer.products = unionProducts(buyer.products, products, this.options.minDistinct);
      if (buyer.products === true) this.crossSoldCustomers++;
    }
    if (upsold && !buyer.upsold) {
      buyer.upsold = true;
      this.upsoldCustomers++;
    }
    if (buyer.orders < 2 && buyer.orders + orders >= 2) this.repeatCustomers++;
    buyer.orders += orders;
    buyer.revenue = plus(buyer.revenue, revenue);
  }

  /** Folds the other cell's orders in (the cells saw disjoint orders). */
  mergeOrders(other: Cell): void {
    for (const [customerId, buyer] of other.active) this.join(customerId, buyer.products, buyer.upsold, buyer.orders, buyer.revenue);
    this.orders += other.orders;
    this.crossSellOrders += other.crossSellOrders;
    this.revenue.addSum(other.revenue);
    this.squares.addSum(other.squares);
    this.items.addSum(other.items);
    mergeAttributed(this.crossSell, other.crossSell);
    mergeAttributed(this.upsell, other.upsell);
    this.currency = mergedCurrency(this.currency, other.currency);
  }

  /**
   * Folds the other cell's offers and visits in. Offers with an id and visitors count once however
   * the streams overlap; offers without an id cannot be recognised, so they add up.
   */
  mergeOffersAndVisits(other: Cell): void {
    this.crossSellAcceptanceRate.merge(other.crossSellAcceptanceRate);
    this.upsellAcceptanceRate.merge(other.upsellAcceptanceRate);
    this.conversionRate.merge(other.conversionRate);
  }

  /** The currency of the cell's orders; `undefined` without orders. */
  ordersCurrency(): string | null | undefined {
    return this.currency;
  }

  crossSellRate(): CrossSellRateResult {
    const counts = { crossSoldCustomers: this.crossSoldCustomers, customers: this.active.size };
    return { value: crossSellRate(counts), ...counts };
  }

  transactionCrossSellRate(): TransactionCrossSellRateResult {
    const counts = { crossSellOrders: this.crossSellOrders, orders: this.orders };
    return { value: transactionCrossSellRate(counts), ...counts };
  }

  upsellRate(): UpsellRateResult {
    const counts = { upsoldCustomers: this.upsoldCustomers, customers: this.active.size };
    return { value: upsellRate(counts), ...counts };
  }

  repeatPurchaseRate(): RepeatPurchaseRateResult {
    const counts = { repeatCustomers: this.repeatCustomers, customers: this.active.size };
    return { value: repeatPurchaseRate(counts), ...counts };
  }

  averageOrderValue(): AverageOrderValueResult {
    const revenue = this.revenue.value();
    const orders = this.orders;
    return { value: averageOrderValue({ revenue, orders }), revenue, orders, currency: this.resultCurrency() };
  }

  itemsPerOrder(): ItemsPerOrderResult {
    const counts = { items: this.items.value().toNumber(), orders: this.orders };
    return { value: itemsPerOrder(counts), ...counts };
  }

  customerLifetimeValue(): CustomerLifetimeValueResult {
    const revenue = this.revenue.value();
    const customers = this.active.size;
    return { value: customerLifetimeValue({ revenue, customers }), revenue, customers, currency: this.resultCurrency() };
  }

  revenuePerCrossSell(): RevenuePerConversionResult {
    return this.revenuePer(this.crossSell);
  }

  revenuePerUpsell(): RevenuePerConversionResult {
    return this.revenuePer(this.upsell);
  }

  crossSellRevenueShare(): RevenueShareResult {
    const part = this.crossSell.revenue.value();
    const total = this.revenue.value();
    return { value: revenueShare({ part, total }), part, total, currency: this.resultCurrency() };
  }

  private revenuePer(source: Attributed): RevenuePerConversionResult {
    const revenue = source.revenue.value();
    const conversions = source.conversions;
    return { value: revenuePerConversion({ revenue, conversions }), revenue, conversions, currency: this.resultCurrency() };
  }

  private resultCurrency(): string | null {
    return this.currency ?? this.options.currency;
  }

  /** Offers and visits as JSON; with `withOrders`, the order KPIs as well, each as its stand-alone accumulator writes it. */
  toJSON(withOrders: boolean): Record<string, unknown> {
    const json: Record<string, unknown> = {
      crossSellAcceptanceRate: this.crossSellAcceptanceRate.toJSON(),
      upsellAcceptanceRate: this.upsellAcceptanceRate.toJSON(),
      conversionRate: this.conversionRate.toJSON(),
    };
    if (!withOrders) return json;
    const { by, minDistinct, currency } = this.options;
    const seen = this.currency ?? null;
    const orders = this.orders;
    const revenue = this.revenue.value().toFixed();
    const buyers = [...this.active];
    const byId = buyers.map(([customerId, buyer]) => [customerId, amountText(buyer.revenue)] as const);
    byId.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const attributed = (source: 'cross-sell' | 'upsell', { revenue: sum, conversions }: Attributed): AccumulatorJSON =>
      part('RevenuePerConversion', { source, currency, dedupe: false }, { revenue: sum.value().toFixed(), conversions, orders, currency: seen });
    const parts: Record<OrderPart, AccumulatorJSON> = {
      crossSellRate: part('CrossSellRate', { by, minDistinct, dedupe: false }, { customers: buyers.map(([id, buyer]) => [id, buyer.products === true ? true : [...buyer.products]]) }),
      transactionCrossSellRate: part('TransactionCrossSellRate', { by, dedupe: false }, { crossSellOrders: this.crossSellOrders, orders }),
      upsellRate: part('UpsellRate', { dedupe: false }, { customers: buyers.map(([id, buyer]) => [id, buyer.upsold]) }),
      repeatPurchaseRate: part('RepeatPurchaseRate', { dedupe: false }, { customers: buyers.map(([id, buyer]) => [id, buyer.orders]) }),
      averageOrderValue: part('AverageOrderValue', { currency, dedupe: false }, { revenue, squares: this.squares.value().toFixed(), orders, currency: seen }),
      itemsPerOrder: part('ItemsPerOrder', { dedupe: false }, { items: this.items.value().toFixed(), orders }),
      customerLifetimeValue: part('CustomerLifetimeValue', { currency, dedupe: false }, { customers: byId, currency: seen }),
      revenuePerCrossSell: attributed('cross-sell', this.crossSell),
      revenuePerUpsell: attributed('upsell', this.upsell),
      crossSellRevenueShare: part(
        'RevenueShare',
        { source: 'cross-sell', currency, dedupe: false },
        { part: this.crossSell.revenue.value().toFixed(), total: revenue, orders, currency: seen },
      ),
    };
    return { ...json, ...parts, active: buyers.map(([id]) => id) };
  }

  /** Reads what {@link toJSON} wrote into this empty cell, validating every part and that the order parts agree. */
  load(value: unknown, path: string, withOrders: boolean): void {
    const parts = ['crossSellAcceptanceRate', 'upsellAcceptanceRate', 'conversionRate'];
    const json = stateObject(value, path, withOrders ? [...parts, ...ORDER_PARTS, 'active'] : parts);
    const read = <T extends { toJSON(): AccumulatorJSON }>(part: string, fromJSON: (json: unknown) => T, template: T): T => {
      const restored = asStateError(`${path}.${part}`, () => fromJSON(json[part]));
      if (JSON.stringify(restored.toJSON().options) !== JSON.stringify(template.toJSON().options)) throw invalidState(`${path}.${part}.options`, 'not the options of this Scorecard');
      return restored;
    };
    this.crossSellAcceptanceRate = read('crossSellAcceptanceRate', OfferAcceptanceRateEngine.fromJSON, this.crossSellAcceptanceRate);
    this.upsellAcceptanceRate = read('upsellAcceptanceRate', OfferAcceptanceRateEngine.fromJSON, this.upsellAcceptanceRate);
    this.conversionRate = read('conversionRate', ConversionRateEngine.fromJSON, this.conversionRate);
    if (!withOrders) return;

    // Each part is validated by its own accumulator; its canonical state is then read back.
    const { by, minDistinct, currency } = this.options;
    const state = <T extends { toJSON(): AccumulatorJSON }>(part: OrderPart, fromJSON: (json: unknown) => T, template: T): Record<string, unknown> =>
      read(part, fromJSON, template).toJSON().state;
    const money = { currency, dedupe: false };
    const csr = state('crossSellRate', CrossSellRate.fromJSON, new CrossSellRate({ by, minDistinct, dedupe: false }));
    const tcsr = state('transactionCrossSellRate', TransactionCrossSellRate.fromJSON, new TransactionCrossSellRate({ by, dedupe: false }));
    const upsell = state('upsellRate', UpsellRate.fromJSON, new UpsellRate({ dedupe: false }));
    const repeat = state('repeatPurchaseRate', RepeatPurchaseRate.fromJSON, new RepeatPurchaseRate({ dedupe: false }));
    const aov = state('averageOrderValue', AverageOrderValue.fromJSON, new AverageOrderValue(money));
    const items = state('itemsPerOrder', ItemsPerOrder.fromJSON, new ItemsPerOrder({ dedupe: false }));
    const clv = state('customerLifetimeValue', CustomerLifetimeValue.fromJSON, new CustomerLifetimeValue(money));
    const perCrossSell = state('revenuePerCrossSell', RevenuePerConversion.fromJSON, new RevenuePerConversion({ source: 'cross-sell', ...money }));
    const perUpsell = state('revenuePerUpsell', RevenuePerConversion.fromJSON, new RevenuePerConversion({ source: 'upsell', ...money }));
    const share = state('crossSellRevenueShare', RevenueShare.fromJSON, new RevenueShare({ source: 'cross-sell', ...money }));

    const active = stateArray(json['active'], `${path}.active`).map((customer, index) => stateId(customer, `${path}.active[${index}]`));
    if (new Set(active).size !== active.length) throw invalidState(`${path}.active`, 'a customer appears twice');
    const productsOf = customerMap(csr, active, `${path}.crossSellRate`) as Map<string, ProductSet>;
    const upsoldOf = customerMap(upsell, active, `${path}.upsellRate`) as Map<string, boolean>;
    const ordersOf = customerMap(repeat, active, `${path}.repeatPurchaseRate`) as Map<string, number>;
    const revenueOf = customerMap(clv, active, `${path}.customerLifetimeValue`) as Map<string, string>;
    for (const customerId of active) {
      this.join(customerId, productsOf.get(customerId)!, upsoldOf.get(customerId)!, ordersOf.get(customerId)!, fromDecimal(new Decimal(revenueOf.get(customerId)!)));
    }

    const orders = aov['orders'] as number;
    agree(path, 'orders', [tcsr['orders'], items['orders'], perCrossSell['orders'], perUpsell['orders'], share['orders'], [...ordersOf.values()].reduce((sum, n) => sum + n, 0)], orders);
    agree(path, 'revenue', [share['total'], [...this.active.values()].reduce((sum: Amount, buyer) => plus(sum, buyer.revenue), 0)].map((amount) => (typeof amount === 'string' ? amount : amountText(amount as Amount))), aov['revenue']);
    agree(path, 'cross-sell revenue', [share['part']], perCrossSell['revenue']);
    agree(path, 'currency', [clv['currency'], perCrossSell['currency'], perUpsell['currency'], share['currency']], aov['currency']);
    this.orders = orders;
    this.crossSellOrders = tcsr['crossSellOrders'] as number;
    this.revenue.add(fromDecimal(new Decimal(aov['revenue'] as string)));
    this.squares.addValue(new Decimal(aov['squares'] as string));
    this.items.add(fromDecimal(new Decimal(items['items'] as string)));
    attribute(this.crossSell, fromDecimal(new Decimal(perCrossSell['revenue'] as string)), perCrossSell['conversions'] as number);
    attribute(this.upsell, fromDecimal(new Decimal(perUpsell['revenue'] as string)), perUpsell['conversions'] as number);
    this.currency = orders === 0 ? undefined : (aov['currency'] as string | null);
  }
}

function part(kind: string, options: Record<string, unknown>, state: Record<string, unknown>): AccumulatorJSON {
  return { kind, version: 1, options, state };
}

function attribute(source: Attributed, revenue: Amount, conversions = 1): void {
  source.revenue.add(revenue);
  source.conversions += conversions;
}

function mergeAttributed(into: Attributed, from: Attributed): void {
  into.revenue.addSum(from.revenue);
  into.conversions += from.conversions;
}

/** A part's `state.customers` as a Map, checked to hold exactly the cell's active customers. */
function customerMap(state: Record<string, unknown>, active: readonly string[], path: string): Map<string, unknown> {
  const customers = new Map((state['customers'] as [string, unknown][]).map(([customerId, value]) => [customerId, value]));
  if (customers.size !== active.length || active.some((customerId) => !customers.has(customerId))) {
    throw invalidState(`${path}.state.customers`, "does not hold the cell's active customers");
  }
  return customers;
}

/** Throws unless every figure equals `expected`: the order parts of one cell describe the same orders. */
function agree(path: string, what: string, figures: readonly unknown[], expected: unknown): void {
  if (figures.some((figure) => figure !== expected)) throw invalidState(path, `the order parts disagree on the ${what}`);
}
