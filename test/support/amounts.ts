/**
 * Shared pieces for the properties of the exact money fast path (`src/_internal/amount.ts`):
 * the exact value of an {@link Amount} and of a JS number as a BigInt {@link big.BigDecimal},
 * the representation an amount must have, and arbitraries of exact values (2, 4, 6, 8 and 12
 * decimals, huge magnitudes, values around ±2⁵² micro-units) and of money inputs as a caller
 * writes them (strings in every plain form, numbers, decimal.js values).
 *
 * Nothing here calls the code under test: references are BigInt arithmetic, and a `Decimal` is
 * read only through its own `toFixed()`.
 */
import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { MoneyInput, Order, OrderLine } from 'xsell-kpi';
import type { Amount } from '../../src/_internal/amount.js';
import { Decimal } from '../../src/_internal/decimal.js';
import * as big from '../reference/bigDecimal.js';

/** 2⁵²: the largest magnitude of micro-units an amount keeps as a number. */
export const LIMIT = 2n ** 52n;

export const exact = (unscaled: bigint, scale: number): big.BigDecimal => ({ unscaled, scale });
export const ZERO = exact(0n, 0);
export const plain = (value: big.BigDecimal): string => big.toPlainString(value);
export const sum = (values: readonly big.BigDecimal[]): big.BigDecimal => values.reduce(big.add, ZERO);

/** The exact value of a finite number's shortest decimal string (`'0.1'`, `'1e+21'`, `'1e-7'`), by BigInt only. */
export function numberValue(value: number): big.BigDecimal {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (match === null) throw new Error(`not a finite number: ${String(value)}`);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let unscaled = BigInt(`${whole}${fraction}`);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return exact(sign === '-' ? -unscaled : unscaled, scale);
}

/** value × 10⁶ when it is an integer (at most six significant decimals), else `undefined`. */
export function microOf(value: big.BigDecimal): bigint | undefined {
  if (value.scale <= 6) return value.unscaled * 10n ** BigInt(6 - value.scale);
  const divisor = 10n ** BigInt(value.scale - 6);
  return value.unscaled % divisor === 0n ? value.unscaled / divisor : undefined;
}

/** Whether an amount of this value is kept as micro-units: at most six decimals and within ±2⁵² micro-units. */
export function fitsMicro(value: big.BigDecimal): boolean {
  const micro = microOf(value);
  return micro !== undefined && micro <= LIMIT && micro >= -LIMIT;
}

/** The amount of a value in the documented representation, built without `amount.ts`. */
export function canonicalAmount(value: big.BigDecimal): Amount {
  return fitsMicro(value) ? Number(microOf(value)) : new Decimal(plain(value));
}

/** The exact value an amount stands for: micro-units by BigInt, a `Decimal` through its own text. */
export function valueOf(amount: Amount): big.BigDecimal {
  if (typeof amount === 'number') {
    if (!Number.isSafeInteger(amount)) throw new Error(`micro-units must be a safe integer, got ${amount}`);
    return exact(BigInt(amount), 6);
  }
  return big.parse(amount.toFixed());
}

/** Asserts that an amount has exactly this value, in the documented representation. */
export function expectAmount(actual: Amount, expected: big.BigDecimal, label = 'amount'): void {
  if (typeof actual === 'number') {
    expect(Number.isInteger(actual) && Math.abs(actual) <= 2 ** 52, `${label}: micro-units ${actual} must be an integer within ±2^52`).toBe(true);
    expect(Object.is(actual, -0), `${label}: micro-units must not be -0`).toBe(false);
  } else {
    expect(Decimal.isDecimal(actual), `${label}: expected a number or a Decimal`).toBe(true);
  }
  expect(plain(valueOf(actual)), `${label}: value`).toBe(plain(expected));
  expect(typeof actual === 'number', `${label}: ${plain(expected)} is micro-units iff it has ≤ 6 decimals and fits ±2^52`).toBe(fitsMicro(expected));
}

// ---------------------------------------------------------------------------------------------
// Exact values
// ---------------------------------------------------------------------------------------------

export interface ValueOptions {
  /** The scales (decimals) to draw from. */
  scales: readonly number[];
  /** Whether values may be negative (default false). */
  negative?: boolean;
}

/**
 * Exact values: tiny to huge (10³⁰ units), and around ±2⁵² micro-units (±4 503 599 627.370496),
 * where micro-units overflow into a `Decimal`; at the given scales (with trailing zeros sometimes,
 * so a scale-8 value may well have 6 significant decimals).
 */
