import type { MoneyInput } from '../../core/money.js';

/**
 * A customer's purchase history as the BG/NBD model reads it: how many repeat purchases, when the
 * last one was, and how long the customer has been watched.
 *
 * @remarks
 * Times are in one unit of your choice (days or weeks), the same for every customer and for the
 * `t` of the predictions; {@link CustomerSummary} writes exactly this from orders. `frequency` is a
 * non-negative integer; 0 ≤ `recency` ≤ `T`; `recency` is 0 when `frequency` is 0.
 * @category Lifetime value
 */
export interface PurchaseHistory {
  /** Repeat purchases: purchase days after the first one. */
  frequency: number;
  /** Time from the first to the last purchase. */
  recency: number;
  /** Time from the first purchase to the end of the observation. */
  T: number;
}

/**
 * What the Gamma-Gamma model reads of a customer: the number of repeat purchases and their mean
 * value.
 *
 * @remarks
 * `monetary` is the mean value of the repeat purchases (not of the first one), ≥ 0; it may be
 * `null` (or absent) when `frequency` is 0. {@link CustomerSummary} writes exactly this.
 * @category Lifetime value
 */
export interface SpendHistory {
  /** Repeat purchases: a non-negative integer. */
  frequency: number;
  /** Mean value of the repeat purchases; `null` for a customer without one. */
  monetary?: MoneyInput | null;
}
