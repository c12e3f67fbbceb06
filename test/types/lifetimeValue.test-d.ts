// The lifetime-value API on the public declarations (dist/index.d.ts): CustomerSummary (its
// required observationEnd, its result), the fits and their models, predictCustomerValue's named
// arguments, and CrossSellCohorts#cohortsByCustomer.
import { describe, expectTypeOf, test } from 'vitest';
import {
  BgNbdModel,
  CrossSellCohorts,
  CustomerSummary,
  GammaGammaModel,
  fitBgNbd,
  fitGammaGamma,
  predictCustomerValue,
  type BgNbdModelJSON,
  type BgNbdParameters,
  type CustomerSummaryResult,
  type Decimal,
  type GammaGammaModelJSON,
  type GammaGammaParameters,
  type Order,
  type SummarizedCustomer,
  type TimeUnit,
} from 'xsell-kpi';

describe('CustomerSummary', () => {
  test('observationEnd is required; the result lists SummarizedCustomers', () => {
    // @ts-expect-error -- no observation end
    new CustomerSummary({ timeUnit: 'week' });
    // @ts-expect-error -- months are not a time unit
    new CustomerSummary({ observationEnd: '2026-01-31', timeUnit: 'month' });
    const summary = new CustomerSummary({ observationEnd: '2026-01-31', timeUnit: 'week', timeZone: 'UTC', currency: 'EUR', dedupe: false });
    expectTypeOf(summary.add).parameter(0).toEqualTypeOf<Order>();
    expectTypeOf(summary.result()).toEqualTypeOf<CustomerSummaryResult>();
    expectTypeOf(summary.result().customers).toEqualTypeOf<SummarizedCustomer[]>();
    expectTypeOf(summary.result().timeUnit).toEqualTypeOf<TimeUnit>();
    expectTypeOf<SummarizedCustomer['monetary']>().toEqualTypeOf<Decimal | null>();
    expectTypeOf(CustomerSummary.fromJSON).returns.toEqualTypeOf<CustomerSummary>();
    // @ts-expect-error -- only another CustomerSummary merges
    summary.merge(new CrossSellCohorts());
  });
});

describe('the models', () => {
  test('fits return models with typed parameters; a summary is their input', () => {
    const customers = CustomerSummary.of([], { observationEnd: '2026-01-31' }).customers;
    const purchases = fitBgNbd(customers, { penalizer: 0.001 });
    const spend = fitGammaGamma(customers);
    expectTypeOf(purchases).toEqualTypeOf<BgNbdModel>();
    expectTypeOf(spend).toEqualTypeOf<GammaGammaModel>();
    expectTypeOf(purchases.params).toEqualTypeOf<BgNbdParameters>();
    expectTypeOf(spend.params).toEqualTypeOf<GammaGammaParameters>();
    expectTypeOf(purchases.logLikelihood).toEqualTypeOf<number | null>();
    expectTypeOf(purchases.probabilityAlive({ frequency: 1, recency: 2, T: 3 })).toEqualTypeOf<number>();
    expectTypeOf(spend.conditionalExpectedAverageValue({ frequency: 1, monetary: '9.99' })).toEqualTypeOf<Decimal>();
    expectTypeOf(purchases.toJSON()).toEqualTypeOf<BgNbdModelJSON>();
    expectTypeOf(spend.toJSON()).toEqualTypeOf<GammaGammaModelJSON>();
    expectTypeOf(BgNbdModel.fromJSON).returns.toEqualTypeOf<BgNbdModel>();
    // @ts-expect-error -- an unknown option
    fitBgNbd(customers, { tolerance: 1e-6 });
    // @ts-expect-error -- a summary without T
    purchases.probabilityAlive({ frequency: 1, recency: 2 });
  });

  test('predictCustomerValue takes named arguments, all of them, and returns a Decimal', () => {
    const purchases = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
    const spend = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });
    const customer = { frequency: 2, recency: 30.43, T: 38.86, monetary: '22.35' };
    expectTypeOf(predictCustomerValue({ purchases, spend, customer, horizon: 52, discountRate: 0.01 })).toEqualTypeOf<Decimal>();
    // @ts-expect-error -- no discount rate
    predictCustomerValue({ purchases, spend, customer, horizon: 52 });
    // @ts-expect-error -- the models swapped
    predictCustomerValue({ purchases: spend, spend: purchases, customer, horizon: 52, discountRate: 0.01 });
  });
});

test('CrossSellCohorts#cohortsByCustomer maps customers to one of two cohorts', () => {
  expectTypeOf(new CrossSellCohorts().cohortsByCustomer()).toEqualTypeOf<Map<string, 'crossSold' | 'other'>>();
});
