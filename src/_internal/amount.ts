import { Decimal, ZERO } from './decimal.js';
import { EMPTY_FLOAT64 } from './idTable.js';

/**
 * Exact money on the hot path, without a `Decimal` per line.
 *
 * An {@link Amount} is an integer number of micro-units (10⁻⁶ of the currency unit) while it fits
 * in ±2⁵² micro-units (±4.5 billion currency units), and a `Decimal` otherwise (more than six
 * decimals, or larger). Integers of that size add exactly in a float, so the common case is plain
 * integer arithmetic; anything else takes the exact `Decimal` path. Both stand for the same value:
 * the representation is an implementation detail, never a rounding.
 * @internal
 * @module
 */

/** @internal An exact amount: integer micro-units (|n| ≤ 2⁵²), or a `Decimal`. */
export type Amount = number | Decimal;

/** @internal 10⁶: micro-units per currency unit. */
export const MICRO = 1_000_000;
/** The largest magnitude kept as a number: any two of them still add exactly. */
const LIMIT = 2 ** 52;
const MICRO_DIGITS = 6;

/** @internal The amount as an exact `Decimal`. */
export function toDecimal(amount: Amount): Decimal {
  return typeof amount === 'number' ? new Decimal(`${amount}e-6`) : amount;
}

/** @internal A `Decimal` as an amount: micro-units when it has at most six decimals and fits. */
export function fromDecimal(value: Decimal): Amount {
  if (value.decimalPlaces() > MICRO_DIGITS) return value;
  const micro = value.times(MICRO);
  return micro.abs().lessThanOrEqualTo(LIMIT) ? micro.toNumber() || 0 : value;
}

/** @internal a + b, exact. */
export function plus(a: Amount, b: Amount): Amount {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (sum <= LIMIT && sum >= -LIMIT) return sum;
  }
  return fromDecimal(toDecimal(a).plus(toDecimal(b)));
}

/** @internal a − b, exact. */
export function minus(a: Amount, b: Amount): Amount {
  return plus(a, typeof b === 'number' ? -b : b.negated());
}

/** @internal a × n for a positive finite number n (a line's quantity), exact. */
export function times(a: Amount, n: number): Amount {
  if (typeof a === 'number' && Number.isInteger(n)) {
    const product = a * n;
    // Both are integers: when the true product is within the limit, the float product is exact.
    if (product <= LIMIT && product >= -LIMIT) return product;
  }
  return fromDecimal(toDecimal(a).times(new Decimal(n)));
}

/** @internal Compares two amounts: negative, zero or positive as a < b, a = b, a > b. */
export function compare(a: Amount, b: Amount): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return toDecimal(a).comparedTo(toDecimal(b));
}

/** @internal Whether the amount is zero. */
export function isZero(amount: Amount): boolean {
  return typeof amount === 'number' ? amount === 0 : amount.isZero();
}

/** @internal The canonical text `Decimal#toFixed()` writes for the amount (`'19.9'`, `'0.0001'`, `'3'`). */
export function amountText(amount: Amount): string {
  if (typeof amount !== 'number') return amount.toFixed();
  const magnitude = Math.abs(amount);
  const fraction = magnitude % MICRO;
  const whole = `${amount < 0 ? '-' : ''}${(magnitude - fraction) / MICRO}`;
  if (fraction === 0) return whole;
  return `${whole}.${String(fraction).padStart(MICRO_DIGITS, '0').replace(/0+$/, '')}`;
}

/** The largest whole part whose micro-units, plus any fraction, stay within the limit. */
const MAX_WHOLE = Math.floor((LIMIT - MICRO) / MICRO);

/**
 * @internal Reads a plain decimal string (`'19.99'`, `'0.5'`, `'+3'`, `'.25'`, `'7.'`) with at
 * most six significant decimals as micro-units; `undefined` for anything else (a `-` sign, more
 * decimals, a huge amount, or not a plain decimal at all), which the caller hands to the exact
 * `Decimal` reader for the value or the precise error.
 */
