import { KpiError } from '../../core/KpiError.js';
import { shape, type Json, type OrderFold } from '../../_internal/fold.js';
import { IdTable } from '../../_internal/idTable.js';
import type { EngineOptions, FoldSpec } from '../../_internal/orderEngine.js';
import type { OrderView } from '../../_internal/orderView.js';
import { flag, integerOption, oneOf, optionsObject } from '../../_internal/options.js';
import { productOf, requireLineCategories, type ProductKey } from '../../_internal/products.js';
import { show } from '../../_internal/show.js';
import { invalidState, stateArray, stateCount, stateId, stateString } from '../../_internal/state.js';
import { countable } from '../../_internal/validate.js';
import type { CoPurchasePair, CoPurchaseResult, Complement, TopComplementsOptions } from './CoPurchase.js';
import { ExactPairCounts, SpaceSavingPairCounts } from './pairCounts.js';
import { compareFractions, productRatio } from './ratio.js';

/** @internal The options of a co-purchase accumulator, defaults filled in; `capacity` in bounded mode only. */
export interface CoPurchaseSettings extends EngineOptions {
  readonly by: ProductKey;
  readonly dedupe: boolean;
  readonly mode: 'exact' | 'bounded';
  readonly capacity?: number;
}

/** @internal Validates the options of a co-purchase accumulator. */
export function coPurchaseSettings(options: unknown): CoPurchaseSettings {
  const bag = optionsObject(options, ['by', 'dedupe', 'mode', 'capacity']);
  const mode = oneOf(bag['mode'], 'mode', ['exact', 'bounded'], 'exact');
  const base = { by: oneOf(bag['by'], 'by', ['sku', 'category'], 'sku'), dedupe: flag(bag['dedupe'], 'dedupe', true), mode };
  if (mode === 'exact' && bag['capacity'] !== undefined) throw new KpiError('INVALID_OPTION', 'capacity', "capacity applies to mode: 'bounded' only");
  return mode === 'bounded' ? { ...base, capacity: integerOption(bag['capacity'], 'capacity', 1, 10_000_000, 10_000) } : base;
}

/**
 * @internal The orders, each product with the orders containing it, each stored pair `[a, b,
 * count]` (`a < b`); in bounded mode also the pair occurrences seen and the floor.
 */
export type CoPurchaseState = {
  orders: number;
  products: [string, number][];
  pairs: [string, string, number][];
  occurrences?: number;
  floor?: number;
} & Json;

/** @internal An order's distinct products: the one product itself (no array), or two or more. */
export type OrderProducts = string | readonly string[];

const EXACT_FIELDS = ['orders', 'products', 'pairs'];
const BOUNDED_FIELDS = ['orders', 'products', 'pairs', 'occurrences', 'floor'];

/**
 * @internal Co-purchase counts, additive: the orders, each product's orders and each pair's count
 * (exact, or a Space-Saving summary). Products are numbered in an {@link IdTable} in the order
 * first seen. An order keeps its distinct products (in the order of its lines), so a de-duplicated
 * merge replays exactly the orders the other side saw and this one did not.
 */
export class CoPurchaseFold implements OrderFold<CoPurchaseResult, CoPurchaseState, OrderProducts> {
  declare readonly perCustomer: boolean;
  declare readonly additive: boolean;
  readonly stateFields: readonly string[];
  private readonly by: ProductKey;
  private orders = 0;
  /** The products, numbered. */
  private readonly products = new IdTable();
  /** By product: the orders containing it. */
  private readonly productOrders: number[] = [];
  /** By product: the number of the last order that counted it, to count each product once per order. */
  private readonly stamps: number[] = [];
  /** The number of the order being counted. */
  private serial = 0;
  /** The products of the order being counted (reused). */
  private readonly indexes: number[] = [];
  private readonly pairs: ExactPairCounts | SpaceSavingPairCounts;

  constructor(options: Pick<CoPurchaseSettings, 'by' | 'capacity'>) {
    this.by = options.by;
    this.pairs = options.capacity === undefined ? new ExactPairCounts() : new SpaceSavingPairCounts(options.capacity);
    this.stateFields = options.capacity === undefined ? EXACT_FIELDS : BOUNDED_FIELDS;
  }

