import { KpiError } from '../../core/KpiError.js';
import type { Json, OrderFold, Scope } from '../../_internal/fold.js';
import { grow } from '../../_internal/idTable.js';
import type { EngineOptions, FoldSpec } from '../../_internal/orderEngine.js';
import type { OrderView } from '../../_internal/orderView.js';
import { flag, oneOf, optionsObject, stringSet } from '../../_internal/options.js';
import { invalidState, stateCount, stateEntries } from '../../_internal/state.js';
import { countable } from '../../_internal/validate.js';
import type { AttachRateResult } from './AttachRate.js';
import { attachRate } from './formula.js';

/** @internal A product selector, validated: distinct, sorted SKUs and categories. */
export interface Selector {
  readonly skus: string[];
  readonly categories: string[];
}

/** @internal The options of an attach rate, defaults filled in. */
export interface AttachRateSettings extends EngineOptions {
  readonly anchor: Selector;
  /** `null`: anything that does not match the anchor is an attachment. */
  readonly attach: Selector | null;
  readonly per: 'customer' | 'order';
  readonly dedupe: boolean;
}

function selector(value: unknown, path: string): Selector {
  const bag = optionsObject(value ?? {}, ['skus', 'categories']);
  return { skus: stringSet(bag['skus'], `${path}.skus`), categories: stringSet(bag['categories'], `${path}.categories`) };
}

/** @internal Validates the options of an attach rate: `anchor` is required and must list something. */
export function attachRateSettings(options: unknown): AttachRateSettings {
  const bag = optionsObject(options, ['anchor', 'attach', 'per', 'dedupe']);
  const anchor = selector(bag['anchor'], 'anchor');
  if (anchor.skus.length === 0 && anchor.categories.length === 0) {
    throw new KpiError('INVALID_OPTION', 'anchor', 'expected at least one anchor sku or category');
  }
  const attach = bag['attach'] === undefined || bag['attach'] === null ? null : selector(bag['attach'], 'attach');
  return { anchor, attach, per: oneOf(bag['per'], 'per', ['customer', 'order'], 'customer'), dedupe: flag(bag['dedupe'], 'dedupe', true) };
}

/** @internal Per customer: each customer with what they bought (bits). */
export type AttachRateCustomersState = { customers: [string, number][] } & Json;
/** @internal Per order: the anchor orders and the attached ones. */
export type AttachRateOrdersState = { attached: number; anchors: number } & Json;
/** @internal The state of either kind of attach rate. */
export type AttachRateState = AttachRateCustomersState | AttachRateOrdersState;

// What a buyer bought, as bits: the anchor, and an attachment.
const ANCHOR = 1;
const ATTACHMENT = 2;
const BOTH = ANCHOR | ATTACHMENT;

function readBits(value: unknown, path: string): number {
  if (value !== 0 && value !== ANCHOR && value !== ATTACHMENT && value !== BOTH) throw invalidState(path, 'expected 0, 1, 2 or 3');
  return value;
}

/** Whether a line with this SKU and category is one of the selected products. */
function selects(skus: ReadonlySet<string>, categories: ReadonlySet<string | undefined>, sku: string, category: string | undefined): boolean {
  return skus.has(sku) || categories.has(category);
}

/**
 * @internal The attach rate. Per customer (the default) a lattice: what each customer bought, as
 * two bits (anchor, attachment) joined by `or`; per order additive: the anchor orders and the
 * attached ones, each order adding (and keeping) its bits.
 */
export class AttachRateFold implements OrderFold<AttachRateResult, AttachRateState, number> {
  readonly perCustomer: boolean;
  readonly additive: boolean;
  readonly stateFields: readonly string[];
  private readonly anchorSkus: ReadonlySet<string>;
  private readonly anchorCategories: ReadonlySet<string>;
  /** `undefined`: anything not the anchor is an attachment. */
  private readonly attachSkus: ReadonlySet<string> | undefined;
  private readonly attachCategories: ReadonlySet<string>;
  /** By customer row (per customer): what they bought; rows past its length bought neither. */
  private bits = new Uint8Array(8);
  private attached = 0;
  private anchors = 0;

