import type { Accumulator, AccumulatorJSON } from '../core/accumulator.js';
import { KpiError, isKpiError } from '../core/KpiError.js';
import { isCurrencyCode } from '../core/currency.js';
import type { CommerceEvent } from '../core/events.js';
import type { Grain } from '../core/time.js';
import { compareActive, type ActiveCustomers } from '../_internal/activity.js';
import { ordinalOfPeriodKey, periodKeyOfOrdinal, periodOrdinal, zone, type Zone } from '../_internal/calendar.js';
import { offerFingerprintV1 } from '../_internal/fingerprintV1.js';
import { hashKey } from '../_internal/hash.js';
import { hostError } from '../_internal/hostError.js';
import { IdTable, withRow } from '../_internal/idTable.js';
import { PeriodSpan } from '../_internal/periodSpan.js';
import { brand, incompatibleOptions, mergeable } from '../_internal/merge.js';
import { createOfferView, offerFingerprint, readOffer } from '../_internal/offerView.js';
import { sameOptions } from '../_internal/options.js';
import { conflicting, restoreEngine } from '../_internal/orderEngine.js';
import { mergedCurrency, orderCurrency } from '../_internal/orderCurrency.js';
import { createOrderView, orderFingerprint, readId, readOrder, record } from '../_internal/orderView.js';
import { createReturnView, readReturn, returnFingerprint } from '../_internal/returnView.js';
import { amountText, fromDecimal, type Amount } from '../_internal/amount.js';
import { show } from '../_internal/show.js';
import { asStateError, invalidState, readHeader, sameState, stateArray, stateCount, stateCurrency, stateId, stateMoney, stateObject, stateRowSet, stateString } from '../_internal/state.js';
import { createVisitView, readVisit } from '../_internal/visitView.js';
import type { AverageOrderValueResult } from '../kpis/averageOrderValue/AverageOrderValue.js';
import type { ChurnRateResult } from '../kpis/churnRate/ChurnRate.js';
import { churnRate } from '../kpis/churnRate/formula.js';
import type { ConversionRateResult } from '../kpis/conversionRate/ConversionRate.js';
import type { CrossSellRateResult } from '../kpis/crossSellRate/CrossSellRate.js';
import type { CustomerLifetimeValueResult } from '../kpis/customerLifetimeValue/CustomerLifetimeValue.js';
import type { ItemsPerOrderResult } from '../kpis/itemsPerOrder/ItemsPerOrder.js';
import type { NetRevenueResult } from '../kpis/netRevenue/NetRevenue.js';
import type { OfferAcceptanceRateResult } from '../kpis/offerAcceptanceRate/OfferAcceptanceRate.js';
import type { OfferAcceptanceRateState } from '../kpis/offerAcceptanceRate/fold.js';
import type { RepeatPurchaseRateResult } from '../kpis/repeatPurchaseRate/RepeatPurchaseRate.js';
import type { RetentionRateResult } from '../kpis/retentionRate/RetentionRate.js';
import { retentionRate } from '../kpis/retentionRate/formula.js';
import type { RevenuePerConversionResult } from '../kpis/revenuePerConversion/RevenuePerConversion.js';
import type { RevenueShareResult } from '../kpis/revenueShare/RevenueShare.js';
import type { TransactionCrossSellRateResult } from '../kpis/transactionCrossSellRate/TransactionCrossSellRate.js';
import type { UpsellRateResult } from '../kpis/upsellRate/UpsellRate.js';
import { Cell, CellPlan, KEPT_KPIS, OFFER_KPIS, ORDER_KPIS, mapRows, type CellKpi, type KeptColumns } from './cell.js';
import { scorecardOptions, type ScorecardSettings as Options } from './settings.js';

/**
 * Options of {@link Scorecard}.
 * @category Scorecard
 */
