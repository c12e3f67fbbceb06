// The Scorecard, on the public declarations (dist/index.d.ts; see test/types/tsconfig.json):
// options, events, rows (each field exactly the matching accumulator's result, so every formula
// takes it), of, fromJSON, merge and toJSON.
import { describe, expectTypeOf, test } from 'vitest';
import {
  CrossSellRate,
  Scorecard,
  averageOrderValue,
  churnRate,
  conversionRate,
  crossSellRate,
  customerLifetimeValue,
  itemsPerOrder,
  offerAcceptanceRate,
  repeatPurchaseRate,
  retentionRate,
  revenuePerConversion,
  revenueShare,
  scorecardSeries,
  transactionCrossSellRate,
  upsellRate,
  type AccumulatorJSON,
  type AverageOrderValueResult,
  type ChurnRateResult,
  type CommerceEvent,
  type ConversionRateResult,
  type CrossSellRateResult,
  type CustomerLifetimeValueResult,
  type Decimal,
  type Grain,
  type ItemsPerOrderResult,
  type NetRevenueResult,
  type OfferAcceptanceRateResult,
  type Order,
  type Return,
  type RepeatPurchaseRateResult,
  type RetentionRateResult,
  type RevenuePerConversionResult,
  type RevenueShareResult,
  type ScorecardOptions,
  type ScorecardRow,
  type ScorecardSeriesPoint,
  type TransactionCrossSellRateResult,
  type UpsellRateResult,
} from 'xsell-kpi';

