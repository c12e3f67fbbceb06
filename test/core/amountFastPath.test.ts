import { afterEach, describe, expect, test, vi } from 'vitest';
import { AmountColumn, MoneySum, SquareSum, amountFromNumber, compare, isZero, minus, parseMicro, plus, times, toDecimal, type Amount } from '../../src/_internal/amount.js';
import { Decimal, ZERO } from '../../src/_internal/decimal.js';
import { exact, plain } from '../support/amounts.js';

/**
 * The point of `src/_internal/amount.ts` is money without a `Decimal` per line (issue 11): amounts
 * of at most six decimals and ±2⁵² micro-units are plain integer arithmetic. The property tests
 * (amount.test-prop.ts) check that every result is exact; these check that the common case, up to
 * and including each bound, does no `Decimal` work at all, and that the bounds are where the
 * module says. A change that sent such values to the exact path would still be exact, but would
 * bring back the per-line cost.
 */

/** 2⁵²: the largest magnitude an amount keeps as a number. */
const LIMIT = 2 ** 52;
/** The largest whole number of currency units read as micro-units without the exact reader. */
const MAX_WHOLE = Math.floor((LIMIT - 1_000_000) / 1_000_000);

/** Every Decimal method the module calls; the private clone shares decimal.js's prototype. */
const METHODS = ['plus', 'minus', 'times', 'comparedTo', 'decimalPlaces', 'isZero', 'negated', 'abs', 'lessThanOrEqualTo', 'toNumber', 'toFixed'] as const;

