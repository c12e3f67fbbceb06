import { GRAINS, isPeriodKey, periodsBetween, previousPeriod, type Grain } from '../core/time.js';
import { ordinalOfPeriodKey, periodKeyOfOrdinal, periodOrdinal, zone, type Zone } from './calendar.js';
import { PeriodSpan, maxPeriodsOption } from './periodSpan.js';
import { shape, type Json, type OrderFold, type Scope } from './fold.js';
import { IdTable } from './idTable.js';
import type { EngineOptions } from './orderEngine.js';
import type { OrderView } from './orderView.js';
import { flag, oneOf, optionsObject } from './options.js';
import { invalidState, stateArray, stateId, stateString } from './state.js';

/**
 * Which customers were active (placed an order) in which calendar period: the state behind
 * retention and churn. A lattice: merging is a union per period.
 * @internal
 * @module
 */

/** @internal */
export interface ActivityOptions extends EngineOptions {
  readonly grain: Grain;
  readonly timeZone: string;
  readonly maxPeriods: number;
  readonly dedupe: boolean;
}

/** @internal The customers of one period compared with the period just before. */
export interface PeriodComparison {
  period: string;
  /** Active in the previous period. */
  customersAtStart: number;
  /** Active in this period. */
  customersAtEnd: number;
  /** Active in this period, not in the previous one. */
  newCustomers: number;
  /** Active in the previous period, not in this one. */
  customersLost: number;
}

/** @internal The customers active in a period, by id (or by row): a set, a map keyed by them, or anything that counts and lists them. */
export interface ActiveCustomers<Customer = string> {
  readonly size: number;
  has(customer: Customer): boolean;
  keys(): Iterable<Customer>;
}

/** @internal The customers active in a period (`now`) compared with those of the period before. */
export function compareActive<Customer>(period: string, now: ActiveCustomers<Customer> | undefined, before: ActiveCustomers<Customer> | undefined): PeriodComparison {
  const customersAtStart = before?.size ?? 0;
  const customersAtEnd = now?.size ?? 0;
  let retained = 0;
  if (now !== undefined && before !== undefined) {
    const [small, large] = now.size <= before.size ? [now, before] : [before, now];
    for (const customer of small.keys()) if (large.has(customer)) retained++;
  }
  return { period, customersAtStart, customersAtEnd, newCustomers: customersAtEnd - retained, customersLost: customersAtStart - retained };
}

/** @internal Validates `{ grain, timeZone, maxPeriods, dedupe }`. */
export function activityOptions(options: unknown): ActivityOptions {
  const bag = optionsObject(options, ['grain', 'timeZone', 'maxPeriods', 'dedupe']);
  const grain = oneOf(bag['grain'], 'grain', GRAINS, 'month');
  const timeZone = bag['timeZone'] === undefined ? 'UTC' : bag['timeZone'];
  zone(timeZone); // throws INVALID_OPTION for an unknown time zone
  return { grain, timeZone: timeZone as string, maxPeriods: maxPeriodsOption(bag['maxPeriods']), dedupe: flag(bag['dedupe'], 'dedupe', true) };
}

/** The first period of each grain (in the year 0000): the one {@link previousPeriod} refuses. */
const FIRST_PERIODS: Readonly<Record<Grain, string>> = { day: '0000-01-01', week: '0000-W01', month: '0000-01', quarter: '0000-Q1', year: '0000' };

/** @internal The calendar period just before `period`; `undefined` for the first period of the year 0000. */
export function periodBefore(period: string, grain: Grain): string | undefined {
  return period === FIRST_PERIODS[grain] ? undefined : previousPeriod(period, grain);
}

/** @internal Each period with an order, with the customers active in it. */
export type PeriodActivityState = { periods: [string, string[]][] } & Json;

/**
 * @internal The customers active in each period, a lattice shared by retention and churn: per
 * period (numbered in a table of period keys) the set of the rows of its customers. A KPI gives
 * its own reading of a period compared with the one before (`toResult`, given `undefined` before
 * any order).
 */
