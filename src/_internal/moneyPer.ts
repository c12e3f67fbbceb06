import { divide, type Decimal } from './decimal.js';
import { toMoney, type MoneyInput } from '../core/money.js';
import { nonNegativeMoney } from './money.js';
import { argumentObject, count } from './validate.js';

/**
 * @internal The common money average: a non-negative amount (any amount, `signed`) over a count, `null` when the count is 0.
 */
export function moneyPer(args: unknown, amountName: string, countName: string, signed = false): Decimal | null {
  const bag = argumentObject(args);
  const amount = signed ? toMoney(bag[amountName] as MoneyInput, amountName) : nonNegativeMoney(bag[amountName], amountName);
  const divisor = count(bag[countName], countName);
  return divisor === 0 ? null : divide(amount, divisor);
}
