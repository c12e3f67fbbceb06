import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  MoneySum,
  SquareSum,
  amountFromNumber,
  amountText,
  compare,
  fromDecimal,
  isZero,
  minus,
  parseMicro,
  plus,
  times,
  toDecimal,
  type Amount,
} from '../../src/_internal/amount.js';
import { Decimal } from '../../src/_internal/decimal.js';
import * as big from '../reference/bigDecimal.js';
import { LIMIT, ZERO, amountArb, canonicalAmount, exact, expectAmount, microOf, numberValue, plain, quantityValueArb, sum, valueArb, valueOf } from '../support/amounts.js';

/**
 * The exact fast money path (integer micro-units, promoted to a Decimal past ±2⁵² or six
 * decimals) checked against the BigInt reference: every result has exactly the reference value,
 * in the documented representation.
 */

const DIGITS = '0123456789'.split('');
const digitsArb = (maxLength: number): fc.Arbitrary<string> => fc.array(fc.constantFrom(...DIGITS), { maxLength }).map((digits) => digits.join(''));

/** ⌊2⁵² / 10⁶⌋ = 4 503 599 627: whole parts below it always fit, with any six decimals. */
const FITTING_WHOLE = LIMIT / 1_000_000n;

/** Plain decimal strings: optional '+', 0–20 integer digits, optional '.', 0–12 fraction digits; leading and trailing zeros; whole parts around ⌊2⁵²/10⁶⌋. */
const plainTextArb: fc.Arbitrary<string> = fc
  .record({
    sign: fc.constantFrom('', '+'),
    leadingZeros: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('0', '00', '0000000') }),
    whole: fc.oneof(
      { weight: 3, arbitrary: digitsArb(20) },
      { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 10n }).map(String) },
      { weight: 2, arbitrary: fc.bigInt({ min: FITTING_WHOLE - 3n, max: FITTING_WHOLE + 3n }).map(String) },
      { weight: 1, arbitrary: fc.constant('') },
    ),
    dot: fc.boolean(),
    fraction: fc.oneof(digitsArb(12), fc.tuple(digitsArb(6), fc.integer({ min: 1, max: 6 })).map(([digits, zeros]) => `${digits}${'0'.repeat(zeros)}`)),
  })
  .map(({ sign, leadingZeros, whole, dot, fraction }) => `${sign}${leadingZeros}${whole}${dot ? `.${fraction}` : ''}`)
  .filter((text) => text.replace(/^\+/, '').length <= 33);

/** The documented contract of parseMicro on a string made of an optional '+', digits and at most one '.'. */
function checkPlain(text: string): void {
  const result = parseMicro(text);
  if (!/\d/.test(text)) {
    expect(result, `${JSON.stringify(text)} has no digit`).toBeUndefined();
    return;
  }
  const value = big.parse(text);
  const micro = microOf(value);
  if (result !== undefined) {
    // defined ⇒ exactly value × 10⁶, which is an integer within 2⁵²
    expect(micro, `${text} has more than six significant decimals, got ${result}`).toBeDefined();
    expect(Number.isSafeInteger(result) && result >= 0 && result <= 2 ** 52, `${text} → ${result}`).toBe(true);
    expect(Object.is(result, -0)).toBe(false);
    expect(BigInt(result)).toBe(micro);
  }
  // ≤ 6 significant decimals and a whole part below ⌊2⁵²/10⁶⌋ ⇒ defined
  if (micro !== undefined && micro / 1_000_000n < FITTING_WHOLE) expect(result, `${text} fits micro-units`).toBe(Number(micro));
}

describe('parseMicro reads plain decimal strings as exact micro-units', () => {
  test('defined ⇔ at most six significant decimals and fits; then exactly the BigInt value × 10⁶', () => {
    fc.assert(fc.property(plainTextArb, checkPlain));
  });

  test('the boundaries: six decimals, a seventh, the largest whole part, the first one past it', () => {
    const cases: [string, number | undefined][] = [
      ['0', 0],
      ['+0', 0],
      ['0.000000', 0],
      ['.5', 500_000],
      ['7.', 7_000_000],
      ['+3', 3_000_000],
      ['19.900', 19_900_000],
      ['0.000001', 1],
      ['0.0000010000', 1],
      ['0.0000001', undefined],
      ['1.0000005', undefined],
      ['4503599626.999999', 4_503_599_626_999_999],
      ['0004503599626.999999000', 4_503_599_626_999_999],
      ['99999999999999999999.5', undefined],
      ['123456789012345678.1234', undefined],
    ];
    for (const [text, micro] of cases) {
      expect(parseMicro(text), `${text}`).toBe(micro);
      checkPlain(text);
    }
  });

  test('anything that is not a plain decimal (with an optional +) is undefined', () => {
    for (const text of ['-1', '-0', '1e3', '1E3', ' 1', '1 ', '', '.', '+', '+.', '1.2.3', '١', '０', '1,5', '0x10', '+-1', '++1', '1_000', 'NaN', 'Infinity', '\u00001']) {
      expect(parseMicro(text), `${JSON.stringify(text)}`).toBeUndefined();
    }
    const alphabet = ['0', '1', '5', '9', '.', '+', '-', 'e', 'E', ' ', '١', '０', '\u0000', ',', '/', ':'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((chars) => chars.join('')), (text) => {
        if (/^\+?(?:\d+\.?\d*|\.\d+)$/.test(text)) checkPlain(text);
        else expect(parseMicro(text), `${JSON.stringify(text)}`).toBeUndefined();
      }),
    );
  });
});

