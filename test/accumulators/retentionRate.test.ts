import { describe, expect, test } from 'vitest';
import { ChurnRate, RetentionRate, type Order } from 'xsell-kpi';
import { expectKpiError } from '../support/expectKpiError.js';

const order = (orderId: string, customerId: string, timestamp: string): Order => ({ orderId, customerId, timestamp, lines: [{ sku: 'A', unitPrice: '1' }] });

describe('RetentionRate and ChurnRate: known values', () => {
  test('month grain in Europe/Berlin across the spring DST change: 22:30 UTC on 31 March is already April', () => {
    const orders = [order('o1', 'ann', '2026-03-10T10:00:00Z'), order('o2', 'bob', '2026-03-15T10:00:00Z'), order('o3', 'ann', '2026-03-31T22:30:00Z'), order('o4', 'cy', '2026-04-02T10:00:00Z')];
    const berlin = new RetentionRate({ timeZone: 'Europe/Berlin' }).addAll(orders);
    expect(berlin.resultsByPeriod()).toStrictEqual([
      { period: '2026-03', value: null, customersAtStart: 0, customersAtEnd: 2, newCustomers: 2 },
      { period: '2026-04', value: 0.5, customersAtStart: 2, customersAtEnd: 2, newCustomers: 1 },
    ]);
    expect(ChurnRate.of(orders, { timeZone: 'Europe/Berlin' })).toStrictEqual({ value: 0.5, customersLost: 1, customersAtStart: 2 });
    // in UTC the same order is in March: nobody of March came back in April
    expect(RetentionRate.of(orders)).toStrictEqual({ value: 0, customersAtStart: 2, customersAtEnd: 1, newCustomers: 1 });
    expect(ChurnRate.of(orders)).toStrictEqual({ value: 1, customersLost: 2, customersAtStart: 2 });
  });

  test('month grain in Europe/Berlin across the autumn DST change: 23:30 UTC on 31 October is November (CET, +1)', () => {
    const orders = [order('o1', 'ann', '2026-10-20T10:00:00Z'), order('o2', 'bob', '2026-10-31T22:30:00Z'), order('o3', 'ann', '2026-10-31T23:30:00Z')];
    // 22:30 UTC is 23:30 on 31 October in Berlin; 23:30 UTC is 00:30 on 1 November
    expect(RetentionRate.of(orders, { timeZone: 'Europe/Berlin' })).toStrictEqual({ value: 0.5, customersAtStart: 2, customersAtEnd: 1, newCustomers: 0 });
    expect(RetentionRate.of(orders)).toStrictEqual({ value: null, customersAtStart: 0, customersAtEnd: 2, newCustomers: 2 });
  });

  test('week grain across the ISO year end: 2026-W53 (28 Dec to 3 Jan) and 2027-W01', () => {
    const orders = [
      order('o1', 'ann', '2026-12-28T09:00:00Z'),
      order('o2', 'bob', '2027-01-03T22:00:00Z'), // still 2026-W53 (Sunday)
      order('o3', 'ann', '2027-01-04T08:00:00Z'), // Monday: 2027-W01
      order('o4', 'dee', '2027-01-10T12:00:00Z'),
    ];
    const retention = new RetentionRate({ grain: 'week' }).addAll(orders);
    expect(retention.resultsByPeriod()).toStrictEqual([
      { period: '2026-W53', value: null, customersAtStart: 0, customersAtEnd: 2, newCustomers: 2 },
      { period: '2027-W01', value: 0.5, customersAtStart: 2, customersAtEnd: 2, newCustomers: 1 },
    ]);
    // in New York, Sunday 22:00 UTC is 17:00 the same Sunday: the same weeks
    expect(new ChurnRate({ grain: 'week', timeZone: 'America/New_York' }).addAll(orders).resultsByPeriod()).toStrictEqual([
      { period: '2026-W53', value: null, customersLost: 0, customersAtStart: 0 },
      { period: '2027-W01', value: 0.5, customersLost: 1, customersAtStart: 2 },
    ]);
    // but 00:30 UTC on Monday 4 January is still Sunday in New York
    expect(RetentionRate.of([order('o1', 'ann', '2027-01-03T10:00:00Z'), order('o2', 'ann', '2027-01-04T00:30:00Z')], { grain: 'week', timeZone: 'America/New_York' })).toStrictEqual({
      value: null,
      customersAtStart: 0,
      customersAtEnd: 1,
      newCustomers: 1,
    });
  });

  test('periods without orders are rows too: everyone is lost, and the period after compares with nobody', () => {
    const orders = [order('o1', 'ann', '2026-01-15T10:00:00Z'), order('o2', 'bob', '2026-01-16T10:00:00Z'), order('o3', 'ann', '2026-04-01T10:00:00Z')];
    expect(new RetentionRate({ grain: 'quarter' }).addAll(orders).resultsByPeriod().map((row) => [row.period, row.value])).toStrictEqual([
      ['2026-Q1', null],
      ['2026-Q2', 0.5],
    ]);
    expect(new ChurnRate().addAll(orders).resultsByPeriod()).toStrictEqual([
      { period: '2026-01', value: null, customersLost: 0, customersAtStart: 0 },
      { period: '2026-02', value: 1, customersLost: 2, customersAtStart: 2 },
      { period: '2026-03', value: null, customersLost: 0, customersAtStart: 0 },
      { period: '2026-04', value: null, customersLost: 0, customersAtStart: 0 },
    ]);
  });

  test('day grain: a customer who ordered long ago counts as new again; retention + churn = 1', () => {
    const orders = [order('o1', 'ann', '2026-11-01T10:00:00Z'), order('o2', 'ann', '2026-11-03T10:00:00Z'), order('o3', 'bob', '2026-11-02T10:00:00Z'), order('o4', 'cy', '2026-11-02T11:00:00Z'), order('o5', 'cy', '2026-11-03T12:00:00Z')];
    const retention = RetentionRate.of(orders, { grain: 'day' });
    const churn = ChurnRate.of(orders, { grain: 'day' });
    expect(retention).toStrictEqual({ value: 0.5, customersAtStart: 2, customersAtEnd: 2, newCustomers: 1 });
    expect(churn).toStrictEqual({ value: 0.5, customersLost: 1, customersAtStart: 2 });
    expect(new RetentionRate().result()).toStrictEqual({ value: null, customersAtStart: 0, customersAtEnd: 0, newCustomers: 0 });
    expect(new ChurnRate().resultsByPeriod()).toStrictEqual([]);
  });
});