export interface ScorecardOptions {
  /** The period of each row: `'month'` by default. */
  grain?: Grain;
  /** The IANA time zone periods are counted in: `'UTC'` by default. */
  timeZone?: string;
  /**
   * The most periods from the first to the last event (`result()` has a row for each): 10,000 by
   * default. An event that would stretch them further is `INVALID_TIMESTAMP`, naming both ends.
   */
  maxPeriods?: number;
  /** Dimensions to group rows by: `'channel'`, `'segment'` or any key of `dimensions`; none by default. */
  groupBy?: string[];
  /** What counts as a distinct product for the cross-sell rates: `'sku'` (default) or `'category'`. */
  by?: 'sku' | 'category';
  /** How many distinct products make a customer cross-sold; 2 by default. */
  minDistinct?: number;
  /** ISO 4217 code for orders (and returns) that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`), offers (same `offerId`) and returns (same `returnId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * One row of a {@link Scorecard}: every KPI for one period and one group (or the period's total).
 *
 * @remarks
 * Each field is exactly what the matching accumulator's `result()` gives over the row's events.
 * Retention and churn compare the row's customers with the same group's customers in the
 * calendar period just before.
 *
 * @category Scorecard
 */
export interface ScorecardRow {
  /** The period's key, such as `'2026-11'`. */
  period: string;
  /** The group's dimension values, such as `{ channel: 'web' }`; `{}` for the period's total row. */
  group: Record<string, string>;
  /** Customer cross-sell rate. */
  crossSellRate: CrossSellRateResult;
  /** Transaction cross-sell rate. */
  transactionCrossSellRate: TransactionCrossSellRateResult;
  /** Upsell rate. */
  upsellRate: UpsellRateResult;
  /** Acceptance rate of cross-sell offers. */
  crossSellAcceptanceRate: OfferAcceptanceRateResult;
  /** Acceptance rate of upsell offers. */
  upsellAcceptanceRate: OfferAcceptanceRateResult;
  /** Visitor conversion rate. */
  conversionRate: ConversionRateResult;
  /** Repeat purchase rate. */
  repeatPurchaseRate: RepeatPurchaseRateResult;
  /** Retention against the same group's previous period. */
  retentionRate: RetentionRateResult;
  /** Churn against the same group's previous period. */
  churnRate: ChurnRateResult;
  /** Average order value. */
  averageOrderValue: AverageOrderValueResult;
  /** Items per order. */
  itemsPerOrder: ItemsPerOrderResult;
  /** Historical customer lifetime value. */
  customerLifetimeValue: CustomerLifetimeValueResult;
  /** Revenue per order with a cross-sold line. */
  revenuePerCrossSell: RevenuePerConversionResult;
  /** Revenue per order with an upsold line. */
  revenuePerUpsell: RevenuePerConversionResult;
  /** Share of revenue from cross-sold lines. */
  crossSellRevenueShare: RevenueShareResult;
  /** The orders' revenue less the returns booked in the row's period and group. */
  netRevenue: NetRevenueResult;
}

/**
 * Every KPI for each period and group, from one pass over orders, offers and visits.
 *
 * @remarks
 * Reads any {@link CommerceEvent}. Rows are sorted by period, then group: for every period from
 * the first to the last with an event, a total row (`group: {}`) first, then one row per group
 * with at least one event in the period (groups in code-unit order of their values; an event
 * without a `groupBy` dimension is in group value `''`). Guest orders (no `customerId`) count in
 * the order KPIs and in none per customer; a {@link Return} counts in `netRevenue` of its own
 * period and group, and every other KPI stays gross. Obeys the laws of every accumulator:
 * order-free, mergeable, serializable, at-least-once safe. Each row's KPIs are counted by the
 * same folds as the stand-alone accumulators, one set per (period × group) cell, and a total cell
 * per period is kept up to date as events come. With `dedupe` (the default) it keeps each order's
 * id, fingerprint, cell, customer and what it added to the sums (not the order), so re-deliveries
 * count once and overlapping streams merge exactly. `add` is O(lines); `result` is O(customers).
 *
 * @example
 * ```ts
 * import { Scorecard } from 'xsell-kpi';
 * const scorecard = new Scorecard({ grain: 'month', groupBy: ['channel'], currency: 'EUR' });
 * scorecard.addAll([
 *   { orderId: 'o1', customerId: 'ann', channel: 'web', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29', source: 'cross-sell' }] },
 *   { orderId: 'o2', customerId: 'bob', channel: 'store', timestamp: '2026-11-03T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }] },
 *   { type: 'visit', visitorId: 'v1', channel: 'web', timestamp: '2026-11-02T09:55:00Z', converted: true },
 * ]);
 * const [total, store, web] = scorecard.result();
 * [total.period, total.group, store.group, web.group]; // => ['2026-11', {}, { channel: 'store' }, { channel: 'web' }]
 * total.crossSellRate; // => { value: 0.5, crossSoldCustomers: 1, customers: 2 }
 * total.averageOrderValue.value?.toString(); // => '1013.5'
 * web.crossSellRevenueShare.part.toString(); // => '29'
 * web.conversionRate.value; // => 1
 * ```
 * @category Scorecard
 */
export class Scorecard implements Accumulator<CommerceEvent, ScorecardRow[]> {
  #engine: ScorecardEngine;

  /**
   * @param options - `grain` (`'month'`), `timeZone` (`'UTC'`), `groupBy` (none), `by` (`'sku'`), `minDistinct` (2), `currency` (none), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`, `INVALID_CURRENCY`.
   */
  constructor(options?: ScorecardOptions) {
    this.#engine = new ScorecardEngine(options);
    brand(this, 'Scorecard');
  }

  /**
   * The rows over `events`: `new Scorecard(options).addAll(events).result()`.
   *
   * @param events - Any iterable of orders, offers and visits.
   * @param options - As for the constructor.
   * @returns The rows.
   * @example
   * ```ts
   * import { Scorecard } from 'xsell-kpi';
   * Scorecard.of([]); // => []
   * ```
   */
  static of(events: Iterable<CommerceEvent>, options?: ScorecardOptions): ScorecardRow[] {
    return new Scorecard(options).addAll(events).result();
  }

  /**
   * Restores a scorecard from {@link Scorecard.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new scorecard with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { Scorecard } from 'xsell-kpi';
   * const scorecard = new Scorecard({ grain: 'week' });
   * scorecard.add({ type: 'visit', visitorId: 'v1', timestamp: '2026-12-31T12:00:00Z', converted: false });
   * Scorecard.fromJSON(JSON.parse(JSON.stringify(scorecard))).result()[0]?.period; // => '2026-W53'
   * ```
   */
  static fromJSON(json: unknown): Scorecard {
    const engine = ScorecardEngine.fromJSON(json);
    const restored = new Scorecard(engine.options);
    restored.#engine = engine;
    return restored;
  }

  add(event: CommerceEvent): this {
    this.#engine.add(event);
    return this;
  }

  addAll(events: Iterable<CommerceEvent>): this {
    this.#engine.addAll(events);
    return this;
  }

  merge(other: Scorecard): this {
    this.#engine.merge(mergeable(other, Scorecard, 'Scorecard').#engine);
    return this;
  }

  /**
   * Every row: per period, the total row first, then one row per group, sorted.
   *
   * @returns The rows; `[]` before any event.
   */
  result(): ScorecardRow[] {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}

/** Version 3 adds guest orders (`null` customers), returns (`returns`) and each cell's `netRevenue`; versions 2 and 1 still load. */
const VERSION = 3;

/** Code-unit order of two lists of group values. */
function compareGroups(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < a.length; index++) {
    if (a[index] !== b[index]) return a[index]! < b[index]! ? -1 : 1;
  }
  return 0;
}

/** The cells of one period: the total, and one per group with an event (by group number). */
interface Period {
  readonly total: Cell;
  readonly groups: (Cell | undefined)[];
}

/** Where a cell is: its period's ordinal, and its group number (-1 for the period's total). */
interface CellAddress {
  readonly period: number;
  readonly group: number;
}

/** The customers of a cell, as retention and churn compare them. */
function activeCustomers(cell: Cell): ActiveCustomers {
  const table = cell.customers.customers;
  return { size: table.size, has: (id) => table.find(id) >= 0, keys: () => table.ids };
}

/**
 * The orders a Scorecard has seen (with `dedupe`), compactly: id and fingerprint (as every
 * accumulator), the cell each was counted in and its customer, and what it added to the cell's
 * additive KPIs, so that a merge of Scorecards that saw some of the same orders replays exactly
 * the orders the other side alone has. No order is kept whole.
 */
class SeenOrders {
  readonly ids = new IdTable();
  fingerprints = new Float64Array(8);
  /** The number of the cell each order was counted in, and its customer's row there. */
  cells = new Int32Array(8);
  customers = new Int32Array(8);
  readonly kept: KeptColumns;