const events: CommerceEvent[] = [
  { orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', channel: 'web', lines: [{ sku: 'laptop', unitPrice: '999' }] },
  { type: 'offer', customerId: 'ann', timestamp: new Date(0), kind: 'cross-sell', accepted: true },
  { type: 'visit', visitorId: 'v1', timestamp: new Date(0), converted: false },
];
const options: ScorecardOptions = { grain: 'month', timeZone: 'Europe/Berlin', groupBy: ['channel'], by: 'sku' };

describe('Scorecard', () => {
  test('options', () => {
    expectTypeOf<ScorecardOptions>().toEqualTypeOf<{
      grain?: Grain;
      timeZone?: string;
      maxPeriods?: number;
      groupBy?: string[];
      by?: 'sku' | 'category';
      minDistinct?: number;
      currency?: string | null;
      dedupe?: boolean;
    }>();
    expectTypeOf(Scorecard).constructorParameters.toEqualTypeOf<[options?: ScorecardOptions | undefined]>();
    expectTypeOf(new Scorecard(options)).toEqualTypeOf<Scorecard>();
    // @ts-expect-error -- an unknown option is an error.
    new Scorecard({ grain: 'month', groupby: ['channel'] });
    // @ts-expect-error -- a grain is one of the known grains.
    new Scorecard({ grain: 'fortnight' });
  });

  test('takes any commerce event', () => {
    const scorecard = new Scorecard(options);
    expectTypeOf(scorecard.add).parameters.toEqualTypeOf<[event: CommerceEvent]>();
    expectTypeOf(scorecard.add(events[0]!)).toEqualTypeOf<Scorecard>();
    expectTypeOf(scorecard.addAll).parameters.toEqualTypeOf<[events: Iterable<CommerceEvent>]>();
    expectTypeOf(scorecard.addAll(events)).toEqualTypeOf<Scorecard>();
    // An order is a commerce event, with or without its `type`; so is a return. A guest order has no customer.
    expectTypeOf<Order>().toExtend<CommerceEvent>();
    expectTypeOf<Return>().toExtend<CommerceEvent>();
    expectTypeOf(scorecard.add({ orderId: 'g1', customerId: null, timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: '1' }] })).toEqualTypeOf<Scorecard>();
    expectTypeOf(scorecard.add({ orderId: 'g2', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'A', unitPrice: '1' }] })).toEqualTypeOf<Scorecard>();
    expectTypeOf(scorecard.add({ type: 'return', returnId: 'r1', timestamp: '2026-11-02T10:00:00Z', amount: '5' })).toEqualTypeOf<Scorecard>();
    // @ts-expect-error -- a return needs its amount.
    scorecard.add({ type: 'return', returnId: 'r1', timestamp: '2026-11-02T10:00:00Z' });
    // @ts-expect-error -- an event needs its fields.
    scorecard.add({ type: 'visit', visitorId: 'v1' });
  });

  test('rows', () => {
    expectTypeOf(new Scorecard().result()).toEqualTypeOf<ScorecardRow[]>();
    expectTypeOf<ScorecardRow>().toEqualTypeOf<{
      period: string;
      group: Record<string, string>;
      crossSellRate: CrossSellRateResult;
      transactionCrossSellRate: TransactionCrossSellRateResult;
      upsellRate: UpsellRateResult;
      crossSellAcceptanceRate: OfferAcceptanceRateResult;
      upsellAcceptanceRate: OfferAcceptanceRateResult;
      conversionRate: ConversionRateResult;
      repeatPurchaseRate: RepeatPurchaseRateResult;
      retentionRate: RetentionRateResult;
      churnRate: ChurnRateResult;
      averageOrderValue: AverageOrderValueResult;
      itemsPerOrder: ItemsPerOrderResult;
      customerLifetimeValue: CustomerLifetimeValueResult;
      revenuePerCrossSell: RevenuePerConversionResult;
      revenuePerUpsell: RevenuePerConversionResult;
      crossSellRevenueShare: RevenueShareResult;
      netRevenue: NetRevenueResult;
    }>();
  });

  test('every row field is its formula input', () => {
    const [row] = Scorecard.of(events, options);
    if (row === undefined) return;
    expectTypeOf(crossSellRate(row.crossSellRate)).toEqualTypeOf<number | null>();
    expectTypeOf(transactionCrossSellRate(row.transactionCrossSellRate)).toEqualTypeOf<number | null>();
    expectTypeOf(upsellRate(row.upsellRate)).toEqualTypeOf<number | null>();
    expectTypeOf(offerAcceptanceRate(row.crossSellAcceptanceRate)).toEqualTypeOf<number | null>();
    expectTypeOf(offerAcceptanceRate(row.upsellAcceptanceRate)).toEqualTypeOf<number | null>();
    expectTypeOf(conversionRate(row.conversionRate)).toEqualTypeOf<number | null>();
    expectTypeOf(repeatPurchaseRate(row.repeatPurchaseRate)).toEqualTypeOf<number | null>();
    expectTypeOf(retentionRate(row.retentionRate)).toEqualTypeOf<number | null>();
    expectTypeOf(churnRate(row.churnRate)).toEqualTypeOf<number | null>();
    expectTypeOf(averageOrderValue(row.averageOrderValue)).toEqualTypeOf<Decimal | null>();
    expectTypeOf(itemsPerOrder(row.itemsPerOrder)).toEqualTypeOf<number | null>();
    expectTypeOf(customerLifetimeValue(row.customerLifetimeValue)).toEqualTypeOf<Decimal | null>();
    expectTypeOf(revenuePerConversion(row.revenuePerCrossSell)).toEqualTypeOf<Decimal | null>();
    expectTypeOf(revenuePerConversion(row.revenuePerUpsell)).toEqualTypeOf<Decimal | null>();
    expectTypeOf(revenueShare(row.crossSellRevenueShare)).toEqualTypeOf<number | null>();
    // @ts-expect-error -- a Scorecard money result is a Decimal, not a string.
    const revenue: string = row.averageOrderValue.revenue;
    expectTypeOf(revenue).toBeString();
  });

  test('of, fromJSON, merge, toJSON', () => {
    expectTypeOf(Scorecard.of).parameters.toEqualTypeOf<[events: Iterable<CommerceEvent>, options?: ScorecardOptions | undefined]>();
    expectTypeOf(Scorecard.of).returns.toEqualTypeOf<ScorecardRow[]>();
    expectTypeOf(Scorecard.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
    expectTypeOf(Scorecard.fromJSON).returns.toEqualTypeOf<Scorecard>();
    const scorecard = new Scorecard(options).addAll(events);
    expectTypeOf(scorecard.toJSON()).toEqualTypeOf<AccumulatorJSON>();
    expectTypeOf(scorecard.merge(Scorecard.fromJSON(scorecard.toJSON()))).toEqualTypeOf<Scorecard>();
    // @ts-expect-error -- merge takes a Scorecard, not another accumulator.
    scorecard.merge(new CrossSellRate());
    // @ts-expect-error -- nor saved JSON.
    scorecard.merge(scorecard.toJSON());
  });

  test('scorecardSeries', () => {
    const rows = Scorecard.of(events, options);
    expectTypeOf(scorecardSeries(rows, 'crossSellRate', { channel: 'web' })).toEqualTypeOf<ScorecardSeriesPoint[]>();
    expectTypeOf<ScorecardSeriesPoint['value']>().toEqualTypeOf<number | null>();
    // @ts-expect-error -- only rate KPIs make a series of successes and trials.
    scorecardSeries(rows, 'averageOrderValue');
  });
});
