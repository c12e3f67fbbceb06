import { KpiError } from '../core/KpiError.js';
import type { NormalizedOrder } from './normalize.js';
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

/** @internal Throws unless every line has a category (what `{ by: 'category' }` counts). */
export function requireCategories(order: NormalizedOrder): void {
  order.lines.forEach((line, index) => {
    if (line.category === undefined) throw missingCategory(index);
  });
}

function missingCategory(index: number): KpiError {
  return new KpiError('INVALID_EVENT', `lines[${index}].category`, "a KPI counted { by: 'category' } needs a category on every line");
}

/** @internal The order's distinct products, at most `limit` of them (enough to decide). */
export function distinctProducts(order: NormalizedOrder, by: ProductKey, limit: number): string[] {
  if (by === 'category') requireCategories(order);
  const products: string[] = [];
  const { lines } = order;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const product = by === 'sku' ? line.sku : line.category!; // checked above
    if (!products.includes(product)) {
      products.push(product);
      if (products.length >= limit) break;
    }
  }
  return products;
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
