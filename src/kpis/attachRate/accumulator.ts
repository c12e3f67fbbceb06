import type { Accumulator, AccumulatorJSON } from '../../core/accumulator.js';
import { brand, mergeable } from '../../_internal/merge.js';
import { KpiError } from '../../core/KpiError.js';
import type { Order } from '../../core/events.js';
import { OrderAccumulator, fromOptions, readHeader } from '../../_internal/OrderAccumulator.js';
import type { NormalizedLine, NormalizedOrder } from '../../_internal/normalize.js';
import { flag, oneOf, optionsObject, stringSet } from '../../_internal/options.js';
import { invalidState, stateArray, stateCount, stateId } from '../../_internal/state.js';
import { attachRate, type AttachRateInput } from './attachRate.js';

/**
 * A set of products, by SKU and/or by category: a line matches when its SKU or its category is listed.
 * @category Cross-sell
 */
export interface ProductSelector {
  /** Product ids. */
  skus?: string[];
  /** Categories. */
  categories?: string[];
}

/**
 * Options of {@link AttachRate}.
 * @category Cross-sell
 */
export interface AttachRateOptions {
  /** The anchor product(s), such as `{ categories: ['laptops'] }`. Required. */
  anchor: ProductSelector;
  /** What counts as an attachment; anything that does not match `anchor` when absent. */
  attach?: ProductSelector | null;
  /** Whose purchases are compared: each `'customer'`'s over the scope (default), or each `'order'`'s. */
  per?: 'customer' | 'order';
  /** Ignore re-delivered orders (same `orderId`); `true` by default. */
  dedupe?: boolean;
}

/**
 * The result of {@link AttachRate}: {@link attachRate}'s input plus its `value`.
 * @category Cross-sell
 */
export interface AttachRateResult extends AttachRateInput {
  /** attached ÷ anchors, or `null` when nobody bought the anchor. */
  value: number | null;
}

interface Selector {
  skus: string[];
  categories: string[];
}

interface Contribution {
  customerId: string;
  bits: number;
}

interface Options {
  anchor: Selector;
  attach: Selector | null;
  per: 'customer' | 'order';
  dedupe: boolean;
}

// What a buyer bought, as bits: the anchor, and an attachment.
const ANCHOR = 1;
const ATTACHMENT = 2;
const BOTH = ANCHOR | ATTACHMENT;
const ORDER_CONTRIBUTIONS: readonly Contribution[] = [0, 1, 2, 3].map((bits) => Object.freeze({ customerId: '', bits }));

function selector(value: unknown, path: string): Selector {
  const bag = optionsObject(value ?? {}, ['skus', 'categories']);
  return { skus: stringSet(bag['skus'], `${path}.skus`), categories: stringSet(bag['categories'], `${path}.categories`) };
}

class Matcher {
  private readonly skus: ReadonlySet<string>;
  private readonly categories: ReadonlySet<string>;
  constructor({ skus, categories }: Selector) {
    this.skus = new Set(skus);
    this.categories = new Set(categories);
  }
  matches(line: NormalizedLine): boolean {
    return this.skus.has(line.sku) || (line.category !== undefined && this.categories.has(line.category));
  }
}

/**
 * Streams orders into the attach rate: the share of anchor buyers who also bought an attachment.
 *
 * @remarks
 * With `per: 'customer'` (the default) a customer is attached when, over everything added, they
 * bought the anchor and also a line that does not match the anchor (or, when `attach` is given,
 * one that matches it); it keeps two flags per customer, and merges are a union. With
 * `per: 'order'` the same is asked of each order, and it keeps two counts (plus, with `dedupe`,
 * each order's id, fingerprint and flags). `add` is O(lines). See {@link attachRate}.
 *
 * @example
 * ```ts
 * import { AttachRate } from 'xsell-kpi';
 * const rate = new AttachRate({ anchor: { categories: ['laptops'] } });
 * rate.add({ orderId: 'o1', customerId: 'ann', timestamp: 0, lines: [{ sku: 'x1', category: 'laptops', unitPrice: '999' }] });
 * rate.add({ orderId: 'o2', customerId: 'ann', timestamp: 1, lines: [{ sku: 'sleeve', category: 'cases', unitPrice: '29' }] });
 * rate.add({ orderId: 'o3', customerId: 'bob', timestamp: 2, lines: [{ sku: 'x1', category: 'laptops', unitPrice: '999' }] });
 * rate.result(); // => { value: 0.5, attached: 1, anchors: 2 }
 * ```
 * @category Cross-sell
 */