  check(order: OrderView): void {
    if (this.by === 'category') requireLineCategories(order);
    countable(this.orders, 1, 'orders');
    const pairs = this.pairs;
    if (pairs instanceof SpaceSavingPairCounts) {
      // The lines bound the pairs; only near the limit are the distinct products counted.
      const lines = order.lineCount;
      if (pairs.occurrences + (lines * (lines - 1)) / 2 > Number.MAX_SAFE_INTEGER) {
        const distinct = new Set<string>();
        for (let index = 0; index < lines; index++) distinct.add(productOf(order, this.by, index));
        countable(pairs.occurrences, (distinct.size * (distinct.size - 1)) / 2, 'occurrences');
      }
    }
  }

  add(order: OrderView): OrderProducts {
    const serial = ++this.serial;
    const indexes = this.indexes;
    indexes.length = 0;
    const { by, stamps } = this;
    for (let line = 0; line < order.lineCount; line++) {
      const index = this.intern(productOf(order, by, line));
      if (stamps[index] === serial) continue;
      stamps[index] = serial;
      indexes.push(index);
    }
    this.countOrder(indexes);
    const names = this.products.ids;
    if (indexes.length === 1) return names[indexes[0]!]!;
    const products: string[] = [];
    for (let position = 0; position < indexes.length; position++) products.push(names[indexes[position]!]!);
    return products;
  }

  addKept(products: OrderProducts): void {
    const indexes = this.indexes;
    indexes.length = 0;
    if (typeof products === 'string') {
      indexes.push(this.intern(products));
    } else {
      for (let position = 0; position < products.length; position++) indexes.push(this.intern(products[position]!));
    }
    this.countOrder(indexes);
  }

  /** Counts an order of these distinct products (indexes). */
  private countOrder(indexes: readonly number[]): void {
    this.orders++;
    const productOrders = this.productOrders;
    for (let x = 0; x < indexes.length; x++) productOrders[indexes[x]!]!++;
    const pairs = this.pairs;
    for (let x = 0; x < indexes.length; x++) {
      const i = indexes[x]!;
      for (let y = x + 1; y < indexes.length; y++) {
        const j = indexes[y]!;
        if (i < j) pairs.add(i, j);
        else pairs.add(j, i);
      }
    }
  }

  /** The number of a product, numbered when new. */
  private intern(product: string): number {
    const index = this.products.row(product);
    if (index === this.productOrders.length) {
      this.productOrders.push(0);
      this.stamps.push(0);
    }
    return index;
  }

  checkMerge(other: CoPurchaseFold): void {
    countable(this.orders, other.orders, 'orders');
    if (this.pairs instanceof SpaceSavingPairCounts) countable(this.pairs.occurrences, (other.pairs as SpaceSavingPairCounts).occurrences, 'occurrences');
  }

  merge(other: CoPurchaseFold): void {
    const names = other.products.ids;
    const map: number[] = [];
    for (let index = 0; index < names.length; index++) map.push(this.intern(names[index]!));
    other.productOrders.forEach((count, index) => {
      this.productOrders[map[index]!]! += count;
    });
    this.orders += other.orders;
    const pairs = this.pairs;
    if (pairs instanceof ExactPairCounts) {
      other.pairs.forEach((i, j, count) => {
        const a = map[i]!;
        const b = map[j]!;
        pairs.addCount(Math.min(a, b), Math.max(a, b), count);
      });
    } else {
      pairs.merge(other.pairs as SpaceSavingPairCounts, (index) => map[index]!);
    }
  }

  isEmpty(): boolean {
    return this.orders === 0;
  }

  result(): CoPurchaseResult {
    const { productOrders: counts, orders } = this;
    const names = this.products.ids;
    const bounded = this.pairs instanceof SpaceSavingPairCounts;
    const pairs: CoPurchasePair[] = [];
    this.pairs.forEach((i, j, stored) => {
      const swap = names[j]! < names[i]!;
      const a = swap ? j : i;
      const b = swap ? i : j;
      const countA = counts[a]!;
      const countB = counts[b]!;
      // an upper bound is never above what either product's orders allow
      const count = bounded ? Math.min(stored, countA, countB) : stored;
      pairs.push({
        a: names[a]!,
        b: names[b]!,
        count,
        support: count / orders,
        confidenceAB: count / countA,
        confidenceBA: count / countB,
        lift: productRatio(count, orders, countA, countB),
      });
    });
    pairs.sort((p, q) => q.count - p.count || compareText(p.a, q.a) || compareText(p.b, q.b));
    return this.pairs instanceof SpaceSavingPairCounts ? { orders, pairs, maxError: this.pairs.floor } : { orders, pairs };
  }

