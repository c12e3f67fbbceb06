import type { Accumulator, AccumulatorJSON } from '../core/accumulator.js';
import { brand, incompatibleOptions, mergeable } from '../_internal/merge.js';
import { KpiError } from '../core/KpiError.js';
import type { CommerceEvent, Order } from '../core/events.js';
import { periodKey, periodsBetween, previousPeriod, isPeriodKey, type Grain } from '../core/time.js';
import { compareActive } from '../_internal/activity.js';
import { amountText, isZero } from '../_internal/amount.js';
import { requireCategories } from '../_internal/products.js';
import { isCurrencyCode } from '../core/currency.js';
import { readHeader, fromOptions } from '../_internal/OrderAccumulator.js';
import {
  normalizeEvent,
  normalizeOrder,
  type Dimensions,
  type NormalizedOrder,
} from '../_internal/normalize.js';
import { offerFingerprint, orderFingerprint } from '../_internal/fingerprint.js';
import { currencyOption, flag, integerOption, oneOf, optionsObject, sameOptions } from '../_internal/options.js';
import { mergedCurrency, orderCurrency } from '../_internal/orderCurrency.js';
import { asStateError, invalidState, stateArray, stateCount, stateCurrency, stateId, stateObject, stateString } from '../_internal/state.js';
import { retentionRate } from '../kpis/retentionRate/formula.js';
import { churnRate } from '../kpis/churnRate/formula.js';
import type { AverageOrderValueResult } from '../kpis/averageOrderValue/AverageOrderValue.js';
import type { ChurnRateResult } from '../kpis/churnRate/ChurnRate.js';
import type { ConversionRateResult } from '../kpis/conversionRate/accumulator.js';
import type { CrossSellRateResult } from '../kpis/crossSellRate/CrossSellRate.js';
import type { CustomerLifetimeValueResult } from '../kpis/customerLifetimeValue/CustomerLifetimeValue.js';
import type { ItemsPerOrderResult } from '../kpis/itemsPerOrder/ItemsPerOrder.js';
import type { OfferAcceptanceRateResult } from '../kpis/offerAcceptanceRate/accumulator.js';
import type { RepeatPurchaseRateResult } from '../kpis/repeatPurchaseRate/RepeatPurchaseRate.js';
import type { RetentionRateResult } from '../kpis/retentionRate/RetentionRate.js';
import type { RevenuePerConversionResult } from '../kpis/revenuePerConversion/RevenuePerConversion.js';
import type { RevenueShareResult } from '../kpis/revenueShare/RevenueShare.js';
import type { TransactionCrossSellRateResult } from '../kpis/transactionCrossSellRate/TransactionCrossSellRate.js';
import type { UpsellRateResult } from '../kpis/upsellRate/UpsellRate.js';
import { Cell, type CellOptions } from './cell.js';

/**
 * Options of {@link Scorecard}.
 * @category Scorecard
 */
export interface ScorecardOptions {
  /** The period of each row: `'month'` by default. */
  grain?: Grain;
  /** The IANA time zone periods are counted in: `'UTC'` by default. */
  timeZone?: string;
  /** Dimensions to group rows by: `'channel'`, `'segment'` or any key of `dimensions`; none by default. */
  groupBy?: string[];
  /** What counts as a distinct product for the cross-sell rates: `'sku'` (default) or `'category'`. */
  by?: 'sku' | 'category';
  /** How many distinct products make a customer cross-sold; 2 by default. */
  minDistinct?: number;
  /** ISO 4217 code for orders that carry none. */
  currency?: string | null;
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
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
}

interface Options extends CellOptions {
  grain: Grain;
  timeZone: string;
  groupBy: string[];
  dedupe: boolean;
}

const GRAINS: readonly Grain[] = ['day', 'week', 'month', 'quarter', 'year'];
const VERSION = 1;

function scorecardOptions(options: unknown): Options {
  const bag = optionsObject(options, ['grain', 'timeZone', 'groupBy', 'by', 'minDistinct', 'currency', 'dedupe']);
  const grain = oneOf(bag['grain'], 'grain', GRAINS, 'month');
  const timeZone = bag['timeZone'] === undefined ? 'UTC' : bag['timeZone'];
  periodKey(0, grain, timeZone as string); // throws INVALID_OPTION for an unknown time zone
  const groupBy = bag['groupBy'] ?? [];
  if (!Array.isArray(groupBy) || groupBy.some((key) => typeof key !== 'string' || key === '') || new Set(groupBy).size !== groupBy.length) {
    throw new KpiError('INVALID_OPTION', 'groupBy', 'expected an array of distinct dimension names');
  }
  return {
    grain,
    timeZone: timeZone as string,
    groupBy: [...(groupBy as string[])],
    by: oneOf(bag['by'], 'by', ['sku', 'category'], 'sku'),
    minDistinct: integerOption(bag['minDistinct'], 'minDistinct', 1, 1000, 2),
    currency: currencyOption(bag['currency']),
    dedupe: flag(bag['dedupe'], 'dedupe', true),
  };
}

