import type { Amount } from '../_internal/amount.js';
import type { Decimal } from '../core/decimal.js';
import type { AnyFold, Json, Scope } from '../_internal/fold.js';
import { IdTable } from '../_internal/idTable.js';
import { KeptColumn } from '../_internal/keptColumn.js';
import type { OfferView } from '../_internal/offerView.js';
import type { OrderView } from '../_internal/orderView.js';
import { isKpiError } from '../core/KpiError.js';
import { invalidState, stateObject } from '../_internal/state.js';
import type { VisitView } from '../_internal/visitView.js';
import { averageOrderValueSettings, averageOrderValueSpec, type AverageOrderValueFold } from '../kpis/averageOrderValue/fold.js';
import { conversionRateSettings, conversionRateSpec } from '../kpis/conversionRate/fold.js';
import { crossSellRateSettings, crossSellRateSpec, type CrossSellRateFold } from '../kpis/crossSellRate/fold.js';
import { customerLifetimeValueSettings, customerLifetimeValueSpec, type CustomerLifetimeValueFold } from '../kpis/customerLifetimeValue/fold.js';
import { itemsPerOrderSettings, itemsPerOrderSpec, type ItemsPerOrderFold } from '../kpis/itemsPerOrder/fold.js';
import { NetRevenueFold, netRevenueSettings, netRevenueSpec } from '../kpis/netRevenue/fold.js';
import { offerAcceptanceRateSettings, offerAcceptanceRateSpec } from '../kpis/offerAcceptanceRate/fold.js';
import { repeatPurchaseRateSettings, repeatPurchaseRateSpec, type RepeatPurchaseRateFold } from '../kpis/repeatPurchaseRate/fold.js';
import { revenuePerConversionSettings, revenuePerConversionSpec, type RevenuePerConversionFold } from '../kpis/revenuePerConversion/fold.js';
import { revenueShareSettings, revenueShareSpec, type RevenueShareFold } from '../kpis/revenueShare/fold.js';
import { transactionCrossSellRateSettings, transactionCrossSellRateSpec, type TransactionCrossSellRateFold } from '../kpis/transactionCrossSellRate/fold.js';
import { upsellRateSettings, upsellRateSpec, type UpsellRateFold } from '../kpis/upsellRate/fold.js';
import type { EngineOptions, FoldSpec } from '../_internal/orderEngine.js';

/**
 * One (period × group) cell of the Scorecard: the folds of the KPIs of a row, the same folds the
 * stand-alone accumulators run, over one shared numbering of the cell's customers (and one of its
 * visitors). The Scorecard reads and checks each event once and hands the view to its cells; a
 * cell only passes it to each fold. No KPI is counted here.
 * @internal
 * @module
 */

/** @internal The options every cell of one Scorecard shares. */
export interface CellOptions {
  by: 'sku' | 'category';
  minDistinct: number;
  currency: string | null;
}

/** @internal The order KPIs of a row, in the order a cell runs (and a saved order's contributions list) them. */
export const ORDER_KPIS = [
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
  'netRevenue',
] as const;

/** @internal The offer KPIs of a row. */
export const OFFER_KPIS = ['crossSellAcceptanceRate', 'upsellAcceptanceRate'] as const;
/** @internal The KPIs of offers and visits, made in a cell with its first offer or visit. */
export const EVENT_KPIS = [...OFFER_KPIS, 'conversionRate'] as const;
/** @internal Every KPI a cell counts, in the order its state lists them. */
export const CELL_KPIS = [...ORDER_KPIS, ...EVENT_KPIS] as const;

/** @internal An order KPI of a row. */
export type OrderKpi = (typeof ORDER_KPIS)[number];
type OfferKpi = (typeof OFFER_KPIS)[number];
type EventKpi = (typeof EVENT_KPIS)[number];
/** @internal Every KPI a cell counts (retention and churn compare two cells' customers). */
export type CellKpi = OrderKpi | OfferKpi | 'conversionRate';

interface Planned {
  readonly spec: FoldSpec<AnyFold, EngineOptions>;
  readonly settings: EngineOptions;
  /** Reads saved options of the KPI's stand-alone accumulator. */
  readonly read: (options: unknown) => EngineOptions;
}