export function valueArb(options: ValueOptions): fc.Arbitrary<big.BigDecimal> {
  const scale = fc.constantFrom(...options.scales);
  const ordinary = fc
    .tuple(
      fc.oneof(
        fc.bigInt({ min: 0n, max: 10n ** 4n }),
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        fc.bigInt({ min: 0n, max: 10n ** 17n }),
        fc.bigInt({ min: 10n ** 20n, max: 10n ** 34n }),
      ),
      scale,
    )
    .map(([unscaled, s]) => exact(unscaled, s));
  // micro-units 2⁵² + delta, written at scale s (below six decimals: truncated; above: extra digits)
  const nearLimit = fc
    .tuple(fc.oneof(fc.bigInt({ min: -(10n ** 7n), max: 10n ** 7n }), fc.constantFrom(-1n, 0n, 1n)), scale, fc.bigInt({ min: 0n, max: 10n ** 12n }))
    .map(([delta, s, low]) => {
      const micro = LIMIT + delta;
      if (s >= 6) {
        const factor = 10n ** BigInt(s - 6);
        return exact(micro * factor + (low % factor), s);
      }
      return exact(micro / 10n ** BigInt(6 - s), s);
    });
  const magnitude = fc.oneof({ weight: 3, arbitrary: ordinary }, { weight: 2, arbitrary: nearLimit });
  if (options.negative !== true) return magnitude;
  return fc.tuple(magnitude, fc.boolean()).map(([value, negative]) => (negative ? exact(-value.unscaled, value.scale) : value));
}

/** An exact value and an amount of it: usually in the documented representation, sometimes a `Decimal` that would fit micro-units. */
export function amountArb(options: ValueOptions): fc.Arbitrary<{ value: big.BigDecimal; amount: Amount }> {
  return fc.tuple(valueArb(options), fc.integer({ min: 0, max: 7 })).map(([value, form]) => ({
    value,
    amount: form === 0 ? new Decimal(plain(value)) : canonicalAmount(value),
  }));
}

// ---------------------------------------------------------------------------------------------
// Money inputs and quantities as a caller writes them
// ---------------------------------------------------------------------------------------------

/** How a non-negative value is written as a plain decimal string. */
export interface Writing {
  plus: boolean;
  leadingZeros: number;
  trailingZeros: number;
  /** `'.5'` for 0.5, `'7.'` for 7. */
  bareDot: boolean;
}

export const writingArb: fc.Arbitrary<Writing> = fc.record({
  plus: fc.boolean(),
  leadingZeros: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }),
  trailingZeros: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) }),
  bareDot: fc.boolean(),
});

/** A non-negative value as a plain decimal string, written as told (the value is unchanged). */
export function write(value: big.BigDecimal, writing: Writing): string {
  if (value.unscaled < 0n) throw new Error('write takes non-negative values');
  const digits = value.unscaled.toString().padStart(value.scale + 1, '0');
  let whole = digits.slice(0, digits.length - value.scale);
  const fraction = `${digits.slice(digits.length - value.scale)}${'0'.repeat(writing.trailingZeros)}`;
  whole = `${'0'.repeat(writing.leadingZeros)}${whole}`;
  let text: string;
  if (fraction === '') text = writing.bareDot ? `${whole}.` : whole;
  else if (writing.bareDot && /^0+$/.test(whole)) text = `.${fraction}`;
  else text = `${whole}.${fraction}`;
  return writing.plus ? `+${text}` : text;
}

/** How a money input is given: a string, a number, the library's `Decimal` or the host's decimal.js. */
export type MoneyForm = 'string' | 'number' | 'decimal' | 'host-decimal';

export const moneyFormArb: fc.Arbitrary<MoneyForm> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('string' as const) },
  { weight: 2, arbitrary: fc.constant('number' as const) },
  { weight: 1, arbitrary: fc.constant('decimal' as const) },
  { weight: 1, arbitrary: fc.constant('host-decimal' as const) },
);

/** A money input of a non-negative value in a form (a number only within a double's range), and the exact value it stands for (a number: its shortest decimal string). */
export function moneyInput(value: big.BigDecimal, form: MoneyForm, writing: Writing): { input: MoneyInput; value: big.BigDecimal } {
  if (form === 'number') {
    const number = Number(plain(value));
    // beyond a double's range the number form does not exist: write it as a string
    if (Number.isFinite(number)) return { input: number, value: numberValue(number) };
  }
  if (form === 'decimal') return { input: new Decimal(write(value, writing)), value };
  if (form === 'host-decimal') return { input: new DecimalJs(write(value, writing)), value };
  return { input: write(value, writing), value };
}

