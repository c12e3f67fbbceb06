import { KpiError } from '../../core/KpiError.js';
import { GRAINS, isPeriodKey, periodsBetween, type Grain } from '../../core/time.js';
import { show } from '../../_internal/show.js';
import { count, notAbove } from '../../_internal/validate.js';
import type { ScorecardRow } from '../../scorecard/Scorecard.js';
import type { PeriodCounts } from './suddenChanges.js';

/**
 * The Scorecard fields that are rates of counts, which {@link scorecardSeries} can follow.
 * @category Analysis
 */
export type ScorecardRateKpi =
  | 'crossSellRate'
  | 'transactionCrossSellRate'
  | 'upsellRate'
  | 'crossSellAcceptanceRate'
  | 'upsellAcceptanceRate'
  | 'conversionRate'
  | 'repeatPurchaseRate'
  | 'retentionRate'
  | 'churnRate';

/**
 * One period of {@link scorecardSeries}: the KPI's counts and its value, ready for
 * `suddenChanges` (which reads `successes` and `trials`) and `periodChange` (which reads `value`).
 * @category Analysis
 */
export interface ScorecardSeriesPoint extends PeriodCounts {
  /** successes ÷ trials, the KPI's value; `null` when `trials` is 0. */
  value: number | null;
}

/** Each KPI's part and whole fields; retention's part is customersAtEnd − newCustomers. */
const FIELDS: Readonly<Record<ScorecardRateKpi, readonly [part: string, whole: string]>> = {
  crossSellRate: ['crossSoldCustomers', 'customers'],
  transactionCrossSellRate: ['crossSellOrders', 'orders'],
  upsellRate: ['upsoldCustomers', 'customers'],
  crossSellAcceptanceRate: ['accepted', 'offered'],
  upsellAcceptanceRate: ['accepted', 'offered'],
  conversionRate: ['converted', 'visitors'],
  repeatPurchaseRate: ['repeatCustomers', 'customers'],
  retentionRate: ['customersAtEnd', 'customersAtStart'],
  churnRate: ['customersLost', 'customersAtStart'],
};

