// Formula functions, on the public declarations (dist/index.d.ts; see test/types/tsconfig.json):
// named-argument inputs, ratio results exactly `number | null`, money results exactly `Decimal`
// or `Decimal | null`, and `Decimal` is decimal.js's Decimal, never `any`.
import type { Decimal as DecimalJs } from 'decimal.js';
import { describe, expectTypeOf, test } from 'vitest';
import {
  attachRate,
  averageOrderValue,
  churnRate,
  conversionRate,
  crossSellRate,
  customerLifetimeValue,
  itemsPerOrder,
  offerAcceptanceRate,
  predictedLifetimeValue,
  repeatPurchaseRate,
  retentionRate,
  revenuePerConversion,
  revenueShare,
  roi,
  toMoney,
  transactionCrossSellRate,
  upsellRate,
  type Decimal,
  type MoneyInput,
} from 'xsell-kpi';

describe('Decimal', () => {
  test('is the decimal.js Decimal instance type, not any', () => {
    expectTypeOf<Decimal>().not.toBeAny();
    expectTypeOf<Decimal>().toEqualTypeOf<DecimalJs>();
    expectTypeOf<Decimal>().not.toBeString();
    expectTypeOf<MoneyInput>().toEqualTypeOf<string | number | Decimal>();
    expectTypeOf(toMoney).parameter(0).toEqualTypeOf<MoneyInput>();
    expectTypeOf(toMoney).returns.toEqualTypeOf<Decimal>();
  });
});

describe('ratio formulas: counts in, number | null out', () => {
  test('crossSellRate', () => {
    expectTypeOf(crossSellRate).parameters.toEqualTypeOf<[{ crossSoldCustomers: number; customers: number }]>();
    expectTypeOf(crossSellRate).returns.toEqualTypeOf<number | null>();
    // @ts-expect-error -- a missing named argument is an error.
    crossSellRate({ customers: 5 });
    // @ts-expect-error -- positional numbers are not the named arguments.
    crossSellRate(1, 5);
  });
  test('transactionCrossSellRate', () => {
    expectTypeOf(transactionCrossSellRate).parameters.toEqualTypeOf<[{ crossSellOrders: number; orders: number }]>();
    expectTypeOf(transactionCrossSellRate).returns.toEqualTypeOf<number | null>();
  });
  test('attachRate', () => {
    expectTypeOf(attachRate).parameters.toEqualTypeOf<[{ attached: number; anchors: number }]>();
    expectTypeOf(attachRate).returns.toEqualTypeOf<number | null>();
  });
  test('upsellRate', () => {
    expectTypeOf(upsellRate).parameters.toEqualTypeOf<[{ upsoldCustomers: number; customers: number }]>();
    expectTypeOf(upsellRate).returns.toEqualTypeOf<number | null>();
  });
  test('offerAcceptanceRate', () => {
    expectTypeOf(offerAcceptanceRate).parameters.toEqualTypeOf<[{ accepted: number; offered: number }]>();
    expectTypeOf(offerAcceptanceRate).returns.toEqualTypeOf<number | null>();
  });
  test('conversionRate', () => {
    expectTypeOf(conversionRate).parameters.toEqualTypeOf<[{ converted: number; visitors: number }]>();
    expectTypeOf(conversionRate).returns.toEqualTypeOf<number | null>();
  });
  test('repeatPurchaseRate', () => {
    expectTypeOf(repeatPurchaseRate).parameters.toEqualTypeOf<[{ repeatCustomers: number; customers: number }]>();
    expectTypeOf(repeatPurchaseRate).returns.toEqualTypeOf<number | null>();
  });
  test('retentionRate', () => {
    expectTypeOf(retentionRate).parameters.toEqualTypeOf<[{ customersAtStart: number; customersAtEnd: number; newCustomers: number }]>();
    expectTypeOf(retentionRate).returns.toEqualTypeOf<number | null>();
    // @ts-expect-error -- every named argument is required.
    retentionRate({ customersAtStart: 200, customersAtEnd: 180 });
  });
  test('churnRate', () => {
    expectTypeOf(churnRate).parameters.toEqualTypeOf<[{ customersAtStart: number; customersLost: number }]>();
    expectTypeOf(churnRate).returns.toEqualTypeOf<number | null>();
  });
  test('itemsPerOrder', () => {
    expectTypeOf(itemsPerOrder).parameters.toEqualTypeOf<[{ items: number; orders: number }]>();
    expectTypeOf(itemsPerOrder).returns.toEqualTypeOf<number | null>();
  });
  test('revenueShare takes money and gives a ratio', () => {
    expectTypeOf(revenueShare).parameters.toEqualTypeOf<[{ part: MoneyInput; total: MoneyInput }]>();
    expectTypeOf(revenueShare).returns.toEqualTypeOf<number | null>();
    expectTypeOf(revenueShare({ part: '10.5', total: 100 })).toEqualTypeOf<number | null>();
  });
  test('a ratio is not assignable to number', () => {
    expectTypeOf(crossSellRate({ crossSoldCustomers: 1, customers: 2 })).not.toEqualTypeOf<number>();
    // @ts-expect-error -- a ratio may be null.
    const rate: number = crossSellRate({ crossSoldCustomers: 1, customers: 2 });
    expectTypeOf(rate).toBeNumber();
  });
});

