import { KpiError } from '../core/KpiError.js';
import { Fact, type OrderView } from './orderView.js';
import { invalidState, stateArray, stateId, stateString } from './state.js';

/**
 * Distinct products, by SKU or by category, and the saturating product sets that cross-sell
 * KPIs keep per customer: only the first `minDistinct − 1` distinct products are remembered,
 * then `true` ("enough"), so memory per customer stays bounded and merges stay exact.
 * @internal
 * @module
 */

/** @internal What a "product" is for a KPI: the line's SKU or its category. */
export type ProductKey = 'sku' | 'category';

function missingCategory(index: number): KpiError {
  return new KpiError('INVALID_EVENT', `lines[${index}].category`, "a KPI counted { by: 'category' } needs a category on every line");
}

/** @internal Throws unless every line of the order has a category (what `{ by: 'category' }` counts). */
export function requireLineCategories(order: OrderView): void {
  const { categories, lineCount } = order;
  for (let index = 0; index < lineCount; index++) if (categories[index] === undefined) throw missingCategory(index);
}

/** @internal The product of a line: its SKU, or its category (checked to be there under `{ by: 'category' }`). */
export function productOf(order: OrderView, by: ProductKey, index: number): string {
  return by === 'sku' ? order.skus[index]! : order.categories[index]!;
}

/** @internal Whether the order has at least two distinct products (computed once per order and kind of product). */
export function hasTwoProducts(order: OrderView, by: ProductKey): boolean {
  const fact = by === 'sku' ? Fact.twoSkus : Fact.twoCategories;
  if ((order.known & fact) !== 0) return by === 'sku' ? order.twoSkus : order.twoCategories;
  const first = productOf(order, by, 0);
  let two = false;
  for (let index = 1; index < order.lineCount && !two; index++) two = productOf(order, by, index) !== first;
  if (by === 'sku') order.twoSkus = two;
  else order.twoCategories = two;
  order.known |= fact;
  return two;
}

/**
 * @internal A saturating set of distinct products: one product as itself (no array: most
 * customers of most cells have one), fewer than `minDistinct` products in an array, or `true` once
 * there are enough. Never mutated: a change makes a new set.
 */
export type ProductSet = string | readonly string[] | true;

/** @internal Whether a set (not `true`) holds a product. */
function holds(set: string | readonly string[], product: string): boolean {
  return typeof set === 'string' ? set === product : set.includes(product);
}

/** @internal The products of a set, as a list (for JSON). */
export function productList(set: string | readonly string[]): string[] {
  return typeof set === 'string' ? [set] : [...set];
}

/** A set of these distinct products. */
function setOf(products: readonly string[], minDistinct: number): ProductSet {
  if (products.length >= minDistinct) return true;
  return products.length === 1 ? products[0]! : products;
}

/**
 * @internal The union of a saturating set and the order's products, saturated at `minDistinct`;
 * `set` itself when the order adds nothing, so a customer's set is written only when it changes.
 * Allocates only when the set grows to more than one product short of `minDistinct`.
 */
export function addOrderProducts(set: ProductSet | undefined, order: OrderView, by: ProductKey, minDistinct: number): ProductSet {
  if (set === true) return true;
  let first = set;
  let index = 0;
  if (first === undefined) {
    first = productOf(order, by, 0);
    if (minDistinct <= 1) return true;
    index = 1;
  }
  // The common case: a set of one product, and an order of that product or one more.
  if (typeof first === 'string') {
    for (; index < order.lineCount; index++) {
      const product = productOf(order, by, index);
      if (product === first) continue;
      if (minDistinct <= 2) return true;
      return addProducts([first, product], order, by, minDistinct, index + 1);
    }
    return first;
  }
  return addProducts(first, order, by, minDistinct, index);
}

/** The set grown by the order's products from line `from` on. */
function addProducts(set: readonly string[], order: OrderView, by: ProductKey, minDistinct: number, from: number): ProductSet {
  let union: string[] | undefined;
  for (let index = from; index < order.lineCount; index++) {
    const product = productOf(order, by, index);
    if (set.includes(product) || union?.includes(product) === true) continue;
    (union ??= [...set]).push(product);
    if (union.length >= minDistinct) return true;
  }
  return union === undefined ? setOf(set, minDistinct) : union;
}

/** @internal The union of two sets, saturated at `minDistinct`. Never mutates. */
export function unionProducts(set: ProductSet | undefined, products: ProductSet, minDistinct: number): ProductSet {
  if (set === true || products === true) return true;
  if (set === undefined) return setOf(productList(products), minDistinct);
  let union: string[] | undefined;
  for (const product of productList(products)) {
    if (!holds(set, product) && !(union?.includes(product) ?? false)) (union ??= productList(set)).push(product);
  }
  if (union === undefined) return set;
  return setOf(union, minDistinct);
}

/**
 * @internal Reads a serialized product set as it is written: `true`, or a list of distinct
 * products (SKUs are never empty; a category may be).
 */
export function readProductList(value: unknown, path: string, minDistinct: number, by: ProductKey = 'category'): true | string[] {
  if (value === true) return true;
  const read = by === 'sku' ? stateId : stateString;
  const products = stateArray(value, path, Math.max(0, minDistinct - 1)).map((item, index) => read(item, `${path}[${index}]`));
  if (products.length === 0 || new Set(products).size !== products.length) throw invalidState(path, 'expected distinct products, or true');
  return products;
}

/** @internal Reads a serialized product set. */
export function readProductSet(value: unknown, path: string, minDistinct: number, by: ProductKey = 'category'): ProductSet {
  const products = readProductList(value, path, minDistinct, by);
  return products === true ? true : setOf(products, minDistinct);
}

/** @internal The set of a serialized (already read) product list. */
export function productSetOf(products: true | readonly string[], minDistinct: number): ProductSet {
  return products === true ? true : setOf(products, minDistinct);
}