describe('amountFromNumber reads a number through its shortest decimal string', () => {
  test('any finite number, exactly, in the documented representation', () => {
    const numberArb = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.tuple(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 0, max: 9 })).map(([k, d]) => k / 10 ** d),
      fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }).map(Number),
      fc.constantFrom(0, -0, 0.1, 19.99, 1e-7, 1e21, 4503599626, 4503599627, 4503599627.370496, -4503599627, 5e-324, Number.MAX_VALUE),
    );
    fc.assert(
      fc.property(numberArb, (number) => {
        expectAmount(amountFromNumber(number), numberValue(number), String(number));
      }),
    );
  });
});

const microNumberArb: fc.Arbitrary<number> = fc.oneof(
  fc.bigInt({ min: -LIMIT, max: LIMIT }).map(Number),
  fc.integer({ min: -2_000_000, max: 2_000_000 }),
  fc.tuple(fc.integer({ min: -4_503_599, max: 4_503_599 }), fc.integer({ min: 0, max: 9 })).map(([k, j]) => k * 10 ** j || 0),
  fc.bigInt({ min: LIMIT - 1_000_000n, max: LIMIT }).chain((n) => fc.constantFrom(Number(n), -Number(n))),
);

describe('amountText, toDecimal and fromDecimal', () => {
  test('micro-units over the whole ±2⁵² range: amountText is toDecimal().toFixed() and the BigInt text; fromDecimal round-trips', () => {
    fc.assert(
      fc.property(microNumberArb, (micro) => {
        const expected = plain(exact(BigInt(micro), 6));
        expect(amountText(micro)).toBe(expected);
        expect(toDecimal(micro).toFixed()).toBe(expected);
        expect(fromDecimal(toDecimal(micro))).toBe(micro);
      }),
    );
  });

  test('Decimals with 0–12 decimals and huge magnitudes: the BigInt text, and fromDecimal gives the documented representation', () => {
    fc.assert(
      fc.property(valueArb({ scales: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], negative: true }), (value) => {
        const decimal = new Decimal(plain(value));
        expect(amountText(decimal)).toBe(plain(value));
        const amount = fromDecimal(decimal);
        expectAmount(amount, value);
        expect(amountText(amount)).toBe(plain(value));
        expect(toDecimal(amount).toFixed()).toBe(plain(value));
        expect(fromDecimal(toDecimal(amount))).toStrictEqual(amount);
      }),
    );
    expect(fromDecimal(new Decimal('-0'))).toBe(0);
    expect(fromDecimal(new Decimal('4503599627.370496'))).toBe(2 ** 52);
    expect(fromDecimal(new Decimal('4503599627.370497'))).toBeInstanceOf(Decimal);
    expect(fromDecimal(new Decimal('0.0000001'))).toBeInstanceOf(Decimal);
  });
});

const mixedAmountArb = amountArb({ scales: [0, 2, 4, 6, 8], negative: true });

describe('plus, minus, times, compare and isZero equal the BigInt reference', () => {
  test('plus and minus, mixing micro-units and Decimals, across ±2⁵²', () => {
    fc.assert(
      fc.property(mixedAmountArb, mixedAmountArb, (a, b) => {
        expectAmount(plus(a.amount, b.amount), big.add(a.value, b.value), 'a + b');
        expectAmount(minus(a.amount, b.amount), big.subtract(a.value, b.value), 'a − b');
        expectAmount(minus(a.amount, a.amount), ZERO, 'a − a');
      }),
    );
  });

  test('times a whole or fractional quantity', () => {
    const quantityArb = fc.oneof(quantityValueArb, fc.integer({ min: 1, max: 3 }), fc.constantFrom(2 ** 20, 2 ** 32 + 1, 1_000_003));
    fc.assert(
      fc.property(mixedAmountArb, quantityArb, (a, quantity) => {
        expectAmount(times(a.amount, quantity), big.multiply(a.value, numberValue(quantity)), `a × ${quantity}`);
      }),
    );
  });

  test('compare has the sign of the BigInt comparison; isZero is value zero', () => {
    fc.assert(
      fc.property(mixedAmountArb, mixedAmountArb, (a, b) => {
        expect(Math.sign(compare(a.amount, b.amount))).toBe(big.compare(a.value, b.value));
        expect(Math.sign(compare(a.amount, a.amount))).toBe(0);
        expect(isZero(a.amount)).toBe(a.value.unscaled === 0n);
      }),
    );
  });

  test('overflow promotion at exactly ±2⁵² micro-units', () => {
    const max = 2 ** 52;
    expect(plus(max - 1, 1)).toBe(max);
    expectAmount(plus(max, 1), big.parse('4503599627.370497'));
    expectAmount(plus(-max, -1), big.parse('-4503599627.370497'));
    expectAmount(minus(-max, 1), big.parse('-4503599627.370497'));
    expectAmount(times(max / 2, 2), big.parse('4503599627.370496'));
    expectAmount(times(max / 2 + 1, 2), big.parse('4503599627.370498'));
    expectAmount(times(3, 1e-7), big.parse('0.0000000000003'));
    expectAmount(plus(new Decimal('4503599627.370497'), -1), big.parse('4503599627.370496'));
  });
});

