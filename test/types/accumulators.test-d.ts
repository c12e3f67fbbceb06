// Accumulators, on the public declarations (dist/index.d.ts; see test/types/tsconfig.json): for
// every class its options, its event, its result (exactly), `of`, `fromJSON` (returns the class),
// `merge` (only the same class: not another accumulator, not saved JSON), `toJSON`, unknown or
// missing options as errors, and `formula(acc.result())` for every KPI that has a formula.
// The Scorecard is in scorecard.test-d.ts, the shared Accumulator interface in accumulator.test-d.ts.
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
  NetRevenue,
  OfferAcceptanceRate,
  RepeatPurchaseRate,
  RetentionRate,
  RevenuePerConversion,
  RevenueShare,
  TransactionCrossSellRate,
  UpsellRate,
  attachRate,
  averageOrderValue,
  churnRate,
  conversionRate,
  crossSellRate,
  customerLifetimeValue,
  itemsPerOrder,
  netRevenue,
  offerAcceptanceRate,
  repeatPurchaseRate,
  retentionRate,
  revenuePerConversion,
  revenueShare,
  transactionCrossSellRate,
  upsellRate,
  type AccumulatorJSON,
  type AttachRateOptions,
  type AttachRateResult,
  type AverageOrderValueOptions,
  type AverageOrderValueResult,
  type ChurnRatePeriod,
  type ChurnRateResult,
  type CoPurchaseOptions,
  type CoPurchasePair,
  type CoPurchaseResult,
  type Cohort,
  type Complement,
  type ConversionRateOptions,
  type ConversionRateResult,
  type CrossSellCohortsOptions,
  type CrossSellCohortsResult,
  type CrossSellRateOptions,
  type CrossSellRateResult,
  type CustomerLifetimeValueOptions,
  type CustomerLifetimeValueResult,
  type Decimal,
  type Grain,
  type ItemsPerOrderOptions,
  type ItemsPerOrderResult,
  type NetRevenueOptions,
  type NetRevenueResult,
  type Offer,
  type OfferAcceptanceRateOptions,
  type OfferAcceptanceRateResult,
  type Order,
  type OrderValueMoments,
  type PeriodOptions,
  type ProductSelector,
  type RepeatPurchaseRateOptions,
  type RepeatPurchaseRateResult,
  type RetentionRatePeriod,
  type RetentionRateResult,
  type Return,
  type RevenuePerConversionOptions,
  type RevenuePerConversionResult,
  type RevenueShareOptions,
  type RevenueShareResult,
  type TopComplementsOptions,
  type TransactionCrossSellRateOptions,
  type TransactionCrossSellRateResult,
  type UpsellRateOptions,
  type UpsellRateResult,
  type Visit,
} from 'xsell-kpi';