/** Code-unit order of two lists of group values. */
function compareGroups(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < a.length; index++) {
    if (a[index] !== b[index]) return a[index]! < b[index]! ? -1 : 1;
  }
  return 0;
}

/**
 * Every KPI for each period and group, from one pass over orders, offers and visits.
 *
 * @remarks
 * Reads any {@link CommerceEvent}. Rows are sorted by period, then group: for every period from
 * the first to the last with an event, a total row (`group: {}`) first, then one row per group
 * with at least one event in the period (groups in code-unit order of their values; an event
 * without a `groupBy` dimension is in group value `''`). Obeys the laws of every accumulator:
 * order-free, mergeable, serializable, at-least-once safe. With `dedupe` (the default) it keeps
 * every order to merge overlapping streams exactly. `add` is O(lines); `result` is
 * O(customers).
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

/** @internal The engine behind {@link Scorecard}. */
class ScorecardEngine {
  readonly options: Options;

  /** period → group key → cell. */
  private readonly cells = new Map<string, Map<string, Cell>>();

  /** group key → the group's values, in `groupBy` order. */
  private readonly groups = new Map<string, string[]>();

  /**
   * orderId → order, with `dedupe`: to count re-deliveries once and replay on merge. The orders are
   * kept whole (they are serialized), so fingerprints are computed only when an id comes twice.
   */
  private readonly orders: Map<string, NormalizedOrder> | undefined;

  /** offerId → fingerprint: an offer id is one offer. */
  private readonly offers = new Map<string, number>();

  private currency: string | null | undefined;

  constructor(options?: ScorecardOptions) {
    this.options = scorecardOptions(options);
    this.orders = this.options.dedupe ? new Map() : undefined;
  }

  add(event: CommerceEvent): this {
    const normalized = normalizeEvent(event, '');
    const period = periodKey(normalized.time, this.options.grain, this.options.timeZone);
    if (normalized.type === 'order') {
      const currency = this.check(normalized);
      if (this.orders !== undefined) {
        const known = this.orders.get(normalized.orderId);
        if (known !== undefined) return this.same(orderFingerprint(known), orderFingerprint(normalized), 'orderId', normalized.orderId);
        this.orders.set(normalized.orderId, normalized);
      }
      this.currency = currency;
      this.cell(period, normalized).addOrder(normalized);
    } else if (normalized.type === 'offer') {
      if (normalized.offerId !== undefined) {
        const fingerprint = offerFingerprint(normalized);
        const known = this.offers.get(normalized.offerId);
        if (known !== undefined) return this.same(known, fingerprint, 'offerId', normalized.offerId);
        this.offers.set(normalized.offerId, fingerprint);
      }
      this.cell(period, normalized).addOffer(normalized);
    } else {
      this.cell(period, normalized).addVisit(normalized);
    }
    return this;
  }

  /** Throws unless the order can be counted: its currency, and its categories when counted by category. */
  private check(order: NormalizedOrder): string | null {
    if (this.options.by === 'category') requireCategories(order);
    return orderCurrency(order, this.options.currency, this.currency);
  }

  private same(known: number, fingerprint: number, field: string, id: string): this {
    if (known !== fingerprint) throw new KpiError('CONFLICTING_DUPLICATE', field, `${JSON.stringify(id)} was already added with different content`);
    return this;
  }

  private groupValues(event: Dimensions): string[] {
    return this.options.groupBy.map((key) => {
      if (key === 'channel') return event.channel ?? '';
      if (key === 'segment') return event.segment ?? '';
      return event.dimensions?.[key] ?? '';
    });
  }

  private cell(period: string, event: Dimensions): Cell {
    const values = this.groupValues(event);
    return this.cellOf(period, values);
  }

  private cellOf(period: string, values: string[]): Cell {
    // One dimension (the usual case) is its own key; several are written as a JSON array.
    const key = values.length === 1 ? values[0]! : JSON.stringify(values);
    if (!this.groups.has(key)) this.groups.set(key, values);
    let byGroup = this.cells.get(period);
    if (byGroup === undefined) this.cells.set(period, (byGroup = new Map()));
    let cell = byGroup.get(key);
    if (cell === undefined) byGroup.set(key, (cell = new Cell(this.options)));
    return cell;
  }

