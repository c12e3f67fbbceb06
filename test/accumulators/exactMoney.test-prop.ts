import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AverageOrderValue, CustomerLifetimeValue, ItemsPerOrder, RevenuePerConversion, RevenueShare, type Order } from 'xsell-kpi';
import * as big from '../reference/bigDecimal.js';
import { ZERO, exact, orderCaseArb, plain, priceValueArb, sum, valueArb, type OrderCase } from '../support/amounts.js';

/**
 * End to end: accumulators fed orders with mixed-scale and huge prices (2, 4, 6 and 8 decimals,
 * 10¹⁸ and more, around 2⁵² micro-units so sums overflow the float part) and fractional or
 * exponent quantities give exactly the BigInt reference; AOV's variance matches a two-pass
 * reference; the results survive toJSON → fromJSON and a merge of two halves.
 */

/** High-precision decimal.js, independent of the library's own clone, for the variance reference. */
const Precise = DecimalJs.clone({ precision: 200 });

const mixedPrices = fc.oneof(priceValueArb, valueArb({ scales: [0, 2, 4, 6, 8] }), fc.constantFrom('4503599627.370496', '4000000000', '123456789012345678.1234').map(big.parse));

/** Orders of ordinary prices and whole quantities, some of a billion or more: micro-units, whose running sum overflows 2⁵². */
const largeMicroOrderArb = orderCaseArb({
  currency: false,
  prices: fc.oneof(
    fc.bigInt({ min: 10n ** 10n, max: 450_000_000_000n }).map((unscaled) => exact(unscaled, 2)),
    fc.bigInt({ min: 0n, max: 10n ** 8n }).map((unscaled) => exact(unscaled, 4)),
  ),
  quantities: fc.integer({ min: 1, max: 3 }),
});

/** A stream of valid orders without currency, each with its own orderId. */
const streamArb: fc.Arbitrary<OrderCase[]> = fc
  .array(fc.oneof(orderCaseArb({ currency: false, prices: mixedPrices }), largeMicroOrderArb), { maxLength: 25 })
  .map((cases) => cases.map((item, index) => ({ ...item, order: { ...item.order, orderId: `order-${index}` } })));

const quotient = (dividend: big.BigDecimal, divisor: number): string => plain(big.divideSignificant(dividend, big.parse(String(divisor)), 34));

/** A result with its Decimals as text, for comparison. */
function shown(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, DecimalJs.isDecimal(field) ? (field as DecimalJs).toFixed() : field]));
}

interface Accumulator {
  addAll(orders: Iterable<Order>): this;
  merge(other: this): this;
  result(): object;
  toJSON(): unknown;
}

/** The result is unchanged through toJSON → fromJSON and through a merge of two halves of the stream. */
function expectRoundTripAndMerge<A extends Accumulator>(create: () => A, fromJSON: (json: unknown) => A, orders: Order[], split: number): A {
  const whole = create().addAll(orders);
  const expected = shown(whole.result());
  const restored = fromJSON(JSON.parse(JSON.stringify(whole)));
  expect(shown(restored.result()), 'after toJSON → fromJSON').toStrictEqual(expected);
  expect(JSON.stringify(restored)).toBe(JSON.stringify(whole));
  const cut = Math.min(split, orders.length);
  const merged = create().addAll(orders.slice(0, cut)).merge(fromJSON(JSON.parse(JSON.stringify(create().addAll(orders.slice(cut))))));
  expect(shown(merged.result()), `merged at ${cut}`).toStrictEqual(expected);
  return whole;
}

