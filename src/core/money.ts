// The named type export works in every module resolution mode (see src/core/decimal.ts).
import type { Decimal as DecimalJs } from 'decimal.js';
import { Decimal as PrivateDecimal } from '../_internal/decimal.js';
import type { Decimal } from './decimal.js';
import { KpiError } from './KpiError.js';
import { currencyMinorUnit } from './currency.js';
import { show } from '../_internal/show.js';

/**
 * An amount of money as the caller has it.
 *
 * @remarks
 * A `string` is a plain decimal (`'19.99'`, `'-3'`, `'0.0001'`; no exponent, spaces or hex). A
 * `number` is read through its shortest round-trip decimal string, so `19.99` means exactly 19.99.
 * A `Decimal` may come from xsell-kpi or from the host's own copy of decimal.js.
 *
 * @category Money
 */
export type MoneyInput = string | number | Decimal;

const PLAIN_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/**
 * Turns any {@link MoneyInput} into an exact `Decimal`: the one money normaliser of the library.
 *
 * @remarks
 * Numbers are read through their shortest decimal string (`0.1 + 0.2` is read as
 * `0.30000000000000004`, the float it is). Negative amounts are accepted here; each KPI says
 * where they are not. O(digits).
 *
 * @param value - A decimal string, a finite number, or a `Decimal` (from any copy of decimal.js).
 * @param path - Where the value came from, for the error.
 * @returns The exact amount.
 * @throws {@link KpiError} `INVALID_NUMBER` for `NaN` or ±`Infinity`; `INVALID_MONEY` for anything else that is not a plain decimal.
 * @example
 * ```ts
 * import { toMoney } from 'xsell-kpi';
 * toMoney('19.99').plus(toMoney(0.01)).toString(); // => '20'
 * toMoney(0.1).plus(0.2).toString(); // => '0.3'
 * ```
 * @category Money
 */
export function toMoney(value: MoneyInput, path = ''): Decimal {
  if (typeof value === 'string') {
    if (!PLAIN_DECIMAL.test(value)) {
      throw new KpiError('INVALID_MONEY', path, `expected a plain decimal string such as "19.99", got ${show(value)}`);
    }
    return new PrivateDecimal(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new KpiError('INVALID_NUMBER', path, `expected a finite amount, got ${value}`);
    return new PrivateDecimal(value);
  }
  if (PrivateDecimal.isDecimal(value)) {
    if (!value.isFinite()) throw new KpiError('INVALID_NUMBER', path, `expected a finite amount, got ${value.toString()}`);
    // Through the string, so a host's copy of decimal.js of any version is read by value.
    return new PrivateDecimal(value.toString());
  }
  throw new KpiError('INVALID_MONEY', path, `expected a decimal string, number or Decimal, got ${value === null ? 'null' : typeof value}`);
}

/**
 * How {@link roundMoney} breaks ties and drops digits.
 *
 * @remarks
 * `'half-even'` (banker's rounding, the default) rounds ties to the even neighbour; `'half-up'` and
 * `'half-down'` round ties away from and towards zero; `'up'` and `'down'` round away from and
 * towards zero; `'ceil'` and `'floor'` towards +∞ and −∞.
 *
 * @category Money
 */
export type RoundingMode = 'half-even' | 'half-up' | 'half-down' | 'up' | 'down' | 'ceil' | 'floor';

const ROUNDING: Readonly<Record<RoundingMode, DecimalJs.Rounding>> = {
  up: 0,
  down: 1,
  ceil: 2,
  floor: 3,
  'half-up': 4,
  'half-down': 5,
  'half-even': 6,
};

/**
 * Rounds an amount to a currency's minor unit (ISO 4217), half-even unless told otherwise.
 *
 * @remarks
 * The only place xsell-kpi rounds money: results stay exact until you call this.
 * O(digits).
 *
 * @param value - The amount.
 * @param currency - An ISO 4217 code: USD rounds to 2 decimals, JPY to 0, BHD to 3.
 * @param mode - A {@link RoundingMode}; `'half-even'` by default.
 * @returns The rounded amount.
 * @throws {@link KpiError} `INVALID_MONEY`/`INVALID_NUMBER` for a bad amount, `INVALID_CURRENCY` for an unknown code, `INVALID_OPTION` for an unknown mode.
 * @example
 * ```ts
 * import { roundMoney } from 'xsell-kpi';
 * roundMoney('2.345', 'USD').toString(); // => '2.34'
 * roundMoney('2.355', 'USD').toString(); // => '2.36'
 * roundMoney('2.345', 'USD', 'half-up').toString(); // => '2.35'
 * roundMoney('1234.5', 'JPY').toString(); // => '1234'
 * ```
 * @category Money
 */
export function roundMoney(value: MoneyInput, currency: string, mode: RoundingMode = 'half-even'): Decimal {
  const amount = toMoney(value, 'value');
  const digits = currencyMinorUnit(currency);
  const rounding = Object.hasOwn(ROUNDING, mode) ? ROUNDING[mode] : undefined;
  if (rounding === undefined) throw new KpiError('INVALID_OPTION', 'mode', `expected a rounding mode such as 'half-even', got ${show(mode)}`);
  return amount.toDecimalPlaces(digits, rounding);
}
