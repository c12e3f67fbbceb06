import { describe, expect, test } from 'vitest';
import { scorecardSql, SQL_DIALECTS } from 'xsell-kpi/sql';
import { expectKpiError } from '../support/expectKpiError.js';

const orders = { table: 'order_lines' };

describe('scorecardSql: options', () => {
  test('every dialect, nothing else', () => {
    expect(SQL_DIALECTS).toEqual(['duckdb', 'postgres']);
    for (const dialect of SQL_DIALECTS) expect(scorecardSql({ dialect, orders }).sql).toMatch(/^WITH\n/);
    expectKpiError(() => scorecardSql({ dialect: 'mysql', orders } as never), 'INVALID_OPTION', 'dialect');
    expectKpiError(() => scorecardSql({ dialect: 'duckdb' } as never), 'INVALID_OPTION', 'orders');
  });

  test("the Scorecard's options are validated as the Scorecard validates them", () => {
    expectKpiError(() => scorecardSql({ dialect: 'duckdb', orders, grain: 'fortnight' } as never), 'INVALID_OPTION', 'grain');
    expectKpiError(() => scorecardSql({ dialect: 'duckdb', orders, timeZone: 'Mars/Olympus' }), 'INVALID_OPTION', 'timeZone');
    expectKpiError(() => scorecardSql({ dialect: 'duckdb', orders, groupBy: ['channel', 'channel'] }), 'INVALID_OPTION', 'groupBy');
    expectKpiError(() => scorecardSql({ dialect: 'duckdb', orders, window: 3 } as never), 'INVALID_OPTION', 'window');
  });

  test('tables and columns: only known fields, every name quoted as given', () => {
    const { sql } = scorecardSql({
      dialect: 'postgres',
      orders: { table: 'Sales.order "lines"', columns: { orderId: 'Invoice No', unitPrice: 'price; DROP TABLE x; --', category: null } },
      groupBy: ['region'],
    });
    expect(sql).toContain('FROM "Sales"."order ""lines"""');
    expect(sql).toContain('CAST("Invoice No" AS TEXT) AS order_id');
    expect(sql).toContain('"price; DROP TABLE x; --" AS unit_price');
    expect(sql).toContain('CAST(NULL AS TEXT) AS category');
    expect(sql).toContain('CAST("region" AS TEXT) AS d0');
    expect(scorecardSql({ dialect: 'duckdb', orders: { table: ['a.b', 'c'] } }).sql).toContain('FROM "a.b"."c"');
    expectKpiError(() => scorecardSql({ dialect: 'duckdb', orders: { table: 'lines', columns: { orderID: 'x' } } }), 'INVALID_OPTION', 'orders.columns.orderID');
    expectKpiError(() => scorecardSql({ dialect: 'duckdb', orders: { table: '' } }), 'INVALID_OPTION', 'orders.table');
    expectKpiError(() => scorecardSql({ dialect: 'duckdb', orders: { table: 'a\u0000b' } }), 'INVALID_OPTION', 'orders.table');
    expectKpiError(() => scorecardSql({ dialect: 'duckdb', orders: { table: ['a'] } as never }), 'INVALID_OPTION', 'orders.table');
    expectKpiError(() => scorecardSql({ dialect: 'duckdb', orders: { table: 'lines', where: 'true' } as never }), 'INVALID_OPTION', 'orders.where');
  });

  test('the time zone reaches the SQL in its canonical spelling, as a quoted literal', () => {
    expect(scorecardSql({ dialect: 'duckdb', orders, timeZone: 'europe/berlin' }).sql).toContain("AT TIME ZONE 'Europe/Berlin'");
  });
});

describe('readRows', () => {
  const { readRows } = scorecardSql({ dialect: 'duckdb', orders, currency: 'EUR' });
  const part = (kind: string, fields: Record<string, unknown>) => ({ kind, p: null, t: null, n1: null, n2: null, n3: null, n4: null, n5: null, n6: null, m1: null, m2: null, m3: null, m4: null, m5: null, ...fields });

  test('no rows, no Scorecard rows', () => {
    expect(readRows([])).toEqual([]);
  });

  test('the errors addAll would throw', () => {
    expectKpiError(() => readRows([part('currency', { m1: 'EUR' }), part('currency', { m1: 'USD' })]), 'MIXED_CURRENCY', 'currency');
    expectKpiError(() => readRows([part('currency', { m1: 'eur' })]), 'INVALID_CURRENCY', 'currency');
    expectKpiError(() => readRows([part('problem', { n1: 2, m1: 'CONFLICTING_DUPLICATE', m2: 'orderId', m3: 'o7' })]), 'CONFLICTING_DUPLICATE', 'orderId');
  });

  test('rows that are not the statement’s are INVALID_ARGUMENT', () => {
    expectKpiError(() => readRows([null] as never), 'INVALID_ARGUMENT', 'rows[0]');
    expectKpiError(() => readRows([part('orders', { p: 24312, t: 1, n1: -1 })]), 'INVALID_ARGUMENT', 'rows[0].n1');
    expectKpiError(() => readRows([part('orders', { p: 24312, t: 1, n1: 1, m1: 'lots' })]), 'INVALID_ARGUMENT', 'm1');
  });

  test('a cell becomes a row, with empty periods between filled and counts as any driver gives them', () => {
    const rows = readRows([
      part('orders', { p: 24312, t: 1, n1: '2', n2: 1n, m1: '30.50', m2: '3' }),
      part('customers', { p: 24312, t: 1, n1: 1, n2: 1 }),
      part('orders', { p: 24314, t: 1, n1: 1, m1: '10' }),
      part('currency', { m1: 'EUR' }),
    ]);
    expect(rows.map((row) => [row.period, row.averageOrderValue.value?.toString(), row.averageOrderValue.currency, row.itemsPerOrder.items])).toEqual([
      ['2026-01', '15.25', 'EUR', 3],
      ['2026-02', undefined, 'EUR', 0],
      ['2026-03', '10', 'EUR', 0],
    ]);
    expect(rows[1]!.churnRate).toEqual({ value: 1, customersLost: 1, customersAtStart: 1 });
  });
});