  topComplements(sku: string, options?: TopComplementsOptions): Complement[] {
    const product = productArgument(sku);
    const bag = optionsObject(options, ['limit', 'rankBy', 'minCount']);
    const limit = integerOption(bag['limit'], 'limit', 0, Number.MAX_SAFE_INTEGER, 10);
    const rankBy = oneOf(bag['rankBy'], 'rankBy', ['confidence', 'lift'], 'confidence');
    const minCount = integerOption(bag['minCount'], 'minCount', 1, Number.MAX_SAFE_INTEGER, 1);
    const self = this.products.find(product);
    if (self < 0 || limit === 0) return [];
    const { productOrders: counts, orders } = this;
    const names = this.products.ids;
    const bounded = this.pairs instanceof SpaceSavingPairCounts;
    const own = counts[self]!;
    const found: { index: number; count: number }[] = [];
    for (let index = 0; index < names.length; index++) {
      if (index === self) continue;
      const stored = index < self ? this.pairs.get(index, self) : this.pairs.get(self, index);
      if (stored === 0) continue;
      const count = bounded ? Math.min(stored, own, counts[index]!) : stored;
      if (count >= minCount) found.push({ index, count });
    }
    found.sort((p, q) => {
      const measure = rankBy === 'lift' ? compareFractions(q.count, counts[q.index]!, p.count, counts[p.index]!) : 0;
      return measure || q.count - p.count || compareText(names[p.index]!, names[q.index]!);
    });
    return found.slice(0, limit).map(({ index, count }) => ({
      sku: names[index]!,
      count,
      confidence: count / own,
      lift: productRatio(count, orders, own, counts[index]!),
    }));
  }

  toJSON(): CoPurchaseState {
    const names = this.products.ids;
    const pairs: [string, string, number][] = [];
    this.pairs.forEach((i, j, count) => {
      pairs.push(names[j]! < names[i]! ? [names[j]!, names[i]!, count] : [names[i]!, names[j]!, count]);
    });
    const products = names.map((name, index): [string, number] => [name, this.productOrders[index]!]);
    if (this.pairs instanceof SpaceSavingPairCounts) return { orders: this.orders, products, pairs, occurrences: this.pairs.occurrences, floor: this.pairs.floor };
    return { orders: this.orders, products, pairs };
  }