/** @internal Which fold, with which options, counts each KPI of a row: made once per Scorecard. */
export class CellPlan {
  readonly kpis: Readonly<Record<CellKpi, Planned>>;
  /** The order KPIs whose counts add up per order: a de-duplicated merge replays what each order added. */
  readonly additive: readonly OrderKpi[] = ADDITIVE;
  /** Empty event KPIs, read (never changed) for the cells that have no offer or visit. */
  readonly blank: EventFolds;

  constructor(readonly options: CellOptions) {
    const { by, minDistinct, currency } = options;
    const plan = <F extends AnyFold, O extends EngineOptions>(spec: FoldSpec<F, O>, read: (options: unknown) => O, options: object): Planned => ({
      spec: spec as FoldSpec<AnyFold, EngineOptions>,
      settings: read(options),
      read,
    });
    this.kpis = {
      crossSellRate: plan(crossSellRateSpec, crossSellRateSettings, { by, minDistinct, dedupe: false }),
      transactionCrossSellRate: plan(transactionCrossSellRateSpec, transactionCrossSellRateSettings, { by, dedupe: false }),
      upsellRate: plan(upsellRateSpec, upsellRateSettings, { dedupe: false }),
      repeatPurchaseRate: plan(repeatPurchaseRateSpec, repeatPurchaseRateSettings, { dedupe: false }),
      averageOrderValue: plan(averageOrderValueSpec, averageOrderValueSettings, { currency, dedupe: false }),
      itemsPerOrder: plan(itemsPerOrderSpec, itemsPerOrderSettings, { dedupe: false }),
      customerLifetimeValue: plan(customerLifetimeValueSpec, customerLifetimeValueSettings, { currency, dedupe: false }),
      revenuePerCrossSell: plan(revenuePerConversionSpec, revenuePerConversionSettings, { source: 'cross-sell', currency, dedupe: false }),
      revenuePerUpsell: plan(revenuePerConversionSpec, revenuePerConversionSettings, { source: 'upsell', currency, dedupe: false }),
      crossSellRevenueShare: plan(revenueShareSpec, revenueShareSettings, { source: 'cross-sell', currency, dedupe: false }),
      netRevenue: plan(netRevenueSpec, netRevenueSettings, { currency, dedupe: false }),
      crossSellAcceptanceRate: plan(offerAcceptanceRateSpec, offerAcceptanceRateSettings, { kind: 'cross-sell' }),
      upsellAcceptanceRate: plan(offerAcceptanceRateSpec, offerAcceptanceRateSettings, { kind: 'upsell' }),
      conversionRate: plan(conversionRateSpec, conversionRateSettings, {}),
    };
    // The cell writes what each additive fold keeps by name: a fold that changes family must be named there.
    const probe = new Cell(this);
    this.blank = probe.events();
    const additive = ORDER_KPIS.filter((kpi) => probe.folds[kpi].additive);
    if (additive.join() !== ADDITIVE.join()) throw new Error(`xsell-kpi internal error: the additive Scorecard KPIs are ${additive.join(', ')}`);
  }

  /** Empty columns for what orders add to the additive KPIs. */
  keptColumns(): KeptColumns {
    return Object.fromEntries(KEPT_KPIS.map((kpi) => [kpi, new KeptColumn()]));
  }
}

/** @internal The folds of a cell's offers and visits, and its visitors. */
export type EventFolds = Record<EventKpi, AnyFold> & { readonly visitors: Scope };

/** @internal What orders added to the additive folds of cells, by additive KPI, then by order row. */
export type KeptColumns = Partial<Record<OrderKpi, KeptColumn>>;

/** @internal The order KPIs whose counts add up per order, as the Scorecard keeps them for de-duplicated merges. */
const ADDITIVE: readonly OrderKpi[] = ['transactionCrossSellRate', 'repeatPurchaseRate', 'averageOrderValue', 'itemsPerOrder', 'customerLifetimeValue', 'revenuePerCrossSell', 'revenuePerUpsell', 'crossSellRevenueShare', 'netRevenue'];
/**
 * @internal The additive KPIs whose contribution an order's row keeps, in the order a saved order
 * lists them: customerLifetimeValue and netRevenue keep the order's revenue, which
 * averageOrderValue keeps already, and repeatPurchaseRate nothing but the customer.
 */
