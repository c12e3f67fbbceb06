import type { Decimal } from './decimal.js';
import { KpiError } from '../core/KpiError.js';
import { toMoney, type MoneyInput } from '../core/money.js';

/** @internal {@link toMoney}, then a check that the amount is not negative. */
export function nonNegativeMoney(value: unknown, path: string): Decimal {
  const amount = toMoney(value as MoneyInput, path);
  if (amount.isNegative() && !amount.isZero()) {
    throw new KpiError('INVALID_MONEY', path, `expected an amount ≥ 0, got ${amount.toString()}`);
  }
  return amount;
}
