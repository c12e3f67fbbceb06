import { KpiError } from '../../core/KpiError.js';
import { MoneySum, amountText, fromDecimal, plus, type Amount } from '../../_internal/amount.js';
import { ordinalOfPeriodKey, periodKeyOfOrdinal, periodOrdinal, zone, type Zone } from '../../_internal/calendar.js';
import { divide } from '../../_internal/decimal.js';
import { shape, type Json, type OrderFold, type Scope } from '../../_internal/fold.js';
import type { EngineOptions, FoldSpec } from '../../_internal/orderEngine.js';
import type { OrderView } from '../../_internal/orderView.js';
import { currencyOption, flag, oneOf, optionsObject } from '../../_internal/options.js';
import { show } from '../../_internal/show.js';
import { invalidState, stateArray, stateEntries, stateMoney, stateString } from '../../_internal/state.js';
import type { CustomerSummaryResult, SummarizedCustomer, TimeUnit } from './CustomerSummary.js';

/** @internal The options of a customer summary, defaults filled in. */
export interface CustomerSummarySettings extends EngineOptions {
  readonly observationEnd: string;
  readonly timeUnit: TimeUnit;
  readonly timeZone: string;
  readonly currency: string | null;
  readonly dedupe: boolean;
}

const TIME_UNITS: readonly TimeUnit[] = ['day', 'week'];
/** Days per time unit. */
const DAYS: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7 };

/** @internal Validates the options of a customer summary: `observationEnd` (required), `timeUnit`, `timeZone`, `currency`, `dedupe`. */
export function customerSummarySettings(options: unknown): CustomerSummarySettings {
  const bag = optionsObject(options, ['observationEnd', 'timeUnit', 'timeZone', 'currency', 'dedupe']);
  const observationEnd = bag['observationEnd'];
  if (ordinalOfPeriodKey(observationEnd, 'day') === undefined) {
    throw new KpiError('INVALID_OPTION', 'observationEnd', `required: the last day observed, as 'YYYY-MM-DD' (such as '1997-09-30'), got ${show(observationEnd)}`);
  }
  const timeZone = bag['timeZone'] ?? 'UTC';
  zone(timeZone); // throws INVALID_OPTION for an unknown time zone
  return {
    observationEnd: observationEnd as string,
    timeUnit: oneOf(bag['timeUnit'], 'timeUnit', TIME_UNITS, 'day'),
    timeZone: timeZone as string,
    currency: currencyOption(bag['currency']),
    dedupe: flag(bag['dedupe'], 'dedupe', true),
  };
}

/** @internal Each customer seen, with their purchase days up to the observation end and each day's revenue, sorted by customer id and day. */
export type CustomerSummaryState = { customers: [string, [string, string][]][] } & Json;

/** @internal What an order added: its day (an ordinal) and its revenue; `null` for an order after the observation end. */
export type CustomerSummaryKept = readonly [day: number, revenue: Amount] | null;

/**
 * @internal The per-customer summary of the BG/NBD and Gamma-Gamma models, additive per customer:
 * by customer row, the calendar days (in the time zone) with a purchase up to the observation end,
 * and each day's exact revenue. An order adds its revenue to its day (and keeps both, for
 * de-duplicated merges); an order after the observation end adds nothing, though its customer is
 * in the scope (with no days).
 */