export const KEPT_KPIS: readonly OrderKpi[] = ['transactionCrossSellRate', 'averageOrderValue', 'itemsPerOrder', 'revenuePerCrossSell', 'revenuePerUpsell', 'crossSellRevenueShare'];

/** @internal */
export class Cell {
  /** The cell's customers: those with an order in it. */
  readonly customers: Scope = { customers: new IdTable() };
  /** The order KPIs' folds. */
  readonly folds: Readonly<Record<OrderKpi, AnyFold>>;
  /** The offer and visit KPIs' folds and the visitors, from the cell's first offer or visit. */
  private eventFolds: EventFolds | undefined;
  // The order folds again, each in a field of its own class, so that counting an order calls
  // each one from a call site that only ever sees that class.
  private readonly crossSellRate: CrossSellRateFold;
  private readonly transactionCrossSellRate: TransactionCrossSellRateFold;
  private readonly upsellRate: UpsellRateFold;
  private readonly repeatPurchaseRate: RepeatPurchaseRateFold;
  private readonly averageOrderValue: AverageOrderValueFold;
  private readonly itemsPerOrder: ItemsPerOrderFold;
  private readonly customerLifetimeValue: CustomerLifetimeValueFold;
  private readonly revenuePerCrossSell: RevenuePerConversionFold;
  private readonly revenuePerUpsell: RevenuePerConversionFold;
  private readonly crossSellRevenueShare: RevenueShareFold;
  private readonly netRevenue: NetRevenueFold;

  constructor(readonly plan: CellPlan) {
    const folds = {} as Record<OrderKpi, AnyFold>;
    for (const kpi of ORDER_KPIS) folds[kpi] = plan.kpis[kpi].spec.create(plan.kpis[kpi].settings, this.customers);
    this.folds = folds;
    this.crossSellRate = folds.crossSellRate as CrossSellRateFold;
    this.transactionCrossSellRate = folds.transactionCrossSellRate as TransactionCrossSellRateFold;
    this.upsellRate = folds.upsellRate as UpsellRateFold;
    this.repeatPurchaseRate = folds.repeatPurchaseRate as RepeatPurchaseRateFold;
    this.averageOrderValue = folds.averageOrderValue as AverageOrderValueFold;
    this.itemsPerOrder = folds.itemsPerOrder as ItemsPerOrderFold;
    this.customerLifetimeValue = folds.customerLifetimeValue as CustomerLifetimeValueFold;
    this.revenuePerCrossSell = folds.revenuePerCrossSell as RevenuePerConversionFold;
    this.revenuePerUpsell = folds.revenuePerUpsell as RevenuePerConversionFold;
    this.crossSellRevenueShare = folds.crossSellRevenueShare as RevenueShareFold;
    this.netRevenue = folds.netRevenue as NetRevenueFold;
  }

  /** Throws when an order KPI cannot count the order (say, a count at its limit); changes nothing. */
  checkOrder(order: OrderView): void {
    this.crossSellRate.check(order);
    this.transactionCrossSellRate.check(order);
    this.upsellRate.check();
    this.repeatPurchaseRate.check();
    this.averageOrderValue.check();
    this.itemsPerOrder.check();
    this.customerLifetimeValue.check();
    this.revenuePerCrossSell.check();
    this.revenuePerUpsell.check();
    this.crossSellRevenueShare.check();
    this.netRevenue.check();
  }

