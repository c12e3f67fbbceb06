import { describe, expect, test } from 'vitest';
import {
  ChurnRate,
  RetentionRate,
  Scorecard,
  periodChange,
  scorecardSeries,
  suddenChanges,
  type CommerceEvent,
  type Order,
  type ScorecardRateKpi,
  type ScorecardRow,
} from 'xsell-kpi';
import { expectKpiError } from '../../support/expectKpiError.js';

const order = (orderId: string, customerId: string, channel: string, day: string, skus: string[], source?: 'upsell'): Order => ({
  orderId,
  customerId,
  channel,
  timestamp: `${day}T10:00:00Z`,
  lines: skus.map((sku) => ({ sku, unitPrice: '10', ...(source === undefined ? {} : { source }) })),
});

// Four months; the web channel has no event at all in March (no row), and the store none in April.
const orders: Order[] = [
  order('o1', 'ann', 'web', '2026-01-05', ['laptop', 'case']),
  order('o2', 'bob', 'store', '2026-01-06', ['laptop']),
  order('o3', 'ann', 'web', '2026-02-02', ['phone']),
  order('o4', 'cy', 'store', '2026-02-03', ['tv', 'cable']),
  order('o5', 'bob', 'store', '2026-03-09', ['tv']),
  order('o6', 'ann', 'web', '2026-04-01', ['case']),
  order('o7', 'di', 'web', '2026-04-02', ['laptop'], 'upsell'),
];
const events: CommerceEvent[] = [
  ...orders,
  { type: 'offer', offerId: 'f1', customerId: 'ann', channel: 'web', timestamp: '2026-01-05T09:00:00Z', kind: 'cross-sell', accepted: true },
  { type: 'offer', offerId: 'f2', customerId: 'ann', channel: 'web', timestamp: '2026-01-05T09:01:00Z', kind: 'cross-sell', accepted: false },
  { type: 'offer', offerId: 'f3', customerId: 'cy', channel: 'store', timestamp: '2026-02-03T09:00:00Z', kind: 'upsell', accepted: true },
  { type: 'visit', visitorId: 'v1', channel: 'web', timestamp: '2026-01-05T08:00:00Z', converted: true },
  { type: 'visit', visitorId: 'v2', channel: 'web', timestamp: '2026-01-07T08:00:00Z', converted: false },
];
const rows = new Scorecard({ grain: 'month', groupBy: ['channel'] }).addAll(events).result();
const months = ['2026-01', '2026-02', '2026-03', '2026-04'];

/** [successes, trials] per month. */
const counts = (kpi: ScorecardRateKpi, group?: Record<string, string>) => scorecardSeries(rows, kpi, group).map((point) => [point.successes, point.trials]);