export class PeriodActivityFold<Result extends object> implements OrderFold<Result, PeriodActivityState> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  private readonly grain: Grain;
  private readonly zone: Zone;
  /** The periods with an order, numbered by row. */
  private readonly periods = new IdTable();
  /** By period row: the rows of the customers active in it. */
  private readonly active: Set<number>[] = [];
  /** The first and last period with an order, bounded by `maxPeriods`. */
  private readonly span: PeriodSpan;
  /** The period of the last time {@link check} read (orders come in bursts of one time, or one period). */
  private checkedTime = Number.NaN;
  private checkedOrdinal = 0;
  private checkedPeriod = '';
  /** The row of the last period an order was counted in. */
  private lastPeriod = '';
  private lastRow = -1;

  constructor(
    options: Pick<ActivityOptions, 'grain' | 'timeZone' | 'maxPeriods'>,
    private readonly scope: Scope,
    private readonly toResult: (comparison: PeriodComparison | undefined) => Result,
  ) {
    this.grain = options.grain;
    this.zone = zone(options.timeZone);
    this.span = new PeriodSpan(options.grain, options.maxPeriods);
  }

  /** Throws `INVALID_TIMESTAMP` when the order's period is outside the years 0000-9999, or would stretch the periods past `maxPeriods`. */
  check(order: OrderView): void {
    this.periodOf(order.time);
    this.span.check(this.checkedOrdinal);
  }

  private periodOf(time: number): string {
    if (time !== this.checkedTime) {
      this.checkedOrdinal = periodOrdinal(time, this.grain, this.zone);
      this.checkedPeriod = periodKeyOfOrdinal(this.checkedOrdinal, this.grain);
      this.checkedTime = time;
    }
    return this.checkedPeriod;
  }

  add(order: OrderView, customer: number): undefined {
    this.join(this.periodOf(order.time), customer);
  }

  private join(period: string, customer: number): void {
    let row = this.lastRow;
    if (period !== this.lastPeriod) {
      row = this.periods.row(period);
      if (row === this.active.length) {
        this.active.push(new Set());
        this.span.add(ordinalOfPeriodKey(period, this.grain)!);
      }
      this.lastPeriod = period;
      this.lastRow = row;
    }
    this.active[row]!.add(customer);
  }

  addKept(): void {}

  checkMerge(other: PeriodActivityFold<Result>): void {
    this.span.checkMerge(other.span);
  }

  merge(other: PeriodActivityFold<Result>, customers: Int32Array): void {
    for (let row = 0; row < other.active.length; row++) {
      const period = other.periods.ids[row]!;
      for (const customer of other.active[row]!) this.join(period, customers[customer]!);
    }
  }

  isEmpty(): boolean {
    return this.periods.size === 0;
  }

  /** The last period with an order compared with the one before. */
  result(): Result {
    let last: string | undefined;
    for (const period of this.periods.ids) if (last === undefined || period > last) last = period;
    return this.toResult(last === undefined ? undefined : this.compare(last));
  }

  /** Every period from the first to the last with an order, each compared with the one before. */
  resultsByPeriod(): ({ period: string } & Result)[] {
    if (this.periods.size === 0) return [];
    const keys = [...this.periods.ids].sort();
    return periodsBetween(keys[0]!, keys[keys.length - 1]!, this.grain).map((period) => ({ period, ...this.toResult(this.compare(period)) }));
  }

  private compare(period: string): PeriodComparison {
    // The first period of the year 0000 has no period before it: nobody was active then.
    const previous = periodBefore(period, this.grain);
    return compareActive(period, this.activeIn(period), this.activeIn(previous));
  }

  private activeIn(period: string | undefined): Set<number> | undefined {
    if (period === undefined) return undefined;
    const row = this.periods.find(period);
    return row < 0 ? undefined : this.active[row];
  }

  toJSON(): PeriodActivityState {
    const ids = this.scope.customers.ids;
    return { periods: this.active.map((active, row): [string, string[]] => [this.periods.ids[row]!, Array.from(active, (customer) => ids[customer]!)]) };
  }

  readState(state: Readonly<Record<string, unknown>>): PeriodActivityState {
    const seen = new Set<string>();
    const periods = stateArray(state['periods'], 'state.periods').map((entry, index): [string, string[]] => {
      const path = `state.periods[${index}]`;
      const pair = stateArray(entry, path, 2);
      if (pair.length !== 2) throw invalidState(path, 'expected [period, customers]');
      const period = stateString(pair[0], `${path}[0]`);
      if (!isPeriodKey(period, this.grain)) throw invalidState(`${path}[0]`, `expected a ${this.grain} key`);
      if (seen.has(period)) throw invalidState(`${path}[0]`, `period ${period} appears twice`);
      seen.add(period);
      const list = stateArray(pair[1], `${path}[1]`);
      if (list.length === 0) throw invalidState(`${path}[1]`, 'expected at least one customer');
      const customers = new Set<string>();
      list.forEach((customer, position) => {
        const customerId = stateId(customer, `${path}[1][${position}]`);
        if (customers.has(customerId)) throw invalidState(`${path}[1][${position}]`, `customer ${JSON.stringify(customerId)} appears twice`);
        customers.add(customerId);
      });
      return [period, [...customers]];
    });
    return { periods };
  }

  load(state: PeriodActivityState): void {
    for (const [period, customers] of state.periods) {
      for (const customerId of customers) this.join(period, this.scope.customers.row(customerId));
    }
  }

  /** One order per customer and period. */
  ordersAtLeast(): number {
    return this.active.reduce((sum, active) => sum + active.size, 0);
  }
}
shape(PeriodActivityFold, { perCustomer: true, additive: false, stateFields: ['periods'] });