  constructor(plan: CellPlan) {
    this.kept = plan.keptColumns();
  }

  /** Adds an order's row (the cell writes its kept contributions, then {@link setCustomer} its customer) and returns it. */
  add(orderId: string, hash: number, fingerprint: number, cell: number): number {
    const row = this.ids.add(orderId, hash);
    this.fingerprints = withRow(this.fingerprints, row);
    this.cells = withRow(this.cells, row);
    this.customers = withRow(this.customers, row);
    this.fingerprints[row] = fingerprint;
    this.cells[row] = cell;
    return row;
  }

  setCustomer(row: number, customer: number): void {
    this.customers[row] = customer;
  }
}

/** The returns a Scorecard has seen (with `dedupe`): id, fingerprint, the cell each was counted in and its amount. */
class SeenReturns {
  readonly ids = new IdTable();
  fingerprints = new Float64Array(8);
  cells = new Int32Array(8);
  readonly amounts: Amount[] = [];

  add(returnId: string, hash: number, fingerprint: number, cell: number, amount: Amount): void {
    const row = this.ids.add(returnId, hash);
    this.fingerprints = withRow(this.fingerprints, row);
    this.cells = withRow(this.cells, row);
    this.fingerprints[row] = fingerprint;
    this.cells[row] = cell;
    this.amounts.push(amount);
  }
}

/** @internal The engine behind {@link Scorecard}. */
class ScorecardEngine {
  readonly options: Options;
  private readonly plan: CellPlan;
  /** period ordinal (see `calendar.ts`) → its cells. */
  private readonly periods = new Map<number, Period>();
  private readonly zone: Zone;
  /** The first and last period with an event. */
  private readonly span: PeriodSpan;
  /** group key → group number; a group's values by number. */
  private readonly groupNumbers = new Map<string, number>();
  private readonly groups: (readonly string[])[] = [];
  /** Every group cell (every total cell without `groupBy`), numbered in the order they were made; the cell an order row names. */
  private readonly cellAddresses: CellAddress[] = [];
  private readonly cellNumbers = new Map<Cell, number>();
  /** An empty cell: the rows of periods without events, and the checks of a new period's first order. */
  private readonly blank: Cell;
  private readonly orders: SeenOrders | undefined;
  private readonly returns: SeenReturns | undefined;
  /** Offers with an id: an offer id is one offer, wherever its period and group. */
  private readonly offers = new IdTable();
  private offerFingerprints = new Float64Array(8);
  /** Offers whose fingerprint is of state version 1. */
  private offerLegacy: Set<number> | undefined;
  /** The orders' currency; `undefined` before the first order. */
  private currency: string | null | undefined;
  private readonly orderView = createOrderView();
  private readonly offerView = createOfferView();
  private readonly visitView = createVisitView();
  private readonly returnView = createReturnView();

  constructor(options?: ScorecardOptions) {
    this.options = scorecardOptions(options);
    this.plan = new CellPlan(this.options);
    this.zone = zone(this.options.timeZone);
    this.span = new PeriodSpan(this.options.grain, this.options.maxPeriods);
    this.blank = new Cell(this.plan);
    this.orders = this.options.dedupe ? new SeenOrders(this.plan) : undefined;
    this.returns = this.options.dedupe ? new SeenReturns() : undefined;
  }

  /** Adds one event, atomically; an event whose getters throw is `INVALID_EVENT`, with the `cause`. */
  add(value: unknown): void {
    try {
      this.addEvent(value);
    } catch (error) {
      throw hostError(error, 'INVALID_EVENT', 'event');
    }
  }

  private addEvent(value: unknown): void {
    const type = record(value, '', 'an event')['type'];
    if (type === undefined || type === 'order') this.addOrder(value);
    else if (type === 'offer') this.addOffer(value);
    else if (type === 'visit') this.addVisit(value);
    else if (type === 'return') this.addReturn(value);
    else throw new KpiError('INVALID_EVENT', 'type', `expected 'order', 'offer', 'visit' or 'return', got ${show(type)}`);
  }

  addAll(events: Iterable<unknown>): void {
    if (Array.isArray(events)) {
      // An index loop: for…of would allocate an iterator result per event in code not yet optimized.
      for (let index = 0; index < events.length; index++) this.add(events[index]);
    } else {
      for (const event of events) this.add(event);
    }
  }

  private addOrder(value: unknown): void {
    const order = this.orderView;
    readOrder(value, order);
    const currency = orderCurrency(order, this.options.currency, this.currency);
    const period = this.periodOf(order.time);
    const groupKey = this.groupKeyOf(order);
    // The total holds every order of its period, so its folds' checks cover the group's too.
    (this.periods.get(period)?.total ?? this.blank).checkOrder(order);
    const orders = this.orders;
    let fingerprint = 0;
    let hash = 0;
    if (orders !== undefined) {
      fingerprint = orderFingerprint(order);
      hash = hashKey(order.orderId);
      const row = orders.ids.find(order.orderId, hash);
      if (row >= 0) {
        if (orders.fingerprints[row] !== fingerprint) throw conflicting('orderId', order.orderId);
        return;
      }
    }
    // Nothing can fail from here on.
    this.currency = currency;
    const cells = this.period(period);
    const total = cells.total;
    const group = this.groupCellFor(cells, period, groupKey, order);
    // The cell an order row names is its group's (the total's without groupBy), which records what it added.
    const counted = group ?? total;
    if (group !== undefined) total.addOrder(order);
    if (orders === undefined) {
      counted.addOrder(order);
      return;
    }
    const row = orders.add(order.orderId, hash, fingerprint, this.cellNumbers.get(counted)!);
    orders.setCustomer(row, counted.addOrder(order, orders.kept, row));
  }

