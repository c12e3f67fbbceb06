import { argumentObject, count, nonNegativeNumber } from '../../_internal/validate.js';

/**
 * The aggregates {@link itemsPerOrder} divides.
 * @category Order value
 */
export interface ItemsPerOrderInput {
  /** Total quantity over all order lines: a number ≥ 0 (fractional quantities such as 1.5 kg are allowed). */
  items: number;
  /** Number of orders: a non-negative integer. */
  orders: number;
}

/**
 * Items per order (units per transaction): how many units an average order holds.
 *
 * @remarks
 * items ÷ orders, where items is the total quantity of all lines. Cross-selling raises it.
 * `null` when there were no orders. O(1).
 *
 * @param input - `items` (a number ≥ 0) and `orders` (a non-negative integer).
 * @returns The mean quantity per order, or `null` when `orders` is 0.
 * @throws {@link KpiError} `INVALID_NUMBER`, `NEGATIVE_COUNT`, `NOT_AN_INTEGER`.
 * @example
 * ```ts
 * import { itemsPerOrder } from 'xsell-kpi';
 * itemsPerOrder({ items: 250, orders: 100 }); // => 2.5
 * itemsPerOrder({ items: 0, orders: 0 }); // => null
 * ```
 * @category Order value
 */
export function itemsPerOrder(input: ItemsPerOrderInput): number | null {
  const bag = argumentObject(input);
  const items = nonNegativeNumber(bag['items'], 'items');
  const orders = count(bag['orders'], 'orders');
  return orders === 0 ? null : items / orders;
}
