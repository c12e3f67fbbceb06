// The shared Accumulator<Event, Result> interface, on the public declarations
// (dist/index.d.ts; see test/types/tsconfig.json): every accumulator class and the Scorecard
// implement it with their own event and result types, and generic code typed against it works.
import { describe, expectTypeOf, test } from 'vitest';
import {
  AttachRate,
  AverageOrderValue,
  ChurnRate,
  CoPurchase,
  ConversionRate,
  CrossSellCohorts,
  CrossSellRate,
  CustomerLifetimeValue,
  ItemsPerOrder,
  OfferAcceptanceRate,
  RepeatPurchaseRate,
  RetentionRate,
  RevenuePerConversion,
  RevenueShare,
  Scorecard,
  TransactionCrossSellRate,
  UpsellRate,
  type Accumulator,
  type AccumulatorJSON,
  type AttachRateResult,
  type AverageOrderValueResult,
  type ChurnRateResult,
  type CoPurchaseResult,
  type CommerceEvent,
  type ConversionRateResult,
  type CrossSellCohortsResult,
  type CrossSellRateResult,
  type CustomerLifetimeValueResult,
  type ItemsPerOrderResult,
  type Offer,
  type OfferAcceptanceRateResult,
  type Order,
  type RepeatPurchaseRateResult,
  type RetentionRateResult,
  type RevenuePerConversionResult,
  type RevenueShareResult,
  type ScorecardRow,
  type TransactionCrossSellRateResult,
  type UpsellRateResult,
  type Visit,
} from 'xsell-kpi';

describe('Accumulator<Event, Result>', () => {
  test('has add, addAll, merge, result and toJSON', () => {
    type Example = Accumulator<Order, CrossSellRateResult>;
    expectTypeOf<Example['add']>().parameters.toEqualTypeOf<[event: Order]>();
    expectTypeOf<Example['addAll']>().parameters.toEqualTypeOf<[events: Iterable<Order>]>();
    expectTypeOf<Example['result']>().returns.toEqualTypeOf<CrossSellRateResult>();
    expectTypeOf<Example['toJSON']>().returns.toEqualTypeOf<AccumulatorJSON>();
    expectTypeOf<keyof Example>().toEqualTypeOf<'add' | 'addAll' | 'merge' | 'result' | 'toJSON'>();
  });

  test('every accumulator implements it with its event and result', () => {
    expectTypeOf(new CrossSellRate()).toExtend<Accumulator<Order, CrossSellRateResult>>();
    expectTypeOf(new TransactionCrossSellRate()).toExtend<Accumulator<Order, TransactionCrossSellRateResult>>();
    expectTypeOf(new AttachRate({ anchor: { skus: ['laptop'] } })).toExtend<Accumulator<Order, AttachRateResult>>();
    expectTypeOf(new UpsellRate()).toExtend<Accumulator<Order, UpsellRateResult>>();
    expectTypeOf(new OfferAcceptanceRate()).toExtend<Accumulator<Offer, OfferAcceptanceRateResult>>();
    expectTypeOf(new ConversionRate()).toExtend<Accumulator<Visit, ConversionRateResult>>();
    expectTypeOf(new RepeatPurchaseRate()).toExtend<Accumulator<Order, RepeatPurchaseRateResult>>();
    expectTypeOf(new RetentionRate()).toExtend<Accumulator<Order, RetentionRateResult>>();
    expectTypeOf(new ChurnRate()).toExtend<Accumulator<Order, ChurnRateResult>>();
    expectTypeOf(new AverageOrderValue()).toExtend<Accumulator<Order, AverageOrderValueResult>>();
    expectTypeOf(new RevenuePerConversion({ source: 'cross-sell' })).toExtend<Accumulator<Order, RevenuePerConversionResult>>();
    expectTypeOf(new RevenueShare({ source: 'cross-sell' })).toExtend<Accumulator<Order, RevenueShareResult>>();
    expectTypeOf(new ItemsPerOrder()).toExtend<Accumulator<Order, ItemsPerOrderResult>>();
    expectTypeOf(new CustomerLifetimeValue()).toExtend<Accumulator<Order, CustomerLifetimeValueResult>>();
    expectTypeOf(new CrossSellCohorts()).toExtend<Accumulator<Order, CrossSellCohortsResult>>();
    expectTypeOf(new CoPurchase()).toExtend<Accumulator<Order, CoPurchaseResult>>();
    expectTypeOf(new Scorecard()).toExtend<Accumulator<CommerceEvent, ScorecardRow[]>>();
  });

  test('an accumulator does not implement it with another event or result', () => {
    expectTypeOf(new OfferAcceptanceRate()).not.toExtend<Accumulator<Order, OfferAcceptanceRateResult>>();
    expectTypeOf(new CrossSellRate()).not.toExtend<Accumulator<Order, AverageOrderValueResult>>();
    expectTypeOf(new Scorecard()).not.toExtend<Accumulator<CommerceEvent, CrossSellRateResult>>();
  });

  test('generic code typed against it', () => {
    function measure<Result>(accumulator: Accumulator<Order, Result>, orders: Iterable<Order>): Result {
      return accumulator.addAll(orders).result();
    }
    function mergeAll<A extends Accumulator<Order, unknown>>(first: A, rest: readonly A[]): A {
      for (const part of rest) first.merge(part);
      return first;
    }
    expectTypeOf(measure(new CrossSellRate(), [])).toEqualTypeOf<CrossSellRateResult>();
    expectTypeOf(measure(new AverageOrderValue(), [])).toEqualTypeOf<AverageOrderValueResult>();
    expectTypeOf(mergeAll(new CrossSellRate(), [new CrossSellRate()])).toEqualTypeOf<CrossSellRate>();
    // @ts-expect-error -- an accumulator of offers does not measure orders.
    measure(new OfferAcceptanceRate(), []);
    // @ts-expect-error -- parts of different classes do not merge.
    mergeAll<CrossSellRate>(new CrossSellRate(), [new AverageOrderValue()]);
  });
});