  private addReturn(value: unknown): void {
    const view = this.returnView;
    readReturn(value, view);
    const currency = orderCurrency(view, this.options.currency, this.currency);
    const period = this.periodOf(view.time);
    const groupKey = this.groupKeyOf(view);
    const returns = this.returns;
    let fingerprint = 0;
    let hash = 0;
    if (returns !== undefined) {
      fingerprint = returnFingerprint(view);
      hash = hashKey(view.returnId);
      const row = returns.ids.find(view.returnId, hash);
      if (row >= 0) {
        if (returns.fingerprints[row] !== fingerprint) throw conflicting('returnId', view.returnId);
        return;
      }
    }
    // Nothing can fail from here on.
    this.currency = currency;
    const cells = this.period(period);
    const group = this.groupCellFor(cells, period, groupKey, view);
    cells.total.addReturn(view.amount);
    group?.addReturn(view.amount);
    returns?.add(view.returnId, hash, fingerprint, this.cellNumbers.get(group ?? cells.total)!, view.amount);
  }

  private addOffer(value: unknown): void {
    const offer = this.offerView;
    readOffer(value, offer);
    const period = this.periodOf(offer.time);
    const groupKey = this.groupKeyOf(offer);
    if (offer.offerId !== undefined) {
      const row = this.offers.find(offer.offerId);
      if (row >= 0) {
        const fingerprint = this.offerLegacy?.has(row) === true ? offerFingerprintV1(offer) : offerFingerprint(offer);
        if (this.offerFingerprints[row] !== fingerprint) throw conflicting('offerId', offer.offerId);
        return;
      }
    }
    (this.periods.get(period)?.total ?? this.blank).checkOffer(offer);
    // Nothing can fail from here on.
    if (offer.offerId !== undefined) this.addOfferId(offer.offerId, offerFingerprint(offer), false);
    const cells = this.period(period);
    const group = this.groupCellFor(cells, period, groupKey, offer);
    const total = cells.total;
    total.addOffer(offer);
    group?.addOffer(offer);
  }

  private addOfferId(offerId: string, fingerprint: number, legacy: boolean): void {
    const row = this.offers.add(offerId);
    this.offerFingerprints = withRow(this.offerFingerprints, row);
    this.offerFingerprints[row] = fingerprint;
    if (legacy) (this.offerLegacy ??= new Set()).add(row);
  }

  private addVisit(value: unknown): void {
    const visit = this.visitView;
    readVisit(value, visit);
    const period = this.periodOf(visit.time);
    const cells = this.period(period);
    const group = this.groupCellFor(cells, period, this.groupKeyOf(visit), visit);
    const total = cells.total;
    total.addVisit(visit);
    group?.addVisit(visit);
  }

  /** The period of an event; throws (changing nothing) when it would stretch the rows past `maxPeriods`. */
  private periodOf(time: number): number {
    const period = periodOrdinal(time, this.options.grain, this.zone);
    this.span.check(period);
    return period;
  }

  /** The event's group, as a key: its one value (the usual case), or its values as JSON; `''` without `groupBy`. */
  private groupKeyOf(event: Grouped): string {
    const groupBy = this.options.groupBy;
    if (groupBy.length === 0) return '';
    if (groupBy.length === 1) return groupValue(event, groupBy[0]!);
    return JSON.stringify(groupBy.map((key) => groupValue(event, key)));
  }

  /** The event's group cell in the period's cells (none without `groupBy`), made when new. */
  private groupCellFor(cells: Period, period: number, groupKey: string, event: Grouped): Cell | undefined {
    if (this.options.groupBy.length === 0) return undefined;
    let group = this.groupNumbers.get(groupKey);
    if (group === undefined) group = this.addGroup(groupKey, this.options.groupBy.map((key) => groupValue(event, key)));
    return this.groupCell(cells, period, group);
  }

  /** The period's cells, made when new. */
  private period(period: number): Period {
    let cells = this.periods.get(period);
    if (cells === undefined) {
      cells = { total: new Cell(this.plan), groups: [] };
      this.periods.set(period, cells);
      this.span.add(period);
      if (this.options.groupBy.length === 0) this.number(cells.total, period, -1);
    }
    return cells;
  }

  private addGroup(groupKey: string, values: readonly string[]): number {
    const group = this.groups.length;
    this.groups.push(values);
    this.groupNumbers.set(groupKey, group);
    return group;
  }

  /** The group number of these values, made when new. */
  private groupOf(values: readonly string[]): number {
    const groupKey = values.length === 1 ? values[0]! : JSON.stringify(values);
    return this.groupNumbers.get(groupKey) ?? this.addGroup(groupKey, values);
  }

  /** A group's cell in a period, made when new. */
  private groupCell(cells: Period, period: number, group: number): Cell {
    let cell = cells.groups[group];
    if (cell === undefined) {
      cells.groups[group] = cell = new Cell(this.plan);
      this.number(cell, period, group);
    }
    return cell;
  }

  /** The cell at an address, made when new. */
  private cellAt(period: number, values: readonly string[]): { total: Cell; group: Cell | undefined } {
    const cells = this.period(period);
    if (this.options.groupBy.length === 0) return { total: cells.total, group: undefined };
    return { total: cells.total, group: this.groupCell(cells, period, this.groupOf(values)) };
  }

  private number(cell: Cell, period: number, group: number): void {
    this.cellNumbers.set(cell, this.cellAddresses.length);
    this.cellAddresses.push({ period, group });
  }