describe('accumulators over mixed-scale and huge money are exact end to end', () => {
  test('AverageOrderValue, RevenueShare, RevenuePerConversion, CustomerLifetimeValue and ItemsPerOrder equal the BigInt reference', () => {
    fc.assert(
      fc.property(streamArb, fc.nat(25), (cases, split) => {
        const orders = cases.map(({ order }) => order);
        const count = cases.length;
        const revenue = sum(cases.map((item) => item.revenue));
        const linesOf = (source: string) => cases.map((item) => item.lines.filter((line) => (line.line.source ?? 'organic') === source));

        // AverageOrderValue: revenue, orders, value, and the moments
        const aov = expectRoundTripAndMerge(
          () => new AverageOrderValue(),
          (json) => AverageOrderValue.fromJSON(json),
          orders,
          split,
        );
        const aovResult = aov.result();
        expect(aovResult.revenue.toFixed()).toBe(plain(revenue));
        expect(aovResult.orders).toBe(count);
        expect(aovResult.value?.toFixed() ?? null).toBe(count === 0 ? null : quotient(revenue, count));
        const moments = aov.moments();
        expect(moments.count).toBe(count);
        expect(moments.mean).toBe(count === 0 ? 0 : Number(quotient(revenue, count)));
        const values = cases.map((item) => new Precise(plain(item.revenue)));
        const mean = count === 0 ? new Precise(0) : values.reduce((total, x) => total.plus(x), new Precise(0)).div(count);
        const variance = count < 2 ? 0 : values.reduce((total, x) => total.plus(x.minus(mean).pow(2)), new Precise(0)).div(count - 1).toNumber();
        expect(Math.abs(moments.variance - variance), `variance ${moments.variance}, reference ${variance}`).toBeLessThanOrEqual(1e-9 * Math.abs(variance));
        expect(AverageOrderValue.fromJSON(JSON.parse(JSON.stringify(aov))).moments()).toStrictEqual(moments);

        // RevenueShare of cross-sell lines
        const part = sum(linesOf('cross-sell').flat().map((line) => line.revenue));
        const share = expectRoundTripAndMerge(() => new RevenueShare({ source: 'cross-sell' }), (json) => RevenueShare.fromJSON(json), orders, split).result();
        expect(share.part.toFixed()).toBe(plain(part));
        expect(share.total.toFixed()).toBe(plain(revenue));
        expect(share.value).toBe(revenue.unscaled === 0n ? null : Number(plain(big.divideSignificant(part, revenue, 34))));

        // RevenuePerConversion of upsell lines
        const upsells = linesOf('upsell').filter((lines) => lines.length > 0);
        const upsellRevenue = sum(upsells.flat().map((line) => line.revenue));
        const perConversion = expectRoundTripAndMerge(() => new RevenuePerConversion({ source: 'upsell' }), (json) => RevenuePerConversion.fromJSON(json), orders, split).result();
        expect(perConversion.revenue.toFixed()).toBe(plain(upsellRevenue));
        expect(perConversion.conversions).toBe(upsells.length);
        expect(perConversion.value?.toFixed() ?? null).toBe(upsells.length === 0 ? null : quotient(upsellRevenue, upsells.length));

        // CustomerLifetimeValue, per customer too (7 and '7' are one customer)
        const byCustomer = new Map<string, big.BigDecimal>();
        for (const item of cases) {
          const id = String(item.order.customerId);
          byCustomer.set(id, big.add(byCustomer.get(id) ?? ZERO, item.revenue));
        }
        const clv = expectRoundTripAndMerge(() => new CustomerLifetimeValue(), (json) => CustomerLifetimeValue.fromJSON(json), orders, split);
        const clvResult = clv.result();
        expect(clvResult.revenue.toFixed()).toBe(plain(revenue));
        expect(clvResult.customers).toBe(byCustomer.size);
        expect(clvResult.value?.toFixed() ?? null).toBe(byCustomer.size === 0 ? null : quotient(revenue, byCustomer.size));
        expect(new Map(Array.from(clv.valuesByCustomer(), ([id, value]) => [id, value.toFixed()]))).toStrictEqual(new Map(Array.from(byCustomer, ([id, value]) => [id, plain(value)])));

        // ItemsPerOrder: the exact sum of quantities, read as a number
        const items = Number(plain(sum(cases.flatMap((item) => item.lines.map((line) => line.quantity)))));
        const itemsResult = expectRoundTripAndMerge(() => new ItemsPerOrder(), (json) => ItemsPerOrder.fromJSON(json), orders, split).result();
        expect(itemsResult).toStrictEqual({ value: count === 0 ? null : items / count, items, orders: count });
      }),
    );
  });

  test('without dedupe, merging an accumulator into itself counts every order twice, whatever the amounts', () => {
    fc.assert(
      fc.property(streamArb, (cases) => {
        const orders = cases.map(({ order }) => order);
        const revenue = sum(cases.map((item) => item.revenue));
        const twice = big.add(revenue, revenue);
        const aov = new AverageOrderValue({ dedupe: false }).addAll(orders);
        aov.merge(aov);
        expect(aov.result().revenue.toFixed()).toBe(plain(twice));
        expect(aov.result().orders).toBe(2 * cases.length);
        const share = new RevenueShare({ source: 'cross-sell', dedupe: false }).addAll(orders);
        share.merge(share);
        expect(share.result().total.toFixed()).toBe(plain(twice));
      }),
    );
  });
});
