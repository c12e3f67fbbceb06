import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CrossSellCohorts, CrossSellRate, CustomerLifetimeValue, RepeatPurchaseRate, customerLifetimeValue, repeatPurchaseRate, type CrossSellCohortsResult, type Order } from 'xsell-kpi';
import { invalidEventArb, streamArb } from '../../arbitraries/events.js';
import { checkLaws, normalise } from '../../laws/checkLaws.js';
import { checkFromJSONFuzz } from '../../laws/fromJSONFuzz.js';
import { expectKpiError } from '../../support/expectKpiError.js';

const common = {
  name: 'CrossSellCohorts',
  Class: CrossSellCohorts,
  invalid: invalidEventArb(['order']),
  // Laws 6 and 8 for both cohorts: repeat rates in [0, 1] or null, money exact, and each cohort's
  // averageLifetimeValue is customerLifetimeValue over its own revenue and customers.
  results: (acc: CrossSellCohorts) => [acc.result().crossSold, acc.result().other].map((cohort) => ({ ...cohort, value: cohort.averageLifetimeValue })),
  formula: customerLifetimeValue,
  ratioFields: ['repeatPurchaseRate'],
  countFields: ['customers'],
  moneyFields: ['value', 'revenue'],
};

checkLaws({ ...common, events: streamArb(), dedupe: true, incompatibleOptions: [{ by: 'category' }, { minDistinct: 3 }, { currency: 'USD' }] });
checkLaws({ ...common, options: { by: 'category', minDistinct: 3, currency: 'USD' }, events: streamArb({ categories: 'always', currency: 'USD' }), dedupe: true, incompatibleOptions: [{}] });
checkLaws({ ...common, options: { dedupe: false }, events: streamArb(), dedupe: false, incompatibleOptions: [{}] });

checkFromJSONFuzz({ name: 'CrossSellCohorts', Class: CrossSellCohorts, events: streamArb() });
checkFromJSONFuzz({ name: 'CrossSellCohorts', Class: CrossSellCohorts, options: { dedupe: false, minDistinct: 3 }, events: streamArb() });

/** The cohorts from the stand-alone accumulators: CrossSellRate decides who is cross-sold. */
function reference(orders: Order[], minDistinct: number): unknown {
  const products = new Map<string, Set<string>>();
  for (const order of orders) {
    const bought = products.get(String(order.customerId)) ?? new Set<string>();
    for (const line of order.lines) bought.add(String(line.sku));
    products.set(String(order.customerId), bought);
  }
  const cohort = (crossSold: boolean) => {
    const members = orders.filter((order) => (products.get(String(order.customerId))!.size >= minDistinct) === crossSold);
    const clv = CustomerLifetimeValue.of(members);
    const repeat = RepeatPurchaseRate.of(members);
    return { customers: clv.customers, revenue: clv.revenue, averageLifetimeValue: clv.value, repeatPurchaseRate: repeat.value };
  };
  return normalise({ currency: CustomerLifetimeValue.of(orders).currency, crossSold: cohort(true), other: cohort(false) });
}

describe('CrossSellCohorts', () => {
  test('equals the stand-alone accumulators run over each cohort’s customers', () => {
    fc.assert(
      fc.property(streamArb(), fc.integer({ min: 1, max: 4 }), (orders, minDistinct) => {
        expect(normalise(CrossSellCohorts.of(orders, { minDistinct }))).toEqual(reference(orders, minDistinct));
        const crossSold: CrossSellCohortsResult['crossSold'] = CrossSellCohorts.of(orders, { minDistinct }).crossSold;
        expect(crossSold.customers).toBe(CrossSellRate.of(orders, { minDistinct }).crossSoldCustomers);
      }),
    );
  });

  test('cohortsByCustomer: each identified customer’s cohort by distinct products, agreeing with result(), after merges and JSON round trips', () => {
    fc.assert(
      fc.property(streamArb(), fc.integer({ min: 1, max: 4 }), fc.nat(), (orders, minDistinct, cut) => {
        const products = new Map<string, Set<string>>();
        for (const order of orders) {
          if (order.customerId === null || order.customerId === undefined) continue;
          const bought = products.get(String(order.customerId)) ?? new Set<string>();
          for (const line of order.lines) bought.add(String(line.sku));
          products.set(String(order.customerId), bought);
        }
        const expected = new Map([...products].map(([customer, bought]) => [customer, bought.size >= minDistinct ? 'crossSold' : 'other']));
        const whole = new CrossSellCohorts({ minDistinct }).addAll(orders);
        const cohorts = whole.cohortsByCustomer();
        expect(new Map([...cohorts].sort())).toStrictEqual(new Map([...expected].sort()));
        const counts = [...cohorts.values()];
        expect([counts.filter((cohort) => cohort === 'crossSold').length, counts.filter((cohort) => cohort === 'other').length]).toStrictEqual([whole.result().crossSold.customers, whole.result().other.customers]);
        const split = cut % (orders.length + 1);
        const merged = new CrossSellCohorts({ minDistinct }).addAll(orders.slice(0, split)).merge(new CrossSellCohorts({ minDistinct }).addAll(orders.slice(split)));
        expect(new Map([...merged.cohortsByCustomer()].sort())).toStrictEqual(new Map([...expected].sort()));
        expect(CrossSellCohorts.fromJSON(JSON.parse(JSON.stringify(whole))).cohortsByCustomer()).toStrictEqual(cohorts);
        // A new map each time: changing it changes nothing.
        cohorts.clear();
        expect(whole.cohortsByCustomer().size).toBe(expected.size);
      }),
    );
  });

  test('empty cohorts are null where undefined and zero elsewhere', () => {
    const { crossSold, other, currency } = CrossSellCohorts.of([], { currency: 'GBP' });
    expect(currency).toBe('GBP');
    for (const cohort of [crossSold, other]) {
      expect(cohort.customers).toBe(0);
      expect(cohort.revenue.toFixed()).toBe('0');
      expect(cohort.averageLifetimeValue).toBeNull();
      expect(cohort.repeatPurchaseRate).toBeNull();
    }
    expect(repeatPurchaseRate({ repeatCustomers: 0, customers: 0 })).toBeNull();
  });

  test('orders in two currencies are MIXED_CURRENCY', () => {
    const cohorts = new CrossSellCohorts();
    cohorts.add({ orderId: 'o1', customerId: 'a', timestamp: new Date(0), currency: 'EUR', lines: [{ sku: 'A', unitPrice: '1' }] });
    expectKpiError(() => cohorts.add({ orderId: 'o2', customerId: 'a', timestamp: new Date(0), currency: 'USD', lines: [{ sku: 'B', unitPrice: '1' }] }), 'MIXED_CURRENCY', 'currency');
    expect(cohorts.result().other.customers).toBe(1);
  });
});