describe('RetentionRate and ChurnRate: states that cannot be are refused', () => {
  const saved = (kind: string, periods: unknown) => ({ kind, version: 2, options: { grain: 'month', timeZone: 'UTC', dedupe: false }, state: { periods } });

  test('a period listed twice or not of the grain, a period without customers, a customer listed twice in a period', () => {
    for (const Class of [RetentionRate, ChurnRate]) {
      const load = (periods: unknown) => Class.fromJSON(saved(Class.name, periods));
      expectKpiError(() => load([['2026-10', ['ann']], ['2026-10', ['bob']]]), 'INVALID_STATE', 'state.periods[1][0]');
      expectKpiError(() => load([['2026-W44', ['ann']]]), 'INVALID_STATE', 'state.periods[0][0]');
      expectKpiError(() => load([['2026-10', []]]), 'INVALID_STATE', 'state.periods[0][1]');
      expectKpiError(() => load([['2026-10', ['ann', 'bob', 'ann']]]), 'INVALID_STATE', 'state.periods[0][1][2]');
      expectKpiError(() => load([['2026-10', ['ann'], 'extra']]), 'INVALID_STATE', 'state.periods[0]');
    }
    expect(RetentionRate.fromJSON(saved('RetentionRate', [['2026-11', ['ann', 'cy']], ['2026-10', ['ann', 'bob']]])).result()).toStrictEqual({ value: 0.5, customersAtStart: 2, customersAtEnd: 2, newCustomers: 1 });
  });

  test('the first period of the year 0000 has none before it: nobody was active then', () => {
    const first = order('o1', 'ann', '0000-01-15T10:00:00Z');
    expect(RetentionRate.of([first], { grain: 'year' })).toStrictEqual({ value: null, customersAtStart: 0, customersAtEnd: 1, newCustomers: 1 });
    expect(ChurnRate.of([first], { grain: 'quarter' })).toStrictEqual({ value: null, customersLost: 0, customersAtStart: 0 });
    expect(new RetentionRate({ grain: 'day' }).addAll([order('o1', 'ann', '0000-01-01T10:00:00Z'), order('o2', 'ann', '0000-01-02T10:00:00Z')]).resultsByPeriod()).toStrictEqual([
      { period: '0000-01-01', value: null, customersAtStart: 0, customersAtEnd: 1, newCustomers: 1 },
      { period: '0000-01-02', value: 1, customersAtStart: 1, customersAtEnd: 1, newCustomers: 0 },
    ]);
    expect(new ChurnRate({ grain: 'week' }).add(order('o1', 'ann', '0000-01-03T10:00:00Z')).resultsByPeriod()).toStrictEqual([{ period: '0000-W01', value: null, customersLost: 0, customersAtStart: 0 }]);
    expect(RetentionRate.of([first], { grain: 'month' }).customersAtEnd).toBe(1);
  });
});
