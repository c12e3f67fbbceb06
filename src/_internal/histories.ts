import { KpiError } from '../core/KpiError.js';
import type { MoneyInput } from '../core/money.js';
import type { Decimal } from './decimal.js';
import { nonNegativeMoney } from './money.js';
import { show } from './show.js';
import { argumentObject, count, nonNegativeNumber } from './validate.js';

/**
 * Reading the per-customer summaries the lifetime-value models take (`{ frequency, recency, T }`
 * and `{ frequency, monetary }`), validated once at the boundary, and the fitting data built from
 * them: distinct summaries with their counts, in one fixed order, so that a fit depends neither on
 * the order of the customers nor on how they were grouped.
 * @internal
 * @module
 */

/** @internal A validated purchase history: frequency a non-negative integer, 0 ≤ recency ≤ T, recency 0 when frequency is. */
export interface Purchases {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
}

/** @internal Reads `{ frequency, recency, T }` at `path` (other fields are ignored). */
export function readPurchases(value: unknown, path: string): Purchases {
  const bag = argumentObject(value, path);
  const frequency = count(bag['frequency'], at(path, 'frequency'));
  const recency = nonNegativeNumber(bag['recency'], at(path, 'recency'));
  const T = nonNegativeNumber(bag['T'], at(path, 'T'));
  if (recency > T) throw new KpiError('INVALID_ARGUMENT', at(path, 'recency'), `expected recency ≤ T (the last purchase cannot come after the end of the observation), got recency ${recency} and T ${T}`);
  if (frequency === 0 && recency !== 0) {
    throw new KpiError('INVALID_ARGUMENT', at(path, 'recency'), `expected recency 0 for a customer with frequency 0 (no repeat purchase), got ${recency}`);
  }
  return { frequency, recency, T };
}

/**
 * @internal Reads `{ frequency, monetary }` at `path`: `monetary`, the mean value of the repeat
 * purchases, is required (≥ 0) when frequency > 0, and may be `null` or absent when it is 0.
 */
export function readSpend(value: unknown, path: string): { readonly frequency: number; readonly monetary: Decimal | null } {
  const bag = argumentObject(value, path);
  const frequency = count(bag['frequency'], at(path, 'frequency'));
  const raw = bag['monetary'];
  if (raw === null || raw === undefined) {
    if (frequency > 0) throw new KpiError('INVALID_MONEY', at(path, 'monetary'), `expected the mean value of the repeat purchases (a customer with frequency ${frequency}), got ${show(raw)}`);
    return { frequency, monetary: null };
  }
  return { frequency, monetary: nonNegativeMoney(raw as MoneyInput, at(path, 'monetary')) };
}

function at(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

/** @internal The customers argument of a fit: any iterable (an array, a generator), read once. */
export function customerList(customers: unknown): readonly unknown[] {
  if (Array.isArray(customers)) return customers;
  if (typeof customers === 'object' && customers !== null && typeof (customers as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function') {
    return [...(customers as Iterable<unknown>)];
  }
  throw new KpiError('INVALID_ARGUMENT', 'customers', `expected an array or iterable of customers, got ${show(customers)}`);
}

/**
 * @internal Distinct rows of numbers with their counts, sorted (by each column in turn) and grouped by
 * the first column (the frequency): what a log-likelihood sums over.
 */
export interface Rows {
  /** The distinct values of the first column, ascending. */
  readonly groups: Float64Array;
  /** Group g holds rows groupStart[g] to groupStart[g + 1] − 1. */
  readonly groupStart: Int32Array;
  /** Columns 2 and 3 of each row (the third is unused with two columns). */
  readonly second: Float64Array;
  readonly third: Float64Array;
  /** How many customers each row stands for. */
  readonly weight: Float64Array;
  /** All customers. */
  readonly total: number;
}

/** @internal The mean of the second (`'second'`) or third column over all customers, summed in the rows' fixed order (so it does not depend on the order of the customers). */
export function columnMean(rows: Rows, column: 'second' | 'third'): number {
  const values = rows[column];
  let sum = 0;
  for (let row = 0; row < values.length; row++) sum += rows.weight[row]! * values[row]!;
  return sum / rows.total;
}

/** @internal Sorts and counts rows `[frequency, second, third]`. */
export function distinctRows(rows: [number, number, number][]): Rows {
  rows.sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
  const groups: number[] = [];
  const groupStart: number[] = [];
  const second: number[] = [];
  const third: number[] = [];
  const weight: number[] = [];
  let previous: [number, number, number] | undefined;
  for (const row of rows) {
    if (previous !== undefined && row[0] === previous[0] && row[1] === previous[1] && row[2] === previous[2]) {
      weight[weight.length - 1]!++;
      continue;
    }
    if (previous === undefined || row[0] !== previous[0]) {
      groups.push(row[0]);
      groupStart.push(second.length);
    }
    second.push(row[1]);
    third.push(row[2]);
    weight.push(1);
    previous = row;
  }
  groupStart.push(second.length);
  return {
    groups: Float64Array.from(groups),
    groupStart: Int32Array.from(groupStart),
    second: Float64Array.from(second),
    third: Float64Array.from(third),
    weight: Float64Array.from(weight),
    total: rows.length,
  };
}