  /**
   * Checks each field and that they fit together: every product in 1 to `orders` orders, and
   * together in at least `orders` (every order has a product); every pair of two known products
   * (`a < b`, once); exact: a count of at least 1, at most either product's orders, with
   * n(a) + n(b) − count ≤ orders, and no pair at all unless some order had two products; bounded:
   * at most `capacity` counters, each at least 1 and the floor, at most the floor above either
   * product's orders, with n(a) + n(b) − count ≤ orders, the Space-Saving invariant
   * capacity · floor + Σ (count − floor) ≤ occurrences, and no occurrence unless some order had
   * two products. The pair occurrences (exact: the counts' sum) fit the products' orders: orders
   * with E products beyond their first make E to (as few orders as large as possible) pairs; and
   * every two products that share more than `floor` (exact: 0) orders by n(a) + n(b) − orders
   * have a stored pair.
   */
  readState(state: Readonly<Record<string, unknown>>): CoPurchaseState {
    const orders = stateCount(state['orders'], 'state.orders');
    const index = new Map<string, number>();
    // exact: beyond 2^53 − 1 when orders are near it
    let occurrencesOfProducts = 0n;
    const products = stateArray(state['products'], 'state.products').map((entry, position): [string, number] => {
      const path = `state.products[${position}]`;
      const tuple = stateArray(entry, path, 2);
      if (tuple.length !== 2) throw invalidState(path, 'expected [product, orders containing it]');
      const product = this.readProduct(tuple[0], `${path}[0]`);
      const count = stateCount(tuple[1], `${path}[1]`);
      if (index.has(product)) throw invalidState(`${path}[0]`, `product ${show(product)} appears twice`);
      if (count === 0 || count > orders) throw invalidState(`${path}[1]`, `expected 1 to ${orders} orders (state.orders)`);
      index.set(product, position);
      occurrencesOfProducts += BigInt(count);
      return [product, count];
    });
    // Every order has a product: the products' orders add up to at least the orders (to more when some order had two).
    if (occurrencesOfProducts < BigInt(orders)) throw invalidState('state.products', `the products are in ${occurrencesOfProducts} orders in all, fewer than the ${orders} orders (state.orders)`);
    const singles = occurrencesOfProducts === BigInt(orders);
    const pairs = this.pairs;
    const capacity = pairs instanceof SpaceSavingPairCounts ? pairs.capacity : 0;
    const floor = pairs instanceof SpaceSavingPairCounts ? stateCount(state['floor'], 'state.floor') : 0;
    const seen = new Map<number, Set<number>>();
    const known = (value: unknown, path: string): number => {
      const position = index.get(stateString(value, path));
      if (position === undefined) throw invalidState(path, 'not in state.products');
      return position;
    };
    const pairList = stateArray(state['pairs'], 'state.pairs').map((entry, position): [string, string, number] => {
      const path = `state.pairs[${position}]`;
      const tuple = stateArray(entry, path, 3);
      if (tuple.length !== 3) throw invalidState(path, 'expected [a, b, count]');
      const a = known(tuple[0], `${path}[0]`);
      const b = known(tuple[1], `${path}[1]`);
      if (!(products[a]![0] < products[b]![0])) throw invalidState(path, 'expected a < b (code-unit order)');
      const count = stateCount(tuple[2], `${path}[2]`);
      const i = Math.min(a, b);
      const j = Math.max(a, b);
      let row = seen.get(i);
      if (row === undefined) seen.set(i, (row = new Set()));
      if (row.has(j)) throw invalidState(path, 'the pair appears twice');
      row.add(j);
      const countA = products[a]![1];
      const countB = products[b]![1];
      if (capacity === 0) {
        if (count === 0 || count > Math.min(countA, countB) || countA + countB - count > orders) {
          throw invalidState(`${path}[2]`, "expected at least 1 and at most either product's orders, with n(a) + n(b) − count ≤ orders");
        }
      } else if (count === 0 || count < floor) {
        throw invalidState(`${path}[2]`, 'expected at least 1 and at least state.floor');
      } else if (count - floor > Math.min(countA, countB) || countA + countB - count > orders) {
        // u − floor ≤ true count ≤ n(a), n(b), and u ≥ true count ≥ n(a) + n(b) − orders
        throw invalidState(`${path}[2]`, "expected at most state.floor above either product's orders, with n(a) + n(b) − count ≤ orders");
      }
      return [products[a]![0], products[b]![0], count];
    });
    const extra = occurrencesOfProducts - BigInt(orders);
    const [least, most] = pairOccurrences(extra, products.length);
    if (capacity === 0) {
      if (singles && pairList.length > 0) throw invalidState('state.pairs', 'expected no pair: no order had two products (state.products)');
      let sum = 0n;
      for (const [, , count] of pairList) sum += BigInt(count);
      if (sum < least || sum > most) throw invalidState('state.pairs', `the pair counts add up to ${sum}, but the products' orders (state.products) make ${least} to ${most} pair occurrences`);
      requireSharedPairs(products, seen, orders, 0);
      return { orders, products, pairs: pairList };
    }
    const occurrences = stateCount(state['occurrences'], 'state.occurrences');
    if (pairList.length > capacity) throw invalidState('state.pairs', `expected at most ${capacity} pairs (the capacity)`);
    // capacity · floor + Σ (count − floor) ≤ occurrences: the Space-Saving invariant (hence floor ≤ occurrences ÷ capacity)
    let mass = BigInt(capacity) * BigInt(floor);
    for (const [, , count] of pairList) mass += BigInt(count - floor);
    if (mass > BigInt(occurrences)) throw invalidState('state.floor', 'the counters add up to more than the pair occurrences seen');
    if (singles && occurrences > 0) throw invalidState('state.occurrences', 'expected 0: no order had two products (state.products)');
    if (BigInt(occurrences) < least || BigInt(occurrences) > most) throw invalidState('state.occurrences', `expected ${least} to ${most}: the pair occurrences the products' orders (state.products) make`);
    requireSharedPairs(products, seen, orders, floor);
    return { orders, products, pairs: pairList, occurrences, floor };
  }

