import { describe, expect, test } from 'vitest';
import { RevenuePerConversion, revenuePerConversion, type Order, type OrderLine } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

function order(orderId: string, lines: OrderLine[], extra: Partial<Order> = {}): Order {
  return { orderId, customerId: `c-${orderId}`, timestamp: '2026-11-02T10:00:00Z', lines, ...extra };
}

/** The result with every Decimal as its string, for exact comparisons. */
function plain(acc: RevenuePerConversion): unknown {
  const { value, revenue, ...rest } = acc.result();
  return { value: value?.toString() ?? null, revenue: revenue.toString(), ...rest };
}

const crossSold = order('o1', [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29.99', source: 'cross-sell' }]);
const twoCrossSold = order('o2', [{ sku: 'mouse', unitPrice: '19.99', quantity: 2, source: 'cross-sell' }, { sku: 'pad', unitPrice: '5', discount: '1', source: 'cross-sell' }]);
const upsold = order('o3', [{ sku: 'ram-32', unitPrice: '120', source: 'upsell' }]);
const organic = order('o4', [{ sku: 'laptop', unitPrice: '999' }]);

describe('RevenuePerConversion: known values', () => {
  test('revenue of the source lines over the orders with such lines', () => {
    const acc = new RevenuePerConversion({ source: 'cross-sell' }).addAll([crossSold, twoCrossSold, upsold, organic]);
    // 29.99 + 2 × 19.99 + (5 − 1) = 73.97, over 2 orders
    expect(plain(acc)).toEqual({ value: '36.985', revenue: '73.97', conversions: 2, currency: null });
    const upsell = new RevenuePerConversion({ source: 'upsell' }).addAll([crossSold, twoCrossSold, upsold, organic]);
    expect(plain(upsell)).toEqual({ value: '120', revenue: '120', conversions: 1, currency: null });
  });

  test('money is exact: 0.1 + 0.2 = 0.3', () => {
    const oneOrder = RevenuePerConversion.of([order('o1', [{ sku: 'A', unitPrice: 0.1, source: 'upsell' }, { sku: 'B', unitPrice: 0.2, source: 'upsell' }])], { source: 'upsell' });
    expect(oneOrder.revenue.toString()).toBe('0.3');
    expect(oneOrder.value?.toString()).toBe('0.3');
    const twoOrders = RevenuePerConversion.of(
      [order('o1', [{ sku: 'A', unitPrice: '0.1', source: 'upsell' }]), order('o2', [{ sku: 'B', unitPrice: '0.2', source: 'upsell' }])],
      { source: 'upsell' },
    );
    expect(twoOrders.revenue.toString()).toBe('0.3');
    expect(twoOrders.value?.toString()).toBe('0.15');
  });

  test('a free attributed line still makes the order a conversion', () => {
    const result = RevenuePerConversion.of([order('o1', [{ sku: 'sample', unitPrice: '0', source: 'cross-sell' }])], { source: 'cross-sell' });
    expect(result.conversions).toBe(1);
    expect(result.value?.toString()).toBe('0');
  });

  test('empty: value null, revenue 0, currency from the option', () => {
    expect(plain(new RevenuePerConversion({ source: 'upsell' }))).toEqual({ value: null, revenue: '0', conversions: 0, currency: null });
    expect(new RevenuePerConversion({ source: 'upsell', currency: 'EUR' }).result().currency).toBe('EUR');
    expect(RevenuePerConversion.of([organic], { source: 'upsell' }).value).toBeNull();
  });

  test('result is the formula input plus value', () => {
    const result = RevenuePerConversion.of([crossSold, twoCrossSold], { source: 'cross-sell' });
    expect(revenuePerConversion(result)?.toString()).toBe(result.value?.toString());
  });
});

describe('RevenuePerConversion: options', () => {
  test('source is required and checked', () => {
    expectKpiError(() => new RevenuePerConversion({} as never), 'INVALID_OPTION', 'source');
    expectKpiError(() => new RevenuePerConversion(undefined as never), 'INVALID_OPTION', 'source');
    expectKpiError(() => new RevenuePerConversion({ source: 'organic' } as never), 'INVALID_OPTION', 'source');
    expectKpiError(() => new RevenuePerConversion({ source: 'upsell', by: 'sku' } as never), 'INVALID_OPTION', 'by');
    expectKpiError(() => new RevenuePerConversion({ source: 'upsell', currency: 'usd' }), 'INVALID_CURRENCY', 'currency');
    expectKpiError(() => new RevenuePerConversion({ source: 'upsell', dedupe: 'yes' } as never), 'INVALID_OPTION', 'dedupe');
  });
});

describe('RevenuePerConversion: currency', () => {
  test("an order's currency, else the option", () => {
    expect(RevenuePerConversion.of([{ ...crossSold, currency: 'USD' }], { source: 'cross-sell' }).currency).toBe('USD');
    expect(RevenuePerConversion.of([crossSold], { source: 'cross-sell', currency: 'USD' }).currency).toBe('USD');
    expect(RevenuePerConversion.of([{ ...crossSold, currency: 'USD' }, twoCrossSold], { source: 'cross-sell', currency: 'USD' }).conversions).toBe(2);
  });

  test('MIXED_CURRENCY on mixed orders, converted or not, leaving the state unchanged', () => {
    const acc = new RevenuePerConversion({ source: 'cross-sell' }).add({ ...crossSold, currency: 'USD' });
    const before = JSON.stringify(acc);
    expectKpiError(() => acc.add({ ...twoCrossSold, currency: 'EUR' }), 'MIXED_CURRENCY', 'currency');
    expectKpiError(() => acc.add(organic), 'MIXED_CURRENCY', 'currency'); // no currency vs USD, and no cross-sold line
    expect(JSON.stringify(acc)).toBe(before);
  });

  test('MIXED_CURRENCY on merge; other and this unchanged', () => {
    const usd = new RevenuePerConversion({ source: 'cross-sell' }).add({ ...crossSold, currency: 'USD' });
    const eur = new RevenuePerConversion({ source: 'cross-sell' }).add({ ...twoCrossSold, currency: 'EUR' });
    const before = [JSON.stringify(usd), JSON.stringify(eur)];
    expectKpiError(() => usd.merge(eur), 'MIXED_CURRENCY', 'currency');
    expect([JSON.stringify(usd), JSON.stringify(eur)]).toEqual(before);
    const none = new RevenuePerConversion({ source: 'cross-sell', dedupe: false }).add(organic);
    expectKpiError(() => new RevenuePerConversion({ source: 'cross-sell', dedupe: false }).add({ ...crossSold, currency: 'USD' }).merge(none), 'MIXED_CURRENCY');
  });
});

describe('RevenuePerConversion: dedupe and merge', () => {
  test('an identical re-delivery changes nothing; different content is CONFLICTING_DUPLICATE', () => {
    const acc = new RevenuePerConversion({ source: 'cross-sell' }).addAll([crossSold, crossSold, twoCrossSold]);
    expect(plain(acc)).toEqual({ value: '36.985', revenue: '73.97', conversions: 2, currency: null });
    const before = JSON.stringify(acc);
    expectKpiError(() => acc.add({ ...crossSold, lines: [{ sku: 'case', unitPrice: '30', source: 'cross-sell' }] }), 'CONFLICTING_DUPLICATE', 'orderId');
    expect(JSON.stringify(acc)).toBe(before);
  });

  test('dedupe: false counts every delivery', () => {
    const acc = new RevenuePerConversion({ source: 'cross-sell', dedupe: false }).addAll([crossSold, crossSold]);
    expect(plain(acc)).toEqual({ value: '29.99', revenue: '59.98', conversions: 2, currency: null });
    expect(acc.toJSON().state).toEqual({ revenue: '59.98', conversions: 2, orders: 2, currency: null });
  });

  test('merging accumulators that saw the same order counts it once; other unchanged', () => {
    const left = new RevenuePerConversion({ source: 'cross-sell' }).addAll([crossSold, organic]);
    const right = new RevenuePerConversion({ source: 'cross-sell' }).addAll([crossSold, twoCrossSold]);
    const rightBefore = JSON.stringify(right);
    left.merge(right);
    expect(plain(left)).toEqual({ value: '36.985', revenue: '73.97', conversions: 2, currency: null });
    expect(JSON.stringify(right)).toBe(rightBefore);
  });

  test('merge refuses other options and other kinds', () => {
    const cross = new RevenuePerConversion({ source: 'cross-sell' });
    expectKpiError(() => cross.merge(new RevenuePerConversion({ source: 'upsell' }) as never), 'INCOMPATIBLE_MERGE');
    expectKpiError(() => cross.merge(new RevenuePerConversion({ source: 'cross-sell', currency: 'USD' }) as never), 'INCOMPATIBLE_MERGE');
    expectKpiError(() => cross.merge(new RevenuePerConversion({ source: 'cross-sell', dedupe: false }) as never), 'INCOMPATIBLE_MERGE');
    expectKpiError(() => cross.merge({} as never), 'INCOMPATIBLE_MERGE');
  });
});

describe('RevenuePerConversion: JSON', () => {
  test('layout, and a round trip that keeps accumulating identically', () => {
    const acc = new RevenuePerConversion({ source: 'cross-sell', currency: 'USD' }).addAll([crossSold, organic]);
    const json = JSON.parse(JSON.stringify(acc)) as unknown;
    expect(json).toEqual({
      kind: 'RevenuePerConversion',
      version: 3,
      options: { source: 'cross-sell', currency: 'USD', dedupe: true },
      state: { revenue: '29.99', conversions: 1, orders: 2, currency: 'USD', seen: [['o1', expect.any(Number), '29.99'], ['o4', expect.any(Number), null]] },
    });
    const restored = RevenuePerConversion.fromJSON(json);
    expect(plain(restored)).toEqual(plain(acc));
    restored.addAll([crossSold, twoCrossSold]);
    acc.addAll([crossSold, twoCrossSold]);
    expect(plain(restored)).toEqual({ value: '36.985', revenue: '73.97', conversions: 2, currency: 'USD' });
    expect(restored.toJSON()).toEqual(acc.toJSON());
    expectKpiError(() => restored.add({ ...crossSold, customerId: 'someone else' }), 'CONFLICTING_DUPLICATE');
  });

  test('refuses inconsistent or hostile state', () => {
    const good = (state: Record<string, unknown>, options: Record<string, unknown> = { source: 'upsell', currency: null, dedupe: false }) => ({
      kind: 'RevenuePerConversion',
      version: 1,
      options,
      state,
    });
    expect(RevenuePerConversion.fromJSON(good({ revenue: '5', conversions: 1, orders: 2, currency: 'USD' })).result().revenue.toString()).toBe('5');
    expectKpiError(() => RevenuePerConversion.fromJSON(good({ revenue: '5', conversions: 3, orders: 2, currency: null })), 'INVALID_STATE', 'state.conversions');
    expectKpiError(() => RevenuePerConversion.fromJSON(good({ revenue: '5', conversions: 0, orders: 2, currency: null })), 'INVALID_STATE', 'state.revenue');
    expectKpiError(() => RevenuePerConversion.fromJSON(good({ revenue: '-5', conversions: 1, orders: 2, currency: null })), 'INVALID_STATE', 'state.revenue');
    expectKpiError(() => RevenuePerConversion.fromJSON(good({ revenue: '0', conversions: 0, orders: 0, currency: 'USD' })), 'INVALID_STATE', 'state.currency');
    expectKpiError(() => RevenuePerConversion.fromJSON(good({ revenue: '0', conversions: 0, orders: 0 })), 'INVALID_STATE', 'state.currency');
    expectKpiError(() => RevenuePerConversion.fromJSON(good({ revenue: '0', conversions: 0, orders: 0, currency: null }, { currency: null, dedupe: false })), 'INVALID_STATE');
    expectKpiError(() => RevenuePerConversion.fromJSON({ ...good({}), version: 4 }), 'UNSUPPORTED_VERSION');
    expectKpiError(() => RevenuePerConversion.fromJSON({ ...good({}), kind: 'RevenueShare' }), 'INVALID_STATE', 'kind');
    const seen = { revenue: '5', conversions: 1, orders: 1, currency: null, seen: [['o1', 1, '4']] };
    expectKpiError(() => RevenuePerConversion.fromJSON(good(seen, { source: 'upsell', currency: null, dedupe: true })), 'INVALID_STATE', 'state.seen');
    const badContribution = { ...seen, seen: [['o1', 1, 5]] };
    expectKpiError(() => RevenuePerConversion.fromJSON(good(badContribution, { source: 'upsell', currency: null, dedupe: true })), 'INVALID_STATE', 'state.seen[0][2]');
  });
});
