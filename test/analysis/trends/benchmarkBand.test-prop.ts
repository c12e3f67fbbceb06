import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CROSS_SELL_BANDS, benchmarkBand, type BenchmarkBand } from 'xsell-kpi';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
/** Strictly ascending thresholds, labelled by position. */
const bandsArb = fc.uniqueArray(finite, { minLength: 1, maxLength: 8 }).map((froms) =>
  [...new Set(froms.map((from) => from + 0))].sort((a, b) => a - b).map((from, index): BenchmarkBand => ({ label: `band${index}`, from })),
);
const rank = (label: string | null) => (label === null ? -1 : Number(label.slice(4)));

describe('benchmarkBand properties', () => {
  test('is the label of the last band whose from is ≤ the rate, or null', () => {
    fc.assert(
      fc.property(bandsArb, finite, (bands, rate) => {
        const below = bands.filter((band) => band.from <= rate);
        expect(benchmarkBand(rate, bands)).toBe(below.length === 0 ? null : below[below.length - 1]!.label);
      }),
    );
  });

  test('is monotone in the rate: a higher rate never gets a lower band', () => {
    fc.assert(
      fc.property(bandsArb, finite, finite, (bands, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(rank(benchmarkBand(low, bands))).toBeLessThanOrEqual(rank(benchmarkBand(high, bands)));
      }),
    );
  });

  test('every rate in [0, 1] gets a default band, monotone in the rate', () => {
    const order = CROSS_SELL_BANDS.map((band) => band.label as string);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(order.indexOf(benchmarkBand(low)!)).toBeLessThanOrEqual(order.indexOf(benchmarkBand(high)!));
        expect(order.indexOf(benchmarkBand(low)!)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  test('does not mutate the bands', () => {
    fc.assert(
      fc.property(bandsArb, finite, (bands, rate) => {
        const copy = structuredClone(bands);
        benchmarkBand(rate, bands);
        expect(bands).toEqual(copy);
      }),
    );
  });
});