  load(state: CoPurchaseState): void {
    this.orders = state.orders;
    for (const [product, count] of state.products) this.productOrders[this.intern(product)] = count;
    const pairs = this.pairs;
    const products = this.products;
    const stored = state.pairs.map(([a, b, count]): [number, number, number] => {
      const i = products.find(a);
      const j = products.find(b);
      return [Math.min(i, j), Math.max(i, j), count];
    });
    if (pairs instanceof ExactPairCounts) {
      for (const [i, j, count] of stored) pairs.addCount(i, j, count);
    } else {
      pairs.load(stored, state.floor ?? 0, state.occurrences ?? 0);
    }
  }

  private readProduct(value: unknown, path: string): string {
    return this.by === 'sku' ? stateId(value, path) : stateString(value, path);
  }

  /** An order's distinct products, as a list. */
  keptToJSON(products: OrderProducts): Json {
    return typeof products === 'string' ? [products] : [...products];
  }

  keptFromJSON(json: unknown, path: string): OrderProducts {
    const products = stateArray(json, path).map((item, index) => this.readProduct(item, `${path}[${index}]`));
    if (products.length === 0 || new Set(products).size !== products.length) throw invalidState(path, 'expected the distinct products of an order');
    return products.length === 1 ? products[0]! : products;
  }
}
shape(CoPurchaseFold, { perCustomer: false, additive: true });

/**
 * The fewest and most pair occurrences (Σ k(k − 1)/2 over orders of k distinct products) that
 * orders with `extra` = Σ (k − 1) products beyond their first make, among `products` distinct
 * products: each order of two or more has at least as many pairs as extra products (k(k − 1)/2 ≥
 * k − 1); the most come from orders as large as they can be (k ≤ products), the rest in one order.
 */
function pairOccurrences(extra: bigint, products: number): [least: bigint, most: bigint] {
  const width = BigInt(Math.max(products - 1, 0));
  if (width === 0n) return [extra, extra];
  const full = extra / width;
  const rest = extra % width;
  return [extra, (full * width * (width + 1n)) / 2n + (rest * (rest + 1n)) / 2n];
}

/**
 * Throws unless every two products that must share more than `floor` orders, as n(a) + n(b) −
 * orders > floor, have a stored pair (`stored`: positions in `products`, smaller first). A pair
 * without a counter was bought together at most `floor` times (0 in exact mode). Products are
 * visited by their orders, most first, so only the pairs that must be stored are looked at: as
 * many as the stored pairs, and one more when one is missing.
 */
function requireSharedPairs(products: readonly (readonly [string, number])[], stored: ReadonlyMap<number, ReadonlySet<number>>, orders: number, floor: number): void {
  const byOrders = products.map((_, position) => position).sort((p, q) => products[q]![1] - products[p]![1]);
  for (let x = 0; x < byOrders.length; x++) {
    const p = byOrders[x]!;
    for (let y = x + 1; y < byOrders.length; y++) {
      const q = byOrders[y]!;
      const shared = products[p]![1] - orders + products[q]![1]; // exact: n(a) − orders ≤ 0
      if (shared <= floor) break;
      if (stored.get(Math.min(p, q))?.has(Math.max(p, q)) !== true) {
        const [a, b] = products[p]![0] < products[q]![0] ? [products[p]![0], products[q]![0]] : [products[q]![0], products[p]![0]];
        throw invalidState('state.pairs', `expected the pair ${show(a)}, ${show(b)}: they share at least ${shared} orders (n(a) + n(b) − orders), more than ${floor}`);
      }
    }
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function productArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new KpiError('INVALID_ARGUMENT', 'sku', `expected a product id (a string), got ${show(value)}`);
}

/** @internal */
export const coPurchaseSpec: FoldSpec<CoPurchaseFold, CoPurchaseSettings> = {
  kind: 'CoPurchase',
  create: (options) => new CoPurchaseFold(options),
};