  result(): ScorecardRow[] {
    if (this.periods.size === 0) return [];
    let first = Infinity;
    let last = -Infinity;
    for (const period of this.periods.keys()) {
      first = Math.min(first, period);
      last = Math.max(last, period);
    }
    const rows: ScorecardRow[] = [];
    const { grain, groupBy } = this.options;
    for (let ordinal = first; ordinal <= last; ordinal++) {
      const period = periodKeyOfOrdinal(ordinal, grain);
      const cells = this.periods.get(ordinal);
      // The first period of the year 0000 has none before it: nobody was active then.
      const before = this.periods.get(ordinal - 1);
      rows.push(this.row(period, [], cells?.total ?? this.blank, before?.total));
      if (groupBy.length === 0 || cells === undefined) continue;
      const present: number[] = [];
      cells.groups.forEach((cell, group) => {
        if (cell !== undefined) present.push(group);
      });
      present.sort((a, b) => compareGroups(this.groups[a]!, this.groups[b]!));
      for (const group of present) rows.push(this.row(period, this.groups[group]!, cells.groups[group]!, before?.groups[group]));
    }
    return rows;
  }

  private row(period: string, values: readonly string[], cell: Cell, previous: Cell | undefined): ScorecardRow {
    const { customersAtStart, customersAtEnd, newCustomers, customersLost } = compareActive(period, activeCustomers(cell), previous === undefined ? undefined : activeCustomers(previous));
    // A KPI's currency is the events' once it has counted one (as its stand-alone accumulator's is), else the option's.
    const counted = this.currency ?? this.options.currency;
    const result = (kpi: CellKpi): never => {
      const fold = cell.fold(kpi);
      return fold.result(fold.isEmpty() ? this.options.currency : counted) as never;
    };
    return {
      period,
      group: values.length === 0 ? {} : Object.fromEntries(this.options.groupBy.map((key, index) => [key, values[index]!])),
      crossSellRate: result('crossSellRate'),
      transactionCrossSellRate: result('transactionCrossSellRate'),
      upsellRate: result('upsellRate'),
      crossSellAcceptanceRate: result('crossSellAcceptanceRate'),
      upsellAcceptanceRate: result('upsellAcceptanceRate'),
      conversionRate: result('conversionRate'),
      repeatPurchaseRate: result('repeatPurchaseRate'),
      retentionRate: { value: retentionRate({ customersAtStart, customersAtEnd, newCustomers }), customersAtStart, customersAtEnd, newCustomers },
      churnRate: { value: churnRate({ customersAtStart, customersLost }), customersLost, customersAtStart },
      averageOrderValue: result('averageOrderValue'),
      itemsPerOrder: result('itemsPerOrder'),
      customerLifetimeValue: result('customerLifetimeValue'),
      revenuePerCrossSell: result('revenuePerCrossSell'),
      revenuePerUpsell: result('revenuePerUpsell'),
      crossSellRevenueShare: result('crossSellRevenueShare'),
      netRevenue: result('netRevenue'),
    };
  }

  merge(other: ScorecardEngine): void {
    if (!sameOptions(other.options, this.options)) throw incompatibleOptions('Scorecard', this.options, other.options);
    // Everything that can fail is checked before anything changes.
    const currency = mergedCurrency(this.currency, other.currency);
    const freshOffers: number[] = [];
    for (let row = 0; row < other.offers.size; row++) {
      const offerId = other.offers.ids[row]!;
      const mine = this.offers.find(offerId);
      if (mine < 0) freshOffers.push(row);
      // Fingerprints of two versions cannot be compared: the offer is taken as the same one.
      else if (this.offerLegacy?.has(mine) === other.offerLegacy?.has(row) && this.offerFingerprints[mine] !== other.offerFingerprints[row]) throw conflicting('offerId', offerId);
    }
    const freshOrders: number[] = [];
    if (this.orders !== undefined && other.orders !== undefined) {
      const ids = other.orders.ids.ids;
      for (let row = 0; row < ids.length; row++) {
        const mine = this.orders.ids.find(ids[row]!);
        if (mine < 0) freshOrders.push(row);
        else if (this.orders.fingerprints[mine] !== other.orders.fingerprints[row]) throw conflicting('orderId', ids[row]!);
      }
    }
    const freshReturns: number[] = [];
    if (this.returns !== undefined && other.returns !== undefined) {
      const ids = other.returns.ids.ids;
      for (let row = 0; row < ids.length; row++) {
        const mine = this.returns.ids.find(ids[row]!, other.returns.ids.hashOf(row));
        if (mine < 0) freshReturns.push(row);
        else if (this.returns.fingerprints[mine] !== other.returns.fingerprints[row]) throw conflicting('returnId', ids[row]!);
      }
    }
    this.span.checkMerge(other.span);
    for (const [period, cells] of other.periods) {
      const mine = this.periods.get(period);
      if (mine === undefined) continue;
      mine.total.checkMerge(cells.total);
    }
    this.currency = currency;
    for (const row of freshOffers) this.addOfferId(other.offers.ids[row]!, other.offerFingerprints[row]!, other.offerLegacy?.has(row) === true);
    const replay = this.orders !== undefined;
    for (const [period, cells] of other.periods) {
      cells.groups.forEach((cell, group) => {
        if (cell !== undefined) this.cellAt(period, other.groups[group]!).group!.merge(cell, replay);
      });
      this.period(period).total.merge(cells.total, replay);
    }
    if (!replay) return;
    const orders = this.orders!;
    const theirs = other.orders!;
    for (const row of freshOrders) {
      const address = other.cellAddresses[theirs.cells[row]!]!;
      const { total, group } = this.cellAt(address.period, address.group < 0 ? [] : other.groups[address.group]!);
      const customer = theirs.customers[row]!;
      const customerId = customer < 0 ? null : other.cellAtAddress(address.period, address.group).customers.customers.ids[customer]!;
      const counted = group ?? total;
      const mine = orders.add(theirs.ids.ids[row]!, hashKey(theirs.ids.ids[row]!), theirs.fingerprints[row]!, this.cellNumbers.get(counted)!);
      for (const kpi of KEPT_KPIS) orders.kept[kpi]!.set(mine, theirs.kept[kpi]!.get(row));
      orders.setCustomer(mine, counted.addKept(orders.kept, mine, customerId));
      if (group !== undefined) total.addKept(orders.kept, mine, customerId);
    }
    const returns = this.returns!;
    const theirReturns = other.returns!;
    for (const row of freshReturns) {
      const address = other.cellAddresses[theirReturns.cells[row]!]!;
      const { total, group } = this.cellAt(address.period, address.group < 0 ? [] : other.groups[address.group]!);
      const amount = theirReturns.amounts[row]!;
      total.addReturn(amount);
      group?.addReturn(amount);
      const returnId = theirReturns.ids.ids[row]!;
      returns.add(returnId, hashKey(returnId), theirReturns.fingerprints[row]!, this.cellNumbers.get(group ?? total)!, amount);
    }
  }

