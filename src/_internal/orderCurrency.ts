import { KpiError } from '../core/KpiError.js';
import { isCurrencyCode } from '../core/currency.js';
import { invalidState, stateCurrency } from './state.js';

/**
 * The one-currency rule of money KPIs: an order's currency is its own, else the accumulator's
 * `currency` option, else none (`null`); two different ones in one figure are MIXED_CURRENCY.
 * `undefined` means "no order seen yet".
 * @internal
 * @module
 */

/** @internal The currency an order (or a return) is counted in; throws when it differs from the one already seen. */
export function orderCurrency(event: { readonly orderId?: string | undefined; readonly returnId?: string; readonly currency: string | null }, fallback: string | null, seen: string | null | undefined): string | null {
  const currency = event.currency ?? fallback;
  if (seen !== undefined && seen !== currency) {
    const what = event.returnId === undefined ? `order ${JSON.stringify(event.orderId)}` : `return ${JSON.stringify(event.returnId)}`;
    throw new KpiError('MIXED_CURRENCY', 'currency', `${what} is in ${currency ?? 'no currency'}, earlier events in ${seen ?? 'no currency'}`);
  }
  return currency;
}

/** @internal The currency of two merged aggregates; throws when both have orders in different ones. */
export function mergedCurrency(a: string | null | undefined, b: string | null | undefined): string | null | undefined {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  throw new KpiError('MIXED_CURRENCY', 'currency', `cannot merge figures in ${a ?? 'no currency'} and ${b ?? 'no currency'}`);
}

/** @internal The serialized currency: `null` while no order has been seen. */
export function currencyToJSON(seen: string | null | undefined): string | null {
  return seen ?? null;
}

/** @internal Reads a serialized currency, given the number of orders behind it. */
export function currencyFromJSON(value: unknown, orders: number, path: string): string | null | undefined {
  const currency = stateCurrency(value, path, isCurrencyCode);
  if (orders === 0) {
    if (currency !== null) throw invalidState(path, 'expected null before any order');
    return undefined;
  }
  return currency;
}