function isBag(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkGroup(group: unknown): Record<string, string> {
  if (!isBag(group)) throw new KpiError('INVALID_OPTION', 'group', `expected an object of dimension values, got ${show(group)}`);
  for (const key of Object.keys(group)) {
    if (typeof group[key] !== 'string') throw new KpiError('INVALID_OPTION', `group.${key}`, `expected a string, got ${show(group[key])}`);
  }
  return group as Record<string, string>;
}

function sameGroup(a: Record<string, unknown>, b: Record<string, string>, bKeys: readonly string[]): boolean {
  const aKeys = Object.keys(a);
  return aKeys.length === bKeys.length && bKeys.every((key) => Object.hasOwn(a, key) && a[key] === b[key]);
}

/** The successes and trials of one row's KPI, validated. */
function countsOf(result: unknown, kpi: ScorecardRateKpi, path: string): { successes: number; trials: number } {
  if (!isBag(result)) throw new KpiError('INVALID_ARGUMENT', path, `expected the ${kpi} result object, got ${show(result)}`);
  const [partName, wholeName] = FIELDS[kpi];
  const part = count(result[partName], `${path}.${partName}`);
  const trials = count(result[wholeName], `${path}.${wholeName}`);
  let successes = part;
  if (kpi === 'retentionRate') {
    const fresh = count(result['newCustomers'], `${path}.newCustomers`);
    if (fresh > part) throw new KpiError('NEGATIVE_COUNT', `${path}.newCustomers`, `newCustomers (${fresh}) exceeds customersAtEnd (${part})`);
    successes = part - fresh;
  }
  notAbove(successes, `${path}.${partName}`, trials, `${path}.${wholeName}`);
  return { successes, trials };
}

/** Customers active in a row's period: its retention's customersAtEnd. */
function activeCustomers(row: unknown, path: string): number {
  const retention = (row as Record<string, unknown>)['retentionRate'];
  if (!isBag(retention)) throw new KpiError('INVALID_ARGUMENT', `${path}.retentionRate`, `expected the retentionRate result object, got ${show(retention)}`);
  return count(retention['customersAtEnd'], `${path}.retentionRate.customersAtEnd`);
}

/**
 * One KPI of one group from Scorecard rows, as a calendar-continuous series of counts and values.
 *
 * @remarks
 * Picks the rows whose `group` equals `group` exactly (same keys, same values; `{}`, the default,
 * is the period totals) and reads the KPI's part and whole: `crossSellRate` gives
 * crossSoldCustomers of customers, `transactionCrossSellRate` crossSellOrders of orders,
 * `upsellRate` upsoldCustomers of customers, the two acceptance rates accepted of offered,
 * `conversionRate` converted of visitors, `repeatPurchaseRate` repeatCustomers of customers,
 * `retentionRate` (customersAtEnd − newCustomers) of customersAtStart, and `churnRate`
 * customersLost of customersAtStart. `value` is successes ÷ trials, the KPI's own value.
 *
 * The series runs over every period from the rows' first to their last (the grain is read from
 * the period keys), so a period in which the group had no row is present as 0 of 0 with value
 * `null`: the series stays calendar-continuous, as `periodChange` and `suddenChanges` expect.
 * Retention and churn are the exception: a group without a row had no orders, so none of the
 * previous period's customers came back. Such a period gets 0 (retention) or all (churn) of the
 * previous period's active customers (that row's `retentionRate.customersAtEnd`), which is what
 * the `RetentionRate` and `ChurnRate` accumulators give over the group's orders. Each
 * point carries both shapes, so the same array feeds `suddenChanges(points)` and
 * `periodChange(points)`. O(rows + periods).
 *
 * @param rows - Scorecard rows (`scorecard.result()`), in any order.
 * @param kpi - The rate to follow ({@link ScorecardRateKpi}).
 * @param group - The group's dimension values, such as `{ channel: 'web' }` (every `groupBy` key); `{}` by default.
 * @returns `{ period, successes, trials, value }` per period, in period order; empty for no rows.
 * @throws {@link KpiError} `INVALID_OPTION` at `kpi` (not a rate field) or `group` (not an object
 * of strings); `INVALID_ARGUMENT` at `rows`, `rows[i]`, `rows[i].period` (not a period key, or of
 * another grain than the first row's), `rows[i].group`, `rows[i].<kpi>` (and
 * `rows[i].retentionRate` for churn before a gap), or at `rows[i]` for a second row of the same
 * period and group; the count codes (`INVALID_NUMBER`, `NEGATIVE_COUNT`,
 * `NOT_AN_INTEGER`, `NUMERATOR_EXCEEDS_DENOMINATOR`) at `rows[i].<kpi>.<field>`.
 * @example
 * ```ts
 * import { Scorecard, periodChange, scorecardSeries, suddenChanges } from 'xsell-kpi';
 * const scorecard = new Scorecard({ grain: 'month', groupBy: ['channel'] });
 * scorecard.addAll([
 *   { orderId: 'o1', customerId: 'ann', channel: 'web', timestamp: '2026-09-02T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }, { sku: 'case', unitPrice: '29' }] },
 *   { orderId: 'o2', customerId: 'bob', channel: 'store', timestamp: '2026-10-03T10:00:00Z', lines: [{ sku: 'laptop', unitPrice: '999' }] },
 *   { orderId: 'o3', customerId: 'cy', channel: 'web', timestamp: '2026-11-04T10:00:00Z', lines: [{ sku: 'phone', unitPrice: '599' }] },
 *   { orderId: 'o4', customerId: 'di', channel: 'web', timestamp: '2026-11-05T10:00:00Z', lines: [{ sku: 'phone', unitPrice: '599' }, { sku: 'case', unitPrice: '19' }] },
 * ]);
 * const web = scorecardSeries(scorecard.result(), 'crossSellRate', { channel: 'web' });
 * web; // => [{ period: '2026-09', successes: 1, trials: 1, value: 1 }, { period: '2026-10', successes: 0, trials: 0, value: null }, { period: '2026-11', successes: 1, trials: 2, value: 0.5 }]
 * periodChange(scorecardSeries(scorecard.result(), 'crossSellRate')).map((month) => month.points); // => [null, -1, 0.5]
 * suddenChanges(web).map((month) => month.status); // => ['insufficient-data', 'insufficient-data', 'insufficient-data']
 * scorecardSeries(scorecard.result(), 'averageOrderValue' as 'crossSellRate'); // throws INVALID_OPTION
 * ```
 * @category Analysis
 */
export function scorecardSeries(rows: readonly ScorecardRow[], kpi: ScorecardRateKpi, group: Readonly<Record<string, string>> = {}): ScorecardSeriesPoint[] {
  if (typeof kpi !== 'string' || !Object.hasOwn(FIELDS, kpi)) {
    throw new KpiError('INVALID_OPTION', 'kpi', `expected one of ${Object.keys(FIELDS).join(', ')}, got ${show(kpi)}`);
  }
  const wanted = checkGroup(group);
  const wantedKeys = Object.keys(wanted);
  if (!Array.isArray(rows)) throw new KpiError('INVALID_ARGUMENT', 'rows', `expected an array of Scorecard rows, got ${show(rows)}`);
  let grain: Grain | undefined;
  let first = '';
  let last = '';
  const matches = new Map<string, number>();
  for (let index = 0; index < rows.length; index++) {
    const path = `rows[${index}]`;
    const row: unknown = rows[index];
    if (!isBag(row)) throw new KpiError('INVALID_ARGUMENT', path, `expected a Scorecard row, got ${show(row)}`);
    const period = row['period'];
    if (grain === undefined && typeof period === 'string') grain = GRAINS.find((candidate) => isPeriodKey(period, candidate));
    if (typeof period !== 'string' || grain === undefined || !isPeriodKey(period, grain)) {
      throw new KpiError('INVALID_ARGUMENT', `${path}.period`, `expected a period key${grain === undefined ? '' : ` of grain ${grain}`}, got ${show(period)}`);
    }
    if (index === 0 || period < first) first = period;
    if (index === 0 || period > last) last = period;
    const rowGroup = row['group'];
    if (!isBag(rowGroup)) throw new KpiError('INVALID_ARGUMENT', `${path}.group`, `expected an object of dimension values, got ${show(rowGroup)}`);
    if (!sameGroup(rowGroup, wanted, wantedKeys)) continue;
    if (matches.has(period)) throw new KpiError('INVALID_ARGUMENT', path, `a second row for period ${show(period)} and this group`);
    matches.set(period, index);
  }
  if (grain === undefined) return [];
  const points: ScorecardSeriesPoint[] = [];
  const comparesPeriods = kpi === 'retentionRate' || kpi === 'churnRate';
  // Customers active in the previous period: where the group has no row, retention and churn still
  // compare with them (nobody came back), as the RetentionRate and ChurnRate accumulators do.
  let previousActive = 0;
  for (const period of periodsBetween(first, last, grain)) {
    const index = matches.get(period);
    let successes = 0;
    let trials = 0;
    if (index !== undefined) {
      ({ successes, trials } = countsOf(rows[index]![kpi], kpi, `rows[${index}].${kpi}`));
    } else if (comparesPeriods) {
      trials = previousActive;
      successes = kpi === 'churnRate' ? previousActive : 0;
    }
    if (comparesPeriods) {
      previousActive = index === undefined ? 0 : activeCustomers(rows[index], `rows[${index}]`);
    }
    points.push({ period, successes, trials, value: trials === 0 ? null : successes / trials });
  }
  return points;
}