export class AttachRate implements Accumulator<Order, AttachRateResult> {
  #engine: AttachRateEngine;

  /**
   * @param options - `anchor` (required), `attach` (anything else), `per` (`'customer'`), `dedupe` (`true`).
   * @throws {@link KpiError} `INVALID_OPTION`, also when `anchor` lists nothing.
   */
  constructor(options: AttachRateOptions) {
    this.#engine = new AttachRateEngine(options);
    brand(this, 'AttachRate');
  }

  /**
   * The attach rate over `orders`: `new AttachRate(options).addAll(orders).result()`.
   *
   * @param orders - Any iterable of orders.
   * @param options - As for the constructor.
   * @returns The result.
   * @example
   * ```ts
   * import { AttachRate } from 'xsell-kpi';
   * const orders = [{ orderId: 'o1', customerId: 'ann', timestamp: 0, lines: [{ sku: 'x1', unitPrice: '999' }, { sku: 'mouse', unitPrice: '19' }] }];
   * AttachRate.of(orders, { anchor: { skus: ['x1'] }, attach: { skus: ['sleeve'] }, per: 'order' }); // => { value: 0, attached: 0, anchors: 1 }
   * ```
   */
  static of(orders: Iterable<Order>, options: AttachRateOptions): AttachRateResult {
    return new AttachRate(options).addAll(orders).result();
  }

  /**
   * Restores an accumulator from {@link AttachRate.toJSON}'s output, validating every field.
   *
   * @param json - Parsed JSON.
   * @returns A new accumulator with the saved state.
   * @throws {@link KpiError} `INVALID_STATE`; `UNSUPPORTED_VERSION` for state from a newer version.
   * @example
   * ```ts
   * import { AttachRate } from 'xsell-kpi';
   * const saved = JSON.stringify(new AttachRate({ anchor: { skus: ['x1'] } }));
   * AttachRate.fromJSON(JSON.parse(saved)).result(); // => { value: null, attached: 0, anchors: 0 }
   * ```
   */
  static fromJSON(json: unknown): AttachRate {
    const engine = AttachRateEngine.fromJSON(json);
    const restored = new AttachRate(engine.options);
    restored.#engine = engine;
    return restored;
  }

  add(order: Order): this {
    this.#engine.add(order);
    return this;
  }

  addAll(orders: Iterable<Order>): this {
    this.#engine.addAll(orders);
    return this;
  }

  merge(other: AttachRate): this {
    this.#engine.merge(mergeable(other, AttachRate, 'AttachRate').#engine);
    return this;
  }

  /** The attach rate over everything added: {@link attachRate}'s input plus `value`. */
  result(): AttachRateResult {
    return this.#engine.result();
  }

  toJSON(): AccumulatorJSON {
    return this.#engine.toJSON();
  }
}

/** @internal The engine behind {@link AttachRate}. */
class AttachRateEngine extends OrderAccumulator<Contribution, AttachRateResult, Options> {
  private readonly anchor: Matcher;
  private readonly attach: Matcher | null;

  /** Per customer: what they bought (bits); `per: 'customer'` only. */
  private readonly customers = new Map<string, number>();

  private attached = 0;
  private anchors = 0;
  protected readonly aggregateFields: readonly string[];

