import { shape, type Json, type OrderFold, type Scope } from '../../_internal/fold.js';
import { EMPTY_UINT8, grow } from '../../_internal/idTable.js';
import type { EngineOptions, FoldSpec } from '../../_internal/orderEngine.js';
import { UPSELL, hasSource, type OrderView } from '../../_internal/orderView.js';
import { flag, optionsObject } from '../../_internal/options.js';
import { stateBoolean, stateEntries } from '../../_internal/state.js';
import type { UpsellRateResult } from './UpsellRate.js';
import { upsellRate } from './formula.js';

/** @internal The options of an upsell rate, defaults filled in. */
export interface UpsellRateSettings extends EngineOptions {
  readonly dedupe: boolean;
}

/** @internal Validates the options of an upsell rate. */
export function upsellRateSettings(options: unknown): UpsellRateSettings {
  const bag = optionsObject(options, ['dedupe']);
  return { dedupe: flag(bag['dedupe'], 'dedupe', true) };
}

/** @internal Each customer, and whether they bought an upsell line. */
export type UpsellRateState = { customers: [string, boolean][] } & Json;

/**
 * @internal The upsell rate, a lattice: per customer, "ever bought an upsell line" (a flag that
 * only turns on), so a merge is an `or` per customer.
 */
export class UpsellRateFold implements OrderFold<UpsellRateResult, UpsellRateState> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  /** By customer row: 1 once the customer bought an upsell line (rows past its length are 0). */
  private upsold: Uint8Array = EMPTY_UINT8;
  private upsoldCustomers = 0;

  constructor(private readonly scope: Scope) {}

  check(): void {}

  add(order: OrderView, customer: number): undefined {
    if (hasSource(order, UPSELL)) this.markUpsold(customer);
  }

  private markUpsold(customer: number): void {
    if (customer >= this.upsold.length) {
      // Stryker disable next-line ArithmeticOperator: a growth policy: growing to the row only (length ÷ 2 is below it) copies the flags more often
      const doubled = this.upsold.length * 2;
      this.upsold = grow(this.upsold, Math.max(customer + 1, doubled));
    }
    if (this.upsold[customer] === 1) return;
    this.upsold[customer] = 1;
    this.upsoldCustomers++;
  }

  addKept(): void {}

  checkMerge(): void {}

  merge(other: UpsellRateFold, customers: Int32Array): void {
    const flags = other.upsold;
    customers.forEach((customer, row) => {
      if (flags[row] === 1) this.markUpsold(customer);
    });
  }

  isEmpty(): boolean {
    return this.scope.customers.size === 0;
  }

  result(): UpsellRateResult {
    const counts = { upsoldCustomers: this.upsoldCustomers, customers: this.scope.customers.size };
    return { value: upsellRate(counts), ...counts };
  }

  toJSON(): UpsellRateState {
    return { customers: this.scope.customers.ids.map((customerId, row): [string, boolean] => [customerId, this.upsold[row] === 1]) };
  }

  readState(state: Readonly<Record<string, unknown>>): UpsellRateState {
    const customers = stateEntries(state, 'customers', ['customerId', 'upsold'], (entry, path, id): [string, boolean] => [id, stateBoolean(entry[1], `${path}[1]`)]);
    return { customers };
  }

  load(state: UpsellRateState): void {
    for (const [customerId, upsold] of state.customers) {
      const customer = this.scope.customers.row(customerId);
      if (upsold) this.markUpsold(customer);
    }
  }
}
shape(UpsellRateFold, { perCustomer: true, additive: false, stateFields: ['customers'] });

/** @internal */
export const upsellRateSpec: FoldSpec<UpsellRateFold, UpsellRateSettings> = {
  kind: 'UpsellRate',
  create: (_options, scope) => new UpsellRateFold(scope),
};