/** How many Decimal methods `run` calls. */
function decimalWork(run: () => void): number {
  const spies = METHODS.map((name) => vi.spyOn(Decimal.prototype, name));
  try {
    run();
    return spies.reduce((calls, spy) => calls + spy.mock.calls.length, 0);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** The exact value of `unscaled` micro-units, as plain text. */
const micro = (unscaled: bigint): string => plain(exact(unscaled, 6));
const text = (amount: Amount | Decimal): string => toDecimal(amount).toFixed();

describe('plus, minus, times and compare stay on integers up to ±2⁵² micro-units', () => {
  test('sums, differences and products within the bound, the bound included', () => {
    const work = decimalWork(() => {
      expect(plus(19_990_000, 5_000_000)).toBe(24_990_000);
      expect(plus(-3, -4)).toBe(-7);
      expect(plus(LIMIT - 1, 1)).toBe(LIMIT);
      expect(plus(-LIMIT + 1, -1)).toBe(-LIMIT);
      expect(minus(5, 3)).toBe(2);
      expect(minus(-LIMIT + 1, 1)).toBe(-LIMIT);
      expect(times(19_990_000, 3)).toBe(59_970_000);
      expect(times(LIMIT / 2, 2)).toBe(LIMIT);
      expect(times(-LIMIT / 2, 2)).toBe(-LIMIT);
      expect(compare(1, 2)).toBeLessThan(0);
      expect(compare(LIMIT, -LIMIT)).toBeGreaterThan(0);
    });
    expect(work).toBe(0);
  });

  test('one micro-unit past the bound is a Decimal, exact', () => {
    expect(plus(LIMIT, 1)).toBeInstanceOf(Decimal);
    expect(text(plus(LIMIT, 1))).toBe(micro(2n ** 52n + 1n));
    expect(text(plus(-LIMIT, -1))).toBe(micro(-(2n ** 52n) - 1n));
    expect(text(times(LIMIT / 2 + 1, 2))).toBe(micro(2n ** 52n + 2n));
    expect(text(times(3, 0.5))).toBe('0.0000015');
  });

  test('isZero reads a Decimal zero too', () => {
    expect(isZero(0)).toBe(true);
    expect(isZero(1)).toBe(false);
    expect(isZero(new Decimal(0))).toBe(true);
    expect(isZero(new Decimal('1e-7'))).toBe(false);
  });
});

describe('parseMicro and amountFromNumber read the common forms without the exact reader', () => {
  test('plain decimal strings give their micro-units; anything else undefined', () => {
    expect(parseMicro('1.5')).toBe(1_500_000);
    expect(parseMicro('19.99')).toBe(19_990_000);
    expect(parseMicro('+.5')).toBe(500_000);
    expect(parseMicro('7.')).toBe(7_000_000);
    expect(parseMicro('0.000001')).toBe(1);
    expect(parseMicro('1.0000000')).toBe(1_000_000);
    expect(parseMicro(`${MAX_WHOLE}.999999`)).toBe(MAX_WHOLE * 1_000_000 + 999_999);
    const rejected = ['', '+', '.', '+.', '1.2x', '1.5e-7', '1e5', '-1.5', '1.0000001', `${MAX_WHOLE + 1}`, '1,5', ' 1'];
    expect(rejected.filter((text) => parseMicro(text) !== undefined)).toStrictEqual([]);
  });

  test('integers within ±MAX_WHOLE and positive numbers of six decimals are read with no Decimal work', () => {
    const work = decimalWork(() => {
      expect(amountFromNumber(5)).toBe(5_000_000);
      expect(amountFromNumber(-5)).toBe(-5_000_000);
      expect(amountFromNumber(-0)).toBe(0);
      expect(amountFromNumber(MAX_WHOLE)).toBe(MAX_WHOLE * 1_000_000);
      expect(amountFromNumber(-MAX_WHOLE)).toBe(-MAX_WHOLE * 1_000_000);
      expect(amountFromNumber(19.99)).toBe(19_990_000);
      expect(amountFromNumber(0.000001)).toBe(1);
    });
    expect(work).toBe(0);
  });

  test('the rest through the exact reader: negative fractions, exponents, huge integers', () => {
    expect(amountFromNumber(-19.99)).toBe(-19_990_000);
    expect(text(amountFromNumber(1.5e-7))).toBe('0.00000015');
    expect(amountFromNumber(-MAX_WHOLE - 1)).toBe(-(MAX_WHOLE + 1) * 1_000_000);
    expect(text(amountFromNumber(1e21))).toBe('1000000000000000000000');
  });
});

describe('MoneySum keeps integers until they pass the bound', () => {
  test('adding, reading as a number and as an amount within the bound does no Decimal work', () => {
    const sum = new MoneySum();
    const work = decimalWork(() => {
      for (let i = 0; i < 100; i++) sum.add(19_990_000);
      expect(sum.toNumber()).toBe(1999);
      expect(sum.amount()).toBe(1_999_000_000);
      sum.add(LIMIT - 1_999_000_000);
      expect(sum.amount()).toBe(LIMIT);
      sum.add(-2 * LIMIT);
      expect(sum.amount()).toBe(-LIMIT);
    });
    expect(work).toBe(0);
    expect(sum.value().toFixed()).toBe(micro(-(2n ** 52n)));
  });

  test('an empty sum is the shared zero, and a sum of one Decimal is that Decimal', () => {
    expect(new MoneySum().value()).toBe(ZERO);
    const tiny = new Decimal('0.0000001');
    const sum = new MoneySum();
    sum.add(tiny);
    expect(sum.value()).toBe(tiny);
  });

  test('past 2⁵³ micro-units the sum is still exact', () => {
    const sum = new MoneySum();
    for (const amount of [LIMIT, LIMIT, LIMIT, 1, LIMIT]) sum.add(amount);
    expect(sum.value().toFixed()).toBe(micro(4n * 2n ** 52n + 1n));
    expect(sum.amount()).toBeInstanceOf(Decimal);
    const negative = new MoneySum();
    for (const amount of [-LIMIT, -LIMIT, -LIMIT, -1, -LIMIT]) negative.add(amount);
    expect(negative.value().toFixed()).toBe(micro(-4n * 2n ** 52n - 1n));
  });
});

describe('SquareSum squares amounts of d decimals as integers', () => {
  /** A sum with a Decimal part already, so that a carry into it would be a Decimal addition. */
  const withDecimalPart = (): SquareSum => {
    const squares = new SquareSum();
    squares.add(new Decimal('1e20'));
    return squares;
  };

  test('squares up to 2⁵² each do no Decimal work', () => {
    const squares = withDecimalPart();
    const work = decimalWork(() => {
      for (let i = 0; i < 10; i++) squares.add(19_990_000);
      // 1,000 currency units: (1000)² with no decimals, not (10⁹ micro-units)².
      squares.add(1_000_000_000);
      // 2²⁶ micro-units squared is 2⁵² exactly.
      squares.add(2 ** 26);
    });
    expect(work).toBe(0);
    const microSquares = (10n ** 20n * 10n ** 6n) ** 2n + 10n * 19_990_000n ** 2n + 1_000_000_000n ** 2n + (2n ** 26n) ** 2n;
    expect(squares.value().toFixed()).toBe(plain(exact(microSquares, 12)));
  });

  test('a part is carried only past 2⁵², not at it', () => {
    const squares = withDecimalPart();
    // Four times (2²⁵)² = 2⁵²: the six-decimal part is full, exactly at the bound.
    const work = decimalWork(() => {
      for (let i = 0; i < 4; i++) squares.add(2 ** 25);
    });
    expect(work).toBe(0);
  });

  test('parts past 2⁵² move into the Decimal part exactly', () => {
    const squares = new SquareSum();
    // (2²⁶ − 1)² is just under 2⁵²; seven of them pass 2⁵³, where a float sum of them is off by 3.
    const amount = 2 ** 26 - 1;
    for (let i = 0; i < 7; i++) squares.add(amount);
    const unscaled = 7n * BigInt(amount) ** 2n;
    expect(squares.value().toFixed()).toBe(plain(exact(unscaled, 12)));
  });
});

describe('AmountColumn', () => {
  test('rows without an amount are neither read nor listed, also past the ones in use', () => {
    const column = new AmountColumn();
    expect(column.add(0, 1_000_000)).toBe(true);
    expect(column.add(1, 2_000_000)).toBe(true);
    expect(column.add(2, 3_000_000)).toBe(true);
    expect(column.add(1, 500_000)).toBe(false);
    expect(column.get(3)).toBeUndefined();
    expect(column.get(100)).toBeUndefined();
    expect([...column.entries()]).toStrictEqual([
      [0, 1_000_000],
      [1, 2_500_000],
      [2, 3_000_000],
    ]);
  });

  test('a row past 2⁵² micro-units becomes a Decimal, exact, and back to a number when it fits', () => {
    const column = new AmountColumn();
    for (const amount of [LIMIT, LIMIT, 1, LIMIT]) column.add(5, amount);
    expect(text(column.get(5)!)).toBe(micro(3n * 2n ** 52n + 1n));
    column.add(5, -3 * LIMIT);
    expect(column.get(5)).toBe(1);
    expect([...column.entries()]).toStrictEqual([[5, 1]]);
  });
});