  /**
   * Counts a checked order and returns its customer's row (-1 for a guest, whom the KPIs per
   * customer leave out); with `kept`, records what it added under `row`.
   */
  addOrder(order: OrderView, kept?: KeptColumns, row = 0): number {
    const customerId = order.customerId;
    const customer = customerId === null ? -1 : this.customers.customers.row(customerId);
    if (customer >= 0) {
      this.crossSellRate.add(order, customer);
      this.upsellRate.add(order, customer);
      this.repeatPurchaseRate.add(order, customer);
      this.customerLifetimeValue.add(order, customer);
    }
    const crossSell = this.transactionCrossSellRate.add(order);
    const revenue = this.averageOrderValue.add(order);
    const items = this.itemsPerOrder.add(order);
    const crossSellRevenue = this.revenuePerCrossSell.add(order);
    const upsellRevenue = this.revenuePerUpsell.add(order);
    const share = this.crossSellRevenueShare.add(order);
    this.netRevenue.add(order);
    if (kept !== undefined) {
      // An order's revenue (kept by averageOrderValue) is what customerLifetimeValue keeps too.
      kept.transactionCrossSellRate!.set(row, crossSell);
      kept.averageOrderValue!.set(row, revenue);
      kept.itemsPerOrder!.set(row, items);
      kept.revenuePerCrossSell!.set(row, crossSellRevenue);
      kept.revenuePerUpsell!.set(row, upsellRevenue);
      kept.crossSellRevenueShare!.set(row, share);
    }
    return customer;
  }

  /** Counts again what an order added (recorded by {@link addOrder}) for the customer of `customerId` (`null`: a guest); returns the customer's row. */
  addKept(kept: KeptColumns, row: number, customerId: string | null): number {
    const customer = customerId === null ? -1 : this.customers.customers.row(customerId);
    for (const kpi of ADDITIVE) {
      const fold = this.folds[kpi];
      if (customer >= 0 || !fold.perCustomer) fold.addKept(keptOf(kept, kpi, row), customer);
    }
    return customer;
  }

  /** Counts money given back (a return in the cell's period and group). */
  addReturn(amount: Amount): void {
    this.netRevenue.addReturn(amount);
  }

  /** The fold of a KPI, to read (the plan's empty one for offers and visits the cell has none of). */
  fold(kpi: CellKpi): AnyFold {
    return kpi === 'crossSellAcceptanceRate' || kpi === 'upsellAcceptanceRate' || kpi === 'conversionRate' ? (this.eventFolds ?? this.plan.blank)[kpi] : this.folds[kpi];
  }

  /** The offer and visit folds and the visitors, made when new. */
  events(): EventFolds {
    if (this.eventFolds === undefined) {
      const visitors: Scope = { customers: new IdTable() };
      const make = (kpi: EventKpi, scope: Scope): AnyFold => this.plan.kpis[kpi].spec.create(this.plan.kpis[kpi].settings, scope);
      this.eventFolds = {
        visitors,
        crossSellAcceptanceRate: make('crossSellAcceptanceRate', this.customers),
        upsellAcceptanceRate: make('upsellAcceptanceRate', this.customers),
        conversionRate: make('conversionRate', visitors),
      };
    }
    return this.eventFolds;
  }

  /** Throws when an offer KPI cannot count the offer; changes nothing. */
  checkOffer(offer: OfferView): void {
    for (const kpi of OFFER_KPIS) this.fold(kpi).check(offer);
  }

  addOffer(offer: OfferView): void {
    const events = this.events();
    for (const kpi of OFFER_KPIS) events[kpi].add(offer, -1);
  }

  addVisit(visit: VisitView): void {
    const events = this.events();
    events.conversionRate.add(visit, events.visitors.customers.row(visit.visitorId));
  }

  /** Whether the cell has no event at all: no order, return, offer or visit (a cell is made by its first event). */
  isBlank(): boolean {
    const events = this.eventFolds;
    return !this.hasMoney() && (events === undefined || (events.visitors.customers.size === 0 && OFFER_KPIS.every((kpi) => events[kpi].isEmpty())));
  }

  /** Whether the cell has an order or a return (money results then carry their currency, else the option's). */
  hasMoney(): boolean {
    return !this.netRevenue.isEmpty();
  }

  /** Throws when merging `other` (or replaying its orders) would pass a limit; changes nothing. */
  checkMerge(other: Cell): void {
    for (const kpi of CELL_KPIS) this.fold(kpi).checkMerge(other.fold(kpi));
  }