export class CustomerSummaryFold implements OrderFold<CustomerSummaryResult, CustomerSummaryState, CustomerSummaryKept> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  private readonly zone: Zone;
  private readonly endDay: number;
  private readonly unitDays: number;
  /** By customer row: the purchase days (ascending), and each one's revenue. */
  private readonly days: number[][] = [];
  private readonly revenues: Amount[][] = [];
  /** The day of the last order {@link check} read. */
  private checkedTime = Number.NaN;
  private checkedDay = 0;

  constructor(
    private readonly settings: CustomerSummarySettings,
    private readonly scope: Scope,
  ) {
    this.zone = zone(settings.timeZone);
    this.endDay = ordinalOfPeriodKey(settings.observationEnd, 'day')!;
    this.unitDays = DAYS[settings.timeUnit];
  }

  /** Throws `INVALID_TIMESTAMP` when the order's day is outside the years 0000-9999. */
  check(order: OrderView): void {
    if (order.time !== this.checkedTime) {
      this.checkedDay = periodOrdinal(order.time, 'day', this.zone);
      this.checkedTime = order.time;
    }
  }

  add(order: OrderView, customer: number): CustomerSummaryKept {
    if (this.checkedDay > this.endDay) {
      this.addKept(null, customer);
      return null;
    }
    const kept: CustomerSummaryKept = [this.checkedDay, order.revenue];
    this.addKept(kept, customer);
    return kept;
  }

  addKept(kept: CustomerSummaryKept, customer: number): void {
    const days = this.rowOf(customer);
    if (kept !== null) this.addDay(days, this.revenues[customer]!, kept[0], kept[1]);
  }

  /** The customer's days, made (empty) for a customer not counted yet. */
  private rowOf(customer: number): number[] {
    while (this.days.length <= customer) {
      this.days.push([]);
      this.revenues.push([]);
    }
    return this.days[customer]!;
  }

  private addDay(days: number[], revenues: Amount[], day: number, revenue: Amount): void {
    // Most orders come in time order: the new day is usually the last.
    let index = days.length;
    while (index > 0 && days[index - 1]! > day) index--;
    if (index > 0 && days[index - 1] === day) {
      revenues[index - 1] = plus(revenues[index - 1]!, revenue);
      return;
    }
    days.splice(index, 0, day);
    revenues.splice(index, 0, revenue);
  }

  checkMerge(): void {}

  merge(other: CustomerSummaryFold, customers: Int32Array): void {
    for (let row = 0; row < other.days.length; row++) {
      const into = customers[row]!;
      const days = this.rowOf(into);
      const otherDays = other.days[row]!;
      for (let index = 0; index < otherDays.length; index++) this.addDay(days, this.revenues[into]!, otherDays[index]!, other.revenues[row]![index]!);
    }
  }

  isEmpty(): boolean {
    return this.days.length === 0;
  }

  result(currency: string | null): CustomerSummaryResult {
    const { observationEnd, timeUnit, timeZone } = this.settings;
    const ids = this.scope.customers.ids;
    const customers: SummarizedCustomer[] = [];
    for (const row of this.rowsById()) {
      const days = this.days[row]!;
      if (days.length === 0) continue;
      const first = days[0]!;
      const frequency = days.length - 1;
      let monetary = null;
      if (frequency > 0) {
        const repeat = new MoneySum();
        const revenues = this.revenues[row]!;
        for (let index = 1; index < revenues.length; index++) repeat.add(revenues[index]!);
        monetary = divide(repeat.value(), frequency);
      }
      customers.push({ customerId: ids[row]!, frequency, recency: (days[frequency]! - first) / this.unitDays, T: (this.endDay - first) / this.unitDays, monetary });
    }
    return { customers, observationEnd, timeUnit, timeZone, currency };
  }

  /** The rows of the customers this fold has, sorted by customer id (code-unit order), so that results and state do not depend on the order of the orders. */
  private rowsById(): number[] {
    const ids = this.scope.customers.ids;
    const rows = Array.from({ length: this.days.length }, (_, row) => row);
    return rows.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  }

  toJSON(): CustomerSummaryState {
    const ids = this.scope.customers.ids;
    return {
      customers: this.rowsById().map((row): [string, [string, string][]] => [ids[row]!, this.days[row]!.map((day, index): [string, string] => [periodKeyOfOrdinal(day, 'day'), amountText(this.revenues[row]![index]!)])]),
    };
  }

  readState(state: Readonly<Record<string, unknown>>): CustomerSummaryState {
    const customers = stateEntries(state, 'customers', ['customerId', 'days'], (entry, path, id): [string, [string, string][]] => {
      let previous = -Infinity;
      const days = stateArray(entry[1], `${path}[1]`).map((value, index): [string, string] => {
        const at = `${path}[1][${index}]`;
        const pair = stateArray(value, at, 2);
        if (pair.length !== 2) throw invalidState(at, 'expected [day, revenue]');
        const day = this.readDay(pair[0], `${at}[0]`);
        if (day <= previous) throw invalidState(`${at}[0]`, 'expected days in increasing order, each once');
        previous = day;
        return [stateString(pair[0], `${at}[0]`), stateMoney(pair[1], `${at}[1]`).toFixed()];
      });
      return [id, days];
    });
    return { customers };
  }

  /** A saved day: a `YYYY-MM-DD` key, not after the observation end. */
  private readDay(value: unknown, path: string): number {
    const day = ordinalOfPeriodKey(value, 'day');
    if (day === undefined) throw invalidState(path, "expected a day 'YYYY-MM-DD'");
    if (day > this.endDay) throw invalidState(path, `expected a day up to the observation end ${this.settings.observationEnd}`);
    return day;
  }

  load(state: CustomerSummaryState): void {
    for (const [customerId, days] of state.customers) {
      const customer = this.scope.customers.row(customerId);
      this.rowOf(customer);
      for (const [day, revenue] of days) this.addKept([ordinalOfPeriodKey(day, 'day')!, fromDecimal(stateMoney(revenue, 'state.customers'))], customer);
    }
  }

  keptToJSON(kept: CustomerSummaryKept): Json {
    return kept === null ? null : [periodKeyOfOrdinal(kept[0], 'day'), amountText(kept[1])];
  }

  keptFromJSON(json: unknown, path: string): CustomerSummaryKept {
    if (json === null) return null;
    const pair = stateArray(json, path, 2);
    if (pair.length !== 2) throw invalidState(path, 'expected [day, revenue], or null for an order after the observation end');
    return [this.readDay(pair[0], `${path}[0]`), fromDecimal(stateMoney(pair[1], `${path}[1]`))];
  }
}
shape(CustomerSummaryFold, { perCustomer: true, additive: true, stateFields: ['customers'] });

/** @internal */
export const customerSummarySpec: FoldSpec<CustomerSummaryFold, CustomerSummarySettings> = {
  kind: 'CustomerSummary',
  create: (options, scope) => new CustomerSummaryFold(options, scope),
};
