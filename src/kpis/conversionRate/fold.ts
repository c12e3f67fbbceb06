import { VISITS } from '../../_internal/eventKinds.js';
import { shape, type Fold, type Json, type Scope } from '../../_internal/fold.js';
import type { EngineOptions, FoldSpec } from '../../_internal/orderEngine.js';
import { optionsObject } from '../../_internal/options.js';
import { stateBoolean, stateEntries } from '../../_internal/state.js';
import type { VisitView } from '../../_internal/visitView.js';
import type { ConversionRateResult } from './ConversionRate.js';
import { conversionRate } from './formula.js';

/** @internal A conversion rate has no options yet. */
export type ConversionRateSettings = EngineOptions & Record<string, never>;

/** @internal Validates the options of a conversion rate: none, `{}` or nothing. */
export function conversionRateSettings(options: unknown): ConversionRateSettings {
  optionsObject(options, []);
  return {} as ConversionRateSettings;
}

/** @internal Each visitor and whether any of their visits converted. */
export type ConversionRateState = { visitors: [string, boolean][] } & Json;

/** @internal The conversion rate, a lattice: per visitor, whether any visit converted; merging is a union. */
export class ConversionRateFold implements Fold<VisitView, ConversionRateResult, ConversionRateState> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  declare readonly stateFields: readonly string[];
  /** By visitor row. */
  private readonly converted: boolean[] = [];
  private convertedVisitors = 0;

  constructor(private readonly scope: Scope) {}

  check(): void {}

  add(visit: VisitView, visitor: number): undefined {
    this.join(visitor, visit.converted);
  }

  addKept(): void {}

  private join(visitor: number, converted: boolean): void {
    if (this.converted[visitor] === true) return;
    this.converted[visitor] = converted;
    if (converted) this.convertedVisitors++;
  }

  checkMerge(): void {}

  merge(other: ConversionRateFold, visitors: Int32Array): void {
    other.converted.forEach((converted, row) => this.join(visitors[row]!, converted));
  }

  isEmpty(): boolean {
    return this.scope.customers.size === 0;
  }

  result(): ConversionRateResult {
    const counts = { converted: this.convertedVisitors, visitors: this.scope.customers.size };
    return { value: conversionRate(counts), ...counts };
  }

  toJSON(): ConversionRateState {
    const ids = this.scope.customers.ids;
    return { visitors: this.converted.map((converted, row) => [ids[row]!, converted]) };
  }

  readState(state: Readonly<Record<string, unknown>>): ConversionRateState {
    const visitors = stateEntries(state, 'visitors', ['visitorId', 'converted'], (entry, path, id): [string, boolean] => [id, stateBoolean(entry[1], `${path}[1]`)]);
    return { visitors };
  }

  load(state: ConversionRateState): void {
    for (const [visitorId, converted] of state.visitors) this.join(this.scope.customers.row(visitorId), converted);
  }
}
shape(ConversionRateFold, { perCustomer: true, additive: false, stateFields: ['visitors'] });

/** @internal */
export const conversionRateSpec: FoldSpec<ConversionRateFold, ConversionRateSettings> = {
  kind: 'ConversionRate',
  event: VISITS,
  create: (_options, scope) => new ConversionRateFold(scope),
};
