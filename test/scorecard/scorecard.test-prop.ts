import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  AverageOrderValue,
  CrossSellRate,
  CustomerLifetimeValue,
  NetRevenue,
  ItemsPerOrder,
  RepeatPurchaseRate,
  RetentionRate,
  ChurnRate,
  RevenuePerConversion,
  RevenueShare,
  Scorecard,
  TransactionCrossSellRate,
  UpsellRate,
  periodKey,
  periodsBetween,
  previousPeriod,
  type CommerceEvent,
  type Grain,
  type Offer,
  type Order,
  type Return,
  type ScorecardOptions,
  type Visit,
} from 'xsell-kpi';
import { isGuest, streamArb } from '../arbitraries/events.js';

/** Decimals as strings, so results compare by value. */
function comparable(value: unknown): unknown {
  if (DecimalJs.isDecimal(value)) return `Decimal(${(value as DecimalJs).toFixed()})`;
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, comparable(item)]));
  return value;
}

function groupValue(event: CommerceEvent, key: string): string {
  if (key === 'channel') return event.channel ?? '';
  if (key === 'segment') return event.segment ?? '';
  const dimensions = event.dimensions;
  return dimensions !== undefined && Object.hasOwn(dimensions, key) ? dimensions[key]! : '';
}

const isOrder = (event: CommerceEvent): event is Order => event.type === undefined || event.type === 'order';

/** Every field of a row, computed by the stand-alone accumulators over the row's events. */
function expectedFields(events: CommerceEvent[], previous: CommerceEvent[], period: string, options: Required<Pick<ScorecardOptions, 'grain' | 'timeZone'>> & ScorecardOptions) {
  const orders = events.filter(isOrder);
  const offers = events.filter((event): event is Offer => event.type === 'offer');
  const visits = events.filter((event): event is Visit => event.type === 'visit');
  const returns = events.filter((event): event is Return => event.type === 'return');
  const { by = 'sku', minDistinct = 2, currency = null, grain, timeZone } = options;
  const retention = new RetentionRate({ grain, timeZone }).addAll([...previous.filter(isOrder), ...orders]);
  const churn = new ChurnRate({ grain, timeZone }).addAll([...previous.filter(isOrder), ...orders]);
  const latest = <R extends { period: string }>(rows: R[], empty: Omit<R, 'period'>) => {
    const row = rows.find((item) => item.period === period);
    if (row === undefined) return empty;
    const { period: _period, ...rest } = row;
    return rest;
  };
  return {
    crossSellRate: CrossSellRate.of(orders, { by, minDistinct }),
    transactionCrossSellRate: TransactionCrossSellRate.of(orders, { by }),
    upsellRate: UpsellRate.of(orders),
    crossSellAcceptanceRate: referenceAcceptance(offers, 'cross-sell'),
    upsellAcceptanceRate: referenceAcceptance(offers, 'upsell'),
    conversionRate: referenceConversion(visits),
    repeatPurchaseRate: RepeatPurchaseRate.of(orders),
    retentionRate: latest(retention.resultsByPeriod(), { value: previousCustomers(previous) === 0 ? null : 0, customersAtStart: previousCustomers(previous), customersAtEnd: 0, newCustomers: 0 }),
    churnRate: latest(churn.resultsByPeriod(), { value: previousCustomers(previous) === 0 ? null : 1, customersLost: previousCustomers(previous), customersAtStart: previousCustomers(previous) }),
    averageOrderValue: AverageOrderValue.of(orders, { currency }),
    itemsPerOrder: ItemsPerOrder.of(orders),
    customerLifetimeValue: CustomerLifetimeValue.of(orders, { currency }),
    revenuePerCrossSell: RevenuePerConversion.of(orders, { source: 'cross-sell', currency }),
    revenuePerUpsell: RevenuePerConversion.of(orders, { source: 'upsell', currency }),
    crossSellRevenueShare: RevenueShare.of(orders, { source: 'cross-sell', currency }),
    netRevenue: NetRevenue.of([...orders, ...returns], { currency }),
  };
}

/**
 * Offer acceptance computed from the events directly, not by the fold the Scorecard and
 * OfferAcceptanceRate share: offers of a kind, one per offerId (the stream's ids are unique), and
 * how many were accepted.
 */
function referenceAcceptance(offers: readonly Offer[], kind: Offer['kind']) {
  const ofKind = offers.filter((offer) => offer.kind === kind);
  const offered = ofKind.length;
  const accepted = ofKind.filter((offer) => offer.accepted).length;
  return { value: offered === 0 ? null : accepted / offered, accepted, offered };
}

/** Visitor conversion computed from the events directly: distinct visitors, and those with a converting visit. */
function referenceConversion(visits: readonly Visit[]) {
  const visitors = new Set(visits.map((visit) => String(visit.visitorId)));
  const converted = new Set(visits.filter((visit) => visit.converted).map((visit) => String(visit.visitorId)));
  return { value: visitors.size === 0 ? null : converted.size / visitors.size, converted: converted.size, visitors: visitors.size };
}

function previousCustomers(previous: CommerceEvent[]): number {
  return new Set(previous.filter((event) => isOrder(event) && !isGuest(event)).map((order) => String((order as Order).customerId))).size;
}

const optionsArb = fc.record({
  grain: fc.constantFrom<Grain>('day', 'week', 'month', 'quarter'),
  timeZone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
  groupBy: fc.constantFrom<string[][]>([], ['channel'], ['channel', 'region'], ['__proto__']).map((keys) => [...keys]),
  currency: fc.constantFrom('USD', null),
});

describe('Scorecard', () => {
  test('every row field equals the matching accumulator over the row’s events; rows cover every period, totals first', () => {
    fc.assert(
      fc.property(streamArb({ kinds: ['order', 'offer', 'visit', 'return'], currency: 'USD' }), optionsArb, (events, options) => {
        const rows = Scorecard.of(events, options);
        if (events.length === 0) {
          expect(rows).toEqual([]);
          return;
        }
        const periodOf = (event: CommerceEvent) => periodKey(event.timestamp, options.grain, options.timeZone);
        const periods = events.map(periodOf).sort();
        const expectedPeriods = periodsBetween(periods[0]!, periods[periods.length - 1]!, options.grain);
        expect([...new Set(rows.map((row) => row.period))]).toEqual(expectedPeriods);
        for (const row of rows) {
          const values = options.groupBy.map((key) => row.group[key]);
          const inGroup = (event: CommerceEvent) => Object.keys(row.group).length === 0 || options.groupBy.every((key, index) => groupValue(event, key) === values[index]);
          const now = events.filter((event) => periodOf(event) === row.period && inGroup(event));
          const before = events.filter((event) => periodOf(event) === previousPeriod(row.period, options.grain) && inGroup(event));
          const { period: _period, group: _group, ...fields } = row;
          expect(comparable(fields)).toEqual(comparable(expectedFields(now, before, row.period, options)));
        }
        for (const period of expectedPeriods) {
          const ofPeriod = rows.filter((row) => row.period === period);
          expect(ofPeriod[0]?.group).toEqual({});
          if (options.groupBy.length === 0) expect(ofPeriod).toHaveLength(1);
          const groups = ofPeriod.slice(1).map((row) => options.groupBy.map((key) => row.group[key]!));
          const sorted = [...groups].sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : a.join('\u0000') > b.join('\u0000') ? 1 : 0));
          expect(groups).toEqual(sorted);
        }
      }),
      { numRuns: 60 },
    );
  });
});