  /**
   * Folds `other` in: offers and visits, the lattice order KPIs, and, unless the Scorecard replays
   * the other's fresh orders itself (`ordersReplayed`), the additive ones.
   */
  merge(other: Cell, ordersReplayed: boolean): void {
    const customers = mapRows(this.customers.customers, other.customers.customers);
    for (const kpi of ORDER_KPIS) {
      const fold = this.folds[kpi];
      if (!ordersReplayed || !fold.additive) fold.merge(other.folds[kpi], customers);
    }
    if (other.eventFolds === undefined) return;
    const events = this.events();
    for (const kpi of OFFER_KPIS) events[kpi].merge(other.eventFolds[kpi], customers);
    events.conversionRate.merge(other.eventFolds.conversionRate, mapRows(events.visitors.customers, other.eventFolds.visitors.customers));
  }

  /** Each KPI's state, as its stand-alone accumulator writes it. */
  toJSON(): Record<CellKpi, Json> {
    const json = {} as Record<CellKpi, Json>;
    for (const kpi of CELL_KPIS) json[kpi] = this.fold(kpi).toJSON() as Json;
    return json;
  }

  /**
   * Reads what {@link toJSON} wrote into this empty cell, validating each KPI's state and that they
   * agree. Before version 3 a cell had no net revenue: it is its orders' revenue, with no returns.
   */
  load(value: unknown, path: string, version: number): void {
    const kpis = version < 3 ? CELL_KPIS.filter((kpi) => kpi !== 'netRevenue') : CELL_KPIS;
    const json = stateObject(value, path, kpis);
    const events = this.events();
    for (const kpi of kpis) {
      const fold = kpi === 'crossSellAcceptanceRate' || kpi === 'upsellAcceptanceRate' || kpi === 'conversionRate' ? events[kpi] : this.folds[kpi];
      const state = stateObject(json[kpi], `${path}.${kpi}`, fold.stateFields);
      fold.load(within(`${path}.${kpi}`, () => fold.readState(state)));
    }
    if (version < 3) this.netRevenueFromOrders();
    this.verify(path);
  }

  /** Fills net revenue of a cell read from a version without it: its orders' revenue, no returns. */
  netRevenueFromOrders(): void {
    this.netRevenue.merge(asNetRevenue(this.averageOrderValue));
  }

  /**
   * Throws unless the order KPIs describe the same orders: the same customers in every per-customer
   * KPI, and the same number of orders and revenue wherever two KPIs count them.
   */
  verify(path: string): void {
    const customers = this.customers.customers.size;
    /** The per-customer KPIs' `[customerId, …]` entries, each listed once. */
    const lists: Partial<Record<OrderKpi, readonly (readonly unknown[])[]>> = {};
    for (const kpi of ORDER_KPIS) {
      const fold = this.folds[kpi];
      if (!fold.perCustomer) continue;
      lists[kpi] = listed(fold);
      if (lists[kpi].length !== customers) throw invalidState(`${path}.${kpi}`, "does not hold the cell's customers");
    }
    const result = (kpi: OrderKpi): Record<string, unknown> => this.folds[kpi].result(null) as Record<string, unknown>;
    const aov = result('averageOrderValue');
    const orders = aov['orders'] as number;
    const revenue = aov['revenue'] as Decimal;
    // Guest orders count in the order KPIs and in none per customer: those count at most as many orders and as much revenue.
    const customerOrders = lists.repeatPurchaseRate!.reduce((sum: number, [, count]) => sum + (count as number), 0);
    const customerRevenue = result('customerLifetimeValue')['revenue'] as Decimal;
    const agree: [string, boolean][] = [
      ['orders', [result('transactionCrossSellRate')['orders'], result('itemsPerOrder')['orders'], this.netRevenue.orderCount()].every((count) => count === orders) && customerOrders <= orders],
      ['customers', customers <= customerOrders && (customers === 0) === (customerOrders === 0)],
      ['revenue', [result('crossSellRevenueShare')['total'], result('netRevenue')['grossRevenue']].every((amount) => String(amount) === String(revenue)) && customerRevenue.lte(revenue)],
      ['cross-sell revenue', String(result('crossSellRevenueShare')['part']) === String(result('revenuePerCrossSell')['revenue'])],
    ];
    for (const [what, same] of agree) if (!same) throw invalidState(path, `the order KPIs disagree on the ${what}`);
    this.verifySources(path, orders, revenue, lists);
  }

