import type { Decimal } from './decimal.js';
import { KpiError } from './KpiError.js';
import { currencyMinorUnit } from './currency.js';
import { type MoneyInput, type RoundingMode, roundMoney, toMoney } from './money.js';

/** What {@link formatPercent} and {@link formatMoney} print for a value that is not defined (`null`). */
const UNDEFINED_VALUE = '—';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${String(locale)}|${Object.entries(options).map(([name, value]) => `${name}=${String(value)}`).join(',')}`;
  let cached = formatters.get(key);
  if (cached === undefined) {
    try {
      cached = new Intl.NumberFormat(locale, options);
    } catch (error) {
      throw new KpiError('INVALID_OPTION', 'options', `Intl.NumberFormat refused ${key}: ${(error as Error).message}`);
    }
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * Options of {@link formatPercent}.
 * @category Formatting
 */
export interface FormatPercentOptions {
  /** A BCP 47 locale; `'en-US'` by default. */
  locale?: string;
  /** At most this many digits after the decimal point of the percent; 1 by default. */
  maximumFractionDigits?: number;
}

/**
 * Formats a fraction as a percent for people: `0.2` → `"20%"`, `null` → `"—"`.
 *
 * @remarks
 * Rates in xsell-kpi are fractions in [0, 1]; percent is only ever formatting. Uses
 * `Intl.NumberFormat` with `style: 'percent'`.
 *
 * @param value - A fraction, or `null` for "not defined".
 * @param options - `locale` (`'en-US'`) and `maximumFractionDigits` (1).
 * @returns The formatted percent, or `"—"` for `null`.
 * @throws {@link KpiError} `INVALID_NUMBER` for `NaN` or ±`Infinity`; `INVALID_OPTION` for an unknown locale.
 * @example
 * ```ts
 * import { formatPercent } from 'xsell-kpi';
 * formatPercent(0.2); // => '20%'
 * formatPercent(0.12345); // => '12.3%'
 * formatPercent(0.2567, { locale: 'de-DE' }); // => '25,7\u00a0%'
 * formatPercent(null); // => '—'
 * ```
 * @category Formatting
 */
export function formatPercent(value: number | null, options: FormatPercentOptions = {}): string {
  if (value === null) return UNDEFINED_VALUE;
  // Number.isFinite is false for anything but a finite number, whatever a JavaScript caller passes.
  if (!Number.isFinite(value)) {
    throw new KpiError('INVALID_NUMBER', 'value', `expected a finite number or null, got ${String(value)}`);
  }
  const { locale = 'en-US', maximumFractionDigits = 1 } = options;
  return formatter(locale, { style: 'percent', maximumFractionDigits }).format(value);
}

/**
 * Options of {@link formatMoney}.
 * @category Formatting
 */
export interface FormatMoneyOptions {
  /** A BCP 47 locale; `'en-US'` by default. */
  locale?: string;
  /** How to round to the currency's minor unit; `'half-even'` by default. */
  mode?: RoundingMode;
}

/**
 * Formats an amount of money for people, rounded to the currency's minor unit without ever going through a float.
 *
 * @remarks
 * Rounds with {@link roundMoney} (half-even by default), then formats the exact decimal string
 * with `Intl.NumberFormat` (`style: 'currency'`). With `currency` `null` the amount is printed
 * as a plain number with its own decimals (at most 20). `null` amounts print `"—"`.
 *
 * @param value - The amount, or `null` for "not defined".
 * @param currency - An ISO 4217 code, or `null` when the amount carries none.
 * @param options - `locale` (`'en-US'`) and rounding `mode` (`'half-even'`).
 * @returns The formatted amount.
 * @throws {@link KpiError} `INVALID_MONEY`, `INVALID_NUMBER`, `INVALID_CURRENCY`, `INVALID_OPTION`.
 * @example
 * ```ts
 * import { formatMoney } from 'xsell-kpi';
 * formatMoney('1234.565', 'USD'); // => '$1,234.56'
 * formatMoney('1234.5', 'JPY'); // => '¥1,234'
 * formatMoney('1234.5', 'EUR', { locale: 'de-DE' }); // => '1.234,50\u00a0€'
 * formatMoney('0.125', null); // => '0.125'
 * formatMoney(null, 'USD'); // => '—'
 * ```
 * @category Formatting
 */
export function formatMoney(value: MoneyInput | null, currency: string | null, options: FormatMoneyOptions = {}): string {
  if (value === null) return UNDEFINED_VALUE;
  const { locale = 'en-US', mode = 'half-even' } = options;
  if (currency === null) {
    const amount = toMoney(value, 'value');
    const digits = Math.min(20, amount.decimalPlaces());
    return formatter(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, roundingMode: 'halfEven' }).format(plain(amount));
  }
  const digits = currencyMinorUnit(currency);
  const rounded = roundMoney(value, currency, mode);
  return formatter(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(plain(rounded));
}

/** The decimal string of an amount, without a sign on zero. */
function plain(amount: Decimal): `${number}` {
  return (amount.isZero() ? '0' : amount.toFixed()) as `${number}`;
}
