// `divide` (src/_internal/decimal.ts): quotients to 34 significant digits, half-even, and its two
// fast paths, which skip decimal.js's division (averages and shares divide on every result): a
// zero dividend gives the unsigned zero, a divisor of 1 gives a dividend of at most 34 digits
// itself. The reference is decimal.js at full precision, rounded once.
import DecimalJs from 'decimal.js';
import fc from 'fast-check';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Decimal, ZERO, divide } from '../../src/_internal/decimal.js';

/** decimal.js with room for every value below: the reference, never the code under test. */
const Exact = DecimalJs.clone({ precision: 200 });
/** `value` rounded to 34 significant digits, half-even (decimal128), as a plain string. */
const rounded34 = (value: DecimalJs): string => value.toSignificantDigits(34, DecimalJs.ROUND_HALF_EVEN).toFixed();

/** A decimal string of 1 to 45 significant digits, signed, with up to 12 decimals. */
const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[1-9]\d{0,44}$/), fc.integer({ min: 0, max: 12 }))
  .map(([negative, digits, scale]) => {
    const padded = digits.padStart(scale + 1, '0');
    const text = scale === 0 ? padded : `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
    return negative ? `-${text}` : text;
  });

/** Every division decimal.js does (the private constructor and the 34-digit one share its prototype). */
const spyDivisions = () => vi.spyOn(DecimalJs.prototype, 'div');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('divide', () => {
  test('a quotient has 34 significant digits, rounded half-even, and is an instance of the private constructor', () => {
    fc.assert(
      fc.property(decimalText, fc.oneof(decimalText, fc.integer({ min: -1000, max: 1000 }).filter((n) => n !== 0)), (dividend, divisor) => {
        const quotient = divide(new Decimal(dividend), typeof divisor === 'number' ? divisor : new Decimal(divisor));
        expect(quotient).toBeInstanceOf(Decimal);
        expect(quotient.toFixed()).toBe(rounded34(new Exact(dividend).div(divisor)));
      }),
    );
    expect(divide(new Decimal(2), 3).toFixed()).toBe('0.6666666666666666666666666666666667');
  });

  test('dividing by 1 rounds a dividend of more than 34 digits, and returns a shorter one itself without dividing', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        const dividend = new Decimal(text);
        const divisions = spyDivisions();
        const quotient = divide(dividend, 1);
        const fits = dividend.precision() <= 34;
        expect(divisions).toHaveBeenCalledTimes(fits ? 0 : 1);
        divisions.mockRestore();
        if (fits) expect(quotient).toBe(dividend);
        expect(quotient.toFixed()).toBe(rounded34(new Exact(text)));
      }),
    );
  });

  test('34 digits exactly is the last length returned as it is; 35 is rounded', () => {
    const digits34 = new Decimal('-1234567890123456789012345678901.234');
    const divisions = spyDivisions();
    expect(divide(digits34, 1)).toBe(digits34);
    expect(divisions).not.toHaveBeenCalled();
    expect(divide(new Decimal('1234567890123456789012345678901.2345'), 1).toFixed()).toBe('1234567890123456789012345678901.234');
    expect(divide(new Decimal('1234567890123456789012345678901.2355'), 1).toFixed()).toBe('1234567890123456789012345678901.236');
    expect(divisions).toHaveBeenCalledTimes(2);
    // A divisor of 1 as a Decimal is not the fast path (it is a number 1 there), and gives the same value.
    expect(divide(digits34, new Decimal(1)).toFixed()).toBe(digits34.toFixed());
    expect(divisions).toHaveBeenCalledTimes(3);
  });

  test('a zero dividend gives the unsigned zero without dividing, whatever the sign of either side', () => {
    fc.assert(
      fc.property(fc.constantFrom('0', '-0', '0.000'), fc.oneof(decimalText.map((text) => new Decimal(text)), fc.integer().filter((n) => n !== 0)), (zero, divisor) => {
        const divisions = spyDivisions();
        const quotient = divide(new Decimal(zero), divisor);
        expect(divisions).not.toHaveBeenCalled();
        divisions.mockRestore();
        expect(quotient).toBe(ZERO);
        // decimal.js itself gives -0 for 0 ÷ −2 or −0 ÷ 2, which JSON and valueOf write as "-0".
        expect(JSON.stringify(quotient)).toBe('"0"');
      }),
    );
    expect(new DecimalJs(0).div(-2).valueOf()).toBe('-0');
  });

  test('zero divided by zero is NaN, the divisor a number or a Decimal', () => {
    expect(divide(ZERO, 0).isNaN()).toBe(true);
    expect(divide(ZERO, new Decimal(0)).isNaN()).toBe(true);
    expect(divide(new Decimal('-0'), new Decimal('-0')).isNaN()).toBe(true);
    expect(divide(new Decimal(5), 0).toFixed()).toBe('Infinity');
  });
});