  toJSON(): AccumulatorJSON {
    const cells = this.cellAddresses.map(({ period, group }) => [periodKeyOfOrdinal(period, this.options.grain), group, this.cellAtAddress(period, group).toJSON()]);
    const offerLegacy = this.offerLegacy === undefined ? [] : [...this.offerLegacy].sort((a, b) => a - b);
    const state: Record<string, unknown> = {
      currency: this.currency ?? null,
      groups: this.groups.map((values) => [...values]),
      cells,
      offers: this.offers.ids.map((offerId, row) => [offerId, this.offerFingerprints[row]!]),
      offerLegacy,
    };
    const orders = this.orders;
    if (orders !== undefined) {
      const folds = this.blank.folds;
      state['orders'] = orders.ids.ids.map((orderId, row) => {
        const { period, group } = this.cellAddresses[orders.cells[row]!]!;
        const customer = orders.customers[row]!;
        return [
          orderId,
          orders.fingerprints[row]!,
          orders.cells[row]!,
          customer < 0 ? null : this.cellAtAddress(period, group).customers.customers.ids[customer]!,
          ...KEPT_KPIS.map((kpi) => folds[kpi].keptToJSON!(orders.kept[kpi]!.get(row))),
        ];
      });
    }
    const returns = this.returns;
    if (returns !== undefined) {
      state['returns'] = returns.ids.ids.map((returnId, row) => [returnId, returns.fingerprints[row]!, returns.cells[row]!, amountText(returns.amounts[row]!)]);
    }
    return { kind: 'Scorecard', version: VERSION, options: { ...this.options, groupBy: [...this.options.groupBy] }, state };
  }

  private cellAtAddress(period: number, group: number): Cell {
    const cells = this.periods.get(period)!;
    return group < 0 ? cells.total : cells.groups[group]!;
  }

  static fromJSON(json: unknown): ScorecardEngine {
    try {
      const { version, options, state } = readHeader(json, 'Scorecard', VERSION);
      const scorecard = asStateError('options', () => new ScorecardEngine(options as ScorecardOptions));
      if (version === 1) scorecard.loadV1(state);
      else scorecard.load(state, version);
      return scorecard;
    } catch (error) {
      throw hostError(error, 'INVALID_STATE', 'state');
    }
  }

  /** Reads version 2 or 3 state into this empty scorecard, validating every field and that the parts agree. */
  private load(value: unknown, version: number): void {
    const dedupe = this.orders !== undefined;
    const fields = ['currency', 'groups', 'cells', 'offers', 'offerLegacy'];
    if (dedupe) fields.push(...(version < 3 ? ['orders'] : ['orders', 'returns']));
    const state = stateObject(value, 'state', fields);
    const currency = stateCurrency(state['currency'], 'state.currency', isCurrencyCode);
    const width = this.options.groupBy.length;
    stateArray(state['groups'], 'state.groups').forEach((entry, index) => {
      const path = `state.groups[${index}]`;
      const values = stateArray(entry, path, width).map((item, position) => stateString(item, `${path}[${position}]`));
      if (width === 0 || values.length !== width) throw invalidState(path, `expected one value per groupBy dimension (${width})`);
      const key = values.length === 1 ? values[0]! : JSON.stringify(values);
      if (this.groupNumbers.has(key)) throw invalidState(path, 'group appears twice');
      this.addGroup(key, values);
    });
    const seen = new Set<string>();
    const used = new Set<unknown>();
    stateArray(state['cells'], 'state.cells').forEach((entry, index) => {
      const path = `state.cells[${index}]`;
      const triple = stateArray(entry, path, 3);
      if (triple.length !== 3) throw invalidState(path, 'expected [period, group, cell]');
      const period = this.readPeriod(triple[0], `${path}[0]`);
      const group = triple[1];
      const valid = width === 0 ? group === -1 : typeof group === 'number' && Number.isSafeInteger(group) && group >= 0 && group < this.groups.length;
      if (!valid) throw invalidState(`${path}[1]`, width === 0 ? 'expected -1 (the total) without groupBy' : 'expected the number of a group in state.groups');
      if (seen.has(`${period} ${String(group)}`)) throw invalidState(path, 'cell appears twice');
      seen.add(`${period} ${String(group)}`);
      used.add(group);
      const cells = this.period(period);
      const cell = width === 0 ? cells.total : this.groupCell(cells, period, group as number);
      cell.load(triple[2], `${path}[2]`, version);
      if (cell.isBlank()) throw invalidState(`${path}[2]`, 'a cell without an event (order, return, offer or visit): a cell is made by its first event');
    });
    // A group is made with its first event's cell.
    const unused = this.groups.findIndex((_, group) => !used.has(group));
    if (unused >= 0) throw invalidState(`state.groups[${unused}]`, 'a group without a cell in state.cells');
    if (width > 0) this.addUpTotals();
    const offerRows = stateArray(state['offers'], 'state.offers');
    const legacy = stateRowSet(state['offerLegacy'], 'state.offerLegacy', offerRows.length, 'state.offers');
    this.readOffers(offerRows, legacy);
    this.verifyOffers();
    if (dedupe) this.readLedger(stateArray(state['orders'], 'state.orders'), version < 3 ? [] : stateArray(state['returns'], 'state.returns'), version);
    this.settleCurrency(currency);
  }

  /** A period key of the grain, as its ordinal. */
  private readPeriod(value: unknown, path: string): number {
    const ordinal = ordinalOfPeriodKey(value, this.options.grain);
    if (ordinal === undefined) throw invalidState(path, `expected a ${this.options.grain} key`);
    // result() makes a row for every period of the span: a state past maxPeriods would load, then cost minutes and gigabytes.
    try {
      this.span.check(ordinal, path);
    } catch (error) {
      throw isKpiError(error) ? invalidState(path, error.message.slice(error.message.indexOf(': ') + 2)) : error;
    }
    return ordinal;
  }

