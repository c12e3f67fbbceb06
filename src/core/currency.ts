import { KpiError } from './KpiError.js';
import { show } from '../_internal/show.js';

// ISO 4217 (list one, as amended to 2025): every active currency and fund code whose minor unit
// is not 2. Precious metals, SDR and testing codes (XAU, XDR, XTS, ...) have no minor unit and
// are not money here.
const NOT_TWO: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

const TWO =
  'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
  'GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR ' +
  'LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD ' +
  'PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC ' +
  'SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';

// Keyed by code; typed `unknown` so that any value can be looked up (a non-string finds nothing).
let table: Map<unknown, number> | undefined;

function minorUnits(): Map<unknown, number> {
  if (table === undefined) {
    table = new Map(Object.entries(NOT_TWO));
    for (const code of TWO.split(' ')) table.set(code, 2);
  }
  return table;
}

/**
 * The number of decimal places of a currency's minor unit, from ISO 4217.
 *
 * @remarks
 * Covers every active ISO 4217 currency and fund code that has a minor unit (USD 2, JPY 0,
 * BHD 3, CLF 4). Codes are upper-case three-letter strings. O(1).
 *
 * @param currency - An ISO 4217 code such as `'EUR'`.
 * @returns The number of decimals of the minor unit.
 * @throws {@link KpiError} `INVALID_CURRENCY` for an unknown code or one without a minor unit (`XAU`).
 * @example
 * ```ts
 * import { currencyMinorUnit } from 'xsell-kpi';
 * currencyMinorUnit('USD'); // => 2
 * currencyMinorUnit('JPY'); // => 0
 * currencyMinorUnit('BHD'); // => 3
 * ```
 * @category Money
 */
export function currencyMinorUnit(currency: string): number {
  const digits = minorUnits().get(currency);
  if (digits === undefined) {
    throw new KpiError('INVALID_CURRENCY', 'currency', `expected an ISO 4217 code with a minor unit, got ${show(currency)}`);
  }
  return digits;
}

/**
 * Tells whether a string is an active ISO 4217 code with a minor unit.
 *
 * @param value - Anything.
 * @returns `true` for codes such as `'USD'` or `'JPY'`; `false` for `'usd'`, `'XAU'` or `'ABC'`.
 * @example
 * ```ts
 * import { isCurrencyCode } from 'xsell-kpi';
 * isCurrencyCode('EUR'); // => true
 * isCurrencyCode('eur'); // => false
 * ```
 * @category Money
 */
export function isCurrencyCode(value: unknown): value is string {
  return minorUnits().has(value);
}