/** Lists that fill the float part of a sum: many amounts just below 2⁵² micro-units, mostly of one sign. */
const overflowingListArb = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.bigInt({ min: LIMIT - 10n ** 9n, max: LIMIT }).map((micro) => ({ value: exact(micro, 6), amount: Number(micro) as Amount })) },
    { weight: 1, arbitrary: mixedAmountArb },
  ),
  { minLength: 2, maxLength: 40 },
);
const listArb = fc.oneof(fc.array(mixedAmountArb, { maxLength: 60 }), overflowingListArb);

function moneySum(items: readonly { amount: Amount }[]): MoneySum {
  const total = new MoneySum();
  for (const { amount } of items) total.add(amount);
  return total;
}

describe('MoneySum is the exact sum', () => {
  test('of any list: value() and amount() equal the BigInt sum', () => {
    fc.assert(
      fc.property(listArb, (items) => {
        const total = moneySum(items);
        const expected = sum(items.map((item) => item.value));
        expect(plain(big.parse(total.value().toFixed()))).toBe(plain(expected));
        expectAmount(total.amount(), expected, 'amount()');
        // a read changes nothing
        expect(plain(big.parse(total.value().toFixed()))).toBe(plain(expected));
      }),
    );
  });

  test('addSum of two sums is the sum of both lists, and leaves the other sum unchanged', () => {
    fc.assert(
      fc.property(listArb, listArb, listArb, (first, second, more) => {
        const total = moneySum(first);
        const other = moneySum(second);
        total.addSum(other);
        expect(plain(big.parse(other.value().toFixed()))).toBe(plain(sum(second.map((item) => item.value))));
        for (const { amount } of more) total.add(amount);
        const expected = sum([...first, ...second, ...more].map((item) => item.value));
        expect(plain(big.parse(total.value().toFixed()))).toBe(plain(expected));
        expectAmount(total.amount(), expected, 'amount()');
      }),
    );
  });

  test('addSum of itself doubles the sum', () => {
    fc.assert(
      fc.property(listArb, (items) => {
        const total = moneySum(items);
        total.addSum(total);
        expect(plain(big.parse(total.value().toFixed()))).toBe(plain(big.multiply(sum(items.map((item) => item.value)), exact(2n, 0))));
      }),
    );
  });
});

const squareAmountArb = amountArb({ scales: [0, 1, 2, 3, 4, 5, 6, 7, 8], negative: true });
const squareListArb = fc.oneof(
  fc.array(squareAmountArb, { maxLength: 60 }),
  // squares that fill a float part: |scaled| up to 2²⁶ (square up to 2⁵²) at each scale
  fc.array(
    fc.tuple(fc.integer({ min: 2 ** 25, max: 2 ** 26 }), fc.integer({ min: 0, max: 6 }), fc.boolean()).map(([scaled, decimals, negative]) => {
      const value = exact(BigInt(negative ? -scaled : scaled), decimals);
      return { value, amount: canonicalAmount(value) };
    }),
    { minLength: 2, maxLength: 40 },
  ),
);
const squares = (items: readonly { value: big.BigDecimal }[]): big.BigDecimal => sum(items.map(({ value }) => big.multiply(value, value)));

describe('SquareSum is the exact Σ amount²', () => {
  test('of any list (0–8 decimals, huge amounts, full float parts)', () => {
    fc.assert(
      fc.property(squareListArb, (items) => {
        const total = new SquareSum();
        for (const { amount } of items) total.add(amount);
        expect(plain(big.parse(total.value().toFixed()))).toBe(plain(squares(items)));
      }),
    );
  });

  test('addSum and addValue add exactly', () => {
    fc.assert(
      fc.property(squareListArb, squareListArb, valueArb({ scales: [0, 4, 12] }), (first, second, extra) => {
        const total = new SquareSum();
        for (const { amount } of first) total.add(amount);
        const other = new SquareSum();
        for (const { amount } of second) other.add(amount);
        total.addSum(other);
        total.addValue(new Decimal(plain(extra)));
        total.addSum(total);
        const expected = big.multiply(big.add(big.add(squares(first), squares(second)), extra), exact(2n, 0));
        expect(plain(big.parse(total.value().toFixed()))).toBe(plain(expected));
        expect(plain(big.parse(other.value().toFixed()))).toBe(plain(squares(second)));
      }),
    );
  });
});

// valueOf is used by expectAmount; keep one direct check that it reads both representations.
test('the test helper reads micro-units and Decimals alike', () => {
  expect(plain(valueOf(19_990_000))).toBe('19.99');
  expect(plain(valueOf(new Decimal('19.990')))).toBe('19.99');
});