  private readOffers(rows: readonly unknown[], legacy: ReadonlySet<number>): void {
    rows.forEach((entry, index) => {
      const path = `state.offers[${index}]`;
      const pair = stateArray(entry, path, 2);
      if (pair.length !== 2) throw invalidState(path, 'expected [offerId, fingerprint]');
      const offerId = stateId(pair[0], `${path}[0]`);
      if (this.offers.find(offerId) >= 0) throw invalidState(`${path}[0]`, 'offer appears twice');
      this.addOfferId(offerId, stateCount(pair[1], `${path}[1]`), legacy.has(index));
    });
  }

  /**
   * Checks the offers with an id against the cells: each in the cells' offer KPIs is one of
   * `state.offers`, and each of those is in a cell. An offer id is one offer: unless a version 1
   * fingerprint is involved (those are not compared when states merge), it is in one cell only (one
   * group, one period, one kind), with the fingerprint `state.offers` holds.
   */
  private verifyOffers(): void {
    type Occurrence = { row: number; fingerprint: number; path: string };
    const occurrences: Occurrence[] = [];
    const legacy = new Uint8Array(this.offers.size);
    for (const row of this.offerLegacy ?? []) legacy[row] = 1;
    this.cellAddresses.forEach(({ period, group }, cell) => {
      const loaded = this.cellAtAddress(period, group);
      for (const kpi of OFFER_KPIS) {
        const saved = loaded.fold(kpi).toJSON() as OfferAcceptanceRateState;
        const legacyRows = new Set(saved.legacy);
        saved.offers.forEach(([offerId, fingerprint], index) => {
          const path = `state.cells[${cell}][2].${kpi}.offers[${index}]`;
          const row = this.offers.find(offerId);
          if (row < 0) throw invalidState(`${path}[0]`, `offer ${show(offerId)} is not in state.offers`);
          if (legacyRows.has(index)) legacy[row] = 1;
          occurrences.push({ row, fingerprint, path });
        });
      }
    });
    const found = new Uint8Array(this.offers.size);
    for (const { row, fingerprint, path } of occurrences) {
      if (legacy[row] === 0) {
        if (fingerprint !== this.offerFingerprints[row]) throw invalidState(`${path}[1]`, `not the fingerprint of offer ${show(this.offers.ids[row])} in state.offers`);
        if (found[row] === 1) throw invalidState(`${path}[0]`, `offer ${show(this.offers.ids[row])} is in two cells or offer KPIs: an offer is one event`);
      }
      found[row] = 1;
    }
    const missing = found.indexOf(0);
    if (missing >= 0) throw invalidState(`state.offers[${missing}]`, `offer ${show(this.offers.ids[missing])} is in no cell`);
  }

  /**
   * The saved orders and returns: each order in a cell that holds its customer (or a guest, from
   * version 3), and the orders' contributions and the returns' amounts adding up to each cell's
   * additive KPIs.
   */
  private readLedger(orderRows: readonly unknown[], returnRows: readonly unknown[], version: number): void {
    const orders = this.orders!;
    const additive = this.plan.additive;
    const folds = this.blank.folds;
    const replayed = this.cellAddresses.map(() => new Cell(this.plan));
    orderRows.forEach((entry, index) => {
      const path = `state.orders[${index}]`;
      const tuple = stateArray(entry, path, 4 + KEPT_KPIS.length);
      if (tuple.length !== 4 + KEPT_KPIS.length) throw invalidState(path, `expected [orderId, fingerprint, cell, customerId, ${KEPT_KPIS.join(', ')}]`);
      const orderId = stateId(tuple[0], `${path}[0]`);
      if (orders.ids.find(orderId) >= 0) throw invalidState(`${path}[0]`, `order ${JSON.stringify(orderId)} appears twice`);
      const fingerprint = stateCount(tuple[1], `${path}[1]`);
      const cell = this.savedCell(tuple[2], `${path}[2]`);
      const guest = tuple[3] === null && version >= 3;
      const customerId = guest ? null : stateId(tuple[3], `${path}[3]`);
      const { period, group } = this.cellAddresses[cell]!;
      const customer = customerId === null ? -1 : this.cellAtAddress(period, group).customers.customers.find(customerId);
      if (customerId !== null && customer < 0) throw invalidState(`${path}[3]`, 'not a customer of its cell');
      const row = orders.add(orderId, hashKey(orderId), fingerprint, cell);
      orders.setCustomer(row, customer);
      KEPT_KPIS.forEach((kpi, position) => {
        orders.kept[kpi]!.set(row, folds[kpi].keptFromJSON!(tuple[4 + position], `${path}[${4 + position}]`));
      });
      replayed[cell]!.addKept(orders.kept, row, customerId);
    });
    const returns = this.returns!;
    returnRows.forEach((entry, index) => {
      const path = `state.returns[${index}]`;
      const tuple = stateArray(entry, path, 4);
      if (tuple.length !== 4) throw invalidState(path, 'expected [returnId, fingerprint, cell, amount]');
      const returnId = stateId(tuple[0], `${path}[0]`);
      if (returns.ids.find(returnId) >= 0) throw invalidState(`${path}[0]`, `return ${JSON.stringify(returnId)} appears twice`);
      const cell = this.savedCell(tuple[2], `${path}[2]`);
      const amount = stateMoney(tuple[3], `${path}[3]`);
      if (amount.isZero()) throw invalidState(`${path}[3]`, 'expected an amount > 0: a return gives money back');
      returns.add(returnId, hashKey(returnId), stateCount(tuple[1], `${path}[1]`), cell, fromDecimal(amount));
      replayed[cell]!.addReturn(fromDecimal(amount));
    });
    this.cellAddresses.forEach(({ period, group }, cell) => {
      const loaded = this.cellAtAddress(period, group);
      for (const kpi of additive) {
        if (!sameState(replayed[cell]!.folds[kpi].toJSON(), loaded.folds[kpi].toJSON())) {
          throw invalidState('state.orders', `the orders' and returns' contributions do not add up to ${kpi} of the cell ${periodKeyOfOrdinal(period, this.options.grain)}${group < 0 ? '' : ` ${JSON.stringify(this.groups[group])}`}`);
        }
      }
    });
  }