describe('scorecardSeries on a real Scorecard', () => {
  test('the scorecard has no web row in March and no store row in April', () => {
    expect(rows.map((row) => `${row.period} ${row.group['channel'] ?? '(total)'}`)).toEqual([
      '2026-01 (total)', '2026-01 store', '2026-01 web',
      '2026-02 (total)', '2026-02 store', '2026-02 web',
      '2026-03 (total)', '2026-03 store',
      '2026-04 (total)', '2026-04 web',
    ]);
  });

  test('totals by default: every period, successes and trials from the KPI, value its rate', () => {
    const series = scorecardSeries(rows, 'crossSellRate');
    expect(series).toEqual([
      { period: '2026-01', successes: 1, trials: 2, value: 0.5 },
      { period: '2026-02', successes: 1, trials: 2, value: 0.5 },
      { period: '2026-03', successes: 0, trials: 1, value: 0 },
      { period: '2026-04', successes: 0, trials: 2, value: 0 },
    ]);
    const totals = rows.filter((row) => Object.keys(row.group).length === 0);
    expect(series.map((point) => point.value)).toEqual(totals.map((row) => row.crossSellRate.value));
  });

  test('a group: its rows, with the month without a row filled as 0 of 0', () => {
    expect(scorecardSeries(rows, 'crossSellRate', { channel: 'web' })).toEqual([
      { period: '2026-01', successes: 1, trials: 1, value: 1 },
      { period: '2026-02', successes: 0, trials: 1, value: 0 },
      { period: '2026-03', successes: 0, trials: 0, value: null },
      { period: '2026-04', successes: 0, trials: 2, value: 0 },
    ]);
    expect(counts('crossSellRate', { channel: 'store' })).toEqual([[0, 1], [1, 1], [0, 1], [0, 0]]);
    expect(counts('crossSellRate', { channel: 'email' })).toEqual([[0, 0], [0, 0], [0, 0], [0, 0]]);
  });

  test("every rate KPI reads its part and whole, and the value is the row's own value", () => {
    expect(counts('transactionCrossSellRate')).toEqual([[1, 2], [1, 2], [0, 1], [0, 2]]);
    expect(counts('upsellRate')).toEqual([[0, 2], [0, 2], [0, 1], [1, 2]]);
    expect(counts('crossSellAcceptanceRate', { channel: 'web' })).toEqual([[1, 2], [0, 0], [0, 0], [0, 0]]);
    expect(counts('upsellAcceptanceRate')).toEqual([[0, 0], [1, 1], [0, 0], [0, 0]]);
    expect(counts('conversionRate', { channel: 'web' })).toEqual([[1, 2], [0, 0], [0, 0], [0, 0]]);
    expect(counts('repeatPurchaseRate')).toEqual([[0, 2], [0, 2], [0, 1], [0, 2]]);
    // Retention: (customersAtEnd − newCustomers) of customersAtStart; Feb: ann came back, bob did not.
    expect(counts('retentionRate')).toEqual([[0, 0], [1, 2], [0, 2], [0, 1]]);
    expect(counts('churnRate')).toEqual([[0, 0], [1, 2], [2, 2], [1, 1]]);
    const kpis: ScorecardRateKpi[] = ['crossSellRate', 'transactionCrossSellRate', 'upsellRate', 'crossSellAcceptanceRate', 'upsellAcceptanceRate', 'conversionRate', 'repeatPurchaseRate', 'retentionRate', 'churnRate'];
    for (const kpi of kpis) {
      for (const group of [{}, { channel: 'web' }, { channel: 'store' }]) {
        const series = scorecardSeries(rows, kpi, group);
        for (const row of rows.filter((candidate) => JSON.stringify(candidate.group) === JSON.stringify(group))) {
          expect(series.find((point) => point.period === row.period)!.value, `${kpi} ${row.period} ${JSON.stringify(group)}`).toBe(row[kpi].value);
        }
      }
    }
  });

  test('retention and churn of a month without a row: nobody came back, as the accumulators over the group say', () => {
    const web = orders.filter((candidate) => candidate.channel === 'web');
    const retention = new RetentionRate({ grain: 'month' }).addAll(web).resultsByPeriod();
    const churn = new ChurnRate({ grain: 'month' }).addAll(web).resultsByPeriod();
    expect(retention.map((period) => period.period)).toEqual(months);
    expect(scorecardSeries(rows, 'retentionRate', { channel: 'web' })).toEqual(
      retention.map(({ period, customersAtStart, customersAtEnd, newCustomers, value }) => ({ period, successes: customersAtEnd - newCustomers, trials: customersAtStart, value })),
    );
    expect(scorecardSeries(rows, 'churnRate', { channel: 'web' })).toEqual(
      churn.map(({ period, customersLost, customersAtStart, value }) => ({ period, successes: customersLost, trials: customersAtStart, value })),
    );
    // March for web: ann was active in February and bought nothing in March.
    expect(counts('retentionRate', { channel: 'web' })[2]).toEqual([0, 1]);
    expect(counts('churnRate', { channel: 'web' })[2]).toEqual([1, 1]);
    // April for the store: bob was active in March.
    expect(counts('churnRate', { channel: 'store' })[3]).toEqual([1, 1]);
  });

  test('feeds periodChange and suddenChanges directly', () => {
    const series = scorecardSeries(rows, 'crossSellRate', { channel: 'web' });
    expect(periodChange(series).map((change) => change.points)).toEqual([null, -1, null, null]);
    expect(suddenChanges(series, { minTrials: 1 }).map((flag) => flag.status)).toEqual(['insufficient-data', 'below', 'insufficient-data', 'normal']);
  });

  test('rows in any order, weekly grain, empty rows', () => {
    expect(scorecardSeries([...rows].reverse(), 'crossSellRate')).toEqual(scorecardSeries(rows, 'crossSellRate'));
    expect(scorecardSeries([], 'crossSellRate')).toEqual([]);
    const weekly = new Scorecard({ grain: 'week' }).addAll([order('w1', 'ann', 'web', '2026-12-28', ['a', 'b']), order('w2', 'bob', 'web', '2027-01-11', ['a'])]).result();
    expect(scorecardSeries(weekly, 'crossSellRate')).toEqual([
      { period: '2026-W53', successes: 1, trials: 1, value: 1 },
      { period: '2027-W01', successes: 0, trials: 0, value: null },
      { period: '2027-W02', successes: 0, trials: 1, value: 0 },
    ]);
  });

  test('a dimension named __proto__ is an ordinary group key', () => {
    const odd = new Scorecard({ groupBy: ['__proto__'] })
      .add({ ...order('p1', 'ann', 'web', '2026-05-01', ['a', 'b']), dimensions: { ['__proto__']: 'x' } })
      .result();
    const group = Object.fromEntries([['__proto__', 'x']]) as Record<string, string>;
    expect(scorecardSeries(odd, 'crossSellRate', group)).toEqual([{ period: '2026-05', successes: 1, trials: 1, value: 1 }]);
  });
});