  addAll(events: Iterable<CommerceEvent>): this {
    for (const event of events) this.add(event);
    return this;
  }

  result(): ScorecardRow[] {
    if (this.cells.size === 0) return [];
    const periods = [...this.cells.keys()].sort();
    const rows: ScorecardRow[] = [];
    const totals = new Map<string, Cell>();
    const total = (period: string): Cell | undefined => {
      let cell = totals.get(period);
      if (cell === undefined && this.cells.has(period)) {
        cell = new Cell(this.options);
        for (const groupCell of this.cells.get(period)!.values()) {
          cell.mergeOrders(groupCell);
          cell.mergeOffersAndVisits(groupCell);
        }
        totals.set(period, cell);
      }
      return cell;
    };
    for (const period of periodsBetween(periods[0]!, periods[periods.length - 1]!, this.options.grain)) {
      const before = previousPeriod(period, this.options.grain);
      rows.push(this.row(period, [], total(period) ?? new Cell(this.options), total(before)));
      if (this.options.groupBy.length === 0) continue;
      const byGroup = this.cells.get(period);
      if (byGroup === undefined) continue;
      const keys = [...byGroup.keys()].sort((a, b) => compareGroups(this.groups.get(a)!, this.groups.get(b)!));
      for (const key of keys) rows.push(this.row(period, this.groups.get(key)!, byGroup.get(key)!, this.cells.get(before)?.get(key)));
    }
    return rows;
  }

  private row(period: string, values: readonly string[], cell: Cell, previous: Cell | undefined): ScorecardRow {
    const activity = compareActive(period, cell.active, previous?.active);
    const { customersAtStart, customersAtEnd, newCustomers, customersLost } = activity;
    return {
      period,
      group: values.length === 0 ? {} : Object.fromEntries(this.options.groupBy.map((key, index) => [key, values[index]!])),
      crossSellRate: cell.crossSellRate(),
      transactionCrossSellRate: cell.transactionCrossSellRate(),
      upsellRate: cell.upsellRate(),
      crossSellAcceptanceRate: cell.crossSellAcceptanceRate.result(),
      upsellAcceptanceRate: cell.upsellAcceptanceRate.result(),
      conversionRate: cell.conversionRate.result(),
      repeatPurchaseRate: cell.repeatPurchaseRate(),
      retentionRate: { value: retentionRate({ customersAtStart, customersAtEnd, newCustomers }), customersAtStart, customersAtEnd, newCustomers },
      churnRate: { value: churnRate({ customersAtStart, customersLost }), customersLost, customersAtStart },
      averageOrderValue: cell.averageOrderValue(),
      itemsPerOrder: cell.itemsPerOrder(),
      customerLifetimeValue: cell.customerLifetimeValue(),
      revenuePerCrossSell: cell.revenuePerCrossSell(),
      revenuePerUpsell: cell.revenuePerUpsell(),
      crossSellRevenueShare: cell.crossSellRevenueShare(),
    };
  }

  merge(other: ScorecardEngine): this {
    if (!sameOptions(other.options, this.options)) throw incompatibleOptions('Scorecard', this.options, other.options);
    const currency = mergedCurrency(this.currency, other.currency);
    for (const [offerId, fingerprint] of other.offers) {
      const known = this.offers.get(offerId);
      if (known !== undefined) this.same(known, fingerprint, 'offerId', offerId);
    }
    const fresh: NormalizedOrder[] = [];
    if (this.orders !== undefined && other.orders !== undefined) {
      for (const [orderId, order] of other.orders) {
        const known = this.orders.get(orderId);
        if (known === undefined) fresh.push(order);
        else this.same(orderFingerprint(known), orderFingerprint(order), 'orderId', orderId);
      }
    }
    // Nothing can fail from here on.
    this.currency = currency;
    for (const [offerId, fingerprint] of other.offers) this.offers.set(offerId, fingerprint);
    for (const [period, byGroup] of other.cells) {
      for (const [key, otherCell] of byGroup) {
        const cell = this.cellOf(period, other.groups.get(key)!);
        cell.mergeOffersAndVisits(otherCell);
        if (this.orders === undefined) cell.mergeOrders(otherCell);
      }
    }
    for (const order of fresh) {
      this.orders!.set(order.orderId, order);
      this.cell(periodKey(order.time, this.options.grain, this.options.timeZone), order).addOrder(order);
    }
    return this;
  }