  /** The index of a saved cell. */
  private savedCell(value: unknown, path: string): number {
    const cell = stateCount(value, path);
    if (cell >= this.cellAddresses.length) throw invalidState(path, 'expected the index of a cell in state.cells');
    return cell;
  }

  /** The totals of each period, from its group cells (which hold disjoint events). */
  private addUpTotals(): void {
    for (const cells of this.periods.values()) {
      for (const cell of cells.groups) if (cell !== undefined) cells.total.merge(cell, false);
    }
  }

  /** Takes the saved currency, checked against the cells: a code or null once there are orders, null before. */
  private settleCurrency(currency: string | null): void {
    const counted = [...this.periods.values()].some((cells) => cells.total.hasMoney());
    if (!counted && currency !== null) throw invalidState('state.currency', 'expected null before any order');
    this.currency = counted ? currency : undefined;
  }

  /** Reads version 1 state: each cell's KPIs as their version 1 accumulators wrote them, and with `dedupe` the orders whole. */
  private loadV1(value: unknown): void {
    const dedupe = this.orders !== undefined;
    const state = stateObject(value, 'state', dedupe ? ['currency', 'offers', 'cells', 'orders'] : ['currency', 'offers', 'cells']);
    const currency = stateCurrency(state['currency'], 'state.currency', isCurrencyCode);
    this.readOffers(stateArray(state['offers'], 'state.offers'), ALL);
    const width = this.options.groupBy.length;
    // Version 1 had no net revenue: without dedupe it is each cell's orders' revenue; with it, the orders replayed count it.
    const orderKpis = ORDER_KPIS.filter((kpi) => kpi !== 'netRevenue');
    const kpis: CellKpi[] = dedupe ? ['crossSellAcceptanceRate', 'upsellAcceptanceRate', 'conversionRate'] : [...orderKpis, 'crossSellAcceptanceRate', 'upsellAcceptanceRate', 'conversionRate'];
    const seen = new Set<string>();
    stateArray(state['cells'], 'state.cells').forEach((entry, index) => {
      const path = `state.cells[${index}]`;
      const triple = stateArray(entry, path, 3);
      if (triple.length !== 3) throw invalidState(path, 'expected [period, values, cell]');
      const period = this.readPeriod(triple[0], `${path}[0]`);
      const values = stateArray(triple[1], `${path}[1]`, width).map((item, position) => stateString(item, `${path}[1][${position}]`));
      if (values.length !== width) throw invalidState(`${path}[1]`, 'expected one value per groupBy dimension');
      if (seen.has(JSON.stringify([period, values]))) throw invalidState(path, 'cell appears twice');
      seen.add(JSON.stringify([period, values]));
      const { total, group } = this.cellAt(period, values);
      const cell = group ?? total;
      const json = stateObject(triple[2], `${path}[2]`, dedupe ? kpis : [...kpis, 'active']);
      for (const kpi of kpis) {
        const planned = this.plan.kpis[kpi];
        const part = asStateError(`${path}[2].${kpi}`, () => restoreEngine(json[kpi], planned.spec, planned.read));
        if (!sameOptions(part.options, planned.settings)) throw invalidState(`${path}[2].${kpi}.options`, 'not the options of this Scorecard');
        if (planned.settings.currency !== undefined) {
          const partCurrency = (part.toJSON().state as { currency?: unknown }).currency;
          if (partCurrency !== (part.fold.isEmpty() ? null : currency)) throw invalidState(`${path}[2].${kpi}.state.currency`, "does not match the orders' currency");
        }
        if (kpi === 'crossSellAcceptanceRate' || kpi === 'upsellAcceptanceRate' || kpi === 'conversionRate') {
          const events = cell.events();
          events[kpi].merge(part.fold, mapRows(kpi === 'conversionRate' ? events.visitors.customers : cell.customers.customers, part.scope.customers));
        } else {
          cell.folds[kpi].merge(part.fold, mapRows(cell.customers.customers, part.scope.customers));
        }
      }
      if (!dedupe) {
        const active = stateArray(json['active'], `${path}[2].active`).map((customer, position) => stateId(customer, `${path}[2].active[${position}]`));
        if (new Set(active).size !== active.length || active.length !== cell.customers.customers.size || active.some((id) => cell.customers.customers.find(id) < 0)) {
          throw invalidState(`${path}[2].active`, "does not hold the cell's customers");
        }
        cell.netRevenueFromOrders();
        cell.verify(`${path}[2]`);
      }
    });
    if (width > 0) this.addUpTotals();
    if (dedupe) {
      const orders = this.orders!;
      stateArray(state['orders'], 'state.orders').forEach((entry, index) => {
        const path = `state.orders[${index}]`;
        const orderId = asStateError(path, () => readId((record(entry, '', 'an order') as { orderId?: unknown }).orderId, 'orderId'));
        if (orders.ids.find(orderId) >= 0) throw invalidState(`${path}.orderId`, 'order appears twice');
        asStateError(path, () => this.addOrder(entry));
      });
    }
    this.settleCurrency(currency);
  }
}

/** Every row: version 1 fingerprints. */
const ALL: ReadonlySet<number> = { has: () => true } as unknown as ReadonlySet<number>;

/** The dimensions an event is grouped by. */
interface Grouped {
  readonly channel?: string | undefined;
  readonly segment?: string | undefined;
  readonly dimensions?: Readonly<Record<string, string>> | undefined;
}

/** The event's value of a `groupBy` dimension; `''` when it has none. */
function groupValue(event: Grouped, key: string): string {
  if (key === 'channel') return event.channel ?? '';
  if (key === 'segment') return event.segment ?? '';
  return event.dimensions?.[key] ?? '';
}
