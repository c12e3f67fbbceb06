import { EMPTY_FLOAT64, grow } from './idTable.js';

/**
 * @internal What additive folds kept per order, by row, for a Scorecard's orders: numbers (most
 * contributions: micro-units, 0 or 1) unboxed in a `Float64Array`, anything else (a `Decimal`, a
 * pair, `null`) in a map beside it, marked by NaN (no contribution is NaN).
 */
export class KeptColumn {
  private numbers: Float64Array = EMPTY_FLOAT64;
  private others: Map<number, unknown> | undefined;

  set(row: number, value: unknown): void {
    if (row >= this.numbers.length) this.numbers = grow(this.numbers, Math.max(row + 1, this.numbers.length * 2));
    if (typeof value === 'number') {
      this.numbers[row] = value;
      return;
    }
    this.numbers[row] = Number.NaN;
    if (value !== undefined) (this.others ??= new Map()).set(row, value);
  }

  get(row: number): unknown {
    const number = this.numbers[row]!;
    return number === number ? number : this.others?.get(row);
  }
}