describe('scorecardSeries validation', () => {
  test('kpi and group are INVALID_OPTION', () => {
    for (const kpi of ['averageOrderValue', 'value', 'toString', '__proto__', 1]) expectKpiError(() => scorecardSeries(rows, kpi as never), 'INVALID_OPTION', 'kpi');
    expectKpiError(() => scorecardSeries(rows, 'crossSellRate', null as never), 'INVALID_OPTION', 'group');
    expectKpiError(() => scorecardSeries(rows, 'crossSellRate', { channel: 1 } as never), 'INVALID_OPTION', 'group.channel');
  });

  test('rows that are not Scorecard rows are INVALID_ARGUMENT at the field', () => {
    const [first, second] = rows as [ScorecardRow, ScorecardRow];
    expectKpiError(() => scorecardSeries({} as never, 'crossSellRate'), 'INVALID_ARGUMENT', 'rows');
    expectKpiError(() => scorecardSeries([first, 3] as never, 'crossSellRate'), 'INVALID_ARGUMENT', 'rows[1]');
    expectKpiError(() => scorecardSeries([{ ...first, period: 'January' }], 'crossSellRate'), 'INVALID_ARGUMENT', 'rows[0].period');
    expectKpiError(() => scorecardSeries([first, { ...second, period: '2026-W05' }], 'crossSellRate'), 'INVALID_ARGUMENT', 'rows[1].period');
    expectKpiError(() => scorecardSeries([{ ...first, group: null }] as never, 'crossSellRate'), 'INVALID_ARGUMENT', 'rows[0].group');
    expectKpiError(() => scorecardSeries([first, first], 'crossSellRate'), 'INVALID_ARGUMENT', 'rows[1]');
    expectKpiError(() => scorecardSeries([{ ...first, crossSellRate: undefined }] as never, 'crossSellRate'), 'INVALID_ARGUMENT', 'rows[0].crossSellRate');
  });

  test('counts are checked like the formula functions check them', () => {
    const [first] = rows as [ScorecardRow];
    const bad = (field: string, result: unknown) => [{ ...first, [field]: result }] as never;
    expectKpiError(() => scorecardSeries(bad('crossSellRate', { value: 1, crossSoldCustomers: 3, customers: 2 }), 'crossSellRate'), 'NUMERATOR_EXCEEDS_DENOMINATOR', 'rows[0].crossSellRate.crossSoldCustomers');
    expectKpiError(() => scorecardSeries(bad('conversionRate', { converted: 1, visitors: -1 }), 'conversionRate'), 'NEGATIVE_COUNT', 'rows[0].conversionRate.visitors');
    expectKpiError(() => scorecardSeries(bad('churnRate', { customersLost: 0.5, customersAtStart: 1 }), 'churnRate'), 'NOT_AN_INTEGER', 'rows[0].churnRate.customersLost');
    expectKpiError(() => scorecardSeries(bad('retentionRate', { customersAtStart: 5, customersAtEnd: 2, newCustomers: 3 }), 'retentionRate'), 'NEGATIVE_COUNT', 'rows[0].retentionRate.newCustomers');
    expectKpiError(() => scorecardSeries(bad('retentionRate', { customersAtStart: 1, customersAtEnd: 5, newCustomers: 3 }), 'retentionRate'), 'NUMERATOR_EXCEEDS_DENOMINATOR', 'rows[0].retentionRate.customersAtEnd');
    expectKpiError(() => scorecardSeries(bad('upsellRate', { upsoldCustomers: '1', customers: 2 }), 'upsellRate'), 'INVALID_NUMBER', 'rows[0].upsellRate.upsoldCustomers');
  });
});
