import { describe, expect, test } from 'vitest';
import { RevenueShare, revenueShare, type Order, type OrderLine } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

function order(orderId: string, lines: OrderLine[], extra: Partial<Order> = {}): Order {
  return { orderId, customerId: `c-${orderId}`, timestamp: '2026-11-02T10:00:00Z', lines, ...extra };
}

/** The result with every Decimal as its string, for exact comparisons. */
function plain(acc: RevenueShare): unknown {
  const { part, total, ...rest } = acc.result();
  return { part: part.toString(), total: total.toString(), ...rest };
}

const mixed = order('o1', [{ sku: 'laptop', unitPrice: '600' }, { sku: 'case', unitPrice: '75', quantity: 2, source: 'cross-sell' }, { sku: 'ram', unitPrice: '100', source: 'upsell' }]);
const organic = order('o2', [{ sku: 'tablet', unitPrice: '150' }]);

describe('RevenueShare: known values', () => {
  test('source revenue over all revenue', () => {
    expect(plain(new RevenueShare({ source: 'cross-sell' }).addAll([mixed, organic]))).toEqual({ value: 0.15, part: '150', total: '1000', currency: null });
    expect(plain(new RevenueShare({ source: 'upsell' }).addAll([mixed, organic]))).toEqual({ value: 0.1, part: '100', total: '1000', currency: null });
  });

  test('money is exact: 0.1 + 0.2 = 0.3, discounts included', () => {
    const result = RevenueShare.of(
      [order('o1', [{ sku: 'A', unitPrice: 0.1, source: 'cross-sell' }, { sku: 'B', unitPrice: 0.2, source: 'cross-sell' }]), order('o2', [{ sku: 'C', unitPrice: '1', discount: '0.4' }])],
      { source: 'cross-sell' },
    );
    expect(result.part.toString()).toBe('0.3');
    expect(result.total.toString()).toBe('0.9');
    expect(result.value).toBe(1 / 3);
  });

  test('empty, and free orders only: value null', () => {
    expect(plain(new RevenueShare({ source: 'cross-sell', currency: 'JPY' }))).toEqual({ value: null, part: '0', total: '0', currency: 'JPY' });
    expect(RevenueShare.of([order('o1', [{ sku: 'gift', unitPrice: '0', source: 'cross-sell' }])], { source: 'cross-sell' }).value).toBeNull();
  });

  test('result is the formula input plus value', () => {
    const result = RevenueShare.of([mixed, organic], { source: 'cross-sell' });
    expect(revenueShare(result)).toBe(result.value);
  });
});

describe('RevenueShare: options, currency, dedupe, merge', () => {
  test('source is required and checked', () => {
    expectKpiError(() => new RevenueShare({} as never), 'INVALID_OPTION', 'source');
    expectKpiError(() => new RevenueShare({ source: 'all' } as never), 'INVALID_OPTION', 'source');
    expectKpiError(() => new RevenueShare({ source: 'upsell', kind: 'upsell' } as never), 'INVALID_OPTION', 'kind');
  });

  test('MIXED_CURRENCY on mixed orders and on merge, state unchanged', () => {
    const acc = new RevenueShare({ source: 'cross-sell', currency: 'USD' }).add(mixed);
    const before = JSON.stringify(acc);
    expectKpiError(() => acc.add({ ...organic, currency: 'EUR' }), 'MIXED_CURRENCY');
    expect(JSON.stringify(acc)).toBe(before);
    const eur = new RevenueShare({ source: 'cross-sell', currency: 'USD' }).add({ ...organic, currency: 'EUR' });
    expectKpiError(() => acc.merge(eur), 'MIXED_CURRENCY');
    expect(JSON.stringify(acc)).toBe(before);
    expect(acc.merge(new RevenueShare({ source: 'cross-sell', currency: 'USD' }).add({ ...organic, currency: 'USD' })).result().currency).toBe('USD');
  });

  test('re-delivery counts once, conflicting content is refused, overlapping merges count once', () => {
    const acc = new RevenueShare({ source: 'cross-sell' }).addAll([mixed, mixed]);
    expect(plain(acc)).toEqual({ value: 150 / 850, part: '150', total: '850', currency: null });
    const before = JSON.stringify(acc);
    expectKpiError(() => acc.add({ ...mixed, channel: 'store' }), 'CONFLICTING_DUPLICATE');
    expect(JSON.stringify(acc)).toBe(before);
    const other = new RevenueShare({ source: 'cross-sell' }).addAll([mixed, organic]);
    expect(plain(acc.merge(other))).toEqual({ value: 0.15, part: '150', total: '1000', currency: null });
    expect(plain(other)).toEqual({ value: 0.15, part: '150', total: '1000', currency: null });
    expectKpiError(() => acc.merge(new RevenueShare({ source: 'upsell' }) as never), 'INCOMPATIBLE_MERGE');
  });

  test('dedupe: false sums every delivery and every merge', () => {
    const acc = new RevenueShare({ source: 'cross-sell', dedupe: false }).addAll([mixed, mixed]);
    acc.merge(new RevenueShare({ source: 'cross-sell', dedupe: false }).add(organic));
    expect(plain(acc)).toEqual({ value: 300 / 1850, part: '300', total: '1850', currency: null });
  });
});

describe('RevenueShare: JSON', () => {
  test('layout and round trip', () => {
    const acc = new RevenueShare({ source: 'cross-sell' }).addAll([mixed, organic]);
    const json = JSON.parse(JSON.stringify(acc)) as unknown;
    expect(json).toEqual({
      kind: 'RevenueShare',
      version: 3,
      options: { source: 'cross-sell', currency: null, dedupe: true },
      state: { part: '150', total: '1000', orders: 2, currency: null, seen: [['o1', expect.any(Number), ['150', '850']], ['o2', expect.any(Number), ['0', '150']]] },
    });
    const restored = RevenueShare.fromJSON(json);
    expect(plain(restored)).toEqual(plain(acc));
    expect(plain(restored.add(mixed))).toEqual(plain(acc));
  });

  test('refuses inconsistent state', () => {
    const state = (fields: Record<string, unknown>, dedupe = false) => ({ kind: 'RevenueShare', version: 1, options: { source: 'upsell', currency: null, dedupe }, state: fields });
    expectKpiError(() => RevenueShare.fromJSON(state({ part: '2', total: '1', orders: 1, currency: null })), 'INVALID_STATE', 'state.part');
    expectKpiError(() => RevenueShare.fromJSON(state({ part: '0', total: '1', orders: 0, currency: null })), 'INVALID_STATE', 'state.total');
    expectKpiError(() => RevenueShare.fromJSON(state({ part: '0', total: '1', orders: 1, currency: null, extra: 1 })), 'INVALID_STATE', 'state.extra');
    expectKpiError(() => RevenueShare.fromJSON(state({ part: '1', total: '1', orders: 1, currency: null, seen: [['o1', 7, ['2', '1']]] }, true)), 'INVALID_STATE', 'state.seen[0][2][0]');
    expectKpiError(() => RevenueShare.fromJSON(state({ part: '1', total: '1', orders: 1, currency: null, seen: [['o1', 7, ['1']]] }, true)), 'INVALID_STATE', 'state.seen[0][2]');
    expect(RevenueShare.fromJSON(state({ part: '1', total: '2', orders: 1, currency: null, seen: [['o1', 7, ['1', '2']]] }, true)).result().value).toBe(0.5);
  });
});