const order: Order = { orderId: 'o1', customerId: 'ann', timestamp: '2026-11-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }] };
const offer: Offer = { type: 'offer', customerId: 'ann', timestamp: new Date(0), kind: 'cross-sell', accepted: true };
const visit: Visit = { type: 'visit', visitorId: 'v1', timestamp: new Date(0), converted: false };

describe('every accumulator: options, event, result, of, fromJSON, merge, toJSON', () => {
  describe('CrossSellRate', () => {
    test('options', () => {
      expectTypeOf<CrossSellRateOptions>().toEqualTypeOf<{ by?: 'sku' | 'category'; minDistinct?: number; dedupe?: boolean }>();
      expectTypeOf(CrossSellRate).constructorParameters.toEqualTypeOf<[options?: CrossSellRateOptions | undefined]>();
      expectTypeOf(new CrossSellRate()).toEqualTypeOf<CrossSellRate>();
      expectTypeOf(new CrossSellRate({ by: 'sku', minDistinct: 2 })).toEqualTypeOf<CrossSellRate>();
      // @ts-expect-error -- an unknown option or value is an error.
      new CrossSellRate({ byy: 'sku' });
    });
    test('event and result', () => {
      const accumulator = new CrossSellRate({ by: 'sku', minDistinct: 2 });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<CrossSellRate>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<CrossSellRate>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<CrossSellRate>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<CrossSellRateResult>();
      expectTypeOf<CrossSellRateResult>().toEqualTypeOf<{ value: number | null; crossSoldCustomers: number; customers: number }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- CrossSellRate takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(CrossSellRate.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options?: CrossSellRateOptions | undefined]>();
      expectTypeOf(CrossSellRate.of).returns.toEqualTypeOf<CrossSellRateResult>();
      expectTypeOf(CrossSellRate.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(CrossSellRate.fromJSON).returns.toEqualTypeOf<CrossSellRate>();
      expectTypeOf(CrossSellRate.fromJSON(JSON.parse(JSON.stringify(new CrossSellRate({ by: 'sku', minDistinct: 2 }))))).toEqualTypeOf<CrossSellRate>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new CrossSellRate({ by: 'sku', minDistinct: 2 });
      expectTypeOf(accumulator.merge(CrossSellRate.fromJSON(accumulator.toJSON()))).toEqualTypeOf<CrossSellRate>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new TransactionCrossSellRate({ by: 'category' }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'CrossSellRate', version: 1, options: {}, state: {} });
    });
    test('crossSellRate(accumulator.result()) type-checks', () => {
      const result = new CrossSellRate({ by: 'sku', minDistinct: 2 }).result();
      expectTypeOf(crossSellRate(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof crossSellRate>[0]>();
    });
  });

  describe('TransactionCrossSellRate', () => {
    test('options', () => {
      expectTypeOf<TransactionCrossSellRateOptions>().toEqualTypeOf<{ by?: 'sku' | 'category'; dedupe?: boolean }>();
      expectTypeOf(TransactionCrossSellRate).constructorParameters.toEqualTypeOf<[options?: TransactionCrossSellRateOptions | undefined]>();
      expectTypeOf(new TransactionCrossSellRate()).toEqualTypeOf<TransactionCrossSellRate>();
      expectTypeOf(new TransactionCrossSellRate({ by: 'category' })).toEqualTypeOf<TransactionCrossSellRate>();
      // @ts-expect-error -- an unknown option or value is an error.
      new TransactionCrossSellRate({ minDistinct: 2 });
    });
    test('event and result', () => {
      const accumulator = new TransactionCrossSellRate({ by: 'category' });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<TransactionCrossSellRate>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<TransactionCrossSellRate>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<TransactionCrossSellRate>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<TransactionCrossSellRateResult>();
      expectTypeOf<TransactionCrossSellRateResult>().toEqualTypeOf<{ value: number | null; crossSellOrders: number; orders: number }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- TransactionCrossSellRate takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(TransactionCrossSellRate.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options?: TransactionCrossSellRateOptions | undefined]>();
      expectTypeOf(TransactionCrossSellRate.of).returns.toEqualTypeOf<TransactionCrossSellRateResult>();
      expectTypeOf(TransactionCrossSellRate.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(TransactionCrossSellRate.fromJSON).returns.toEqualTypeOf<TransactionCrossSellRate>();
      expectTypeOf(TransactionCrossSellRate.fromJSON(JSON.parse(JSON.stringify(new TransactionCrossSellRate({ by: 'category' }))))).toEqualTypeOf<TransactionCrossSellRate>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new TransactionCrossSellRate({ by: 'category' });
      expectTypeOf(accumulator.merge(TransactionCrossSellRate.fromJSON(accumulator.toJSON()))).toEqualTypeOf<TransactionCrossSellRate>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new CrossSellRate({ by: 'sku', minDistinct: 2 }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'TransactionCrossSellRate', version: 1, options: {}, state: {} });
    });
    test('transactionCrossSellRate(accumulator.result()) type-checks', () => {
      const result = new TransactionCrossSellRate({ by: 'category' }).result();
      expectTypeOf(transactionCrossSellRate(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof transactionCrossSellRate>[0]>();
    });
  });

  describe('AttachRate', () => {
    test('options', () => {
      expectTypeOf<AttachRateOptions>().toEqualTypeOf<{ anchor: ProductSelector; attach?: ProductSelector | null; per?: 'customer' | 'order'; dedupe?: boolean }>();
      expectTypeOf(AttachRate).constructorParameters.toEqualTypeOf<[options: AttachRateOptions]>();
      // @ts-expect-error -- the options are required.
      new AttachRate();
      expectTypeOf(new AttachRate({ anchor: { skus: ['laptop'] }, attach: { categories: ['bags'] }, per: 'order' })).toEqualTypeOf<AttachRate>();
      // @ts-expect-error -- an unknown option or value is an error.
      new AttachRate({ anchor: { skus: ['laptop'] }, anchors: { skus: ['case'] } });
    });
    test('event and result', () => {
      const accumulator = new AttachRate({ anchor: { skus: ['laptop'] }, attach: { categories: ['bags'] }, per: 'order' });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<AttachRate>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<AttachRate>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<AttachRate>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<AttachRateResult>();
      expectTypeOf<AttachRateResult>().toEqualTypeOf<{ value: number | null; attached: number; anchors: number }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- AttachRate takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(AttachRate.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options: AttachRateOptions]>();
      expectTypeOf(AttachRate.of).returns.toEqualTypeOf<AttachRateResult>();
      expectTypeOf(AttachRate.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(AttachRate.fromJSON).returns.toEqualTypeOf<AttachRate>();
      expectTypeOf(AttachRate.fromJSON(JSON.parse(JSON.stringify(new AttachRate({ anchor: { skus: ['laptop'] }, attach: { categories: ['bags'] }, per: 'order' }))))).toEqualTypeOf<AttachRate>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new AttachRate({ anchor: { skus: ['laptop'] }, attach: { categories: ['bags'] }, per: 'order' });
      expectTypeOf(accumulator.merge(AttachRate.fromJSON(accumulator.toJSON()))).toEqualTypeOf<AttachRate>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new CrossSellRate({ by: 'sku', minDistinct: 2 }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'AttachRate', version: 1, options: {}, state: {} });
    });
    test('attachRate(accumulator.result()) type-checks', () => {
      const result = new AttachRate({ anchor: { skus: ['laptop'] }, attach: { categories: ['bags'] }, per: 'order' }).result();
      expectTypeOf(attachRate(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof attachRate>[0]>();
    });
  });

  describe('UpsellRate', () => {
    test('options', () => {
      expectTypeOf<UpsellRateOptions>().toEqualTypeOf<{ dedupe?: boolean }>();
      expectTypeOf(UpsellRate).constructorParameters.toEqualTypeOf<[options?: UpsellRateOptions | undefined]>();
      expectTypeOf(new UpsellRate()).toEqualTypeOf<UpsellRate>();
      expectTypeOf(new UpsellRate({ dedupe: false })).toEqualTypeOf<UpsellRate>();
      // @ts-expect-error -- an unknown option or value is an error.
      new UpsellRate({ source: 'upsell' });
    });
    test('event and result', () => {
      const accumulator = new UpsellRate({ dedupe: false });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<UpsellRate>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<UpsellRate>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<UpsellRate>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<UpsellRateResult>();
      expectTypeOf<UpsellRateResult>().toEqualTypeOf<{ value: number | null; upsoldCustomers: number; customers: number }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- UpsellRate takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(UpsellRate.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options?: UpsellRateOptions | undefined]>();
      expectTypeOf(UpsellRate.of).returns.toEqualTypeOf<UpsellRateResult>();
      expectTypeOf(UpsellRate.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(UpsellRate.fromJSON).returns.toEqualTypeOf<UpsellRate>();
      expectTypeOf(UpsellRate.fromJSON(JSON.parse(JSON.stringify(new UpsellRate({ dedupe: false }))))).toEqualTypeOf<UpsellRate>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new UpsellRate({ dedupe: false });
      expectTypeOf(accumulator.merge(UpsellRate.fromJSON(accumulator.toJSON()))).toEqualTypeOf<UpsellRate>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new RepeatPurchaseRate({ dedupe: true }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'UpsellRate', version: 1, options: {}, state: {} });
    });
    test('upsellRate(accumulator.result()) type-checks', () => {
      const result = new UpsellRate({ dedupe: false }).result();
      expectTypeOf(upsellRate(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof upsellRate>[0]>();
    });
  });

  describe('OfferAcceptanceRate', () => {
    test('options', () => {
      expectTypeOf<OfferAcceptanceRateOptions>().toEqualTypeOf<{ kind?: 'cross-sell' | 'upsell' | null }>();
      expectTypeOf(OfferAcceptanceRate).constructorParameters.toEqualTypeOf<[options?: OfferAcceptanceRateOptions | undefined]>();
      expectTypeOf(new OfferAcceptanceRate()).toEqualTypeOf<OfferAcceptanceRate>();
      expectTypeOf(new OfferAcceptanceRate({ kind: 'upsell' })).toEqualTypeOf<OfferAcceptanceRate>();
      // @ts-expect-error -- an unknown option or value is an error.
      new OfferAcceptanceRate({ kinds: 'upsell' });
    });
    test('event and result', () => {
      const accumulator = new OfferAcceptanceRate({ kind: 'upsell' });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[offer: Offer]>();
      expectTypeOf(accumulator.add(offer)).toEqualTypeOf<OfferAcceptanceRate>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[offers: Iterable<Offer>]>();
      expectTypeOf(accumulator.addAll([offer])).toEqualTypeOf<OfferAcceptanceRate>();
      expectTypeOf(accumulator.addAll(new Set([offer]))).toEqualTypeOf<OfferAcceptanceRate>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<OfferAcceptanceRateResult>();
      expectTypeOf<OfferAcceptanceRateResult>().toEqualTypeOf<{ value: number | null; accepted: number; offered: number }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- OfferAcceptanceRate takes an Offer.
      accumulator.add(order);
    });
    test('of and fromJSON', () => {
      expectTypeOf(OfferAcceptanceRate.of).parameters.toEqualTypeOf<[offers: Iterable<Offer>, options?: OfferAcceptanceRateOptions | undefined]>();
      expectTypeOf(OfferAcceptanceRate.of).returns.toEqualTypeOf<OfferAcceptanceRateResult>();
      expectTypeOf(OfferAcceptanceRate.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(OfferAcceptanceRate.fromJSON).returns.toEqualTypeOf<OfferAcceptanceRate>();
      expectTypeOf(OfferAcceptanceRate.fromJSON(JSON.parse(JSON.stringify(new OfferAcceptanceRate({ kind: 'upsell' }))))).toEqualTypeOf<OfferAcceptanceRate>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new OfferAcceptanceRate({ kind: 'upsell' });
      expectTypeOf(accumulator.merge(OfferAcceptanceRate.fromJSON(accumulator.toJSON()))).toEqualTypeOf<OfferAcceptanceRate>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new ConversionRate({}));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'OfferAcceptanceRate', version: 1, options: {}, state: {} });
    });
    test('offerAcceptanceRate(accumulator.result()) type-checks', () => {
      const result = new OfferAcceptanceRate({ kind: 'upsell' }).result();
      expectTypeOf(offerAcceptanceRate(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof offerAcceptanceRate>[0]>();
    });
  });

  describe('ConversionRate', () => {
    test('options', () => {
      expectTypeOf<ConversionRateOptions>().toEqualTypeOf<Record<string, never>>();
      expectTypeOf(ConversionRate).constructorParameters.toEqualTypeOf<[options?: ConversionRateOptions | undefined]>();
      expectTypeOf(new ConversionRate()).toEqualTypeOf<ConversionRate>();
      expectTypeOf(new ConversionRate({})).toEqualTypeOf<ConversionRate>();
      // @ts-expect-error -- an unknown option or value is an error.
      new ConversionRate({ byy: 'sku' });
    });
    test('event and result', () => {
      const accumulator = new ConversionRate({});
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[visit: Visit]>();
      expectTypeOf(accumulator.add(visit)).toEqualTypeOf<ConversionRate>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[visits: Iterable<Visit>]>();
      expectTypeOf(accumulator.addAll([visit])).toEqualTypeOf<ConversionRate>();
      expectTypeOf(accumulator.addAll(new Set([visit]))).toEqualTypeOf<ConversionRate>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<ConversionRateResult>();
      expectTypeOf<ConversionRateResult>().toEqualTypeOf<{ value: number | null; converted: number; visitors: number }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- ConversionRate takes a Visit.
      accumulator.add(order);
    });
    test('of and fromJSON', () => {
      expectTypeOf(ConversionRate.of).parameters.toEqualTypeOf<[visits: Iterable<Visit>, options?: ConversionRateOptions | undefined]>();
      expectTypeOf(ConversionRate.of).returns.toEqualTypeOf<ConversionRateResult>();
      expectTypeOf(ConversionRate.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(ConversionRate.fromJSON).returns.toEqualTypeOf<ConversionRate>();
      expectTypeOf(ConversionRate.fromJSON(JSON.parse(JSON.stringify(new ConversionRate({}))))).toEqualTypeOf<ConversionRate>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new ConversionRate({});
      expectTypeOf(accumulator.merge(ConversionRate.fromJSON(accumulator.toJSON()))).toEqualTypeOf<ConversionRate>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new OfferAcceptanceRate({ kind: 'upsell' }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'ConversionRate', version: 1, options: {}, state: {} });
    });
    test('conversionRate(accumulator.result()) type-checks', () => {
      const result = new ConversionRate({}).result();
      expectTypeOf(conversionRate(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof conversionRate>[0]>();
    });
  });

  describe('RepeatPurchaseRate', () => {
    test('options', () => {
      expectTypeOf<RepeatPurchaseRateOptions>().toEqualTypeOf<{ dedupe?: boolean }>();
      expectTypeOf(RepeatPurchaseRate).constructorParameters.toEqualTypeOf<[options?: RepeatPurchaseRateOptions | undefined]>();
      expectTypeOf(new RepeatPurchaseRate()).toEqualTypeOf<RepeatPurchaseRate>();
      expectTypeOf(new RepeatPurchaseRate({ dedupe: true })).toEqualTypeOf<RepeatPurchaseRate>();
      // @ts-expect-error -- an unknown option or value is an error.
      new RepeatPurchaseRate({ minOrders: 2 });
    });
    test('event and result', () => {
      const accumulator = new RepeatPurchaseRate({ dedupe: true });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<RepeatPurchaseRate>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<RepeatPurchaseRate>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<RepeatPurchaseRate>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<RepeatPurchaseRateResult>();
      expectTypeOf<RepeatPurchaseRateResult>().toEqualTypeOf<{ value: number | null; repeatCustomers: number; customers: number }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- RepeatPurchaseRate takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(RepeatPurchaseRate.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options?: RepeatPurchaseRateOptions | undefined]>();
      expectTypeOf(RepeatPurchaseRate.of).returns.toEqualTypeOf<RepeatPurchaseRateResult>();
      expectTypeOf(RepeatPurchaseRate.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(RepeatPurchaseRate.fromJSON).returns.toEqualTypeOf<RepeatPurchaseRate>();
      expectTypeOf(RepeatPurchaseRate.fromJSON(JSON.parse(JSON.stringify(new RepeatPurchaseRate({ dedupe: true }))))).toEqualTypeOf<RepeatPurchaseRate>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new RepeatPurchaseRate({ dedupe: true });
      expectTypeOf(accumulator.merge(RepeatPurchaseRate.fromJSON(accumulator.toJSON()))).toEqualTypeOf<RepeatPurchaseRate>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new UpsellRate({ dedupe: false }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'RepeatPurchaseRate', version: 1, options: {}, state: {} });
    });
    test('repeatPurchaseRate(accumulator.result()) type-checks', () => {
      const result = new RepeatPurchaseRate({ dedupe: true }).result();
      expectTypeOf(repeatPurchaseRate(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof repeatPurchaseRate>[0]>();
    });
  });

  describe('RetentionRate', () => {
    test('options', () => {
      expectTypeOf<PeriodOptions>().toEqualTypeOf<{ grain?: Grain; timeZone?: string; maxPeriods?: number; dedupe?: boolean }>();
      expectTypeOf(RetentionRate).constructorParameters.toEqualTypeOf<[options?: PeriodOptions | undefined]>();
      expectTypeOf(new RetentionRate()).toEqualTypeOf<RetentionRate>();
      expectTypeOf(new RetentionRate({ grain: 'month', timeZone: 'Europe/Berlin' })).toEqualTypeOf<RetentionRate>();
      // @ts-expect-error -- an unknown option or value is an error.
      new RetentionRate({ grain: 'fortnight' });
    });
    test('event and result', () => {
      const accumulator = new RetentionRate({ grain: 'month', timeZone: 'Europe/Berlin' });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<RetentionRate>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<RetentionRate>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<RetentionRate>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<RetentionRateResult>();
      expectTypeOf<RetentionRateResult>().toEqualTypeOf<{ value: number | null; customersAtStart: number; customersAtEnd: number; newCustomers: number }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- RetentionRate takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(RetentionRate.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options?: PeriodOptions | undefined]>();
      expectTypeOf(RetentionRate.of).returns.toEqualTypeOf<RetentionRateResult>();
      expectTypeOf(RetentionRate.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(RetentionRate.fromJSON).returns.toEqualTypeOf<RetentionRate>();
      expectTypeOf(RetentionRate.fromJSON(JSON.parse(JSON.stringify(new RetentionRate({ grain: 'month', timeZone: 'Europe/Berlin' }))))).toEqualTypeOf<RetentionRate>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new RetentionRate({ grain: 'month', timeZone: 'Europe/Berlin' });
      expectTypeOf(accumulator.merge(RetentionRate.fromJSON(accumulator.toJSON()))).toEqualTypeOf<RetentionRate>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new ChurnRate({ grain: 'quarter' }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'RetentionRate', version: 1, options: {}, state: {} });
    });
    test('retentionRate(accumulator.result()) type-checks', () => {
      const result = new RetentionRate({ grain: 'month', timeZone: 'Europe/Berlin' }).result();
      expectTypeOf(retentionRate(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof retentionRate>[0]>();
    });
  });

  describe('ChurnRate', () => {
    test('options', () => {
      expectTypeOf<PeriodOptions>().toEqualTypeOf<{ grain?: Grain; timeZone?: string; maxPeriods?: number; dedupe?: boolean }>();
      expectTypeOf(ChurnRate).constructorParameters.toEqualTypeOf<[options?: PeriodOptions | undefined]>();
      expectTypeOf(new ChurnRate()).toEqualTypeOf<ChurnRate>();
      expectTypeOf(new ChurnRate({ grain: 'quarter' })).toEqualTypeOf<ChurnRate>();
      // @ts-expect-error -- an unknown option or value is an error.
      new ChurnRate({ timezone: 'UTC' });
    });
    test('event and result', () => {
      const accumulator = new ChurnRate({ grain: 'quarter' });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<ChurnRate>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<ChurnRate>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<ChurnRate>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<ChurnRateResult>();
      expectTypeOf<ChurnRateResult>().toEqualTypeOf<{ value: number | null; customersAtStart: number; customersLost: number }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- ChurnRate takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(ChurnRate.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options?: PeriodOptions | undefined]>();
      expectTypeOf(ChurnRate.of).returns.toEqualTypeOf<ChurnRateResult>();
      expectTypeOf(ChurnRate.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(ChurnRate.fromJSON).returns.toEqualTypeOf<ChurnRate>();
      expectTypeOf(ChurnRate.fromJSON(JSON.parse(JSON.stringify(new ChurnRate({ grain: 'quarter' }))))).toEqualTypeOf<ChurnRate>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new ChurnRate({ grain: 'quarter' });
      expectTypeOf(accumulator.merge(ChurnRate.fromJSON(accumulator.toJSON()))).toEqualTypeOf<ChurnRate>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new RetentionRate({ grain: 'month', timeZone: 'Europe/Berlin' }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'ChurnRate', version: 1, options: {}, state: {} });
    });
    test('churnRate(accumulator.result()) type-checks', () => {
      const result = new ChurnRate({ grain: 'quarter' }).result();
      expectTypeOf(churnRate(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof churnRate>[0]>();
    });
  });

  describe('AverageOrderValue', () => {
    test('options', () => {
      expectTypeOf<AverageOrderValueOptions>().toEqualTypeOf<{ currency?: string | null; dedupe?: boolean }>();
      expectTypeOf(AverageOrderValue).constructorParameters.toEqualTypeOf<[options?: AverageOrderValueOptions | undefined]>();
      expectTypeOf(new AverageOrderValue()).toEqualTypeOf<AverageOrderValue>();
      expectTypeOf(new AverageOrderValue({ currency: 'EUR' })).toEqualTypeOf<AverageOrderValue>();
      // @ts-expect-error -- an unknown option or value is an error.
      new AverageOrderValue({ currencies: ['EUR'] });
    });
    test('event and result', () => {
      const accumulator = new AverageOrderValue({ currency: 'EUR' });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<AverageOrderValue>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<AverageOrderValue>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<AverageOrderValue>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<AverageOrderValueResult>();
      expectTypeOf<AverageOrderValueResult>().toEqualTypeOf<{ value: Decimal | null; revenue: Decimal; orders: number; currency: string | null }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- money in a result is a Decimal, not a string.
      const text: string = accumulator.result().revenue;
      expectTypeOf(text).toBeString();
      // @ts-expect-error -- AverageOrderValue takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(AverageOrderValue.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options?: AverageOrderValueOptions | undefined]>();
      expectTypeOf(AverageOrderValue.of).returns.toEqualTypeOf<AverageOrderValueResult>();
      expectTypeOf(AverageOrderValue.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(AverageOrderValue.fromJSON).returns.toEqualTypeOf<AverageOrderValue>();
      expectTypeOf(AverageOrderValue.fromJSON(JSON.parse(JSON.stringify(new AverageOrderValue({ currency: 'EUR' }))))).toEqualTypeOf<AverageOrderValue>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new AverageOrderValue({ currency: 'EUR' });
      expectTypeOf(accumulator.merge(AverageOrderValue.fromJSON(accumulator.toJSON()))).toEqualTypeOf<AverageOrderValue>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new CustomerLifetimeValue({ currency: 'JPY' }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'AverageOrderValue', version: 1, options: {}, state: {} });
    });
    test('averageOrderValue(accumulator.result()) type-checks', () => {
      const result = new AverageOrderValue({ currency: 'EUR' }).result();
      expectTypeOf(averageOrderValue(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof averageOrderValue>[0]>();
    });
  });

  describe('RevenuePerConversion', () => {
    test('options', () => {
      expectTypeOf<RevenuePerConversionOptions>().toEqualTypeOf<{ source: 'cross-sell' | 'upsell'; currency?: string | null; dedupe?: boolean }>();
      expectTypeOf(RevenuePerConversion).constructorParameters.toEqualTypeOf<[options: RevenuePerConversionOptions]>();
      // @ts-expect-error -- the options are required.
      new RevenuePerConversion();
      expectTypeOf(new RevenuePerConversion({ source: 'cross-sell' })).toEqualTypeOf<RevenuePerConversion>();
      // @ts-expect-error -- an unknown option or value is an error.
      new RevenuePerConversion({ source: 'organic' });
    });
    test('event and result', () => {
      const accumulator = new RevenuePerConversion({ source: 'cross-sell' });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<RevenuePerConversion>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<RevenuePerConversion>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<RevenuePerConversion>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<RevenuePerConversionResult>();
      expectTypeOf<RevenuePerConversionResult>().toEqualTypeOf<{ value: Decimal | null; revenue: Decimal; conversions: number; currency: string | null }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- money in a result is a Decimal, not a string.
      const text: string = accumulator.result().revenue;
      expectTypeOf(text).toBeString();
      // @ts-expect-error -- RevenuePerConversion takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(RevenuePerConversion.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options: RevenuePerConversionOptions]>();
      expectTypeOf(RevenuePerConversion.of).returns.toEqualTypeOf<RevenuePerConversionResult>();
      expectTypeOf(RevenuePerConversion.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(RevenuePerConversion.fromJSON).returns.toEqualTypeOf<RevenuePerConversion>();
      expectTypeOf(RevenuePerConversion.fromJSON(JSON.parse(JSON.stringify(new RevenuePerConversion({ source: 'cross-sell' }))))).toEqualTypeOf<RevenuePerConversion>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new RevenuePerConversion({ source: 'cross-sell' });
      expectTypeOf(accumulator.merge(RevenuePerConversion.fromJSON(accumulator.toJSON()))).toEqualTypeOf<RevenuePerConversion>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new RevenueShare({ source: 'upsell', currency: null }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'RevenuePerConversion', version: 1, options: {}, state: {} });
    });
    test('revenuePerConversion(accumulator.result()) type-checks', () => {
      const result = new RevenuePerConversion({ source: 'cross-sell' }).result();
      expectTypeOf(revenuePerConversion(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof revenuePerConversion>[0]>();
    });
  });

  describe('RevenueShare', () => {
    test('options', () => {
      expectTypeOf<RevenueShareOptions>().toEqualTypeOf<{ source: 'cross-sell' | 'upsell'; currency?: string | null; dedupe?: boolean }>();
      expectTypeOf(RevenueShare).constructorParameters.toEqualTypeOf<[options: RevenueShareOptions]>();
      // @ts-expect-error -- the options are required.
      new RevenueShare();
      expectTypeOf(new RevenueShare({ source: 'upsell', currency: null })).toEqualTypeOf<RevenueShare>();
      // @ts-expect-error -- an unknown option or value is an error.
      new RevenueShare({ source: 'upsell', by: 'sku' });
    });
    test('event and result', () => {
      const accumulator = new RevenueShare({ source: 'upsell', currency: null });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<RevenueShare>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<RevenueShare>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<RevenueShare>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<RevenueShareResult>();
      expectTypeOf<RevenueShareResult>().toEqualTypeOf<{ value: number | null; part: Decimal; total: Decimal; currency: string | null }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- money in a result is a Decimal, not a string.
      const text: string = accumulator.result().part;
      expectTypeOf(text).toBeString();
      // @ts-expect-error -- RevenueShare takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(RevenueShare.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options: RevenueShareOptions]>();
      expectTypeOf(RevenueShare.of).returns.toEqualTypeOf<RevenueShareResult>();
      expectTypeOf(RevenueShare.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(RevenueShare.fromJSON).returns.toEqualTypeOf<RevenueShare>();
      expectTypeOf(RevenueShare.fromJSON(JSON.parse(JSON.stringify(new RevenueShare({ source: 'upsell', currency: null }))))).toEqualTypeOf<RevenueShare>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new RevenueShare({ source: 'upsell', currency: null });
      expectTypeOf(accumulator.merge(RevenueShare.fromJSON(accumulator.toJSON()))).toEqualTypeOf<RevenueShare>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new RevenuePerConversion({ source: 'cross-sell' }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'RevenueShare', version: 1, options: {}, state: {} });
    });
    test('revenueShare(accumulator.result()) type-checks', () => {
      const result = new RevenueShare({ source: 'upsell', currency: null }).result();
      expectTypeOf(revenueShare(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof revenueShare>[0]>();
    });
  });

  describe('ItemsPerOrder', () => {
    test('options', () => {
      expectTypeOf<ItemsPerOrderOptions>().toEqualTypeOf<{ dedupe?: boolean }>();
      expectTypeOf(ItemsPerOrder).constructorParameters.toEqualTypeOf<[options?: ItemsPerOrderOptions | undefined]>();
      expectTypeOf(new ItemsPerOrder()).toEqualTypeOf<ItemsPerOrder>();
      expectTypeOf(new ItemsPerOrder({})).toEqualTypeOf<ItemsPerOrder>();
      // @ts-expect-error -- an unknown option or value is an error.
      new ItemsPerOrder({ by: 'sku' });
    });
    test('event and result', () => {
      const accumulator = new ItemsPerOrder({});
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<ItemsPerOrder>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<ItemsPerOrder>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<ItemsPerOrder>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<ItemsPerOrderResult>();
      expectTypeOf<ItemsPerOrderResult>().toEqualTypeOf<{ value: number | null; items: number; orders: number }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- ItemsPerOrder takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(ItemsPerOrder.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options?: ItemsPerOrderOptions | undefined]>();
      expectTypeOf(ItemsPerOrder.of).returns.toEqualTypeOf<ItemsPerOrderResult>();
      expectTypeOf(ItemsPerOrder.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(ItemsPerOrder.fromJSON).returns.toEqualTypeOf<ItemsPerOrder>();
      expectTypeOf(ItemsPerOrder.fromJSON(JSON.parse(JSON.stringify(new ItemsPerOrder({}))))).toEqualTypeOf<ItemsPerOrder>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new ItemsPerOrder({});
      expectTypeOf(accumulator.merge(ItemsPerOrder.fromJSON(accumulator.toJSON()))).toEqualTypeOf<ItemsPerOrder>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new AverageOrderValue({ currency: 'EUR' }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'ItemsPerOrder', version: 1, options: {}, state: {} });
    });
    test('itemsPerOrder(accumulator.result()) type-checks', () => {
      const result = new ItemsPerOrder({}).result();
      expectTypeOf(itemsPerOrder(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof itemsPerOrder>[0]>();
    });
  });

  describe('NetRevenue', () => {
    const refund: Return = { type: 'return', returnId: 'r1', timestamp: '2026-11-02T10:00:00Z', amount: '5' };
    test('options', () => {
      expectTypeOf<NetRevenueOptions>().toEqualTypeOf<{ currency?: string | null; dedupe?: boolean }>();
      expectTypeOf(NetRevenue).constructorParameters.toEqualTypeOf<[options?: NetRevenueOptions | undefined]>();
      // @ts-expect-error -- an unknown option is an error.
      new NetRevenue({ netOfReturns: true });
    });
    test('event and result', () => {
      const accumulator = new NetRevenue({ currency: 'EUR' });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[event: Order | Return]>();
      expectTypeOf(accumulator.add(order).add(refund)).toEqualTypeOf<NetRevenue>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[events: Iterable<Order | Return>]>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<NetRevenueResult>();
      expectTypeOf<NetRevenueResult>().toEqualTypeOf<{ value: Decimal; grossRevenue: Decimal; returns: Decimal; currency: string | null }>();
      expectTypeOf(netRevenue(accumulator.result())).toEqualTypeOf<Decimal>();
      // @ts-expect-error -- NetRevenue takes orders and returns, not offers.
      accumulator.add(offer);
    });
    test('of, fromJSON and merge', () => {
      expectTypeOf(NetRevenue.of).parameters.toEqualTypeOf<[events: Iterable<Order | Return>, options?: NetRevenueOptions | undefined]>();
      expectTypeOf(NetRevenue.fromJSON).returns.toEqualTypeOf<NetRevenue>();
      const accumulator = new NetRevenue();
      expectTypeOf(accumulator.merge(NetRevenue.fromJSON(accumulator.toJSON()))).toEqualTypeOf<NetRevenue>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new AverageOrderValue());
    });
  });

  describe('CustomerLifetimeValue', () => {
    test('options', () => {
      expectTypeOf<CustomerLifetimeValueOptions>().toEqualTypeOf<{ currency?: string | null; dedupe?: boolean; netOfReturns?: boolean }>();
      expectTypeOf(CustomerLifetimeValue).constructorParameters.toEqualTypeOf<[options?: CustomerLifetimeValueOptions | undefined]>();
      expectTypeOf(new CustomerLifetimeValue()).toEqualTypeOf<CustomerLifetimeValue>();
      expectTypeOf(new CustomerLifetimeValue({ currency: 'JPY' })).toEqualTypeOf<CustomerLifetimeValue>();
      // @ts-expect-error -- an unknown option or value is an error.
      new CustomerLifetimeValue({ margin: 0.3 });
    });
    test('event and result', () => {
      const accumulator = new CustomerLifetimeValue({ currency: 'JPY' });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order | Return]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<CustomerLifetimeValue>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order | Return>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<CustomerLifetimeValue>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<CustomerLifetimeValue>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<CustomerLifetimeValueResult>();
      expectTypeOf<CustomerLifetimeValueResult>().toEqualTypeOf<{ value: Decimal | null; revenue: Decimal; customers: number; currency: string | null }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- money in a result is a Decimal, not a string.
      const text: string = accumulator.result().revenue;
      expectTypeOf(text).toBeString();
      // @ts-expect-error -- CustomerLifetimeValue takes an Order (or, net of returns, a Return).
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(CustomerLifetimeValue.of).parameters.toEqualTypeOf<[orders: Iterable<Order | Return>, options?: CustomerLifetimeValueOptions | undefined]>();
      expectTypeOf(CustomerLifetimeValue.of).returns.toEqualTypeOf<CustomerLifetimeValueResult>();
      expectTypeOf(CustomerLifetimeValue.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(CustomerLifetimeValue.fromJSON).returns.toEqualTypeOf<CustomerLifetimeValue>();
      expectTypeOf(CustomerLifetimeValue.fromJSON(JSON.parse(JSON.stringify(new CustomerLifetimeValue({ currency: 'JPY' }))))).toEqualTypeOf<CustomerLifetimeValue>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new CustomerLifetimeValue({ currency: 'JPY' });
      expectTypeOf(accumulator.merge(CustomerLifetimeValue.fromJSON(accumulator.toJSON()))).toEqualTypeOf<CustomerLifetimeValue>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new AverageOrderValue({ currency: 'EUR' }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'CustomerLifetimeValue', version: 1, options: {}, state: {} });
    });
    test('customerLifetimeValue(accumulator.result()) type-checks', () => {
      const result = new CustomerLifetimeValue({ currency: 'JPY' }).result();
      expectTypeOf(customerLifetimeValue(result)).toEqualTypeOf(result.value);
      expectTypeOf(result).toExtend<Parameters<typeof customerLifetimeValue>[0]>();
    });
  });

  describe('CrossSellCohorts', () => {
    test('options', () => {
      expectTypeOf<CrossSellCohortsOptions>().toEqualTypeOf<{ by?: 'sku' | 'category'; minDistinct?: number; currency?: string | null; dedupe?: boolean }>();
      expectTypeOf(CrossSellCohorts).constructorParameters.toEqualTypeOf<[options?: CrossSellCohortsOptions | undefined]>();
      expectTypeOf(new CrossSellCohorts()).toEqualTypeOf<CrossSellCohorts>();
      expectTypeOf(new CrossSellCohorts({ by: 'sku', currency: 'EUR' })).toEqualTypeOf<CrossSellCohorts>();
      // @ts-expect-error -- an unknown option or value is an error.
      new CrossSellCohorts({ grain: 'month' });
    });
    test('event and result', () => {
      const accumulator = new CrossSellCohorts({ by: 'sku', currency: 'EUR' });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<CrossSellCohorts>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<CrossSellCohorts>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<CrossSellCohorts>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<CrossSellCohortsResult>();
      expectTypeOf<CrossSellCohortsResult>().toEqualTypeOf<{ currency: string | null; crossSold: Cohort; other: Cohort }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- CrossSellCohorts takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(CrossSellCohorts.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options?: CrossSellCohortsOptions | undefined]>();
      expectTypeOf(CrossSellCohorts.of).returns.toEqualTypeOf<CrossSellCohortsResult>();
      expectTypeOf(CrossSellCohorts.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(CrossSellCohorts.fromJSON).returns.toEqualTypeOf<CrossSellCohorts>();
      expectTypeOf(CrossSellCohorts.fromJSON(JSON.parse(JSON.stringify(new CrossSellCohorts({ by: 'sku', currency: 'EUR' }))))).toEqualTypeOf<CrossSellCohorts>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new CrossSellCohorts({ by: 'sku', currency: 'EUR' });
      expectTypeOf(accumulator.merge(CrossSellCohorts.fromJSON(accumulator.toJSON()))).toEqualTypeOf<CrossSellCohorts>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new CrossSellRate({ by: 'sku', minDistinct: 2 }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'CrossSellCohorts', version: 1, options: {}, state: {} });
    });
  });

  describe('CoPurchase', () => {
    test('options', () => {
      expectTypeOf<CoPurchaseOptions>().toEqualTypeOf<{ by?: 'sku' | 'category'; dedupe?: boolean; mode?: 'exact' | 'bounded'; capacity?: number }>();
      expectTypeOf(CoPurchase).constructorParameters.toEqualTypeOf<[options?: CoPurchaseOptions | undefined]>();
      expectTypeOf(new CoPurchase()).toEqualTypeOf<CoPurchase>();
      expectTypeOf(new CoPurchase({ mode: 'bounded', capacity: 1000 })).toEqualTypeOf<CoPurchase>();
      // @ts-expect-error -- an unknown option or value is an error.
      new CoPurchase({ limit: 10 });
    });
    test('event and result', () => {
      const accumulator = new CoPurchase({ mode: 'bounded', capacity: 1000 });
      expectTypeOf(accumulator.add).parameters.toEqualTypeOf<[order: Order]>();
      expectTypeOf(accumulator.add(order)).toEqualTypeOf<CoPurchase>();
      expectTypeOf(accumulator.addAll).parameters.toEqualTypeOf<[orders: Iterable<Order>]>();
      expectTypeOf(accumulator.addAll([order])).toEqualTypeOf<CoPurchase>();
      expectTypeOf(accumulator.addAll(new Set([order]))).toEqualTypeOf<CoPurchase>();
      expectTypeOf(accumulator.result()).toEqualTypeOf<CoPurchaseResult>();
      expectTypeOf<CoPurchaseResult>().toEqualTypeOf<{ orders: number; pairs: CoPurchasePair[]; maxError?: number }>();
      expectTypeOf(accumulator.toJSON()).toEqualTypeOf<AccumulatorJSON>();
      // @ts-expect-error -- CoPurchase takes an Order.
      accumulator.add(offer);
    });
    test('of and fromJSON', () => {
      expectTypeOf(CoPurchase.of).parameters.toEqualTypeOf<[orders: Iterable<Order>, options?: CoPurchaseOptions | undefined]>();
      expectTypeOf(CoPurchase.of).returns.toEqualTypeOf<CoPurchaseResult>();
      expectTypeOf(CoPurchase.fromJSON).parameters.toEqualTypeOf<[json: unknown]>();
      expectTypeOf(CoPurchase.fromJSON).returns.toEqualTypeOf<CoPurchase>();
      expectTypeOf(CoPurchase.fromJSON(JSON.parse(JSON.stringify(new CoPurchase({ mode: 'bounded', capacity: 1000 }))))).toEqualTypeOf<CoPurchase>();
    });
    test('merge takes the same class only', () => {
      const accumulator = new CoPurchase({ mode: 'bounded', capacity: 1000 });
      expectTypeOf(accumulator.merge(CoPurchase.fromJSON(accumulator.toJSON()))).toEqualTypeOf<CoPurchase>();
      // @ts-expect-error -- another accumulator class is an error.
      accumulator.merge(new TransactionCrossSellRate({ by: 'category' }));
      // @ts-expect-error -- saved JSON is restored with fromJSON, not merged.
      accumulator.merge(accumulator.toJSON());
      // @ts-expect-error -- nor is any plain object.
      accumulator.merge({ kind: 'CoPurchase', version: 1, options: {}, state: {} });
    });
  });
});

describe('extra reads', () => {
  test('AverageOrderValue.moments', () => {
    expectTypeOf(new AverageOrderValue().moments()).toEqualTypeOf<OrderValueMoments>();
    expectTypeOf<OrderValueMoments>().toEqualTypeOf<{ count: number; mean: number; variance: number }>();
  });
  test('CustomerLifetimeValue.valuesByCustomer', () => {
    expectTypeOf(new CustomerLifetimeValue().valuesByCustomer()).toEqualTypeOf<Map<string, Decimal>>();
  });
  test('RetentionRate and ChurnRate resultsByPeriod', () => {
    expectTypeOf(new RetentionRate().resultsByPeriod()).toEqualTypeOf<RetentionRatePeriod[]>();
    expectTypeOf<RetentionRatePeriod>().toEqualTypeOf<{ period: string; value: number | null; customersAtStart: number; customersAtEnd: number; newCustomers: number }>();
    expectTypeOf(new ChurnRate().resultsByPeriod()).toEqualTypeOf<ChurnRatePeriod[]>();
    expectTypeOf<ChurnRatePeriod>().toEqualTypeOf<{ period: string; value: number | null; customersAtStart: number; customersLost: number }>();
  });
  test('CrossSellCohorts cohorts', () => {
    expectTypeOf<Cohort>().toEqualTypeOf<{ customers: number; revenue: Decimal; averageLifetimeValue: Decimal | null; repeatPurchaseRate: number | null }>();
  });
  test('CoPurchase pairs and topComplements', () => {
    expectTypeOf<CoPurchasePair>().toEqualTypeOf<{ a: string; b: string; count: number; support: number; confidenceAB: number; confidenceBA: number; lift: number }>();
    expectTypeOf(new CoPurchase().topComplements).parameters.toEqualTypeOf<[sku: string, options?: TopComplementsOptions | undefined]>();
    expectTypeOf(new CoPurchase().topComplements('laptop', { limit: 3, rankBy: 'lift' })).toEqualTypeOf<Complement[]>();
    expectTypeOf<TopComplementsOptions>().toEqualTypeOf<{ limit?: number; rankBy?: 'confidence' | 'lift'; minCount?: number }>();
    expectTypeOf<Complement>().toEqualTypeOf<{ sku: string; count: number; confidence: number; lift: number }>();
  });
  test('ProductSelector', () => {
    expectTypeOf<ProductSelector>().toEqualTypeOf<{ skus?: string[]; categories?: string[] }>();
  });
});
