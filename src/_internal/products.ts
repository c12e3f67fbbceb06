import { KpiError } from '../core/KpiError.js';
import type { OrderView } from './orderView.js';
import { invalidState, stateArray, stateString } from './state.js';

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

/** @internal Whether the order has at least two distinct products. */
export function hasTwoProducts(order: OrderView, by: ProductKey): boolean {
  const first = productOf(order, by, 0);
  for (let index = 1; index < order.lineCount; index++) if (productOf(order, by, index) !== first) return true;
  return false;
}

/**
 * @internal The union of a saturating set and the order's products, saturated at `minDistinct`;
 * `set` itself when the order adds nothing (never mutated), so a customer's set is written only
 * when it changes.
 */
export function addOrderProducts(set: ProductSet | undefined, order: OrderView, by: ProductKey, minDistinct: number): ProductSet {
  if (set === true) return true;
  const known = set?.length ?? 0;
  let added: string[] | undefined;
  for (let index = 0; index < order.lineCount; index++) {
    const product = productOf(order, by, index);
    if (set?.includes(product) === true || added?.includes(product) === true) continue;
    (added ??= []).push(product);
    if (known + added.length >= minDistinct) return true;
  }
  if (added === undefined) return set ?? [];
  return set === undefined ? added : [...set, ...added];
}

/** @internal A saturating set: fewer than `minDistinct` distinct products, or `true` once there are enough. */
export type ProductSet = readonly string[] | true;

/** @internal The union of a set and some products, saturated at `minDistinct`. Never mutates. */
export function unionProducts(set: ProductSet | undefined, products: ProductSet, minDistinct: number): ProductSet {
  if (set === true || products === true) return true;
  if (set === undefined) return products.length >= minDistinct ? true : products;
  let union: string[] | undefined;
  for (const product of products) {
    if (!set.includes(product) && !(union?.includes(product) ?? false)) (union ??= [...set]).push(product);
  }
  if (union === undefined) return set;
  return union.length >= minDistinct ? true : union;
}

/** @internal Reads a serialized product set. */
export function readProductSet(value: unknown, path: string, minDistinct: number): ProductSet {
  if (value === true) return true;
  const products = stateArray(value, path, Math.max(0, minDistinct - 1)).map((item, index) => stateString(item, `${path}[${index}]`));
  if (products.length === 0 || new Set(products).size !== products.length) throw invalidState(path, 'expected distinct products, or true');
  return products;
}