export function parseMicro(text: string): number | undefined {
  const length = text.length;
  let index = text.charCodeAt(0) === 43 /* + */ ? 1 : 0;
  const start = index;
  let whole = 0;
  for (; index < length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  let digits = index - start;
  let fraction = 0;
  if (index < length) {
    if (text.charCodeAt(index) !== 46 /* . */) return undefined;
    // The micro-units one digit is worth: 100,000 for the first decimal, … 1 for the sixth, then
    // less than one, where only zeros may follow.
    let worth = 100_000;
    for (index++; index < length; index++) {
      const digit = text.charCodeAt(index) - 48;
      if (digit < 0 || digit > 9) return undefined;
      digits++;
      if (digit !== 0) {
        if (worth < 1) return undefined;
        fraction += digit * worth;
      }
      worth /= 10;
    }
  }
  if (digits === 0 || whole > MAX_WHOLE) return undefined;
  return whole * MICRO + fraction;
}

/** @internal A finite number (a quantity, or money given as a number) as an amount, read through its shortest decimal string. */
export function amountFromNumber(value: number): Amount {
  if (Number.isInteger(value) && Math.abs(value) <= MAX_WHOLE) return value * MICRO || 0;
  // parseMicro gives up at once on a '-' sign or an exponent ('1e-7'): the exact reader takes those.
  return parseMicro(String(value)) ?? fromDecimal(new Decimal(value));
}

/** @internal An exact running sum of amounts: micro-units in a float while they fit, the rest in a `Decimal`. */
export class MoneySum {
  private micro = 0;
  private overflow: Decimal | undefined;

  /** Adds an amount. */
  add(amount: Amount): void {
    if (typeof amount === 'number') {
      const sum = this.micro + amount;
      if (sum <= LIMIT && sum >= -LIMIT) {
        this.micro = sum;
        return;
      }
      // The float part is full: move it to the Decimal part and start again from this amount.
      this.addDecimal(toDecimal(this.micro));
      this.micro = amount;
      return;
    }
    this.addDecimal(amount);
  }

  private addDecimal(value: Decimal): void {
    this.overflow = this.overflow === undefined ? value : this.overflow.plus(value);
  }

  /** Adds another sum. */
  addSum(other: MoneySum): void {
    // Read both parts first: `other` may be this very sum.
    const { micro, overflow } = other;
    this.add(micro);
    if (overflow !== undefined) this.addDecimal(overflow);
  }

  /** The sum, exact. */
  value(): Decimal {
    if (this.overflow === undefined) return this.micro === 0 ? ZERO : toDecimal(this.micro);
    return this.micro === 0 ? this.overflow : this.overflow.plus(toDecimal(this.micro));
  }

  /** The sum as the nearest number (micro-units ÷ 10⁶ is correctly rounded, as `Decimal#toNumber` is). */
  toNumber(): number {
    return this.overflow === undefined ? this.micro / MICRO : this.value().toNumber();
  }

  /** The sum as an amount. */
  amount(): Amount {
    return this.overflow === undefined ? this.micro : fromDecimal(this.value());
  }
}

/**
 * @internal An exact running sum of squared amounts (the second moment behind AOV's variance).
 * An amount with d significant decimals is squared as the integer (amount × 10^d)², summed per d
 * in a float while exact; larger squares go to a `Decimal`.
 */
export class SquareSum {
  /** Index d: the sum of (amount × 10^d)² over amounts with d decimals. */
  private readonly byDecimals = [0, 0, 0, 0, 0, 0, 0];
  private overflow: Decimal | undefined;

  /** Adds the square of an amount. */
  add(amount: Amount): void {
    if (typeof amount === 'number') {
      let scaled = amount;
      let decimals = MICRO_DIGITS;
      while (decimals > 0 && scaled % 10 === 0) {
        scaled /= 10;
        decimals--;
      }
      const square = scaled * scaled;
      if (square <= LIMIT) {
        const sum = this.byDecimals[decimals]! + square;
        if (sum > LIMIT) {
          // This float part is full: move it to the Decimal part and start again from this square.
          this.addValue(this.part(decimals));
          this.byDecimals[decimals] = square;
        } else {
          this.byDecimals[decimals] = sum;
        }
        return;
      }
    }
    const value = toDecimal(amount);
    this.addValue(value.times(value));
  }

  /** Adds another sum of squares. */
  addSum(other: SquareSum): void {
    this.addValue(other.value());
  }

  /** The sum, exact. */
  value(): Decimal {
    let total = this.overflow ?? ZERO;
    for (let decimals = 0; decimals <= MICRO_DIGITS; decimals++) total = total.plus(this.part(decimals));
    return total;
  }

  /** The float part for amounts with `decimals` decimals, as the value it stands for. */
  private part(decimals: number): Decimal {
    return new Decimal(`${this.byDecimals[decimals]!}e-${2 * decimals}`);
  }

  /** Adds an already squared value (a serialized or merged sum). */
  addValue(value: Decimal): void {
    this.overflow = this.overflow === undefined ? value : this.overflow.plus(value);
  }
}

/**
 * @internal Exact amounts by row (a customer's revenue, by the customer's row): micro-units in a
 * `Float64Array` (NaN for a row without an amount), a `Decimal` in a map beside it for the rare
 * amount that needs one (marked by Infinity). No number is boxed, so adding to a row allocates
 * nothing.
 */
export class AmountColumn {
  private micro: Float64Array = EMPTY_FLOAT64;
  private decimals: Map<number, Decimal> | undefined;

  /** The row's amount, or `undefined`. */
  get(row: number): Amount | undefined {
    const micro = this.micro[row];
    // NaN marks a row without an amount (past the end, the read is undefined already).
    if (micro !== micro) return undefined;
    return micro === Infinity ? this.decimals!.get(row)! : micro;
  }

  /** Adds an amount to the row's (absent counts as 0); returns whether the row had none before. */
  add(row: number, amount: Amount): boolean {
    if (row >= this.micro.length) {
      // Stryker disable next-line ArithmeticOperator: a smaller step only grows the array more often
      const grown = new Float64Array(Math.max(row + 1, this.micro.length * 2)).fill(Number.NaN);
      grown.set(this.micro);
      this.micro = grown;
    }
    const before = this.micro[row]!;
    if (before !== before) {
      this.set(row, amount);
      return true;
    }
    this.set(row, plus(before === Infinity ? this.decimals!.get(row)! : before, amount));
    return false;
  }

  private set(row: number, amount: Amount): void {
    if (typeof amount === 'number') {
      this.micro[row] = amount;
      this.decimals?.delete(row);
    } else {
      this.micro[row] = Infinity;
      (this.decimals ??= new Map()).set(row, amount);
    }
  }

  /** Each row with an amount, in row order. */
  *entries(): Generator<[number, Amount]> {
    // Stryker disable next-line EqualityOperator: get() of the row past the end is undefined, which is skipped
    for (let row = 0; row < this.micro.length; row++) {
      const amount = this.get(row);
      if (amount !== undefined) yield [row, amount];
    }
  }
}
