import { describe, expect, test } from 'vitest';
import { AverageOrderValue, CrossSellRate, RetentionRate, Scorecard, isKpiError, type Order } from 'xsell-kpi';
import { scorecardSql } from 'xsell-kpi/sql';
import { expectKpiError } from '../support/expectKpiError.js';

const order = (orderId: string, timestamp: string, customerId = 'ann'): Order => ({ orderId, customerId, timestamp, lines: [{ sku: 'A', unitPrice: '10' }] });

/** An object whose every property read throws. */
const trap = new Proxy(
  {},
  {
    get: () => {
      throw new RangeError('trap');
    },
    ownKeys: () => {
      throw new RangeError('trap');
    },
  },
);

describe('objects of the host that throw while they are read (issue 16, defect 5)', () => {
  test('an event whose getter throws is INVALID_EVENT, with the thrown error as cause, and changes nothing', () => {
    const line = {
      sku: 'A',
      get unitPrice(): string {
        throw new TypeError('no price today');
      },
    };
    for (const accumulator of [new CrossSellRate(), new AverageOrderValue(), new Scorecard()]) {
      accumulator.add(order('o1', '2026-11-02T10:00:00Z') as never);
      const before = JSON.stringify(accumulator);
      const error = expectKpiError(() => accumulator.add({ ...order('o2', '2026-11-03T10:00:00Z'), lines: [line] } as never), 'INVALID_EVENT', '');
      expect(error.message).toContain('TypeError: no price today');
      expect((error as { cause?: unknown }).cause).toBeInstanceOf(TypeError);
      expect(JSON.stringify(accumulator)).toBe(before);
      expectKpiError(() => accumulator.add(trap as never), 'INVALID_EVENT', '');
      expect(JSON.stringify(accumulator)).toBe(before);
    }
  });

  test('a state whose Proxy traps throw is INVALID_STATE, with the cause', () => {
    for (const restore of [CrossSellRate.fromJSON, AverageOrderValue.fromJSON, Scorecard.fromJSON]) {
      const error = expectKpiError(() => restore(trap), 'INVALID_STATE', '');
      expect((error as { cause?: unknown }).cause).toBeInstanceOf(RangeError);
      const saved = JSON.parse(JSON.stringify(new Scorecard())) as { state: unknown };
      expectKpiError(() => restore({ ...saved, kind: 'Scorecard', state: trap }), 'INVALID_STATE');
    }
  });

  test('a KpiError from the library itself is not wrapped', () => {
    const error = expectKpiError(() => new CrossSellRate().add({ ...order('o1', '2026-11-02T10:00:00Z'), lines: [] }), 'INVALID_EVENT', 'lines');
    expect(isKpiError((error as { cause?: unknown }).cause)).toBe(false);
    expect((error as { cause?: unknown }).cause).toBeUndefined();
  });
});

describe('maxPeriods: a result spans a bounded number of periods (issue 16, defect 6)', () => {
  test('an order a century away from the others is refused when added, naming both ends, and changes nothing', () => {
    const scorecard = new Scorecard({ grain: 'day' }).add(order('o1', '2026-01-01T10:00:00Z'));
    const before = JSON.stringify(scorecard);
    const error = expectKpiError(() => scorecard.add(order('o2', '2126-01-01T10:00:00Z')), 'INVALID_TIMESTAMP', 'timestamp');
    expect(error.message).toContain('36525 day periods, from 2026-01-01 to 2126-01-01, more than maxPeriods (10000)');
    expect(JSON.stringify(scorecard)).toBe(before);
    expect(scorecard.result()).toHaveLength(1);
    // Returns, offers and visits count too.
    expectKpiError(() => scorecard.add({ type: 'visit', visitorId: 'v', timestamp: '1900-01-01T00:00:00Z', converted: false }), 'INVALID_TIMESTAMP', 'timestamp');
  });

  test('the bound is an option: exactly maxPeriods periods are allowed', () => {
    const rows = new Scorecard({ grain: 'day', maxPeriods: 3 }).addAll([order('o1', '2026-01-01T10:00:00Z'), order('o2', '2026-01-03T10:00:00Z')]).result();
    expect(rows.map((row) => row.period)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expectKpiError(() => new Scorecard({ grain: 'day', maxPeriods: 2 }).addAll([order('o1', '2026-01-01T10:00:00Z'), order('o2', '2026-01-03T10:00:00Z')]), 'INVALID_TIMESTAMP', 'timestamp');
    expectKpiError(() => new Scorecard({ maxPeriods: 0 }), 'INVALID_OPTION', 'maxPeriods');
    expectKpiError(() => new RetentionRate({ maxPeriods: 1.5 }), 'INVALID_OPTION', 'maxPeriods');
  });

  test('merging two spans that together are too long is refused, changing nothing', () => {
    const early = new Scorecard({ grain: 'month', maxPeriods: 12 }).add(order('o1', '2026-01-15T10:00:00Z'));
    const late = new Scorecard({ grain: 'month', maxPeriods: 12 }).add(order('o2', '2027-06-15T10:00:00Z'));
    const before = JSON.stringify(early);
    expectKpiError(() => early.merge(late), 'INVALID_TIMESTAMP', 'timestamp');
    expect(JSON.stringify(early)).toBe(before);
    const retention = new RetentionRate({ maxPeriods: 12 }).add(order('o1', '2026-01-15T10:00:00Z'));
    expectKpiError(() => retention.merge(new RetentionRate({ maxPeriods: 12 }).add(order('o2', '2027-06-15T10:00:00Z'))), 'INVALID_TIMESTAMP', 'timestamp');
  });

  test('RetentionRate and ChurnRate bound resultsByPeriod() the same way', () => {
    const retention = new RetentionRate({ grain: 'day' }).add(order('o1', '2026-01-01T10:00:00Z'));
    expectKpiError(() => retention.add(order('o2', '2126-01-01T10:00:00Z')), 'INVALID_TIMESTAMP', 'timestamp');
    expect(retention.resultsByPeriod()).toHaveLength(1);
  });

  test('the SQL reads rows with the same bound', () => {
    const { readRows } = scorecardSql({ dialect: 'duckdb', orders: { table: 'lines' }, grain: 'day', maxPeriods: 10 });
    const cell = (p: number) => ({ kind: 'orders', p, t: 1, n1: 1, n2: 0, n3: 0, n4: 0, n5: null, n6: null, m1: '1', m2: '1', m3: '0', m4: '0', m5: '1' });
    expect(readRows([cell(20454), cell(20463)])).toHaveLength(10);
    expectKpiError(() => readRows([cell(20454), cell(20464)]), 'INVALID_TIMESTAMP', 'timestamp');
  });
});