/** Unit prices (≥ 0): 2 and 4 decimals mostly, whole, 6 and 8 decimals, huge, around 2⁵² micro-units, zero. */
export const priceValueArb: fc.Arbitrary<big.BigDecimal> = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 6n }).map((u) => exact(u, 2)) },
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 8n }).map((u) => exact(u, 4)) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 1000n }).map((u) => exact(u, 0)) },
  { weight: 1, arbitrary: fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.constantFrom(6, 8)).map(([u, s]) => exact(u, s)) },
  { weight: 1, arbitrary: fc.tuple(fc.bigInt({ min: 10n ** 15n, max: 10n ** 22n }), fc.constantFrom(2, 4)).map(([u, s]) => exact(u, s)) },
  { weight: 1, arbitrary: fc.constantFrom('123456789012345678.1234', '4503599627.370496', '4503599627.370497', '4503599626.999999', '2251799813.685248', '0', '0.0001').map(big.parse) },
  { weight: 1, arbitrary: valueArb({ scales: [0, 2, 4, 6] }) },
);

/** Positive finite quantities: whole, fractional, tiny (1e-7), huge (1e21, 2⁵³+), any double in between. */
export const quantityValueArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(1.5, 0.25, 0.1, 0.001, 1e-7, 2.5e-5, 1e21, 1e22, 2 ** 53, 2 ** 53 + 2, 2 ** 60, 123456.789, 0.30000000000000004) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 8 })).map(([k, d]) => k / 10 ** d) },
  { weight: 1, arbitrary: fc.double({ min: 1e-9, max: 1e22, noNaN: true, noDefaultInfinity: true }).filter((q) => q > 0) },
);

// ---------------------------------------------------------------------------------------------
// Order lines and orders, with the exact value of every amount
// ---------------------------------------------------------------------------------------------

/** A raw order line and the exact values it stands for. */
export interface LineCase {
  line: OrderLine;
  /** The unit price. */
  unitPrice: big.BigDecimal;
  /** quantity (1 when absent) × unitPrice. */
  gross: big.BigDecimal;
  /** 0 when absent. */
  discount: big.BigDecimal;
  /** gross − discount. */
  revenue: big.BigDecimal;
  /** The quantity (1 when absent). */
  quantity: big.BigDecimal;
}

/** Zero written every way a caller may: `'-0'`, `'0.000'`, `-0`, a `Decimal` of −0. */
export const zeroInputArb: fc.Arbitrary<MoneyInput> = fc.constantFrom<MoneyInput>('0', '-0', '+0', '0.000', '-0.00', '.0', '0.', 0, -0, new Decimal('-0'), new DecimalJs('-0'), new DecimalJs('0.00'));

/** SKUs and categories: short pools (so texts repeat), numbers, any UTF-16 text (control characters and lone surrogates included). */
const textArb = fc.oneof(fc.constantFrom('A', 'B', '42', '__proto__', 'x\u0001y', 'x\u0004'), fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }));
const skuArb = fc.oneof(textArb, fc.integer({ min: -5, max: 100 }).map((n) => n as unknown as string), fc.constantFrom(1.5, 1e21).map((n) => n as unknown as string));
const categoryArb = fc.oneof(fc.constant(undefined), fc.constant(''), textArb);
const sourceArb = fc.constantFrom(undefined, 'organic' as const, 'cross-sell' as const, 'upsell' as const);

export interface LineOptions {
  /** The prices to draw from (default {@link priceValueArb}). */
  prices?: fc.Arbitrary<big.BigDecimal>;
  /** The quantities to draw from (default {@link quantityValueArb}). */
  quantities?: fc.Arbitrary<number>;
  /** Which sources lines may have (default: absent or any). */
  sources?: fc.Arbitrary<'organic' | 'cross-sell' | 'upsell' | undefined>;
}

/**
 * A valid line: a unit price in any form, a quantity (sometimes absent), and a discount (sometimes
 * absent) of at most the gross: a share of it, all of it, or zero written as `'-0'` and such. A
 * discount given as a number is read through its shortest string, which may exceed the gross:
 * such a discount is dropped.
 */
