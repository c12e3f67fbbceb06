// Each accumulator's options: a bad value is INVALID_OPTION (a currency INVALID_CURRENCY) at the option's name (its path), an
// unknown option is refused. Pinned for every option (mutation testing, docs/mutation.md).
import { describe, expect, test } from 'vitest';
import {
  AttachRate,
  AverageOrderValue,
  ConversionRate,
  CrossSellRate,
  CustomerLifetimeValue,
  ItemsPerOrder,
  NetRevenue,
  OfferAcceptanceRate,
  RepeatPurchaseRate,
  RevenuePerConversion,
  RevenueShare,
  TransactionCrossSellRate,
  UpsellRate,
} from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

type Make = (options: unknown) => unknown;
const make = (Class: new (options?: never) => unknown): Make => (options) => new Class(options as never);

const anchor = { anchor: { skus: ['A'] } };
const cases: { name: string; create: Make; base: object; bad: Record<string, unknown> }[] = [
  { name: 'CrossSellRate', create: make(CrossSellRate), base: {}, bad: { by: 'brand', minDistinct: 0, dedupe: 'yes' } },
  { name: 'TransactionCrossSellRate', create: make(TransactionCrossSellRate), base: {}, bad: { by: 'brand', dedupe: 1 } },
  { name: 'UpsellRate', create: make(UpsellRate), base: {}, bad: { dedupe: null } },
  { name: 'AttachRate', create: make(AttachRate as never), base: anchor, bad: { per: 'visit', dedupe: 'no' } },
  { name: 'AverageOrderValue', create: make(AverageOrderValue), base: {}, bad: { currency: 'usd', dedupe: 0 } },
  { name: 'ItemsPerOrder', create: make(ItemsPerOrder), base: {}, bad: { dedupe: 'false' } },
  { name: 'RepeatPurchaseRate', create: make(RepeatPurchaseRate), base: {}, bad: { dedupe: [] } },
  { name: 'NetRevenue', create: make(NetRevenue), base: {}, bad: { currency: 'EURO', dedupe: {} } },
  { name: 'CustomerLifetimeValue', create: make(CustomerLifetimeValue), base: {}, bad: { currency: 1, dedupe: 'y', netOfReturns: 'y' } },
  { name: 'RevenueShare', create: make(RevenueShare as never), base: { source: 'cross-sell' }, bad: { source: 'organic!', currency: 'X', dedupe: 2 } },
  { name: 'RevenuePerConversion', create: make(RevenuePerConversion as never), base: { source: 'upsell' }, bad: { source: 'x', currency: '', dedupe: 'n' } },
  { name: 'OfferAcceptanceRate', create: make(OfferAcceptanceRate), base: {}, bad: { kind: 'downsell' } },
];

describe('options name their field', () => {
  for (const { name, create, base, bad } of cases) {
    test(`${name}: ${Object.keys(bad).join(', ')}, and an unknown option`, () => {
      expect(() => create(base)).not.toThrow();
      for (const [option, value] of Object.entries(bad)) expectKpiError(() => create({ ...base, [option]: value }), option === 'currency' ? 'INVALID_CURRENCY' : 'INVALID_OPTION', option);
      expectKpiError(() => create({ ...base, unknownOption: true }), 'INVALID_OPTION', 'unknownOption');
    });
  }

  test('ConversionRate takes no options', () => {
    expect(new ConversionRate({}).result().visitors).toBe(0);
    expectKpiError(() => new ConversionRate({ dedupe: false } as never), 'INVALID_OPTION', 'dedupe');
  });

  test('AttachRate: the anchor and the attachment selectors at their paths', () => {
    expectKpiError(() => new AttachRate({} as never), 'INVALID_OPTION', 'anchor');
    expectKpiError(() => new AttachRate({ anchor: {} }), 'INVALID_OPTION', 'anchor');
    expectKpiError(() => new AttachRate({ anchor: { skus: 'A' } as never }), 'INVALID_OPTION', 'anchor.skus');
    expectKpiError(() => new AttachRate({ anchor: { categories: [1] } as never }), 'INVALID_OPTION', 'anchor.categories');
    expectKpiError(() => new AttachRate({ ...anchor, attach: { skus: 'B' } as never }), 'INVALID_OPTION', 'attach.skus');
    expect(new AttachRate({ ...anchor, attach: null } as never).toJSON().options).toMatchObject({ attach: null });
  });

  test('CrossSellRate: minDistinct from 1 to 1000, an integer', () => {
    expect(new CrossSellRate({ minDistinct: 1 }).toJSON().options).toMatchObject({ minDistinct: 1 });
    expect(new CrossSellRate({ minDistinct: 1000 }).toJSON().options).toMatchObject({ minDistinct: 1000 });
    for (const minDistinct of [1001, 1.5, '2']) expectKpiError(() => new CrossSellRate({ minDistinct } as never), 'INVALID_OPTION', 'minDistinct');
  });
});