describe('money formulas: MoneyInput in, Decimal out', () => {
  test('averageOrderValue', () => {
    expectTypeOf(averageOrderValue).parameters.toEqualTypeOf<[{ revenue: MoneyInput; orders: number }]>();
    expectTypeOf(averageOrderValue).returns.toEqualTypeOf<Decimal | null>();
    // @ts-expect-error -- a money result is a Decimal, not a string.
    const text: string = averageOrderValue({ revenue: '1234.50', orders: 15 });
    // @ts-expect-error -- nor a number.
    const value: number = averageOrderValue({ revenue: '1234.50', orders: 15 });
    expectTypeOf(text).toBeString();
    expectTypeOf(value).toBeNumber();
  });
  test('revenuePerConversion', () => {
    expectTypeOf(revenuePerConversion).parameters.toEqualTypeOf<[{ revenue: MoneyInput; conversions: number }]>();
    expectTypeOf(revenuePerConversion).returns.toEqualTypeOf<Decimal | null>();
  });
  test('customerLifetimeValue', () => {
    expectTypeOf(customerLifetimeValue).parameters.toEqualTypeOf<[{ revenue: MoneyInput; customers: number }]>();
    expectTypeOf(customerLifetimeValue).returns.toEqualTypeOf<Decimal | null>();
  });
  test('predictedLifetimeValue is always defined', () => {
    expectTypeOf(predictedLifetimeValue).parameters.toEqualTypeOf<
      [{ averageOrderValue: MoneyInput; purchaseFrequency: number; lifespan: number; margin?: number }]
    >();
    expectTypeOf(predictedLifetimeValue).returns.toEqualTypeOf<Decimal>();
    expectTypeOf(predictedLifetimeValue({ averageOrderValue: '80', purchaseFrequency: 2, lifespan: 3 }).toFixed(2)).toBeString();
  });
  test('roi may be negative or undefined', () => {
    expectTypeOf(roi).parameters.toEqualTypeOf<[{ revenue: MoneyInput; cost: MoneyInput }]>();
    expectTypeOf(roi).returns.toEqualTypeOf<Decimal | null>();
    // @ts-expect-error -- cost is required.
    roi({ revenue: 10 });
  });
  test('a Decimal result is money input again', () => {
    const value = predictedLifetimeValue({ averageOrderValue: '80', purchaseFrequency: 2, lifespan: 3, margin: 0.3 });
    expectTypeOf(averageOrderValue({ revenue: value, orders: 2 })).toEqualTypeOf<Decimal | null>();
    expectTypeOf(roi({ revenue: value, cost: value.minus(1) })).toEqualTypeOf<Decimal | null>();
  });
});