export function lineCaseArb(options: LineOptions = {}): fc.Arbitrary<LineCase> {
  return fc
    .record({
      sku: skuArb,
      category: categoryArb,
      source: options.sources ?? sourceArb,
      quantity: fc.option(options.quantities ?? quantityValueArb, { nil: undefined, freq: 4 }),
      price: fc.oneof({ weight: 12, arbitrary: fc.tuple(options.prices ?? priceValueArb, moneyFormArb, writingArb) }, { weight: 1, arbitrary: zeroInputArb }),
      discount: fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 12 }), moneyFormArb, writingArb) },
        { weight: 1, arbitrary: fc.tuple(fc.constant(1000), fc.constant(Infinity), moneyFormArb, writingArb) },
        { weight: 1, arbitrary: zeroInputArb },
      ),
    })
    .map(({ sku, category, source, quantity, price, discount }) => {
      const line: Record<string, unknown> = { sku };
      if (category !== undefined) line['category'] = category;
      if (quantity !== undefined) line['quantity'] = quantity;
      if (source !== undefined) line['source'] = source;
      const unitPrice = Array.isArray(price) ? moneyInput(price[0], price[1], price[2]) : { input: price, value: ZERO };
      line['unitPrice'] = unitPrice.input;
      const quantityValue = quantity === undefined ? exact(1n, 0) : numberValue(quantity);
      const gross = big.multiply(quantityValue, unitPrice.value);
      let discountValue = ZERO;
      if (Array.isArray(discount)) {
        // share/1000 of the gross, truncated to `decimals` decimals (never above the gross)
        const [share, decimals, form, writing] = discount;
        const places = Math.min(gross.scale, decimals);
        const shareOf = big.multiply(gross, exact(BigInt(share), 3));
        const truncated = exact(shareOf.unscaled / 10n ** BigInt(shareOf.scale - places), places);
        const given = moneyInput(truncated, form, writing);
        if (big.compare(given.value, gross) <= 0) {
          line['discount'] = given.input;
          discountValue = given.value;
        }
      } else if (discount !== undefined) {
        line['discount'] = discount;
      }
      return { line: line as unknown as OrderLine, unitPrice: unitPrice.value, gross, discount: discountValue, revenue: big.subtract(gross, discountValue), quantity: quantityValue };
    });
}

/** A raw order and the exact revenue of each line and of the whole. */
export interface OrderCase {
  order: Order;
  lines: LineCase[];
  revenue: big.BigDecimal;
}

export interface OrderOptions extends LineOptions {
  /** Whether orders carry a currency (default: sometimes USD or EUR). */
  currency?: boolean;
  maxLines?: number;
}

const CUSTOMERS: readonly (string | number)[] = ['ann', 'bob', 'cy', '7', 7, '__proto__', 'x\u0001'];

/** A valid order (its `orderId` from a small pool; give it a unique one for a stream). */
export function orderCaseArb(options: OrderOptions = {}): fc.Arbitrary<OrderCase> {
  const optionalText = fc.option(fc.oneof(fc.constantFrom('web', 'b2b', '', '__proto__'), fc.string({ unit: 'binary', maxLength: 4 })), { nil: undefined });
  return fc
    .record({
      orderId: fc.constantFrom('o1', 'o2', '__proto__'),
      customerId: fc.constantFrom(...CUSTOMERS),
      timestamp: fc.oneof(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.integer({ min: 1e11, max: 1e13 }),
        fc.constantFrom(1e11, 1e13, '2026-11-30T10:00:00Z', '2026-03-29T01:30:00.123+02:00', '1969-12-31T23:59:59.999Z'),
        fc.integer({ min: -8.64e15, max: 8.64e15 }).map((ms) => new Date(ms)),
        fc.constantFrom(0, -1, 8.64e15, -8.64e15).map((ms) => new Date(ms)),
      ),
      currency: options.currency === false ? fc.constant(undefined) : fc.constantFrom(undefined, 'USD', 'EUR'),
      channel: optionalText,
      segment: optionalText,
      dimensions: fc.option(
        fc.uniqueArray(fc.tuple(fc.oneof(fc.constantFrom('region', '__proto__', 'toString', ''), fc.string({ maxLength: 3 })), fc.string({ maxLength: 4 })), { selector: ([key]) => key, maxLength: 4 }),
        { nil: undefined },
      ),
      lines: fc.array(lineCaseArb(options), { minLength: 1, maxLength: options.maxLines ?? 4 }),
    })
    .map(({ dimensions, lines, ...fields }) => {
      const order: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields)) if (value !== undefined) order[key] = value;
      if (dimensions !== undefined) {
        const record: Record<string, unknown> = {};
        // "__proto__" as an own, ordinary key
        for (const [key, value] of dimensions) Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
        order['dimensions'] = record;
      }
      order['lines'] = lines.map(({ line }) => line);
      return { order: order as unknown as Order, lines, revenue: sum(lines.map(({ revenue }) => revenue)) };
    });
}