  /**
   * Throws unless the KPIs of cross-sell and upsell lines fit the orders: each counts every order,
   * the lines of the two sources are worth at most the orders' revenue, and the orders with an
   * upsell line (or with two products) fit the customers flagged as upsold (or with two products).
   */
  private verifySources(path: string, orders: number, revenue: Decimal, lists: Partial<Record<OrderKpi, readonly (readonly unknown[])[]>>): void {
    const result = (kpi: OrderKpi): Record<string, unknown> => this.folds[kpi].result(null) as Record<string, unknown>;
    for (const kpi of ['revenuePerCrossSell', 'revenuePerUpsell', 'crossSellRevenueShare'] as const) {
      if ((this.folds[kpi].toJSON() as { orders?: unknown }).orders !== orders) throw invalidState(`${path}.${kpi}.orders`, `expected the ${orders} orders of averageOrderValue`);
    }
    const upsell = result('revenuePerUpsell');
    const sources = (result('revenuePerCrossSell')['revenue'] as Decimal).plus(upsell['revenue'] as Decimal);
    if (sources.gt(revenue)) throw invalidState(`${path}.revenuePerUpsell.revenue`, "with the cross-sell revenue, exceeds the orders' revenue (averageOrderValue)");
    // A customer's orders (repeatPurchaseRate), by whether the customer was upsold or bought one product only.
    const ordersOf = new Map(lists.repeatPurchaseRate!.map(([customerId, count]) => [customerId, count as number]));
    let upsold = 0;
    let notUpsold = 0;
    for (const [customerId, flag] of lists.upsellRate!) {
      if (flag === true) upsold++;
      else notUpsold += ordersOf.get(customerId) ?? 0;
    }
    const conversions = upsell['conversions'] as number;
    if (conversions < upsold || conversions > orders - notUpsold) {
      throw invalidState(`${path}.revenuePerUpsell.conversions`, `expected ${upsold} to ${orders - notUpsold} orders with an upsell line: at least one per upsold customer, none of the others' (upsellRate)`);
    }
    let oneProduct = 0;
    for (const [customerId, products] of lists.crossSellRate!) {
      if (Array.isArray(products) && products.length === 1) oneProduct += ordersOf.get(customerId) ?? 0;
    }
    const twoProducts = result('transactionCrossSellRate')['crossSellOrders'] as number;
    if (twoProducts > orders - oneProduct) {
      throw invalidState(`${path}.transactionCrossSellRate.crossSellOrders`, `expected at most ${orders - oneProduct} orders with two products: none of a customer who bought one product (crossSellRate)`);
    }
  }
}

/** @internal What an order kept for an additive KPI (customerLifetimeValue and netRevenue keep what averageOrderValue does; repeatPurchaseRate nothing). */
export function keptOf(kept: KeptColumns, kpi: OrderKpi, row: number): unknown {
  if (kpi === 'customerLifetimeValue' || kpi === 'netRevenue') return kept.averageOrderValue!.get(row);
  return kpi === 'repeatPurchaseRate' ? undefined : kept[kpi]!.get(row);
}

/** The `[customerId, …]` entries of a per-customer fold's state. */
function listed(fold: AnyFold): readonly (readonly unknown[])[] {
  const state = fold.toJSON() as { customers?: unknown };
  return Array.isArray(state.customers) ? (state.customers as (readonly unknown[])[]) : [];
}

/** Runs a state reader whose paths start at `state.`, with its paths moved under `path`. */
function within<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isKpiError(error) && error.code === 'INVALID_STATE') throw invalidState(error.path.startsWith('state.') ? `${path}.${error.path.slice(6)}` : path, error.message);
    throw error;
  }
}

/** @internal The rows of `from`'s ids in `into`, ids new to `into` added. */
export function mapRows(into: IdTable, from: IdTable): Int32Array {
  const map = new Int32Array(from.size);
  for (let row = 0; row < from.size; row++) map[row] = into.row(from.ids[row]!);
  return map;
}

/** Net revenue of orders without returns: what a cell saved before version 3 had. */
function asNetRevenue(orders: AverageOrderValueFold): NetRevenueFold {
  const { revenue, orders: count } = orders.result(null);
  const fold = new NetRevenueFold();
  fold.load({ grossRevenue: revenue.toFixed(), orders: count, returns: '0', returnCount: 0 });
  return fold;
}