  constructor(options: AttachRateOptions) {
    const bag = optionsObject(options, ['anchor', 'attach', 'per', 'dedupe']);
    const anchor = selector(bag['anchor'], 'anchor');
    if (anchor.skus.length === 0 && anchor.categories.length === 0) {
      throw new KpiError('INVALID_OPTION', 'anchor', 'expected at least one anchor sku or category');
    }
    const attach = bag['attach'] === undefined || bag['attach'] === null ? null : selector(bag['attach'], 'attach');
    const per = oneOf(bag['per'], 'per', ['customer', 'order'], 'customer');
    super('AttachRate', 1, { anchor, attach, per, dedupe: flag(bag['dedupe'], 'dedupe', true) }, per === 'order');
    this.anchor = new Matcher(anchor);
    this.attach = attach === null ? null : new Matcher(attach);
    this.aggregateFields = per === 'order' ? ['attached', 'anchors'] : ['customers'];
  }

  static fromJSON(json: unknown): AttachRateEngine {
    const { options, state } = readHeader(json, 'AttachRate', 1);
    return fromOptions(options, (o: AttachRateOptions) => new AttachRateEngine(o)).load(state);
  }

  result(): AttachRateResult {
    const counts = { attached: this.attached, anchors: this.anchors };
    return { value: attachRate(counts), ...counts };
  }

  protected contribute(order: NormalizedOrder): Contribution {
    let bits = 0;
    for (const line of order.lines) {
      const anchor = this.anchor.matches(line);
      if (anchor) bits |= ANCHOR;
      if (this.attach === null ? !anchor : this.attach.matches(line)) bits |= ATTACHMENT;
      if (bits === BOTH) break;
    }
    // Per order, the customer plays no part: share one contribution object per value of `bits`.
    return this.options.per === 'order' ? ORDER_CONTRIBUTIONS[bits]! : { customerId: order.customerId, bits };
  }

  protected fold({ customerId, bits }: Contribution): void {
    if (this.options.per === 'order') this.count(0, bits);
    else this.join(customerId, bits);
  }

  /** Counts a buyer going from `before` to `before | bits`. */
  private count(before: number, bits: number): void {
    const after = before | bits;
    if (!(before & ANCHOR) && after & ANCHOR) this.anchors++;
    if (before !== BOTH && after === BOTH) this.attached++;
  }

  protected mergeAggregate(other: this): void {
    if (this.options.per === 'order') {
      this.attached += other.attached;
      this.anchors += other.anchors;
    } else {
      for (const [customerId, bits] of other.customers) this.join(customerId, bits);
    }
  }

  private join(customerId: string, bits: number): void {
    const before = this.customers.get(customerId) ?? 0;
    this.count(before, bits);
    this.customers.set(customerId, before | bits);
  }

  protected aggregateToJSON(): Record<string, unknown> {
    return this.options.per === 'order' ? { attached: this.attached, anchors: this.anchors } : { customers: [...this.customers] };
  }

  protected loadAggregate(state: Record<string, unknown>): void {
    if (this.options.per === 'order') {
      this.attached = stateCount(state['attached'], 'state.attached');
      this.anchors = stateCount(state['anchors'], 'state.anchors');
      if (this.attached > this.anchors) throw invalidState('state.attached', 'exceeds anchors');
      return;
    }
    stateArray(state['customers'], 'state.customers').forEach((entry, index) => {
      const path = `state.customers[${index}]`;
      const pair = stateArray(entry, path, 2);
      const customerId = stateId(pair[0], `${path}[0]`);
      const bits = pair[1];
      if (this.customers.has(customerId)) throw invalidState(`${path}[0]`, `customer ${JSON.stringify(customerId)} appears twice`);
      if (bits !== ANCHOR && bits !== ATTACHMENT && bits !== BOTH && bits !== 0) throw invalidState(`${path}[1]`, 'expected 0, 1, 2 or 3');
      this.join(customerId, bits);
    });
  }

  protected override contributionToJSON({ bits }: Contribution): unknown {
    return bits;
  }

  protected override contributionFromJSON(json: unknown, path: string): Contribution {
    if (json !== 0 && json !== ANCHOR && json !== ATTACHMENT && json !== BOTH) throw invalidState(path, 'expected 0, 1, 2 or 3');
    return ORDER_CONTRIBUTIONS[json]!;
  }

  protected empty(): this {
    return new AttachRateEngine(this.options) as this;
  }
}
