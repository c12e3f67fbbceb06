// Per-customer flags in typed arrays that grow (AttachRate, UpsellRate) with more customers than
// their first capacity, merged; and a state's JSON that does not depend on the order of the orders
// (CustomerLifetimeValue sorts by customer id). Found by mutation testing (docs/mutation.md): the
// property tests' pools hold about ten customers.
import { describe, expect, test } from 'vitest';
import { AttachRate, CustomerLifetimeValue, UpsellRate, type Order } from 'xsell-kpi';

const order = (orderId: string, customerId: string, sku: string, source: 'organic' | 'upsell' = 'organic'): Order => ({
  orderId,
  customerId,
  timestamp: '2026-01-05T10:00:00Z',
  lines: [{ sku, unitPrice: '10', source }],
});

const customers = Array.from({ length: 50 }, (_, index) => `c${String(index).padStart(2, '0')}`);

describe('fifty customers', () => {
  test('AttachRate per customer: every customer anchored, the even ones attached too; merged from two halves the same', () => {
    const orders = customers.flatMap((customer, index) => [order(`${customer}-a`, customer, 'A'), ...(index % 2 === 0 ? [order(`${customer}-b`, customer, 'B')] : [])]);
    const options = { anchor: { skus: ['A'] } };
    expect(AttachRate.of(orders, options)).toStrictEqual({ value: 0.5, attached: 25, anchors: 50 });
    const first = new AttachRate(options).addAll(orders.slice(0, 40));
    const second = new AttachRate(options).addAll(orders.slice(40));
    expect(first.merge(second).result()).toStrictEqual({ value: 0.5, attached: 25, anchors: 50 });
    // the attachment before the anchor, customer by customer
    expect(AttachRate.of([...orders].reverse(), options)).toStrictEqual({ value: 0.5, attached: 25, anchors: 50 });
  });

  test('UpsellRate: the customers with an upsell line, merged from two halves the same', () => {
    const orders = customers.map((customer, index) => order(`${customer}-o`, customer, 'A', index % 5 === 0 ? 'upsell' : 'organic'));
    expect(UpsellRate.of(orders)).toStrictEqual({ value: 0.2, upsoldCustomers: 10, customers: 50 });
    const merged = new UpsellRate().addAll(orders.slice(0, 9)).merge(new UpsellRate().addAll(orders.slice(9)));
    expect(merged.result()).toStrictEqual({ value: 0.2, upsoldCustomers: 10, customers: 50 });
    expect(new UpsellRate().addAll(orders.slice(30)).merge(new UpsellRate().addAll(orders.slice(0, 30))).result()).toStrictEqual({ value: 0.2, upsoldCustomers: 10, customers: 50 });
  });

  test('CustomerLifetimeValue writes its customers sorted by id (state.seen keeps the order of arrival), whatever the order of the orders', () => {
    const orders = customers.map((customer) => order(`${customer}-o`, customer, 'A'));
    const forward = new CustomerLifetimeValue().addAll(orders);
    const backward = new CustomerLifetimeValue().addAll([...orders].reverse());
    const shuffled = new CustomerLifetimeValue().addAll([...orders.slice(25), ...orders.slice(0, 25)]);
    const written = (clv: CustomerLifetimeValue): [string, string][] => (clv.toJSON().state as { customers: [string, string][] }).customers;
    expect(written(backward)).toStrictEqual(written(forward));
    expect(written(shuffled)).toStrictEqual(written(forward));
    expect(written(forward).map(([id]) => id)).toStrictEqual(customers);
  });
});