  toJSON(): AccumulatorJSON {
    const cells: unknown[] = [];
    for (const [period, byGroup] of this.cells) {
      for (const [key, cell] of byGroup) cells.push([period, [...this.groups.get(key)!], cell.toJSON(this.orders === undefined)]);
    }
    const state: Record<string, unknown> = { currency: this.currency ?? null, offers: [...this.offers], cells };
    if (this.orders !== undefined) state['orders'] = Array.from(this.orders.values(), orderToJSON);
    return { kind: 'Scorecard', version: VERSION, options: { ...this.options, groupBy: [...this.options.groupBy] }, state };
  }

  static fromJSON(json: unknown): ScorecardEngine {
    const { options, state } = readHeader(json, 'Scorecard', VERSION);
    const scorecard = fromOptions(options, (o: ScorecardOptions) => new ScorecardEngine(o));
    scorecard.load(state);
    return scorecard;
  }

  private load(value: unknown): void {
    const dedupe = this.orders !== undefined;
    const state = stateObject(value, 'state', dedupe ? ['currency', 'offers', 'cells', 'orders'] : ['currency', 'offers', 'cells']);
    const currency = stateCurrency(state['currency'], 'state.currency', isCurrencyCode);
    stateArray(state['offers'], 'state.offers').forEach((entry, index) => {
      const pair = stateArray(entry, `state.offers[${index}]`, 2);
      const offerId = stateId(pair[0], `state.offers[${index}][0]`);
      if (this.offers.has(offerId)) throw invalidState(`state.offers[${index}][0]`, 'offer appears twice');
      this.offers.set(offerId, stateCount(pair[1], `state.offers[${index}][1]`));
    });
    stateArray(state['cells'], 'state.cells').forEach((entry, index) => {
      const path = `state.cells[${index}]`;
      const triple = stateArray(entry, path, 3);
      const period = stateString(triple[0], `${path}[0]`);
      if (!isPeriodKey(period, this.options.grain)) throw invalidState(`${path}[0]`, `expected a ${this.options.grain} key`);
      const values = stateArray(triple[1], `${path}[1]`, this.options.groupBy.length).map((item, position) => stateString(item, `${path}[1][${position}]`));
      if (values.length !== this.options.groupBy.length) throw invalidState(`${path}[1]`, 'expected one value per groupBy dimension');
      if (this.cells.get(period)?.has(JSON.stringify(values)) === true) throw invalidState(path, 'cell appears twice');
      this.cellOf(period, values).load(triple[2], `${path}[2]`, !dedupe);
    });
    if (dedupe) {
      stateArray(state['orders'], 'state.orders').forEach((entry, index) => {
        const path = `state.orders[${index}]`;
        const order = asStateError(path, () => normalizeOrder(entry, ''));
        if (this.orders!.has(order.orderId)) throw invalidState(`${path}.orderId`, 'order appears twice');
        asStateError(path, () => this.check(order));
        this.currency = orderCurrency(order, this.options.currency, this.currency);
        this.orders!.set(order.orderId, order);
        this.cell(periodKey(order.time, this.options.grain, this.options.timeZone), order).addOrder(order);
      });
    } else {
      for (const byGroup of this.cells.values()) {
        for (const cell of byGroup.values()) {
          if (cell.active.size > 0) this.currency = asStateError('state.cells', () => mergedCurrency(this.currency, cell.ordersCurrency()));
        }
      }
    }
    if ((this.currency ?? null) !== currency) throw invalidState('state.currency', "does not match the orders' currency");
  }
}

/** A normalized order back as a plain, valid {@link Order}, for serialization. */
function orderToJSON(order: NormalizedOrder): Order {
  const json: Order = {
    orderId: order.orderId,
    customerId: order.customerId,
    timestamp: order.time,
    lines: order.lines.map((line) => {
      const out: Order['lines'][number] = { sku: line.sku, quantity: line.quantity, unitPrice: amountText(line.unitPrice), source: line.source };
      if (line.category !== undefined) out.category = line.category;
      if (!isZero(line.discount)) out.discount = amountText(line.discount);
      return out;
    }),
  };
  if (order.currency !== null) json.currency = order.currency;
  if (order.channel !== undefined) json.channel = order.channel;
  if (order.segment !== undefined) json.segment = order.segment;
  if (order.dimensions !== undefined) json.dimensions = Object.fromEntries(Object.entries(order.dimensions));
  return json;
}

