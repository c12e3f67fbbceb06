import { isPeriodKey, periodKey, periodsBetween, previousPeriod, type Grain } from '../core/time.js';
import { OrderAccumulator } from './OrderAccumulator.js';
import type { NormalizedOrder } from './normalize.js';
import { flag, oneOf, optionsObject } from './options.js';
import { invalidState, stateArray, stateId, stateString } from './state.js';

/**
 * Which customers were active (placed an order) in which calendar period: the state behind
 * retention and churn. A lattice: merging is a union per period.
 * @internal
 * @module
 */

/** @internal */
export interface ActivityOptions {
  grain: Grain;
  timeZone: string;
  dedupe: boolean;
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

interface Contribution {
  period: string;
  customerId: string;
}

const GRAINS: readonly Grain[] = ['day', 'week', 'month', 'quarter', 'year'];

/** @internal The customers active in a period: a set of ids, or a map keyed by them. */
export type ActiveCustomers = ReadonlySet<string> | ReadonlyMap<string, unknown>;

/** @internal The customers active in a period (`now`) compared with those of the period before. */
export function compareActive(period: string, now: ActiveCustomers | undefined, before: ActiveCustomers | undefined): PeriodComparison {
  const customersAtStart = before?.size ?? 0;
  const customersAtEnd = now?.size ?? 0;
  let retained = 0;
  if (now !== undefined && before !== undefined) {
    const [small, large] = now.size <= before.size ? [now, before] : [before, now];
    for (const customerId of small.keys()) if (large.has(customerId)) retained++;
  }
  return { period, customersAtStart, customersAtEnd, newCustomers: customersAtEnd - retained, customersLost: customersAtStart - retained };
}

/** @internal Validates `{ grain, timeZone, dedupe }`. */
export function activityOptions(options: unknown): ActivityOptions {
  const bag = optionsObject(options, ['grain', 'timeZone', 'dedupe']);
  const grain = oneOf(bag['grain'], 'grain', GRAINS, 'month');
  const timeZone = bag['timeZone'] === undefined ? 'UTC' : bag['timeZone'];
  periodKey(0, grain, timeZone as string); // throws INVALID_OPTION for an unknown time zone
  return { grain, timeZone: timeZone as string, dedupe: flag(bag['dedupe'], 'dedupe', true) };
}

/** @internal The shared machinery of {@link RetentionRate} and {@link ChurnRate}. */
export abstract class PeriodActivity<Result> extends OrderAccumulator<Contribution, Result, ActivityOptions> {
  private readonly periods = new Map<string, Set<string>>();
  protected readonly aggregateFields = ['periods'] as const;

  protected constructor(kind: string, options: ActivityOptions) {
    super(kind, 1, options, false);
  }

  /** Every period from the first to the last with an order, each compared with the one before. */
  protected comparisons(): PeriodComparison[] {
    if (this.periods.size === 0) return [];
    const keys = [...this.periods.keys()].sort();
    const { grain } = this.options;
    return periodsBetween(keys[0]!, keys[keys.length - 1]!, grain).map((period) => this.compare(period));
  }

  /** The last period with an order compared with the one before; `undefined` before any order. */
  protected latest(): PeriodComparison | undefined {
    let last: string | undefined;
    for (const period of this.periods.keys()) if (last === undefined || period > last) last = period;
    return last === undefined ? undefined : this.compare(last);
  }

  private compare(period: string): PeriodComparison {
    return compareActive(period, this.periods.get(period), this.periods.get(previousPeriod(period, this.options.grain)));
  }

  protected contribute(order: NormalizedOrder): Contribution {
    return { period: periodKey(order.time, this.options.grain, this.options.timeZone), customerId: order.customerId };
  }

  protected fold({ period, customerId }: Contribution): void {
    let customers = this.periods.get(period);
    if (customers === undefined) this.periods.set(period, (customers = new Set()));
    customers.add(customerId);
  }

  protected mergeAggregate(other: this): void {
    for (const [period, customers] of other.periods) {
      for (const customerId of customers) this.fold({ period, customerId });
    }
  }

  protected aggregateToJSON(): Record<string, unknown> {
    return { periods: Array.from(this.periods, ([period, customers]) => [period, [...customers]]) };
  }

  protected loadAggregate(state: Record<string, unknown>): void {
    stateArray(state['periods'], 'state.periods').forEach((entry, index) => {
      const path = `state.periods[${index}]`;
      const pair = stateArray(entry, path, 2);
      const period = stateString(pair[0], `${path}[0]`);
      if (!isPeriodKey(period, this.options.grain)) throw invalidState(`${path}[0]`, `expected a ${this.options.grain} key`);
      if (this.periods.has(period)) throw invalidState(`${path}[0]`, `period ${period} appears twice`);
      const customers = stateArray(pair[1], `${path}[1]`);
      if (customers.length === 0) throw invalidState(`${path}[1]`, 'expected at least one customer');
      customers.forEach((customer, position) => {
        const customerId = stateId(customer, `${path}[1][${position}]`);
        if (this.periods.get(period)?.has(customerId) === true) throw invalidState(`${path}[1][${position}]`, 'customer appears twice');
        this.fold({ period, customerId });
      });
    });
  }
}