  constructor(
    options: Pick<AttachRateSettings, 'anchor' | 'attach' | 'per'>,
    private readonly scope: Scope,
  ) {
    this.perCustomer = options.per === 'customer';
    this.additive = !this.perCustomer;
    this.stateFields = this.perCustomer ? ['customers'] : ['attached', 'anchors'];
    this.anchorSkus = new Set(options.anchor.skus);
    this.anchorCategories = new Set(options.anchor.categories);
    this.attachSkus = options.attach === null ? undefined : new Set(options.attach.skus);
    this.attachCategories = new Set(options.attach?.categories);
  }

  /** Per order, one more anchor order must stay countable; per customer, `anchors` counts customers, far below 2⁵³. */
  check(): void {
    if (!this.perCustomer) countable(this.anchors, 1, 'anchors');
  }

  /** Counts the order per customer (keeping nothing), or per order (keeping its bits). */
  add(order: OrderView, customer: number): number {
    const { skus, categories, lineCount } = order;
    const attachSkus = this.attachSkus;
    let bits = 0;
    for (let index = 0; index < lineCount; index++) {
      const sku = skus[index]!;
      const category = categories[index];
      const anchor = selects(this.anchorSkus, this.anchorCategories, sku, category);
      if (anchor) bits |= ANCHOR;
      if (attachSkus === undefined ? !anchor : selects(attachSkus, this.attachCategories, sku, category)) bits |= ATTACHMENT;
      if (bits === BOTH) break;
    }
    if (this.perCustomer) this.join(customer, bits);
    else this.count(0, bits);
    return bits;
  }

  addKept(bits: number): void {
    this.count(0, bits);
  }

  /** Counts a buyer going from `before` to `before | bits`. */
  private count(before: number, bits: number): void {
    const after = before | bits;
    if ((before & ANCHOR) === 0 && (after & ANCHOR) !== 0) this.anchors++;
    if (before !== BOTH && after === BOTH) this.attached++;
  }

  private join(customer: number, bits: number): void {
    if (customer >= this.bits.length) {
      // Stryker disable next-line ArithmeticOperator: a growth policy: growing to the row only (length ÷ 2 is below it) copies the bits more often
      const doubled = this.bits.length * 2;
      this.bits = grow(this.bits, Math.max(customer + 1, doubled));
    }
    const before = this.bits[customer]!;
    this.count(before, bits);
    this.bits[customer] = before | bits;
  }

  checkMerge(other: AttachRateFold): void {
    if (!this.perCustomer) countable(this.anchors, other.anchors, 'anchors');
  }

  merge(other: AttachRateFold, customers: Int32Array): void {
    if (!this.perCustomer) {
      this.attached += other.attached;
      this.anchors += other.anchors;
      return;
    }
    const bits = other.bits;
    customers.forEach((customer, row) => this.join(customer, bits[row] ?? 0));
  }

  isEmpty(): boolean {
    return this.perCustomer ? this.scope.customers.size === 0 : this.anchors === 0;
  }

  result(): AttachRateResult {
    const counts = { attached: this.attached, anchors: this.anchors };
    return { value: attachRate(counts), ...counts };
  }

  toJSON(): AttachRateState {
    if (!this.perCustomer) return { attached: this.attached, anchors: this.anchors };
    return { customers: this.scope.customers.ids.map((customerId, row): [string, number] => [customerId, this.bits[row] ?? 0]) };
  }

  readState(state: Readonly<Record<string, unknown>>): AttachRateState {
    if (!this.perCustomer) {
      const attached = stateCount(state['attached'], 'state.attached');
      const anchors = stateCount(state['anchors'], 'state.anchors');
      if (attached > anchors) throw invalidState('state.attached', `${attached} attached orders exceed the ${anchors} anchor orders`);
      return { attached, anchors };
    }
    const customers = stateEntries(state, 'customers', ['customerId', 'bits'], (entry, path, id): [string, number] => [id, readBits(entry[1], `${path}[1]`)]);
    return { customers };
  }

  load(state: AttachRateState): void {
    if (this.perCustomer) {
      for (const [customerId, bits] of (state as AttachRateCustomersState).customers) this.join(this.scope.customers.row(customerId), bits);
    } else {
      ({ attached: this.attached, anchors: this.anchors } = state as AttachRateOrdersState);
    }
  }

  keptToJSON(bits: number): Json {
    return bits;
  }

  keptFromJSON(json: unknown, path: string): number {
    return readBits(json, path);
  }
}

/** @internal */
export const attachRateSpec: FoldSpec<AttachRateFold, AttachRateSettings> = {
  kind: 'AttachRate',
  create: (options, scope) => new AttachRateFold(options, scope),
};
