import { describe, expect, test } from 'vitest';
import { ConversionRate, conversionRate, type Visit } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

function visit(visitorId: string, converted: boolean, extra: Partial<Visit> = {}): Visit {
  return { type: 'visit', visitorId, timestamp: '2026-11-02T10:00:00Z', converted, ...extra };
}

describe('ConversionRate: known values', () => {
  test('distinct visitors with a converting visit over distinct visitors', () => {
    const visits = [visit('ann', false), visit('ann', true), visit('ann', false), visit('bob', false), visit('bob', false), visit('cy', true), visit('dee', false)];
    expect(ConversionRate.of(visits)).toEqual({ value: 0.5, converted: 2, visitors: 4 });
    expect(ConversionRate.of([...visits].reverse())).toEqual({ value: 0.5, converted: 2, visitors: 4 });
  });

  test('numeric and hostile visitor ids', () => {
    expect(ConversionRate.of([visit(7 as never, true), visit('7', false), visit('__proto__', false), visit('constructor', true)])).toEqual({ value: 2 / 3, converted: 2, visitors: 3 });
  });

  test('empty, and result is the formula input plus value', () => {
    expect(new ConversionRate().result()).toEqual({ value: null, converted: 0, visitors: 0 });
    const result = ConversionRate.of([visit('ann', true), visit('bob', false), visit('cy', false)]);
    expect(conversionRate(result)).toBe(result.value);
    expect(result.value).toBe(1 / 3);
  });
});

describe('ConversionRate: validation', () => {
  test('no options: {} or nothing', () => {
    expect(new ConversionRate({}).result().visitors).toBe(0);
    expect(ConversionRate.of([visit('ann', true)], {}).converted).toBe(1);
    expectKpiError(() => new ConversionRate({ dedupe: true } as never), 'INVALID_OPTION', 'dedupe');
    expectKpiError(() => new ConversionRate(null as never), 'INVALID_OPTION');
  });

  test('orders and offers are INVALID_EVENT at type; a bad visit changes nothing', () => {
    const acc = new ConversionRate().add(visit('ann', false));
    const before = JSON.stringify(acc);
    expectKpiError(() => acc.add({ orderId: 'o1', customerId: 'ann', timestamp: new Date(0), lines: [{ sku: 'A', unitPrice: '1' }] } as never), 'INVALID_EVENT', 'type');
    expectKpiError(() => acc.add({ type: 'offer', customerId: 'ann', timestamp: new Date(0), kind: 'upsell', accepted: true } as never), 'INVALID_EVENT', 'type');
    expectKpiError(() => acc.add(visit('ann', 1 as never)), 'INVALID_EVENT', 'converted');
    expectKpiError(() => acc.add(visit('', true)), 'INVALID_EVENT', 'visitorId');
    expectKpiError(() => acc.add(visit('ann', true, { timestamp: Number.NaN })), 'INVALID_TIMESTAMP', 'timestamp');
    expectKpiError(() => acc.add(visit('ann', true, { dimensions: { region: 1 as never } })), 'INVALID_EVENT');
    expect(JSON.stringify(acc)).toBe(before);
  });
});

describe('ConversionRate: merge', () => {
  test('union with the flags or-ed; other unchanged; idempotent', () => {
    const left = new ConversionRate().addAll([visit('ann', false), visit('bob', true), visit('cy', false)]);
    const right = new ConversionRate().addAll([visit('ann', true), visit('bob', false), visit('dee', false)]);
    const rightBefore = JSON.stringify(right);
    expect(left.merge(right).result()).toEqual({ value: 0.5, converted: 2, visitors: 4 });
    expect(JSON.stringify(right)).toBe(rightBefore);
    expect(left.merge(right).merge(left).result()).toEqual({ value: 0.5, converted: 2, visitors: 4 });
    expect(right.merge(new ConversionRate()).result()).toEqual({ value: 1 / 3, converted: 1, visitors: 3 });
  });

  test('anything else is INCOMPATIBLE_MERGE', () => {
    expectKpiError(() => new ConversionRate().merge({ visitors: new Map() } as never), 'INCOMPATIBLE_MERGE');
    expectKpiError(() => new ConversionRate().merge(null as never), 'INCOMPATIBLE_MERGE');
  });
});

describe('ConversionRate: JSON', () => {
  test('layout, and a round trip that keeps accumulating identically', () => {
    const acc = new ConversionRate().addAll([visit('ann', false), visit('bob', true), visit('ann', true), visit('cy', false)]);
    const json = JSON.parse(JSON.stringify(acc)) as unknown;
    expect(json).toEqual({
      kind: 'ConversionRate',
      version: 3,
      options: {},
      state: {
        visitors: [
          ['ann', true],
          ['bob', true],
          ['cy', false],
        ],
      },
    });
    const restored = ConversionRate.fromJSON(json);
    expect(restored.result()).toEqual(acc.result());
    restored.addAll([visit('cy', true), visit('dee', false)]);
    acc.addAll([visit('cy', true), visit('dee', false)]);
    expect(restored.toJSON()).toEqual(acc.toJSON());
    expect(restored.result()).toEqual({ value: 0.75, converted: 3, visitors: 4 });
  });

  test('refuses inconsistent or hostile state', () => {
    const json = (state: unknown, options: unknown = {}) => ({ kind: 'ConversionRate', version: 1, options, state });
    expect(ConversionRate.fromJSON(json({ visitors: [['__proto__', true]] })).result()).toEqual({ value: 1, converted: 1, visitors: 1 });
    expectKpiError(() => ConversionRate.fromJSON(json({ visitors: [['ann', true], ['ann', false]] })), 'INVALID_STATE', 'state.visitors[1][0]');
    expectKpiError(() => ConversionRate.fromJSON(json({ visitors: [['ann']] })), 'INVALID_STATE', 'state.visitors[0]');
    expectKpiError(() => ConversionRate.fromJSON(json({ visitors: [['ann', true, 1]] })), 'INVALID_STATE', 'state.visitors[0]');
    expectKpiError(() => ConversionRate.fromJSON(json({ visitors: [['ann', 'yes']] })), 'INVALID_STATE', 'state.visitors[0][1]');
    expectKpiError(() => ConversionRate.fromJSON(json({ visitors: [['', true]] })), 'INVALID_STATE', 'state.visitors[0][0]');
    expectKpiError(() => ConversionRate.fromJSON(json({ visitors: 'ann' })), 'INVALID_STATE', 'state.visitors');
    expectKpiError(() => ConversionRate.fromJSON(json({ visitors: [], converted: 0 })), 'INVALID_STATE', 'state.converted');
    expectKpiError(() => ConversionRate.fromJSON(json({ visitors: [] }, { grain: 'month' })), 'INVALID_STATE', 'options.grain');
    expectKpiError(() => ConversionRate.fromJSON(json({ visitors: [] }, null)), 'INVALID_STATE', 'options');
    expectKpiError(() => ConversionRate.fromJSON({ ...json({ visitors: [] }), version: 4 }), 'UNSUPPORTED_VERSION', 'version');
    expectKpiError(() => ConversionRate.fromJSON({ ...json({ visitors: [] }), version: 0 }), 'INVALID_STATE', 'version');
    expectKpiError(() => ConversionRate.fromJSON([]), 'INVALID_STATE');
  });
});
